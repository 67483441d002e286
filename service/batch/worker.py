"""What a worker process does: build one ``Pipeline`` when it starts, then score the documents it is sent.

A document's failure is its outcome (a ``ScoredDocument`` with the error code and message), never an exception
that would stop the run.
"""

from __future__ import annotations

import resource

from ..errors import ServiceError
from ..pipeline import Pipeline
from ..store import ScoredDocument

_pipeline: Pipeline | None = None


def start_worker() -> None:
    """The pool's initializer: one pipeline per worker process, its rule files read once."""
    global _pipeline
    _pipeline = Pipeline()


def score(name: str, sha256: str, data: bytes) -> tuple[ScoredDocument, int]:
    """The outcome of scoring one document, and this process's peak resident memory so far (bytes)."""
    pipeline = _pipeline or Pipeline()
    try:
        report = pipeline.analyze_bytes(data, name)
        scored = ScoredDocument.of_report(report.to_dict(), name=name, sha256=sha256, size_bytes=len(data))
    except ServiceError as exc:
        scored = ScoredDocument.of_error(exc.code, exc.message, name=name, sha256=sha256, size_bytes=len(data),
                                         pipeline=pipeline.info)
    except Exception as exc:  # a bug on one document must not stop a corpus run: record it and go on
        scored = ScoredDocument.of_error("internal_error", f"{type(exc).__name__}: {exc}", name=name,
                                         sha256=sha256, size_bytes=len(data), pipeline=pipeline.info)
    return scored, peak_memory_bytes()


def peak_memory_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux reports KiB
