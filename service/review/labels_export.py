"""``python -m service export-labels --db URL --out DIR``: the reviewers' corrections as gold labels
(``corpus/labels/README.md``), so that training and the evaluation can use them.

For every report that has a correction:

- ``problems/<report file name>.tsv`` when a problem was corrected (a theme changed, marked not a problem, or
  added): the machine's problem and measure findings with the corrections in force applied (a dropped one left out,
  a measure following the corrected theme of the problem it answers), plus the problems reviewers added. Each row a
  reviewer decided is preceded by a comment naming who and when; the other rows are the machine's output as the
  reviewer saw it, not read by hand, and the file says so;
- ``quantities/<report file name>.tsv`` when a quantity was corrected: the corrected quantities only (the file says
  it is partial).

Contexts are pieces of the report that occur once in it (without white space, after NFKC), as the loader
(``service/labels.py``) requires; the tests load every exported file with it.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import defaultdict
from pathlib import Path

from ..store import DB_URL_ENV, Store, StoreError, open_store
from ..text import SubmittedText
from .corpus import latest_corrections
from .texts import report_text

PROBLEM_HEADER = ("id", "kind", "period", "theme", "specific", "answers", "context")
QUANTITY_HEADER = ("id", "key", "qualifiers", "value", "approx", "unit", "number", "context", "whole")
APPROX = ("余", "多", "近", "约", "超过", "以上", "左右")


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "export-labels", help="write the reviewers' corrections as gold-label files (corpus/labels format)",
        description="Write the corrections stored by the review pages as label files in the format of "
                    "corpus/labels/: problems/<report>.tsv and quantities/<report>.tsv under --out.")
    parser.add_argument("--db", default=os.environ.get(DB_URL_ENV),
                        help=f"the store's database URL (default: ${DB_URL_ENV})")
    parser.add_argument("--out", required=True, type=Path, help="directory to write problems/ and quantities/ in")


def run(args: argparse.Namespace) -> int:
    if not args.db:
        print(f"error: no database: give --db or set {DB_URL_ENV}", file=sys.stderr)
        return 2
    try:
        store = open_store(args.db)
    except StoreError as exc:
        print(f"error: {exc.message} [{exc.code}]", file=sys.stderr)
        return 1
    try:
        written = export_labels(store, args.out)
    finally:
        store.close()
    print(f"export-labels: {len(written)} files written under {args.out}", file=sys.stderr)
    for path in written:
        print(path)
    return 0


def export_labels(store: Store, out: Path) -> list[Path]:
    by_report: dict[int, list[dict]] = defaultdict(list)
    for correction in store.corrections():
        by_report[correction["report_id"]].append(correction)
    written = []
    used_names: set[str] = set()
    for report_id, corrections in sorted(by_report.items()):
        report = store.report(report_id)
        text = report_text(store, report_id)
        if text is None:
            print(f"export-labels: report {report_id} has no stored text (scored before schema 2): skipped",
                  file=sys.stderr)
            continue
        name = _file_name(report, report_id, used_names)
        header = [f"# Exported by `python -m service export-labels` from review corrections: report {report_id} "
                  f"({report['source'].get('name')}), pipeline {report['pipeline'].get('version')} "
                  f"{report['pipeline'].get('fingerprint')}."]
        if any(c["action"] != "quantity" for c in corrections):
            rows = _problem_rows(report, text, corrections)
            written.append(_write(out / "problems" / f"{name}.tsv", header + [
                "# Rows after a '# reviewed' comment were decided by a reviewer; the others are the machine's "
                "findings as the reviewer saw them, not read by hand."], PROBLEM_HEADER, rows))
        quantities = [c for c in corrections if c["action"] == "quantity"]
        if quantities:
            written.append(_write(out / "quantities" / f"{name}.tsv", header + [
                "# Partial: only the quantities reviewers corrected or added, not every quantity of the report."],
                QUANTITY_HEADER, _quantity_rows(text, quantities)))
    return written


def _file_name(report: dict, report_id: int, used: set[str]) -> str:
    name = Path(report["source"].get("name") or f"report_{report_id}.txt").name
    if name in used:
        name = f"{report_id}_{name}"
    used.add(name)
    return name


def _reviewed(correction: dict) -> str:
    return f"# reviewed by {correction['reviewer']} at {correction['created_at']}: {correction['action']}"


def _problem_rows(report: dict, text: str, corrections: list[dict]) -> list[tuple[str | None, tuple]]:
    in_force = {finding_id: c for (_, finding_id), c in latest_corrections(corrections).items()}
    compact = SubmittedText.of(text).compact
    findings = [f for f in report.get("findings") or [] if f["kind"] in ("problem", "measure")
                and (in_force.get(f["id"]) or {}).get("action") != "not_problem"]
    themes = {f["id"]: (in_force[f["id"]]["value"]["theme"] if f["id"] in in_force else f["key"]) for f in findings}
    items = [(f["span"]["start"], f["span"]["end"], f, in_force.get(f["id"])) for f in findings]
    items += [(c["span_start"], c["span_end"], None, c) for c in corrections if c["action"] == "missing_problem"]
    items.sort(key=lambda item: (item[0], item[1]))
    ids: dict[str, str] = {}
    counts = {"problem": 0, "measure": 0}
    for _, _, finding, correction in items:
        kind = finding["kind"] if finding else "problem"
        counts[kind] += 1
        key = finding["id"] if finding else f"c{correction['id']}"
        ids[key] = f"{kind[0]}{counts[kind]}"
    rows = []
    for start, end, finding, correction in items:
        context = unique_context(compact, start, end)
        if finding is None:
            value = correction["value"]
            rows.append((_reviewed(correction), (ids[f"c{correction['id']}"], "problem", value["period"],
                                                 value["theme"], "1" if value["specific"] else "0", "", context)))
            continue
        qualifiers = finding.get("qualifiers") or {}
        answers = qualifiers.get("answers")
        theme = themes[finding["id"]]
        if finding["kind"] == "measure" and correction is None and answers in themes:
            theme = themes[answers]  # a measure takes the (corrected) theme of the problem it answers
        rows.append((_reviewed(correction) if correction else None, (
            ids[finding["id"]], finding["kind"], qualifiers.get("period") or "current", theme,
            "1" if qualifiers.get("specific") else "0", ids.get(answers, "") if answers else "", context)))
    return rows


def _quantity_rows(text: str, corrections: list[dict]) -> list[tuple[str | None, tuple]]:
    compact = SubmittedText.of(text).compact
    rows = []
    for number, correction in enumerate(sorted(corrections, key=lambda c: (c["span_start"], c["id"])), start=1):
        value = correction["value"]
        context = unique_context(compact, correction["span_start"], correction["span_end"])
        amount = value["value"]
        rows.append((_reviewed(correction), (
            f"q{number}", value["key"], value.get("qualifiers") or "", f"{amount:g}",
            "1" if any(word in context for word in APPROX) else "", value.get("unit") or "", value["number"],
            context, "")))
    return rows


def unique_context(compact, start: int, end: int) -> str:
    """The piece of the compact view (no white space, NFKC) covering ``start:end`` of the original text, grown to
    the right (then the left) until it occurs once in the report."""
    text = compact.text
    left, right = compact.index_at_or_after(start), compact.index_at_or_after(end)
    right = max(right, left + 1)
    while text.count(text[left:right]) > 1 and (right < len(text) or left > 0):
        if right < len(text):
            right += 1
        else:
            left -= 1
    return text[left:right]


def _write(path: Path, comments: list[str], header: tuple, rows: list[tuple[str | None, tuple]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = list(comments) + ["\t".join(header)]
    for comment, row in rows:
        if comment:
            lines.append(comment)
        lines.append("\t".join(_clean(cell) for cell in row))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _clean(cell) -> str:
    return " ".join(str(cell).replace("\t", " ").split())
