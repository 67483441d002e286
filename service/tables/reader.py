"""Reading a table's cells by its row labels, in any of the layouts ``cells.split_cells`` knows.

A row's cells are the numbers that follow its label up to the next row label. Labels are searched in the compact
view (no white space), because PDF extraction breaks labels across lines; cells are read in the normal view,
where white space still separates them. A row whose cell count does not match its template is not guessed: its
cells are listed as unread, with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Cell, Span, Table
from ..text import SubmittedText
from .cells import RawCell, split_cells
from .runs import is_run, split_run
from .spec import TableSpec

_TEMPLATE_2021_HEADER = re.compile(r"本年制发件数|本年废止件数|现行有效件数|本年处理决定数量|本年收费金额")
_TEMPLATE_2019_HEADER = re.compile(r"本年新制作数量|本年新公开数量|对外公开总数量|上一年项目数量|本年增/?减|采购项目数量|第二十条第\(九\)项")
_APPLICATIONS_2021_ROWS = re.compile(r"逾期不补正|逾期未按收费")
_APPLICATIONS_ONE_OTHER_ROW = re.compile(r"\(六\)其他处理")
_REVIEW_HEADER = re.compile(r"结果维持|结果纠正|尚未审结|未经复议直接起诉|复议后起诉")
_REVIEW_WORDS = re.compile(r"行政复议|行政诉讼|未经复议直接起诉|复议后起诉|结果|维持|纠正|其他|尚未|审结|总计|[\s#*|()（）:：\-]")
_GLUED_DIGITS = 4  # a number this long where several cells were expected: cells run together


@dataclass(frozen=True)
class Region:
    """A stretch of the normal view, ``[start, end)``."""

    start: int
    end: int


@dataclass(frozen=True)
class _Label:
    row_index: int
    start: int  # normal-view positions
    end: int


class TableReader:
    def __init__(self, spec: TableSpec):
        self.spec = spec

    def table_template(self, text: SubmittedText, region: Region | None) -> str | None:
        """2021 or 2019, from the column headings of table 二 (None when neither is printed)."""
        if region is None:
            return None
        words = _compact_slice(text, region)
        if _TEMPLATE_2019_HEADER.search(words):
            return "2019"
        if _TEMPLATE_2021_HEADER.search(words):
            return "2021"
        return None

    def read(self, name: str, text: SubmittedText, region: Region | None, template: str | None) -> Table:
        if region is None:
            return Table(name, template, "missing", reasons=("the report has no such section or table",))
        if name == "review_litigation":
            return self._read_grid(name, text, region, template)
        if name == "applications" and template is not None:
            template = self._applications_template(_compact_slice(text, region), template)
        return self._read_rows(name, text, region, template or "2021")

    @staticmethod
    def _applications_template(words: str, template: str) -> str:
        """Table 三's own layout: the three 其他处理 rows of 2021, or the one row of 2019 (which some 2021 reports
        still print, as 洪泽区 2023 does)."""
        if _APPLICATIONS_2021_ROWS.search(words):
            return "2021"
        if _APPLICATIONS_ONE_OTHER_ROW.search(words):
            return "2019"
        return template

    # -- tables 二 and 三: rows found by label -------------------------------------------------------------
    def _read_rows(self, name: str, text: SubmittedText, region: Region, template: str) -> Table:
        rows = self.spec.rows_of(name, template)
        labels = self._find_labels(rows, text, region)
        if not labels:
            return Table(name, template, "missing", span=text.normal.span(region.start, region.end),
                         reasons=("none of the table's row labels is printed",))
        cells: dict[str, Cell] = {}
        unread: list[str] = []
        reasons: list[str] = []
        starts = sorted(label.start for matches in labels.values() for label in matches)
        for index, row in enumerate(rows):
            values, problem = None, "row label not found"
            # A label can also stand in a stray header; the row is the first of its labels followed by its cells.
            for label in labels.get(index, []):
                following = [start for start in starts if start > label.start]
                values, problem = _row_values(text, label.end, following[0] if following else region.end,
                                              row.columns)
                if problem is None:
                    break
            if problem:
                reasons.append(f"{row.key}: {problem}")
            for key, raw in zip(row.cell_keys(), values or [None] * len(row.columns)):
                if raw is None:
                    unread.append(key)
                else:
                    cells[key] = _to_cell(text, raw)
        self._drop_detached(rows, labels, cells, unread, reasons, text, starts, region)
        status = "ok" if not unread else ("partial" if cells else "unreadable")
        return Table(name, template, status, cells, tuple(unread), tuple(reasons),
                     text.normal.span(region.start, region.end))

    def _drop_detached(self, rows, labels, cells, unread, reasons, text, starts, region) -> None:
        """Where a row label stands with no cells of its own and the next label's cells come on a later line, the
        labels have come apart from their cells (Markdown rebuilt from a PDF): the cells after the second label
        may be the first's, so neither row is read."""
        first_label = {index: matches[0] for index, matches in labels.items() if matches}
        by_position = sorted(first_label.items(), key=lambda item: item[1].start)
        normal = text.normal.text
        for (index, label), (next_index, next_label) in zip(by_position, by_position[1:]):
            between = split_cells(normal[label.end : next_label.start], label.end)
            if any(cell.kind == "number" for cell in between):
                continue
            next_row = rows[next_index]
            keys = next_row.cell_keys()
            first_value = cells.get(keys[0])
            if first_value is None or "\n" not in normal[next_label.end : text.normal.index_at_or_after(first_value.span.start)]:
                continue
            for row_index in (index, next_index):
                row = rows[row_index]
                for key in row.cell_keys():
                    cells.pop(key, None)
                    if key not in unread:
                        unread.append(key)
                reasons.append(f"{row.key}: its label stands apart from the cells, which cannot be told from the next row's")

    def _find_labels(self, rows, text: SubmittedText, region: Region) -> dict[int, list[_Label]]:
        """Every match of each row label in the region, in normal-view positions; a match inside another row's
        label does not count ("行政规范性文件" is not a second "规范性文件")."""
        compact = text.compact
        c_start = compact.index_at_or_after(text.normal.offset(region.start))
        c_end = compact.index_at_or_after(text.normal.offset(region.end))
        words = compact.text[c_start:c_end]
        found: dict[int, list[_Label]] = {}
        taken: list[tuple[int, int]] = []
        for index, row in enumerate(rows):
            if row.label is None:
                continue
            for match in row.label.finditer(words):
                if any(s < match.end() and match.start() < e for s, e in taken):
                    continue
                taken.append((match.start(), match.end()))
                start = text.normal.index_at_or_after(compact.offset(c_start + match.start()))
                end = text.normal.index_at_or_after(compact.span(c_start + match.start(), c_start + match.end()).end)
                found.setdefault(index, []).append(_Label(index, start, end))
        return found

    # -- table 四: one grid of 15 numbers -------------------------------------------------------------------
    def _read_grid(self, name: str, text: SubmittedText, region: Region, template: str | None) -> Table:
        rows = self.spec.rows_of(name, template or "2021")
        keys = [key for row in rows for key in row.cell_keys()]
        span = text.normal.span(region.start, region.end)
        raw = split_cells(text.normal.text[region.start:region.end], region.start)
        numbers = [cell for cell in raw if cell.kind == "number"]
        if not numbers:
            decoded = _grid_from_run(name, template, text, region, keys)
            if decoded is not None:
                return decoded
            if _REVIEW_HEADER.search(_compact_slice(text, region)):
                return Table(name, template, "unreadable", span=span, unread=tuple(keys),
                             reasons=(_no_cells_reason(raw),))
            return Table(name, template, "missing", span=span, reasons=("the section prints no table",))
        if len(numbers) != len(keys):
            # Narrative around the table (a sentence before it, problems printed after it without their
            # heading) brings numbers of its own: the table is the run of numbers among its own headings.
            numbers = _grid_run(raw, len(keys)) or numbers
        if len(numbers) != len(keys):
            reason = f"found {len(numbers)} numeric cells where the table has {len(keys)}"
            if any(_glued(cell) for cell in numbers):
                reason = "cells run together with no separator: " + reason
            return Table(name, template, "unreadable", span=span, unread=tuple(keys), reasons=(reason,))
        cells = {key: _to_cell(text, cell) for key, cell in zip(keys, numbers)}
        return Table(name, template, "ok", cells, span=span)


