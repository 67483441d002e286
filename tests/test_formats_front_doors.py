"""Every front door reads files by their bytes: the CLI, a multipart upload, and raw bodies of any file type."""

import io
import json
import subprocess
import sys

import pytest

from .conftest import ROOT, SAMPLES
from .hostile import scanned_pdf

HONGZE = (SAMPLES / "r001_huaian_hongze_2023.pdf").read_bytes()
PAGE = (SAMPLES / "r010_pingtan_2025.html").read_bytes()


def _check_hongze(report: dict):
    assert report["source"]["format"] == "pdf" and report["source"]["pages"] == 5
    cell = report["tables"]["active_disclosure"]["cells"]["administrative_licensing.decisions"]
    assert cell["value"] == 550 and report["text"][cell["span"]["start"]:cell["span"]["end"]] == "550"


@pytest.mark.parametrize("how", ["multipart", "application/pdf", "text/plain", "application/octet-stream"])
def test_http_reads_a_pdf_however_it_is_sent(client, how):
    if how == "multipart":
        response = client.post("/api/v1/analyze", data={"file": (io.BytesIO(HONGZE), "hongze.txt")},
                               content_type="multipart/form-data")
    else:
        response = client.post("/api/v1/analyze?name=hongze.pdf", data=HONGZE, content_type=how)
    assert response.status_code == 200, response.get_json()
    _check_hongze(response.get_json())


@pytest.mark.parametrize("content_type", ["text/html; charset=utf-8",
                                          "application/vnd.openxmlformats-officedocument.wordprocessingml.document"])
def test_http_reads_an_html_page_even_under_the_wrong_type(client, content_type):
    response = client.post("/api/v1/analyze?name=r010.html", data=PAGE, content_type=content_type)
    report = response.get_json()
    assert response.status_code == 200 and report["source"]["format"] == "html"
    assert report["tables"]["applications"]["status"] == "ok"


def test_a_text_report_carries_no_text_field(client):
    data = (SAMPLES / "002_246021b1e6d305f9.txt").read_bytes()
    report = client.post("/api/v1/analyze", data=data, content_type="text/plain").get_json()
    assert report["source"]["format"] == "text" and "text" not in report and "file_sha256" not in report["source"]


@pytest.mark.parametrize("data, status, code", [
    (scanned_pdf(), 422, "scanned_pdf"),
    (HONGZE[:5000], 422, "unreadable_document"),
    (b"<html><body>" + b"<div>" * 5000 + b"x" + b"</div>" * 5000 + b"</body></html>", 413, "document_too_complex"),
])
def test_http_errors_for_hostile_files(client, data, status, code):
    response = client.post("/api/v1/analyze", data={"file": (io.BytesIO(data), "a.pdf")},
                           content_type="multipart/form-data")
    assert response.status_code == status and response.get_json()["error"]["code"] == code


def test_cli_reads_a_pdf_named_txt_and_names_the_problem_of_a_scan(tmp_path):
    lying = tmp_path / "hongze.txt"
    lying.write_bytes(HONGZE)
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(scanned_pdf())
    result = subprocess.run([sys.executable, "-m", "service", "analyze", str(lying), str(scan)],
                            capture_output=True, cwd=ROOT, timeout=120)
    assert result.returncode == 1
    _check_hongze(json.loads(result.stdout.decode().splitlines()[0]))
    error = result.stderr.decode().strip()
    assert error.startswith(f"error: {scan}: the PDF has no text layer") and error.endswith("[scanned_pdf]")
