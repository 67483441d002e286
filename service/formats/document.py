"""What every format reader returns: the extracted text, and the tables it holds as grids with spans into it.

Readers write through a ``TextBuilder``: paragraphs become lines, a table becomes one line per row with its cells
separated by tabs, each cell written once (in the first row and column it covers). That is the layout the
``TableReader`` reads best (tab rows, exact spans), so a table read from markup or from a PDF's ruling lines is
read by the same code, by row label, as a table printed in a text file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from ..errors import DocumentTooComplex
from ..model import Span

_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0\u2000-\u200a\u202f\u205f]+")
FORMATS = ("text", "html", "pdf", "docx")


@dataclass(frozen=True)
class GridCell:
    """One table cell as laid out: its first row and column, how many it covers, its text and where it stands."""

    row: int
    column: int
    rowspan: int
    colspan: int
    text: str
    span: Span

    def to_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "rowspan": self.rowspan, "colspan": self.colspan,
                "text": self.text, "span": self.span.to_dict()}


@dataclass(frozen=True)
class Grid:
    """A table as the document lays it out, before any reading by label."""

    cells: tuple[GridCell, ...]
    rows: int
    columns: int
    span: Span

    def to_dict(self) -> dict:
        return {"rows": self.rows, "columns": self.columns, "span": self.span.to_dict(),
                "cells": [cell.to_dict() for cell in self.cells]}


@dataclass(frozen=True)
class ExtractedDocument:
    """The text a format reader extracted (every span of a report indexes it) and the tables it found."""

    text: str
    format: str
    tables: tuple[Grid, ...] = ()
    pages: int | None = None
    encoding: str | None = None

    def to_dict(self) -> dict:
        return {"format": self.format, "pages": self.pages, "encoding": self.encoding,
                "tables": [grid.to_dict() for grid in self.tables]}


@dataclass(frozen=True)
class SourceCell:
    """A cell as a reader finds it, before it is written: its text and how many rows and columns it covers."""

    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class FormatLimits:
    """Bounds on the work one document may cause. Past any of them the document is refused with a clear error."""

    max_pdf_pages: int = 200
    max_pdf_chars_per_page: int = 20_000
    max_pdf_seconds: float = 60.0
    max_docx_uncompressed_bytes: int = 50 * 1024 * 1024
    max_docx_parts: int = 2_000
    max_html_elements: int = 200_000
    max_html_depth: int = 400
    max_table_cells: int = 100_000


def clean_inline(text: str) -> str:
    """Runs of white space (no-break spaces and line breaks included) as one space, none at the ends."""
    return _SPACES.sub(" ", text).strip()


def join_pieces(pieces: Sequence[str]) -> str:
    """Pieces of one cell or one wrapped line joined: nothing between two Chinese characters, a space between two
    Latin words or numbers (``商业`` + ``企业`` is ``商业企业``; ``hz`` + ``@126.com`` keeps no space either)."""
    out = ""
    for piece in (clean_inline(p) for p in pieces):
        if not piece:
            continue
        if out and out[-1].isascii() and out[-1].isalnum() and piece[0].isascii() and piece[0].isalnum():
            out += " "
        out += piece
    return out


class TextBuilder:
    """Writes paragraphs and tables into one text and records where every table cell stands in it."""

    def __init__(self, max_table_cells: int = FormatLimits.max_table_cells):
        self._parts: list[str] = []
        self._length = 0
        self._grids: list[Grid] = []
        self._table_cells = 0
        self._max_table_cells = max_table_cells

    def paragraph(self, text: str) -> None:
        text = clean_inline(text)
        if text:
            self._write(text + "\n")

    def table(self, rows: Sequence[Sequence[SourceCell]]) -> None:
        """Each row a line, cells separated by tabs; a cell spanning rows or columns is written once, where it
        starts, and the positions it covers below are skipped when the next rows' columns are counted."""
        rows = [row for row in rows if row]
        if not rows:
            return
        start = self._length
        covered: set[tuple[int, int]] = set()
        cells: list[GridCell] = []
        for r, row in enumerate(rows):
            column = 0
            for index, source in enumerate(row):
                while (r, column) in covered:
                    column += 1
                if index:
                    self._write("\t")
                text = clean_inline(source.text)
                at = self._length
                self._write(text)
                rowspan = max(1, min(source.rowspan, len(rows) - r))
                colspan = max(1, min(source.colspan, 1000))
                self._count_cells(rowspan * colspan)
                cells.append(GridCell(r, column, rowspan, colspan, text, Span(at, self._length)))
                covered.update((r + dr, column + dc) for dr in range(1, rowspan) for dc in range(colspan))
                column += colspan
            self._write("\n")
        columns = max(cell.column + cell.colspan for cell in cells)
        self._grids.append(Grid(tuple(cells), len(rows), columns, Span(start, self._length)))

    def build(self, format: str, pages: int | None = None, encoding: str | None = None) -> ExtractedDocument:
        return ExtractedDocument("".join(self._parts), format, tuple(self._grids), pages, encoding)

    def _write(self, text: str) -> None:
        self._parts.append(text)
        self._length += len(text)

    def _count_cells(self, count: int) -> None:
        self._table_cells += count
        if self._table_cells > self._max_table_cells:
            raise DocumentTooComplex(f"the document's tables have over {self._max_table_cells} cells")
