"""``python -m service themes REPORTS...``: the corpus aggregation of ``corpus_themes`` from the command line.

A REPORT is a report JSON file, a JSON Lines file of reports (``analyze`` output), a directory of them, or a report
text (``.txt``/``.md``, or any file that is not JSON), which is analysed first. A file that cannot be read or analysed
is named on standard error and the others go on.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .corpus_themes import themes_from_reports, to_csv, to_text
from .errors import ServiceError


def add_parser(commands) -> None:
    themes = commands.add_parser(
        "themes", help="problem themes across reports: counts by year, level, agency; recurrences; duplicates",
        description="Problem themes across a corpus: counts by year, by level and by agency, agencies whose same "
                    "theme recurs year after year, near-duplicate statements, and clusters of statements for "
                    "growing the taxonomy. REPORTS are report JSON/JSON Lines files, directories of them, or report "
                    "texts (analysed first).")
    themes.add_argument("paths", nargs="+", metavar="REPORTS")
    themes.add_argument("--format", choices=("text", "csv", "json"), default="text")
    themes.add_argument("--no-clusters", action="store_true", help="skip the clustering (faster)")


def _files(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.suffix in (".json", ".jsonl")))
        else:
            out.append(path)
    return out


def load_reports(paths: list[str]) -> tuple[list[dict], int]:
    reports: list[dict] = []
    failed = 0
    pipeline = None
    for path in _files(paths):
        try:
            if path.suffix in (".json", ".jsonl"):
                text = path.read_text(encoding="utf-8")
                if path.suffix == ".json":
                    reports.append(json.loads(text))
                else:
                    reports.extend(json.loads(line) for line in text.splitlines() if line.strip())
                continue
            from .ingest import decode, read_path
            from .pipeline import Pipeline

            pipeline = pipeline or Pipeline()
            reports.append(pipeline.analyze(decode(read_path(str(path))), str(path)).to_dict())
        except (OSError, ValueError) as exc:
            failed += 1
            print(f"error: {path}: {exc}", file=sys.stderr)
        except ServiceError as exc:
            failed += 1
            print(f"error: {path}: {exc.message} [{exc.code}]", file=sys.stderr)
    return reports, failed


def run(args) -> int:
    reports, failed = load_reports(args.paths)
    result = themes_from_reports(reports, discover=not args.no_clusters)
    if args.format == "json":
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "csv":
        sys.stdout.write(to_csv(result))
    else:
        sys.stdout.write(to_text(result) + "\n")
    return 1 if failed else 0
