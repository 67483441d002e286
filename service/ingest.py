"""From what a user submits (bytes, or a path) to text, or a clear error that names the problem."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import BinaryDocument, DocumentNotFound, DocumentTooLarge, EmptyDocument, InvalidEncoding

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024  # a long report is ~100 KB of text; 5 MB leaves room for any real one
_KNOWN_BINARY = ((b"%PDF", "a PDF file"), (b"PK\x03\x04", "a ZIP archive (DOCX or other Office file)"),
                 (b"\xd0\xcf\x11\xe0", "an old Office (DOC/XLS) file"))
_CONTROL = set(range(0, 32)) - {9, 10, 12, 13}


def max_document_bytes() -> int:
    """The size limit, from ``REPORTS_MAX_BYTES`` when set."""
    raw = os.environ.get("REPORTS_MAX_BYTES")
    return int(raw) if raw and raw.isdigit() else MAX_DOCUMENT_BYTES


def read_path(path: str | os.PathLike, limit: int | None = None) -> bytes:
    limit = max_document_bytes() if limit is None else limit
    file = Path(path)
    if not file.exists():
        raise DocumentNotFound("no such file")
    if file.is_dir():
        raise DocumentNotFound("is a directory, not a report file")
    size = file.stat().st_size
    if size > limit:
        raise DocumentTooLarge(f"{size} bytes is over the limit of {limit} bytes")
    try:
        return file.read_bytes()
    except OSError as exc:
        raise DocumentNotFound(f"cannot be read: {exc.strerror}") from None


def decode(data: bytes, limit: int | None = None) -> str:
    """The text of a UTF-8 document. Spans in a report index this text (a UTF-8 byte-order mark is not part of it)."""
    limit = max_document_bytes() if limit is None else limit
    if len(data) > limit:
        raise DocumentTooLarge(f"the document is {len(data)} bytes, over the limit of {limit} bytes")
    if not data.strip():
        raise EmptyDocument("the document is empty")
    head = data[:8192]
    for magic, kind in _KNOWN_BINARY:
        if head.startswith(magic):
            raise BinaryDocument(f"the document is {kind}; this version reads UTF-8 text only")
    if b"\x00" in head or sum(byte in _CONTROL for byte in head) > len(head) * 0.05:
        raise BinaryDocument("the document is binary data, not text (this version reads UTF-8 text)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidEncoding(
            f"the document is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save it as UTF-8 text"
        ) from None
    if not text.strip():
        raise EmptyDocument("the document has no text, only white space")
    return text
