"""The narrative-quantity extractor: every count the narrative states, as a finding of kind ``quantity``.

For each count (``numbers.find_mentions``) outside the statistical tables:

1. **Key, by rule**: the nearest cue of ``quantity_rules.tsv`` in the count's clause before the number (or, less
   strongly, after its unit) among the rules that allow its unit. A count whose clause has no cue of its own and
   follows another count in the same sentence takes that count's key (lists: 人事信息15条、财务信息3条). A count with
   no rule is ``other_count`` with its clause's words as ``label`` (but an amount of money that is not a fee is no
   quantity).
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
from dataclasses import dataclass, replace

from ..analysis import AnalyzedDocument, Sentence
from ..model import Finding
from .numbers import NumberMention, find_mentions
from .rules import CHANNEL_KEYS, FORM_KEYS, QuantityRules, load_quantity_rules

NAME = "quantities"
VERSION = "1.0"
_CLAUSE_MARKS = "，,；;：:、()（）"
_FAR = 20  # penalty for a cue found before the count's own clause (elsewhere in its sentence)
_LIST_GAP = 16  # at most this many characters between two counts of one list (人事信息15条、财务信息3条)
_AFTER = 6  # penalty for a cue after the unit rather than before the number
_BREAKDOWN = re.compile(r"其中|包括|含|涉及|按[^，。；]{0,10}(?:划分|分类|统计|来看|看|分)|从[^，。；]{0,10}(?:来看|看)")
_SEVERAL_FORMS = re.compile(r"等多种?形式|多种形式|多形式|等形式|多元化")
_NAMED_PLATFORM = re.compile(r"(?:通过|在|依托|利用|借助|经)[^，。；、,;]{1,14}?(?:平台|网站|网|系统|专刊|APP|客户端|小程序)")
_MONEY = frozenset({"元", "万元", "亿元"})
_QUOTES = re.compile(r"[“”\"'‘’「」]")
_TOTAL = re.compile(r"共|累计|总计|合计")
_CLOSED_OF = {"hotline_tickets": "hotline_tickets_completed", "hotline_tickets_completed": "hotline_tickets_completed",
              "public_messages_received": "public_messages_replied",
              "public_messages_replied": "public_messages_replied"}
_RECEIVED_OF = {"hotline_tickets": "hotline_tickets", "hotline_tickets_completed": "hotline_tickets",
                "public_messages_received": "public_messages_received",
                "public_messages_replied": "public_messages_received",
                "applications_completed": "applications_carried_forward",  # 已答复308件，另有13件尚在答复期
                "opinions_received": "opinions_received"}
_REMAINDER = re.compile(r"其余|剩余|余下|另有")
_CARRIED = re.compile(r"另有")  # after applications answered (其余21件分别作出不予公开… are answered too)
_CLOSABLE = frozenset({"applications_completed", "applications_carried_forward", "hotline_tickets",
                       "hotline_tickets_completed", "public_messages_received", "public_messages_replied",
                       "opinions_received", "posts_published", "other_count"})
_CLOSING_VERB = re.compile(r"办结|解决|回复|答复|处理|办理|反馈")
# 对年内出台的4件政策文件逐一解读, 《…》等34件草案公开征求意见: the thing counted comes first and the verb after it
# names the key
_OBJECT_FIRST = re.compile(r"(?:^|[^反面绝相针应])对(?![外于照接标此])[^，。；：]{0,24}$|》等$")
# a count whose nearest cue names the family (账号, 文件) takes the variant a verb of its own words names (关停, 废止)
_VARIANTS = {"new_media_accounts": ("new_media_closed", "new_media_opened"),
             "documents_published": ("documents_repealed", "documents_reviewed")}
_BASE_OF = {variant: base for base, variants in _VARIANTS.items() for variant in variants}
_PUBLISHING_VERB = re.compile(r"发布|公开|印发|公布|开设|运行|运营")
_GENERIC_KEYS = frozenset({"other_count", "posts_published"})  # keys that a part's own words do not beat
# a sentence that breaks down the one before it: 其中，…; 从申请主体看，…; 按信息类别划分，…
_CONTINUES = re.compile(r"其中|从[^，。；]{0,10}(?:来看|看)|按[^，。；]{0,10}(?:划分|分类|统计|来看|看|分)")
_EVENT_VERB = re.compile(r"(?:举办|召开|开展|组织|举行|进行|参加|发放|印发|编印|制作)(?:了|各类|共|累计|共计)?$")
_SEVERAL_CHANNELS = re.compile(r"(?:网站|新媒体|公众号|微博|平台|客户端|抖音|专栏|报纸|电视)(?:等|和|及|、)(?:各类|多种|多个)?(?:平台|渠道|载体|媒体|方式)?")
_SKIP_SECTIONS = frozenset({"statistics"})
_LABEL_NOISE = re.compile(r"^(?:共|全年|累计|其中|合计|总计|分别|以及|和|及|与|并|等|约|近|达|已|共计|先后|全年共)+")


@dataclass(frozen=True)
class KeyChoice:
    key: str
    distance: int
    cue: str
    rule_line: int | None
    how: str  # cue | inherited | whole | closed | fallback
    own: bool = False  # the cue is in the count's own clause (before the number or after its unit)


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

    @staticmethod
    def _periods(document: AnalyzedDocument) -> dict[int, int]:
        """Sentence start -> the start of its period: sentences that end in a semicolon run on into the next one
        (全年新收申请585件，其中自然人申请528件；从申请方式看，网络申请402件: one breakdown)."""
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

    def candidates(self, document: AnalyzedDocument) -> list[tuple[Finding | None, NumberMention]]:
        """Every count with its finding, or ``None`` where the extractor decided it is not a quantity."""
        compact = document.compact
        out: list[tuple[Finding | None, NumberMention]] = []
        periods = self._periods(document)
        # period start -> the last count in it, its finding and the channel its list is on
        previous: dict[int, tuple[NumberMention, Finding, str | None]] = {}
        wholes: dict[int, list[Finding]] = {}  # period start -> its wholes, in order
        off_topic: dict[int, NumberMention] = {}  # period start -> the last count dropped as no disclosure work
        period_of: dict[str, int] = {}  # finding id -> its period
        contexts = list(self.contexts(document))
        predictions = self.model.predict(document, contexts) if self.model is not None else [None] * len(contexts)
        for (mention, sentence, clause_start, choice), probabilities in zip(contexts, predictions):
            span = document.span(mention.start, mention.end)
            period = periods.get(sentence.start, sentence.start)
            key, method, score = self.decide(choice, mention, probabilities)
            if key == "other_count" and mention.unit in _MONEY:
                key = None  # money is a disclosure figure only as fees: 减免金额219062.78元 is not one
            if self._not_disclosure_work(compact, clause_start, mention, choice, off_topic.get(period)):
                off_topic[period] = mention
                out.append((None, mention))
                continue
            last = previous.get(period)
            part_of = self._whole(compact, period, mention, choice, last, wholes)
            # a part of a breakdown takes its whole's key where its own words name none better; it is kept even
            # where the model would drop it (从申请主体看，自然人提出285件 under 新收申请312件)
            published = _BASE_OF.get(part_of.key) if part_of is not None else None
            if published is not None and _PUBLISHING_VERB.search(
                    _own_run(compact, sentence.start, last[0] if last else None, mention)):
                # 对…文件逐件确定公开属性，其中主动公开14件: the part published is a published count
                key, method, score = published, "rule", _rule_score(choice, mention)
                choice = KeyChoice(key, choice.distance, choice.cue, None, "whole")
            elif (part_of is not None and (key is None or _takes_whole_key(choice, key, part_of.key))
                    and self.rules.allows(part_of.key, mention.unit)):
                key, method, score = part_of.key, "rule", _rule_score(choice, mention)
                choice = KeyChoice(key, choice.distance, part_of.evidence["cue"] or "", None, "whole")
            if key is None:
                out.append((None, mention))
                continue
            closed = _closed_key(compact, mention, key, last)
            if closed is not None:
                key, method, score = closed, "rule", _rule_score(choice, mention)
                choice = KeyChoice(key, choice.distance, choice.cue, None, "closed", True)
            qualifiers, channel_from = self._qualifiers(key, compact, sentence, clause_start, mention, part_of, last)
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
            previous[period] = (mention, finding, self._list_channel(compact, mention, finding, last))
            period_of[finding.id] = period
            if part_of is None:
                wholes.setdefault(period, []).append(finding)
            out.append((finding, mention))
        out = _relink_by_sum(out, period_of)
        self._totals_over_channels([finding for finding, _ in out if finding is not None])
        return out

    # -- key ---------------------------------------------------------------------------------------------------
    def _rule_key(self, compact: str, sentence: Sentence, clause_start: int, mention: NumberMention,
                  last: tuple[NumberMention, KeyChoice] | None) -> KeyChoice:
        clause_end = _clause_end(compact, mention.unit_end, sentence.end)
        left = compact[sentence.start : mention.start]  # a cue may run across a clause mark (关停…、…网站)
        own_from = clause_start - sentence.start  # a cue ending at or after this is in the count's own clause
        after = compact[mention.unit_end : clause_end]
        # 举办一期培训, 召开3场新闻发布会: after an event verb the thing counted is named after the unit, and nothing
        # is lost by naming it there
        near = compact[clause_start : mention.start]
        event = _EVENT_VERB.search(near) is not None or _OBJECT_FIRST.search(near) is not None
        if event:  # the object's noun phrase may list several things: 对42件规章、规范性文件草案公开征求意见
            after = compact[mention.unit_end : _clause_end(compact, mention.unit_end, sentence.end, marks="，,；;：:")]
        best: KeyChoice | None = None
        for rule in self.rules.rules:
            if not rule.units.fullmatch(mention.unit.lstrip("余")):
                continue
            found = []
            match = _last_match(rule.cue, left)
            if match is not None:
                own = match.end() > own_from
                found.append((len(left) - match.end() + (0 if own else _FAR), match.group(), own))
            if event:  # the object after the unit is a noun phrase, named by its last word (全市政务公开培训)
                match = _last_match(rule.cue, after)
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
        if best is not None and best.key in _VARIANTS:
            best = self._variant(best, _own_run(compact, sentence.start, last[0] if last else None, mention), mention)
            between = compact[last[0].unit_end : mention.start] if last is not None else ""
            if (best.key in _VARIANTS and last is not None and last[1].key in _VARIANTS[best.key]
                    and _same_list(between) and not _PUBLISHING_VERB.search(between)):
                return KeyChoice(last[1].key, 10, last[1].cue, None, "inherited")  # 废止规章9件、规范性文件38件
        listed = last is not None and mention.start - last[0].unit_end <= _LIST_GAP
        if not (best is not None and best.own) and listed and _same_kind(last[0].unit, mention.unit):
            return KeyChoice(last[1].key, 10, last[1].cue, None, "inherited")
        if best is not None:
            return best
        return KeyChoice("other_count", 99, "", None, "fallback")

    def _respective_key(self, compact: str, sentence: Sentence, mention: NumberMention) -> KeyChoice | None:
        """分别承办县人大代表建议和县政协提案97件、142件: with 分别, the i-th count takes the i-th key named in the
        words around 分别 before the first count."""
        left = compact[sentence.start : mention.start]
        at = left.rfind("分别")
        if at < 0:
            return None
        begin = max(left.rfind(mark, 0, at) for mark in "，,；;：:") + 1
        following = [m for m in find_mentions(left) if m.start >= at]
        end = following[0].start if following else len(left)
        region = left[begin:end]
        named: dict[str, tuple[int, str, int]] = {}  # key -> (position, cue, rule line)
        for rule in self.rules.rules:
            if rule.key in named or rule.key in _GENERIC_KEYS or not rule.units.fullmatch(mention.unit.lstrip("余")):
                continue
            match = rule.cue.search(region)
            if match is not None:
                named[rule.key] = (match.start(), match.group(), rule.line)
        keys = sorted(named, key=lambda key: named[key][0])
        index = len(following)
        if len(keys) < 2 or index >= len(keys) or len({named[k][0] for k in keys}) < len(keys):
            return None  # fewer than two keys, more counts than keys, or two keys read from the same words
        key = keys[index]
        return KeyChoice(key, 0, named[key][1], named[key][2], "cue", True)

    def _variant(self, best: KeyChoice, segment: str, mention: NumberMention) -> KeyChoice:
        """The noun names the family, the verb the variant: 关停注销长期不更新、功能重复的账号11个 counts accounts closed,
        however far the verb stands from the number in its run of words (see ``_own_run``), unless a verb of
        publishing stands nearer."""
        published = _last_match(_PUBLISHING_VERB, segment)
        for key in _VARIANTS[best.key]:
            for rule in self.rules.rules:
                if rule.key == key and rule.units.fullmatch(mention.unit.lstrip("余")):
                    match = _last_match(rule.cue, segment)
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

    def _not_disclosure_work(self, compact: str, clause_start: int, mention: NumberMention, choice: KeyChoice,
                             dropped: NumberMention | None) -> bool:
        """A count whose own words match ``not_quantities.tsv`` (全镇辖21个行政村, 政务服务事项86.3万件), or that follows
        such a count in the same list naming nothing of its own (受理审批事项117件，办结171件)."""
        own = compact[clause_start : mention.start]
        if any(cue.search(own) for cue in self.rules.not_quantities):
            return True
        return (dropped is not None and mention.start - dropped.unit_end <= _LIST_GAP
                and "。" not in compact[dropped.unit_end : mention.start] and not _decisive(choice))

    # -- breakdowns and qualifiers -----------------------------------------------------------------------------
    def _whole(self, compact: str, period: int, mention: NumberMention, choice: KeyChoice,
               last: tuple | None, wholes: dict[int, list[Finding]]) -> Finding | None:
        """The whole this count is a part of: the last whole of its period when 其中 (包括, 涉及 …) comes between, or
        when the count before it was a part too. Past a semicolon a count that states a total of its own or names
        another key in its own clause (…法人申请8件；共办理718件) starts afresh."""
        # the last whole of the period that can hold it: 收到申请312件，上年结转9件。从申请主体看，自然人提出285件 is a
        # part of 312, not of 9
        whole = next((w for w in reversed(wholes.get(period, [])) if float(w.value) >= mention.value), None)
        if whole is None or last is None:
            return None
        between = compact[last[0].unit_end : mention.start]
        if between.startswith(("（", "(")):
            return last[1]  # a bracket right after a count breaks that count down: 办结26件（上年结转1件，重复申请2件）
        if _BREAKDOWN.search(between):
            return whole
        if last[1].evidence.get("whole") is None or "。" in between or _TOTAL.search(_own_words(between)):
            return None  # 其中微博29个，共发布信息1992条: a count that states its own total starts afresh
        if re.search(r"[;；]", between) and choice.own and choice.key != whole.key:
            return None
        return whole

    def _qualifiers(self, key: str, compact: str, sentence: Sentence, clause_start: int, mention: NumberMention,
                    whole: Finding | None, last: tuple | None) -> tuple[dict[str, str], str | None]:
        """The qualifiers, and where the channel came from (``own``, ``sibling``, ``whole``, ``several``,
        ``sentence``, ``platform`` or ``none``) for the totals pass."""
        qualifiers: dict[str, str] = {}
        channel_from = None
        if key in CHANNEL_KEYS:
            qualifiers["channel"], channel_from = self._channel(key, compact, sentence, clause_start, mention, whole, last)
        if key in FORM_KEYS:
            own_from = max(clause_start, last[0].unit_end if last is not None else 0)
            qualifiers["form"] = self._form(compact, sentence, own_from, mention)
        label = _label(compact[clause_start : mention.start])
        if whole is not None and label:
            qualifiers["part"] = label
        if key == "other_count":
            qualifiers["label"] = label or mention.unit
        return qualifiers, channel_from

    def _channel(self, key: str, compact: str, sentence: Sentence, clause_start: int, mention: NumberMention,
                 whole: Finding | None, last: tuple | None) -> tuple[str, str]:
        """The channel named in the count's own words (or by 分别, in order); a platform the spec does not name
        (通过商务预报平台发布) is ``other``; else the channel of the item before it in the same list
        (通过门户网站公开部门信息59条、直属机构信息5条), else its whole's; else one named earlier in the sentence; none
        named is ``all``."""
        left = compact[sentence.start : mention.start]
        # the count's own words: from the count before it (or its sentence start) on, so that 微信公众号发布、转载信息
        # 100条 is the 微信 one
        segment = compact[max(sentence.start, last[0].unit_end if last is not None else 0) : mention.start]
        respectively = self._respectively(compact, sentence, mention)
        if respectively:
            return respectively, "own"  # 微信公众号、今日头条号分别推送信息213条、96条
        own = _nearest_cue(self.rules.channels, _QUOTES.sub("", segment))  # “乡镇政务公开”专栏
        if whole is None and _SEVERAL_CHANNELS.search(segment):
            return "all", "several"  # 通过门户网站、政务新媒体等平台: a total over channels
        if self._channels_joined(segment):
            return "all", "several"  # “武隆发布”微信、微博双平台全年发布信息4,316条
        if own == "new_media" and (_TOTAL.search(segment) or self._channels_listed_after(compact, mention)):
            return "all", "own"  # 各部门共开设新媒体70个, 政务新媒体3个（微信公众号、抖音）: a total over channels
        if own:
            return own, "own"
        if _NAMED_PLATFORM.search(segment):
            return "other", "platform"
        if last is not None and last[2] is not None and _same_list(compact[last[0].unit_end : mention.start]):
            return last[2], "sibling"
        if whole is not None and "channel" in whole.qualifiers:
            return whole.qualifiers["channel"], "whole"
        named = _nearest_cue(self.rules.channels, left)
        if named:
            return named, "sentence"
        return "all", "none"

    @staticmethod
    def _list_channel(compact: str, mention: NumberMention, finding: Finding, last: tuple | None) -> str | None:
        """The channel the list this count is in is on: its own, or the one carried from the item before it
        (门户网站公开部门信息59条、部门文件1份、去产能信息1条: the document count passes 门户网站 on)."""
        if "channel" in finding.qualifiers:
            return finding.qualifiers["channel"]
        if last is not None and _same_list(compact[last[0].unit_end : mention.start]):
            return last[2]
        return None

    def _respectively(self, compact: str, sentence: Sentence, mention: NumberMention) -> str | None:
        """X、Y分别…N1条、N2条: the i-th count after 分别 is of the i-th channel named before it."""
        left = compact[sentence.start : mention.start]
        at = left.rfind("分别")
        if at < 0:
            return None
        named = _all_cues(self.rules.channels, re.split(r"[，,；;：:]", left[:at])[-1])
        if len(named) < 2:  # 微信公众号和官方微博分别推送…，关注用户分别超过386万和1092.6万: named before, in the sentence
            named = _all_cues(self.rules.channels, left[: left.find("分别")])
        index = sum(1 for m in find_mentions(left) if m.start >= at)
        return named[index] if len(named) > 1 and index < len(named) else None

    def _channels_joined(self, text: str) -> bool:
        """Two different channels named side by side, joined by 、/和/及/与 (微信、微博双平台)."""
        found = sorted((m.start(), m.end(), cue.value) for cue in self.rules.channels for m in cue.pattern.finditer(text))
        return any(b[2] != a[2] and re.fullmatch(r"[、和及与/]", text[a[1] : b[0]]) for a, b in zip(found, found[1:]))

    def _channels_listed_after(self, compact: str, mention: NumberMention) -> bool:
        """政务新媒体3个（微信公众号、抖音、今日头条）, 政务新媒体2个，分别为“花石发布”和“花石党建”: the accounts are
        listed after the count, so it is a total over them."""
        after = compact[mention.unit_end : mention.unit_end + 64]
        bracket = re.match(r"[（(]([^）)]{0,40})[）)]", after)
        if bracket is not None and len(_all_cues(self.rules.channels, bracket.group(1))) > 1:
            return True
        named = re.match(r"[，,：:]?(?:分别为|分别是|即|包括|涵盖|覆盖)([^。；;]*)", after)
        return named is not None and (named.group(1).count("“") > 1
                                       or len(_all_cues(self.rules.channels, named.group(1))) > 1)

    def _form(self, compact: str, sentence: Sentence, own_from: int, mention: NumberMention) -> str:
        """The form named in the count's own words (its clause, from the count before it on) or right after it; two
        forms joined (图文及视频) are ``other``, several listed (文字、图解、H5等多种形式) are a total, ``all``, as is
        none named."""
        own_text = compact[own_from : mention.start]
        own = _all_cues(self.rules.forms, own_text)
        if _SEVERAL_FORMS.search(own_text) or (len(own) > 1 and "等" in own_text):
            return "all"
        if len(own) > 1:
            return "other"
        if own:
            return own[0]
        right = compact[mention.unit_end : _clause_end(compact, mention.unit_end, sentence.end)]
        return _nearest_cue(self.rules.forms, right) or "all"

    @staticmethod
    def _totals_over_channels(findings: list[Finding]) -> None:
        """A whole broken down into parts of two or more channels it was given by name (政务新媒体共300个（微信公众号
        193个、新浪微博67个…）) is a total over channels: its channel is ``all``, and so is that of parts that took it."""
        parts: dict[str, list[Finding]] = {}
        for finding in findings:
            if finding.evidence.get("whole"):
                parts.setdefault(finding.evidence["whole"], []).append(finding)
        for whole in findings:
            named = {p.qualifiers["channel"] for p in parts.get(whole.id, ()) if p.evidence.get("channel_from") == "own"}
            if "channel" not in whole.qualifiers or len(named) < 2:
                continue
            whole.qualifiers["channel"] = "all"
            for part in parts[whole.id]:
                if part.evidence.get("channel_from") == "whole":
                    part.qualifiers["channel"] = "all"


def _closed_key(compact: str, mention: NumberMention, key: str,
                last: tuple | None) -> str | None:
    """收到群众诉求348件，现场解决162件: a count whose own words are only a closing verb, right after a count of
    tickets or messages received, is the count of those closed (not of applications answered); 其余4件 after them
    counts tickets or messages still open (另有13件 after applications answered: carried forward)."""
    if last is None or last[1].key not in _RECEIVED_OF or key not in _CLOSABLE:
        return None
    segment = compact[last[0].unit_end : mention.start]
    remainder = _CARRIED if last[1].key == "applications_completed" else _REMAINDER
    if remainder.search(segment) and len(segment) <= _LIST_GAP and "。" not in segment:
        return _RECEIVED_OF[last[1].key]  # 办结413件，其余4件正在办理: tickets still open
    if last[1].key == "opinions_received" and "采纳" in segment and len(segment) <= _LIST_GAP:
        return "opinions_received"  # 共收到意见建议27条，采纳9条: the adopted ones, counted among those received
    if last[1].key not in _CLOSED_OF:
        return None
    own = segment + compact[mention.unit_end : _clause_end(compact, mention.unit_end, len(compact))]
    if len(segment) > _LIST_GAP or "。" in segment or not _CLOSING_VERB.search(own) or "申请" in own:
        return None
    return _CLOSED_OF[last[1].key]  # 受理咨询389条，对其中的381条…答复: the ones answered


def _decisive(choice: KeyChoice) -> bool:
    """A cue of the count's own clause that outweighs any list it is in: one whose ``nearer`` brings it below zero
    (废止, 关停, 访问量 … right before the number), not a mere 办结."""
    return choice.how == "cue" and choice.own and choice.distance < 0


def _relink_by_sum(out: list, period_of: dict[str, int]) -> list:
    """A breakdown adds up to its whole. Parts taken as a breakdown of the last whole before them whose values add up
    to another whole of the same period instead (收到申请63件，…办结62件…。从申请渠道看，网上申请41件、信函申请17件、
    当面申请5件) are moved to that whole, and those that had their whole's key take the new whole's key."""
    findings = [finding for finding, _ in out if finding is not None]
    by_id = {finding.id: finding for finding in findings}
    runs: list[list[Finding]] = []
    for finding in findings:
        whole = finding.evidence.get("whole")
        if whole and runs and runs[-1][0].evidence.get("whole") == whole:
            runs[-1].append(finding)
        elif whole:
            runs.append([finding])
    moved: dict[str, Finding] = {}
    for run in runs:
        whole = by_id.get(run[0].evidence["whole"])
        total = sum(float(part.value) for part in run)
        if whole is None or len(run) < 2 or abs(total - float(whole.value)) < 1e-6:
            continue
        period = period_of.get(whole.id)
        other = next((w for w in findings if w.evidence.get("whole") is None and w is not whole
                      and period_of.get(w.id) == period and w.span.start < run[0].span.start
                      and abs(float(w.value) - total) < 1e-6), None)
        if other is None:
            continue
        for part in run:
            key = other.key if part.evidence.get("how") == "whole" or part.key == whole.key else part.key
            evidence = {**part.evidence, "whole": other.id}
            moved[part.id] = replace(part, key=key, id=_finding_id(key, part.span.start, part.span.end),
                                     evidence=evidence)
    return [(moved.get(finding.id, finding) if finding is not None else None, mention) for finding, mention in out]


def _takes_whole_key(choice: KeyChoice, key: str, whole_key: str) -> bool:
    """A part of a breakdown takes its whole's key unless a key of its own fits better (the spec's rule): a cue of
    its own clause naming another key keeps that key; a part with no cue of its own, or whose own key is a generic
    one (other_count, posts_published: 其中图文类产品17篇 under 解读21篇), takes the whole's (其中网络申请24件 under 办结申请26件 is a completed application)."""
    if whole_key in _GENERIC_KEYS or key == whole_key:
        return False
    return not choice.own or key in _GENERIC_KEYS


