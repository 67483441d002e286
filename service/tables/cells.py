"""Splitting a stretch of table text into cells, whatever the layout.

Layouts met in real reports: tab-separated rows, Markdown pipes, one cell per line (PDF extraction), numbers
separated by spaces, and cells run together with no separator at all (crawler text). Tabs and pipes make blank
cells visible; line breaks and spaces do not, so a blank cell is only ever reported where a delimiter shows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER = r"[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_NUMERIC_CELL = re.compile(rf"^(?P<number>{_NUMBER})\s*\(?(?P<unit>万元|元)?\)?$")
_MARKDOWN_RULE = re.compile(r"^:?-{3,}:?$")
_DELIMITED_LINE = re.compile(r"[\t|]")


@dataclass(frozen=True)
class RawCell:
    """A cell as found: ``kind`` is number, blank or text; ``start``/``end`` index the view it was read from."""

    kind: str
    text: str
    start: int
    end: int
    number: float | int | None = None
    unit: str | None = None


def parse_number(text: str) -> float | int:
    cleaned = text.replace(",", "").replace("−", "-")
    value = float(cleaned)
    return int(value) if "." not in cleaned else value


def _cell(text: str, start: int, end: int) -> RawCell | None:
    stripped = text.strip()
    if not stripped:
        return RawCell("blank", "", start, start)
    lead = len(text) - len(text.lstrip())
    start, end = start + lead, start + lead + len(stripped)
    if _MARKDOWN_RULE.match(stripped):
        return None
    match = _NUMERIC_CELL.match(stripped)
    if match:
        number_end = start + match.end("number")
        return RawCell("number", stripped, start, number_end, parse_number(match["number"]), match["unit"])
    return RawCell("text", stripped, start, end)


def split_cells(text: str, offset: int = 0) -> list[RawCell]:
    """Cells of ``text`` in reading order; ``offset`` is added to every position."""
    cells: list[RawCell] = []
    position = 0
    for line in text.split("\n"):
        base = offset + position
        position += len(line) + 1
        if _DELIMITED_LINE.search(line):
            pieces = _delimited_pieces(line)
            if line.lstrip().startswith("|"):
                pieces = pieces[1:]  # the table border, not a blank cell
            if line.rstrip().endswith("|"):
                pieces = pieces[:-1]
            for at, piece in pieces:
                cell = _cell(piece, base + at, base + at + len(piece))
                if cell is not None:
                    cells.append(cell)
        else:
            for token in _tokens(line):
                cell = _cell(token.group(), base + token.start(), base + token.end())
                if cell is not None:
                    cells.append(cell)
    return cells


def _delimited_pieces(line: str) -> list[tuple[int, str]]:
    """(position, text) of each piece between tabs and pipes, empty pieces included."""
    pieces, start = [], 0
    for match in _DELIMITED_LINE.finditer(line):
        pieces.append((start, line[start : match.start()]))
        start = match.end()
    pieces.append((start, line[start:]))
    return pieces


def _tokens(line: str):
    """White-space separated tokens, but a run of text keeps its inner spaces (a label is one cell)."""
    return re.finditer(rf"{_NUMBER}\s*(?:\(?(?:万元|元)\)?)?(?=\s|$)|\S+(?:[ \u3000]\S+)*?(?=\s+{_NUMBER}(?:\s|$)|\s*$)", line)
