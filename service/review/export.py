"""CSV of what a page shows: UTF-8 with a byte-order mark and ``\\r\\n`` line ends, as the batch's CSV files, so
Excel and WPS open them with the Chinese intact."""

from __future__ import annotations

import csv
import io
from urllib.parse import quote

from flask import Response


def csv_response(filename: str, header: list[str], rows) -> Response:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_cell(value) for value in row] for row in rows)
    response = Response(buffer.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def _cell(value):
    """Report text that a spreadsheet would run as a formula (``=…``, ``+…``, ``@…``) is kept as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value
