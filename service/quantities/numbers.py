"""Number mentions in a report's narrative: each count with its value, unit and approximation, or nothing.

Works on the compact view (no white space), where a number broken across PDF lines is whole again. A mention is a
number followed by a counting unit (条, 篇, 件, 场, 人次, 万元 …): Arabic digits (1,234 / 1.2万 / 3千), Chinese
numerals (三十二, 两千余), with the approximation words 余/多/近/约/超过/以上/左右. Not counts, and never
returned: dates and years (2021年, 3月), document numbers (〔2021〕12号), phone numbers, percentages, ordinals
(第三届, 五届四次会议), numbers inside titles (《…八条措施》), list numbering (1、 (2)), rhetoric (三个方面),
frequencies (每季度1次), differences (较上年增加9件), and
numbers with no counting unit (except a figure right after the word naming what it counts: 粉丝数54373, 访问量达12.5万).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}

# Counting units, longest first. 万元 and 亿元 are units of money; 万人 of people.
UNITS = ("万人次", "人次", "万元", "亿元", "万人", "余人", "场次", "批次", "条次", "条", "篇", "件", "份", "个", "场", "次", "期", "人", "名", "户", "家",
         "项", "起", "元", "批", "类", "套", "本", "册", "部", "幅", "张", "单", "位", "所", "处", "组", "支", "栏", "集", "档",
         "台", "宗", "块", "轮", "封", "通")
_UNIT = "|".join(UNITS)
_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CHINESE = r"[零〇一二两三四五六七八九十百千万亿]+"
_MENTION = re.compile(
    rf"(?P<pre>近|约|超过|逾|共约|达)?(?P<number>{_ARABIC}|{_CHINESE})(?P<big>[万亿千](?!元|人(?!次)))?"
    rf"(?P<more>余|多)?(?P<unit>{_UNIT})(?P<post>以上|左右|多)?"
)
# What may not come right before a count: a digit or decimal point (part of a longer number), 第 or 届 (ordinals:
# 第三次, 五届四次会议), a hyphen or slash (phone numbers, dates, ratios).
_BAD_BEFORE = re.compile(r"[\d.第届\-/〔\[(（:：号]$")
# A count with no unit, right after a word naming what is counted (粉丝数54373, 访问量达12.5万): the figure ends at
# punctuation or the end of the text.
_UNITLESS = re.compile(
    rf"(?:(?<=[数量])|(?<=粉丝)|(?<=用户))(?:分别)?(?P<pre>达到?|为|共|超过|突破|逾)?(?P<number>{_ARABIC})(?P<big>[万亿])?"
    rf"(?P<more>余|多)?(?=[，。；、,;）)和及]|$)"
)
# 号 before a number marks a code (第711号12), except at the end of an account word (微信公众号193个).
_ACCOUNT_WORD = re.compile(r"(?:公众|账|头条|视频|抖音|快手|服务|订阅|百家|企鹅|人民|新华|澎湃|网易|搜狐|一点|政务)号$")
# 每季度开展1次: a frequency; 较上年增加9件: a difference; neither is a count of the year's work.
_FREQUENCY = re.compile(r"每(?:年|季度?|月|周|天|日|半年|旬|学期)[^，。；,;]{0,20}$|连续$")
_CHANGE = re.compile(r"(?:较|比|同比)(?:上年|去年|上一年|上年度|年初|\d{4}年)?(?:同期|末)?净?(?:增加|减少|增长|下降|增|减|多|少)了?$")
_UNITLESS_NEXT = re.compile(rf"[和及、](?P<number>{_ARABIC})(?P<big>[万亿])?(?=[，。；,;）)]|$)")
# A figure in 万 or 亿 with no unit, in a sentence about an audience (粉丝, 关注, 用户, 访问量, 观看 …).
_FOLLOWER_FIGURE = re.compile(
    rf"(?<![\d.])(?P<pre>约|逾|超过|突破|达)?(?P<number>{_ARABIC})(?P<big>[万亿])(?P<more>余|多)?(?=[，。；、,;）)]|$)")
_AUDIENCE_WORDS = re.compile(r"粉丝|关注|用户|订阅|访问量|浏览量|观看|阅读量|播放量")
_CODE_WORDS = re.compile(r"(?:电话|传真|热线|号码|邮编|手机|QQ|qq|[:：])$")
# Words after the unit that turn the "count" into something else (个人, 3个月, 5个工作日, 三个方面 …), and after a
# Chinese numeral only, words it forms with the unit (一次性, 一体, 一并, 一条龙 …).
_BAD_AFTER = re.compile(r"^(?:人(?!次)|起来|年|月|日|号|届|%|方面|部分(?!公开)|工作日|小时|自然日)")
# after a one-character numeral and its unit these make a word (一次性, 一条龙, 两级); 八十六条并 is a count
_BAD_AFTER_WORD = re.compile(r"^(?:性|体|级|化|面|些|样|致|同|般|切|律|并|龙)")
# A Chinese numeral that is a word, not a number, before these units: 一次性, 一批, 一份子, 统一 …
_CHINESE_WORDS = re.compile(r"^(?:万|亿|千|百)$")


@dataclass(frozen=True)
class NumberMention:
    start: int  # compact-view positions of the number as printed (without unit)
    end: int
    value: float
    unit: str
    approx: bool
    unit_start: int
    unit_end: int
    text: str
    chinese: bool

    def __post_init__(self):  # 4.27万 is 42700, not the 42699.99999999999 of 4.27 * 10000 in binary floating point
        object.__setattr__(self, "value", round(self.value, 6))


def chinese_to_number(text: str) -> int | None:
    """三十二 → 32, 两千 → 2000, 一百零五 → 105, 二〇二一 → 2021; None when it is not a numeral."""
    if not text or any(ch not in _CN_DIGITS and ch not in _CN_UNITS and ch not in _CN_BIG for ch in text):
        return None
    if len(text) > 1 and all(ch in _CN_DIGITS for ch in text):
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))  # read digit by digit
    total, section, digit = 0, 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            section += (digit or 1) * _CN_UNITS[ch]
            digit = 0
        else:  # 万, 亿
            total += ((section + digit) or 1) * _CN_BIG[ch]
            section, digit = 0, 0
    return total + section + digit


def find_mentions(compact: str) -> list[NumberMention]:
    mentions: list[NumberMention] = []
    for match in _MENTION.finditer(compact):
        number = match["number"]
        start, end = match.start("number"), match.end("number")
        before = compact[max(0, start - 1) : start]
        after = compact[match.end("unit") : match.end("unit") + 4]
        lead = compact[max(0, start - 24) : start]
        if _FREQUENCY.search(lead) or _CHANGE.search(lead) or lead.endswith("方面"):
            continue  # 每季度1次, 较上年增加9件, 3个方面11项措施 (items of a plan, like the 方面 themselves)
        chinese = not number[0].isdigit()
        code_before = _BAD_BEFORE.search(before) and not _ACCOUNT_WORD.search(compact[max(0, start - 3) : start])
        if (code_before or _BAD_AFTER.match(after) or (chinese and len(number) == 1 and _BAD_AFTER_WORD.match(after))
                or _is_session(compact, start, match) or _in_title(compact, start)):
            continue
        if chinese:
            if _CHINESE_WORDS.match(number) or _is_word(compact, start, match):
                continue
            value = chinese_to_number(number)
            if value is None:
                continue
        else:
            if _looks_like_code(compact, start, end, number):
                continue
            value = float(number.replace(",", ""))
        big = match["big"]
        if big:
            value *= {"万": 10_000, "亿": 100_000_000, "千": 1000}[big]
            end = match.end("big")
        unit = match["unit"]
        if unit[0] in _CN_BIG:  # 25.6万元 is 256000 元, 1.2万人 12000 people; the unit stays as written
            value *= _CN_BIG[unit[0]]
        approx = bool((match["pre"] and match["pre"] != "达") or match["more"] or match["post"])  # 达: reached
        mentions.append(NumberMention(start, end, float(value), unit, approx, match.start("unit"), match.end("unit"),
                                      compact[start:end], chinese))
    taken = {m.start for m in mentions}
    for match in _UNITLESS.finditer(compact):
        start, end = match.start("number"), match.end("number")
        if start in taken or _looks_like_code(compact, start, end, match["number"]):
            continue
        value = float(match["number"].replace(",", ""))
        if match["big"]:
            value *= _CN_BIG[match["big"]]
            end = match.end("big")
        approx = bool(match["more"] or (match["pre"] and match["pre"] in ("超过", "突破", "逾")))
        mentions.append(NumberMention(start, end, value, "", approx, match.end(), match.end(), compact[start:end], False))
        following = _UNITLESS_NEXT.match(compact, match.end())  # 关注用户分别超过386万和1092.6万
        if following is not None:
            value = float(following["number"].replace(",", "")) * (_CN_BIG[following["big"]] if following["big"] else 1)
            mentions.append(NumberMention(following.start("number"), following.end(), value, "", approx,
                                          following.end(), following.end(),
                                          compact[following.start("number") : following.end()], False))
    for match in _FOLLOWER_FIGURE.finditer(compact):  # 粉丝总量逾280万，其中微信公众号82.6万、微博约158万
        sentence_left = compact[max(0, compact.rfind("。", 0, match.start()) + 1) : match.start()]
        if not _AUDIENCE_WORDS.search(sentence_left) or any(m.start <= match.start("number") <= m.end for m in mentions):
            continue
        value = float(match["number"].replace(",", "")) * _CN_BIG[match["big"]]
        start, end = match.start("number"), match.end("big")
        approx = bool(match["more"] or (match["pre"] and match["pre"] in ("约", "逾", "超过", "突破")))
        mentions.append(NumberMention(start, end, value, "", approx, end, end, compact[start:end], False))
    return sorted(mentions, key=lambda m: m.start)


def _in_quotes(compact: str, start: int) -> bool:
    window = compact[max(0, start - 20) : start]
    return window.rfind("“") > window.rfind("”")


def _in_title(compact: str, start: int) -> bool:
    """《支持涉旅企业共渡难关八条措施》: a number inside the title of a document or programme is part of its name."""
    window = compact[max(0, start - 40) : start]
    return window.rfind("《") > window.rfind("》")


def _is_session(compact: str, start: int, match: re.Match) -> bool:
    """五届人大四次会议: the number of a session, an ordinal."""
    return (match["unit"] == "次" and compact[match.end("unit") :].startswith(("会议", "全会", "全体会议"))
            and "届" in compact[max(0, start - 8) : start])


def _is_word(compact: str, start: int, match: re.Match) -> bool:
    """一次性, 统一, 进一步, 一是: a Chinese numeral inside a word."""
    before = compact[max(0, start - 1) : start]
    number = match["number"]
    if before and before in "统进唯单同逐万之专第每某任哪这那其一" and number[0] in "一两":
        return True  # 统一, 进一步, 逐一, 这两 (but 工单八十六件 is a count)
    if _in_quotes(compact, start):
        return True  # “一网通办”, “一个窗口受理”, “价比三家”, “五个一律”: a slogan
    if (number in ("一", "两") and match["unit"] in ("个", "位", "部", "处", "批", "类", "支", "组", "张", "本", "单", "名", "人")
            and compact[match.end("unit") : match.end("unit") + 1] not in "，,。；;、）)" and before != "”"):
        return True  # 一个平台, 一批干部, 两位: phrasing, not a stated count (but 短视频两个， and “甲”“乙”两个专栏 are)
    return False


def _looks_like_code(compact: str, start: int, end: int, number: str) -> bool:
    """Phone numbers, years, long identifiers."""
    digits = number.replace(",", "").split(".")[0]
    if "," not in number and (len(digits) >= 9 or (len(digits) >= 7 and _CODE_WORDS.search(compact[max(0, start - 4) : start]))):
        return True
    return bool(re.match(r"(?:19|20)\d\d$", digits) and compact[end : end + 1] in ("年", "-", "—"))
