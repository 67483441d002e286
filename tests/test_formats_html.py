"""HTML pages: the article without the portal's chrome, its encoding found, its tables read from the markup."""

import json

import pytest

from service.errors import DocumentTooComplex, EmptyDocument
from service.formats import FormatLimits
from service.formats.html import decode_html, extract_html

from .conftest import ROOT, SAMPLES
from .hostile import deep_html

PAGES = ["r010_pingtan_2025", "r012_pingtan_2023", "r015_pingtan_2020"]


@pytest.fixture(scope="module")
def page_reports(pipeline):
    return {stem: pipeline.analyze_bytes((SAMPLES / f"{stem}.html").read_bytes(), f"{stem}.html") for stem in PAGES}


@pytest.mark.parametrize("stem", PAGES)
def test_every_hand_read_cell_of_the_page(stem, page_reports):
    gold = json.loads((ROOT / "corpus" / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
    report = page_reports[stem]
    read = {f"{name}.{key}": cell.value for name, table in report.tables.items() for key, cell in table.cells.items()}
    assert read == gold["tables"]
    assert all(table.status == "ok" for table in report.tables.values())
    for name, table in report.tables.items():  # each span is the number as the page prints it
        for key, cell in table.cells.items():
            assert float(report.text[cell.span.start:cell.span.end]) == cell.value, (name, key)


@pytest.mark.parametrize("stem", PAGES)
def test_the_article_without_the_portal_chrome(stem, page_reports):
    text = page_reports[stem].text
    page = (SAMPLES / f"{stem}.html").read_text(encoding="utf-8")
    assert text.startswith("平潭综合实验区") and "政府信息公开工作年度报告" in text.split("\n")[0]
    for chrome in ("分享到微信", "省人大", "文件下载", "相关链接：", "来源：", "function"):
        assert chrome in page and chrome not in text, chrome
    assert "一、总体情况" in text and "六、其他需要报告的事项" in text


def test_a_cell_split_over_spans_is_one_number():
    """r015 prints 20 as <span>2</span><span>0</span>: the browser shows 20, so do we."""
    text = extract_html((SAMPLES / "r015_pingtan_2020.html").read_bytes()).text
    assert "一、本年新收政府信息公开申请数量\t20\t0\t0\t0\t0\t1\t21\n" in text


def test_rowspan_and_colspan_write_each_cell_once_and_keep_its_position():
    page = ("<html><body><p>表</p><table><tr><td rowspan=2>三、本年度办理结果</td><td colspan=2>（一）予以公开</td>"
            "<td>5</td></tr><tr><td>甲</td><td>乙</td><td>6</td></tr></table></body></html>")
    document = extract_html(page.encode())
    assert document.text == "表\n三、本年度办理结果\t（一）予以公开\t5\n甲\t乙\t6\n"
    grid = document.tables[0]
    assert [(c.text, c.row, c.column, c.rowspan, c.colspan) for c in grid.cells] == [
        ("三、本年度办理结果", 0, 0, 2, 1), ("（一）予以公开", 0, 1, 1, 2), ("5", 0, 3, 1, 1),
        ("甲", 1, 1, 1, 1), ("乙", 1, 2, 1, 1), ("6", 1, 3, 1, 1)]
    assert all(document.text[c.span.start:c.span.end] == c.text for c in grid.cells)


REPORT_PAGE = ('<html><head>{meta}<title>年报</title></head><body><div class="nav"><a href="/">首页</a></div>'
               "<div><p>一、总体情况</p><p>本机关2023年主动公开政府信息1136条，受理申请21件。</p></div></body></html>")


@pytest.mark.parametrize("encoding, meta, found", [
    ("utf-8", '<meta charset="utf-8">', "utf-8"),
    ("gbk", '<meta http-equiv="Content-Type" content="text/html; charset=gbk">', "gb18030"),
    ("gb2312", '<meta charset="gb2312">', "gb18030"),
    ("gb18030", "", "gb18030"),  # no meta: not UTF-8, read as GB18030
    ("utf-8", "", "utf-8"),
])
def test_encoding_from_the_meta_tag_or_the_bytes(encoding, meta, found):
    data = REPORT_PAGE.format(meta=meta).encode(encoding)
    text, used = decode_html(data)
    assert used == found and "主动公开政府信息1136条" in text
    assert "一、总体情况\n本机关2023年主动公开政府信息1136条" in extract_html(data).text


def test_the_same_page_in_gbk_gives_the_same_report(pipeline, page_reports):
    page = (SAMPLES / "r012_pingtan_2023.html").read_text(encoding="utf-8").replace('charset="utf-8"', 'charset="gbk"')
    report = pipeline.analyze_bytes(page.encode("gb18030"), "r012.html")
    assert report.text == page_reports["r012_pingtan_2023"].text
    assert report.tables["applications"].cells == page_reports["r012_pingtan_2023"].tables["applications"].cells


def test_html_nested_ten_thousand_levels_is_refused():
    with pytest.raises(DocumentTooComplex, match="nested"):
        extract_html(deep_html(10_000))


def test_too_many_elements_is_refused():
    page = "<html><body>" + "<p>政府信息公开</p>" * 2_000 + "</body></html>"
    with pytest.raises(DocumentTooComplex, match="elements"):
        extract_html(page.encode(), FormatLimits(max_html_elements=1_000))


def test_absurd_spans_are_bounded():
    page = "<table>" + '<tr><td rowspan="65534" colspan="1000">x</td></tr>' * 300 + "</table>"
    with pytest.raises(DocumentTooComplex, match="cells"):
        extract_html(page.encode())


def test_a_page_with_no_article_text():
    with pytest.raises(EmptyDocument):
        extract_html(b"<html><head><script>var a = 1;</script></head><body><nav><a href=/>x</a></nav></body></html>")
