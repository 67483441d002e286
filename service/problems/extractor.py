"""``ProblemExtractor``: findings of kind ``problem`` and ``measure`` for one analysed report.

Each finding:

- ``key``: the theme id (``spec/problem_themes.tsv``); a measure paired with a problem takes that problem's theme;
- ``value``: the statement as printed, white space removed;
- ``span``/``section``: where it is (section 五 is ``problems``; a problem admitted elsewhere keeps its section);
- ``qualifiers``: ``period`` (``current`` this year's problem or planned measure; ``previous`` last year's problem
  and how it was fixed), ``specific`` (bool), ``answers`` (for a measure, the id of the problem finding it answers,
  or null) and ``ordinal`` (its number in the report's list, or null);
- ``score``: the theme's combined score; ``method``: ``rule``, ``ml`` or ``hybrid`` (see ``themes.py``);
- ``evidence``: ``cues`` (the deficiency or action words that cut the statement), ``theme_cues`` (theme cue words
  that fired), ``themes`` (the three best themes with scores), ``specificity`` (score and reasons), ``segment``
  (the rule that cut it), and for a paired measure ``paired_by`` (``ordinal``, ``theme`` or ``only problem``).

The id is a hash of kind and span: stable for a given text, so a reviewer's decision can attach to it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..analysis import AnalyzedDocument
from ..model import Finding
from .rules import fingerprint, load_cues, load_specificity, load_theme_cues, load_themes
from .segment import Segmenter, Statement, section_at
from .specificity import SpecificityRater
from .themes import RuleThemes, ThemeClassifier, ThemeModel, check_model, load_model, tokens_text

NAME = "problems"
VERSION = "1.0"
_UNSET = object()


def finding_id(kind: str, start: int, end: int) -> str:
    return hashlib.sha1(f"{kind}|{start}|{end}".encode()).hexdigest()[:16]


def check_problem_files() -> None:
    """Read and validate the problem extractor's rule files and its model's header (no pickle, no jieba, no
    scikit-learn): what ``ProblemExtractor()`` would refuse, refused here."""
    themes, _ = load_themes()
    load_theme_cues(themes)
    load_cues()
    load_specificity()
    check_model(themes)


class ProblemExtractor:
    name = NAME

    def __init__(self, model: ThemeModel | None | object = _UNSET, model_directory: Path | None = None):
        """Rules are read and the model loaded here (a bad file fails now). ``model``: a ``ThemeModel`` to use
        instead of the saved one (the evaluation's cross-validation), or None for rules only."""
        self.themes, self.theme_labels = load_themes()
        self.rule_themes = RuleThemes(self.themes, load_theme_cues(self.themes))
        if model is _UNSET:
            model = load_model(self.themes, model_directory)
        self.classifier = ThemeClassifier(self.rule_themes, model)  # type: ignore[arg-type]
        self.segmenter = Segmenter(load_cues(), self.rule_themes.theme_of)
        self.specificity = SpecificityRater(load_specificity())
        model_tag = f"{model.meta.get('name')}/{model.meta.get('version')}" if isinstance(model, ThemeModel) and \
            model.meta.get("version") else ("in-memory" if model is not None else "none")
        self.version = f"{VERSION}+rules.{fingerprint()}+model.{model_tag}"

    def statements(self, document: AnalyzedDocument) -> list[Statement]:
        return self.segmenter.statements(document)

    def statement_tokens(self, document: AnalyzedDocument, statement: Statement) -> str:
        return tokens_text(t.text for t in document.tokens_between(statement.start, statement.end))

    def extract(self, document: AnalyzedDocument) -> list[Finding]:
        compact = document.compact
        built: list[tuple[Statement, dict]] = []
        statements = self.statements(document)
        texts = [compact[statement.start:statement.end] for statement in statements]
        themes = self.classifier.classify_many(
            [(text, self.statement_tokens(document, statement)) for text, statement in zip(texts, statements)])
        for statement, text, theme in zip(statements, texts, themes):
            rated = self.specificity.rate(text)
            span = document.span(statement.start, statement.end)
            built.append((statement, {
                "id": finding_id(statement.kind, span.start, span.end), "span": span, "text": text, "theme": theme,
                "specificity": rated, "section": section_at(document.sections, span.start),
            }))
        answers = _pair(built)
        findings = []
        for index, (statement, info) in enumerate(built):
            theme = info["theme"]
            key = theme.theme
            evidence = {
                "cues": list(statement.cues), "theme_cues": list(theme.cues),
                "themes": [{"theme": t, "score": s} for t, s in theme.ranking],
                "specificity": {"score": round(info["specificity"].score, 3),
                                "reasons": list(info["specificity"].reasons)},
                "segment": statement.rule,
            }
            answered = answers.get(index)
            if answered is not None:
                problem_index, how = answered
                key = built[problem_index][1]["theme"].theme
                evidence["paired_by"] = how
            findings.append(Finding(
                id=info["id"], kind=statement.kind, key=key, value=info["text"], span=info["span"],
                section=info["section"], score=theme.score, method=theme.method, extractor=self.name,
                extractor_version=self.version,
                qualifiers={"period": statement.period, "specific": info["specificity"].specific,
                            "answers": built[answered[0]][1]["id"] if answered is not None else None,
                            "ordinal": statement.ordinal},
                evidence=evidence,
            ))
        return findings


def _pair(built: list[tuple[Statement, dict]]) -> dict[int, tuple[int, str]]:
    """For each measure, the problem it answers: same period, by list number, else by theme, else the only one."""
    out: dict[int, tuple[int, str]] = {}
    for index, (statement, info) in enumerate(built):
        if statement.kind != "measure":
            continue
        problems = [i for i, (s, _) in enumerate(built)
                    if s.kind == "problem" and s.period == statement.period and s.region == "problems"]
        if not problems:
            continue
        theme = info["theme"].theme
        by_ordinal = [i for i in problems if statement.ordinal is not None and built[i][0].ordinal == statement.ordinal]
        same_theme = [i for i in problems if built[i][1]["theme"].theme == theme]
        if by_ordinal:
            choice = next((i for i in by_ordinal if built[i][1]["theme"].theme == theme), by_ordinal[0])
            out[index] = (choice, "ordinal")
        elif same_theme:
            out[index] = (same_theme[0], "theme")
        elif len(problems) == 1:
            out[index] = (problems[0], "only problem")
    return out
