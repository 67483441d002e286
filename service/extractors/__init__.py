"""Extractors read an ``AnalyzedDocument`` and return findings; the pipeline runs the ones it was built with.

An extractor is any object with a ``name``, a ``version`` and ``extract(document) -> list[Finding]``. It is built
once per pipeline (rules read and validated, models loaded) and must keep no state between documents.
"""

from __future__ import annotations

from typing import Protocol

from ..analysis import AnalyzedDocument
from ..model import Finding


class Extractor(Protocol):
    name: str
    version: str

    def extract(self, document: AnalyzedDocument) -> list[Finding]: ...
