"""Documents as they are published — HTML pages, PDFs, Word files, plain text — read into one text.

``extract(data)`` sniffs the format from the bytes (``detect``), hands them to that format's reader and returns an
``ExtractedDocument``: the text every span of the report points into, and the tables as laid out. Each reader is
bounded (``FormatLimits``) and turns a damaged, hostile or image-only file into a typed error.
"""

from __future__ import annotations

from ..errors import DocumentTooLarge, EmptyDocument
from ..ingest import max_document_bytes
from .detect import detect_format
from .document import ExtractedDocument, FormatLimits, Grid, GridCell

__all__ = ["extract", "detect_format", "ExtractedDocument", "FormatLimits", "Grid", "GridCell"]


def extract(data: bytes, limits: FormatLimits | None = None, max_bytes: int | None = None) -> ExtractedDocument:
    limits = limits or FormatLimits()
    max_bytes = max_document_bytes() if max_bytes is None else max_bytes
    if len(data) > max_bytes:
        raise DocumentTooLarge(f"the document is {len(data)} bytes, over the limit of {max_bytes} bytes")
    if not data.strip():
        raise EmptyDocument("the document is empty")
    format = detect_format(data)
    if format == "pdf":
        from .pdf import extract_pdf

        return extract_pdf(data, limits)
    if format == "docx":
        from .docx import extract_docx

        return extract_docx(data, limits)
    if format == "html":
        from .html import extract_html

        return extract_html(data, limits)
    from .plain import extract_text

    return extract_text(data, max_bytes)
