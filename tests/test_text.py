"""Normalisation keeps every offset pointing into the text as submitted."""

import pytest

from service.text import SubmittedText


@pytest.mark.parametrize(
    "original, normal",
    [
        ("规章\t０\t１２", "规章\t0\t12"),  # full-width digits
        ("一、总体情况\r\n2021年", "一、总体情况\n2021年"),  # CRLF
        ("（一）予以公开", "(一)予以公开"),  # full-width brackets
        ("第一页\n- 5 -\n第二页", "第一页\n\n第二页"),  # PDF page number line
        ("文字\n— 12 —\n文字", "文字\n\n文字"),
        ("a\u200bb", "ab"),  # zero-width space
    ],
)
def test_normal_view(original, normal):
    assert SubmittedText.of(original).normal.text == normal


def test_spans_map_back_through_crlf_and_full_width():
    original = "标题\r\n行政许可\t２４１８\r\n"
    text = SubmittedText.of(original)
    at = text.normal.text.index("2418")
    span = text.normal.span(at, at + 4)
    assert original[span.start : span.end] == "２４１８"


def test_compact_view_joins_labels_broken_by_pdf_line_breaks():
    original = "（二）部分公开（区分处理的，只计这一情形，不计\n\n其他情形）\n0 0"
    text = SubmittedText.of(original)
    at = text.compact.text.index("不计其他情形")
    span = text.compact.span(at, at + len("不计其他情形"))
    assert original[span.start : span.end] == "不计\n\n其他情形"


def test_page_number_is_not_a_table_cell_line():
    # A lone number on its line is a cell in one-cell-per-line layouts: only dashed page numbers are dropped.
    assert SubmittedText.of("行政许可\n24\n").normal.text == "行政许可\n24\n"
