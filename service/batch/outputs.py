"""The files of a run, written from the store at its end: ``reports.jsonl`` (one report a line, the exact JSON
the store holds), and CSV files that open in a spreadsheet (UTF-8 with a byte-order mark, one per statistical
table, one for the checks, one per finding kind, one for the documents and one for the failures).

Each file is written to a temporary name, flushed to disk and renamed over the old one, so a reader (or a run
killed half-way) never sees half a file: it sees the last complete one, and the next run rewrites it.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from ..store import Store, StoredResult
from ..tables.spec import TABLES, TableSpec
from .inputs import InputProblem
from .runner import RunDocument

FINDING_KINDS = ("quantity", "problem", "measure")
_TEMPORARY_SUFFIX = ".partial"
_CHUNK = 500

HEADERS_ZH = {
    "name": "文件", "sha256": "内容哈希", "report_id": "报告编号", "status": "状态", "error_code": "错误代码",
    "error_message": "错误说明", "agency": "机关", "year": "年度", "level": "层级", "region": "地区",
    "template": "模板", "sections": "章节数", "checks_failed": "未通过核对数", "findings": "发现数",
    "table_status": "表格状态", "check_id": "核对项", "expression": "算式", "left": "左边", "right": "右边",
    "reason": "原因", "finding_id": "发现编号", "kind": "类别", "key": "键", "value": "值", "unit": "单位",
    "qualifiers": "限定", "span_start": "起", "span_end": "止", "section": "章节", "score": "分数",
    "method": "方法", "extractor": "抽取器", "extractor_version": "抽取器版本", "evidence": "依据",
    "active_disclosure": "主动公开表状态", "applications": "依申请公开表状态",
    "review_litigation": "复议诉讼表状态",
}
_DOCUMENT_COLUMNS = ("name", "sha256", "report_id", "status", "error_code", "agency", "year", "level", "region",
                     "template", "sections", *TABLES, "checks_failed", "findings")
_CHECK_COLUMNS = ("name", "sha256", "report_id", "check_id", "expression", "left", "right", "status", "reason")
_FINDING_COLUMNS = ("name", "sha256", "report_id", "finding_id", "key", "value", "unit", "qualifiers",
                    "span_start", "span_end", "section", "score", "method", "extractor", "extractor_version",
                    "evidence")
_FAILURE_COLUMNS = ("name", "sha256", "error_code", "error_message")


def remove_partial_files(out_dir: Path) -> None:
    """Temporary files left by a run that was killed while writing its outputs."""
    for leftover in out_dir.glob(f"*{_TEMPORARY_SUFFIX}"):
        leftover.unlink()


def write_outputs(out_dir: Path, store: Store, fingerprint: str, documents: list[RunDocument],
                  unreadable: list[InputProblem], table_spec: TableSpec, chinese_headers: bool = False) -> dict:
    """Write every output file of the run; return how many rows each got."""
    out_dir.mkdir(parents=True, exist_ok=True)
    header = (lambda column: HEADERS_ZH.get(column, column)) if chinese_headers else (lambda column: column)
    table_keys = {table: _table_keys(table_spec, table) for table in TABLES}
    counts: dict[str, int] = {}
    with ExitStack() as files:
        jsonl = files.enter_context(_atomic(out_dir / "reports.jsonl", encoding="utf-8"))
        sheets = _Sheets(out_dir, files, header, counts)
        sheets.open("documents.csv", _DOCUMENT_COLUMNS)
        sheets.open("failures.csv", _FAILURE_COLUMNS)
        sheets.open("checks.csv", _CHECK_COLUMNS)
        for table in TABLES:
            sheets.open(f"table_{table}.csv", ("name", "sha256", "report_id", "agency", "year", "template",
                                               "table_status", *table_keys[table]))
        for kind in FINDING_KINDS:
            sheets.open(f"findings_{kind}.csv", _FINDING_COLUMNS)
        for problem in unreadable:
            sheets.row("failures.csv", {"name": problem.name, "error_code": problem.code,
                                        "error_message": problem.message})
        counts["reports.jsonl"] = 0
        for document, result in _results_in_order(store, fingerprint, documents):
            base = {"name": document.name, "sha256": document.sha256, "report_id": result.id}
            if result.report_json is None:
                sheets.row("documents.csv", dict(base, status="failed", error_code=result.error_code))
                sheets.row("failures.csv", dict(base, error_code=result.error_code,
                                                error_message=result.error_message))
                continue
            jsonl.write(result.report_json + "\n")
            counts["reports.jsonl"] += 1
            _write_report(sheets, base, json.loads(result.report_json), table_keys)
    return counts


def _write_report(sheets: "_Sheets", base: dict, report: dict, table_keys: dict) -> None:
    document = {key: field["value"] for key, field in report["document"].items()}
    sheets.row("documents.csv", dict(
        base, status="ok", **document, sections=len(report["sections"]),
        **{table: report["tables"][table]["status"] for table in TABLES if table in report["tables"]},
        checks_failed=sum(check["status"] == "fail" for check in report["checks"]),
        findings=len(report["findings"])))
    for table in TABLES:
        found = report["tables"].get(table, {})
        cells = {key: cell["value"] for key, cell in found.get("cells", {}).items()}
        sheets.row(f"table_{table}.csv", dict(
            base, agency=document.get("agency"), year=document.get("year"), template=found.get("template"),
            table_status=found.get("status"), **{key: cells.get(key) for key in table_keys[table]}))
    for check in report["checks"]:
        sheets.row("checks.csv", dict(base, check_id=check["id"], expression=check["expression"],
                                      left=check["left"], right=check["right"], status=check["status"],
                                      reason=check.get("reason")))
    for finding in report["findings"]:
        extractor = finding.get("extractor") or {}
        span = finding.get("span") or {}
        file = f"findings_{finding['kind']}.csv"
        if not sheets.has(file):
            sheets.open(file, _FINDING_COLUMNS)
        sheets.row(file, dict(
            base, finding_id=finding.get("id"), key=finding["key"], value=_cell(finding.get("value")),
            unit=finding.get("unit"), qualifiers=_cell(finding.get("qualifiers") or {}),
            span_start=span.get("start"), span_end=span.get("end"), section=finding.get("section"),
            score=finding.get("score"), method=finding.get("method"), extractor=extractor.get("name"),
            extractor_version=extractor.get("version"), evidence=_cell(finding.get("evidence") or {})))


def _cell(value):
    """A spreadsheet cell: numbers and text as they are, anything structured as compact JSON."""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def _table_keys(spec: TableSpec, table: str) -> tuple[str, ...]:
    """Every cell key of ``table`` over all templates, in the spec's order."""
    keys = [key for row in spec.rows if row.table == table for key in row.cell_keys()]
    return tuple(dict.fromkeys(keys))


