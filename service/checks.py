"""The arithmetic a reviewer does by hand on tables 三 and 四.

A check whose cells are not all read (or blank) is ``not_assessable``, with the cells it lacks; it never passes
or fails on a guess.
"""

from __future__ import annotations

import re

from .model import Check, Table
from .tables.spec import APPLICANT_COLUMNS, TableSpec

_BALANCE = "new_received + carried_over = total_processed + carried_forward"
_REVIEW_RESULTS = ("upheld", "corrected", "other", "pending")
_TOLERANCE = 1e-6


def run_checks(tables: dict[str, Table], spec: TableSpec) -> tuple[Check, ...]:
    checks: list[Check] = []
    applications = tables.get("applications")
    if applications is not None and applications.status != "missing":
        checks.extend(_application_checks(applications, spec))
    review = tables.get("review_litigation")
    if review is not None and review.status != "missing":
        checks.extend(_review_checks(review, spec))
    return tuple(checks)


def _application_checks(table: Table, spec: TableSpec) -> list[Check]:
    rows = [row.key for row in spec.rows_of("applications", table.template or "2021")]
    outcomes = [key for key in rows if key not in ("new_received", "carried_over", "total_processed", "carried_forward")]
    checks = []
    for column in APPLICANT_COLUMNS:
        cell = lambda row: f"{row}.{column}"  # noqa: E731
        checks.append(_sum_check(
            f"applications.balance.{column}", f"{_BALANCE} ({column})", table,
            [cell("new_received"), cell("carried_over")], [cell("total_processed"), cell("carried_forward")]))
        checks.append(_sum_check(
            f"applications.total_processed.{column}", f"total_processed = sum of outcome rows ({column})", table,
            [cell(row) for row in outcomes], [cell("total_processed")]))
    for row in rows:
        parts = [f"{row}.{column}" for column in APPLICANT_COLUMNS[:-1]]
        checks.append(_sum_check(
            f"applications.row_total.{row}", f"{row}: total = sum of the six applicant columns", table,
            parts, [f"{row}.total"]))
    return checks


def _review_checks(table: Table, spec: TableSpec) -> list[Check]:
    checks = []
    for row in spec.rows_of("review_litigation", table.template or "2021"):
        checks.append(_sum_check(
            f"review_litigation.block_total.{row.key}", f"{row.key}: total = upheld + corrected + other + pending",
            table, [f"{row.key}.{result}" for result in _REVIEW_RESULTS], [f"{row.key}.total"]))
    return checks


def _sum_check(check_id: str, expression: str, table: Table, left: list[str], right: list[str]) -> Check:
    keys = left + right
    spans = tuple(table.cells[key].span for key in keys if key in table.cells)
    lacking = [key for key in keys if table.value(key) is None]
    if lacking:
        blank = [key for key in lacking if key in table.cells]
        why = "blank: " if blank and len(blank) == len(lacking) else "not read: "
        return Check(check_id, expression, None, None, "not_assessable", spans, why + ", ".join(lacking))
    left_value = _total(table, left)
    right_value = _total(table, right)
    status = "pass" if abs(left_value - right_value) <= _TOLERANCE else "fail"
    return Check(check_id, expression, left_value, right_value, status, spans)


def _total(table: Table, keys: list[str]):
    total = sum(table.value(key) for key in keys)
    return round(total, 6) if isinstance(total, float) else total


# A count the narrative restates from table 三 or 四, and the cells it should equal (summed).
NARRATIVE_CELLS = (
    ("applications_received", "applications", ("new_received.total",)),
    ("applications_carried_over", "applications", ("carried_over.total",)),
    ("applications_carried_forward", "applications", ("carried_forward.total",)),
    ("applications_completed", "applications", ("total_processed.total",)),
    ("administrative_reviews", "review_litigation", ("review.total",)),
    ("administrative_litigations", "review_litigation", ("litigation_direct.total", "litigation_after_review.total")),
)


_TOTAL_WORDS = re.compile(r"共|合计|总计|累计|全年|本年|全部|收到|受理")
_OUTCOME_WORDS = re.compile(r"纠正|维持|驳回|撤销|败诉|胜诉")  # "1件行政复议案件被纠正": one outcome, not the total


def narrative_checks(findings, tables: dict[str, Table], original: str) -> tuple[Check, ...]:
    """Narrative vs table: the first count of each key that the narrative states as a total (a clause with 共, 全年,
    收到 … and not a part of a breakdown), against the table cells it restates. A mismatch is a reviewer's best
    lead; a cell that was not read makes the check not assessable."""
    checks = []
    for key, table_name, cell_keys in NARRATIVE_CELLS:
        stated = next((f for f in findings if f.kind == "quantity" and f.key == key and "part" not in f.qualifiers
                       and _states_total(f, original)), None)
        table = tables.get(table_name)
        if stated is None or table is None or table.status == "missing" or table.template == "pre2019":
            continue
        expression = f"narrative {key} = {table_name} " + " + ".join(cell_keys)
        cells = [table.cells.get(cell) for cell in cell_keys]
        spans = (stated.span, *(cell.span for cell in cells if cell is not None))
        if any(cell is None or cell.value is None for cell in cells):
            missing = [k for k, cell in zip(cell_keys, cells) if cell is None or cell.value is None]
            checks.append(Check(f"narrative.{key}", expression, stated.value, None, "not_assessable", spans,
                                f"table cells not read: {', '.join(missing)}"))
            continue
        total = sum(cell.value for cell in cells)
        status = "pass" if abs(total - stated.value) < 1e-9 else "fail"
        checks.append(Check(f"narrative.{key}", expression, stated.value, total, status, spans))
    return tuple(checks)


def _states_total(finding, original: str) -> bool:
    clause = finding.evidence.get("clause") or {}
    words = original[clause.get("start", finding.span.start) : finding.span.start]
    after = re.split(r"[，,。；;]", original[finding.span.end : finding.span.end + 40], maxsplit=1)[0]
    return bool(_TOTAL_WORDS.search(re.sub(r"\s", "", words))) and not _OUTCOME_WORDS.search(after)