def _grid_from_run(name: str, template: str | None, text: SubmittedText, region: Region, keys: list[str]) -> Table | None:
    """Table 四 printed as one run of digits glued to its headings: the cells every split of the run agrees on."""
    normal = text.normal.text
    runs = [m for m in re.finditer(r"\d[\d \t]*", normal[region.start:region.end])
            if len(re.sub(r"\D", "", m.group())) >= len(keys)]
    if len(runs) != 1:
        return None
    run = runs[0]
    columns = tuple(key.rsplit(".", 1)[-1] for key in keys)
    decoded = split_run(run.group().rstrip(), region.start + run.start(), columns)
    cells = {key: _to_cell(text, cell) for key, cell in zip(keys, decoded) if cell is not None}
    if not cells:
        return None
    unread = tuple(key for key in keys if key not in cells)
    reason = f"cells run together with no separator; {len(cells)} of {len(keys)} read where every split of the run agrees"
    return Table(name, template, "partial" if unread else "ok", cells, unread, (reason,),
                 text.normal.span(region.start, region.end))


def _grid_run(raw: list[RawCell], count: int) -> list[RawCell] | None:
    """The one run of exactly ``count`` numbers not broken by words other than table 四's own headings."""
    runs: list[list[RawCell]] = [[]]
    for cell in raw:
        if cell.kind == "number":
            runs[-1].append(cell)
        elif cell.kind == "text" and _REVIEW_WORDS.sub("", cell.text):
            runs.append([])
    fitting = [run for run in runs if len(run) == count]
    return fitting[0] if len(fitting) == 1 else None


