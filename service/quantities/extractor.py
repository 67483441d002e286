"""The narrative-quantity extractor: every count the narrative states, as a finding of kind ``quantity``.

For each count (``numbers.find_mentions``) outside the statistical tables:

1. **Key, by rule**: the nearest cue of ``quantity_rules.tsv`` in the count's clause before the number (or, less
   strongly, after its unit) among the rules that allow its unit. A count whose clause has no cue of its own and
   follows another count in the same sentence takes that count's key (lists: 人事信息15条、财务信息3条). A count with
   no rule is ``other_count`` with its clause's words as ``label``.
2. **Key, by model** (``model.py``, when a trained model is loaded): a classifier over the tokens around the count
   gives each key, or ``none`` (not a quantity), a probability. How the two are combined is in ``decide``.
3. **Qualifiers**: ``channel`` (posts, accounts, followers) and ``form`` (interpretations) from the nearest cue of the
   spec's channel and form lists in the sentence before the count, else ``all``; a part of a breakdown (after 其中)
   names its ``part`` and links to its ``whole``; ``label`` for other_count.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass

from ..analysis import AnalyzedDocument, Sentence
from ..model import Finding
from .numbers import NumberMention, find_mentions
from .rules import CHANNEL_KEYS, FORM_KEYS, KeyRule, QuantityRules, load_quantity_rules

NAME = "quantities"
VERSION = "1.0"
_CLAUSE_MARKS = "，,；;：:、()（）"
_FAR = 20  # penalty for a cue found before the count's own clause (elsewhere in its sentence)
_LIST_GAP = 16  # at most this many characters between two counts of one list (人事信息15条、财务信息3条)
_AFTER = 6  # penalty for a cue after the unit rather than before the number
_BREAKDOWN = re.compile(r"其中|包括|含")
_SEVERAL_CHANNELS = re.compile(r"(?:网站|新媒体|公众号|微博|平台|客户端|抖音|专栏|报纸|电视)(?:等|和|及|、)(?:各类|多种|多个)?(?:平台|渠道|载体|媒体|方式)?")
_SKIP_SECTIONS = frozenset({"statistics"})
_LABEL_NOISE = re.compile(r"^(?:共|全年|累计|其中|合计|总计|分别|以及|和|及|与|并|等|约|近|达|已|共计|先后|全年共)+")


@dataclass(frozen=True)
class KeyChoice:
    key: str
    distance: int
    cue: str
    rule_line: int | None
    how: str  # cue | inherited | fallback


class QuantityExtractor:
    name = NAME

    def __init__(self, rules: QuantityRules | None = None, model=None):
        self.rules = rules or load_quantity_rules()
        self.model = model
        self.version = VERSION if model is None else f"{VERSION}+model.{model.version}"

    def extract(self, document: AnalyzedDocument) -> list[Finding]:
        return [finding for finding, _ in self.candidates(document) if finding is not None]

    def contexts(self, document: AnalyzedDocument):
        """Each count outside the tables, with its sentence, clause start and the rules' choice of key."""
        compact = document.compact
        starts = [s.start for s in document.sentences]
        last_choice: dict[int, tuple[NumberMention, KeyChoice]] = {}  # sentence start -> the last count in it
        for mention in find_mentions(compact):
            span = document.span(mention.start, mention.end)
            sentence = _sentence_of(document.sentences, starts, mention.start)
            if sentence is None or sentence.section in _SKIP_SECTIONS or document.in_table(span):
                continue
            clause_start = _clause_start(compact, sentence.start, mention.start)
            choice = self._rule_key(compact, sentence, clause_start, mention, last_choice.get(sentence.start))
            last_choice[sentence.start] = (mention, choice)
            yield mention, sentence, clause_start, choice

    def candidates(self, document: AnalyzedDocument) -> list[tuple[Finding | None, NumberMention]]:
        """Every count with its finding, or ``None`` where the extractor decided it is not a quantity."""
        compact = document.compact
        out: list[tuple[Finding | None, NumberMention]] = []
        previous: dict[int, tuple[NumberMention, Finding]] = {}  # sentence start -> last finding in it
        wholes: dict[int, Finding] = {}
        for mention, sentence, clause_start, choice in self.contexts(document):
            span = document.span(mention.start, mention.end)
            key, method, score = self.decide(choice, mention, document, sentence, clause_start)
            if key is None:
                out.append((None, mention))
                continue
            last = previous.get(sentence.start)
            part_of = self._whole(compact, sentence, mention, last, wholes)
            qualifiers = self._qualifiers(key, compact, sentence, clause_start, mention, part_of)
            finding = Finding(
                id=_finding_id(key, span.start, span.end),
                kind="quantity", key=key, value=_number(mention.value), span=span,
                section=sentence.section, score=score, method=method, extractor=NAME, extractor_version=self.version,
                qualifiers=qualifiers, unit=mention.unit,
                evidence={
                    "number": mention.text, "approx": mention.approx,
                    "clause": document.span(clause_start, mention.unit_end).to_dict(),
                    "cue": choice.cue, "how": choice.how, "rule_line": choice.rule_line,
                    "whole": part_of.id if part_of is not None else None,
                },
            )
            previous[sentence.start] = (mention, finding)
            if part_of is None:
                wholes[sentence.start] = finding
            out.append((finding, mention))
        return out

    # -- key ---------------------------------------------------------------------------------------------------
    def _rule_key(self, compact: str, sentence: Sentence, clause_start: int, mention: NumberMention,
                  last: tuple[NumberMention, KeyChoice] | None) -> KeyChoice:
        clause_end = _clause_end(compact, mention.unit_end, sentence.end)
        near = compact[clause_start : mention.start]
        far = compact[sentence.start : clause_start]
        after = compact[mention.unit_end : clause_end]
        best: KeyChoice | None = None
        for rule in self.rules.rules:
            if not rule.units.fullmatch(mention.unit.lstrip("余")):
                continue
            for text, base, penalty, before in ((near, clause_start, 0, True), (far, sentence.start, _FAR, True),
                                                (after, mention.unit_end, _AFTER, False)):
                distance = _nearest(rule, text, before)
                if distance is None:
                    continue
                distance += penalty
                if best is None or distance < best.distance:
                    cue = _cue_text(rule, text, before)
                    best = KeyChoice(rule.key, distance, cue, rule.line, "cue")
        own_clause = best is not None and best.distance < _AFTER
        listed = last is not None and mention.start - last[0].unit_end <= _LIST_GAP
        if not own_clause and listed and _same_kind(last[0].unit, mention.unit):
            return KeyChoice(last[1].key, 10, last[1].cue, None, "inherited")
        if best is not None:
            return best
        return KeyChoice("other_count", 99, "", None, "fallback")

    def decide(self, choice: KeyChoice, mention: NumberMention, document: AnalyzedDocument, sentence: Sentence,
               clause_start: int) -> tuple[str | None, str, float]:
        """The key, the method and the score. Rules alone: the rule's key, scored by how near its cue was. With a
        model: where the rule found a cue in the count's own clause and the model does not contradict it strongly,
        (or the count continues a list whose key the rule took from the count before), and the model does not
        contradict it with a probability of 0.8 or more, the rule decides (``rule``, or ``hybrid`` where both agree);
        otherwise the model decides (``ml``), except that a cue found elsewhere in the sentence beats the model's
        catch-all ``other_count``; a count the model deems no quantity (``none``) is dropped."""
        rule_score = _rule_score(choice, mention)
        if self.model is None:
            return choice.key, "rule", rule_score
        probabilities = self.model.predict(document, mention, sentence, clause_start, choice)
        best_key = str(max(probabilities, key=probabilities.get))
        if ((choice.how == "inherited" or (choice.how == "cue" and choice.distance < _AFTER))
                and probabilities.get(best_key, 0) < 0.8):
            if best_key == choice.key:
                return choice.key, "hybrid", max(rule_score, probabilities[best_key])
            return choice.key, "rule", rule_score
        if choice.how == "cue" and best_key == "other_count" and probabilities[best_key] < 0.8:
            return choice.key, "rule", rule_score  # a cue elsewhere in the sentence beats the catch-all
        if best_key == "none":
            return None, "ml", probabilities["none"]
        method = "hybrid" if best_key == choice.key else "ml"
        return best_key, method, probabilities[best_key]

    # -- breakdowns and qualifiers -----------------------------------------------------------------------------
    def _whole(self, compact: str, sentence: Sentence, mention: NumberMention,
               last: tuple[NumberMention, Finding] | None, wholes: dict[int, Finding]) -> Finding | None:
        whole = wholes.get(sentence.start)
        if whole is None or last is None:
            return None
        between = compact[last[0].unit_end : mention.start]
        if _BREAKDOWN.search(between) or (last[1].evidence.get("whole") is not None and "。" not in between):
            return whole
        return None

    def _qualifiers(self, key: str, compact: str, sentence: Sentence, clause_start: int, mention: NumberMention,
                    whole: Finding | None) -> dict[str, str]:
        qualifiers: dict[str, str] = {}
        left = compact[sentence.start : mention.start]
        if key in CHANNEL_KEYS:
            own = _nearest_cue(self.rules.channels, compact[clause_start : mention.start])
            inherited = whole.qualifiers.get("channel") if whole is not None and whole.key in CHANNEL_KEYS else None
            qualifiers["channel"] = own or inherited or _nearest_cue(self.rules.channels, left) or "all"
            if _SEVERAL_CHANNELS.search(compact[sentence.start : mention.start]) and whole is None:
                qualifiers["channel"] = "all"  # 通过门户网站、政务新媒体等平台: a total over channels
        if key in FORM_KEYS:
            right = compact[mention.unit_end : _clause_end(compact, mention.unit_end, sentence.end)]
            qualifiers["form"] = (_nearest_cue(self.rules.forms, compact[clause_start : mention.start])
                                  or _nearest_cue(self.rules.forms, right) or "all")
        label = _label(compact[clause_start : mention.start])
        if whole is not None and label:
            qualifiers["part"] = label
        if key == "other_count":
            qualifiers["label"] = label or mention.unit
        return qualifiers


