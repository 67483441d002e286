"""The command line: ``python -m service analyze PATH [PATH...]``.

One path prints one JSON report; several print JSON Lines, one report a line. ``-`` reads standard input. A
document that cannot be analysed gets a one-line message on standard error naming the file and the problem; the
others are still analysed, and the exit status is 1 if any failed (2 for a usage error).
"""

from __future__ import annotations

import argparse
import json
import sys

from . import evaluation, spark_job, themes_command
from .batch import command as batch_command
from .review import labels_export
from .errors import ServiceError
from .ingest import MAX_DOCUMENT_BYTES, max_document_bytes, read_path

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m service",
        description="Read Chinese government information-disclosure annual reports (政府信息公开工作年度报告).",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    analyze = commands.add_parser(
        "analyze",
        help="analyse reports and print one JSON report each",
        description=(
            "Analyse each report (an HTML page, a PDF with a text layer, a DOCX, or UTF-8 text; the format is "
            "read from the bytes, not the file name) and print its "
            "structured report as JSON: document metadata, sections, the three statistical tables with the span "
            "of every cell, and the arithmetic checks. One PATH prints one JSON document; several print JSON "
            "Lines, one report a line, in the order given. '-' reads standard input. A file that cannot be read "
            "or is not an annual report is reported on standard error and the others go on; the exit status is "
            f"1 if any failed. Files over {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB are refused "
            "(REPORTS_MAX_BYTES changes the limit)."
        ),
    )
    analyze.add_argument("paths", nargs="+", metavar="PATH", help="report file, or - for standard input")
    analyze.add_argument("--compact", action="store_true", help="one line per report even for a single PATH")
    analyze.add_argument("--name", help="the name recorded in the report for standard input (default: stdin)")
    batch_command.add_parser(commands)
    spark_job.add_parser(commands)
    themes_command.add_parser(commands)
    evaluation.add_parser(commands)
    labels_export.add_parser(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed usage or help
        return EXIT_OK if exc.code == 0 else EXIT_USAGE
    if args.command == "analyze":
        return _analyze(args)
    if args.command == "batch":
        return batch_command.run(args)
    if args.command == "spark":
        return spark_job.main(args)
    if args.command == "themes":
        return themes_command.run(args)
    if args.command == "evaluate":
        return evaluation.run_cli(args)
    if args.command == "export-labels":
        return labels_export.run(args)
    parser.error(f"unknown command {args.command}")
    return EXIT_USAGE


def _analyze(args) -> int:
    from .pipeline import Pipeline  # the pipeline loads its rules: not needed for --help

    try:
        pipeline = Pipeline()
    except ServiceError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return EXIT_FAILED
    one = len(args.paths) == 1 and not args.compact
    failed = 0
    for path in args.paths:
        name = (args.name or "stdin") if path == "-" else path
        try:
            data = _read_stdin() if path == "-" else read_path(path)
            report = pipeline.analyze_bytes(data, name)
        except ServiceError as exc:
            failed += 1
            print(f"error: {name}: {exc.message} [{exc.code}]", file=sys.stderr)
            continue
        indent = 2 if one else None
        sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=indent) + "\n")
        sys.stdout.flush()
    return EXIT_FAILED if failed else EXIT_OK


def _read_stdin() -> bytes:
    limit = max_document_bytes()
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        from .errors import DocumentTooLarge

        raise DocumentTooLarge(f"standard input is over the limit of {limit} bytes")
    return data
