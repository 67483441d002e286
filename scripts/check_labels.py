"""Load gold label files and say what is wrong with them, or how many labels each holds.

Usage: python scripts/check_labels.py [LABEL_FILE ...]   (default: every file under corpus/labels/)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from service.errors import RuleFileError  # noqa: E402
from service.labels import label_files, load_report_labels  # noqa: E402


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] or label_files(ROOT / "corpus")
    bad = 0
    for path in files:
        try:
            quantities, problems = load_report_labels(path, ROOT / "corpus")
        except RuleFileError as exc:
            bad += 1
            print(f"FAIL {exc.message}")
            continue
        print(f"ok   {path.relative_to(ROOT) if path.is_absolute() else path}: {len(quantities)} quantities, {len(problems)} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
