"""Typed library errors.

Every problem a user can cause has its own class with a stable ``code``. The front doors map them to their own
world in one place each: ``service.api.errors`` to JSON with an HTTP status, ``service.cli`` to a message and an
exit status. Nothing else catches them.
"""

from __future__ import annotations


class ServiceError(Exception):
    """Base of every error the library raises on purpose."""

    code = "service_error"
    http_status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message}


class InputError(ServiceError):
    """The submitted document cannot be read as text."""

    code = "invalid_input"
    http_status = 400


class EmptyDocument(InputError):
    code = "empty_document"


class BinaryDocument(InputError):
    code = "binary_document"
    http_status = 415


class InvalidEncoding(InputError):
    code = "invalid_encoding"
    http_status = 415


class DocumentTooLarge(InputError):
    code = "document_too_large"
    http_status = 413


class DocumentNotFound(InputError):
    code = "document_not_found"
    http_status = 404


class NotAnAnnualReport(ServiceError):
    """The text reads fine but is not a government information-disclosure annual report."""

    code = "not_an_annual_report"
    http_status = 422


class RuleFileError(ServiceError):
    """A rule data file is malformed. Raised at start-up, naming the file and the line."""

    code = "rule_file_error"
    http_status = 500

    def __init__(self, path: str, line: int, problem: str):
        super().__init__(f"{path}:{line}: {problem}")
        self.path = path
        self.line = line


class UnreadableDocument(InputError):
    """The bytes are a PDF, DOCX or HTML file that cannot be read: truncated, corrupt, or not what it claims."""

    code = "unreadable_document"
    http_status = 422


class ScannedPdf(InputError):
    """A PDF with no text layer: pages of images. It needs OCR first; this service does not guess at pictures."""

    code = "scanned_pdf"
    http_status = 422


class DocumentTooComplex(InputError):
    """The document is within the size limit but would take unbounded work: too many pages, too deep or too many
    elements, parts that decompress past the limit (a zip bomb), or reading that runs past its time budget."""

    code = "document_too_complex"
    http_status = 413
