"""Word (DOCX) files, read with python-docx: paragraphs and tables in document order.

A DOCX is a ZIP archive, so before python-docx sees it every part is checked: the number of parts, their declared
uncompressed sizes, and then their actual sizes while they are decompressed (a zip bomb that lies about its sizes
fails its CRC or runs past the cap). python-docx parses the XML without resolving entities, so an entity bomb
stays small. A cell merged across columns (``gridSpan``) is written once; one merged down rows (``vMerge``) is
written in its first row.
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from ..errors import DocumentTooComplex, ServiceError, UnreadableDocument
from .document import ExtractedDocument, FormatLimits, SourceCell, TextBuilder, join_pieces

_CHUNK = 64 * 1024


def extract_docx(data: bytes, limits: FormatLimits = FormatLimits()) -> ExtractedDocument:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_parts(archive, limits)
        document = docx.Document(io.BytesIO(data))
        builder = TextBuilder(limits.max_table_cells)
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                builder.paragraph(block.text)
            elif isinstance(block, DocxTable):
                builder.table(_rows(block))
        return builder.build("docx")
    except ServiceError:
        raise
    except Exception as exc:  # zipfile, lxml and python-docx raise many kinds on a damaged file
        raise UnreadableDocument(f"the DOCX file cannot be read: it is damaged or truncated ({type(exc).__name__})") from None


def check_parts(archive: zipfile.ZipFile, limits: FormatLimits) -> None:
    """Refuse an archive whose parts are too many or decompress past the cap, by what they declare and by what
    they actually produce."""
    parts = archive.infolist()
    cap = limits.max_docx_uncompressed_bytes
    if len(parts) > limits.max_docx_parts:
        raise DocumentTooComplex(f"the DOCX file has {len(parts)} parts, over the limit of {limits.max_docx_parts}")
    declared = sum(part.file_size for part in parts)
    if declared > cap:
        raise DocumentTooComplex(f"the DOCX file would decompress to {declared} bytes, over the limit of {cap} "
                                 "(a zip bomb?)")
    actual = 0
    for part in parts:
        with archive.open(part) as stream:
            while chunk := stream.read(_CHUNK):
                actual += len(chunk)
                if actual > cap:
                    raise DocumentTooComplex(f"the DOCX file decompresses past the limit of {cap} bytes "
                                             "(a zip bomb?)")


def _rows(table: DocxTable) -> list[list[SourceCell]]:
    """Each ``w:tc`` once: covered positions of a vertical merge are left out, its first cell spans them."""
    positioned = [_positions(tr) for tr in table._tbl.tr_lst]
    continued = {(r, column) for r, row in enumerate(positioned) for column, tc in row if tc.vMerge == "continue"}
    rows = []
    for r, row in enumerate(positioned):
        cells = []
        for column, tc in row:
            if (r, column) in continued:
                continue
            rowspan = 1
            while (r + rowspan, column) in continued:
                rowspan += 1
            text = join_pieces([paragraph.text for paragraph in _paragraphs(tc, table)])
            cells.append(SourceCell(text, rowspan, tc.grid_span))
        rows.append(cells)
    return rows


def _positions(tr) -> list[tuple[int, object]]:
    column, out = tr.grid_before, []
    for tc in tr.tc_lst:
        out.append((column, tc))
        column += tc.grid_span
    return out


def _paragraphs(tc, table: DocxTable) -> list[Paragraph]:
    """Every paragraph of the cell, those of a table nested in it included (its text is the cell's)."""
    return [Paragraph(p, table) for p in tc.iter(qn("w:p"))]
