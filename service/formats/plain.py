"""Plain text: UTF-8, as submitted. The text is the document; there are no grids to find."""

from __future__ import annotations

from ..ingest import decode
from .document import ExtractedDocument


def extract_text(data: bytes, limit: int | None = None) -> ExtractedDocument:
    return ExtractedDocument(decode(data, limit), "text")
