"""Tricky headings as real reports print them: ids, titles as printed, and what is not a heading."""

import pytest

INTRO = "X市X局2021年政府信息公开工作年度报告\n根据《条例》编制本报告。报告全文由总体情况、主动公开政府信息情况等六个部分组成。\n"


def _ids(analyze, body: str):
    return [(s.id, s.title) for s in analyze(INTRO + body).sections]


@pytest.mark.parametrize(
    "body, expected",
    [
        # plain headings on their own lines
        ("一、总体情况\n正文。\n二、主动公开政府信息情况\n表。\n", [("overview", "一、总体情况"),
                                                       ("active_disclosure", "二、主动公开政府信息情况")]),
        # Markdown headings at any level, bold marks
        ("### 一、总体情况\n正文。\n## **二、主动公开政府信息情况**\n", [("overview", "一、总体情况"),
                                                                ("active_disclosure", "二、主动公开政府信息情况")]),
        # crawler text: headings glued to the previous sentence and to their body
        ("正文。一、总体情况 2025年，我区……。二、主动公开政府信息情况第二十条第（一）项",
         [("overview", "一、总体情况"), ("active_disclosure", "二、主动公开政府信息情况")]),
        # glued after a table's last number, title followed directly by its body
        ("一、总体情况\n正文。\n四、政府信息公开行政复议、行政诉讼情况行政复议 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0"
         "五、存在的主要问题及改进情况存在的问题主要有：", [
            ("overview", "一、总体情况"), ("review_litigation", "四、政府信息公开行政复议、行政诉讼情况"),
            ("problems", "五、存在的主要问题及改进情况")]),
        # missing number, heading alone on its line
        ("一、总体情况\n正文。\n存在的主要问题及改进情况\n问题。\n", [("overview", "一、总体情况"),
                                                       ("problems", "存在的主要问题及改进情况")]),
        # variant wordings
        ("一、总体情况\n正文。\n四、因政府信息公开工作被申请行政复议、提起行政诉讼情况\n表。\n"
         "五、政府信息公开工作存在的主要问题及改进情况\n问题。\n", [
            ("overview", "一、总体情况"), ("review_litigation", "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"),
            ("problems", "五、政府信息公开工作存在的主要问题及改进情况")]),
        # an older outline (before 2019)
        ("一、概述\n正文。\n三、政府信息依申请公开工作情况\n正文。\n四、政府信息公开的收费及减免情况\n无。\n"
         "六、主要问题和改进措施\n问题。\n", [
            ("overview", "一、概述"), ("applications", "三、政府信息依申请公开工作情况"),
            ("fees", "四、政府信息公开的收费及减免情况"), ("problems", "六、主要问题和改进措施")]),
    ],
)
def test_top_level_headings(analyze, body, expected):
    assert _ids(analyze, body) == expected


@pytest.mark.parametrize(
    "table_row",
    ["三、本年度办理结果\t(一) 予以公开\t6\t0\t0\t0\t0\t0\t6", "四、结转下年度继续办理\t\t0\t0\t0\t0\t0\t0\t0",
     "一、本年新收政府信息公开申请数量 0 0 0 0 0 0 0", "三、本年\n\n度 办 理\n\n结果"],
)
def test_table_rows_are_not_headings(analyze, table_row):
    body = "一、总体情况\n正文。\n三、收到和处理政府信息公开申请情况\n" + table_row + "\n四、政府信息公开行政复议、行政诉讼情况\n"
    assert [s.id for s in analyze(INTRO + body).sections] == ["overview", "applications", "review_litigation"]


def test_intro_listing_the_parts_is_not_headings(analyze):
    assert [s.id for s in analyze(INTRO + "一、总体情况\n正文。\n六、其他需要报告的事项\n无。").sections] == [
        "overview", "other_matters"]


def test_agency_outline_before_the_standard_tables(analyze):
    body = ("一、总体情况\n正文。\n二、工作机制保障\n正文。\n三、主动公开工作情况\n正文。\n"
            "一、主动公开政府信息情况\n表。\n二、收到和处理政府信息公开申请情况\n表。\n")
    assert _ids(analyze, body) == [
        ("overview", "一、总体情况"), ("extra", "二、工作机制保障"), ("extra", "三、主动公开工作情况"),
        ("active_disclosure", "一、主动公开政府信息情况"), ("applications", "二、收到和处理政府信息公开申请情况")]


@pytest.mark.parametrize(
    "overview, expected",
    [
        ("（一）主动公开方面。全年公开信息。（二）依申请公开方面。无。", [
            ("overview.active", "（一）主动公开方面"), ("overview.application", "（二）依申请公开方面")]),
        ("主动公开方面。全年公开。\n依申请公开：未收到申请。\n", [
            ("overview.active", "主动公开方面"), ("overview.application", "依申请公开")]),
        ("### (一) 系统化推进主动公开。\n正文。\n（三）精细化建设公开平台。正文。（四）常态化开展监督管理。", [
            ("overview.active", "(一) 系统化推进主动公开"), ("overview.platform", "（三）精细化建设公开平台"),
            ("overview.supervision", "（四）常态化开展监督管理")]),
        ("（三）政府信息管理方面进一步规范信息发布全流程，按照要求", [("overview.management", "（三）政府信息管理方面")]),
        ("（一）着力加强公开解读回应工作。正文。", [("overview.active", "（一）着力加强公开解读回应工作")]),  # by meaning
        ("（二）着力提升政务服务工作实效。正文。", []),  # a part of 总体情况 that is none of the five
        ("（一）强化组织协调，着力规范公开工作积极贯彻国家要求。（二）围绕工作重点，扎实推进主动公开根据要点。", [
            ("overview.supervision", "（一）强化组织协调，着力规范公开工作"),
            ("overview.active", "（二）围绕工作重点，扎实推进主动公开")]),  # titles glued to the body
        ("1、加强组织领导，层层狠抓落实 建立了机制。2、突出重点，全面推进政务信息公开载体建设 一是网站。", [
            ("overview.supervision", "1、加强组织领导，层层狠抓落实"),
            ("overview.platform", "2、突出重点，全面推进政务信息公开载体建设")]),
    ],
)
def test_subsections_of_overview(analyze, overview, expected):
    report = analyze(INTRO + "一、总体情况\n" + overview + "\n二、主动公开政府信息情况\n表。\n")
    assert [(c.id, c.title) for c in report.section("overview").children] == expected


def test_section_spans_cover_their_text(analyze):
    text = INTRO + "一、总体情况\n正文一。\n二、主动公开政府信息情况\n正文二。"
    overview, active = analyze(text).sections
    assert text[overview.heading.start : overview.heading.end] == "一、总体情况"
    assert text[overview.span.start : overview.span.end] == "一、总体情况\n正文一。\n"
    assert active.span.end == len(text)
