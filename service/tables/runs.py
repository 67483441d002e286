"""Cells run together with no separator (``2648-18538`` for three cells): read what every split allows.

Crawler text of a portal page prints a table row's numbers one after the other. Such a run can be split into the
row's cells in many ways; three facts of the printed tables cut them down, and nothing else is assumed (not the
arithmetic, which the checks must still be free to find wrong):

- white space separates cells;
- a minus sign starts a cell, and only a column that counts a change (本年增/减) holds a negative number;
- a count is printed without leading zeros (``05`` is two cells, 0 and 5).

A cell is read only where every split that obeys these gives it the same digits; the others stay unread.
"""

from __future__ import annotations

import re

from .cells import RawCell, parse_number

_RUN = re.compile(r"[\d\s\-−]+")
_ATOM = re.compile(r"[-−]?\d+")
_MAX_SPLITS = 2000  # beyond this many ways to split, the run says too little to read any cell
NEGATIVE_COLUMNS = frozenset({"change"})


def is_run(text: str) -> bool:
    """Whether ``text`` is only digits, minus signs and white space (and has a digit)."""
    return bool(_RUN.fullmatch(text)) and any(ch.isdigit() for ch in text)


def split_run(text: str, offset: int, columns: tuple[str, ...]) -> list[RawCell | None]:
    """One entry per column: the cell where every valid split agrees, else ``None``."""
    atoms = _atoms(text)
    if atoms is None:
        return [None] * len(columns)
    splits = _splits(atoms, columns)
    if not splits:
        return [None] * len(columns)
    cells: list[RawCell | None] = []
    for index in range(len(columns)):
        spans = {split[index] for split in splits}
        if len(spans) != 1:
            cells.append(None)
            continue
        start, end = spans.pop()
        digits = text[start:end]
        cells.append(RawCell("number", digits, offset + start, offset + end, parse_number(digits)))
    return cells


def _atoms(text: str) -> list[tuple[int, str]] | None:
    """The pieces each holding one or more whole cells: tokens between white space, cut before each minus sign."""
    atoms = []
    for token in re.finditer(r"\S+", text):
        pieces = list(_ATOM.finditer(token.group()))
        if "".join(p.group() for p in pieces) != token.group():
            return None  # a minus sign with no digits after it: not a run of cells
        atoms.extend((token.start() + p.start(), p.group()) for p in pieces)
    return atoms


def _splits(atoms: list[tuple[int, str]], columns: tuple[str, ...]) -> list[tuple[tuple[int, int], ...]]:
    """Every way to cut the atoms into exactly ``len(columns)`` valid cells (empty when there are too many)."""
    found: list[tuple[tuple[int, int], ...]] = []

    def walk(atom: int, at: int, column: int, chosen: tuple[tuple[int, int], ...]) -> bool:
        if len(found) > _MAX_SPLITS:
            return False
        if atom == len(atoms):
            if column == len(columns):
                found.append(chosen)
            return True
        if column == len(columns):
            return True
        start, digits = atoms[atom]
        for end in range(at + 1, len(digits) + 1):
            piece = digits[at:end]
            if not _valid(piece, columns[column]):
                continue
            done = end == len(digits)
            if not walk(atom + 1 if done else atom, 0 if done else end, column + 1,
                        chosen + ((start + at, start + end),)):
                return False
        return True

    if not walk(0, 0, 0, ()):
        return []
    return found


def _valid(piece: str, column: str) -> bool:
    negative = piece[0] in "-−"
    digits = piece[1:] if negative else piece
    if not digits.isdigit():
        return False
    if negative and (column not in NEGATIVE_COLUMNS or digits == "0"):
        return False
    return digits == "0" or digits[0] != "0"
