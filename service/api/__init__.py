"""The HTTP front door: ``create_app(config=None)`` builds the Flask app; the pipeline is built once per process
(per gunicorn worker) and kept in ``app.extensions``."""

from __future__ import annotations

import os

from flask import Flask

from ..ingest import max_document_bytes
from ..pipeline import Pipeline
from .. import review
from . import errors, reports, routes, themes

EXTENSION = "report_pipeline"


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__)
    app.config.update(
        MAX_DOCUMENT_BYTES=max_document_bytes(),
        REPORTS_JSONL=os.environ.get("REPORTS_JSONL"),
        JSON_AS_ASCII=False,
    )
    if config:
        app.config.update(config)
    # Multipart bodies carry some overhead around the file; the document limit itself is checked on the text.
    app.config.setdefault("MAX_CONTENT_LENGTH", app.config["MAX_DOCUMENT_BYTES"] + 64 * 1024)
    app.json.ensure_ascii = False
    app.extensions[EXTENSION] = Pipeline()
    errors.register(app)
    app.register_blueprint(routes.api)
    reports.configure(app)
    app.register_blueprint(reports.reports)
    app.register_blueprint(themes.themes_api)
    review.register(app)
    return app