def _compact_slice(text: SubmittedText, region: Region) -> str:
    compact = text.compact
    start = compact.index_at_or_after(text.normal.offset(region.start))
    end = compact.index_at_or_after(text.normal.offset(region.end))
    return compact.text[start:end]


def _row_values(text: SubmittedText, start: int, end: int, columns: tuple[str, ...]) -> tuple[list[RawCell | None], str | None]:
    """The cells of one row: the run of number and blank cells after the label, or why it cannot be read. Where
    the cells run together, those that every split of the run agrees on (``runs.split_run``), ``None`` for the
    others, and the reason."""
    values, problem = _separated_values(text, start, end, len(columns))
    segment = _leading_run(text.normal.text[start:end])
    if problem is None or not is_run(segment) or not _runs_together(segment, problem):
        return values, problem
    decoded = split_run(segment, start, columns)
    read = sum(cell is not None for cell in decoded)
    if not read:
        return [], problem
    return decoded, f"{problem}; {read} of {len(columns)} cells read where every split of the run agrees"


def _leading_run(segment: str) -> str:
    """The digits, minus signs and white space that follow a label, up to the first word (a heading printed
    after the row); nothing when the run goes on into a decimal, a thousands separator or a unit."""
    run = re.match(r"[\d\s\-−]*", segment).group()
    rest = segment[len(run):]
    return "" if rest[:1] in tuple(".,，元万%") and rest else run.rstrip()


def _runs_together(segment: str, problem: str) -> bool:
    """Whether a row's numbers were printed with no separator: a long run of digits, digits touching the label,
    or a token that cannot be one cell ("00", "2648-18"). A short row of spaced numbers is not decoded: there a
    missing number is more likely a blank cell than two cells run together."""
    tokens = segment.split()
    return ("run together" in problem or not segment[:1].isspace()
            or any(not re.fullmatch(r"[-−]?(?:0|[1-9]\d*)", token) for token in tokens))


def _separated_values(text: SubmittedText, start: int, end: int, expected: int) -> tuple[list[RawCell], str | None]:
    raw = split_cells(text.normal.text[start:end], start)
    if raw and raw[0].kind == "blank" and raw[0].start == start:
        raw = raw[1:]  # the empty rest of the label's own cell, before the first tab or pipe
    first = next((i for i, cell in enumerate(raw) if cell.kind == "number"), None)
    if first is None:
        return [], _no_cells_reason(raw)
    while first > 0 and raw[first - 1].kind == "blank":
        first -= 1  # blanks between the label and the first value are cells of the row too
    run: list[RawCell] = []
    for cell in raw[first:]:
        if cell.kind == "text":
            break
        run.append(cell)
    while run and run[-1].kind == "blank":
        run.pop()
    # Rows are aligned on their last cell: blanks before the values (a label column left empty by a lost
    # rowspan) fall away, a blank among the values' columns is a blank cell.
    while len(run) > expected and run[0].kind == "blank":
        run.pop(0)
    if len(run) == expected:
        return run, None
    numbers = [cell for cell in run if cell.kind == "number"]
    if len(numbers) < expected and any(_glued(cell) for cell in numbers):
        return [], f"cells run together with no separator ({' '.join(c.text for c in numbers)!r} for {expected} cells)"
    return [], f"found {len(run)} cells where the row has {expected}"


def _glued(cell: RawCell) -> bool:
    return cell.kind == "number" and len(re.sub(r"\D", "", cell.text)) > _GLUED_DIGITS


def _no_cells_reason(raw: list[RawCell]) -> str:
    glued = [cell.text for cell in raw if cell.kind == "text" and re.search(r"\d{2,}", cell.text)]
    if glued:
        return f"cells run together with the labels, no separator ({glued[0][:40]!r})"
    return "no cell values printed"


def _to_cell(text: SubmittedText, raw: RawCell) -> Cell:
    if raw.kind == "blank":
        at = text.normal.offset(raw.start)
        return Cell(None, Span(at, at))
    return Cell(raw.number, text.normal.span(raw.start, raw.end), raw.unit)
