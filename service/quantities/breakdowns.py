"""Breakdowns and their wholes: which count a part belongs to (其中, brackets, 从…看, a run of parts that adds up),
which key it takes, and the counts closed or still open after a count received (办结, 其余, 另有)."""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Finding
from .choice import KeyChoice
from .clauses import LIST_GAP, end_of_clause, own_words
from .numbers import NumberMention

_BREAKDOWN = re.compile(r"其中|包括|含|涉及|申请人中|申请者中|按[^，。；]{0,10}(?:划分|分类|统计|来看|看|分)|从[^，。；]{0,10}(?:来看|看)")
TOTAL = re.compile(r"(?<!公)共(?![享建同性识])|累计|总计|合计|总量|总数")  # not 公共, 共享, 共建
GENERIC_KEYS = frozenset({"other_count", "posts_published"})  # keys that a part's own words do not beat
_CLOSED_OF = {"hotline_tickets": "hotline_tickets_completed", "hotline_tickets_completed": "hotline_tickets_completed",
              "public_messages_received": "public_messages_replied",
              "public_messages_replied": "public_messages_replied"}
_RECEIVED_OF = {"hotline_tickets": "hotline_tickets", "hotline_tickets_completed": "hotline_tickets",
                "public_messages_received": "public_messages_received",
                "public_messages_replied": "public_messages_received",
                "applications_completed": "applications_carried_forward",  # 已答复308件，另有13件尚在答复期
                "opinions_received": "opinions_received"}
_REMAINDER = re.compile(r"其余|剩余|余下|另有")
_STILL_OPEN = re.compile(r"(?:正在|尚在|仍在|尚未|未)(?:办理|处理|答复|办结)")  # 办结57件，1件正在办理
_CARRIED = re.compile(r"另有")  # after applications answered (其余21件分别作出不予公开… are answered too)
_CLOSABLE = frozenset({"applications_completed", "applications_carried_forward", "hotline_tickets",
                       "hotline_tickets_completed", "public_messages_received", "public_messages_replied",
                       "opinions_received", "posts_published", "other_count"})
_CLOSING_VERB = re.compile(r"办结|解决|回复|答复|处理|办理|反馈")
_STRONG_CLOSING = re.compile(r"办结|解决|回复|答复|反馈")  # 办理, 处理 may mean received
_RECEIVED_VERB = re.compile(r"收到|受理|接到|接听|新收|收集")
_NAMED_AGAIN = re.compile(r"留言|咨询|来信|来电|工单|诉求|信箱")
# the attribute given to each document of a review: 对…64件文件逐件进行公开属性审查，确定主动公开27件
_ATTRIBUTE_GIVEN = re.compile(r"(?:确定|明确|认定)为?(?:主动公开|依申请公开|不予公开|不公开)")


def whole_of(compact: str, period: int, mention: NumberMention, choice: KeyChoice,
             last: tuple | None, wholes: dict[int, list[Finding]], own_channel: str | None = None) -> Finding | None:
    """The whole this count is a part of: the last whole of its period when 其中 (包括, 涉及 …) comes between, or
    when the count before it was a part too. Past a semicolon a count that states a total of its own, names
    another key in its own clause (…法人申请8件；共办理718件) or another channel than its whole's (门户网站…12,486条，
    其中…217条；“宜昌发布”微信公众号…3,208条) starts afresh."""
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
    if last[1].key == "documents_reviewed" and "。" not in between and _ATTRIBUTE_GIVEN.search(between):
        return last[1]  # the documents reviewed, by the attribute each was given
    if last[1].evidence.get("whole") is None or "。" in between or TOTAL.search(own_words(between)):
        return None  # 其中微博29个，共发布信息1992条: a count that states its own total starts afresh
    if re.search(r"[;；]", between) and (
            (choice.own and choice.key != whole.key)
            or (own_channel is not None and whole.qualifiers.get("channel") not in (None, "all", own_channel))):
        return None
    return whole


