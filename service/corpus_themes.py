"""Problem themes across a corpus of reports: pure functions over report dicts (``Report.to_dict()``).

``themes_from_reports(reports)`` returns:

- ``themes``: per theme, the count of problem statements, by year, by level and by agency, with example statements
  and their sources;
- ``recurring``: agencies whose same theme is admitted in two or more different years;
- ``near_duplicates``: pairs of problem statements of different reports that are nearly the same words (Dice
  coefficient of character bigrams ≥ ``DUPLICATE_THRESHOLD``), marked ``same agency, other year`` (copied from last year's report) or
  ``other agency`` (boilerplate shared across bodies);
- ``clusters``: discovery: TF-IDF over the statements' character n-grams, k-means; each cluster with its top terms,
  its examples and how many of its statements the taxonomy files as ``other`` (a cluster mostly ``other`` is a
  candidate new theme).

Only findings of kind ``problem`` count (measures answer them). Reports are read from the fields every report has:
``source.name``, ``document.agency/year/level``.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter, defaultdict
from itertools import combinations

DUPLICATE_THRESHOLD = 0.5
_STOCK = re.compile(r"有待|进一步|需要|还需|仍需|加强|提升|提高|不够|不足|仍有|[,，、。;；“”]")
EXAMPLES = 3


def _value(document: dict, key: str):
    field = document.get(key) or {}
    return field.get("value") if isinstance(field, dict) else field


def problem_rows(reports: list[dict]) -> list[dict]:
    rows = []
    for report in reports:
        document = report.get("document") or {}
        source = (report.get("source") or {}).get("name")
        for finding in report.get("findings") or []:
            if finding.get("kind") != "problem":
                continue
            qualifiers = finding.get("qualifiers") or {}
            rows.append({
                "theme": finding.get("key"), "statement": finding.get("value") or "", "source": source,
                "agency": _value(document, "agency") or "(agency not stated)", "year": _value(document, "year"),
                "level": _value(document, "level") or "(unknown)", "period": qualifiers.get("period"),
                "specific": bool(qualifiers.get("specific")), "span": finding.get("span"), "id": finding.get("id"),
            })
    return rows


def _year_of(row: dict):
    """The year a statement is about: last year's problems belong to the year before the report's."""
    year = row["year"]
    return year - 1 if isinstance(year, int) and row["period"] == "previous" else year


def aggregate(rows: list[dict]) -> list[dict]:
    by_theme: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_theme[row["theme"]].append(row)
    out = []
    for theme, items in sorted(by_theme.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        out.append({
            "theme": theme, "count": len(items),
            "specific": sum(r["specific"] for r in items),
            "by_year": dict(sorted(Counter(str(_year_of(r)) for r in items).items())),
            "by_level": dict(Counter(r["level"] for r in items).most_common()),
            "by_agency": dict(Counter(r["agency"] for r in items).most_common()),
            "examples": [{"statement": r["statement"], "source": r["source"], "agency": r["agency"],
                          "year": _year_of(r), "span": r["span"]} for r in items[:EXAMPLES]],
        })
    return out


def recurring(rows: list[dict]) -> list[dict]:
    years: dict[tuple[str, str], set] = defaultdict(set)
    for row in rows:
        if row["agency"] != "(agency not stated)" and _year_of(row) is not None:
            years[(row["agency"], row["theme"])].add(_year_of(row))
    return [{"agency": agency, "theme": theme, "years": sorted(found)}
            for (agency, theme), found in sorted(years.items()) if len(found) >= 2]


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def near_duplicates(rows: list[dict], threshold: float = DUPLICATE_THRESHOLD) -> list[dict]:
    grams = [_bigrams(r["statement"]) for r in rows]
    out = []
    for i, j in combinations(range(len(rows)), 2):
        a, b = rows[i], rows[j]
        if a["source"] == b["source"] or not grams[i] or not grams[j]:
            continue
        similarity = 2 * len(grams[i] & grams[j]) / (len(grams[i]) + len(grams[j]))  # Dice
        if similarity >= threshold:
            relation = "same agency, other year" if a["agency"] == b["agency"] else "other agency"
            out.append({"similarity": round(similarity, 3), "relation": relation,
                        "a": {k: a[k] for k in ("statement", "source", "agency", "year")},
                        "b": {k: b[k] for k in ("statement", "source", "agency", "year")}})
    return sorted(out, key=lambda d: -d["similarity"])


def clusters(rows: list[dict], k: int | None = None, seed: int = 0) -> list[dict]:
    """k-means over TF-IDF of character 1–2-grams; k defaults to about one cluster for every four statements."""
    if len(rows) < 4:
        return []
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [_STOCK.sub("", r["statement"]) for r in rows]  # the stock phrases every problem carries
    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(2, 3), sublinear_tf=True, min_df=1)
    matrix = vectorizer.fit_transform(texts)
    k = k or max(2, min(12, len(rows) // 4))
    model = KMeans(n_clusters=k, n_init=10, random_state=seed).fit(matrix)
    terms = vectorizer.get_feature_names_out()
    out = []
    for c in range(k):
        members = [i for i, label in enumerate(model.labels_) if label == c]
        if not members:
            continue
        top = model.cluster_centers_[c].argsort()[::-1][:6]
        themes = Counter(rows[i]["theme"] for i in members)
        out.append({"cluster": c, "size": len(members), "top_terms": [str(terms[t]) for t in top],
                    "themes": dict(themes.most_common()), "other_share": round(themes.get("other", 0) / len(members), 2),
                    "examples": [{"statement": rows[i]["statement"], "source": rows[i]["source"]} for i in members[:EXAMPLES]]})
    return sorted(out, key=lambda c: (-c["other_share"], -c["size"]))


def themes_from_reports(reports: list[dict], discover: bool = True) -> dict:
    rows = problem_rows(reports)
    return {"reports": len(reports), "statements": len(rows), "themes": aggregate(rows),
            "recurring": recurring(rows), "near_duplicates": near_duplicates(rows),
            "clusters": clusters(rows) if discover else []}


def to_csv(result: dict) -> str:
    """One row per theme and breakdown value: theme, dimension (year/level/agency), value, count."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["theme", "dimension", "value", "count"])
    for theme in result["themes"]:
        writer.writerow([theme["theme"], "total", "", theme["count"]])
        for dimension in ("year", "level", "agency"):
            for value, count in theme[f"by_{dimension}"].items():
                writer.writerow([theme["theme"], dimension, value, count])
    for item in result["recurring"]:
        writer.writerow([item["theme"], "recurring_agency", item["agency"], len(item["years"])])
    return buffer.getvalue()


