"""What a reviewer may correct, checked before it is stored. Each function returns the keyword arguments of
``Store.add_correction``; a bad field raises ``BadParameter`` (a friendly 400 page).

The ``value`` stored per action:

- ``theme``: ``{"theme"}``: the statement (a problem or measure finding) belongs to another theme;
- ``not_problem``: ``{}``: the finding is not a problem (nor a measure) at all;
- ``missing_problem``: ``{"statement", "theme", "period", "specific"}``: a problem the extractor missed, at the
  span where ``statement`` (copied from the report) is found;
- ``quantity``: ``{"key", "value", "number", "unit", "qualifiers", "context"}``: a narrative quantity, corrected or
  missed, at the span of ``context``.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from ..labels import quantity_vocabulary
from ..text import SubmittedText
from .errors import BadParameter

MAX_STATEMENT = 2000


@lru_cache(maxsize=1)
def theme_labels() -> dict[str, str]:
    """Theme id -> its Chinese label, in the order of ``spec/problem_themes.tsv``."""
    from ..rules import data_path, read_tsv

    return {row["theme"]: row["label"] for row in read_tsv(data_path("spec/problem_themes.tsv"), ("theme", "label"))}


@lru_cache(maxsize=1)
def quantity_keys() -> tuple[str, ...]:
    return tuple(sorted(quantity_vocabulary()[0]))


def _finding(report: dict, finding_id: str, kinds: tuple[str, ...]) -> dict:
    for finding in report.get("findings") or []:
        if finding.get("id") == finding_id and finding.get("kind") in kinds:
            return finding
    raise BadParameter(f"这份报告没有编号为 “{finding_id}” 的{'/'.join(kinds)}发现")


def _span(finding: dict) -> tuple[int, int]:
    return finding["span"]["start"], finding["span"]["end"]


def _machine(finding: dict) -> dict:
    return {"kind": finding["kind"], "key": finding["key"], "value": finding.get("value"),
            "score": finding.get("score"), "extractor": finding.get("extractor")}


def change_theme(report: dict, finding_id: str, theme: str) -> dict:
    if theme not in theme_labels():
        raise BadParameter(f"没有主题 “{theme}”")
    finding = _finding(report, finding_id, ("problem", "measure"))
    return {"finding_id": finding_id, "span": _span(finding), "action": "theme", "value": {"theme": theme},
            "machine": _machine(finding)}


def not_a_problem(report: dict, finding_id: str) -> dict:
    finding = _finding(report, finding_id, ("problem", "measure"))
    return {"finding_id": finding_id, "span": _span(finding), "action": "not_problem", "value": {},
            "machine": _machine(finding)}


def locate(text: str | None, piece: str) -> tuple[int, int]:
    """The span of ``piece`` in ``text``, compared without white space and after NFKC (as the gold labels are
    anchored); it must occur exactly once."""
    needle = "".join(ch for ch in unicodedata.normalize("NFKC", piece) if not ch.isspace())
    if not needle:
        raise BadParameter("请从报告中复制这句话（不能为空）")
    if text is None:
        raise BadParameter("这份报告的原文没有保存，无法定位这句话")
    compact = SubmittedText.of(text).compact
    first = compact.text.find(needle)
    if first < 0:
        raise BadParameter(f"报告中找不到 “{piece[:60]}”：请原样复制")
    if compact.text.find(needle, first + 1) >= 0:
        raise BadParameter(f"“{piece[:60]}” 在报告中出现不止一次：请多复制几个字")
    span = compact.span(first, first + len(needle))
    return span.start, span.end


def missing_problem(text: str | None, statement: str, theme: str, period: str, specific: str) -> dict:
    if theme not in theme_labels():
        raise BadParameter(f"没有主题 “{theme}”")
    if period not in ("current", "previous"):
        raise BadParameter("时期应为 current（本年度）或 previous（上年度）")
    if len(statement) > MAX_STATEMENT:
        raise BadParameter(f"一句话最长 {MAX_STATEMENT} 字")
    span = locate(text, statement)
    return {"span": span, "action": "missing_problem", "machine": None,
            "value": {"statement": text[span[0]:span[1]], "theme": theme, "period": period,
                      "specific": specific in ("1", "on", "true")}}


def quantity(text: str | None, key: str, value: str, number: str, context: str, unit: str = "",
             qualifiers: str = "", finding_id: str | None = None, report: dict | None = None) -> dict:
    if key not in quantity_keys():
        raise BadParameter(f"没有数量键 “{key}”")
    try:
        amount = float(value)
    except ValueError:
        raise BadParameter(f"数值应为数字，而不是 “{value}”") from None
    number = number.strip() or value.strip()
    start, end = locate(text, context)
    if "".join(number.split()) not in "".join(unicodedata.normalize("NFKC", text[start:end]).split()):
        raise BadParameter(f"原文数字 “{number}” 不在所复制的上下文中")
    for item in filter(None, (part.strip() for part in qualifiers.split(";"))):
        if "=" not in item:
            raise BadParameter(f"限定词 “{item}” 应写成 name=value")
    machine = None
    if finding_id:
        machine = _machine(_finding(report or {}, finding_id, ("quantity",)))
    return {"finding_id": finding_id or None, "span": (start, end), "action": "quantity", "machine": machine,
            "value": {"key": key, "value": amount, "number": number, "unit": unit.strip(),
                      "qualifiers": qualifiers.strip(), "context": text[start:end]}}


def period_labels() -> dict[str, str]:
    return {"current": "本年度", "previous": "上年度"}

