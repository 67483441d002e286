"""The result store: open a database by URL, record scored documents (one transaction each), and query them.

SQLite (the default, no server) and PostgreSQL go through the same code. On SQLite the database runs in WAL mode
with ``synchronous=NORMAL``: a commit survives the process being killed; after a power cut the database is
consistent and at worst loses its last commits, whose documents are then scored again.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, NoSuchModuleError, OperationalError

from . import schema
from .errors import BadFilter, ReportNotFound, StoreUnavailable
from .migrations import migrate
from ..scoring import ScoredDocument

_CHUNK = 500  # sha256s per IN (...) query: well under SQLite's and PostgreSQL's parameter limits
LEVELS = ("ministry", "province", "city", "county", "township", "department")


@dataclass(frozen=True)
class StoredResult:
    """What the ledger holds for one document under one pipeline."""

    id: int
    sha256: str
    name: str | None
    status: str
    error_code: str | None
    error_message: str | None
    report_json: str | None


@dataclass(frozen=True)
class ReportFilter:
    agency: str | None = None
    year: int | None = None
    level: str | None = None
    fingerprint: str | None = None
    sha256: str | None = None
    limit: int = 100
    offset: int = 0

    @classmethod
    def from_query(cls, args) -> "ReportFilter":
        """A filter from query parameters (strings); a bad one raises ``BadFilter``."""
        known = {"agency", "year", "level", "pipeline", "sha256", "limit", "offset"}
        unknown = sorted(set(args) - known)
        if unknown:
            raise BadFilter(f"unknown filter {unknown[0]!r}; known: {', '.join(sorted(known))}")
        level = args.get("level") or None
        if level is not None and level not in LEVELS:
            raise BadFilter(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
        return cls(
            agency=args.get("agency") or None,
            year=_integer(args, "year", 1990, 2100),
            level=level,
            fingerprint=args.get("pipeline") or None,
            sha256=args.get("sha256") or None,
            limit=_integer(args, "limit", 1, 1000) or 100,
            offset=_integer(args, "offset", 0, 10**9) or 0,
        )


def _integer(args, name: str, low: int, high: int) -> int | None:
    raw = args.get(name)
    if raw in (None, ""):
        return None
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise BadFilter(f"{name} must be a whole number from {low} to {high}, not {raw!r}")
    return int(raw)


def sqlite_url(path: str | Path) -> str:
    return f"sqlite:///{Path(path)}"


def open_store(url: str) -> "Store":
    """Open (and create or migrate) the database at ``url``."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreUnavailable(f"not a database URL: {url!r}") from None
    if parsed.drivername == "postgresql":  # the pinned driver is psycopg 3
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = create_engine(parsed, pool_pre_ping=True)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        raise StoreUnavailable(f"cannot use the database {parsed.render_as_string(hide_password=True)}: {exc}") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        migrate(engine)
    except OperationalError as exc:
        engine.dispose()
        raise StoreUnavailable(
            f"cannot open the database {parsed.render_as_string(hide_password=True)}: {exc.orig}") from None
    except BaseException:
        engine.dispose()  # no pooled connection outlives a refused database
        raise
    return Store(engine)


def _sqlite_pragmas(connection, _record) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


