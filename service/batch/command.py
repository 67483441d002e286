"""The front door of a batch run: ``python -m service batch INPUT... --out DIR``."""

from __future__ import annotations

import argparse
import os
import sys
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from ..errors import ServiceError

EXIT_OK, EXIT_FAILED, EXIT_INTERRUPTED = 0, 1, 130
_RESUME = "run the same command again to resume: what was scored is kept"


def add_parser(commands) -> argparse.ArgumentParser:
    batch = commands.add_parser(
        "batch",
        help="score a corpus in parallel into a database, JSON Lines and CSV files; resumable",
        description=(
            "Score every report of a corpus with the same analysis as 'analyze', in parallel worker processes. "
            "INPUT is a file, a directory (read recursively: .txt .md .html .pdf .docx …) or a glob pattern. "
            "Every outcome is committed to the database as it is scored (default: DIR/reports.db, SQLite), so a "
            "run that is killed resumes where it stopped when run again, and a run over an unchanged corpus "
            "scores nothing. A changed file, or a new pipeline version, is scored again. At the end DIR gets "
            "reports.jsonl (one report a line) and CSV files (UTF-8 with BOM) per table, for the checks, per "
            "finding kind, for the documents and for the failures. The exit status is 1 if any document failed."
        ),
    )
    batch.add_argument("inputs", nargs="+", metavar="INPUT", help="file, directory or glob pattern")
    batch.add_argument("--out", required=True, metavar="DIR", help="directory for the output files")
    batch.add_argument("--db", metavar="URL",
                       help="database URL (sqlite:///path or postgresql://user@host/db); default: $REPORTS_DB_URL, "
                            "else sqlite:///DIR/reports.db")
    batch.add_argument("--workers", type=_positive, default=os.cpu_count() or 1, metavar="N",
                       help="worker processes (default: the number of cores, %(default)s here)")
    batch.add_argument("--headers", choices=("en", "zh"), default="en",
                       help="CSV column headers in English (default) or Chinese")
    batch.add_argument("--no-progress", action="store_true", help="no progress bar on standard error")
    return batch


def _positive(raw: str) -> int:
    if not raw.isdigit() or int(raw) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, not {raw!r}")
    return int(raw)


def database_url(args) -> str:
    from ..store import DB_URL_ENV, sqlite_url

    return args.db or os.environ.get(DB_URL_ENV) or sqlite_url(Path(args.out) / "reports.db")


def run(args) -> int:
    from ..pipeline import describe_pipeline
    from ..store import open_store
    from .inputs import expand
    from .outputs import remove_partial_files, write_outputs
    from .runner import BatchRunner, tqdm_progress

    out_dir = Path(args.out)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        info, table_spec = describe_pipeline()  # the workers build the pipeline itself
        store = open_store(database_url(args))
    except (ServiceError, OSError) as exc:
        print(f"error: {getattr(exc, 'message', exc)}", file=sys.stderr)
        return EXIT_FAILED
    try:
        remove_partial_files(out_dir)
        documents, problems = expand(args.inputs)
        runner = BatchRunner(store, info, args.workers, progress=None if args.no_progress else tqdm_progress)
        summary = runner.run(documents, problems)
        counts = write_outputs(out_dir, store, info["fingerprint"], summary.run_documents, summary.unreadable,
                               table_spec, chinese_headers=args.headers == "zh")
    except KeyboardInterrupt:
        print(f"\ninterrupted: {_RESUME}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenProcessPool:
        print(f"error: a worker process died (out of memory?); {_RESUME}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        store.close()
    for problem in summary.unreadable:
        print(f"error: {problem.name}: {problem.message} [{problem.code}]", file=sys.stderr)
    print(f"batch: {summary.line()}", file=sys.stderr)
    print(f"batch: wrote {out_dir / 'reports.jsonl'} ({counts['reports.jsonl']} reports), "
          f"{counts['failures.csv']} failures in {out_dir / 'failures.csv'}", file=sys.stderr)
    return EXIT_FAILED if summary.any_failed else EXIT_OK
