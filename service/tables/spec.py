"""The rows, columns and cell keys of the statistical tables, read from ``data/table_rows.tsv``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..rules import data_path, read_tsv

TABLES = ("active_disclosure", "applications", "review_litigation")
TEMPLATES = ("2021", "2019")
APPLICANT_COLUMNS = (
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "social_welfare_org",
    "legal_service_org",
    "other_org",
    "total",
)
# An optional list number before a row label ("1.属于国家秘密"): one digit and its stop, so that it never eats
# the last cell of the row before ("…0 0\n行政规范性文件" must not read as "0行政规范性文件").
_ENUMERATOR = r"(?:\d[.、])?"


@dataclass(frozen=True)
class RowSpec:
    table: str
    templates: tuple[str, ...]
    key: str
    columns: tuple[str, ...]
    label: re.Pattern | None  # None: the row is read as part of a grid (table 四)

    def cell_keys(self) -> tuple[str, ...]:
        return tuple(f"{self.key}.{column}" for column in self.columns)


@dataclass(frozen=True)
class TableSpec:
    rows: tuple[RowSpec, ...]

    def rows_of(self, table: str, template: str) -> tuple[RowSpec, ...]:
        return tuple(row for row in self.rows if row.table == table and template in row.templates)

    def cell_keys(self, table: str, template: str) -> tuple[str, ...]:
        return tuple(key for row in self.rows_of(table, template) for key in row.cell_keys())

    def all_keys(self) -> set[str]:
        """Every ``table.row.column`` key of every template."""
        return {f"{row.table}.{key}" for row in self.rows for key in row.cell_keys()}


def load_table_spec(name: str = "table_rows.tsv") -> TableSpec:
    rows = []
    for row in read_tsv(data_path(name), ("table", "templates", "row", "columns", "label")):
        table = row.choice("table", TABLES)
        templates = tuple(t.strip() for t in row["templates"].split(","))
        for template in templates:
            if template not in TEMPLATES:
                raise row.fail(f"unknown template {template!r}; known: {list(TEMPLATES)}")
        if row["columns"] == "@applicants":
            columns = APPLICANT_COLUMNS
        else:
            columns = tuple(c.strip() for c in row["columns"].split(","))
            if not all(re.fullmatch(r"[a-z_]+", c) for c in columns):
                raise row.fail(f"bad column names {row['columns']!r}")
        if not re.fullmatch(r"[a-z_]+(\.[a-z_]+)?", row["row"]):
            raise row.fail(f"bad row key {row['row']!r}")
        label = None
        if row["label"] != "-":
            row.regex("label")  # validates, naming file and line
            label = re.compile(_ENUMERATOR + "(?:" + row["label"] + ")")
        rows.append(RowSpec(table, templates, row["row"], columns, label))
    return TableSpec(tuple(rows))
