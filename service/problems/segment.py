"""Problem and measure statements, cut from a report by rules.

Where: section 五 (``problems``; 主要问题和改进措施 of the older outlines), or, when its heading is missing, from a
``section_start`` cue such as ``（一）主要问题`` to the next section; and any sentence elsewhere that admits a problem
(``admission`` cue: 但也存在…不足).

How, on the compact view (no white space) of that region:

1. *Units*: the text is cut at sentence ends (。！？；), after a colon and before an enumeration marker (一是, 二、,
   （三）, 4., ⑤). A unit that starts with a marker carries its ordinal.
2. *State*: reading units in order, intro cues switch the mode (``problem_intro`` → problems, ``measure_intro`` →
   measures, the later cue in a clause wins) and the period (``previous`` → last year's problems and how they were
   fixed; ``current``, or a sentence opening on a later year, → this year's). A report starts in problem mode.
3. *Problems*: in problem mode, a clause (cut at ，) that still holds a ``deficiency`` cue once the intro and filler
   words are stripped is a problem. A clause listing several problems with 、 is split where both sides hold a
   deficiency (or the left side is a quality noun, 全面性、及时性还需加强). Adjacent problem clauses of one unit are one
   statement when their rule themes agree (关注人数较少，关注度有待提高), two when they differ (重视不够，更新不够及时).
4. *Measures*: in measure mode, an enumerated item (一是… up to the next marker) is one measure; a sentence with no
   marker gives one measure per clause that opens with an action verb (加强, 完善 …; 我局将/进一步/不断 skipped), the
   other clauses joining the one before. Units ending with a colon only announce (从以下三个方面…：).

Offsets are compact-view positions; the extractor turns them into spans of the submitted text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from ..analysis import AnalyzedDocument
from ..model import Section
from .rules import Cues

_NUMERALS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}
_CIRCLED = {c: i for i, c in enumerate("①②③④⑤⑥⑦⑧⑨⑩", start=1)}
_BOUNDARY = "。！？!?;；:：,，、*#"
_ENUM = re.compile(
    r"(?:^|(?<=[" + re.escape(_BOUNDARY) + r"])|(?<=措施|问题|情况|不足|短板|如下))[*#]*"
    r"(?:(?P<a>[一二三四五六七八九十])是|(?P<b>[一二三四五六七八九十]{1,2})[、.．]|[(（](?P<c>[一二三四五六七八九十]{1,2})[)）]"
    r"|(?P<d>\d{1,2})[、.．](?!\d)|(?P<e>[①②③④⑤⑥⑦⑧⑨⑩])|第(?P<f>[一二三四五六七八九十])[,，、])"
)
_SENTENCE_END = re.compile(r"[。！？!?;；]+[*”」』]*|[:：]")
_CLAUSE = re.compile(r"[,，]")
_YEAR_START = re.compile(r"^[*#]*(\d{4})年")
_YEAR = re.compile(r"(\d{4})年")
_LEAD = re.compile(r"^(?:[*#]|下一步|今后|为此|同时|此外|另外|并|在此基础上|\w{0,12}?将|继续|进一步|不断|切实|严格|全面|积极|"
                   r"持续|认真|着力|努力|重点|要|[:：,，])*")
_QUALITY_NOUN = re.compile(r"的\w{1,4}(性|度)$")
_TRIM = "，,、：:；;。*# "
MIN_STATEMENT = 4


@dataclass(frozen=True)
class Statement:
    kind: str  # problem | measure
    start: int  # compact positions
    end: int
    period: str  # current | previous
    ordinal: int | None = None
    rule: str = ""  # which segmentation rule cut it
    cues: tuple[str, ...] = ()  # the deficiency or action words that fired
    region: str = "problems"  # problems (section 五) | admission (a sentence elsewhere)


@dataclass
class _Unit:
    start: int
    end: int
    ordinal: int | None
    content: int  # after the marker
    announces: bool = False  # ends with a colon: it announces what follows

    def text(self, compact: str) -> str:
        return compact[self.start:self.end]


@dataclass
class _State:
    mode: str = "problem"
    period: str = "current"
    max_year: int | None = None
    statements: list[Statement] = field(default_factory=list)


def _ordinal(match: re.Match) -> int:
    for group in "abcf":
        if match[group]:
            value = match[group]
            return _NUMERALS[value] if len(value) == 1 else 10 + _NUMERALS.get(value[-1], 0)
    if match["d"]:
        return int(match["d"])
    return _CIRCLED[match["e"]]


class Segmenter:
    def __init__(self, cues: Cues, theme_of: Callable[[str], str | None]):
        self.cues = cues
        self.theme_of = theme_of  # rule theme of a piece of text, None when no cue fires

    # -- regions ---------------------------------------------------------------------------------------------
    def regions(self, doc: AnalyzedDocument) -> list[tuple[int, int]]:
        """Compact ranges of section 五 (without its heading)."""
        compact = doc.text.compact
        found = []
        for section in doc.sections:
            if section.id == "problems":
                found.append((compact.index_at_or_after(section.heading.end), compact.index_at_or_after(section.span.end)))
        if found:
            return found
        match = self.cues["section_start"].search(compact.text)
        if match is None:
            return []
        later = [compact.index_at_or_after(s.span.start) for s in doc.sections
                 if compact.index_at_or_after(s.span.start) > match.start()]
        return [(match.start(), min(later) if later else len(compact.text))]

    def statements(self, doc: AnalyzedDocument) -> list[Statement]:
        text = doc.compact
        out: list[Statement] = []
        regions = self.regions(doc)
        for start, end in regions:
            out.extend(self.segment(text, start, end))
        out.extend(self._admissions(doc, regions))
        return sorted(out, key=lambda s: (s.start, s.end))

    def _admissions(self, doc: AnalyzedDocument, regions: list[tuple[int, int]]) -> list[Statement]:
        text = doc.compact
        found: list[Statement] = []
        for sentence in doc.sentences:
            if any(sentence.start < b and a < sentence.end for a, b in regions) or \
                    doc.in_table(doc.span(sentence.start, sentence.end)):
                continue
            if self.cues["admission"].search(text[sentence.start:sentence.end]):
                found.extend(replace_region(s) for s in self.segment(text, sentence.start, sentence.end)
                             if s.kind == "problem")
        return found

    # -- the walk ----------------------------------------------------------------------------------------------
    def segment(self, text: str, start: int, end: int) -> list[Statement]:
        state = _State()
        units = _units(text, start, end)
        i = 0
        while i < len(units):
            unit = units[i]
            utext = unit.text(text)
            self._period(state, text, unit, utext)
            if state.mode == "measure" and unit.ordinal is not None and not self._is_intro(text[unit.content:unit.end]):
                j = i + 1
                while j < len(units) and units[j].ordinal is None and not self._breaks_item(units[j].text(text)):
                    j += 1
                self._item_measure(state, text, unit, units[j - 1].end)
                i = j
                continue
            self._clauses(state, text, unit)
            i += 1
        return state.statements

    def _is_intro(self, text: str) -> bool:
        return bool(self.cues["problem_intro"].match(text) or self.cues["measure_intro"].match(text))

    def _breaks_item(self, text: str) -> bool:
        return bool(_YEAR_START.match(text) or self.cues["problem_intro"].search(text)
                    or self.cues["measure_intro"].match(text.lstrip("*#")))

    def _period(self, state: _State, text: str, unit: _Unit, utext: str) -> None:
        years = [int(y) for y in _YEAR.findall(utext)]
        opening = _YEAR_START.match(text[unit.content:unit.end])
        if opening and state.max_year is not None and int(opening[1]) > state.max_year:
            state.period, state.mode = "current", "measure"
        if years:
            state.max_year = max(years + ([state.max_year] if state.max_year is not None else []))
        if self.cues["previous"].search(utext):
            state.period = "previous"
        elif self.cues["current"].search(utext):
            state.period = "current"

    def _switch(self, state: _State, clause: str) -> tuple[int, int | None]:
        """Apply the intro cues of a clause. Return where its content starts (after a leading problem intro) and,
        when a measure intro ends a clause read in problem mode (…等问题进行改进), where the problems in it end."""
        p = list(self.cues["problem_intro"].finditer(clause))
        m = list(self.cues["measure_intro"].finditer(clause))
        last_p = p[-1].end() if p else -1
        last_m = m[-1].end() if m else -1
        if last_p < 0 and last_m < 0:
            return 0, None
        if last_p > last_m:
            state.mode = "problem"
            return last_p, None
        before = state.mode
        state.mode = "measure"
        if before == "problem" and m[-1].start() > 0:
            return max(last_p, 0), m[-1].start()
        return 0, None

    def _clauses(self, state: _State, text: str, unit: _Unit) -> None:
        announces = unit.announces
        pieces = _split(text, unit.content, unit.end, _CLAUSE)
        groups: list[list[tuple[int, int, str, tuple[str, ...]]]] = []  # problem clause groups of this unit
        measures: list[list[int]] = []
        first_measure = True
        for a, b in pieces:
            clause = text[a:b]
            skip, problem_end = self._switch(state, clause)
            if state.mode == "problem" or problem_end is not None:
                a2, b2 = self._strip(text, a + skip, a + problem_end if problem_end is not None else b)
                pieces = self._enumeration_split(text, a2, b2)
                found = [tuple(m.group() for m in self.cues["deficiency"].finditer(text[x:y])) for x, y in pieces]
                for k, (x, y) in enumerate(pieces):
                    # a quality noun shares the deficiency of the piece after it (全面性、及时性还需加强)
                    later = next((w for w in found[k + 1:] if w), ())
                    words = found[k] or (later if _QUALITY_NOUN.search(text[x:y]) else ())
                    if not words or y - x < MIN_STATEMENT:
                        continue
                    theme = self.theme_of(text[x:y])
                    if groups and (theme is None or theme == groups[-1][-1][2]):
                        prev = groups[-1][-1]
                        groups[-1].append((x, y, theme or prev[2], words))
                    else:
                        groups.append([(x, y, theme, words)])
            if state.mode == "measure" and not announces and (
                    problem_end is None or not self.cues["deficiency"].search(clause)):
                body = text[a:b]
                lead = _LEAD.match(body).end()
                starts_with_verb = bool(self.cues["measure_verb"].match(body, lead))
                if not self.cues["measure_verb"].search(body) and not measures:
                    if not (first_measure and self._unit_has_verb(text, unit)):
                        continue
                first_measure = False
                for x, y in self._measure_split(text, a + lead, b):
                    if measures and not (starts_with_verb or x > a + lead):
                        measures[-1][1] = y
                    else:
                        measures.append([x, y])
                    starts_with_verb = False
        ordinal = unit.ordinal if not self._is_intro(text[unit.content:unit.end]) else None
        for group in groups:
            x = group[0][0]
            if ordinal is not None and group is groups[0]:
                x = min(x, _skip(text, unit.content))
            y = group[-1][1]
            if ordinal is not None and group is groups[-1]:
                y = max(y, _trim(text, y, unit.end)[1])  # an item's trailing clauses elaborate its last problem
            words = tuple(w for item in group for w in item[3])
            state.statements.append(Statement("problem", x, y, state.period, ordinal,
                                              "list item" if ordinal is not None else "clause", words))
        for x, y in measures:
            x, y = _trim(text, x, y)
            if y - x >= MIN_STATEMENT:
                words = tuple(m.group() for m in self.cues["measure_verb"].finditer(text[x:y]))
                state.statements.append(Statement("measure", x, y, state.period, None, "clause", words[:5]))

    def _unit_has_verb(self, text: str, unit: _Unit) -> bool:
        return bool(self.cues["measure_verb"].search(text, unit.content, unit.end))

    def _item_measure(self, state: _State, text: str, unit: _Unit, end: int) -> None:
        x, y = _trim(text, _skip(text, unit.content), end)
        if y - x < MIN_STATEMENT:
            return
        words = tuple(m.group() for m in self.cues["measure_verb"].finditer(text[x:y]))
        state.statements.append(Statement("measure", x, y, state.period, unit.ordinal, "list item", words[:5]))

    def _strip(self, text: str, a: int, b: int) -> tuple[int, int]:
        """Strip filler words from both ends of ``text[a:b]``."""
        a, b = _trim(text, a, b)
        for _ in range(3):
            piece = text[a:b]
            changed = False
            for match in self.cues["filler"].finditer(piece):
                if match.start() == 0 and match.end() > 0 and match.end() < len(piece):
                    a += match.end()
                    changed = True
                    break
                if match.end() == len(piece) and match.start() > 0:
                    b = a + match.start()
                    changed = True
                    break
            a, b = _trim(text, a, b)
            if not changed:
                break
        return a, b

    def _enumeration_split(self, text: str, a: int, b: int) -> list[tuple[int, int]]:
        """Split a clause listing problems with 、 where each side is a problem of its own: a piece stands alone when
        it holds a deficiency (or is a quality noun sharing the last one's: 全面性、及时性还需加强) and is 5 or more
        characters long; a piece that does not stand joins its neighbours."""
        groups: list[list[int]] = []
        complete = False
        for x, y in _split(text, a, b, re.compile("、")):
            piece = text[x:y]
            stands = y - x >= 5 and bool(self.cues["deficiency"].search(piece) or _QUALITY_NOUN.search(piece))
            if groups and not (stands and complete):
                groups[-1][1] = y
                complete = complete or stands
            else:
                groups.append([x, y])
                complete = stands
        return [(x, y) for x, y in groups]

    def _measure_split(self, text: str, a: int, b: int) -> list[tuple[int, int]]:
        """Split a measure clause at 、 where the right side opens with an action verb (增加图解、开展指导)."""
        pieces = _split(text, a, b, re.compile("、"))
        out: list[list[int]] = []
        for x, y in pieces:
            if out and not (self.cues["measure_verb"].match(text, x) and y - x >= 5 and out[-1][1] - out[-1][0] >= 5):
                out[-1][1] = y
            else:
                out.append([x, y])
        return [(x, y) for x, y in out]


def replace_region(statement: Statement) -> Statement:
    return Statement(statement.kind, statement.start, statement.end, statement.period, statement.ordinal,
                     "admission", statement.cues, "admission")


def _skip(text: str, at: int) -> int:
    while at < len(text) and text[at] in _TRIM:
        at += 1
    return at


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in _TRIM:
        a += 1
    while b > a and text[b - 1] in _TRIM:
        b -= 1
    return a, b


def _split(text: str, a: int, b: int, pattern: re.Pattern) -> list[tuple[int, int]]:
    out, at = [], a
    for match in pattern.finditer(text, a, b):
        x, y = _trim(text, at, match.start())
        if y > x:
            out.append((x, y))
        at = match.end()
    x, y = _trim(text, at, b)
    if y > x:
        out.append((x, y))
    return out


def _units(text: str, start: int, end: int) -> list[_Unit]:
    cuts = {start, end}
    cuts.update(m.end() for m in _SENTENCE_END.finditer(text, start, end))
    markers = {m.start() + len(m.group()) - len(m.group().lstrip("*#")): m for m in _ENUM.finditer(text, start, end)}
    first = _ENUM.match(text, start, end) or re.compile(_ENUM.pattern.replace("(?:^|", "(?:", 1)).match(text, start, end)
    if first is not None:
        markers[start] = first
    cuts.update(markers)
    ordered = sorted(c for c in cuts if start <= c <= end)
    units = []
    for a, b in zip(ordered, ordered[1:]):
        a2, b2 = _trim(text, a, b)
        if b2 <= a2:
            continue
        marker = markers.get(a)
        announces = text[a:b].rstrip(_TRIM.replace(":", "").replace("：", "")).endswith((":", "："))
        units.append(_Unit(a2, b2, _ordinal(marker) if marker else None, marker.end() if marker else a2, announces))
    return units


def section_at(sections: tuple[Section, ...], offset: int) -> str | None:
    for section in sections:
        if section.span.start <= offset < section.span.end:
            return section_at(section.children, offset) or section.id
    return None
