"""``/api/v1/reports``: the reports a batch run stored, read from the database of ``REPORTS_DB_URL``.

The store is opened on the first request of each process (each gunicorn worker has its own connections) and kept
in ``app.extensions``.
"""

from __future__ import annotations

import os

from flask import Blueprint, Response, current_app, jsonify, request

from ..store import DB_URL_ENV, ReportFilter, Store, StoreNotConfigured, open_store

reports = Blueprint("reports", __name__, url_prefix="/api/v1")
EXTENSION = "report_store"


def configure(app) -> None:
    """Where the stored reports are: ``config["REPORTS_DB_URL"]``, else the environment variable."""
    app.config.setdefault(DB_URL_ENV, os.environ.get(DB_URL_ENV))


def current_store() -> Store:
    store = current_app.extensions.get(EXTENSION)
    if store is None:
        url = current_app.config.get(DB_URL_ENV)
        if not url:
            raise StoreNotConfigured(f"no database of stored reports is configured: set {DB_URL_ENV}")
        store = current_app.extensions[EXTENSION] = open_store(url)
    return store


@reports.get("/reports")
def list_reports():
    where = ReportFilter.from_query(request.args)
    total, found = current_store().list_reports(where)
    return jsonify({"total": total, "limit": where.limit, "offset": where.offset, "reports": found})


@reports.get("/reports/<int:report_id>")
def get_report(report_id: int):
    return Response(current_store().report_json(report_id), mimetype="application/json")
