"""``/api/v1/reports``: stored reports read through the HTTP API, from SQLite and from PostgreSQL."""

import json

import pytest

from service.api import create_app
from service.batch.inputs import expand
from service.batch.runner import BatchRunner

from .conftest import SAMPLES

SCORED = ("000_3b8afcaee8bf52ed.txt", "003_579355e8a18665bf.txt", "r006_shuyang_county_2025.txt")


@pytest.fixture()
def stored_client(pipeline, store, store_url):
    documents, problems = expand([str(SAMPLES / name) for name in SCORED])
    BatchRunner(store, pipeline.info, workers=1).run(documents, problems)
    app = create_app({"TESTING": True, "REPORTS_DB_URL": store_url})
    yield app.test_client()
    if "report_store" in app.extensions:  # opened by the first request that needed it
        app.extensions["report_store"].close()


def test_list_and_read_stored_reports(stored_client, pipeline):
    page = stored_client.get("/api/v1/reports").get_json()
    assert page["total"] == 3 and (page["limit"], page["offset"]) == (100, 0)
    assert [summary["name"].rsplit("/", 1)[-1] for summary in page["reports"]] == list(SCORED)
    assert page["reports"][0]["pipeline"]["fingerprint"] == pipeline.fingerprint
    response = stored_client.get(f"/api/v1/reports/{page['reports'][2]['id']}")
    text = (SAMPLES / SCORED[2]).read_text(encoding="utf-8")
    expected = pipeline.analyze(text, page["reports"][2]["name"]).to_dict()
    assert response.mimetype == "application/json" and response.get_json() == expected
    assert response.get_data(as_text=True) == json.dumps(expected, ensure_ascii=False)  # as the batch wrote it


@pytest.mark.parametrize("query, expected", [
    ("year=2021", ["000_3b8afcaee8bf52ed.txt"]),
    ("level=county", ["r006_shuyang_county_2025.txt"]),
    ("agency=吴忠市&year=2020", ["003_579355e8a18665bf.txt"]),
    ("level=city", []),
    ("limit=1&offset=2", ["r006_shuyang_county_2025.txt"]),
])
def test_filters(stored_client, query, expected):
    page = stored_client.get(f"/api/v1/reports?{query}").get_json()
    assert [summary["name"].rsplit("/", 1)[-1] for summary in page["reports"]] == expected


@pytest.mark.parametrize("path, status, code", [
    ("/api/v1/reports?year=abc", 400, "bad_filter"),
    ("/api/v1/reports?level=planet", 400, "bad_filter"),
    ("/api/v1/reports?limit=100000", 400, "bad_filter"),
    ("/api/v1/reports?sort=agency", 400, "bad_filter"),
    ("/api/v1/reports/999999", 404, "report_not_found"),
    ("/api/v1/reports/abc", 404, "not_found"),
])
def test_bad_requests_are_json_errors(stored_client, path, status, code):
    response = stored_client.get(path)
    assert response.status_code == status
    assert response.get_json()["error"]["code"] == code


def test_without_a_configured_database_the_routes_say_so(monkeypatch):
    monkeypatch.delenv("REPORTS_DB_URL", raising=False)
    response = create_app({"TESTING": True}).test_client().get("/api/v1/reports")
    assert response.status_code == 503
    assert response.get_json()["error"]["code"] == "store_not_configured"


def test_openapi_describes_the_stored_reports(client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert {"/api/v1/reports", "/api/v1/reports/{id}"} <= set(document["paths"])
    parameters = {p["name"] for p in document["paths"]["/api/v1/reports"]["get"]["parameters"]}
    assert {"agency", "year", "level"} <= parameters
