"""The report's types: small frozen dataclasses with an explicit ``to_dict()``.

``SCHEMA_VERSION`` is the version of the JSON a ``Report`` turns into; it changes only when a consumer of the
JSON would have to change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = 1


@dataclass(frozen=True, order=True)
class Span:
    """Offsets into the text exactly as the user submitted it: ``text[start:end]`` is the evidence."""

    start: int
    end: int

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end}


def _span_dict(span: Span | None) -> dict | None:
    return span.to_dict() if span is not None else None


@dataclass(frozen=True)
class Field:
    """One metadata value with how sure we are of it and where it was read (``None`` when the text is silent)."""

    value: Any
    confidence: float
    span: Span | None = None
    method: str = ""

    def to_dict(self) -> dict:
        return {
            "value": self.value,
            "confidence": round(self.confidence, 2),
            "span": _span_dict(self.span),
            "method": self.method,
        }


UNKNOWN = Field(None, 0.0, None, "not stated")


@dataclass(frozen=True)
class DocumentInfo:
    agency: Field = UNKNOWN
    year: Field = UNKNOWN
    level: Field = UNKNOWN
    region: Field = UNKNOWN
    template: Field = UNKNOWN

    def to_dict(self) -> dict:
        return {
            "agency": self.agency.to_dict(),
            "year": self.year.to_dict(),
            "level": self.level.to_dict(),
            "region": self.region.to_dict(),
            "template": self.template.to_dict(),
        }


@dataclass(frozen=True)
class Section:
    """A heading and the text it governs. ``heading`` covers the title as printed, ``span`` the whole section."""

    id: str
    title: str
    heading: Span
    span: Span
    number: str | None = None
    children: tuple["Section", ...] = ()

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "number": self.number,
            "heading": self.heading.to_dict(),
            "span": self.span.to_dict(),
            "children": [child.to_dict() for child in self.children],
        }


@dataclass(frozen=True)
class Cell:
    """A statistical-table cell. ``value`` is ``None`` for a cell the report leaves blank."""

    value: float | int | None
    span: Span
    unit: str | None = None

    def to_dict(self) -> dict:
        out = {"value": self.value, "span": self.span.to_dict()}
        if self.unit:
            out["unit"] = self.unit
        return out


@dataclass(frozen=True)
class Table:
    """One of the three statistical tables.

    ``status``: ``ok`` (every cell of the template read), ``partial`` (the cells listed were read reliably, the
    ``unread`` ones were not), ``unreadable`` (present but nothing could be read reliably), ``missing`` (absent).
    """

    name: str
    template: str | None
    status: str
    cells: dict[str, Cell] = field(default_factory=dict)
    unread: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    span: Span | None = None
    rows: tuple[dict, ...] = ()

    def value(self, key: str):
        cell = self.cells.get(key)
        return cell.value if cell is not None else None

    def to_dict(self) -> dict:
        out = {
            "template": self.template,
            "status": self.status,
            "span": _span_dict(self.span),
            "reasons": list(self.reasons),
            "cells": {key: cell.to_dict() for key, cell in self.cells.items()},
            "unread": list(self.unread),
        }
        if self.rows:
            out["rows"] = list(self.rows)
        return out


@dataclass(frozen=True)
class Check:
    """An arithmetic check a reviewer does by hand, with the cells on both sides."""

    id: str
    expression: str
    left: float | int | None
    right: float | int | None
    status: str  # pass | fail | not_assessable
    spans: tuple[Span, ...] = ()
    reason: str | None = None

    def to_dict(self) -> dict:
        out = {
            "id": self.id,
            "expression": self.expression,
            "left": self.left,
            "right": self.right,
            "status": self.status,
            "spans": [span.to_dict() for span in self.spans],
        }
        if self.reason:
            out["reason"] = self.reason
        return out


@dataclass(frozen=True)
class Finding:
    """A fact read from the narrative (a quantity, a problem, a measure), traceable to its evidence."""

    id: str
    kind: str
    key: str
    value: Any
    span: Span
    section: str | None
    score: float
    method: str  # rule | ml | hybrid
    extractor: str
    extractor_version: str
    qualifiers: dict[str, Any] = field(default_factory=dict)
    unit: str | None = None
    evidence: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "kind": self.kind,
            "key": self.key,
            "value": self.value,
            "unit": self.unit,
            "qualifiers": dict(self.qualifiers),
            "span": self.span.to_dict(),
            "section": self.section,
            "score": round(self.score, 3),
            "method": self.method,
            "extractor": {"name": self.extractor, "version": self.extractor_version},
            "evidence": dict(self.evidence),
        }


@dataclass(frozen=True)
class Source:
    """What was submitted. ``sha256`` and ``characters`` are those of the text the spans index (the extracted
    text for HTML, PDF and DOCX); ``file_sha256`` and ``bytes`` those of the file as sent, when it was a file."""

    name: str | None
    sha256: str
    characters: int
    format: str = "text"
    file_sha256: str | None = None
    bytes: int | None = None
    pages: int | None = None

    def to_dict(self) -> dict:
        out = {"name": self.name, "sha256": self.sha256, "characters": self.characters, "format": self.format}
        if self.file_sha256 is not None:
            out.update(file_sha256=self.file_sha256, bytes=self.bytes)
        if self.pages is not None:
            out["pages"] = self.pages
        return out


@dataclass(frozen=True)
class Report:
    source: Source
    pipeline: dict
    document: DocumentInfo
    sections: tuple[Section, ...]
    tables: dict[str, Table]
    checks: tuple[Check, ...]
    findings: tuple[Finding, ...] = ()
    warnings: tuple[str, ...] = ()
    text: str | None = None  # the extracted text, for HTML, PDF and DOCX (the spans index it)

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def to_dict(self) -> dict:
        return {
            "schema_version": SCHEMA_VERSION,
            "source": self.source.to_dict(),
            "pipeline": dict(self.pipeline),
            "document": self.document.to_dict(),
            "sections": [section.to_dict() for section in self.sections],
            "tables": {name: table.to_dict() for name, table in self.tables.items()},
            "checks": [check.to_dict() for check in self.checks],
            "findings": [finding.to_dict() for finding in self.findings],
            "warnings": list(self.warnings),
            **({"text": self.text} if self.text is not None else {}),
        }
