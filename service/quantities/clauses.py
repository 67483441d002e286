"""Where a count's words begin and end: its sentence, its clause, the run of words since the count before it, the
period (sentences joined by semicolons, or by a breakdown that opens the next sentence), and lists."""

from __future__ import annotations

import bisect
import re

from ..analysis import AnalyzedDocument, Sentence
from .numbers import NumberMention

CLAUSE_MARKS = "，,；;：:、()（）"
LIST_GAP = 16  # at most this many characters between two counts of one list (人事信息15条、财务信息3条)
# a sentence that breaks down the one before it: 其中，…; 申请人中…; 从申请主体看，…; 按信息类别划分，…
_CONTINUES = re.compile(r"其中|申请人中|申请者中|从[^，。；]{0,10}(?:来看|看)|按[^，。；]{0,10}(?:划分|分类|统计|来看|看|分)")


def periods_of(document: AnalyzedDocument) -> dict[int, int]:
    """Sentence start -> the start of its period: a sentence that ends in a semicolon or a colon runs on into the next
    one (全年新收申请585件，其中自然人申请528件；从申请方式看，网络申请402件: one breakdown), and so does one followed by
    a sentence opening a breakdown (其中…, 从…看, 按…划分)."""
    periods: dict[int, int] = {}
    period = previous = None
    for sentence in document.sentences:
        if period is None and previous is not None and (
                _CONTINUES.match(document.compact, sentence.start)
                or document.compact[previous.start : previous.end].rstrip()[-1:] in ("：", ":")):
            # …办结26件。其中，网络申请24件 / …1,268条，主要包括：◆…46条: a breakdown of the sentence before
            period = periods[previous.start]
        periods[sentence.start] = sentence.start if period is None else period
        previous = sentence
        ends_in_semicolon = document.compact[sentence.start : sentence.end].rstrip()[-1:] in (";", "；")
        period = periods[sentence.start] if ends_in_semicolon else None
    return periods


def sentence_of(sentences, starts: list[int], position: int) -> Sentence | None:
    index = bisect.bisect_right(starts, position) - 1
    if index < 0:
        return None
    sentence = sentences[index]
    return sentence if sentence.start <= position < sentence.end else None


def start_of_clause(compact: str, sentence_start: int, position: int) -> int:
    i = position - 1
    while i >= sentence_start:
        if compact[i] in "）)":  # a short aside in brackets (乡镇（街道）) does not end the clause
            opening = max(compact.rfind("（", sentence_start, i), compact.rfind("(", sentence_start, i))
            if opening >= 0 and i - opening <= 6 and not any(ch.isdigit() for ch in compact[opening:i]):
                i = opening - 1
                continue
        if compact[i] in CLAUSE_MARKS:
            return i + 1
        i -= 1
    return sentence_start


def end_of_clause(compact: str, position: int, sentence_end: int, marks: str = CLAUSE_MARKS) -> int:
    for i in range(position, sentence_end):
        if compact[i] in marks or compact[i] in "。！？":
            return i
    return sentence_end


def last_match(pattern: re.Pattern, text: str) -> re.Match | None:
    """The match of ``pattern`` in ``text`` that ends last (the cue nearest a count that follows the text), overlapping
    matches included: in 网站集约化建设，全年整合关停县区部门网站 the cue 关停…网站 overlaps 网站…整合关停."""
    last = None
    match = pattern.search(text)
    while match is not None:
        if last is None or match.end() > last.end():
            last = match
        match = pattern.search(text, match.start() + 1)
    return last


def own_run(compact: str, sentence_start: int, last: NumberMention | None, mention: NumberMention) -> str:
    """The words that belong to a count: back to the count before it or to the last comma, semicolon or colon (a 、
    inside an attributive list does not end them: 关停注销长期不更新、功能重复的账号11个)."""
    start = max(sentence_start, last.unit_end if last is not None else 0)
    text = compact[start : mention.start]
    cut = max(text.rfind(mark) for mark in "，,；;：:")
    return text[cut + 1 :]


def respective_at(left: str) -> int:
    """Where the 分别 that hands counts out in order stands in ``left`` (the sentence up to a count), or -1: none, or
    one that names things rather than counts (分别为“甲”微信公众号和“乙”抖音号，…) since a clause mark follows it (a
    thousands separator is none: 分别推送信息1,204条、2,318条)."""
    at = left.rfind("分别")
    if at < 0 or re.search(r"[，；;：:]|(?<!\d),|,(?!\d)", left[at:]):
        return -1
    return at


def own_words(between: str) -> str:
    """The words of a count's own clause, from the text between it and the count before it."""
    return re.split(r"[，,；;、（）()]", between)[-1]


def same_list(between: str) -> bool:
    """Two counts are items of one list when only a short stretch of words separates them, with no sentence end, no
    bracket and no new breakdown (其中) between them."""
    return len(between) <= LIST_GAP and not re.search(r"[。（）()]|其中", between)
