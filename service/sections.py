"""Finding the report's sections: the six parts of the national outline (or an older outline) and the parts of
总体情况.

Headings are recognised by their words (``data/sections.tsv``) and their place: a top-level heading starts a line,
or follows the end of a sentence or a table's last number when a crawler has run everything into one line, and
carries a number (一、) unless it stands alone on its line. When several headings could be the same section (an
agency-specific outline before the standard tables), the choice is the in-order sequence that recognises the
most sections, strong wordings first. Numbered headings that fit no section are kept as ``extra``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Section, Span
from .rules import data_path, read_tsv
from .text import SubmittedText

TOP_IDS = ("overview", "active_disclosure", "applications", "review_litigation", "problems", "other_matters")
OLD_OUTLINE_IDS = ("fees", "statistics")
SUB_IDS = ("overview.active", "overview.application", "overview.management", "overview.platform",
           "overview.supervision")
_CANONICAL_ORDER = {sid: i for i, sid in enumerate(TOP_IDS)}

_NUMERAL = "一二三四五六七八九十"
# A heading's number as printed, after NFKC: 一、 一. 一， 第一部分
_TOP_NUMBER = re.compile(rf"(?:第(?P<part>[{_NUMERAL}]{{1,3}})部分|(?P<num>[{_NUMERAL}]{{1,3}})\s*[、.,．])\s*")
_SUB_NUMBER = re.compile(rf"\((?P<num>[{_NUMERAL}]{{1,3}})\)\s*")
_SUB_ARABIC = re.compile(r"(?<![\d.])(?P<num>\d{1,2})、\s*")
_MAX_CLAUSE = 14  # characters of one clause of a subsection title
_MARKUP = re.compile(r"[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*)?[ \t]*")
_SENTENCE_END = "。；;!！?？:：」”)\"0123456789"
_TITLE_END = re.compile(r"[。：:；;]|\*\*|\s{2,}|\n")
_MAX_TITLE = 40
_RUN_IN_SUB = re.compile(r"(?P<title>(?:主动公开|依申请公开|政府信息管理|(?:政府信息公开)?平台建设|监督保障)(?:方面|情况|工作)?)\s*[。：:]")


@dataclass(frozen=True)
class _HeadingRule:
    id: str
    level: str
    strong: bool
    pattern: re.Pattern


@dataclass(frozen=True)
class _Candidate:
    start: int  # normal-view position of the heading's first character (its number)
    title_end: int
    number: str | None
    rule: _HeadingRule | None
    alone: bool  # the heading is alone on its line
    words: str = ""  # the title's words, white space removed


def load_heading_rules(name: str = "sections.tsv") -> tuple[_HeadingRule, ...]:
    rules = []
    for row in read_tsv(data_path(name), ("id", "level", "strength", "pattern")):
        level = row.choice("level", {"top", "sub", "none"})
        allowed = {"top": set(TOP_IDS + OLD_OUTLINE_IDS), "sub": set(SUB_IDS), "none": {"not_heading", "title_tail"}}[level]
        rules.append(_HeadingRule(row.choice("id", allowed), level, row.choice("strength", {"strong", "weak"}) == "strong",
                                  row.regex("pattern")))
    return tuple(rules)


class SectionFinder:
    def __init__(self, rules: tuple[_HeadingRule, ...], row_labels: tuple[re.Pattern, ...] = ()):
        self.top_rules = tuple(r for r in rules if r.level == "top")
        sub_rules = [r for r in rules if r.level == "sub"]
        self.sub_rules = tuple(r for r in sub_rules if r.strong) + tuple(r for r in sub_rules if not r.strong)
        self.not_headings = tuple(r.pattern for r in rules if r.id == "not_heading") + row_labels
        self.title_tails = tuple(r.pattern for r in rules if r.id == "title_tail")

    def find(self, text: SubmittedText) -> tuple[Section, ...]:
        normal = text.normal.text
        candidates = self._top_candidates(normal)
        chosen = _choose(candidates)
        headings = _dedupe(sorted(chosen + [c for c in candidates if c not in chosen and self._is_extra(c, normal)],
                                  key=lambda c: c.start))
        sections = []
        for i, heading in enumerate(headings):
            end = headings[i + 1].start if i + 1 < len(headings) else len(normal)
            section_id = heading.rule.id if heading in chosen else "extra"
            children = self._subsections(text, heading.title_end, end) if section_id == "overview" else ()
            sections.append(_section(text, section_id, heading, end, children))
        return tuple(sections)

    # -- top-level ------------------------------------------------------------------------------------------
    def _top_candidates(self, normal: str) -> list[_Candidate]:
        out = []
        for match in _TOP_NUMBER.finditer(normal):
            candidate = self._classify(normal, match.start(), match.end(), match["part"] or match["num"])
            strong = candidate.rule is not None and candidate.rule.strong
            if strong or _at_boundary(normal, match.start(), numbered=True):
                out.append(candidate)
        for line in re.finditer(r"^.*$", normal, re.M):
            lead = _MARKUP.match(line.group())
            start = line.start() + lead.end()
            if _TOP_NUMBER.match(normal, start):
                continue  # numbered: seen above
            candidate = self._classify(normal, start, start, None)
            if candidate.rule is not None and candidate.alone:
                out.append(candidate)
        return sorted(out, key=lambda c: c.start)

    def _classify(self, normal: str, start: int, words_start: int, number: str | None) -> _Candidate:
        line_end = normal.find("\n", words_start)
        line_end = len(normal) if line_end < 0 else line_end
        window = normal[words_start : min(line_end, words_start + 2 * _MAX_TITLE)]
        squeezed, positions = _squeeze(window)
        for rule in self.top_rules:
            match = rule.pattern.match(squeezed)
            if match and match.end() <= _MAX_TITLE:
                title_end = words_start + positions[match.end() - 1] + 1
                alone = _is_alone_line(normal, start, line_end, title_end)
                if alone:
                    title_end = _trim_title(normal, title_end, line_end)
                return _Candidate(start, title_end, number, rule, alone, _words(normal, words_start, title_end))
        title_end = _TITLE_END.search(normal, words_start, min(line_end, words_start + _MAX_TITLE) + 1)
        end = title_end.start() if title_end else min(line_end, words_start + _MAX_TITLE)
        end = _first_space_after_words(normal, words_start, end)
        return _Candidate(start, end, number, None, _is_alone_line(normal, start, line_end, end),
                          _words(normal, words_start, end))

    def _is_extra(self, candidate: _Candidate, normal: str) -> bool:
        """A numbered heading that fits no section: short, ended by a line break or a space (not run into a
        sentence), at a line start or sentence end, and not a row label of a statistical table."""
        if candidate.number is None or not 2 <= len(candidate.words) <= 25:
            return False
        if not _at_boundary(normal, candidate.start, numbered=True):
            return False
        ended = candidate.title_end >= len(normal) or normal[candidate.title_end] in " \t\u3000\n"
        if not (candidate.alone or ended) or re.search(r"[，,。；;]", candidate.words):
            return False
        line_end = normal.find("\n", candidate.title_end)
        rest = normal[candidate.title_end : len(normal) if line_end < 0 else line_end]
        if re.search(r"(?:[ \t|]+\d+(?:\.\d+)?){2,}[ \t|]*$", rest):
            return False  # a table row: its line ends in cells
        # The title and the few words after it: a row label broken over lines ("三、本年\n度 办 理\n结果").
        ahead = candidate.words + re.sub(r"\s", "", normal[candidate.title_end : candidate.title_end + 24])[:8]
        return not any(p.search(ahead) for p in self.not_headings)

    # -- subsections of 总体情况 -------------------------------------------------------------------------------
    def _subsections(self, text: SubmittedText, start: int, end: int) -> tuple[Section, ...]:
        normal = text.normal.text
        heads: list[tuple[int, int, str | None, str]] = []  # start, title_end, number, id
        for match in self._numbered_subheadings(normal, start, end):
            stop = _TITLE_END.search(normal, match.end(), min(end, match.end() + _MAX_TITLE))
            title_end = self._glued_title_end(normal, match.end(), stop.start() if stop else min(end, match.end() + _MAX_TITLE))
            words = re.sub(r"\s", "", normal[match.end() : title_end])
            sub_id = self._sub_id(words)
            if sub_id:
                heads.append((match.start(), title_end, match["num"], sub_id))
        for line in re.finditer(r"^.*$", normal[start:end], re.M):
            at = start + line.start() + _MARKUP.match(line.group()).end()
            match = _RUN_IN_SUB.match(normal, at)
            if match:
                sub_id = self._sub_id(match["title"])
                if sub_id:
                    heads.append((at, match.end("title"), None, sub_id))
        heads.sort()
        unique = []
        for head in heads:  # a numbered heading may also read as a run-in one: keep the first at each place
            if not unique or head[0] >= unique[-1][1]:
                unique.append(head)
        if len({head[2] is None for head in unique}) > 1:  # numbered parts found: run-in words are body text
            unique = [head for head in unique if head[2] is not None]
        out = []
        for i, (h_start, title_end, number, sub_id) in enumerate(unique):
            h_end = unique[i + 1][0] if i + 1 < len(unique) else end
            candidate = _Candidate(h_start, title_end, number, None, False)
            out.append(_section(text, sub_id, candidate, h_end, ()))
        return tuple(out)

    def _numbered_subheadings(self, normal: str, start: int, end: int) -> list[re.Match]:
        """The numbered parts of 总体情况: （一） style, or 1、 style where the report numbers its parts so."""
        for pattern in (_SUB_NUMBER, _SUB_ARABIC):
            found = [m for m in pattern.finditer(normal, start, end) if _at_boundary(normal, m.start(), numbered=True)]
            if found:
                return found
        return []

    def _glued_title_end(self, normal: str, start: int, end: int) -> int:
        """Where a subsection title ends when the body is glued to it: after 方面/情况, before an inner list number
        ("（三）着力推进政务公开平台建设1.强化…"), or, for a two-clause title ("强化组织协调，着力规范公开工作积极贯彻…"),
        after the last word that ends such titles (``title_tail`` in sections.tsv) in its second clause."""
        match = _SUB_TITLE_TAIL.search(normal, start, end)
        if match is None:
            return end
        if match.group() in ("方面", "情况"):
            return match.end()
        if match.group() in ",，" and match.start() - start <= _MAX_CLAUSE:
            clause = re.match(rf"[^，,。；;：:、\s\d(（]{{2,{_MAX_CLAUSE}}}", normal[match.end():end])
            if clause:
                tails = [m.end() for p in self.title_tails for m in p.finditer(clause.group())]
                if tails:
                    return match.end() + max(tails)
        return match.start()

    def _sub_id(self, words: str) -> str | None:
        for rule in self.sub_rules:
            if rule.pattern.search(words):
                return rule.id
        return None


_SUB_TITLE_TAIL = re.compile(r"方面|情况|[，,]|\d[.、]|[一二三四五六七八九十]是")


def _words(normal: str, start: int, end: int) -> str:
    return re.sub(r"[\s*]", "", normal[start:end])


def _at_boundary(normal: str, start: int, numbered: bool) -> bool:
    """A heading starts a line (after Markdown marks) or, when numbered, follows a sentence end or a number."""
    line_start = normal.rfind("\n", 0, start) + 1
    if _MARKUP.match(normal, line_start).end() >= start:
        return True
    if not numbered:
        return False
    before = normal[line_start:start].rstrip(" \t\u3000*")
    return bool(before) and before[-1] in _SENTENCE_END


def _is_alone_line(normal: str, start: int, line_end: int, title_end: int) -> bool:
    line_start = normal.rfind("\n", 0, start) + 1
    head_ok = _MARKUP.match(normal, line_start).end() >= start
    tail = normal[title_end:line_end].strip(" \t\u3000。：:*")
    return head_ok and not tail


def _trim_title(normal: str, title_end: int, line_end: int) -> int:
    end = line_end
    while end > title_end and normal[end - 1] in " \t\u3000。：:*":
        end -= 1
    return max(end, title_end)


def _first_space_after_words(normal: str, start: int, end: int) -> int:
    match = re.search(r"\S\s", normal[start:end])
    return start + match.start() + 1 if match else end


def _squeeze(window: str) -> tuple[str, list[int]]:
    chars, positions = [], []
    for i, ch in enumerate(window):
        if not ch.isspace() and ch != "*":
            chars.append(ch)
            positions.append(i)
    return "".join(chars), positions


def _choose(candidates: list[_Candidate]) -> list[_Candidate]:
    """The headings taken as sections.

    The six parts: the in-order choice of at most one heading per part that scores most (a strong wording 3, a
    weak one 2), so that an agency's own outline before the standard tables does not take their places. Parts
    of older outlines (收费及减免, 统计表) have no fixed place: the first strong heading of each.
    """
    canonical = [c for c in candidates if c.rule is not None and c.rule.id in _CANONICAL_ORDER]
    best: list[tuple[int, list[_Candidate]]] = []
    for i, cand in enumerate(canonical):
        rank = _CANONICAL_ORDER[cand.rule.id]
        base = max((best[j] for j in range(i) if _CANONICAL_ORDER[canonical[j].rule.id] < rank),
                   key=lambda p: p[0], default=(0, []))
        best.append((base[0] + (3 if cand.rule.strong else 2), base[1] + [cand]))
    chosen = max(best, key=lambda p: p[0], default=(0, []))[1]
    for old_id in OLD_OUTLINE_IDS:
        first = next((c for c in candidates if c.rule is not None and c.rule.id == old_id and c.rule.strong), None)
        if first is not None:
            chosen.append(first)
    return chosen


def _dedupe(headings: list[_Candidate]) -> list[_Candidate]:
    out: list[_Candidate] = []
    for heading in headings:
        if out and heading.start < out[-1].title_end:
            continue
        out.append(heading)
    return out


def _section(text: SubmittedText, section_id: str, heading: _Candidate, end: int, children) -> Section:
    heading_span = text.normal.span(heading.start, heading.title_end)
    title = text.evidence(heading_span)
    title = re.sub(r"\*\*", "", title).strip()
    return Section(section_id, title, heading_span, text.normal.span(heading.start, end), heading.number, children)
