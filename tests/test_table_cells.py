"""Table rows in the layouts real reports use, read by label: each row's exact cells, or a refusal."""

import pytest

from service.tables.cells import split_cells

APPLICANT_ROW = "一、本年新收政府信息公开申请数量"


def _row(analyze, body: str, template_hint: str = "第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"):
    text = (
        "X局2021年政府信息公开工作年度报告\n一、总体情况\n无。\n二、主动公开政府信息情况\n" + template_hint
        + "三、收到和处理政府信息公开申请情况\n" + body + "\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n无。\n"
    )
    return analyze(text).tables["applications"]


@pytest.mark.parametrize(
    "line, values",
    [
        # tab-separated, label in a cell of its own
        (f"{APPLICANT_ROW}\t\t25\t0\t0\t0\t0\t0\t25\t", [25, 0, 0, 0, 0, 0, 25]),
        # spaces (PDF text)
        (f"{APPLICANT_ROW} 705 3 0 0 5 0 713", [705, 3, 0, 0, 5, 0, 713]),
        # Markdown pipes with a broken header row after the values
        (f"| {APPLICANT_ROW} | 32 | 2 | 0 | 0 | 0 | 0 | 34 |  |\n| 类别 | 数据1 | 数据2 |", [32, 2, 0, 0, 0, 0, 34]),
        # label broken over lines, one line of values under it
        ("一、本年新收政府信息\n\n公开申请数量\n1 0 0 0 0 0 1", [1, 0, 0, 0, 0, 0, 1]),
        # one cell per line
        (f"{APPLICANT_ROW}\n3\n0\n0\n0\n0\n0\n3", [3, 0, 0, 0, 0, 0, 3]),
        # full-width digits
        (f"{APPLICANT_ROW}\t１２\t０\t０\t０\t０\t０\t１２", [12, 0, 0, 0, 0, 0, 12]),
        # a blank cell shown by tabs is null, not 0
        (f"{APPLICANT_ROW}\t\t4\t\t0\t0\t0\t0\t4", [4, None, 0, 0, 0, 0, 4]),
    ],
)
def test_applicant_row_layouts(analyze, line, values):
    table = _row(analyze, line)
    got = [table.cells[f"new_received.{c}"].value if f"new_received.{c}" in table.cells else "unread"
           for c in ("natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
                     "legal_service_org", "other_org", "total")]
    assert got == values


@pytest.mark.parametrize(
    "line, reason",
    [
        (f"{APPLICANT_ROW}15130000154", "cells run together"),  # crawler text: no separator at all
        (f"{APPLICANT_ROW} 1 0 0 0 0 1", "found 6 cells where the row has 7"),  # a blank lost in PDF text
    ],
)
def test_rows_that_cannot_be_read_are_not_guessed(analyze, line, reason):
    table = _row(analyze, line)
    assert not any(key.startswith("new_received.") for key in table.cells)
    assert any(r.startswith("new_received") and reason in r for r in table.reasons)


def test_cell_span_is_the_printed_number(analyze):
    text = (
        "X局2021年政府信息公开工作年度报告\n一、总体情况\n无。\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n"
        f"{APPLICANT_ROW}\t\t２５\t0\t0\t0\t0\t0\t２５\n四、政府信息公开行政复议、行政诉讼情况\n"
    )
    cell = analyze(text).tables["applications"].cells["new_received.natural_person"]
    assert (cell.value, text[cell.span.start : cell.span.end]) == (25, "２５")


@pytest.mark.parametrize(
    "text, kinds",
    [
        ("\t3\t495(万元)\t", ["blank", "number", "number", "blank"]),  # the normal view: NFKC brackets
        ("| 99 | 0 | | 2 |", ["number", "number", "blank", "number"]),
        ("|---|---|\n| 1 |", ["number"]),
        ("行政许可 24", ["text", "number"]),
        ("数据1 数据2", ["text"]),  # a run of words is one cell, digits glued to words are no number
        ("-185", ["number"]),
    ],
)
def test_split_cells(text, kinds):
    assert [cell.kind for cell in split_cells(text)] == kinds


def test_unit_is_kept():
    cell = split_cells("495(万元)")[0]
    assert (cell.number, cell.unit) == (495, "万元")
