"""Train the quantity model on the training samples' labels and save it under models/quantities/<version>/.

Usage: .venv/bin/python scripts/train_quantities.py
Training reports: every labelled report in corpus/samples/ not listed in corpus/holdout.txt (held-out samples and
corpus/unseen/ are never trained on). Run it again after changing labels, quantity_rules.tsv, the spec files or the
domain dictionary: the pipeline refuses a model whose rule hash does not match.
"""

from __future__ import annotations

import hashlib
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from service.evaluation.quantities import load_sets  # noqa: E402
from service.quantities.extractor import QuantityExtractor  # noqa: E402
from service.quantities.model import (MODEL_NAME, MODEL_VERSION, MODELS_DIR, QuantityModel,  # noqa: E402
                                      current_versions, examples)


def main() -> int:
    import jieba

    extractor = QuantityExtractor()
    train = load_sets()["train"]
    model = QuantityModel.train(train, extractor)
    rows, targets = examples(train, extractor)
    labels_dir = ROOT / "corpus" / "labels" / "quantities"
    meta = {
        "name": MODEL_NAME,
        "version": MODEL_VERSION,
        "trained": date.today().isoformat(),
        "training_corpus": [report.name for report in train],
        "labels": {f"{r.name}.tsv": hashlib.sha256((labels_dir / f"{r.name}.tsv").read_bytes()).hexdigest() for r in train},
        "examples": len(rows),
        "classes": sorted(set(targets)),
        "features": "bag of jieba tokens: clause before the number (near:), 8 tokens before the clause (far:), 6 after "
                    "the unit (after:), last token before the number (prev:); unit, section, rule key and how the rule "
                    "chose it, after 其中, Chinese numeral, approximate, value < 10",
        "classifier": "sklearn LogisticRegression(C=4.0, max_iter=2000) on DictVectorizer features",
        "jieba": jieba.__version__,
        **current_versions(extractor.rules.files),
    }
    model.save(MODELS_DIR / MODEL_NAME / MODEL_VERSION, meta)
    print(f"trained on {len(rows)} counts of {len(train)} reports -> {MODELS_DIR / MODEL_NAME / MODEL_VERSION}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
