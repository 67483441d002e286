"""The narrative-quantity extractor: every count the narrative states, as a finding of kind ``quantity``.

For each count (``numbers.find_mentions``) outside the statistical tables and not about something other than
disclosure work (``not_quantities.tsv``):

1. **Key, by rule** (here): the nearest cue of ``quantity_rules.tsv`` before the number (a cue in the count's own
   clause counts fully, one elsewhere in its sentence less) or after its unit, among the rules that allow its unit;
   the ``nearer`` column lets a deciding verb count as nearer. Event verbs and 对 put the thing counted after the
   unit; 分别 gives keys in order; the noun names the family and a verb the variant (关停…账号). A list item with no
   cue of its own takes the key of the item before it. A count with no rule is ``other_count``.
2. **Key, by model** (``model.py``, when a trained model is loaded): a classifier over the tokens around the count
   gives each key, or ``none`` (not a quantity), a probability. How the two are combined is in ``decide``.
3. **Breakdowns** (``breakdowns.py``): the whole a part belongs to, the key it takes from it, and counts closed or
   still open after a count received. Where a count's words begin and end is ``clauses.py``.
4. **Qualifiers** (``qualifiers.py``): ``channel``, ``form``, ``part`` and ``label``.
"""

from __future__ import annotations

import hashlib
import re

from ..analysis import AnalyzedDocument, Sentence
from ..model import Finding
from .breakdowns import GENERIC_KEYS, closed_key, relink_by_sum, takes_whole_key, whole_of
from .choice import KeyChoice
from .clauses import (LIST_GAP, end_of_clause, last_match, own_run, periods_of, respective_at, same_list, sentence_of,
                      start_of_clause)
from .numbers import NumberMention, find_mentions
from .qualifiers import QualifierReader, nearest_cue
from .rules import QuantityRules, load_quantity_rules

NAME = "quantities"
VERSION = "1.0"
_FAR = 20  # penalty for a cue found before the count's own clause (elsewhere in its sentence)
_AFTER = 6  # penalty for a cue after the unit rather than before the number
_MONEY = frozenset({"元", "万元", "亿元"})
# 对年内出台的4件政策文件逐一解读, 《…》等34件草案公开征求意见: the thing counted comes first and the verb after it
# names the key
_OBJECT_FIRST = re.compile(r"(?:^|[^反面绝相针应])对(?![外于照接标此])[^，。；：]{0,24}$|(?:^|[，,；;])就[^，。；：]{0,24}$|》等$")
# a count whose nearest cue names the family (账号, 文件) takes the variant a verb of its own words names (关停, 废止)
_VARIANTS = {"new_media_accounts": ("new_media_closed", "new_media_opened"),
             "documents_published": ("documents_repealed", "documents_reviewed")}
_BASE_OF = {variant: base for base, variants in _VARIANTS.items() for variant in variants}
# a verb closing websites closes the accounts listed with them: 关停政府网站1个、政务新媒体2个
_CLOSED_WITH = {"websites_closed": "new_media_closed"}
_PUBLISHING_VERB = re.compile(r"发布|(?<!不予)(?<!申请)公开|印发|公布|开设|运行|运营")
_EVENT_VERB = re.compile(r"(?:举办|召开|开展|组织|举行|进行|参加|发放|印发|编印|制作)(?:了|各类|共|累计|共计)?$")
_SKIP_SECTIONS = frozenset({"statistics"})
# 1件因涉及多个部门会商，结转下年度继续办理: a count followed by the reason for it is named in the clause after
_REASON = re.compile(r"因|由于")
# 制发文件86件，逐件确定公开属性: documents that were then reviewed one by one
_REVIEWED_AFTER = re.compile(r"[，,]?(?:均|全部|并)?(?:逐件|逐一|逐份)(?:确定|审查|审核|明确|进行|评估)")


