"""A batch run in-process: the ledger decides what is scored, and the output files are written from it."""

import csv
import json
import shutil

import pytest

from service.batch.inputs import expand
from service.batch.outputs import remove_partial_files, write_outputs
from service.batch.runner import BatchRunner
from .conftest import SAMPLES


@pytest.fixture()
def corpus(tmp_path):
    directory = tmp_path / "corpus"
    directory.mkdir()
    for name in ("000_3b8afcaee8bf52ed.txt", "003_579355e8a18665bf.txt"):
        shutil.copy(SAMPLES / name, directory / name)
    (directory / "scan.txt").write_bytes(bytes(range(256)) * 4)  # binary data under a text name
    shutil.copy(SAMPLES / "000_3b8afcaee8bf52ed.txt", directory / "same_as_000.txt")
    return directory


def run_batch(pipeline, store, inputs, out_dir, chinese_headers=False):
    documents, problems = expand(inputs)
    summary = BatchRunner(store, pipeline.info, workers=1).run(documents, problems)
    counts = write_outputs(out_dir, store, pipeline.fingerprint, summary.run_documents, summary.unreadable,
                           pipeline.table_spec, chinese_headers)
    return summary, counts


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


def test_a_run_scores_each_content_once_and_records_failures(pipeline, store, corpus, tmp_path):
    out = tmp_path / "out"
    summary, counts = run_batch(pipeline, store, [str(corpus), str(tmp_path / "missing.txt")], out)
    assert (summary.documents, summary.scored, summary.failed, summary.skipped) == (5, 2, 2, 1)
    assert summary.any_failed
    reports = [json.loads(line) for line in (out / "reports.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [report["source"]["name"] for report in reports] == [f"{corpus}/000_3b8afcaee8bf52ed.txt",
                                                                f"{corpus}/003_579355e8a18665bf.txt"]
    assert reports[0] == pipeline.analyze((corpus / "000_3b8afcaee8bf52ed.txt").read_text(encoding="utf-8"),
                                          f"{corpus}/000_3b8afcaee8bf52ed.txt").to_dict()
    failures = read_csv(out / "failures.csv")
    assert [(row["name"].rsplit("/", 1)[-1], row["error_code"]) for row in failures] == [
        ("missing.txt", "document_not_found"), ("scan.txt", "binary_document")]

    again, _ = run_batch(pipeline, store, [str(corpus)], out)
    assert (again.scored, again.failed, again.skipped, again.skipped_failed) == (0, 0, 4, 1)
    assert again.any_failed  # the binary file's stored outcome is still a failure


def test_a_changed_file_is_scored_again(pipeline, store, corpus, tmp_path):
    run_batch(pipeline, store, [str(corpus / "003_579355e8a18665bf.txt")], tmp_path / "out")
    changed = corpus / "003_579355e8a18665bf.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n附：更正说明。\n", encoding="utf-8")
    summary, counts = run_batch(pipeline, store, [str(changed)], tmp_path / "out")
    assert (summary.scored, summary.skipped) == (1, 0) and counts["reports.jsonl"] == 1
    assert store.list_reports()[0] == 2  # both versions of the file are kept, each under its own hash


def test_the_spreadsheets(pipeline, store, corpus, tmp_path):
    out = tmp_path / "out"
    run_batch(pipeline, store, [str(corpus)], out, chinese_headers=True)
    raw = (out / "table_applications.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # UTF-8 with BOM, spreadsheet line ends
    documents = read_csv(out / "documents.csv")
    assert list(documents[0])[:4] == ["文件", "内容哈希", "报告编号", "状态"]
    assert [(row["机关"], row["年度"], row["状态"]) for row in documents] == [
        ("吴忠市工业和信息化局", "2021", "ok"), ("吴忠市商务和投资促进局", "2020", "ok"), ("", "", "failed")]
    applications = read_csv(out / "table_applications.csv")
    assert applications[1]["模板"] == "2019" and applications[1]["表格状态"] == "ok"
    assert applications[1]["new_received.total"] != ""
    checks = read_csv(out / "checks.csv")
    expected = [check for name in ("000_3b8afcaee8bf52ed.txt", "003_579355e8a18665bf.txt")
                for check in pipeline.analyze((corpus / name).read_text(encoding="utf-8")).to_dict()["checks"]]
    assert [(row["核对项"], row["状态"]) for row in checks] == [(check["id"], check["status"]) for check in expected]
    findings = [finding for name in ("000_3b8afcaee8bf52ed.txt", "003_579355e8a18665bf.txt")
                for finding in pipeline.analyze((corpus / name).read_text(encoding="utf-8")).to_dict()["findings"]]
    for kind in ("quantity", "problem", "measure"):
        rows = read_csv(out / f"findings_{kind}.csv")  # one sheet per kind, a row per finding
        assert len(rows) == sum(finding["kind"] == kind for finding in findings), kind
    assert read_csv(out / "findings_problem.csv"), "the samples admit problems in section 五"


def test_half_written_outputs_of_a_killed_run_are_removed(tmp_path):
    (tmp_path / "reports.jsonl.partial").write_text('{"half": ', encoding="utf-8")
    (tmp_path / "reports.jsonl").write_text("kept\n", encoding="utf-8")
    remove_partial_files(tmp_path)
    assert [path.name for path in tmp_path.iterdir()] == ["reports.jsonl"]
