"""What a worker process does: build one ``Pipeline`` when it starts, then score the documents it is sent."""

from __future__ import annotations

import resource

from ..pipeline import Pipeline
from ..scoring import ScoredDocument, score_document

_pipeline: Pipeline | None = None


def start_worker() -> None:
    """The pool's initializer: one pipeline per worker process, its rule files read once."""
    global _pipeline
    _pipeline = Pipeline()


def score(name: str, sha256: str, data: bytes) -> tuple[ScoredDocument, int]:
    """The outcome of scoring one document, and this process's peak resident memory so far (bytes)."""
    scored = score_document(_pipeline or Pipeline(), name, data, sha256)
    return scored, peak_memory_bytes()


def peak_memory_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux reports KiB
