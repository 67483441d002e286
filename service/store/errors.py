"""Errors of the result store, typed like the library's (``service.errors``)."""

from __future__ import annotations

from ..errors import ServiceError


class StoreError(ServiceError):
    code = "store_error"
    http_status = 500


class StoreVersionError(StoreError):
    code = "store_version"


class StoreUnavailable(StoreError):
    """The database cannot be opened (bad URL, no server, no driver)."""

    code = "store_unavailable"
    http_status = 503


class StoreNotConfigured(StoreUnavailable):
    code = "store_not_configured"


class ReportNotFound(ServiceError):
    code = "report_not_found"
    http_status = 404


class BadFilter(ServiceError):
    code = "bad_filter"
    http_status = 400
