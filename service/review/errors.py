"""Errors of the review pages, typed like the library's; ``service.api.errors`` renders them (as HTML pages here)."""

from __future__ import annotations

from ..errors import ServiceError


class BadParameter(ServiceError):
    """A filter, form field or page number that cannot be used."""

    code = "bad_parameter"
    http_status = 400


class NotAllowed(ServiceError):
    """A write without a valid reviewer token."""

    code = "reviewer_token_required"
    http_status = 403


class CsrfRefused(ServiceError):
    """A form sent without this session's anti-forgery token."""

    code = "csrf_refused"
    http_status = 400


class UnknownTheme(ServiceError):
    code = "theme_not_found"
    http_status = 404
