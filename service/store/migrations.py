"""The store's schema version and the steps that bring an older database up to it.

Each step is a function of a connection, run in its own transaction together with the row that records its
version, so a database is always at a version the code knows. A database newer than the code is refused rather
than written to.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

from sqlalchemy import Connection, Engine, inspect, select

from . import schema
from .errors import StoreVersionError


def _create_v1(connection: Connection) -> None:
    for table in (schema.documents, schema.reports, schema.checks, schema.findings):
        table.create(connection)


def _add_review_v2(connection: Connection) -> None:
    """The texts of plain-text reports and the reviewers' corrections (the review pages)."""
    for table in (schema.report_texts, schema.corrections):
        table.create(connection)


MIGRATIONS: tuple[tuple[int, Callable[[Connection], None]], ...] = (
    (1, _create_v1),
    (2, _add_review_v2),
)
SCHEMA_VERSION = MIGRATIONS[-1][0]


def current_version(connection: Connection) -> int:
    """The version of the database: 0 for an empty one."""
    if not inspect(connection).has_table(schema.schema_version.name):
        return 0
    return connection.scalar(select(schema.schema_version.c.version).order_by(
        schema.schema_version.c.version.desc()).limit(1)) or 0


def migrate(engine: Engine) -> int:
    """Bring the database up to ``SCHEMA_VERSION``; return the version it was at."""
    with engine.begin() as connection:
        schema.schema_version.create(connection, checkfirst=True)
        found = current_version(connection)
    if found > SCHEMA_VERSION:
        raise StoreVersionError(
            f"the database is at schema version {found}, newer than this program's {SCHEMA_VERSION}: "
            "upgrade the program"
        )
    for version, step in MIGRATIONS:
        if version <= found:
            continue
        with engine.begin() as connection:
            step(connection)
            connection.execute(schema.schema_version.insert().values(
                version=version, applied_at=datetime.now(timezone.utc).isoformat(timespec="seconds")))
    return found
