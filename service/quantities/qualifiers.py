"""The qualifiers of a count: its ``channel`` (posts, accounts, followers), its ``form`` (interpretations), the
``part`` it is of a breakdown and the ``label`` of an ``other_count``."""

from __future__ import annotations

import re

from ..analysis import Sentence
from ..model import Finding
from .breakdowns import TOTAL
from .clauses import end_of_clause, own_run, respective_at, same_list
from .numbers import NumberMention, find_mentions
from .rules import CHANNEL_KEYS, FORM_KEYS, QuantityRules

_SEVERAL_FORMS = re.compile(r"等多种?形式|多种形式|多形式|等形式|多元化")
_NAMED_PLATFORM = re.compile(r"(?:通过|在|依托|利用|借助|经)[^，。；、,;]{1,14}?(?:平台|网站|网|系统|专刊|APP|客户端|小程序)")
_QUOTES = re.compile(r"[“”\"'‘’「」]")
_SEVERAL_CHANNELS = re.compile(r"(?:网站|新媒体|公众号|微博|平台|客户端|抖音|专栏|报纸|电视)(?:等|和|及|、)(?:各类|多种|多个)?(?:平台|渠道|载体|媒体|方式)?")
_LABEL_NOISE = re.compile(r"^(?:共|全年|累计|其中|合计|总计|分别|以及|和|及|与|并|等|约|近|达|已|共计|先后|全年共)+")


