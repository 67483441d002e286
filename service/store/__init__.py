"""Stored results: an embedded SQLite database by default, PostgreSQL when given its URL (one SQLAlchemy code).

``open_store(url)`` creates or migrates the schema and returns a ``Store``: the batch command records scored
documents in it, the HTTP API and the themes issue read it.
"""

from .errors import (BadFilter, ReportNotFound, StoreError, StoreNotConfigured, StoreUnavailable,
                     StoreVersionError)
from .migrations import SCHEMA_VERSION
from ..scoring import ScoredDocument, report_json
from .store import LEVELS, ReportFilter, Store, StoredResult, open_store, sqlite_url

DB_URL_ENV = "REPORTS_DB_URL"

__all__ = ["BadFilter", "DB_URL_ENV", "LEVELS", "ReportFilter", "ReportNotFound", "SCHEMA_VERSION", "ScoredDocument", "Store",
           "StoreError", "StoreNotConfigured", "StoreUnavailable", "StoreVersionError", "StoredResult", "open_store", "report_json",
           "sqlite_url"]
