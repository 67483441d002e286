"""Speed, measured: prints figures (it is a benchmark, not a test).

    .venv/bin/python scripts/bench.py [--documents 1000] [--rounds 20]

1. The cost of loading the pipeline, paid once by every process that analyses (each batch worker, the batch
   parent, each HTTP worker): in a fresh Python process, the import, jieba's dictionary with the domain words,
   scikit-learn's import, the quantity rules and model, the problem rules and theme model, each with the process's
   peak memory so far; then ``Pipeline()`` whole in another fresh process.
2. On the same texts (the text samples of corpus/, each analysed ``--rounds`` times), the time of the full analysis
   (``Pipeline.analyze``) against the time of jieba tokenization alone (``jieba.Tokenizer().cut``, dictionary
   loaded beforehand). The aim: analysis costs at most 2x tokenization.
3. The batch command over ``--documents`` distinct reports (copies of the samples, each with its own closing line)
   with 1 worker and with one per core: documents a second, a resumed run over the finished corpus, and the peak
   memory of a worker process.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_STARTED = time.perf_counter()  # before the service is imported: the load child times its import from here
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from service.errors import ServiceError  # noqa: E402
from service.pipeline import Pipeline  # noqa: E402

TEXT_SAMPLES = sorted([*ROOT.glob("corpus/samples/*.txt"), *ROOT.glob("corpus/samples/*.md"),
                       *ROOT.glob("corpus/unseen/u*.txt")])


def pipeline_load() -> None:
    steps = _fresh_process("steps")
    whole = _fresh_process("whole")
    print("## Loading the pipeline (once per process, each in a fresh Python process, jieba's cache file in place)\n")
    print("| step | s | peak memory after it |")
    print("|---|---|---|")
    for label, seconds, peak in steps["steps"]:
        print(f"| {label} | {seconds:.2f} | {peak:.0f} MiB |")
    print(f"| `Pipeline()` whole after the import (the steps above and the other rule files), another process | "
          f"{whole['pipeline']:.2f} | {whole['peak_mib']:.0f} MiB |")
    print(f"\na new Python process, start to exit, that imports and loads the pipeline: {whole['wall']:.2f} s\n")


def _fresh_process(mode: str) -> dict:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, __file__, "--load-child", mode], cwd=ROOT, capture_output=True,
                            text=True, check=True)
    return json.loads(result.stdout) | {"wall": time.perf_counter() - start}


def _load_child(mode: str) -> None:
    """Run in a fresh process by ``pipeline_load``: times the loading steps and prints them as JSON."""
    clock = _STARTED

    def lap() -> float:
        nonlocal clock
        now = time.perf_counter()
        seconds, clock = now - clock, now
        return seconds

    def peak_mib() -> float:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB

    from service import pipeline as pipeline_module

    if mode == "whole":
        lap()
        pipeline_module.Pipeline()
        print(json.dumps({"pipeline": lap(), "peak_mib": peak_mib()}))
        return
    steps = [("`import service.pipeline` (it imports jieba and scikit-learn only when used)", lap(), peak_mib())]
    kept = [pipeline_module.Analyzer()]  # kept, as a pipeline keeps them: the memory column adds up
    steps.append(("jieba: import, dictionary and domain words (`Analyzer()`)", lap(), peak_mib()))
    import sklearn.feature_extraction.text  # noqa: F401
    import sklearn.linear_model  # noqa: F401
    import sklearn.pipeline  # noqa: F401
    steps.append(("scikit-learn import (the models' library)", lap(), peak_mib()))
    kept.append(pipeline_module.load_quantity_extractor())
    steps.append(("quantity rules and model `models/quantities/1`", lap(), peak_mib()))
    kept.append(pipeline_module.ProblemExtractor())
    steps.append(("problem rules and theme model `models/problem_themes/1`", lap(), peak_mib()))
    print(json.dumps({"steps": steps}))


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
    parser.add_argument("--load-child", choices=("steps", "whole"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.load_child:
        _load_child(args.load_child)
        return 0
    print(f"# bench: Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} cores\n")
    pipeline_load()
    analysis_against_tokenization(args.rounds)
    batch_throughput(args.documents)
    return 0


if __name__ == "__main__":
    sys.exit(main())