class QualifierReader:
    def __init__(self, rules: QuantityRules):
        self.rules = rules

    def read(self, key: str, compact: str, sentence: Sentence, clause_start: int, mention: NumberMention,
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
        label = label_words(compact[clause_start : mention.start])
        if whole is not None and label:
            qualifiers["part"] = label
        if key == "other_count":
            qualifiers["label"] = label or mention.unit
        return qualifiers, channel_from

    def _channel(self, key: str, compact: str, sentence: Sentence, clause_start: int, mention: NumberMention,
                 whole: Finding | None, last: tuple | None) -> tuple[str, str]:
        """The channel named in the count's own words (or by 分别, in order); two side by side, several together, or the
        generic 政务新媒体 as a total are ``all``; a platform the spec does not name (通过商务预报平台发布) is ``other``;
        else the channel its list is on (通过门户网站公开部门信息59条、直属机构信息5条), else its whole's; else one named
        earlier in the sentence; none named is ``all``."""
        left = compact[sentence.start : mention.start]
        # the count's own words: from the count before it (or its sentence start) on, so that 微信公众号发布、转载信息
        # 100条 is the 微信 one
        segment = compact[max(sentence.start, last[0].unit_end if last is not None else 0) : mention.start]
        respectively = self._respectively(compact, sentence, mention)
        if respectively:
            return respectively, "own"  # 微信公众号、今日头条号分别推送信息213条、96条
        plain = _QUOTES.sub("", segment)  # “乡镇政务公开”专栏
        own = nearest_cue(self.rules.channels, plain)
        clause = _QUOTES.sub("", own_run(compact, sentence.start, last[0] if last is not None else None, mention))
        named = all_cues(self.rules.channels, clause)
        if len(named) == 1 and named != ["new_media"] and not _SEVERAL_CHANNELS.search(clause):
            return named[0], "own"  # （微信公众号和抖音号），公众号关注人数达1.18万人: the clause names its one channel
        several = [value for _, _, value in cue_hits(self.rules.channels, plain)]
        if len(several) > 1 and len(set(several)) == 1 and several[0] != "new_media" and _SEVERAL_CHANNELS.search(segment):
            return several[0], "own"  # 在抖音、快手等平台发布短视频612条: several platforms of one channel
        if whole is None and _SEVERAL_CHANNELS.search(segment):
            return "all", "several"  # 通过门户网站、政务新媒体等平台: a total over channels
        if self._channels_joined(plain):
            return "all", "several"  # “武隆发布”微信、微博双平台全年发布信息4,316条
        if own == "new_media" and (TOTAL.search(segment) or self._channels_listed_after(compact, mention)):
            return "all", "own"  # 各部门共开设新媒体70个, 政务新媒体3个（微信公众号、抖音）: a total over channels
        if own:
            return own, "own"
        if _NAMED_PLATFORM.search(segment):
            return "other", "platform"
        if last is not None and last[2] is not None and same_list(compact[last[0].unit_end : mention.start]):
            return last[2], "sibling"
        if whole is not None and "channel" in whole.qualifiers:
            return whole.qualifiers["channel"], "whole"
        named = nearest_cue(self.rules.channels, left)
        if named:
            return named, "sentence"
        return "all", "none"

    @staticmethod
    def list_channel(compact: str, mention: NumberMention, finding: Finding, last: tuple | None) -> str | None:
        """The channel the list this count is in is on: its own, or the one carried from the item before it
        (门户网站公开部门信息59条、部门文件1份、去产能信息1条: the document count passes 门户网站 on)."""
        if "channel" in finding.qualifiers:
            return finding.qualifiers["channel"]
        if last is not None and same_list(compact[last[0].unit_end : mention.start]):
            return last[2]
        return None

    def _respectively(self, compact: str, sentence: Sentence, mention: NumberMention) -> str | None:
        """X、Y分别…N1条、N2条: the i-th count after 分别 is of the i-th channel named before it."""
        left = compact[sentence.start : mention.start]
        at = respective_at(left)
        if at < 0:
            return None
        # the channels named before 分别: in its clause, else in the nearest clause before it that names two or more
        # (微信公众号和官方微博分别推送…，关注用户分别超过386万和1092.6万; （微信公众号、抖音号），关注人数分别为…)
        named = []
        for clause in reversed(re.split(r"[，,；;：:]", left[:at])):
            named = all_cues(self.rules.channels, _QUOTES.sub("", re.sub(r"“[^”]*”", "", clause)))
            if len(named) > 2 and "new_media" in named:
                named.remove("new_media")  # 政务新媒体2个（微信公众号、抖音号）: the platforms, not the generic word
            if len(named) > 1:
                break
        index = sum(1 for m in find_mentions(left) if m.start >= at)
        return named[index] if len(named) > 1 and index < len(named) else None

    def _channels_joined(self, text: str) -> bool:
        """Two different channels named side by side, joined by 、/和/及/与 (微信、微博双平台)."""
        found = cue_hits(self.rules.channels, text)
        # (a short name may stand before the second: 《三峡日报》和宜昌广播电视台, 县电视台和政务公开栏)
        return any(b[2] != a[2] and re.fullmatch(r"[》”]?[、和及与/][^，。；、和及与]{0,6}", text[a[1] : b[0]])
                   for a, b in zip(found, found[1:]))

    def _channels_listed_after(self, compact: str, mention: NumberMention) -> bool:
        """政务新媒体3个（微信公众号、抖音、今日头条）, 政务新媒体2个，分别为“花石发布”和“花石党建”: the accounts are
        listed after the count, so it is a total over them."""
        after = compact[mention.unit_end : mention.unit_end + 64]
        bracket = re.match(r"[（(]([^）)]{0,40})[）)]", after)
        if bracket is not None and len(all_cues(self.rules.channels, bracket.group(1))) > 1:
            return True
        named = re.match(r"[，,：:]?(?:分别为|分别是|即|包括|涵盖|覆盖)([^。；;]*)", after)
        return named is not None and (named.group(1).count("“") > 1
                                       or len(all_cues(self.rules.channels, named.group(1))) > 1)

    def _form(self, compact: str, sentence: Sentence, own_from: int, mention: NumberMention) -> str:
        """The form named in the count's own words (its clause, from the count before it on) or right after it; two
        forms joined (图文及视频) are ``other``, several listed (文字、图解、H5等多种形式) are a total, ``all``, as is
        none named."""
        own_text = compact[own_from : mention.start]
        own = all_cues(self.rules.forms, own_text)
        if _SEVERAL_FORMS.search(own_text) or (len(own) > 1 and "等" in own_text):
            return "all"
        if len(own) > 1:
            return "other"
        if own:
            return own[0]
        right = compact[mention.unit_end : end_of_clause(compact, mention.unit_end, sentence.end)]
        return nearest_cue(self.rules.forms, right) or "all"

    @staticmethod
    def totals_over_channels(findings: list[Finding]) -> None:
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


def cue_hits(cues, text: str) -> list[tuple[int, int, str]]:
    """Every occurrence of a cue in ``text``: (start, end, value), in the order they stand."""
    return sorted((m.start(), m.end(), cue.value) for cue in cues for m in cue.pattern.finditer(text))


def all_cues(cues, text: str) -> list[str]:
    """The distinct values whose cue occurs in ``text``, in the order of their first occurrence."""
    return list(dict.fromkeys(value for _, _, value in cue_hits(cues, text)))


def nearest_cue(cues, text: str) -> str | None:
    """The value whose cue ends last in ``text``; of two ending together, the longer (“信用中国（四川）”网站 is no portal)."""
    best, at, begin = None, -1, -1
    for cue in cues:
        for match in cue.pattern.finditer(text):
            if match.end() > at or (match.end() == at and match.start() < begin):
                best, at, begin = cue.value, match.end(), match.start()
    return best


def label_words(words: str) -> str:
    words = re.sub(r"[“”\"《》〈〉<>]", "", words)
    return _LABEL_NOISE.sub("", words)[-12:]
