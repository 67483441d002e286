"""Narrative quantities against ``corpus/labels/quantities/``: precision, recall and F1 per key and overall.

A finding matches a label when their number spans overlap (one to one). It is right when key, qualifier and value
agree: the qualifier compared is ``channel`` or ``form`` (``other_count``'s free ``label`` and a part's ``part`` words
are not compared). ``found`` counts matches whatever the key (is a count found at all). Sets:

- ``cross-validation``: the training samples (not in ``corpus/holdout.txt``); the model is trained on the other
  reports each time, so it is always scored on a report it never saw;
- ``holdout`` (``corpus/holdout.txt``) and ``unseen`` (``corpus/unseen/``): a model trained on every training report.
Rules were tuned on the training samples only; the figures of the other two sets are the honest ones.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ..analysis import AnalyzedDocument
from ..labels import QuantityLabel, load_report_labels
from ..model import Finding
from ..quantities.extractor import QuantityExtractor
from .corpus import CORPUS, SETS, labelled_documents


@dataclass
class LabelledReport:
    name: str
    document: AnalyzedDocument
    labels: tuple[QuantityLabel, ...]


@dataclass
class Tally:
    right: int = 0
    predicted: int = 0
    gold: int = 0
    found: int = 0

    def add(self, other: "Tally") -> None:
        self.right += other.right
        self.predicted += other.predicted
        self.gold += other.gold
        self.found += other.found

    def figures(self) -> dict:
        precision = self.right / self.predicted if self.predicted else None
        recall = self.right / self.gold if self.gold else None
        f1 = (2 * precision * recall / (precision + recall)) if precision and recall else 0.0
        return {"gold": self.gold, "predicted": self.predicted, "right": self.right,
                "found": round(self.found / self.gold, 3) if self.gold else None,
                "precision": _round(precision), "recall": _round(recall), "f1": round(f1, 3)}


def _round(value):
    return None if value is None else round(value, 3)


def load_sets(corpus: Path = CORPUS) -> dict[str, list[LabelledReport]]:
    sets: dict[str, list[LabelledReport]] = {name: [] for name in SETS}
    for which, name, label_file, document in labelled_documents("quantities", corpus):
        labels, _ = load_report_labels(label_file, corpus)
        sets[which].append(LabelledReport(name, document, labels))
    return sets


def qualifier(finding: Finding) -> str | None:
    for name in ("channel", "form"):
        if name in finding.qualifiers:
            return f"{name}={finding.qualifiers[name]}"
    return None


def _label_qualifier(label: QuantityLabel) -> str | None:
    q = label.qualifier
    return None if q is None or q.startswith("label=") else q


def score_report(report: LabelledReport, findings: list[Finding]) -> tuple[dict[str, Tally], list[dict]]:
    """Per-key tallies and the mistakes (for reading)."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    mistakes: list[dict] = []
    unmatched = list(report.labels)
    original = report.document.text.original
    for finding in findings:
        tallies[finding.key].predicted += 1
        label = next((l for l in unmatched if l.span.start < finding.span.end and finding.span.start < l.span.end), None)
        if label is None:
            mistakes.append({"report": report.name, "kind": "extra", "key": finding.key, "value": finding.value,
                             "text": _context(original, finding.span.start, finding.span.end)})
            continue
        unmatched.remove(label)
        tallies[label.key].found += 1
        right = (finding.key == label.key and abs(float(finding.value) - label.value) < 1e-6
                 and qualifier(finding) == _label_qualifier(label))
        if right:
            tallies[label.key].right += 1
        else:
            mistakes.append({"report": report.name, "kind": "wrong", "want": (label.key, _label_qualifier(label), label.value),
                             "got": (finding.key, qualifier(finding), finding.value),
                             "text": _context(original, finding.span.start, finding.span.end)})
    for label in report.labels:
        tallies[label.key].gold += 1
    for label in unmatched:
        mistakes.append({"report": report.name, "kind": "missed", "want": (label.key, _label_qualifier(label), label.value),
                         "text": _context(original, label.span.start, label.span.end)})
    return tallies, mistakes


def _context(text: str, start: int, end: int) -> str:
    return (text[max(0, start - 18) : start] + "[" + text[start:end] + "]" + text[end : end + 8]).replace("\n", " ")


