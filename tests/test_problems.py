"""Problem and measure statements: segmentation, themes, specificity on real sentences of the samples."""

from __future__ import annotations

import unicodedata

import pytest

from service.errors import RuleFileError
from service.problems import ProblemExtractor
from service.problems import rules as problem_rules
from service.problems.rules import load_cues

EXTRACTOR = ProblemExtractor(model=None)


def _segment(text: str):
    compact = "".join(unicodedata.normalize("NFKC", text).split())
    return [(s.kind, s.period, compact[s.start:s.end]) for s in EXTRACTOR.segmenter.segment(compact, 0, len(compact))]


@pytest.mark.parametrize("text, expected", [
    # 000: numbered problems, one measure sentence without numbers (one measure per action clause)
    ("一是“吴忠工信”官方微信公众号、官方微博平台关注人数较少，关注度、影响力有待提高。",
     [("problem", "current", "“吴忠工信”官方微信公众号、官方微博平台关注人数较少,关注度、影响力有待提高")]),
    # r017: three problems listed with 、 in one clause
    ("虽然，我区2018年度政务公开工作取得了一定成效，但还存在个别公开单位责任意识不强、政务公开工作队伍建设有待加强、便民服务仍有差距等问题。",
     [("problem", "current", "个别公开单位责任意识不强"), ("problem", "current", "政务公开工作队伍建设有待加强"),
      ("problem", "current", "便民服务仍有差距")]),
    # 004: a quality noun shares the deficiency of the next piece
    ("但公开内容的全面性、信息发布的及时性还需进一步加强。",
     [("problem", "current", "公开内容的全面性"), ("problem", "current", "信息发布的及时性还需进一步加强")]),
    # u02-like: two defects of different themes in one item are two problems
    ("仍存在一些不足：一是部分乡镇和县直部门对政务公开工作重视不够，信息更新不够及时；",
     [("problem", "current", "部分乡镇和县直部门对政务公开工作重视不够"), ("problem", "current", "信息更新不够及时")]),
    # 002: last year's problems and how they were fixed
    ("2021年，我办对2020年政务公开工作中存在的政策解读质量不高、政府网站功能不够优化等问题进行改进。一是丰富政策解读形式。全年解读政策11个。",
     [("problem", "previous", "政策解读质量不高"), ("problem", "previous", "政府网站功能不够优化"),
      ("measure", "previous", "丰富政策解读形式。全年解读政策11个")]),
    # announcing sentences are neither problems nor measures
    ("虽然政府信息公开工作取得了一些成绩，但还存在一些不足，主要表现在：", []),
    ("下一步，我局将从以下三个方面认真开展政务信息公开工作：", []),
    # a measure list after 下一步
    ("下一步，我镇将从以下方面加以改进：一是加强业务培训，提升工作人员专业能力；二是丰富解读形式。",
     [("measure", "current", "加强业务培训,提升工作人员专业能力"), ("measure", "current", "丰富解读形式")]),
])
def test_statements_of_section_five(text, expected):
    assert _segment(text) == expected


@pytest.mark.parametrize("text, theme", [
    ("政策解读形式单一", "policy_interpretation"),
    ("政务新媒体管理薄弱", "new_media_operation"),
    ("依申请公开答复质量待进一步提升", "application_handling"),
    ("政府信息公开还不够及时", "timeliness"),
    ("个别公开单位责任意识不强", "awareness_priority"),
])
def test_rule_theme(text, theme):
    assert EXTRACTOR.rule_themes.theme_of(text) == theme


@pytest.mark.parametrize("text, specific", [
    ("“吴忠工信”官方微信公众号、官方微博平台关注人数较少", True),
    ("依申请公开答复文书的规范性有待提高，全年有1件行政复议案件被纠正", True),
    ("政府开放日工作开展不规范", True),
    ("政策解读多样性需进一步加强", False),
    ("政务公开队伍建设有待进一步加强", False),
    ("少数政务新媒体“政务”属性不够突出", False),
])
def test_specificity(text, specific):
    rated = EXTRACTOR.specificity.rate(text)
    assert rated.specific is specific and rated.reasons


def test_a_bad_cue_pattern_fails_naming_file_and_line(tmp_path, monkeypatch):
    bad = tmp_path / "problem_cues.tsv"
    bad.write_text("kind\tpattern\tnote\ndeficiency\t不够(\tbroken\n", encoding="utf-8")
    monkeypatch.setattr(problem_rules, "data_path", lambda name: bad)
    with pytest.raises(RuleFileError) as caught:
        load_cues()
    assert "problem_cues.tsv:2:" in str(caught.value) and "bad regular expression" in str(caught.value)


def test_an_unknown_theme_in_the_cue_file_fails(tmp_path, monkeypatch):
    real = problem_rules.data_path
    bad = tmp_path / "problem_theme_cues.tsv"
    bad.write_text("theme\tpattern\tweight\nweather\t天气\t1\n", encoding="utf-8")
    monkeypatch.setattr(problem_rules, "data_path", lambda name: bad if name == problem_rules.THEME_CUE_FILE else real(name))
    with pytest.raises(RuleFileError) as caught:
        problem_rules.load_theme_cues(problem_rules.load_themes()[0])
    assert "problem_theme_cues.tsv:2:" in str(caught.value)


def test_findings_of_a_report_pair_measures_with_problems():
    from pathlib import Path

    from service.pipeline import Pipeline

    path = Path(__file__).resolve().parent.parent / "corpus" / "unseen" / "u03_tianhuangping_2023.txt"
    text = path.read_text(encoding="utf-8")
    report = Pipeline().analyze(text, path.name)
    problems = [f for f in report.findings if f.kind == "problem"]
    measures = [f for f in report.findings if f.kind == "measure"]
    assert [text[f.span.start:f.span.end].replace("\n", "") for f in problems] == [
        "政务公开工作人员多为兼职，业务能力有待提升", "政策解读形式不够丰富，解读质量有待提高", "村级信息公开更新不够及时"]
    assert [m.qualifiers["answers"] for m in measures] == [p.id for p in problems]
    assert all(f.section == "problems" and f.extractor == "problems" for f in problems + measures)
    # a sentence outside section 五 that only guards against errors admits nothing
    assert not any("严防" in f.value for f in problems + measures)
