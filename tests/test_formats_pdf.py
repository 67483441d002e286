"""PDFs with a text layer: page furniture dropped, sentences joined across line and page breaks, tables from the
ruling lines; scans, huge, truncated and damaged files refused with a clear error."""

import re

import pytest

from service.errors import DocumentTooComplex, ScannedPdf, UnreadableDocument
from service.formats import FormatLimits
from service.formats.pdf import extract_pdf

from .conftest import SAMPLES
from .hostile import pdf_of_pages, scanned_pdf

HONGZE = (SAMPLES / "r001_huaian_hongze_2023.pdf").read_bytes()


@pytest.fixture(scope="module")
def hongze():
    return extract_pdf(HONGZE)


def test_page_numbers_are_gone(hongze):
    assert hongze.pages == 5
    assert not re.search(r"^\s*-\s*\d+\s*-\s*$", hongze.text, re.M)


@pytest.mark.parametrize("sentence", [
    "严格执行“分级审核、先审后发”程序",  # runs from page 1 onto page 2
    "实行政府信息公开工作人员跟班学习制度",  # from page 4 onto page 5
    "政务公开工作摆在重要位置，推进政府信息公开工作规范、有序、健康发展",  # over three lines
])
def test_sentences_are_joined_across_line_and_page_breaks(hongze, sentence):
    assert sentence in hongze.text


@pytest.mark.parametrize("line", [
    "一、总体情况", "（一）主动公开情况。主要通过政府门户网站主动公开政府文件、项目审批、通知公告等各类政府信息。",
    "六、其他需要报告的事项",
])
def test_headings_and_paragraphs_keep_their_own_lines(hongze, line):
    assert any(text.startswith(line) for text in hongze.text.split("\n"))


@pytest.mark.parametrize("row", [
    "行政规范性文件\t0\t5\t5",
    "行政事业性收费\t7730.28",
    "三、本年度办理结果\t（一）予以公开\t0\t0\t0\t0\t0\t0\t0",  # the vertical label read top to bottom, written once
    "（四）无法提供\t1.本机关不掌握相关政府信息\t10\t0\t0\t0\t0\t0\t10",
    "10\t1\t0\t0\t0\t0\t0\t0\t0\t0\t5\t0\t0\t0\t0",
])
def test_tables_from_the_layout(hongze, row):
    assert row + "\n" in hongze.text


def test_grid_cells_point_into_the_text(hongze):
    assert len(hongze.tables) >= 4
    for grid in hongze.tables:
        for cell in grid.cells:
            assert hongze.text[cell.span.start:cell.span.end] == cell.text


def test_a_scan_without_a_text_layer_says_so():
    with pytest.raises(ScannedPdf, match="no text layer"):
        extract_pdf(scanned_pdf())


def test_thousands_of_pages_are_refused_before_reading_them():
    with pytest.raises(DocumentTooComplex, match="more than 200 pages"):
        extract_pdf(pdf_of_pages(3_000))


def test_the_page_limit_is_configurable():
    with pytest.raises(DocumentTooComplex, match="more than 3 pages"):
        extract_pdf(HONGZE, FormatLimits(max_pdf_pages=3))


def test_the_time_budget_stops_reading():
    with pytest.raises(DocumentTooComplex, match="seconds"):
        extract_pdf(HONGZE, FormatLimits(max_pdf_seconds=0.0))


@pytest.mark.parametrize("cut", [1_000, len(HONGZE) // 2, len(HONGZE) - 200])
def test_a_truncated_pdf_is_unreadable(cut):
    with pytest.raises(UnreadableDocument, match="damaged or truncated"):
        extract_pdf(HONGZE[:cut])
