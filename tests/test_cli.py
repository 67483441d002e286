"""The command line as a user runs it: a subprocess."""

import json
import subprocess
import sys

from .conftest import ROOT, SAMPLES


def run(*args, stdin: bytes | None = None):
    return subprocess.run([sys.executable, "-m", "service", *args], input=stdin, capture_output=True, cwd=ROOT,
                          timeout=120)


def test_help_says_it_all():
    result = run("analyze", "--help")
    assert result.returncode == 0
    assert b"JSON Lines" in result.stdout and b"standard input" in result.stdout


def test_one_path_prints_one_json_document():
    result = run("analyze", str(SAMPLES / "000_3b8afcaee8bf52ed.txt"))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["document"]["agency"]["value"] == "吴忠市工业和信息化局"
    assert report["tables"]["active_disclosure"]["cells"]["administrative_licensing.decisions"]["value"] == 24


def test_several_paths_print_json_lines_and_a_failure_does_not_stop_the_rest(tmp_path):
    missing = tmp_path / "missing.txt"
    result = run("analyze", str(SAMPLES / "002_246021b1e6d305f9.txt"), str(missing),
                 str(SAMPLES / "003_579355e8a18665bf.txt"))
    assert result.returncode == 1
    lines = result.stdout.decode().splitlines()
    assert [json.loads(line)["document"]["year"]["value"] for line in lines] == [2021, 2020]
    assert result.stderr.decode().strip() == f"error: {missing}: no such file [document_not_found]"
    assert b"Traceback" not in result.stderr


def test_standard_input():
    data = (SAMPLES / "004_85f1e392ae353580.txt").read_bytes()
    result = run("analyze", "-", "--name", "004.txt", stdin=data)
    assert result.returncode == 0
    report = json.loads(result.stdout)
    assert report["source"]["name"] == "004.txt" and report["document"]["agency"]["value"] is None


def test_bad_inputs_name_the_problem(tmp_path):
    binary = tmp_path / "a.bin"
    binary.write_bytes(b"\x00\x01\x02\x03" * 10)
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("政府信息公开工作年度报告".encode("gbk"))
    result = run("analyze", str(binary), str(gbk), str(tmp_path))
    assert result.returncode == 1
    errors = result.stderr.decode().splitlines()
    assert "binary data" in errors[0] and "not valid UTF-8" in errors[1] and "is a directory" in errors[2]
    assert b"Traceback" not in result.stderr


def test_usage_error_exits_2():
    assert run("frobnicate").returncode == 2
