"""Cells run together: only the cells every split of the run agrees on are read."""

from __future__ import annotations

import pytest

from service.tables.runs import is_run, split_run

CHANGE_ROW = ("previous_year", "change", "decisions")
APPLICANTS = ("natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
              "legal_service_org", "other_org", "total")


@pytest.mark.parametrize("run, columns, values", [
    ("2648-18538", CHANGE_ROW, [2648, None, None]),          # 平潭 2020 行政处罚: the minus sign starts a cell
    ("35-15", ("previous_year", "change"), [35, -15]),
    ("007", ("made", "published", "total_public"), [0, 0, 7]),  # no leading zeros: 0, 0, 7
    ("0 0 00 00 0", APPLICANTS, [0] * 7),
    ("0000000", APPLICANTS, [0] * 7),
    ("7777166", ("made", "published", "total_public"), [None, None, None]),
    ("20 0 00 0 121", APPLICANTS, [None] * 7),  # same zeros, but from different printed digits: spans disagree
    ("1-5", ("previous_year", "decisions"), [None, None]),      # a negative outside a change column: no split
    ("12 5", ("a", "b"), [12, 5]),
])
def test_split_run_reads_what_every_split_agrees_on(run, columns, values):
    cells = split_run(run, 100, columns)
    assert [None if cell is None else cell.number for cell in cells] == values
    for cell in cells:
        if cell is not None:
            assert run[cell.start - 100 : cell.end - 100] == cell.text


@pytest.mark.parametrize("text, expected", [("2648-18538", True), ("0 0 00", True), ("39573802895.90", False),
                                            ("行政强制", False), ("  ", False)])
def test_is_run(text, expected):
    assert is_run(text) is expected


def test_a_spaced_row_with_a_missing_number_is_not_decoded(analyze):
    """"二、上年结转 … 12 5" in a spaced layout: a blank cell is likelier than two cells run together."""
    from service.tables.reader import _row_values
    from service.text import SubmittedText

    text = SubmittedText.of("行政许可 12 5\n")
    values, problem = _row_values(text, 4, len(text.normal.text), CHANGE_ROW)
    assert problem == "found 2 cells where the row has 3" and values == []
