"""The text a stored report's spans index, for showing findings in context.

HTML, PDF and DOCX reports carry it in their JSON; plain-text reports scored since store schema 2 have it in
``report_texts``. For one scored earlier, the file it was scored from is read again if it is still where the batch
named it and its text has the SHA-256 the report records (else ``None``: the pages then list findings without
context).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..store import Store


def report_text(store: Store, report_id: int) -> str | None:
    text = store.report_text(report_id)
    if text is not None:
        return text
    source = store.report(report_id).get("source") or {}
    try:
        path = Path(source.get("name") or "")
        if not path.is_file():
            return None
        candidate = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    return candidate if hashlib.sha256(candidate.encode("utf-8")).hexdigest() == source.get("sha256") else None
