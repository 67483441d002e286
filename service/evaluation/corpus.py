"""The labelled reports, analysed once each and sorted into the evaluation sets.

``train``: samples not listed in ``corpus/holdout.txt``; ``holdout``: those listed; ``unseen``: ``corpus/unseen/``.
"""

from __future__ import annotations

from pathlib import Path

from ..analysis import AnalyzedDocument
from ..labels import report_path, report_text
from ..model import Finding

ROOT = Path(__file__).resolve().parent.parent.parent
CORPUS = ROOT / "corpus"
SETS = ("train", "holdout", "unseen")


class Capture:
    """An extractor that keeps the analysed document (the pipeline's own analysis, unchanged) and finds nothing."""

    name, version = "capture", "0"

    def __init__(self):
        self.document: AnalyzedDocument | None = None

    def extract(self, document: AnalyzedDocument) -> list[Finding]:
        self.document = document
        return []


def holdout_names(corpus: Path = CORPUS) -> set[str]:
    lines = (corpus / "holdout.txt").read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def labelled_documents(kind: str, corpus: Path = CORPUS):
    """For each label file of ``corpus/labels/<kind>/``: its set, report name, label file and analysed report."""
    from ..pipeline import Pipeline

    capture = Capture()
    pipeline = Pipeline(extractors=(capture,))
    held = holdout_names(corpus)
    for label_file in sorted((corpus / "labels" / kind).glob("*.tsv")):
        name = label_file.name.removesuffix(".tsv")
        path = report_path(corpus, name)
        pipeline.analyze(report_text(path), name)
        which = "unseen" if path.parent.name == "unseen" else ("holdout" if name in held else "train")
        yield which, name, label_file, capture.document
