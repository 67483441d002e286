"""The tables of the result store (SQLAlchemy Core), the same on SQLite and PostgreSQL.

``documents`` is the ledger: one row per (content SHA-256, pipeline fingerprint) that was scored, with its outcome.
A document that was analysed has one row in ``reports`` (the report JSON exactly as the batch command prints it,
plus the metadata a query filters on) and its ``checks`` and ``findings`` as rows. Findings are stored generically
(kind, key, value, qualifiers, span, section, score, method, extractor), whatever their kind.

Since version 2: ``report_texts`` keeps the text the spans of a plain-text report index (HTML, PDF and DOCX reports
carry it in their JSON already), so the review pages can show a finding in its context; ``corrections`` keeps what
reviewers changed, beside the machine's findings, never over them.
"""

from __future__ import annotations

from sqlalchemy import (JSON, Column, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text,
                        UniqueConstraint)

metadata = MetaData()

schema_version = Table(
    "schema_version", metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("applied_at", String(32), nullable=False),
)

documents = Table(
    "documents", metadata,
    Column("id", Integer, primary_key=True),
    Column("sha256", String(64), nullable=False),
    Column("pipeline_fingerprint", String(64), nullable=False),
    Column("pipeline_version", String(32), nullable=False),
    Column("name", Text),
    Column("size_bytes", Integer, nullable=False),
    Column("status", String(16), nullable=False),  # ok | failed
    Column("error_code", String(64)),
    Column("error_message", Text),
    Column("scored_at", String(32), nullable=False),
    UniqueConstraint("sha256", "pipeline_fingerprint", name="uq_documents_sha256_fingerprint"),
)

reports = Table(
    "reports", metadata,
    Column("id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True, autoincrement=False),
    Column("schema_version", Integer, nullable=False),
    Column("agency", Text),
    Column("year", Integer),
    Column("level", String(32)),
    Column("region", Text),
    Column("template", String(16)),
    Column("report_json", Text, nullable=False),
    Index("ix_reports_agency", "agency"),
    Index("ix_reports_year_level", "year", "level"),
)

checks = Table(
    "checks", metadata,
    Column("id", Integer, primary_key=True),
    Column("report_id", Integer, ForeignKey("reports.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("check_id", String(128), nullable=False),
    Column("expression", Text, nullable=False),
    Column("left_value", Float),
    Column("right_value", Float),
    Column("status", String(16), nullable=False),
    Column("spans", JSON, nullable=False),
    Column("reason", Text),
)

findings = Table(
    "findings", metadata,
    Column("id", Integer, primary_key=True),
    Column("report_id", Integer, ForeignKey("reports.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("finding_id", String(128), nullable=False),
    Column("kind", String(32), nullable=False, index=True),
    Column("key", String(128), nullable=False),
    Column("value", JSON),
    Column("unit", String(32)),
    Column("qualifiers", JSON, nullable=False),
    Column("span_start", Integer),
    Column("span_end", Integer),
    Column("section", String(64)),
    Column("score", Float),
    Column("method", String(16)),
    Column("extractor", String(64)),
    Column("extractor_version", String(128)),
    Column("evidence", JSON, nullable=False),
)

report_texts = Table(
    "report_texts", metadata,
    Column("report_id", Integer, ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True,
           autoincrement=False),
    Column("text", Text, nullable=False),
)

corrections = Table(
    "corrections", metadata,
    Column("id", Integer, primary_key=True),
    Column("report_id", Integer, ForeignKey("reports.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("finding_id", String(128)),  # the machine's finding corrected; null for a problem or quantity it missed
    Column("span_start", Integer),  # where in the text: the finding's span, or the span the reviewer named
    Column("span_end", Integer),
    Column("action", String(32), nullable=False),  # theme | not_problem | missing_problem | quantity
    Column("value", JSON, nullable=False),  # the reviewer's new value (see service/review/corrections.py)
    Column("machine", JSON),  # what the machine said when the correction was made, for the record
    Column("reviewer", String(64), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("note", Text),
)
