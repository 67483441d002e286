"""Who reports, on which year, at what level, where, and on which template.

Read from the title block first (the lines before the first section), then from the body. Each value carries a
confidence and the span it was read from; a value the text does not state is ``None``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .model import UNKNOWN, DocumentInfo, Field, Section, Span
from .rules import data_path, read_tsv
from .text import SubmittedText

_TITLE = re.compile(
    r"(?P<pre>[^\n。，,]{0,40}?)(?P<year>(?:19|20)\d{2})年度?(?P<mid>[^\n。，,]{0,40}?)"
    r"(?:政府)?(?:信息公开|政务公开)(?:工作)?(?:年度)?(?:报告|年报)"
)
_PLACE_CHAIN = re.compile(
    r"^(?:[\u4e00-\u9fff]{1,9}?(?:自治区|自治州|自治县|特别行政区|省|市|县|区|旗|盟|州|镇|乡|街道))+"
)
_PLACE = re.compile(r"[\u4e00-\u9fff]{1,9}?(?:自治区|自治州|自治县|特别行政区|省|市|县|区|旗|盟|州|镇|乡|街道)")
_AGENCY_IN_BODY = re.compile(
    r"(?:现将|特?发布|公布)(?P<agency>[\u4e00-\u9fff（）()]{2,30}?(?:人民政府(?:办公室|办公厅)?|管委会|委员会|局|厅|办公室))"
    r"(?:\d{4}年度?)?(?:政府信息公开|政务公开)"
)
_STATISTICS_PERIOD = re.compile(r"统计(?:期限|周期|时限|时间)[^。]{0,20}?(?P<year>(?:19|20)\d{2})年\s*1\s*月\s*1\s*日")
_HEADER_FIELD = re.compile(r"^(?:标题|title)\s*[:：]\s*(?P<title>.+)$", re.M | re.I)
_NOT_AGENCY = re.compile(r"^(?:关于|印发|本|我|全|各)|报告$")
_2021 = re.compile(r"本年制发件数|本年废止件数|现行有效件数|国办公开办函〔2021〕30号|逾期不补正")
_2019 = re.compile(r"本年新制作数量|本年新公开数量|对外公开总数量|上一年项目数量|国办公开办函〔2019〕60号")
_PRE2019 = re.compile(r"指标名称|计量单位|统计表")


@dataclass(frozen=True)
class _LevelRule:
    kind: str
    pattern: re.Pattern
    level: str


LEVELS = ("ministry", "province", "city", "county", "township", "department")


def load_level_rules(name: str = "levels.tsv") -> tuple[_LevelRule, ...]:
    rules = []
    for row in read_tsv(data_path(name), ("kind", "pattern", "level")):
        kind = row.choice("kind", {"agency", "place"})
        level = row.choice("level", set(LEVELS) | ({"@region"} if kind == "agency" else set()))
        rules.append(_LevelRule(kind, row.regex("pattern"), level))
    return tuple(rules)


class MetadataReader:
    def __init__(self, level_rules: tuple[_LevelRule, ...]):
        self.agency_rules = tuple(r for r in level_rules if r.kind == "agency")
        self.place_rules = tuple(r for r in level_rules if r.kind == "place")

    def read(self, text: SubmittedText, sections: tuple[Section, ...], table_template: str | None) -> DocumentInfo:
        title = _title(text, sections)
        agency = _agency(text, title)
        year = _year(text, title)
        region = _region(agency)
        return DocumentInfo(
            agency=agency,
            year=year,
            level=self._level(agency, region, text),
            region=region,
            template=_template(text, year, table_template),
        )

    def _level(self, agency: Field, region: Field, text: SubmittedText) -> Field:
        if agency.value is None:
            return _level_from_self_reference(text)
        for rule in self.agency_rules:
            if rule.pattern.search(agency.value):
                if rule.level != "@region":
                    return Field(rule.level, 0.8 * agency.confidence, agency.span, f"agency name: {rule.pattern.pattern}")
                place = region.value or ""
                for place_rule in self.place_rules:
                    if place_rule.pattern.search(place):
                        return Field(place_rule.level, 0.85 * agency.confidence, agency.span,
                                     f"government of a place: {place_rule.pattern.pattern}")
        return UNKNOWN


_SELF_REFERENCE = re.compile(r"[我本](?:局|委|厅|署|办)(?![\u4e00-\u9fff]{0,1}(?:公室|法))")


def _level_from_self_reference(text: SubmittedText) -> Field:
    """A report that never names its body still says 我局/本委 of itself: a department."""
    found = _SELF_REFERENCE.findall(text.normal.text)
    if len(found) >= 2:
        return Field("department", 0.5, None, f"the report calls itself {found[0]}")
    return UNKNOWN


@dataclass(frozen=True)
class _Title:
    """The title's words (white space and Markdown marks removed) and where they start in the compact view."""

    match: re.Match
    compact_start: int

    def span(self, text: SubmittedText, group: str) -> Span:
        words = self.match.group(group)
        at = text.compact.text.find(words, self.compact_start)
        if at < 0:
            return Span(text.compact.offset(self.compact_start), text.compact.offset(self.compact_start))
        return text.compact.span(at, at + len(words))


