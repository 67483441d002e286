"""A batch run: read and hash each input, skip what the ledger already holds, score the rest in worker
processes, and commit each outcome to the store as it arrives.

The store is the ledger. A document's report, checks, findings and state are committed in one transaction, so
after a kill at any moment a document is either fully recorded or not at all; the next run with the same command
scores exactly the ones that are not. The output files are written from the store at the end (see ``outputs``).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field

from ..errors import ServiceError
from ..ingest import read_path
from ..store import ScoredDocument, Store
from . import worker
from .inputs import InputDocument, InputProblem

_HASH_CHUNK = 64  # documents read, hashed and looked up in the ledger at a time (bounds the bytes held)


@dataclass(frozen=True)
class RunDocument:
    """An input document that could be read: its name and content hash, the key of its result."""

    name: str
    sha256: str


@dataclass
class RunSummary:
    documents: int = 0
    scored: int = 0  # analysed now, report stored
    failed: int = 0  # scored now with an error, or unreadable
    skipped: int = 0  # already in the ledger under this pipeline, or the same content as an earlier input
    skipped_failed: int = 0  # of the skipped, those whose stored outcome is a failure
    peak_worker_memory: int = 0
    run_documents: list[RunDocument] = field(default_factory=list)
    unreadable: list[InputProblem] = field(default_factory=list)

    @property
    def any_failed(self) -> bool:
        return bool(self.failed or self.skipped_failed)

    def line(self) -> str:
        skipped = f"{self.skipped} skipped"
        if self.skipped_failed:
            skipped += f" ({self.skipped_failed} of them failed before)"
        line = f"{self.documents} documents: {self.scored} scored, {self.failed} failed, {skipped}"
        if self.peak_worker_memory:
            line += f"; peak memory per worker {self.peak_worker_memory / 2**20:.0f} MiB"
        return line


class BatchRunner:
    def __init__(self, store: Store, pipeline_info: dict, workers: int, progress: Callable | None = None):
        self.store = store
        self.fingerprint = pipeline_info["fingerprint"]
        self.workers = max(1, workers)
        self.progress = progress or _NoProgress

    def run(self, documents: list[InputDocument], problems: list[InputProblem]) -> RunSummary:
        summary = RunSummary(documents=len(documents) + len(problems), unreadable=list(problems))
        summary.failed += len(problems)
        seen: set[str] = set()
        in_flight: set[Future] = set()
        limit = self.workers * 4
        with self.progress(total=len(documents)) as bar, _pool(self.workers) as pool:
            bar.update(0)
            for batch in _chunks(documents, _HASH_CHUNK):
                readable = self._read(batch, summary, bar)
                stored = self.store.statuses(self.fingerprint, (sha256 for _, sha256, _ in readable))
                for document, sha256, data in readable:
                    summary.run_documents.append(RunDocument(document.name, sha256))
                    if sha256 in seen or sha256 in stored:
                        summary.skipped += 1
                        if stored.get(sha256) == "failed":
                            summary.skipped_failed += 1
                        bar.update(1)
                        continue
                    seen.add(sha256)
                    in_flight.add(pool.submit(worker.score, document.name, sha256, data))
                    while len(in_flight) >= limit:
                        in_flight = self._collect(in_flight, summary, bar)
            while in_flight:
                in_flight = self._collect(in_flight, summary, bar)
        return summary

    def _read(self, batch: list[InputDocument], summary: RunSummary, bar) -> list[tuple[InputDocument, str, bytes]]:
        readable = []
        for document in batch:
            try:
                data = read_path(document.path)
            except ServiceError as exc:
                summary.failed += 1
                summary.unreadable.append(InputProblem(document.name, exc.code, exc.message))
                bar.update(1)
                continue
            readable.append((document, hashlib.sha256(data).hexdigest(), data))
        return readable

    def _collect(self, in_flight: set[Future], summary: RunSummary, bar) -> set[Future]:
        done, pending = wait(in_flight, return_when=FIRST_COMPLETED)
        for future in done:
            scored, peak_memory = future.result()
            self._record(scored, summary)
            summary.peak_worker_memory = max(summary.peak_worker_memory, peak_memory)
            bar.update(1)
            bar.set_postfix(scored=summary.scored, failed=summary.failed, skipped=summary.skipped, refresh=False)
        return pending

    def _record(self, scored: ScoredDocument, summary: RunSummary) -> None:
        if not self.store.record(scored):  # another run stored the same content meanwhile
            summary.skipped += 1
        elif scored.ok:
            summary.scored += 1
        else:
            summary.failed += 1


def _pool(workers: int) -> ProcessPoolExecutor:
    # spawn, not fork: a forked worker would inherit the parent's database connections.
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=worker.start_worker)


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


class _NoProgress:
    def __init__(self, total: int):
        self.total = total

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, n: int) -> None:
        pass

    def set_postfix(self, **kwargs) -> None:
        pass


def tqdm_progress(total: int):
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", file=sys.stderr, dynamic_ncols=True, smoothing=0.1,
                desc="scoring")