def to_text(result: dict) -> str:
    lines = [f"{result['statements']} problem statements in {result['reports']} reports", "", "THEMES"]
    for theme in result["themes"]:
        lines.append(f"  {theme['theme']:<24} {theme['count']:>4}  (specific {theme['specific']})  "
                     f"years {theme['by_year']}  levels {theme['by_level']}")
        lines.append(f"      agencies {theme['by_agency']}")
        for example in theme["examples"]:
            lines.append(f"      · {example['statement']}  [{example['source']}]")
    lines += ["", "RECURRING (same agency, same theme, several years)"]
    lines += [f"  {r['agency']}: {r['theme']} in {r['years']}" for r in result["recurring"]] or ["  none"]
    lines += ["", "NEAR-DUPLICATES"]
    lines += [f"  {d['similarity']:.2f} {d['relation']}: {d['a']['statement']} [{d['a']['source']}] ≈ "
              f"{d['b']['statement']} [{d['b']['source']}]" for d in result["near_duplicates"]] or ["  none"]
    lines += ["", "CLUSTERS (discovery; a cluster mostly 'other' is a candidate theme)"]
    for c in result["clusters"]:
        lines.append(f"  #{c['cluster']} size {c['size']} other {c['other_share']:.0%} terms {' '.join(c['top_terms'])}")
        lines += [f"      · {e['statement']}  [{e['source']}]" for e in c["examples"]]
    return "\n".join(lines)
