"""The HTTP API through Flask's test client: the three ways to submit, and every bad input as a JSON error."""

import io

import pytest

from service.api import create_app

from .conftest import sample_text

REPORT = sample_text("002_246021b1e6d305f9.txt")


def test_factory_builds_one_pipeline_per_app():
    app = create_app({"TESTING": True})
    assert app.testing and app.extensions["report_pipeline"] is not None


def test_health(client):
    body = client.get("/api/v1/health").get_json()
    assert body["status"] == "ok" and body["pipeline"]["fingerprint"]


@pytest.mark.parametrize("how", ["text", "json", "multipart"])
def test_the_three_ways_give_the_same_report(client, how):
    if how == "text":
        response = client.post("/api/v1/analyze?name=a.txt", data=REPORT.encode(), content_type="text/plain; charset=utf-8")
    elif how == "json":
        response = client.post("/api/v1/analyze", json={"text": REPORT, "name": "a.txt"})
    else:
        response = client.post("/api/v1/analyze", data={"file": (io.BytesIO(REPORT.encode()), "a.txt")},
                               content_type="multipart/form-data")
    assert response.status_code == 200
    report = response.get_json()
    assert report["schema_version"] == 1 and report["source"]["name"] == "a.txt"
    assert report["document"]["agency"]["value"] == "吴忠市人民政府办公室"
    cell = report["tables"]["applications"]["cells"]["new_received.natural_person"]
    assert cell["value"] == 25 and REPORT[cell["span"]["start"]:cell["span"]["end"]] == "25"
    problems = [f for f in report["findings"] if f["kind"] == "problem"]
    assert [REPORT[f["span"]["start"]:f["span"]["end"]] for f in problems][:1] == ["政策解读质量不高"]
    assert problems[0]["key"] == "policy_interpretation" and problems[0]["qualifiers"]["period"] == "previous"


@pytest.mark.parametrize(
    "kwargs, status, code",
    [
        ({"data": b"", "content_type": "text/plain"}, 400, "empty_document"),
        ({"data": b"   \n ", "content_type": "text/plain"}, 400, "empty_document"),
        ({"data": b"\x00\x01\x02binary", "content_type": "text/plain"}, 415, "binary_document"),
        ({"data": b"%PDF-1.7 ...", "content_type": "text/plain"}, 422, "unreadable_document"),  # read as what it is
        ({"data": "政府信息公开".encode("gbk"), "content_type": "text/plain"}, 415, "invalid_encoding"),
        ({"data": "今天天气很好，我们去公园散步。".encode(), "content_type": "text/plain"}, 422, "not_an_annual_report"),
        ({"json": {"name": "x"}}, 400, "invalid_input"),
        ({"json": {"text": 5}}, 400, "invalid_input"),
        ({"data": {"other": (io.BytesIO(b"x"), "a.txt")}, "content_type": "multipart/form-data"}, 400, "invalid_input"),
        ({"data": b"<x/>", "content_type": "application/xml"}, 400, "invalid_input"),
    ],
)
def test_bad_input_is_a_json_error(client, kwargs, status, code):
    response = client.post("/api/v1/analyze", **kwargs)
    assert response.status_code == status
    assert response.get_json()["error"]["code"] == code


def test_fifty_megabyte_upload_is_refused_with_413(client):
    response = client.post("/api/v1/analyze", data=b"a" * (50 * 1024 * 1024), content_type="text/plain")
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "document_too_large"


def test_unknown_route_and_method_are_json(client):
    assert client.get("/api/v1/nothing").get_json()["error"]["code"] == "not_found"
    assert client.get("/api/v1/analyze").status_code == 405


def test_unexpected_failure_is_a_500_without_a_traceback(app):
    class Broken:
        def analyze_bytes(self, data, name):
            raise RuntimeError("secret internals")

    app.extensions["report_pipeline"] = Broken()
    response = app.test_client().post("/api/v1/analyze", data=REPORT.encode(), content_type="text/plain")
    assert response.status_code == 500
    assert "secret internals" not in response.get_data(as_text=True)


def test_openapi_describes_the_routes(client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    assert {"/api/v1/analyze", "/api/v1/health", "/api/v1/openapi.json"} <= set(document["paths"])
    assert "Report" in document["components"]["schemas"]
