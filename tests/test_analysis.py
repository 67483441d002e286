"""Tokens and sentences of a document, read once for every extractor."""

from __future__ import annotations

import jieba
import pytest

from service.analysis import DomainTokenizer, load_domain_words
from service.errors import RuleFileError
from service.text import SubmittedText
from tests.conftest import sample_text


@pytest.fixture(scope="module")
def tokenizer():
    return DomainTokenizer()


@pytest.mark.parametrize("text, words", [
    ("全年通过政务新媒体发布信息", ["全年", "通过", "政务新媒体", "发布", "信息"]),
    ("微信公众号推送图文120篇", ["微信公众号", "推送", "图文", "120", "篇"]),
    ("举办政府开放日活动3次", ["举办", "政府开放日", "活动", "3", "次"]),
    ("收到依申请公开申请26件", ["收到", "依申请公开", "申请", "26", "件"]),
    ("受理12345热线工单", ["受理", "12345热线", "工单"]),
    ("未收取信息处理费", ["未", "收取", "信息处理费"]),
])
def test_domain_words_come_out_whole(tokenizer, text, words):
    assert [t.text for t in tokenizer.tokenize(text)] == words


def test_the_global_jieba_tokenizer_is_left_alone(tokenizer):
    tokenizer.tokenize("政务新媒体")
    assert jieba.lcut("政务新媒体") == ["政务", "新", "媒体"]


def test_a_bad_dictionary_line_fails_naming_file_and_line(tmp_path):
    path = tmp_path / "words.txt"
    path.write_text("# words\n政务新媒体 2000 n\n政府 开放日 x 1\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"words.txt:3:"):
        load_domain_words(path)


def test_sentences_join_broken_lines_and_know_their_section(pipeline):
    original = sample_text("002_246021b1e6d305f9.txt")
    text = SubmittedText.of(original)
    sections = pipeline.sections.find(text)
    document = pipeline.analyzer.analyze(text, sections, {})
    by_text = {document.compact[s.start:s.end]: s for s in document.sentences}
    sentence = by_text["2021年,我办共办结依申请公开26件(上年结转1件,重复申请2件)。"]
    assert sentence.section == "overview.application"
    broken = next(s for s in document.sentences if document.compact[s.start:s.end].startswith("**进一步转变观念"))
    assert document.compact[broken.start:broken.end].endswith("支持市场主体创业创新的重要方式。")
    span = document.span(sentence.start, sentence.end)
    assert original[span.start:span.end].startswith("2021年，我办共办结依申请公开26件")
