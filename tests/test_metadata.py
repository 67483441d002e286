"""Who reports, on which year, level, region and template."""

import pytest

BODY = "\n一、总体情况\n正文。\n二、主动公开政府信息情况\n表。\n"


@pytest.mark.parametrize(
    "head, agency, year, level, region",
    [
        ("吴忠市工业和信息化局\n2021 年政府信息公开工作年度报告", "吴忠市工业和信息化局", 2021, "department", "吴忠市"),
        ("# 沐阳县人民政府 2025 年 政府信息公开工作年度报告", "沐阳县人民政府", 2025, "county", "沐阳县"),
        ("2024 年上海市科委政府信息公开工作\n年度报告", "上海市科委", 2024, "department", "上海市"),
        ("标题: 平潭综合实验区2025年度政府信息公开工作年度报告", "平潭综合实验区", 2025, "county", "平潭综合实验区"),
        ("吴忠市人民政府办公室\n2021年政府信息公开工作年度报告", "吴忠市人民政府办公室", 2021, "city", "吴忠市"),
        ("江苏省淮安市洪泽区人民政府2023年政府信息公开工作年度报告", "江苏省淮安市洪泽区人民政府", 2023, "county", "洪泽区"),
        ("浙江省人民政府2022年政府信息公开工作年度报告", "浙江省人民政府", 2022, "province", "浙江省"),
        ("某某镇人民政府2023年政府信息公开工作年度报告", "某某镇人民政府", 2023, "township", "某某镇"),
        ("中华人民共和国教育部2020年政府信息公开工作年度报告", "中华人民共和国教育部", 2020, "ministry", None),
    ],
)
def test_title_block(analyze, head, agency, year, level, region):
    doc = analyze(head + BODY).document
    assert (doc.agency.value, doc.year.value, doc.level.value, doc.region.value) == (agency, year, level, region)


def test_title_without_agency_says_so(analyze):
    doc = analyze("2021年政府信息公开工作年度报告" + BODY).document
    assert doc.agency.value is None and doc.agency.confidence == 0
    assert doc.year.value == 2021


def test_agency_span_is_evidence(analyze):
    text = "吴忠市商务和投资促进局\n\n2020 年政府信息公开工作年度报告" + BODY
    agency = analyze(text).document.agency
    assert text[agency.span.start : agency.span.end] == "吴忠市商务和投资促进局"


@pytest.mark.parametrize(
    "table_header, template",
    [("信息内容\t本年制发件数\t本年废止件数\t现行有效件数", "2021"),
     ("信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量", "2019")],
)
def test_template_from_table_headings(analyze, table_header, template):
    text = "X局2020年政府信息公开工作年度报告\n一、总体情况\n正文。\n二、主动公开政府信息情况\n第二十条第（一）项\n" + table_header
    assert analyze(text).document.template.value == template


def test_old_outline_is_pre2019(analyze):
    text = "X局2015年政府信息公开工作年度报告\n一、概述\n正文。\n二、主动公开政府信息情况\n正文。\n七、统计表\n指标名称 计量单位"
    assert analyze(text).document.template.value == "pre2019"
