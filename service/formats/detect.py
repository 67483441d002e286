"""Which format a document is, from its bytes. The name and the declared content type are not trusted: a PDF
named ``report.txt`` is read as a PDF, an HTML page named ``report.pdf`` as HTML."""

from __future__ import annotations

import io
import re
import zipfile

from ..errors import BinaryDocument, UnreadableDocument

_HTML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<(?:!doctype\s+html|html|head|body|meta|title|!--)", re.I)
_HTML_TAG = re.compile(rb"<(?:html|body|table|div|p)[\s>]", re.I)
_OLD_OFFICE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"


def detect_format(data: bytes) -> str:
    """``pdf``, ``docx``, ``html`` or ``text`` (which ``plain`` checks further: UTF-8, not binary)."""
    head = data[:4096]
    if b"%PDF-" in data[:1024]:  # the header may follow some junk bytes; readers accept that within 1 KB
        return "pdf"
    if head.startswith(_ZIP):
        return _zip_format(data)
    if head.startswith(_OLD_OFFICE):
        raise BinaryDocument("the document is an old Office (DOC/XLS) file; save it as DOCX, PDF or text")
    if _HTML_START.match(head) or (_HTML_TAG.search(head) and b"</" in head):
        return "html"
    return "text"


def _zip_format(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise UnreadableDocument(f"the document is a damaged or truncated ZIP/DOCX file ({exc})") from None
    if "word/document.xml" in names:
        return "docx"
    raise BinaryDocument("the document is a ZIP archive but not a Word (DOCX) file")
