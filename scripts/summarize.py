"""Print, per report file, what the analysis yields: sections found, cells read per table, failed checks.

    .venv/bin/python scripts/summarize.py corpus/samples/*.txt corpus/samples/*.md corpus/unseen/*.txt
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from service.errors import ServiceError  # noqa: E402
from service.pipeline import Pipeline  # noqa: E402

STANDARD = ("overview", "active_disclosure", "applications", "review_litigation", "problems", "other_matters")


def main(paths: list[str]) -> None:
    pipeline = Pipeline()
    print("| file | template | sections (of 6) | 二 | 三 | 四 | checks failed |")
    print("|---|---|---|---|---|---|---|")
    for path in paths:
        try:
            report = pipeline.analyze_bytes(Path(path).read_bytes(), Path(path).name)
        except ServiceError as exc:
            print(f"| {Path(path).name} | error: {exc.code} | | | | | |")
            continue
        found = [s.id for s in report.sections if s.id in STANDARD]
        tables = [f"{t.status} {len(t.cells)}" for t in report.tables.values()]
        failed = [c.id for c in report.checks if c.status == "fail"]
        print(f"| {Path(path).name} | {report.document.template.value} | {len(found)} | "
              + " | ".join(tables) + f" | {', '.join(failed) or '–'} |")


if __name__ == "__main__":
    main(sys.argv[1:])
