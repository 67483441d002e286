"""The one place where errors become HTTP responses: JSON ``{"error": {"code", "message"}}`` with a status for the
API, and a friendly HTML page with the same code and message for the review pages (``/review/…``)."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from ..errors import ServiceError

log = logging.getLogger(__name__)
REVIEW_PREFIX = "/review"


def error_response(code: str, message: str, status: int):
    if request.path == REVIEW_PREFIX or request.path.startswith(REVIEW_PREFIX + "/"):
        return render_template("review/error.html", code=code, message=message, status=status), status
    response = jsonify({"error": {"code": code, "message": message}})
    response.status_code = status
    return response


def register(app: Flask) -> None:
    @app.errorhandler(ServiceError)
    def service_error(exc: ServiceError):
        return error_response(exc.code, exc.message, exc.http_status)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        code = {413: "document_too_large", 404: "not_found", 405: "method_not_allowed"}.get(exc.code, "bad_request")
        message = exc.description or exc.name
        if exc.code == 413:
            message = f"the upload is over the limit of {app.config['MAX_DOCUMENT_BYTES']} bytes"
        return error_response(code, message, exc.code or 400)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        log.exception("unexpected error")
        return error_response("internal_error", "the server failed to analyse this document; it has been logged",
                              500)
