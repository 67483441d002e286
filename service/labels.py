"""Gold labels written by hand (``corpus/labels/``): loaded, validated and anchored to spans of the report.

A label names its place in the report by a *context*, a piece of the report copied as printed that occurs once in
it, compared with white space removed and NFKC applied on both sides. The loader turns each context into a span of
the submitted text and fails, naming file and line, on anything it cannot anchor. The format is documented in
``corpus/labels/README.md``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .errors import RuleFileError
from .model import Span
from .rules import Row, data_path, read_tsv
from .text import SubmittedText

QUANTITY_COLUMNS = ("id", "key", "value", "number", "context")
QUANTITY_OPTIONAL = ("qualifiers", "approx", "unit", "whole")
PROBLEM_COLUMNS = ("id", "kind", "period", "theme", "specific", "context")
PROBLEM_OPTIONAL = ("answers",)


@dataclass(frozen=True)
class QuantityLabel:
    id: str
    key: str
    qualifiers: dict[str, str]
    value: float
    approx: bool
    unit: str | None
    span: Span  # the number as printed
    context: Span
    whole: str | None = None
    line: int = 0

    @property
    def qualifier(self) -> str | None:
        """The qualifier that the evaluation compares: channel, form or label (the part is not compared)."""
        for name in ("channel", "form", "label"):
            if name in self.qualifiers:
                return f"{name}={self.qualifiers[name]}"
        return None


@dataclass(frozen=True)
class ProblemLabel:
    id: str
    kind: str
    period: str
    theme: str
    specific: bool
    answers: str | None
    span: Span
    line: int = 0


@dataclass(frozen=True)
class ReportLabels:
    report: str
    quantities: tuple[QuantityLabel, ...] = ()
    problems: tuple[ProblemLabel, ...] = ()
    notes: tuple[str, ...] = field(default=())


def _folded(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace())


def anchor(text: SubmittedText, row: Row, context: str) -> tuple[Span, int]:
    """The span of ``context`` in the report and its start in the compact view; it must occur exactly once."""
    needle = _folded(context)
    if not needle:
        raise row.fail("empty context")
    haystack = text.compact.text
    first = haystack.find(needle)
    if first < 0:
        raise row.fail(f"context {context!r} is not in the report")
    if haystack.find(needle, first + 1) >= 0:
        raise row.fail(f"context {context!r} occurs more than once in the report: make it longer")
    return text.compact.span(first, first + len(needle)), first


def _number_span(text: SubmittedText, row: Row, context_start: int, context: str, number: str) -> Span:
    inner = _folded(context)
    wanted = _folded(number)
    at = inner.find(wanted)
    if not wanted or at < 0:
        raise row.fail(f"number {number!r} is not inside its context {context!r}")
    if inner.find(wanted, at + 1) >= 0:
        raise row.fail(f"number {number!r} occurs twice inside its context {context!r}: choose a context where it is once")
    start = context_start + at
    return text.compact.span(start, start + len(wanted))


def _qualifiers(row: Row) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for item in filter(None, (part.strip() for part in row["qualifiers"].split(";"))):
        name, sep, value = item.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise row.fail(f"qualifier {item!r} is not name=value")
        pairs[name.strip()] = value.strip()
    return pairs


def load_quantities(path: Path, text: SubmittedText, keys: set[str], qualifier_values: dict[str, set[str]]) -> tuple[QuantityLabel, ...]:
    labels: list[QuantityLabel] = []
    seen: set[str] = set()
    for row in read_tsv(path, QUANTITY_COLUMNS, QUANTITY_OPTIONAL):
        key = row.choice("key", keys)
        qualifiers = _qualifiers(row)
        for name, value in qualifiers.items():
            allowed = qualifier_values.get(name)
            if allowed is not None and value not in allowed:
                raise row.fail(f"qualifier {name}={value!r} is not one of {sorted(allowed)}")
        if key == "other_count" and "label" not in qualifiers:
            raise row.fail("other_count needs a label=… qualifier")
        try:
            value = float(row["value"])
        except ValueError:
            raise row.fail(f"value {row['value']!r} is not a number") from None
        if row["id"] in seen:
            raise row.fail(f"id {row['id']!r} used twice")
        seen.add(row["id"])
        context_span, context_start = anchor(text, row, row["context"])
        labels.append(QuantityLabel(
            id=row["id"], key=key, qualifiers=qualifiers, value=value, approx=row["approx"].strip() == "1",
            unit=row["unit"].strip() or None, span=_number_span(text, row, context_start, row["context"], row["number"]),
            context=context_span, whole=row["whole"].strip() or None, line=row.line,
        ))
    ids = {label.id for label in labels}
    for label in labels:
        if label.whole is not None and label.whole not in ids:
            raise RuleFileError(str(path), label.line, f"whole {label.whole!r} is not an id of this file")
    return tuple(labels)


def load_problems(path: Path, text: SubmittedText, themes: set[str]) -> tuple[ProblemLabel, ...]:
    labels: list[ProblemLabel] = []
    for row in read_tsv(path, PROBLEM_COLUMNS, PROBLEM_OPTIONAL):
        span, _ = anchor(text, row, row["context"])
        labels.append(ProblemLabel(
            id=row["id"], kind=row.choice("kind", {"problem", "measure"}),
            period=row.choice("period", {"current", "previous"}), theme=row.choice("theme", themes),
            specific=row.choice("specific", {"0", "1"}) == "1", answers=row["answers"].strip() or None,
            span=span, line=row.line,
        ))
    ids = {label.id for label in labels}
    for label in labels:
        if label.answers is not None and label.answers not in ids:
            raise RuleFileError(str(path), label.line, f"answers {label.answers!r} is not an id of this file")
    return tuple(labels)


def spec_values(name: str, column: str) -> set[str]:
    """The values of one column of a spec file in ``service/data/spec/``."""
    return {row[column] for row in read_tsv(data_path(f"spec/{name}"), (column,))}


def quantity_vocabulary() -> tuple[set[str], dict[str, set[str]]]:
    return spec_values("quantity_keys.tsv", "key"), {
        "channel": spec_values("channels.tsv", "channel"),
        "form": spec_values("policy_forms.tsv", "form"),
    }


def label_files(corpus: Path) -> list[Path]:
    """Every label file under ``corpus/labels/``."""
    return sorted((corpus / "labels").glob("*/*.tsv"))


def report_path(corpus: Path, report: str) -> Path:
    """The report a label file is about, in ``samples/`` or ``unseen/``."""
    for folder in ("samples", "unseen"):
        candidate = corpus / folder / report
        if candidate.is_file():
            return candidate
    raise RuleFileError(report, 0, f"no report named {report!r} in {corpus}/samples or {corpus}/unseen")


def report_text(path: Path) -> str:
    """The text a report's labels are anchored in: the file's text as the pipeline reads it (for HTML, PDF and DOCX
    the extracted text that the report's spans index)."""
    from .formats import extract

    return extract(path.read_bytes(), max_bytes=1 << 30).text


def load_report_labels(path: Path, corpus: Path) -> tuple[tuple[QuantityLabel, ...], tuple[ProblemLabel, ...]]:
    """The labels of one file (``quantities/X.tsv`` or ``problems/X.tsv``) anchored in report X."""
    report = path.name.removesuffix(".tsv")
    text = SubmittedText.of(report_text(report_path(corpus, report)))
    if path.parent.name == "quantities":
        keys, qualifier_values = quantity_vocabulary()
        return load_quantities(path, text, keys, qualifier_values), ()
    if path.parent.name == "problems":
        return (), load_problems(path, text, spec_values("problem_themes.tsv", "theme"))
    raise RuleFileError(str(path), 0, "a label file lives in corpus/labels/quantities/ or corpus/labels/problems/")