def _title(text: SubmittedText, sections: tuple[Section, ...]) -> _Title | None:
    """The report's title: a crawler's 标题 line, or the first "…年…政府信息公开工作年度报告" before section 一,
    read with the line it continues (the agency's name is often printed on the line above the year)."""
    normal = text.normal.text
    header = _HEADER_FIELD.search(normal[:2000])
    if header:
        found = _title_in(text, header.start("title"), header.end("title"))
        if found:
            return found
    limit = text.normal.index_at_or_after(sections[0].heading.start) if sections else min(len(normal), 1500)
    lines = [m for m in re.finditer(r"[^\n]*\S[^\n]*", normal[:limit])]
    for i, line in enumerate(lines):
        if not re.search(r"报告|年报", line.group()) and not (i + 1 < len(lines) and re.match(r"\s*(?:年度)?报告", lines[i + 1].group())):
            continue
        first = i
        if i > 0 and len(lines[i - 1].group().strip()) <= 30 and not re.search(r"[。，,；:：]", lines[i - 1].group()):
            first = i - 1
        last = min(i + 1, len(lines) - 1) if not re.search(r"报告|年报", line.group()) else i
        found = _title_in(text, lines[first].start(), lines[last].end())
        if found:
            return found
    return None


def _title_in(text: SubmittedText, start: int, end: int) -> _Title | None:
    compact_start = text.compact.index_at_or_after(text.normal.offset(start))
    compact_end = text.compact.index_at_or_after(text.normal.offset(end))
    words = text.compact.text[compact_start:compact_end]
    match = _TITLE.search(re.sub(r"[#*]", "", words))
    return _Title(match, compact_start) if match else None


def _agency(text: SubmittedText, title: _Title | None) -> Field:
    if title is not None:
        for group in ("mid", "pre"):
            name = _clean_agency(title.match.group(group))
            if name:
                return Field(name, 0.9, title.span(text, group), f"title ({group} the year)")
    body = _AGENCY_IN_BODY.search(text.normal.text)
    if body and not _NOT_AGENCY.search(body["agency"]):
        return Field(body["agency"], 0.6, text.normal.span(body.start("agency"), body.end("agency")), "body")
    return Field(None, 0.0, None, "not stated: the title names no agency and the body has no self-designation")


def _clean_agency(raw: str) -> str | None:
    name = re.sub(r"[\s#*“”\"]", "", raw or "")
    name = re.sub(r"^(?:关于)", "", name)
    name = re.sub(r"(?:的)$", "", name)
    if len(name) < 2 or not re.search(r"[\u4e00-\u9fff]{2}", name) or _NOT_AGENCY.search(name):
        return None
    return name


def _year(text: SubmittedText, title: _Title | None) -> Field:
    if title is not None:
        return Field(int(title.match["year"]), 0.95, title.span(text, "year"), "title")
    period = _STATISTICS_PERIOD.search(text.normal.text)
    if period:
        return Field(int(period["year"]), 0.9, text.normal.span(period.start("year"), period.end("year")),
                     "statistics period")
    years = Counter(re.findall(r"((?:19|20)\d{2})年", text.normal.text[:3000]))
    if years:
        year, _ = years.most_common(1)[0]
        return Field(int(year), 0.4, None, "most frequent year near the start")
    return UNKNOWN


def _region(agency: Field) -> Field:
    if agency.value is None:
        return UNKNOWN
    chain = _PLACE_CHAIN.match(agency.value)
    if not chain:
        return Field(None, 0.0, None, "the agency name starts with no place name")
    places = _PLACE.findall(chain.group())
    smallest = places[-1]
    offset = chain.group().rfind(smallest)
    span = None
    if agency.span is not None and agency.span.end - agency.span.start == len(agency.value):
        span = Span(agency.span.start + offset, agency.span.start + offset + len(smallest))
    return Field(smallest, 0.85 * agency.confidence, span, "place name at the start of the agency name")


def _template(text: SubmittedText, year: Field, table_template: str | None) -> Field:
    if table_template:
        return Field(table_template, 0.95, None, "column headings of table 二")
    normal = text.normal.text
    if _2021.search(normal):
        return Field("2021", 0.85, None, "wording of the 2021 template")
    if _2019.search(normal):
        return Field("2019", 0.85, None, "wording of the 2019 template")
    if year.value is not None:
        if year.value <= 2018 or _PRE2019.search(normal):
            return Field("pre2019", 0.7 if year.value <= 2018 else 0.5, None, "year and outline")
        return Field("2021" if year.value >= 2021 else "2019", 0.5, None, "year reported on")
    return UNKNOWN