class Store:
    def __init__(self, engine: Engine):
        self.engine = engine

    def close(self) -> None:
        self.engine.dispose()

    # -- the ledger -------------------------------------------------------------------------------------------

    def record(self, scored: ScoredDocument) -> bool:
        """Commit one document's outcome (its report, checks and findings) in one transaction. ``False`` when the
        ledger already had it (another run scored the same content under the same pipeline meanwhile)."""
        try:
            with self.engine.begin() as connection:
                document_id = connection.execute(schema.documents.insert().values(
                    sha256=scored.sha256, pipeline_fingerprint=scored.pipeline_fingerprint,
                    pipeline_version=scored.pipeline_version, name=scored.name, size_bytes=scored.size_bytes,
                    status="ok" if scored.ok else "failed", error_code=scored.error_code,
                    error_message=scored.error_message,
                    scored_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                )).inserted_primary_key[0]
                if scored.ok:
                    connection.execute(schema.reports.insert().values(
                        id=document_id, report_json=scored.report_json, **scored.report_columns))
                    if scored.check_rows:
                        connection.execute(schema.checks.insert(),
                                           [dict(row, report_id=document_id) for row in scored.check_rows])
                    if scored.finding_rows:
                        connection.execute(schema.findings.insert(),
                                           [dict(row, report_id=document_id) for row in scored.finding_rows])
                    if scored.source_text is not None:
                        connection.execute(schema.report_texts.insert().values(
                            report_id=document_id, text=scored.source_text))
        except IntegrityError:
            return False
        return True

    def results(self, fingerprint: str, sha256s: Iterable[str]) -> dict[str, StoredResult]:
        """What the ledger holds under ``fingerprint`` for each of ``sha256s`` that it has."""
        wanted = list(dict.fromkeys(sha256s))
        found: dict[str, StoredResult] = {}
        with self.engine.connect() as connection:
            for start in range(0, len(wanted), _CHUNK):
                query = _results_query().where(
                    schema.documents.c.pipeline_fingerprint == fingerprint,
                    schema.documents.c.sha256.in_(wanted[start:start + _CHUNK]))
                for row in connection.execute(query):
                    found[row.sha256] = StoredResult(*row)
        return found

    def statuses(self, fingerprint: str, sha256s: Iterable[str]) -> dict[str, str]:
        """``ok`` or ``failed`` for each of ``sha256s`` already scored under ``fingerprint`` (no report bodies)."""
        wanted = list(dict.fromkeys(sha256s))
        found: dict[str, str] = {}
        d = schema.documents.c
        with self.engine.connect() as connection:
            for start in range(0, len(wanted), _CHUNK):
                query = select(d.sha256, d.status).where(d.pipeline_fingerprint == fingerprint,
                                                         d.sha256.in_(wanted[start:start + _CHUNK]))
                found.update(dict(connection.execute(query).all()))
        return found

    # -- queries ----------------------------------------------------------------------------------------------

    def list_reports(self, where: ReportFilter = ReportFilter()) -> tuple[int, list[dict]]:
        """The total number of stored reports that match, and one page of their summaries."""
        d, r = schema.documents.c, schema.reports.c
        conditions = []
        if where.agency:
            conditions.append(r.agency.contains(where.agency, autoescape=True))
        if where.year is not None:
            conditions.append(r.year == where.year)
        if where.level:
            conditions.append(r.level == where.level)
        if where.fingerprint:
            conditions.append(d.pipeline_fingerprint == where.fingerprint)
        if where.sha256:
            conditions.append(d.sha256 == where.sha256)
        joined = schema.reports.join(schema.documents, r.id == d.id)
        with self.engine.connect() as connection:
            total = connection.scalar(select(func.count()).select_from(joined).where(*conditions))
            rows = connection.execute(
                select(r.id, d.name, d.sha256, r.agency, r.year, r.level, r.region, r.template,
                       d.pipeline_version, d.pipeline_fingerprint, d.scored_at)
                .select_from(joined).where(*conditions).order_by(r.id).limit(where.limit).offset(where.offset)
            ).mappings().all()
        return total, [_summary(row) for row in rows]

    def report(self, report_id: int) -> dict:
        """The stored report of ``report_id``."""
        return json.loads(self.report_json(report_id))

    def report_json(self, report_id: int) -> str:
        """The stored report of ``report_id`` as JSON text, byte for byte the line the batch command wrote."""
        with self.engine.connect() as connection:
            text = connection.scalar(select(schema.reports.c.report_json).where(schema.reports.c.id == report_id))
        if text is None:
            raise ReportNotFound(f"no stored report has the id {report_id}")
        return text

    def findings(self, kind: str | None = None) -> Iterator[dict]:
        """Every stored finding (of one ``kind``), with the id of its report: what the themes issue reads."""
        f = schema.findings.c
        query = select(schema.findings).order_by(f.report_id, f.position)
        if kind:
            query = query.where(f.kind == kind)
        with self.engine.connect() as connection:
            for row in connection.execute(query).mappings():
                yield dict(row)


    # -- what the review pages read and write ---------------------------------------------------------------

    def report_text(self, report_id: int) -> str | None:
        """The text the spans of a report index: its ``text`` (HTML, PDF, DOCX) or the stored plain text; ``None``
        for a plain-text report scored before the store kept texts (schema version 1)."""
        report = self.report(report_id)
        if report.get("text") is not None:
            return report["text"]
        with self.engine.connect() as connection:
            return connection.scalar(select(schema.report_texts.c.text)
                                     .where(schema.report_texts.c.report_id == report_id))

    def report_rows(self) -> list[dict]:
        """Every stored report's id, name and metadata (no report bodies)."""
        d, r = schema.documents.c, schema.reports.c
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(r.id, d.name, r.agency, r.year, r.level, r.region, r.template)
                .select_from(schema.reports.join(schema.documents, r.id == d.id)).order_by(r.id)).mappings().all()
        return [dict(row) for row in rows]

    def report_id(self, sha256: str, fingerprint: str) -> int | None:
        """The id of the report of ``sha256`` scored under ``fingerprint``, if it was scored and analysed."""
        result = self.results(fingerprint, [sha256]).get(sha256)
        return result.id if result is not None and result.status == "ok" else None

    def add_correction(self, *, report_id: int, action: str, value: dict, reviewer: str,
                       finding_id: str | None = None, span: tuple[int, int] | None = None,
                       machine: dict | None = None, note: str | None = None) -> int:
        """Record one reviewer's correction (a new row: nothing is overwritten) and return its id."""
        with self.engine.begin() as connection:
            if connection.scalar(select(schema.reports.c.id).where(schema.reports.c.id == report_id)) is None:
                raise ReportNotFound(f"no stored report has the id {report_id}")
            return connection.execute(schema.corrections.insert().values(
                report_id=report_id, finding_id=finding_id, span_start=span[0] if span else None,
                span_end=span[1] if span else None, action=action, value=value, machine=machine,
                reviewer=reviewer, created_at=datetime.now(timezone.utc).isoformat(timespec="seconds"), note=note,
            )).inserted_primary_key[0]

    def corrections(self, report_id: int | None = None) -> list[dict]:
        """Every correction (of one report), oldest first."""
        c = schema.corrections.c
        query = select(schema.corrections).order_by(c.id)
        if report_id is not None:
            query = query.where(c.report_id == report_id)
        with self.engine.connect() as connection:
            return [dict(row) for row in connection.execute(query).mappings()]

    def version_mark(self) -> tuple:
        """Changes whenever a report or a correction is added: a key for caching what is computed from them."""
        with self.engine.connect() as connection:
            return (connection.scalar(select(func.max(schema.reports.c.id))),
                    connection.scalar(select(func.count()).select_from(schema.reports)),
                    connection.scalar(select(func.max(schema.corrections.c.id))))


def _results_query():
    d, r = schema.documents.c, schema.reports.c
    return (select(d.id, d.sha256, d.name, d.status, d.error_code, d.error_message, r.report_json)
            .select_from(schema.documents.outerjoin(schema.reports, r.id == d.id)))


def _summary(row) -> dict:
    return {
        "id": row["id"], "name": row["name"], "sha256": row["sha256"],
        "agency": row["agency"], "year": row["year"], "level": row["level"], "region": row["region"],
        "template": row["template"],
        "pipeline": {"version": row["pipeline_version"], "fingerprint": row["pipeline_fingerprint"]},
        "scored_at": row["scored_at"],
    }
