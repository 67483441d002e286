"""The review pages through Flask's test client: escaping, the anti-forgery token, the reviewer token, friendly
error pages, CSV exports, corrections kept beside the machine's output, the themes API reading the store, and the
export of corrections as gold labels."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from service.api import create_app
from service.cli import main
from service.corpus_themes import themes_from_reports
from service.labels import load_problems, load_quantities, quantity_vocabulary, spec_values
from service.review.auth import parse_tokens
from service.review.highlight import Mark, marked
from service.review.labels_export import export_labels
from service.scoring import score_document
from service.store import SCHEMA_VERSION, open_store
from service.text import SubmittedText

from .conftest import sample_text
from .review_fixtures import CORPUS, TOKENS, scored_store

HOSTILE = "<script>alert('x')</script>"


@pytest.fixture(scope="module")
def db_url(pipeline, tmp_path_factory):
    return scored_store(pipeline, tmp_path_factory.mktemp("review") / "reports.db")


@pytest.fixture()
def db_copy(db_url, tmp_path):
    """A copy of the scored database that a test may write to."""
    import shutil

    source = db_url.removeprefix("sqlite:///")
    shutil.copy(source, tmp_path / "reports.db")
    return f"sqlite:///{tmp_path / 'reports.db'}"


def _client(url, tokens=TOKENS):
    app = create_app({"TESTING": True, "REPORTS_DB_URL": url, "REVIEW_TOKENS": tokens})
    return app, app.test_client()


def _csrf(client, path="/review/login") -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).get_data(as_text=True)).group(1)


def _signed_in(url, token="alice-token-123"):
    app, client = _client(url)
    csrf = _csrf(client)
    assert client.post("/review/login", data={"csrf_token": csrf, "token": token}).status_code == 302
    return app, client, csrf


def _first_problem(url):
    store = open_store(url)
    try:
        finding = next(store.findings("problem"))
        return finding["report_id"], finding
    finally:
        store.close()


@pytest.mark.parametrize("path", ["/review/", "/review/?year=2023", "/review/?level=county&view=machine",
                                  "/review/themes/policy_interpretation", "/review/reports/",
                                  "/review/reports/1", "/review/corrections", "/review/submit", "/review/login"])
def test_pages_read_without_a_token(db_url, path):
    _, client = _client(db_url)
    response = client.get(path)
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert "<html lang=\"zh-CN\">" in response.get_data(as_text=True)


@pytest.mark.parametrize("path, status, words", [
    ("/review/?year=abc", 400, "年份"),
    ("/review/?level=planet", 400, "层级"),
    ("/review/?view=everything", 400, "view"),
    ("/review/?format=xlsx", 400, "format"),
    ("/review/themes/policy_interpretation?page=0", 400, "页码"),
    ("/review/themes/policy_interpretation?page=99", 400, "页"),
    ("/review/themes/no_such_theme", 404, "没有主题"),
    ("/review/reports/999999", 404, "999999"),
    ("/review/reports/abc", 404, "找不到"),
    ("/review/no/such/page", 404, "找不到"),
])
def test_bad_parameters_give_a_friendly_page(db_url, path, status, words):
    _, client = _client(db_url)
    response = client.get(path)
    body = response.get_data(as_text=True)
    assert response.status_code == status and response.mimetype == "text/html"
    assert words in body and "Traceback" not in body and "返回上一页" in body


def test_the_api_keeps_json_errors(db_url):
    _, client = _client(db_url)
    assert client.get("/api/v1/reports?year=abc").get_json()["error"]["code"] == "bad_filter"


def test_report_text_is_escaped(pipeline, tmp_path):
    text = sample_text("002_246021b1e6d305f9.txt").replace("政务新媒体管理薄弱", f"政务新媒体管理薄弱{HOSTILE}", 1)
    url = f"sqlite:///{tmp_path / 'reports.db'}"
    store = open_store(url)
    store.record(score_document(pipeline, f"{HOSTILE}.txt", text.encode("utf-8")))
    store.close()
    _, client = _client(url)
    for path in ("/review/reports/1", "/review/themes/new_media_operation", "/review/reports/"):
        body = client.get(path).get_data(as_text=True)
        assert HOSTILE not in body, path
        assert "&lt;script&gt;" in body, path


def test_highlighting_escapes_every_piece():
    text = "a<b>问题&c</b>d"
    html = str(marked(text, [Mark(1, 9, "f-problem", title='"><x', ref="f1"), Mark(4, 6, "inner")]))
    assert "<b>" not in html and "&lt;b&gt;" in html and "&amp;c" in html
    assert 'title="&#34;&gt;&lt;x"' in html
    assert html.count("<mark") == 3  # outer, inner (innermost wins where they overlap), outer again


def test_forms_without_the_csrf_token_are_refused(db_copy):
    _, client, _ = _signed_in(db_copy)
    report_id, finding = _first_problem(db_copy)
    response = client.post("/review/corrections", data={"report_id": report_id, "finding_id": finding["finding_id"],
                                                         "action": "theme", "theme": "timeliness"})
    assert response.status_code == 400 and "跨站" in response.get_data(as_text=True)
    wrong = client.post("/review/corrections", data={"csrf_token": "forged", "report_id": report_id,
                                                     "finding_id": finding["finding_id"], "action": "not_problem"})
    assert wrong.status_code == 400
    store = open_store(db_copy)
    assert store.corrections() == []
    store.close()


@pytest.mark.parametrize("tokens, token", [(TOKENS, None), (TOKENS, "wrong-token"), ("", "alice-token-123")])
def test_writes_need_a_configured_reviewer_token(db_copy, tokens, token):
    _, client = _client(db_copy, tokens)
    csrf = _csrf(client)
    if token:
        assert client.post("/review/login", data={"csrf_token": csrf, "token": token}).status_code == 403
    report_id, finding = _first_problem(db_copy)
    response = client.post("/review/corrections", data={"csrf_token": csrf, "report_id": report_id,
                                                        "finding_id": finding["finding_id"], "action": "not_problem"})
    assert response.status_code == 403 and "令牌" in response.get_data(as_text=True)
    assert client.post("/review/submit", data={"csrf_token": csrf, "text": "x"}).status_code == 403


def test_a_removed_token_ends_its_sessions(db_copy):
    app, client, csrf = _signed_in(db_copy)
    app.config["REVIEW_TOKENS"] = "bob:bob-token-456"
    report_id, finding = _first_problem(db_copy)
    response = client.post("/review/corrections", data={"csrf_token": csrf, "report_id": report_id,
                                                        "finding_id": finding["finding_id"], "action": "not_problem"})
    assert response.status_code == 403


def test_tokens_are_parsed_from_config():
    assert parse_tokens(" alice:a1 , bob:b2,broken, :x,y: ") == {"a1": "alice", "b2": "bob"}


def test_corrections_are_stored_beside_the_machine_output(db_copy):
    _, client, csrf = _signed_in(db_copy)
    report_id, finding = _first_problem(db_copy)
    before = open_store(db_copy)
    machine_report = before.report_json(report_id)
    before.close()
    for theme in ("timeliness", "review_accuracy"):
        response = client.post("/review/corrections", data={
            "csrf_token": csrf, "report_id": report_id, "finding_id": finding["finding_id"], "action": "theme",
            "theme": theme, "next": "https://evil.example/"})
        assert response.status_code == 302 and response.headers["Location"] == f"/review/reports/{report_id}"
    store = open_store(db_copy)
    try:
        rows = store.corrections(report_id)
        assert [(r["reviewer"], r["action"], r["value"]) for r in rows] == [
            ("alice", "theme", {"theme": "timeliness"}), ("alice", "theme", {"theme": "review_accuracy"})]
        assert rows[0]["machine"]["key"] == finding["key"] and rows[0]["created_at"]
        assert store.report_json(report_id) == machine_report  # the machine's output is untouched
        assert next(f for f in store.findings("problem") if f["finding_id"] == finding["finding_id"])["key"] == \
            finding["key"]
    finally:
        store.close()
    page = client.get(f"/review/reports/{report_id}").get_data(as_text=True)
    assert "已改为「审核与质量把关」" in page and "alice" in page
    reviewed = client.get("/review/themes/review_accuracy").get_data(as_text=True)
    assert finding["finding_id"] in reviewed
    machine = client.get("/review/themes/review_accuracy?view=machine").get_data(as_text=True)
    assert finding["finding_id"] not in machine


def test_bad_corrections_are_refused_with_a_reason(db_copy):
    _, client, csrf = _signed_in(db_copy)
    report_id, finding = _first_problem(db_copy)
    cases = [
        ({"action": "theme", "finding_id": finding["finding_id"], "theme": "nope"}, "没有主题"),
        ({"action": "theme", "finding_id": "0000", "theme": "other"}, "0000"),
        ({"action": "missing_problem", "statement": "这句话报告里没有", "theme": "other"}, "找不到"),
        ({"action": "quantity", "key": "posts_published", "value": "many", "context": "x"}, "数值"),
        ({"action": "explode"}, "未知"),
    ]
    for form, words in cases:
        response = client.post("/review/corrections", data={"csrf_token": csrf, "report_id": report_id, **form})
        assert response.status_code == 400 and words in response.get_data(as_text=True), form


def test_missing_problem_and_quantity_export_as_gold_labels(db_copy, tmp_path):
    _, client, csrf = _signed_in(db_copy)
    store = open_store(db_copy)
    report_id = next(r["id"] for r in store.report_rows() if r["name"].endswith("000_3b8afcaee8bf52ed.txt"))
    problem = next(f for f in store.findings("problem") if f["report_id"] == report_id)
    store.close()
    forms = [
        {"action": "not_problem", "finding_id": problem["finding_id"]},
        {"action": "missing_problem", "statement": "领导简历 1 条", "theme": "other", "period": "current"},
        {"action": "quantity", "key": "posts_published", "value": "247", "number": "247",
         "context": "主动公开信息 247 条", "qualifiers": "channel=all", "unit": "条"},
    ]
    for form in forms:
        response = client.post("/review/corrections", data={"csrf_token": csrf, "report_id": report_id, **form})
        assert response.status_code == 302, response.get_data(as_text=True)[-400:]
    out = tmp_path / "labels"
    assert main(["export-labels", "--db", db_copy, "--out", str(out)]) == 0
    name = "000_3b8afcaee8bf52ed.txt.tsv"
    text = SubmittedText.of(sample_text("000_3b8afcaee8bf52ed.txt"))
    problems = load_problems(out / "problems" / name, text, spec_values("problem_themes.tsv", "theme"))
    assert problem["value"] not in {text.original[p.span.start:p.span.end] for p in problems}
    assert any(p.theme == "other" and "领导简历" in text.original[p.span.start:p.span.end] for p in problems)
    keys, qualifiers = quantity_vocabulary()
    (quantity,) = load_quantities(out / "quantities" / name, text, keys, qualifiers)
    assert (quantity.key, quantity.value, quantity.qualifiers) == ("posts_published", 247.0, {"channel": "all"})
    assert "# reviewed by alice" in (out / "problems" / name).read_text(encoding="utf-8")


def test_submit_scores_and_opens_the_report(db_copy):
    _, client, csrf = _signed_in(db_copy)
    text = sample_text("004_85f1e392ae353580.txt")
    response = client.post("/review/submit", data={"csrf_token": csrf, "text": text, "name": "pasted.txt"})
    assert response.status_code == 302
    page = client.get(response.headers["Location"])
    assert page.status_code == 200 and "pasted.txt" in page.get_data(as_text=True)
    again = client.post("/review/submit", data={"csrf_token": csrf, "text": text, "name": "again.txt"})
    assert again.headers["Location"] == response.headers["Location"]  # the same bytes are scored once
    bad = client.post("/review/submit", data={"csrf_token": csrf, "text": "这不是年报。"})
    assert bad.status_code == 400 and "无法分析" in bad.get_data(as_text=True)


@pytest.mark.parametrize("path, header", [
    ("/review/?format=csv", "theme"), ("/review/themes/policy_interpretation?format=csv", "report_id"),
    ("/review/reports/?format=csv", "id"), ("/review/reports/1?format=csv", "finding_id"),
    ("/review/corrections?format=csv", "id"),
])
def test_csv_export_of_each_page(db_url, path, header):
    _, client = _client(db_url)
    response = client.get(path)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    body = response.get_data(as_text=True)
    assert body.startswith("\ufeff") and "\r\n" in body
    rows = list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))
    assert rows[0][0] == header


def test_overview_csv_counts_match_the_themes_api(db_url):
    _, client = _client(db_url)
    api = client.get("/api/v1/themes?clusters=0").get_json()
    rows = list(csv.DictReader(io.StringIO(client.get("/review/?format=csv&view=machine")
                                           .get_data(as_text=True).removeprefix("\ufeff"))))
    assert {r["theme"]: int(r["count"]) for r in rows} == {t["theme"]: t["count"] for t in api["themes"]}


def test_themes_api_reads_the_store_like_the_jsonl(db_url, pipeline):
    _, client = _client(db_url)
    from_store = client.get("/api/v1/themes?clusters=0").get_json()
    reports = [pipeline.analyze_bytes(path.read_bytes(), str(path)).to_dict() for path in CORPUS]
    expected = themes_from_reports(reports, discover=False)
    assert from_store["reports"] == expected["reports"] and from_store["statements"] == expected["statements"]
    assert [(t["theme"], t["count"], t["by_year"], t["by_level"]) for t in from_store["themes"]] == \
        [(t["theme"], t["count"], t["by_year"], t["by_level"]) for t in expected["themes"]]
    assert json.dumps(from_store["recurring"]) == json.dumps(expected["recurring"])


def test_store_migrates_to_the_review_schema(db_url):
    store = open_store(db_url)
    try:
        assert SCHEMA_VERSION == 2 and store.corrections() == []
        assert store.report_text(1) is not None  # plain-text reports keep the text their spans index
    finally:
        store.close()
