"""PDFs with a text layer, read with pdfplumber: tables from the ruling lines, text around them in reading order.

Per page: ``find_tables`` finds ruled tables; a row with two or more filled cells is a table row and is written as a
tab row (a merged cell once, where it starts); every other character is prose, read as lines with their geometry.
Page numbers and running heads in the page margins are left out. Prose lines are joined back into paragraphs across
line and page breaks: a line that runs to the right margin continues on the next line unless that one is indented,
is a numbered heading, or the first ends a sentence.

A PDF without a text layer (a scan) is refused with ``ScannedPdf``; one past the page limit, with too many
characters on a page, or that takes longer than the time budget, with ``DocumentTooComplex``; a damaged or
truncated one with ``UnreadableDocument``.
"""

from __future__ import annotations

import io
import itertools
import re
import statistics
import time
from collections import Counter
from dataclasses import dataclass

import pdfplumber
from pdfminer.pdfpage import PDFPage

from ..errors import DocumentTooComplex, ScannedPdf, ServiceError, UnreadableDocument
from .document import ExtractedDocument, FormatLimits, SourceCell, TextBuilder, join_pieces

_PAGE_NUMBER = re.compile(r"^[-—–－\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?[-—–－\s]*$")
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|\d{1,2}[、.．](?!\d))")
_SENTENCE_END = ("。", "！", "？", "；", "：", ":", ";", "!", "?")
_MARGIN = 0.1  # the top and bottom tenth of a page, where running heads and page numbers stand


@dataclass(frozen=True)
class _Line:
    page: int
    top: float
    x0: float
    x1: float
    size: float
    text: str


@dataclass(frozen=True)
class _Row:
    page: int
    top: float
    table: int
    cells: tuple[str | None, ...]


def extract_pdf(data: bytes, limits: FormatLimits = FormatLimits()) -> ExtractedDocument:
    started = time.monotonic()
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = _count_pages(pdf, limits)
            items, characters, images = _read_pages(pdf, limits, started)
    except ServiceError:
        raise
    except Exception as exc:  # pdfminer raises many kinds on a damaged file; any of them means: unreadable
        raise UnreadableDocument(f"the PDF cannot be read: it is damaged or truncated ({type(exc).__name__})") from None
    if characters < 10 * pages:
        what = f"{pages} page{'s' if pages != 1 else ''}" + (" of images" if images else "")
        raise ScannedPdf(f"the PDF has no text layer ({what}: a scan?); this service reads the text layer of a "
                         "PDF, so run OCR on it first or submit its text")
    builder = TextBuilder(limits.max_table_cells)
    _write(_drop_running_heads(items, pages), builder)
    return builder.build("pdf", pages=pages)


def _count_pages(pdf, limits: FormatLimits) -> int:
    """The page count, stopping one past the limit: a PDF of thousands of pages is refused before any is read."""
    count = sum(1 for _ in itertools.islice(PDFPage.create_pages(pdf.doc), limits.max_pdf_pages + 1))
    if count > limits.max_pdf_pages:
        raise DocumentTooComplex(f"the PDF has more than {limits.max_pdf_pages} pages; a report has at most a few "
                                 "dozen (the limit is configurable)")
    if count == 0:
        raise UnreadableDocument("the PDF has no pages")
    return count


def _read_pages(pdf, limits: FormatLimits, started: float):
    items: list[_Line | _Row] = []
    characters = images = 0
    for number, page in enumerate(pdf.pages):
        chars = len(page.chars)
        if chars > limits.max_pdf_chars_per_page:
            raise DocumentTooComplex(f"page {number + 1} of the PDF has {chars} characters, over the limit of "
                                     f"{limits.max_pdf_chars_per_page}")
        characters += chars
        images += len(page.images)
        if chars:
            items.extend(_read_page(page, number))
        page.close()
        if time.monotonic() - started > limits.max_pdf_seconds:
            raise DocumentTooComplex(f"reading the PDF took over {limits.max_pdf_seconds:g} seconds "
                                     f"(stopped at page {number + 1})")
    return items, characters, images


def _read_page(page, number: int) -> list[_Line | _Row]:
    rows: list[_Row] = []
    boxes: list[tuple[float, float, float, float]] = []
    for index, table in enumerate(page.find_tables()):
        for row, cells in zip(table.rows, table.extract()):
            if sum(1 for cell in cells if cell and cell.strip()) >= 2:
                rows.append(_Row(number, row.bbox[1], index, tuple(cells)))
                boxes.append(row.bbox)

    def prose(obj) -> bool:
        if obj.get("object_type") != "char":
            return True
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    lines = [_Line(number, line["top"] / page.height, line["x0"], line["x1"], _size(line), line["text"])
             for line in page.filter(prose).extract_text_lines(return_chars=True)]
    rows = [_Row(r.page, r.top / page.height, r.table, r.cells) for r in rows]
    return sorted([*lines, *rows], key=lambda item: item.top)


def _size(line: dict) -> float:
    sizes = [char["size"] for char in line.get("chars", ())]
    return statistics.median(sizes) if sizes else 10.0


def _drop_running_heads(items: list[_Line | _Row], pages: int) -> list[_Line | _Row]:
    """Without page numbers and lines repeated in the same margin on most pages (a running head or foot)."""
    def in_margin(item) -> bool:
        return isinstance(item, _Line) and (item.top < _MARGIN or item.top > 1 - _MARGIN)

    def key(item: _Line) -> str:
        return re.sub(r"\d+", "#", item.text.strip())

    repeated = Counter(key(item) for item in items if in_margin(item))
    running = {text for text, count in repeated.items() if pages >= 3 and count >= max(3, pages // 2)}
    return [item for item in items
            if not (in_margin(item) and (_PAGE_NUMBER.match(item.text) or key(item) in running))]


def _write(items: list[_Line | _Row], builder: TextBuilder) -> None:
    lines = [item for item in items if isinstance(item, _Line)]
    left = Counter(round(line.x0) for line in lines).most_common(1)[0][0] if lines else 0
    right = statistics.quantiles([line.x1 for line in lines], n=10)[-1] if len(lines) > 1 else 0
    paragraph: list[_Line] = []
    table: list[_Row] = []
    for item in items:
        if isinstance(item, _Row):
            if paragraph:
                builder.paragraph(join_pieces([line.text for line in paragraph]))
                paragraph = []
            if table and (item.table != table[-1].table or item.page != table[-1].page):
                builder.table(_grid(table))
                table = []
            table.append(item)
            continue
        if table:
            builder.table(_grid(table))
            table = []
        if paragraph and not _continues(paragraph[-1], item, left, right):
            builder.paragraph(join_pieces([line.text for line in paragraph]))
            paragraph = []
        paragraph.append(item)
    if table:
        builder.table(_grid(table))
    if paragraph:
        builder.paragraph(join_pieces([line.text for line in paragraph]))


def _continues(previous: _Line, line: _Line, left: float, right: float) -> bool:
    """Whether ``line`` goes on with ``previous``'s paragraph (a wrapped line, on this page or the next)."""
    full = previous.x1 >= right - 2.5 * previous.size
    indented = line.x0 > left + 0.8 * line.size
    return (full and not indented and not _HEADING.match(line.text)
            and not previous.text.rstrip().endswith(_SENTENCE_END))


def _grid(rows: list[_Row]) -> list[list[SourceCell]]:
    """A merged cell is ``None`` where it is covered: written once, where it starts."""
    return [[SourceCell(join_pieces((cell or "").split("\n"))) for cell in row.cells if cell is not None]
            for row in rows]