def _sentence_of(sentences, starts: list[int], position: int) -> Sentence | None:
    index = bisect.bisect_right(starts, position) - 1
    if index < 0:
        return None
    sentence = sentences[index]
    return sentence if sentence.start <= position < sentence.end else None


def _clause_start(compact: str, sentence_start: int, position: int) -> int:
    for i in range(position - 1, sentence_start - 1, -1):
        if compact[i] in _CLAUSE_MARKS:
            return i + 1
    return sentence_start


def _clause_end(compact: str, position: int, sentence_end: int) -> int:
    for i in range(position, sentence_end):
        if compact[i] in _CLAUSE_MARKS or compact[i] in "。！？":
            return i
    return sentence_end


def _nearest(rule: KeyRule, text: str, before: bool) -> int | None:
    """Characters between the count and the rule's nearest cue in ``text`` (before it, or after it)."""
    matches = list(rule.cue.finditer(text))
    if not matches:
        return None
    return len(text) - max(m.end() for m in matches) if before else min(m.start() for m in matches)


def _cue_text(rule: KeyRule, text: str, before: bool) -> str:
    matches = list(rule.cue.finditer(text))
    match = max(matches, key=lambda m: m.end()) if before else min(matches, key=lambda m: m.start())
    return match.group()


def _nearest_cue(cues, text: str) -> str | None:
    best, at = None, -1
    for cue in cues:
        for match in cue.pattern.finditer(text):
            if match.end() > at:
                best, at = cue.value, match.end()
    return best


def _same_kind(unit_a: str, unit_b: str) -> bool:
    people = {"人", "人次", "名", "万人", "余人", "位"}
    money = {"元", "万元", "亿元"}
    return (unit_a in people) == (unit_b in people) and (unit_a in money) == (unit_b in money)


def _rule_score(choice: KeyChoice, mention: NumberMention) -> float:
    if choice.how == "fallback":
        return 0.3
    if choice.how == "inherited":
        return 0.6
    score = 0.95 if choice.distance <= 6 else 0.85 if choice.distance < _AFTER + 6 else 0.6
    return score - (0.1 if mention.chinese else 0.0)


def _label(words: str) -> str:
    words = re.sub(r"[“”\"《》〈〉<>]", "", words)
    return _LABEL_NOISE.sub("", words)[-12:]


def _number(value: float):
    return int(value) if float(value).is_integer() else value


def _finding_id(key: str, start: int, end: int) -> str:
    return hashlib.sha256(f"quantity:{key}:{start}:{end}".encode()).hexdigest()[:16]
