"""Speed, measured: prints figures (it is a benchmark, not a test).

    .venv/bin/python scripts/bench.py [--documents 1000] [--rounds 20]

1. On the same texts (the text samples of corpus/, each analysed ``--rounds`` times), the time of the full analysis
   (``Pipeline.analyze``) against the time of jieba tokenization alone (``jieba.Tokenizer().cut``, dictionary
   loaded beforehand). The aim: analysis costs at most 2x tokenization.
2. The batch command over ``--documents`` distinct reports (copies of the samples, each with its own closing line)
   with 1 worker and with one per core: documents a second, a resumed run over the finished corpus, and the peak
   memory of a worker process.
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from service.errors import ServiceError  # noqa: E402
from service.pipeline import Pipeline  # noqa: E402

TEXT_SAMPLES = sorted([*ROOT.glob("corpus/samples/*.txt"), *ROOT.glob("corpus/samples/*.md"),
                       *ROOT.glob("corpus/unseen/u*.txt")])


def readable_texts(pipeline: Pipeline) -> list[tuple[str, str]]:
    texts = []
    for path in TEXT_SAMPLES:
        text = path.read_text(encoding="utf-8")
        try:
            pipeline.analyze(text, path.name)
        except ServiceError:
            continue
        texts.append((path.name, text))
    return texts


def timed(function, texts, rounds: int) -> float:
    start = time.perf_counter()
    for _ in range(rounds):
        for name, text in texts:
            function(text, name)
    return time.perf_counter() - start


def analysis_against_tokenization(rounds: int) -> None:
    import jieba

    pipeline = Pipeline()
    texts = readable_texts(pipeline)
    characters = sum(len(text) for _, text in texts) * rounds
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    start = time.perf_counter()
    tokenizer.initialize()
    dictionary = time.perf_counter() - start
    timed(lambda text, name: list(tokenizer.cut(text)), texts[:1], 1)  # warm
    tokenization = timed(lambda text, name: list(tokenizer.cut(text)), texts, rounds)
    analysis = timed(pipeline.analyze, texts, rounds)
    documents = len(texts) * rounds
    print(f"## Analysis against tokenization ({len(texts)} sample texts x {rounds} rounds = {documents} documents, "
          f"{characters / 1e6:.2f} M characters)\n")
    print("| step | total s | ms / document | characters / s |")
    print("|---|---|---|---|")
    for label, seconds in (("jieba tokenization alone (`Tokenizer.cut`)", tokenization),
                           ("full analysis (`Pipeline.analyze`)", analysis)):
        print(f"| {label} | {seconds:.2f} | {seconds / documents * 1000:.2f} | {characters / seconds:,.0f} |")
    print(f"\nanalysis / tokenization = **{analysis / tokenization:.2f}x** (aim: at most 2x); "
          f"jieba's dictionary load, once per process, not counted above: {dictionary:.2f} s\n")


def batch_throughput(count: int) -> None:
    sys.path.insert(0, str(ROOT))
    from tests.conftest import distinct_copies

    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        corpus = Path(scratch) / "corpus"
        distinct_copies(corpus, count)
        print(f"## Batch throughput ({count} distinct reports, SQLite store, {cores} cores)\n")
        print("| workers | run | wall s | documents / s | peak memory per worker |")
        print("|---|---|---|---|---|")
        for workers in sorted({1, cores}):
            out = Path(scratch) / f"out-{workers}"
            for run in ("first run", "re-run (nothing to do)"):
                seconds, summary = _batch(corpus, out, workers)
                memory = re.search(r"peak memory per worker (\d+) MiB", summary)
                memory = f"{memory.group(1)} MiB" if memory and run == "first run" else "–"
                print(f"| {workers} | {run} | {seconds:.2f} | {count / seconds:,.0f} | {memory} |")
        print()


def _batch(corpus: Path, out: Path, workers: int) -> tuple[float, str]:
    command = [sys.executable, "-m", "service", "batch", str(corpus), "--out", str(out), "--workers", str(workers),
               "--no-progress"]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    return time.perf_counter() - start, result.stderr


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=1000, help="documents in the batch corpus")
    parser.add_argument("--rounds", type=int, default=20, help="passes over the sample texts")
    args = parser.parse_args()
    print(f"# bench: Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} cores\n")
    analysis_against_tokenization(args.rounds)
    batch_throughput(args.documents)
    return 0


if __name__ == "__main__":
    sys.exit(main())