def relink_by_sum(out: list, period_of: dict[str, int], finding_id) -> list:
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
        if whole is None or len(run) < 2 or abs(sum(float(part.value) for part in run) - float(whole.value)) < 1e-6:
            continue
        period = period_of.get(whole.id)
        candidates = [w for w in findings if w.evidence.get("whole") is None and period_of.get(w.id) == period
                      and w.span.start < run[0].span.start]
        for segment, other in _segments_adding_up(run, candidates, whole) or ():
            if other is whole:
                continue
            for part in segment:
                key = other.key if part.evidence.get("how") == "whole" or part.key == whole.key else part.key
                evidence = {**part.evidence, "whole": other.id}
                moved[part.id] = replace(part, key=key, id=finding_id(key, part.span.start, part.span.end),
                                         evidence=evidence)
    return [(moved.get(finding.id, finding) if finding is not None else None, mention) for finding, mention in out]


def _segments_adding_up(run: list[Finding], candidates: list[Finding], whole: Finding):
    """The run cut into consecutive segments of two or more parts, each adding up to a whole of the period (the one
    they were given first, or another): 收到申请68件…需办理71件。从申请人类型看，自然人61件、法人7件；从提交方式看，
    网上42件、信函19件、当面7件 is two breakdowns of the 68. None unless the whole run is covered."""
    segments, start, total = [], 0, 0.0
    for index, part in enumerate(run):
        total += float(part.value)
        if index - start < 1:
            continue
        if abs(total - float(whole.value)) < 1e-6:
            target = whole
        else:
            target = next((w for w in candidates if abs(float(w.value) - total) < 1e-6), None)
        if target is not None:
            segments.append((run[start : index + 1], target))
            start, total = index + 1, 0.0
    return segments if start == len(run) else None


def takes_whole_key(choice: KeyChoice, key: str, whole_key: str) -> bool:
    """A part of a breakdown takes its whole's key unless a key of its own fits better (the spec's rule): a cue of
    its own clause naming another key keeps that key; a part with no cue of its own, or whose own key is a generic
    one (other_count, posts_published: 其中图文类产品17篇 under 解读21篇), takes the whole's (其中网络申请24件 under 办结申请26件 is a completed application)."""
    if key == whole_key:
        return False
    if whole_key in GENERIC_KEYS:  # 其中：政策文件128件，通知公告417条: the notices are posts, not the documents before them
        return choice.how == "inherited"
    if whole_key == "documents_reviewed" and choice.own and not key.startswith("documents_"):
        return True  # 审核公文74件，其中…不予公开47件: documents, not applications answered (but 其中废止14件 are repealed)
    return not choice.own or key in GENERIC_KEYS


def closed_key(compact: str, mention: NumberMention, key: str,
                last: tuple | None) -> str | None:
    """收到群众诉求348件，现场解决162件: a count whose own words are only a closing verb, right after a count of
    tickets or messages received, is the count of those closed (not of applications answered); 其余4件 after them
    counts tickets or messages still open (另有13件 after applications answered: carried forward)."""
    if last is None or last[1].key not in _RECEIVED_OF or key not in _CLOSABLE:
        return None
    segment = compact[last[0].unit_end : mention.start]
    remainder = _CARRIED if last[1].key == "applications_completed" else _REMAINDER
    still_open = _STILL_OPEN.match(compact, mention.unit_end) and last[1].key in _CLOSED_OF
    if (remainder.search(segment) or still_open) and len(segment) <= LIST_GAP and "。" not in segment:
        return _RECEIVED_OF[last[1].key]  # 办结413件，其余4件正在办理 / 1件正在办理: tickets still open
    if last[1].key == "opinions_received" and "采纳" in segment and len(segment) <= LIST_GAP:
        return "opinions_received"  # 共收到意见建议27条，采纳9条: the adopted ones, counted among those received
    if last[1].key not in _CLOSED_OF:
        return None
    own = segment + compact[mention.unit_end : end_of_clause(compact, mention.unit_end, len(compact))]
    if len(segment) > LIST_GAP or "。" in segment or not _CLOSING_VERB.search(own) or "申请" in own:
        return None
    if _RECEIVED_VERB.search(segment) or (_NAMED_AGAIN.search(segment) and not _STRONG_CLOSING.search(own)):
        return None  # 接听来电68.3万通，局长信箱收到来信412封并全部答复 / …，办理省长信箱来信1,032件: received anew
    return _CLOSED_OF[last[1].key]  # 受理咨询389条，对其中的381条…答复: the ones answered
