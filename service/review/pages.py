"""What each page shows, computed from the store (no Flask here): the overview's themes and charts, a theme's
statements, a report's sections, tables and marked text. The views in ``views.py`` render these."""

from __future__ import annotations

from collections import Counter, defaultdict

from ..corpus_themes import themes_from_reports
from ..store import LEVELS, Store
from . import charts
from .corpus import Filters, corpus_reports, latest_corrections, statements
from .corrections import theme_labels
from .highlight import Mark, in_context, marked
from .texts import report_text

LEVEL_LABELS = {"ministry": "部委", "province": "省级", "city": "市级", "county": "县级", "township": "乡镇",
                "department": "部门"}
KIND_LABELS = {"problem": "问题", "measure": "措施", "quantity": "数量"}
ACTION_LABELS = {"theme": "改主题", "not_problem": "不是问题", "missing_problem": "补漏问题", "quantity": "更正数量"}
PAGE_SIZE = 100
# Column headings of the three tables as the national templates print them (keys: spec/table_keys.md).
COLUMN_LABELS = {
    "natural_person": "自然人", "commercial_enterprise": "商业企业", "research_institution": "科研机构",
    "social_welfare_org": "社会公益组织", "legal_service_org": "法律服务机构", "other_org": "其他组织", "total": "总计",
    "issued": "本年制发", "abolished": "本年废止", "in_force": "现行有效", "decisions": "处理决定", "amount": "金额",
    "made": "本年新制作", "published": "本年新公开", "total_public": "对外公开总数", "previous_year": "上一年项目数",
    "change": "本年增/减", "projects": "采购项目数", "upheld": "维持", "corrected": "纠正", "other": "其他",
    "pending": "尚未审结",
}


def themes(store: Store, filters: Filters, reviewed: bool, cache: dict) -> tuple[list[dict], dict]:
    """The corpus reports that match and their ``themes_from_reports`` result, cached until the store changes."""
    key = (store.version_mark(), filters, reviewed)
    if key not in cache:
        if len(cache) > 32:
            cache.clear()
        reports = corpus_reports(store, filters, reviewed)
        cache[key] = (reports, themes_from_reports(reports))
    return cache[key]


def filter_options(store: Store) -> dict:
    rows = store.report_rows()
    return {"years": sorted({r["year"] for r in rows if r["year"]}, reverse=True),
            "levels": [level for level in LEVELS if any(r["level"] == level for r in rows)],
            "regions": sorted({r["region"] for r in rows if r["region"]}),
            "agencies": sorted({r["agency"] for r in rows if r["agency"]})}


def overview(reports: list[dict], result: dict, theme_href) -> dict:
    """Per theme: count, generic share, counts by year (a spark chart); and the charts of the whole selection."""
    labels = theme_labels()
    years = sorted({year for theme in result["themes"] for year in theme["by_year"] if year != "None"})
    rows = []
    for theme in result["themes"]:
        generic = theme["count"] - theme["specific"]
        rows.append({
            "theme": theme["theme"], "label": labels.get(theme["theme"], theme["theme"]), "count": theme["count"],
            "generic": generic, "generic_share": generic / theme["count"] if theme["count"] else 0.0,
            "by_year": theme["by_year"], "by_level": theme["by_level"],
            "agencies": len(theme["by_agency"]),
            "spark": charts.spark([theme["by_year"].get(year, 0) for year in years]),
        })
    by_year: Counter = Counter()
    by_level: Counter = Counter()
    for theme in result["themes"]:
        by_year.update({year: count for year, count in theme["by_year"].items()})
        by_level.update(theme["by_level"])
    total = sum(row["count"] for row in rows)
    generic = sum(row["generic"] for row in rows)
    return {
        "rows": rows, "years": years, "total": total, "generic": generic,
        "generic_share": generic / total if total else 0.0,
        "year_chart": charts.columns([(year if year != "None" else "未注明", count, None)
                                      for year, count in sorted(by_year.items())]),
        "level_chart": charts.rows([(LEVEL_LABELS.get(level, level), count, None)
                                    for level, count in by_level.most_common()]),
        "theme_chart": charts.rows([(row["label"], row["count"], theme_href(row["theme"])) for row in rows],
                                   label_width=130),
        "uncovered": [c for c in result["clusters"] if c["other_share"] >= 0.5],
        "reports": len(reports),
    }


