"""``GET /api/v1/themes``: problem themes across the reports the app was given.

The reports come from the store of ``REPORTS_DB_URL`` when one is configured (the machine's findings, as the batch
stored them; the review pages show the reviewers' corrections), else from a JSON Lines file named by config
``REPORTS_JSONL`` (the ``analyze`` output). Both go through the same ``themes_from_reports``. The result is kept
until the store changes (its reports) or the file does (its mtime and size). ``?format=csv`` gives the spreadsheet
rows; ``?clusters=0`` skips the discovery clustering.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

from flask import Blueprint, Response, current_app, jsonify, request

from ..corpus_themes import themes_from_reports, to_csv
from ..errors import ServiceError
from ..review.corpus import corpus_reports
from ..store import DB_URL_ENV
from .reports import current_store

themes_api = Blueprint("themes", __name__, url_prefix="/api/v1")
_LOCK = threading.Lock()


class ThemesUnavailable(ServiceError):
    code = "themes_unavailable"
    http_status = 503


def _reports(path: Path) -> list[dict]:
    reports = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                reports.append(json.loads(line))
            except ValueError:
                raise ThemesUnavailable(f"REPORTS_JSONL line {number} is not JSON") from None
    return reports


def _themes(clusters: bool) -> dict:
    if current_app.config.get(DB_URL_ENV):
        store = current_store()
        return _cached(("store", store.version_mark()[:2], clusters),
                       lambda: themes_from_reports(corpus_reports(store, reviewed=False), discover=clusters))
    configured = current_app.config.get("REPORTS_JSONL")
    if not configured:
        raise ThemesUnavailable(f"no reports to aggregate: set {DB_URL_ENV} to a store of reports, or REPORTS_JSONL "
                                "to a JSON Lines file of them")
    path = Path(configured)
    try:
        stat = path.stat()
    except OSError:
        raise ThemesUnavailable(f"the reports file {path.name} cannot be read") from None
    return _cached((str(path), stat.st_mtime_ns, stat.st_size, clusters),
                   lambda: themes_from_reports(_reports(path), discover=clusters))


def _cached(key: tuple, compute) -> dict:
    cache = current_app.extensions.setdefault("themes_cache", {})
    with _LOCK:
        if key not in cache:
            cache.clear()
            cache[key] = compute()
        return cache[key]


@themes_api.get("/themes")
def themes():
    fmt = request.args.get("format", "json")
    if fmt not in ("json", "csv"):
        raise ServiceError(f"format must be json or csv, not {fmt!r}")
    result = _themes(request.args.get("clusters", "1") != "0")
    if fmt == "csv":
        return Response(to_csv(result), mimetype="text/csv")
    return jsonify(result)
