"""The reviewer's arithmetic on tables 三 and 四."""

from service.checks import run_checks
from service.model import Cell, Span, Table
from service.tables.spec import APPLICANT_COLUMNS


def _table(spec, values: dict) -> Table:
    cells = {}
    for row in spec.rows_of("applications", "2021"):
        for column in APPLICANT_COLUMNS:
            cells[f"{row.key}.{column}"] = Cell(0, Span(0, 1))
    for key, value in values.items():
        cells[key] = Cell(value, Span(0, 1))
    return Table("applications", "2021", "ok", cells)


def _status(checks, check_id):
    return next(c for c in checks if c.id == check_id).status


def test_balanced_table_passes(pipeline):
    spec = pipeline.table_spec
    table = _table(spec, {"new_received.natural_person": 3, "new_received.total": 3,
                          "granted.natural_person": 2, "granted.total": 2,
                          "total_processed.natural_person": 2, "total_processed.total": 2,
                          "carried_forward.natural_person": 1, "carried_forward.total": 1})
    checks = run_checks({"applications": table}, spec)
    assert {c.status for c in checks} == {"pass"}


def test_total_processed_that_is_not_the_sum_of_its_rows_fails(pipeline):
    # r015 (2020, 平潭): the outcome rows add to 26 but (七)总计 says 20.
    spec = pipeline.table_spec
    table = _table(spec, {"granted.natural_person": 26, "total_processed.natural_person": 20,
                          "new_received.natural_person": 20, "granted.total": 26, "total_processed.total": 26,
                          "new_received.total": 20})
    checks = run_checks({"applications": table}, spec)
    failing = next(c for c in checks if c.id == "applications.total_processed.natural_person")
    assert (failing.status, failing.left, failing.right) == ("fail", 26, 20)
    assert _status(checks, "applications.row_total.total_processed") == "fail"


def test_blank_cell_is_not_assessable_never_zero(pipeline):
    spec = pipeline.table_spec
    table = _table(spec, {"other.other.natural_person": None})
    checks = run_checks({"applications": table}, spec)
    check = next(c for c in checks if c.id == "applications.row_total.other.other")
    assert check.status == "not_assessable" and "other.other.natural_person" in check.reason
