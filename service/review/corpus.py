"""The stored corpus as the themes aggregation reads it: one small report dict per stored report (id, name,
metadata, its problem and measure findings), optionally with the reviewers' corrections applied.

``themes_from_reports`` (``service.corpus_themes``) only reads ``source.name``, ``document.*.value`` and
``findings``; the dicts built here carry those, plus the report ``id`` and each finding's ``correction`` (the
correction that changed it, or ``None``) for the pages. Nothing here touches Flask.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, fields

from ..store import LEVELS, Store
from .errors import BadParameter

PROBLEM_KINDS = ("problem", "measure")


@dataclass(frozen=True)
class Filters:
    """The filters of the review pages: year, level, region (part of its name), agency (part of its name)."""

    year: int | None = None
    level: str | None = None
    region: str | None = None
    agency: str | None = None

    @classmethod
    def from_args(cls, args) -> "Filters":
        year = (args.get("year") or "").strip()
        if year and (not year.isdigit() or not 1990 <= int(year) <= 2100):
            raise BadParameter(f"年份应为 1990–2100 之间的整数，而不是 “{year}”")
        level = (args.get("level") or "").strip() or None
        if level is not None and level not in LEVELS:
            raise BadParameter(f"层级应为 {', '.join(LEVELS)} 之一，而不是 “{level}”")
        return cls(year=int(year) if year else None, level=level,
                   region=(args.get("region") or "").strip() or None,
                   agency=(args.get("agency") or "").strip() or None)

    def matches(self, row: dict) -> bool:
        return ((self.year is None or row["year"] == self.year)
                and (self.level is None or row["level"] == self.level)
                and (self.region is None or self.region in (row["region"] or ""))
                and (self.agency is None or self.agency in (row["agency"] or "")))

    def query(self) -> dict:
        """The filters as query parameters (for links that keep them)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None}

    @property
    def active(self) -> bool:
        return bool(self.query())


def _field(value) -> dict:
    return {"value": value}


def latest_corrections(corrections: list[dict]) -> dict[tuple[int, str], dict]:
    """The latest theme / not-a-problem correction of each (report, finding): the one in force."""
    latest: dict[tuple[int, str], dict] = {}
    for correction in corrections:  # oldest first
        if correction["finding_id"] and correction["action"] in ("theme", "not_problem"):
            latest[(correction["report_id"], correction["finding_id"])] = correction
    return latest


def corpus_reports(store: Store, filters: Filters = Filters(), reviewed: bool = True) -> list[dict]:
    """The stored reports that match ``filters``, as report dicts with their problem and measure findings;
    ``reviewed``: with the corrections in force applied (a theme changed, a non-problem dropped, a missed problem
    added), each changed finding carrying its ``correction``."""
    rows = [row for row in store.report_rows() if filters.matches(row)]
    wanted = {row["id"] for row in rows}
    findings: dict[int, list[dict]] = defaultdict(list)
    for kind in PROBLEM_KINDS:
        for stored in store.findings(kind):
            if stored["report_id"] in wanted:
                findings[stored["report_id"]].append(_finding(stored))
    corrections = [c for c in store.corrections() if c["report_id"] in wanted] if reviewed else []
    in_force = latest_corrections(corrections)
    reports = []
    for row in rows:
        items = []
        for finding in sorted(findings[row["id"]], key=lambda f: (f["span"]["start"], f["kind"])):
            correction = in_force.get((row["id"], finding["id"]))
            if correction is None:
                items.append(finding)
            elif correction["action"] == "theme":
                items.append(dict(finding, key=correction["value"]["theme"], correction=correction))
        items += [_missing(c) for c in corrections
                  if c["report_id"] == row["id"] and c["action"] == "missing_problem"]
        reports.append({
            "id": row["id"], "source": {"name": row["name"]},
            "document": {"agency": _field(row["agency"]), "year": _field(row["year"]), "level": _field(row["level"]),
                         "region": _field(row["region"])},
            "findings": items,
        })
    return reports


def _finding(stored: dict) -> dict:
    return {"id": stored["finding_id"], "kind": stored["kind"], "key": stored["key"], "value": stored["value"],
            "qualifiers": stored["qualifiers"] or {}, "span": {"start": stored["span_start"], "end": stored["span_end"]},
            "score": stored["score"], "method": stored["method"], "extractor": stored["extractor"],
            "correction": None}


def _missing(correction: dict) -> dict:
    value = correction["value"]
    return {"id": f"c{correction['id']}", "kind": "problem", "key": value["theme"], "value": value["statement"],
            "qualifiers": {"period": value["period"], "specific": value["specific"], "answers": None},
            "span": {"start": correction["span_start"], "end": correction["span_end"]}, "score": None,
            "method": "reviewer", "extractor": None, "correction": correction}


def statements(reports: list[dict], theme: str | None = None) -> list[dict]:
    """The problem statements of ``reports`` (of one ``theme``), each with its report's id, name and metadata."""
    out = []
    for report in reports:
        document = report["document"]
        for finding in report["findings"]:
            if finding["kind"] == "problem" and (theme is None or finding["key"] == theme):
                out.append({"report_id": report["id"], "source": report["source"]["name"],
                            "agency": document["agency"]["value"], "year": document["year"]["value"],
                            "level": document["level"]["value"], "region": document["region"]["value"],
                            "finding": finding})
    return out
