"""Loading rule data files (TSV) with validation: a bad file fails at start-up, naming the file and the line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .errors import RuleFileError

DATA_PACKAGE = "service.data"


@dataclass(frozen=True)
class Row:
    """One data row of a rule file, with where it came from."""

    path: str
    line: int
    values: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.values[column]

    def fail(self, problem: str) -> RuleFileError:
        return RuleFileError(self.path, self.line, problem)

    def regex(self, column: str) -> re.Pattern:
        try:
            return re.compile(self.values[column])
        except re.error as exc:
            raise self.fail(f"column {column!r}: bad regular expression {self.values[column]!r}: {exc}") from None

    def choice(self, column: str, allowed) -> str:
        value = self.values[column]
        if value not in allowed:
            raise self.fail(f"column {column!r}: {value!r} is not one of {sorted(allowed)}")
        return value


def data_path(name: str) -> Path:
    return Path(str(resources.files(DATA_PACKAGE).joinpath(name)))


def read_tsv(path: Path, columns: tuple[str, ...], optional: tuple[str, ...] = ()) -> list[Row]:
    """Rows of a TSV file whose first non-comment line names ``columns`` (never empty) and ``optional`` (may be
    empty). ``#`` starts a comment line."""
    shown = str(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise RuleFileError(shown, 0, f"cannot read: {exc.strerror}") from None
    rows: list[Row] = []
    header: list[str] | None = None
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            missing = [c for c in (*columns, *optional) if c not in header]
            if missing:
                raise RuleFileError(shown, number, f"header lacks column(s) {missing}; it has {header}")
            continue
        if len(cells) != len(header):
            raise RuleFileError(shown, number, f"{len(cells)} fields where the header has {len(header)}")
        values = dict(zip(header, (c.strip() for c in cells)))
        for column in columns:
            if not values[column]:
                raise RuleFileError(shown, number, f"column {column!r} is empty")
        rows.append(Row(shown, number, values))
    if header is None:
        raise RuleFileError(shown, 0, "no header line")
    return rows
