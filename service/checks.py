"""The arithmetic a reviewer does by hand on tables 三 and 四.

A check whose cells are not all read (or blank) is ``not_assessable``, with the cells it lacks; it never passes
or fails on a guess.
"""

from __future__ import annotations

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