def _results_in_order(store: Store, fingerprint: str,
                      documents: list[RunDocument]) -> Iterator[tuple[RunDocument, StoredResult]]:
    """Each input document (the first of any with the same content) with its stored result, in input order."""
    first: dict[str, RunDocument] = {}
    for document in documents:
        first.setdefault(document.sha256, document)
    unique = list(first.values())
    for start in range(0, len(unique), _CHUNK):
        chunk = unique[start:start + _CHUNK]
        results = store.results(fingerprint, (document.sha256 for document in chunk))
        for document in chunk:
            if document.sha256 in results:
                yield document, results[document.sha256]


class _Sheets:
    def __init__(self, out_dir: Path, files: ExitStack, header, counts: dict):
        self.out_dir, self.files, self.header, self.counts = out_dir, files, header, counts
        self.writers: dict[str, csv.DictWriter] = {}

    def has(self, name: str) -> bool:
        return name in self.writers

    def open(self, name: str, columns: tuple[str, ...]) -> None:
        file = self.files.enter_context(_atomic(self.out_dir / name, encoding="utf-8-sig", newline=""))
        writer = csv.DictWriter(file, fieldnames=columns, extrasaction="ignore")
        writer.writerow({column: self.header(column) for column in columns})
        self.writers[name] = writer
        self.counts[name] = 0

    def row(self, name: str, values: dict) -> None:
        self.writers[name].writerow(values)
        self.counts[name] += 1


@contextmanager
def _atomic(path: Path, **open_args):
    temporary = path.with_name(path.name + _TEMPORARY_SUFFIX)
    with open(temporary, "w", **open_args) as file:
        yield file
        file.flush()
        os.fsync(file.fileno())
    os.replace(temporary, path)
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