def _run(reports: list[LabelledReport], extractor_for) -> tuple[dict[str, Tally], list[dict], dict[str, int]]:
    total: dict[str, Tally] = defaultdict(Tally)
    mistakes: list[dict] = []
    methods: dict[str, int] = defaultdict(int)
    per_report: dict[str, dict] = {}
    for report in reports:
        findings = extractor_for(report).extract(report.document)
        for finding in findings:
            methods[finding.method] += 1
        tallies, wrong = score_report(report, findings)
        overall = Tally()
        for key, tally in tallies.items():
            total[key].add(tally)
            overall.add(tally)
        per_report[report.name] = overall.figures()
        mistakes.extend(wrong)
    return total, mistakes, dict(methods), per_report


def evaluate(sets: dict[str, list[LabelledReport]] | None = None, rules_only: bool = False) -> dict:
    from ..quantities.model import QuantityModel

    sets = sets or load_sets()
    train = sets["train"]
    rules = QuantityExtractor()

    def fitted(excluded: str | None):
        if rules_only:
            return rules
        model = QuantityModel.train([r for r in train if r.name != excluded], rules)
        return QuantityExtractor(rules.rules, model)

    results: dict[str, dict] = {}
    cv_models = {} if rules_only else {r.name: fitted(r.name) for r in train}
    full = fitted(None)
    for name, reports, chooser in (
        ("cross-validation", train, (lambda r: rules) if rules_only else (lambda r: cv_models[r.name])),
        ("holdout", sets["holdout"], lambda r: full),
        ("unseen", sets["unseen"], lambda r: full),
    ):
        tallies, mistakes, methods, per_report = _run(reports, chooser)
        overall = Tally()
        for tally in tallies.values():
            overall.add(tally)
        results[name] = {"reports": per_report, "overall": overall.figures(),
                         "keys": {key: tally.figures() for key, tally in sorted(tallies.items())},
                         "methods": methods, "mistakes": mistakes}
    return results


def render(result: dict, baseline: dict | None = None, mistakes: bool = False) -> str:
    lines = ["Narrative quantities (key, qualifier and value right; found = the count is found whatever its key)"]
    lines.append(f"{'set':<18}{'gold':>6}{'pred':>6}{'found':>7}{'P':>7}{'R':>7}{'F1':>7}   rules only F1   decided by")
    for name, figures in result.items():
        o = figures["overall"]
        base = baseline[name]["overall"]["f1"] if baseline else None
        lines.append(f"{name:<18}{o['gold']:>6}{o['predicted']:>6}{_fmt(o['found']):>7}{_fmt(o['precision']):>7}"
                     f"{_fmt(o['recall']):>7}{_fmt(o['f1']):>7}   {_fmt(base):>13}   "
                     + ", ".join(f"{k} {v}" for k, v in sorted(figures["methods"].items())))
    lines.append("")
    lines.append("per report (F1): " + "; ".join(
        f"{name}: " + ", ".join(f"{report.split('_')[0]} {_fmt(f['f1'])}" for report, f in figures["reports"].items())
        for name, figures in result.items()))
    lines.append("")
    lines.append("per key (all three sets together):")
    merged: dict[str, Tally] = defaultdict(Tally)
    for figures in result.values():
        for key, f in figures["keys"].items():
            merged[key].add(Tally(f["right"], f["predicted"], f["gold"], round((f["found"] or 0) * f["gold"])))
    lines.append(f"  {'key':<30}{'gold':>6}{'pred':>6}{'P':>7}{'R':>7}{'F1':>7}")
    for key, tally in sorted(merged.items(), key=lambda item: -item[1].gold):
        f = tally.figures()
        lines.append(f"  {key:<30}{f['gold']:>6}{f['predicted']:>6}{_fmt(f['precision']):>7}{_fmt(f['recall']):>7}{_fmt(f['f1']):>7}")
    if mistakes:
        for name, figures in result.items():
            lines.append("")
            lines.append(f"mistakes, {name} (wrong: want -> got; missed; extra):")
            lines.extend("  " + _mistake(m) for m in figures["mistakes"])
    return "\n".join(lines)


def _mistake(m: dict) -> str:
    def triple(t) -> str:
        key, qualifier, value = t
        return f"{key}{'[' + qualifier + ']' if qualifier else ''}={value:g}"

    if m["kind"] == "wrong":
        return f"wrong   {m['report']}: {triple(m['want'])} -> {triple(m['got'])}   {m['text']}"
    if m["kind"] == "missed":
        return f"missed  {m['report']}: {triple(m['want'])}   {m['text']}"
    return f"extra   {m['report']}: {m['key']}={m['value']:g}   {m['text']}"


def _fmt(value) -> str:
    return "-" if value is None else f"{value:.2f}"
