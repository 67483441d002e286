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


# Raw bodies read as files: the format is sniffed from the bytes whatever the content type says.
FILE_TYPES = frozenset({
    "", "text/plain", "text/html", "application/xhtml+xml", "application/pdf", "application/octet-stream",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
})


@api.post("/analyze")
def analyze():
    if request.mimetype == "application/json":
        text, name = _json_document()
        report = _pipeline().analyze(text, name)
    else:
        data, name = _submitted_file()
        report = _pipeline().analyze_bytes(data, name)
    return jsonify(report.to_dict())


def _submitted_file() -> tuple[bytes, str | None]:
    """The bytes of a multipart upload or of a raw body, and the document's name."""
    limit = current_app.config["MAX_DOCUMENT_BYTES"]
    mimetype = request.mimetype
    if mimetype == "multipart/form-data":
        upload = request.files.get("file")
        if upload is None:
            raise InputError("a multipart request needs the document in a form field named 'file'")
        data, name = upload.stream.read(limit + 1), request.form.get("name") or upload.filename
    elif mimetype in FILE_TYPES:
        data, name = request.get_data(cache=False), request.args.get("name")
    else:
        raise InputError(f"unsupported content type {mimetype!r}: send the file as multipart/form-data or as the body "
                     "(text/plain, text/html, application/pdf, DOCX), or JSON with the text")
    if len(data) > limit:
        raise DocumentTooLarge(f"the document is over the limit of {limit} bytes")
    return data, name


def _json_document() -> tuple[str, str | None]:
    """The text and name of a JSON request ``{"text": ..., "name": ...}``."""
    limit = current_app.config["MAX_DOCUMENT_BYTES"]
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
