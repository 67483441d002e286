"""Problems and measures against the hand-written labels (``corpus/labels/problems/``).

Three sets, reported separately:

- ``cross-validation``: the samples used for tuning and training (not in ``corpus/holdout.txt``), leave-one-report-
  out: the theme model of each fold is trained on the other reports only. The segmentation rules were tuned on
  these reports, so its statement recall here is optimistic.
- ``holdout``: the samples of ``corpus/holdout.txt`` (never tuned on), with a model trained on all training reports.
- ``unseen``: ``corpus/unseen/`` (hand-composed layouts, never tuned on), same model.

Matching: a gold statement is found when a predicted statement of the same kind covers at least half of the gold
context; matching is one-to-one (greedy by overlap), so one long prediction cannot find two statements. Theme,
period and specificity are compared on found statements; ``answers`` on found measures whose gold answers a found
problem. Precision counts predictions matched to a gold statement.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..analysis import AnalyzedDocument
from ..labels import ProblemLabel, load_report_labels
from ..model import Finding
from ..problems import ProblemExtractor
from .corpus import CORPUS, SETS, labelled_documents
from ..problems.themes import ThemeModel, tokens_text

MIN_COVER = 0.5


@dataclass
class LabelledReport:
    name: str
    document: AnalyzedDocument
    labels: tuple[ProblemLabel, ...]
    label_file: Path


def load_sets(corpus: Path = CORPUS) -> dict[str, list[LabelledReport]]:
    """``train`` (samples not held out), ``holdout`` and ``unseen``, each report analysed once."""
    sets: dict[str, list[LabelledReport]] = {name: [] for name in SETS}
    for which, name, label_file, document in labelled_documents("problems", corpus):
        _, labels = load_report_labels(label_file, corpus)
        sets[which].append(LabelledReport(name, document, labels, label_file))
    return sets


def _compact_range(document: AnalyzedDocument, start: int, end: int) -> tuple[int, int]:
    compact = document.text.compact
    return compact.index_at_or_after(start), compact.index_at_or_after(end)


def training_examples(reports: list[LabelledReport], extractor: ProblemExtractor) -> tuple[list[str], list[str], list[str]]:
    """One example per gold statement: the tokens of the segmenter's statement that best covers the hand-labelled
    context (what the classifier will see at run time), or of the context itself when none does. Returns texts,
    themes and the report each came from."""
    texts, themes, groups = [], [], []
    for report in reports:
        statements = extractor.statements(report.document)
        for label in report.labels:
            a, b = _compact_range(report.document, label.span.start, label.span.end)
            best, cover = None, 0
            for statement in statements:
                if statement.kind != label.kind:
                    continue
                overlap = min(b, statement.end) - max(a, statement.start)
                if overlap > cover:
                    best, cover = statement, overlap
            if best is not None and cover >= MIN_COVER * (b - a):
                a, b = best.start, best.end
            texts.append(tokens_text(t.text for t in report.document.tokens_between(a, b)))
            themes.append(label.theme)
            groups.append(report.name)
    return texts, themes, groups


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    predicted: int = 0
    matched_predictions: int = 0
    theme_right: int = 0
    period_right: int = 0
    specific_right: int = 0
    answers_total: int = 0
    answers_right: int = 0
    misses: list[str] = field(default_factory=list)
    wrong_themes: list[str] = field(default_factory=list)

    def add(self, other: "Tally") -> None:
        for name in ("gold", "found", "predicted", "matched_predictions", "theme_right", "period_right",
                     "specific_right", "answers_total", "answers_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses.extend(other.misses)
        self.wrong_themes.extend(other.wrong_themes)

    def figures(self) -> dict:
        def ratio(a: int, b: int):
            return round(a / b, 3) if b else None
        return {"gold": self.gold, "found": self.found, "recall": ratio(self.found, self.gold),
                "predicted": self.predicted, "precision": ratio(self.matched_predictions, self.predicted),
                "theme_accuracy": ratio(self.theme_right, self.found),
                "period_accuracy": ratio(self.period_right, self.found),
                "specific_accuracy": ratio(self.specific_right, self.found),
                "answers_accuracy": ratio(self.answers_right, self.answers_total)}


def score_report(report: LabelledReport, findings: list[Finding]) -> dict[str, Tally]:
    tallies = {"problem": Tally(), "measure": Tally()}
    text = report.document.text.original
    matched: dict[str, Finding] = {}
    for kind, tally in tallies.items():
        gold = [label for label in report.labels if label.kind == kind]
        predicted = [f for f in findings if f.kind == kind]
        tally.gold, tally.predicted = len(gold), len(predicted)
        pairs = []
        for label in gold:
            for finding in predicted:
                overlap = min(label.span.end, finding.span.end) - max(label.span.start, finding.span.start)
                if overlap >= MIN_COVER * (label.span.end - label.span.start):
                    pairs.append((overlap, label.id, finding.id))
        used_gold, used_pred = set(), set()
        by_id = {f.id: f for f in predicted}
        for _, label_id, finding_id in sorted(pairs, reverse=True):
            if label_id in used_gold or finding_id in used_pred:
                continue
            used_gold.add(label_id)
            used_pred.add(finding_id)
            matched[label_id] = by_id[finding_id]
        tally.found = tally.matched_predictions = len(used_gold)
        for label in gold:
            finding = matched.get(label.id)
            context = "".join(text[label.span.start:label.span.end].split())
            if finding is None:
                tally.misses.append(f"{report.name} {label.id} {context}")
                continue
            tally.theme_right += finding.key == label.theme
            if finding.key != label.theme:
                tally.wrong_themes.append(f"{report.name} {label.id} gold {label.theme} got {finding.key}: {context}")
            tally.period_right += finding.qualifiers.get("period") == label.period
            tally.specific_right += bool(finding.qualifiers.get("specific")) == label.specific
    for label in report.labels:
        if label.kind == "measure" and label.answers and label.id in matched and label.answers in matched:
            tallies["measure"].answers_total += 1
            tallies["measure"].answers_right += matched[label.id].qualifiers.get("answers") == matched[label.answers].id
    return tallies


def _fit(reports: list[LabelledReport], extractor: ProblemExtractor) -> ThemeModel:
    texts, themes, _ = training_examples(reports, extractor)
    return ThemeModel.fit(texts, themes, {"name": "in-memory"})


def evaluate(sets: dict[str, list[LabelledReport]] | None = None, rules_only: bool = False) -> dict:
    """The figures of each set and kind; ``rules_only`` leaves the classifier out (the rule baseline)."""
    sets = sets if sets is not None else load_sets()
    rules = ProblemExtractor(model=None)
    out: dict[str, dict] = {}
    totals = {"cross-validation": {"problem": Tally(), "measure": Tally()}}
    for held in sets["train"]:
        others = [r for r in sets["train"] if r is not held]
        extractor = rules if rules_only else ProblemExtractor(model=_fit(others, rules))
        for kind, tally in score_report(held, extractor.extract(held.document)).items():
            totals["cross-validation"][kind].add(tally)
    final = rules if rules_only else ProblemExtractor(model=_fit(sets["train"], rules))
    for name in ("holdout", "unseen"):
        totals[name] = {"problem": Tally(), "measure": Tally()}
        for report in sets[name]:
            for kind, tally in score_report(report, final.extract(report.document)).items():
                totals[name][kind].add(tally)
    for name, kinds in totals.items():
        reports = sets["train"] if name == "cross-validation" else sets[name]
        out[name] = {"reports": [r.name for r in reports],
                     **{kind: {**tally.figures(), "misses": tally.misses, "wrong_themes": tally.wrong_themes}
                        for kind, tally in kinds.items()}}
    return out


def render(result: dict, baseline: dict | None = None) -> str:
    lines = ["## problems and measures", "",
             "Statement found: a prediction of the same kind covers ≥ half the labelled context (one-to-one).", ""]
    header = "| set | reports | kind | gold | found | recall | precision | theme acc | period acc | specific acc | answers acc |"
    if baseline:
        header += " theme acc, rules only |"
    lines += [header, "|" + "---|" * (header.count("|") - 1)]
    for name, figures in result.items():
        for kind in ("problem", "measure"):
            f = figures[kind]
            row = (f"| {name} | {len(figures['reports'])} | {kind} | {f['gold']} | {f['found']} | {f['recall']} | "
                   f"{f['precision']} | {f['theme_accuracy']} | {f['period_accuracy']} | {f['specific_accuracy']} | "
                   f"{f['answers_accuracy'] if kind == 'measure' else '–'} |")
            if baseline:
                row += f" {baseline[name][kind]['theme_accuracy']} |"
            lines.append(row)
    for name, figures in result.items():
        for kind in ("problem", "measure"):
            misses, wrong = figures[kind]["misses"], figures[kind]["wrong_themes"]
            if misses or wrong:
                lines += ["", f"{name}, {kind}s:"]
                lines += [f"  missed  {m}" for m in misses]
                lines += [f"  theme   {w}" for w in wrong]
    return "\n".join(lines)
