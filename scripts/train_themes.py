"""Train the problem-theme classifier on the hand-written labels of the training samples and save it under
models/problem_themes/<version>/ (model.pkl + meta.json). Held-out and unseen reports are never used.

Usage: python scripts/train_themes.py [--version 1]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from service.evaluation.problems import load_sets, training_examples  # noqa: E402
from service.problems import ProblemExtractor  # noqa: E402
from service.problems.themes import (FEATURES, MODEL_NAME, MODEL_VERSION, ThemeModel, library_versions,  # noqa: E402
                                     model_dir)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default=MODEL_VERSION)
    args = parser.parse_args(argv)
    train = load_sets()["train"]
    texts, themes, groups = training_examples(train, ProblemExtractor(model=None))
    meta = {
        "name": MODEL_NAME, "version": args.version, "trained": date.today().isoformat(),
        "training_corpus": sorted({r.name for r in train}),
        "labels": {r.label_file.name: hashlib.sha256(r.label_file.read_bytes()).hexdigest() for r in train},
        "examples": len(texts), "features": FEATURES, "libraries": library_versions(),
    }
    model = ThemeModel.fit(texts, themes, meta)
    model.meta["classes"] = [str(c) for c in model.estimator.classes_]
    target = model_dir(version=args.version)
    model.save(target)
    print(f"saved {target.relative_to(ROOT)}: {len(texts)} examples from {len(train)} reports, "
          f"{len(model.meta['classes'])} themes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
