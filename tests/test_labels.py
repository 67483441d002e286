"""The hand-written gold labels load, and the loader refuses what it cannot anchor."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.errors import RuleFileError
from service.labels import label_files, load_report_labels

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.mark.parametrize("path", label_files(CORPUS), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_label_file_loads_and_anchors_every_label(path):
    quantities, problems = load_report_labels(path, CORPUS)
    says_none = any(line.startswith("# no problems:") for line in path.read_text(encoding="utf-8").splitlines())
    assert quantities or problems or (path.parent.name == "problems" and says_none), \
        "a label file with no labels: delete it or label the report (a report that admits no problem says so in " \
        "a comment '# no problems: why')"
    for label in quantities:
        assert label.context.start <= label.span.start < label.span.end <= label.context.end


def _write(tmp_path: Path, report: str, body: str) -> Path:
    (tmp_path / "samples").mkdir()
    (tmp_path / "samples" / "r.txt").write_text(report, encoding="utf-8")
    folder = tmp_path / "labels" / "quantities"
    folder.mkdir(parents=True)
    path = folder / "r.txt.tsv"
    header = "id\tkey\tqualifiers\tvalue\tapprox\tunit\tnumber\tcontext\twhole\n"
    path.write_text(header + body, encoding="utf-8")
    return path


REPORT = "全年共发布政务信息\r\n611条，其中文件57件。\n微信公众号发布信息611条。"


def test_context_across_a_line_break_gives_the_span_of_the_number_as_submitted(tmp_path):
    path = _write(tmp_path, REPORT, "q1\tposts_published\tchannel=all\t611\t\t条\t611\t共发布政务信息611条\t\n"
                                    "q2\tdocuments_published\tpart=文件\t57\t\t件\t57\t其中文件57件\tq1\n")
    (whole, part), _ = load_report_labels(path, tmp_path)
    assert REPORT[whole.span.start:whole.span.end] == "611"
    assert REPORT[whole.context.start:whole.context.end] == "共发布政务信息\r\n611条"
    assert REPORT[part.span.start:part.span.end] == "57" and part.whole == "q1"
    assert whole.qualifier == "channel=all" and part.qualifier is None


@pytest.mark.parametrize("row, problem", [
    ("q1\tposts_published\t\t611\t\t条\t611\t611条\t\n", "more than once"),
    ("q1\tposts_published\t\t611\t\t条\t612\t共发布政务信息611条\t\n", "not inside its context"),
    ("q1\tposts_publish\t\t611\t\t条\t611\t共发布政务信息611条\t\n", "is not one of"),
    ("q1\tposts_published\tchannel=fax\t611\t\t条\t611\t共发布政务信息611条\t\n", "channel='fax'"),
    ("q1\tother_count\t\t611\t\t条\t611\t共发布政务信息611条\t\n", "needs a label"),
    ("q1\tposts_published\t\t六百\t\t条\t611\t共发布政务信息611条\t\n", "not a number"),
    ("q1\tposts_published\t\t611\t\t条\t611\t共发布政务信息611条\tq9\n", "whole 'q9'"),
])
def test_a_bad_label_fails_naming_the_line(tmp_path, row, problem):
    path = _write(tmp_path, REPORT, row)
    with pytest.raises(RuleFileError) as caught:
        load_report_labels(path, tmp_path)
    assert problem in str(caught.value) and "r.txt.tsv:2:" in str(caught.value)
