"""Scoring one document for a corpus run: a report with its rows, or the error as the outcome."""

import hashlib
import json

from service.scoring import report_json, score_document

from .conftest import SAMPLES


def test_a_report_and_its_rows(pipeline):
    data = (SAMPLES / "r006_shuyang_county_2025.txt").read_bytes()
    scored = score_document(pipeline, "r006.txt", data)
    report = pipeline.analyze_bytes(data, "r006.txt").to_dict()
    assert scored.ok and scored.sha256 == hashlib.sha256(data).hexdigest() and scored.size_bytes == len(data)
    assert scored.report_json == report_json(report) == json.dumps(report, ensure_ascii=False)
    assert scored.report_columns == {"schema_version": 1, "agency": report["document"]["agency"]["value"],
                                     "year": 2025, "level": "county", "region": report["document"]["region"]["value"],
                                     "template": "2021"}
    assert [row["check_id"] for row in scored.check_rows] == [check["id"] for check in report["checks"]]
    assert (scored.pipeline_fingerprint, scored.pipeline_version) == (pipeline.fingerprint, report["pipeline"]["version"])


def test_a_document_that_fails_is_an_outcome(pipeline):
    scored = score_document(pipeline, "weather.txt", "今天天气很好，我们去公园散步。".encode())
    assert not scored.ok and scored.error_code == "not_an_annual_report" and scored.report_json is None
    binary = score_document(pipeline, "a.txt", bytes(range(256)) * 4)
    assert binary.error_code == "binary_document"


def test_a_bug_on_one_document_is_recorded_not_raised(pipeline):
    class Broken:
        info = pipeline.info

        def analyze_bytes(self, data, name):
            raise KeyError("cell")

    scored = score_document(Broken(), "a.txt", b"x")
    assert (scored.error_code, scored.error_message) == ("internal_error", "KeyError: 'cell'")
