"""``/api/v1``: analyse a report, say when ready, describe itself."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request

from ..errors import DocumentTooLarge, EmptyDocument, InputError
from ..ingest import decode
from .openapi import openapi_document

api = Blueprint("api", __name__, url_prefix="/api/v1")


def _pipeline():
    return current_app.extensions["report_pipeline"]


@api.get("/health")
def health():
    return jsonify({"status": "ok", "pipeline": _pipeline().info})


@api.get("/openapi.json")
def openapi():
    return jsonify(openapi_document(current_app.config["MAX_DOCUMENT_BYTES"]))


@api.post("/analyze")
def analyze():
    text, name = _submitted_document()
    report = _pipeline().analyze(text, name)
    return jsonify(report.to_dict())


def _submitted_document() -> tuple[str, str | None]:
    """The document of a text/plain, JSON or multipart request, as text, and its name."""
    limit = current_app.config["MAX_DOCUMENT_BYTES"]
    mimetype = request.mimetype
    if mimetype == "multipart/form-data":
        upload = request.files.get("file")
        if upload is None:
            raise InputError("a multipart request needs the document in a form field named 'file'")
        data = upload.stream.read(limit + 1)
        return decode(data, limit), request.form.get("name") or upload.filename
    if mimetype == "application/json":
        body = request.get_json(silent=True)
        if not isinstance(body, dict) or not isinstance(body.get("text"), str):
            raise InputError('a JSON request must be an object with the document as a string in "text"')
        name = body.get("name")
        if name is not None and not isinstance(name, str):
            raise InputError('"name" must be a string')
        text = body["text"]
        if len(text.encode("utf-8")) > limit:
            raise DocumentTooLarge(f"the document is over the limit of {limit} bytes")
        if not text.strip():
            raise EmptyDocument("the document is empty")
        return decode(text.encode("utf-8"), limit), name
    if mimetype in ("text/plain", ""):
        return decode(request.get_data(cache=False), limit), request.args.get("name")
    raise InputError(f"unsupported content type {mimetype!r}: send text/plain, application/json or multipart/form-data")