def _sentence_of(sentences, starts: list[int], position: int) -> Sentence | None:
    index = bisect.bisect_right(starts, position) - 1
    if index < 0:
        return None
    sentence = sentences[index]
    return sentence if sentence.start <= position < sentence.end else None


def _clause_start(compact: str, sentence_start: int, position: int) -> int:
    i = position - 1
    while i >= sentence_start:
        if compact[i] in "）)":  # a short aside in brackets (乡镇（街道）) does not end the clause
            opening = max(compact.rfind("（", sentence_start, i), compact.rfind("(", sentence_start, i))
            if opening >= 0 and i - opening <= 6 and not any(ch.isdigit() for ch in compact[opening:i]):
                i = opening - 1
                continue
        if compact[i] in _CLAUSE_MARKS:
            return i + 1
        i -= 1
    return sentence_start


def _clause_end(compact: str, position: int, sentence_end: int, marks: str = _CLAUSE_MARKS) -> int:
    for i in range(position, sentence_end):
        if compact[i] in marks or compact[i] in "。！？":
            return i
    return sentence_end


def _last_match(pattern: re.Pattern, text: str) -> re.Match | None:
    """The match of ``pattern`` in ``text`` that ends last (the cue nearest a count that follows the text), overlapping
    matches included: in 网站集约化建设，全年整合关停县区部门网站 the cue 关停…网站 overlaps 网站…整合关停."""
    last = None
    match = pattern.search(text)
    while match is not None:
        if last is None or match.end() > last.end():
            last = match
        match = pattern.search(text, match.start() + 1)
    return last


def _all_cues(cues, text: str) -> list[str]:
    """The distinct values whose cue occurs in ``text``, in the order of their first occurrence."""
    found = sorted((m.start(), cue.value) for cue in cues for m in cue.pattern.finditer(text))
    return list(dict.fromkeys(value for _, value in found))


def _own_run(compact: str, sentence_start: int, last: NumberMention | None, mention: NumberMention) -> str:
    """The words that belong to a count: back to the count before it or to the last comma, semicolon or colon (a 、
    inside an attributive list does not end them: 关停注销长期不更新、功能重复的账号11个)."""
    start = max(sentence_start, last.unit_end if last is not None else 0)
    text = compact[start : mention.start]
    cut = max(text.rfind(mark) for mark in "，,；;：:")
    return text[cut + 1 :]


def _own_words(between: str) -> str:
    """The words of a count's own clause, from the text between it and the count before it."""
    return re.split(r"[，,；;、（）()]", between)[-1]


def _same_list(between: str) -> bool:
    """Two counts are items of one list when only a short stretch of words separates them, with no sentence end, no
    bracket and no new breakdown (其中) between them."""
    return len(between) <= _LIST_GAP and not re.search(r"[。（）()]|其中", between)


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
