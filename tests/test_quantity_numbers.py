"""Number mentions: counts with their value, unit and approximation; never dates, codes, ordinals or percentages."""

from __future__ import annotations

import pytest

from service.quantities.numbers import chinese_to_number, find_mentions


@pytest.mark.parametrize("text, expected", [
    ("全年通过门户网站公开政府信息611条，其中文件57件", [("611", 611, "条", False), ("57", 57, "件", False)]),
    ("发布1.2万条信息", [("1.2万", 12000, "条", False)]),
    ("受理投诉4.27万件", [("4.27万", 42700, "件", False)]),  # exactly, not 42699.99999999999
    ("收取信息处理费25.6万元", [("25.6", 256000, "万元", False)]),
    ("共两千余人次参加", [("两千", 2000, "人次", True)]),
    ("在区外举办一期全市政务公开培训班", [("一", 1, "期", False)]),
    ("接待群众30多人次", [("30", 30, "人次", True)]),
    ("累计发布1,234条", [("1,234", 1234, "条", False)]),
    ("全年发布信息 1000余条", [("1000", 1000, "条", True)]),
    ("收到申请三十二件", [("三十二", 32, "件", False)]),
    ("（上年结转1件，重复申请2件）", [("1", 1, "件", False), ("2", 2, "件", False)]),
    ("微信公众号目前关注人数达 1016823 人".replace(" ", ""), [("1016823", 1016823, "人", False)]),  # 7 digits, a count
    ("累计观看量1924252次，粉丝数54373；直播118场", [
        ("1924252", 1924252, "次", False), ("54373", 54373, "", False), ("118", 118, "场", False)]),
    ("政府信息公开专栏访问量达12.5万。", [("12.5万", 125000, "", False)]),
    ("配备查阅终端17台", [("17", 17, "台", False)]),
    ("发布征地告知书202宗", [("202", 202, "宗", False)]),
])
def test_counts_are_found_with_value_unit_and_approximation(text, expected):
    assert [(m.text, m.value, m.unit, m.approx) for m in find_mentions(text)] == expected


@pytest.mark.parametrize("text", [
    "本报告所列数据统计期限为2021年1月1日至12月31日",  # dates
    "（国办发〔2021〕12号）",                           # document number
    "电话：0591-23165370",                              # phone number
    "办结率100%",                                       # percentage
    "吴忠市第五届人大",                                 # ordinal
    "实行一次性告知",                                   # a numeral inside a word
    "进一步加强政务公开",
    "1、加强组织领导",                                   # list numbering
    "一是加强信息发布",
    "市政协五届四次会议代表建议",                         # the number of a session
    "吴忠市第五届人大五次会议",
    "出台《支持涉旅企业应对疫情共渡难关八条措施实施细则》",  # inside a title
    "从以下三个方面认真开展工作",                         # rhetoric
    "本年报由六个部分组成",
    "联系电话：87222589",                                # a phone number with no area code
])
def test_what_is_not_a_count(text):
    assert find_mentions(text) == []


@pytest.mark.parametrize("text, value", [("三十二", 32), ("两千", 2000), ("一百零五", 105), ("十", 10),
                                         ("二〇二一", 2021), ("三万五千", 35000), ("壹", None)])
def test_chinese_numerals(text, value):
    assert chinese_to_number(text) == value
