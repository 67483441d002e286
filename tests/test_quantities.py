"""Narrative quantities in real sentences (from the sample reports), the model's refusal, narrative-vs-table checks."""

from __future__ import annotations

import json
import shutil

import pytest

from service.quantities.model import MODELS_DIR, ModelMismatch, QuantityModel
from service.quantities.rules import load_quantity_rules

from .conftest import SAMPLES

INTRO = "X市X局2021年政府信息公开工作年度报告\n根据《条例》编制本报告。\n一、总体情况\n"
OUTRO = "\n二、主动公开政府信息情况\n（略）\n五、存在的主要问题及改进情况\n无。\n"


def _quantities(analyze, sentence: str):
    report = analyze(INTRO + sentence + OUTRO)
    text = INTRO + sentence + OUTRO
    return [(f.key, f.qualifiers.get("channel") or f.qualifiers.get("form"), f.value, text[f.span.start:f.span.end])
            for f in report.findings if f.kind == "quantity"]


@pytest.mark.parametrize("sentence, expected", [
    ("全年通过门户网站公开政府信息611条，其中文件57件，人事信息15条。", [
        ("posts_published", "portal", 611, "611"), ("documents_published", None, 57, "57"),
        ("posts_published", "portal", 15, "15")]),
    ("微信公众号发送图文消息1045篇。", [("posts_published", "wechat", 1045, "1045")]),
    ("2021年，我办共办结依申请公开26件（上年结转1件）。", [
        ("applications_completed", None, 26, "26"), ("applications_carried_over", None, 1, "1")]),
    ("全年累计发布政策解读82篇。", [("policy_interpretations", "all", 82, "82")]),
    ("举办政府开放日活动3次，邀请群众120人次参加。", [
        ("open_day_events", None, 3, "3"), ("open_day_participants", None, 120, "120")]),
    ("组织政务公开业务培训2次，参训人员150人。", [
        ("training_sessions", None, 2, "2"), ("training_participants", None, 150, "150")]),
    ("全年共受理12345热线工单3000余件。", [("hotline_tickets", None, 3000, "3000")]),
    ("本报告所列数据统计期限为2021年1月1日至12月31日，联系电话0953-2032000。", []),
])
def test_counts_in_real_sentences(analyze, sentence, expected):
    assert _quantities(analyze, sentence) == expected


def test_every_finding_carries_its_evidence(pipeline):
    data = (SAMPLES / "002_246021b1e6d305f9.txt").read_bytes()
    report = pipeline.analyze_bytes(data, "002")
    text = data.decode("utf-8")
    quantities = [f for f in report.findings if f.kind == "quantity"]
    assert len(quantities) >= 20
    for finding in quantities:
        assert finding.extractor == "quantities" and finding.extractor_version.startswith("1.0+model.")
        assert finding.method in ("rule", "ml", "hybrid") and 0 < finding.score <= 1
        clause = finding.evidence["clause"]
        assert clause["start"] <= finding.span.start < finding.span.end <= clause["end"]
        assert text[finding.span.start:finding.span.end] == finding.evidence["number"]


def test_a_model_trained_on_other_rules_is_refused(tmp_path):
    rules = load_quantity_rules()
    directory = tmp_path / "quantities" / "1"
    shutil.copytree(MODELS_DIR / "quantities" / "1", directory)
    meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
    QuantityModel.load(rules.files, directory)  # the committed model matches the committed rules
    meta["rules_hash"] = "0" * 16
    (directory / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelMismatch, match="train_quantities"):
        QuantityModel.load(rules.files, directory)


def test_narrative_restating_the_table_is_checked(pipeline):
    report = pipeline.analyze_bytes((SAMPLES / "r006_shuyang_county_2025.txt").read_bytes(), "r006")
    checks = {c.id: c for c in report.checks if c.id.startswith("narrative.")}
    received = checks["narrative.applications_received"]
    assert (received.left, received.right, received.status) == (749, 713, "fail")  # 749 counts the 36 carried over
    assert checks["narrative.applications_completed"].status == "pass"
    assert len(received.spans) == 2