def theme_page(store: Store, reports: list[dict], result: dict, theme: str, page: int) -> dict:
    """A theme's statements (one page of them, each in its context), its recurring agencies and its clusters."""
    found = statements(reports, theme)
    found.sort(key=lambda s: (s["agency"] or "", s["year"] or 0, s["finding"]["span"]["start"] or 0))
    shown = found[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    texts: dict[int, str | None] = {}
    for item in shown:
        if item["report_id"] not in texts:
            texts[item["report_id"]] = report_text(store, item["report_id"])
        span = item["finding"]["span"]
        item["context"] = in_context(texts[item["report_id"]], span["start"], span["end"])
    summary = next((t for t in result["themes"] if t["theme"] == theme), None)
    statements_in = {(s["source"], s["finding"]["value"]) for s in found}
    clusters = [c for c in result["clusters"] if any((e["source"], e["statement"]) in statements_in
                                                     for e in c["examples"]) or theme in c["themes"]]
    by_year = (summary or {}).get("by_year", {})
    return {
        "theme": theme, "label": theme_labels().get(theme, theme), "statements": shown, "total": len(found),
        "page": page, "pages": max(1, -(-len(found) // PAGE_SIZE)),
        "specific": sum(1 for s in found if s["finding"]["qualifiers"].get("specific")),
        "recurring": [r for r in result["recurring"] if r["theme"] == theme],
        "clusters": clusters,
        "year_chart": charts.columns([(y if y != "None" else "未注明", n, None) for y, n in by_year.items()],
                                     width=360, height=130),
        "by_agency": (summary or {}).get("by_agency", {}),
    }


def _cell_grid(table: dict, failed_spans: set[tuple[int, int]]) -> dict:
    """A table's cells as a grid: rows by the key before its last dot, columns by the last part."""
    rows: dict[str, dict[str, dict]] = defaultdict(dict)
    columns: list[str] = []
    for key, cell in (table.get("cells") or {}).items():
        row, _, column = key.rpartition(".")
        if column not in columns:
            columns.append(column)
        span = (cell or {}).get("span") or {}
        rows[row or key][column] = {
            "key": key, "value": None if cell is None else cell.get("value"),
            "failed": (span.get("start"), span.get("end")) in failed_spans,
        }
    return {"columns": columns, "rows": list(rows.items())}


def report_page(store: Store, report_id: int) -> dict:
    report = store.report(report_id)
    text = report_text(store, report_id)
    corrections = store.corrections(report_id)
    in_force = {finding_id: c for (_, finding_id), c in latest_corrections(corrections).items()}
    history: dict[str, list[dict]] = defaultdict(list)
    for correction in corrections:
        if correction["finding_id"]:
            history[correction["finding_id"]].append(correction)
    failed = [c for c in report.get("checks", []) if c.get("status") == "fail"]
    failed_spans = {(s["start"], s["end"]) for c in failed for s in c.get("spans") or []}
    marks = [Mark(start, end, "cell-fail", "核对未通过的表格单元格") for start, end in failed_spans]
    findings = []
    for number, finding in enumerate(report.get("findings") or [], start=1):
        correction = in_force.get(finding["id"])
        extractor = finding.get("extractor") or {}
        title = (f"#{number} {KIND_LABELS.get(finding['kind'], finding['kind'])} · {finding['key']} · "
                 f"得分 {finding.get('score')} · {extractor.get('name', '')} {extractor.get('version', '')}")
        css = f"f-{finding['kind']}" + (" corrected" if correction else "")
        marks.append(Mark(finding["span"]["start"], finding["span"]["end"], css, title, f"f{number}"))
        findings.append({"number": number, "finding": finding, "correction": correction,
                         "history": history.get(finding["id"], [])})
    for correction in corrections:
        if correction["action"] in ("missing_problem", "quantity") and not correction["finding_id"]:
            marks.append(Mark(correction["span_start"], correction["span_end"], "reviewer",
                              f"审核员 {correction['reviewer']} 补充：{ACTION_LABELS[correction['action']]}",
                              f"c{correction['id']}"))
    sections = report.get("sections") or []
    parts = []
    if text is not None:
        cuts = [0] + [s["span"]["start"] for s in sections] + [len(text)]
        titles = [None] + sections
        for section, start, end in zip(titles, cuts, cuts[1:]):
            parts.append({"section": section, "html": marked(text, marks, start, max(start, end))})
    tables = {name: dict(table, grid=_cell_grid(table, failed_spans))
              for name, table in (report.get("tables") or {}).items()}
    return {"id": report_id, "report": report, "text": text, "parts": parts, "sections": sections,
            "tables": tables, "checks": report.get("checks") or [], "failed": failed, "findings": findings,
            "added": [c for c in corrections if not c["finding_id"]], "corrections": corrections}
