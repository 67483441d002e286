"""DOCX files: paragraphs and tables in order, merged cells once, and archives that would blow up refused."""

import io

import docx
import pytest

from service.errors import DocumentTooComplex, UnreadableDocument
from service.formats import FormatLimits
from service.formats.docx import extract_docx

from .hostile import zip_bomb, zip_lying_about_size


def _merged_table_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("三、收到和处理政府信息公开申请情况")
    table = document.add_table(rows=3, cols=4)
    table.cell(0, 0).merge(table.cell(2, 0)).text = "三、本年度办理结果"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "（一）予以公开"
    table.cell(0, 3).text = "33"
    for r, (label, value) in enumerate([("1.属于国家秘密", "0"), ("2.其他法律行政法规禁止公开", "1")], start=1):
        table.cell(r, 1).text, table.cell(r, 2).text, table.cell(r, 3).text = "（三）不予公开", label, value
    document.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_paragraphs_and_tables_in_order_merged_cells_once():
    document = extract_docx(_merged_table_docx())
    assert document.text == (
        "三、收到和处理政府信息公开申请情况\n"
        "三、本年度办理结果\t（一）予以公开\t33\n"
        "（三）不予公开\t1.属于国家秘密\t0\n"
        "（三）不予公开\t2.其他法律行政法规禁止公开\t1\n"
        "四、政府信息公开行政复议、行政诉讼情况\n")
    cells = document.tables[0].cells
    assert [(c.row, c.column, c.rowspan, c.colspan) for c in cells[:3]] == [(0, 0, 3, 1), (0, 1, 1, 2), (0, 3, 1, 1)]
    assert all(document.text[c.span.start:c.span.end] == c.text for c in cells)


def test_a_zip_bomb_is_refused_by_its_declared_size():
    with pytest.raises(DocumentTooComplex, match="zip bomb"):
        extract_docx(zip_bomb(60))


def test_parts_that_lie_about_their_size_are_not_inflated_past_what_they_declare():
    with pytest.raises(UnreadableDocument):
        extract_docx(zip_lying_about_size(real_bytes=2 * 1024 * 1024, declared=100),
                     FormatLimits(max_docx_uncompressed_bytes=1024 * 1024))


def test_too_many_parts_is_refused():
    with pytest.raises(DocumentTooComplex, match="parts"):
        extract_docx(_merged_table_docx(), FormatLimits(max_docx_parts=3))


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.95])
def test_a_truncated_docx_is_unreadable(cut):
    data = _merged_table_docx()
    with pytest.raises(UnreadableDocument):
        extract_docx(data[: int(len(data) * cut)])