class QuantityExtractor:
    name = NAME

    def __init__(self, rules: QuantityRules | None = None, model=None):
        self.rules = rules or load_quantity_rules()
        self.qualifier_reader = QualifierReader(self.rules)
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
            sentence = sentence_of(document.sentences, starts, mention.start)
            if sentence is None or sentence.section in _SKIP_SECTIONS or document.in_table(span):
                continue
            clause_start = start_of_clause(compact, sentence.start, mention.start)
            choice = self._rule_key(compact, sentence, clause_start, mention, last_choice.get(sentence.start))
            last_choice[sentence.start] = (mention, choice)
            yield mention, sentence, clause_start, choice

    def candidates(self, document: AnalyzedDocument) -> list[tuple[Finding | None, NumberMention]]:
        """Every count with its finding, or ``None`` where the extractor decided it is not a quantity."""
        compact = document.compact
        out: list[tuple[Finding | None, NumberMention]] = []
        periods = periods_of(document)
        # period start -> the last count in it, its finding and the channel its list is on
        previous: dict[int, tuple[NumberMention, Finding, str | None]] = {}
        wholes: dict[int, list[Finding]] = {}  # period start -> its wholes, in order
        off_topic: dict[int, NumberMention] = {}  # period start -> the last count dropped as no disclosure work
        period_of: dict[str, int] = {}  # finding id -> its period
        before: dict[int, NumberMention] = {}  # sentence start -> the last count in it, kept or not
        contexts = list(self.contexts(document))
        predictions = self.model.predict(document, contexts) if self.model is not None else [None] * len(contexts)
        for (mention, sentence, clause_start, choice), probabilities in zip(contexts, predictions):
            span = document.span(mention.start, mention.end)
            period = periods.get(sentence.start, sentence.start)
            key, method, score = self.decide(choice, mention, probabilities)
            if key == "other_count" and mention.unit in _MONEY:
                key = None  # money is a disclosure figure only as fees: 减免金额219062.78元 is not one
            off = self._not_disclosure_work(compact, sentence.start, before.get(sentence.start), mention, choice,
                                            off_topic.get(period))
            before[sentence.start] = mention
            if off:
                off_topic[period] = mention
                out.append((None, mention))
                continue
            last = previous.get(period)
            words = own_run(compact, sentence.start, last[0] if last else None, mention)
            part_of = whole_of(compact, period, mention, choice, last, wholes, nearest_cue(self.rules.channels, words))
            # a part of a breakdown takes its whole's key where its own words name none better; it is kept even
            # where the model would drop it (从申请主体看，自然人提出285件 under 新收申请312件)
            published = _BASE_OF.get(part_of.key) if part_of is not None else None
            if published is not None and _PUBLISHING_VERB.search(
                    own_run(compact, sentence.start, last[0] if last else None, mention)):
                # 对…文件逐件确定公开属性，其中主动公开14件: the part published is a published count
                key, method, score = published, "rule", _rule_score(choice, mention)
                choice = KeyChoice(key, choice.distance, choice.cue, None, "whole")
            elif (part_of is not None and (key is None or takes_whole_key(choice, key, part_of.key))
                    and self.rules.allows(part_of.key, mention.unit)):
                key, method, score = part_of.key, "rule", _rule_score(choice, mention)
                choice = KeyChoice(key, choice.distance, part_of.evidence["cue"] or "", None, "whole")
            # 收到来信312件，已答复309件，另有3件…转交: counts closed or still open after a count received are kept even
            # where the model would drop them
            closed = closed_key(compact, mention, key or "other_count", last)
            if key is None and closed is None:
                out.append((None, mention))
                continue
            if closed is not None:
                key, method, score = closed, "rule", _rule_score(choice, mention)
                choice = KeyChoice(key, choice.distance, choice.cue, None, "closed", True)
            qualifiers, channel_from = self.qualifier_reader.read(key, compact, sentence, clause_start, mention, part_of, last)
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
                    **({"channel_from": channel_from} if channel_from else {}),
                },
            )
            previous[period] = (mention, finding, self.qualifier_reader.list_channel(compact, mention, finding, last))
            period_of[finding.id] = period
            if part_of is None:
                wholes.setdefault(period, []).append(finding)
            out.append((finding, mention))
        out = relink_by_sum(out, period_of, _finding_id)
        self.qualifier_reader.totals_over_channels([finding for finding, _ in out if finding is not None])
        return out

    def _rule_key(self, compact: str, sentence: Sentence, clause_start: int, mention: NumberMention,
                  last: tuple[NumberMention, KeyChoice] | None) -> KeyChoice:
        clause_end = end_of_clause(compact, mention.unit_end, sentence.end)
        left = compact[sentence.start : mention.start]  # a cue may run across a clause mark (关停…、…网站)
        # a cue ending at or after this is in the count's own words (a 、 inside an attributive list does not end
        # them: 下线过期、失效信息23条)
        words = own_run(compact, sentence.start, last[0] if last else None, mention)
        own_from = mention.start - len(words) - sentence.start
        after = compact[mention.unit_end : clause_end]
        # 举办一期培训, 召开3场新闻发布会: after an event verb the thing counted is named after the unit, and nothing
        # is lost by naming it there
        near = compact[clause_start : mention.start]
        # after quoted names (新设“乡村振兴”“柳江水质”3个专题专栏) the count counts the named things, named after the unit
        event = (_EVENT_VERB.search(near) is not None or _OBJECT_FIRST.search(near) is not None
                 or near.endswith("”"))
        if event:  # the object's noun phrase may list several things: 对42件规章、规范性文件草案公开征求意见
            after = compact[mention.unit_end : end_of_clause(compact, mention.unit_end, sentence.end, marks="，,；;：:")]
        elif _REASON.match(compact, mention.unit_end):
            after = compact[mention.unit_end : end_of_clause(compact, clause_end + 1, sentence.end)]
        best: KeyChoice | None = None
        for rule in self.rules.rules:
            if not rule.units.fullmatch(mention.unit.lstrip("余")):
                continue
            found = []
            match = last_match(rule.cue, left)
            if match is not None:
                own = match.end() > own_from
                found.append((len(left) - match.end() + (0 if own else _FAR), match.group(), own))
            if event:  # the object after the unit is a noun phrase, named by its last word (全市政务公开培训)
                match = last_match(rule.cue, after)
                if match is not None:
                    found.append((len(after) - match.end(), match.group(), True))
            else:
                match = rule.cue.search(after)
                if match is not None:
                    found.append((match.start() + _AFTER, match.group(), True))
            for distance, cue, own in found:
                distance -= rule.nearer
                if best is None or distance < best.distance:
                    best = KeyChoice(rule.key, distance, cue, rule.line, "cue", own)
        respective = self._respective_key(compact, sentence, mention)
        if respective is not None:
            return respective
        if best is not None and best.key == "documents_published" and _REVIEWED_AFTER.match(compact, mention.unit_end):
            best = KeyChoice("documents_reviewed", best.distance, best.cue, best.rule_line, "cue", best.own)
        if best is not None and best.key in _VARIANTS:
            best = self._variant(best, words, mention)
            between = compact[last[0].unit_end : mention.start] if last is not None else ""
            if (best.key in _VARIANTS and last is not None and same_list(between)
                    and not _PUBLISHING_VERB.search(between)):
                if last[1].key in _VARIANTS[best.key]:
                    return KeyChoice(last[1].key, 10, last[1].cue, None, "inherited")  # 废止规章9件、规范性文件38件
                if _CLOSED_WITH.get(last[1].key) in _VARIANTS[best.key]:
                    return KeyChoice(_CLOSED_WITH[last[1].key], 10, last[1].cue, None, "inherited")
        listed = last is not None and mention.start - last[0].unit_end <= LIST_GAP
        if not (best is not None and best.own) and listed and _same_kind(last[0].unit, mention.unit):
            return KeyChoice(last[1].key, 10, last[1].cue, None, "inherited")
        if best is not None:
            return best
        return KeyChoice("other_count", 99, "", None, "fallback")

    def _respective_key(self, compact: str, sentence: Sentence, mention: NumberMention) -> KeyChoice | None:
        """分别承办县人大代表建议和县政协提案97件、142件: with 分别, the i-th count takes the i-th key named in the
        words around 分别 before the first count."""
        left = compact[sentence.start : mention.start]
        at = respective_at(left)
        if at < 0:
            return None
        begin = max(left.rfind(mark, 0, at) for mark in "，,；;：:") + 1
        following = [m for m in find_mentions(left) if m.start >= at]
        end = following[0].start if following else len(left)
        region = left[begin:end]
        named: dict[str, tuple[int, str, int]] = {}  # key -> (position, cue, rule line)
        for rule in self.rules.rules:
            if rule.key in named or rule.key in GENERIC_KEYS or not rule.units.fullmatch(mention.unit.lstrip("余")):
                continue
            match = rule.cue.search(region)
            if match is not None:
                named[rule.key] = (match.start(), match.group(), rule.line)
        keys = sorted(named, key=lambda key: named[key][0])
        # as many keys as counts after 分别, the nearest: 全年办理县人大代表建议、县政协委员提案分别为9件、14件
        sentence_rest = compact[sentence.start + at : end_of_clause(compact, mention.start, sentence.end, marks="；;")]
        keys = keys[-len(find_mentions(sentence_rest)):]
        index = len(following)
        if len(keys) < 2 or index >= len(keys) or len({named[k][0] for k in keys}) < len(keys):
            return None  # fewer than two keys, more counts than keys, or two keys read from the same words
        key = keys[index]
        return KeyChoice(key, 0, named[key][1], named[key][2], "cue", True)

    def _variant(self, best: KeyChoice, segment: str, mention: NumberMention) -> KeyChoice:
        """The noun names the family, the verb the variant: 关停注销长期不更新、功能重复的账号11个 counts accounts closed,
        however far the verb stands from the number in its run of words (see ``_own_run``), unless a verb of
        publishing stands nearer."""
        published = last_match(_PUBLISHING_VERB, segment)
        for key in _VARIANTS[best.key]:
            for rule in self.rules.rules:
                if rule.key == key and rule.units.fullmatch(mention.unit.lstrip("余")):
                    match = last_match(rule.cue, segment)
                    if match is not None and (published is None or match.end() >= published.end()):
                        return KeyChoice(key, best.distance, match.group(), rule.line, "cue", True)
        return best  # 清理并集中发布现行有效规范性文件393件: the nearer verb publishes

    def decide(self, choice: KeyChoice, mention: NumberMention,
               probabilities: dict[str, float] | None) -> tuple[str | None, str, float]:
        """The key, the method and the score. Rules alone: the rule's key, scored by how near its cue was. With a
        model: where the rule found a cue in the count's own clause and the model does not contradict it strongly,
        (or the count continues a list whose key the rule took from the count before), and the model does not
        contradict it with a probability of 0.8 or more, the rule decides (``rule``, or ``hybrid`` where both agree);
        otherwise the model decides (``ml``), except that a cue found elsewhere in the sentence beats the model's
        catch-all ``other_count``; a count the model deems no quantity (``none``) is dropped."""
        rule_score = _rule_score(choice, mention)
        if probabilities is None:
            return choice.key, "rule", rule_score
        # the model may only answer a key that can count in this unit (no accounts in 万人), or none, or the catch-all
        probabilities = {key: p for key, p in probabilities.items()
                         if key in ("none", "other_count") or self.rules.allows(key, mention.unit)}
        best_key = str(max(probabilities, key=probabilities.get))
        if (choice.how == "inherited" or choice.own) and probabilities.get(best_key, 0) < 0.8:
            if best_key == choice.key:
                return choice.key, "hybrid", max(rule_score, probabilities[best_key])
            return choice.key, "rule", rule_score
        if choice.how == "cue" and best_key == "other_count" and probabilities[best_key] < 0.8:
            return choice.key, "rule", rule_score  # a cue elsewhere in the sentence beats the catch-all
        if best_key == "none":
            return None, "ml", probabilities["none"]
        method = "hybrid" if best_key == choice.key else "ml"
        return best_key, method, probabilities[best_key]

    def _not_disclosure_work(self, compact: str, sentence_start: int, last: NumberMention | None,
                             mention: NumberMention, choice: KeyChoice, dropped: NumberMention | None) -> bool:
        """A count whose own words match ``not_quantities.tsv`` (全镇辖21个行政村, 政务服务事项86.3万件), or that follows
        such a count in the same list naming nothing of its own (受理审批事项117件，办结171件)."""
        # its own words run through an attributive 、 (各处室、直属单位均明确1名联络员); names (“棚户区改造”专栏) say nothing
        own = re.sub(r"“[^”]*”|《[^》]*》", "", own_run(compact, sentence_start, last, mention))
        after = re.split(r"[，,。；;、：:（(]", compact[mention.unit_end : mention.unit_end + 8])[0]
        own += "#" + mention.unit + after  # and the words after it in its clause (…26项具体任务); # stands for the number
        if any(cue.search(own) for cue in self.rules.not_quantities):
            return True
        between = compact[dropped.unit_end : mention.start] if dropped is not None else ""
        between = re.sub(r"[（(][^（）()]{0,6}[）)]", "", between)  # a short aside: 23个乡镇（街道）、46个县直部门
        # an item of the same list (受理审批事项117件，办结171件), not a count further on in the clause (对15个乡镇…人员46人)
        return (dropped is not None and same_list(between) and re.search(r"[、，,；;]", between) is not None
                and not _decisive(choice))


def _decisive(choice: KeyChoice) -> bool:
    """A cue of the count's own clause that outweighs any list it is in: one whose ``nearer`` brings it below zero
    (废止, 关停, 访问量 … right before the number), not a mere 办结."""
    return choice.how == "cue" and choice.own and choice.distance < 0


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


def _number(value: float):
    return int(value) if float(value).is_integer() else value


def _finding_id(key: str, start: int, end: int) -> str:
    return hashlib.sha256(f"quantity:{key}:{start}:{end}".encode()).hexdigest()[:16]
