"""The learned half of the quantity extractor: for each count, its key or ``none`` (not a quantity).

A logistic regression over the jieba tokens around the count (its clause before the number, the rest of its
sentence before that, the words after its unit), its unit, section, whether it was written in Chinese numerals, and
the key the rules chose (so the model learns when to trust them). Trained on ``corpus/labels/quantities/`` by
``scripts/train_quantities.py``, saved under ``models/quantities/<version>/`` with ``meta.json`` (training reports
and label hashes, features, classes, library versions, the hash of the rule files the features depend on). A model
whose rule hash or library versions do not match is refused at start-up; nothing is trained at import.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from dataclasses import dataclass
from pathlib import Path

from ..errors import ServiceError
from ..rules import data_path

MODEL_NAME = "quantities"
MODEL_VERSION = "1"
MODELS_DIR = Path(__file__).resolve().parent.parent.parent / "models"
_WINDOW = 8  # tokens before the clause, from the same sentence


class ModelMismatch(ServiceError):
    code = "model_mismatch"
    status = 500


def rules_hash(files: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for name in files:
        digest.update(data_path(name).read_bytes())
    return digest.hexdigest()[:16]


def features(document, mention, sentence, clause_start: int, choice) -> dict[str, float]:
    """The features of one count (token positions are compact-view positions)."""
    out: dict[str, float] = {}
    for token in document.tokens_between(clause_start, mention.start):
        out[f"near:{token.text}"] = 1.0
    far = document.tokens_between(sentence.start, clause_start)[-_WINDOW:]
    for token in far:
        out[f"far:{token.text}"] = 0.5
    clause_end = mention.unit_end
    while clause_end < sentence.end and document.compact[clause_end] not in "，,；;。：:、":
        clause_end += 1
    for token in document.tokens_between(mention.unit_end, clause_end)[:6]:
        out[f"after:{token.text}"] = 1.0
    near_tokens = document.tokens_between(clause_start, mention.start)
    if near_tokens:
        out[f"prev:{near_tokens[-1].text}"] = 1.0
    out[f"unit:{mention.unit}"] = 1.0
    out[f"section:{sentence.section}"] = 1.0
    out[f"rule:{choice.key}"] = 1.0
    out[f"rule_how:{choice.how}"] = 1.0
    left = document.compact[sentence.start : mention.start]
    if "其中" in left or "包括" in left:
        out["after_qizhong"] = 1.0
    out["chinese"] = float(mention.chinese)
    out["approx"] = float(mention.approx)
    out["small"] = float(mention.value < 10)
    return out


@dataclass
class QuantityModel:
    vectorizer: object
    classifier: object
    version: str = MODEL_VERSION

    def predict(self, document, contexts) -> list[dict[str, float]]:
        """For each context (mention, sentence, clause start, rule choice) of a document, the probability of each
        key: one call for the whole document."""
        if not contexts:
            return []
        rows = self.vectorizer.transform([features(document, *context) for context in contexts])
        classes = [str(c) for c in self.classifier.classes_]
        return [dict(zip(classes, (float(p) for p in row))) for row in self.classifier.predict_proba(rows)]

    @classmethod
    def train(cls, reports, rules_extractor) -> "QuantityModel":
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression

        rows, targets = examples(reports, rules_extractor)
        vectorizer = DictVectorizer()
        matrix = vectorizer.fit_transform(rows)
        classifier = LogisticRegression(C=4.0, max_iter=2000)
        classifier.fit(matrix, targets)
        return cls(vectorizer, classifier)

    # -- files -------------------------------------------------------------------------------------------------
    def save(self, directory: Path, meta: dict) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        with open(directory / "model.pkl", "wb") as handle:
            pickle.dump({"vectorizer": self.vectorizer, "classifier": self.classifier}, handle)
        (directory / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, rule_files: tuple[str, ...], directory: Path | None = None) -> "QuantityModel":
        directory = directory or MODELS_DIR / MODEL_NAME / MODEL_VERSION
        meta = check_model(rule_files, directory)
        with open(directory / "model.pkl", "rb") as handle:
            parts = pickle.load(handle)  # our own file, written by save() above
        return cls(parts["vectorizer"], parts["classifier"], meta["version"])


def check_model(rule_files: tuple[str, ...], directory: Path | None = None) -> dict:
    """The model's ``meta.json``, refused (``ModelMismatch``) when the rule files or scikit-learn changed since it was
    trained. Reads no pickle and imports no scikit-learn: a cheap check before workers load the model."""
    directory = directory or MODELS_DIR / MODEL_NAME / MODEL_VERSION
    meta_path = directory / "meta.json"
    if not meta_path.exists():
        raise ModelMismatch(f"no model at {directory}: run scripts/train_quantities.py")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    problems = [f"{what}: model {meta.get(what)} != running {now}" for what, now in current_versions(rule_files).items()
                if meta.get(what) != now]
    if problems:
        raise ModelMismatch(f"the model at {directory} does not match this program ({'; '.join(problems)}): "
                            "run scripts/train_quantities.py")
    return meta


def current_versions(rule_files: tuple[str, ...]) -> dict[str, str]:
    from importlib.metadata import version

    return {"rules_hash": rules_hash(rule_files), "sklearn": version("scikit-learn")}


def examples(reports, rules_extractor) -> tuple[list[dict], list[str]]:
    """One row per count of each report: its features, and its labelled key or ``none``."""
    rows: list[dict] = []
    targets: list[str] = []
    for report in reports:
        document = report.document
        for mention, sentence, clause_start, choice in rules_extractor.contexts(document):
            span = document.span(mention.start, mention.end)
            label = next((l for l in report.labels if l.span.start < span.end and span.start < l.span.end), None)
            rows.append(features(document, mention, sentence, clause_start, choice))
            targets.append(label.key if label is not None else "none")
    return rows, targets
