"""``python -m service batch`` as a user runs it: a subprocess, killed with SIGKILL mid-run and run again."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

from .conftest import ROOT, SAMPLES, distinct_copies

KILL_CORPUS = 600  # at ~150 documents a second on one worker, a run takes a few seconds: time to kill it


def batch(*args, env=None, **kwargs):
    """The batch command; its database is the default one in --out unless the test names one."""
    env = env or {key: value for key, value in os.environ.items() if key != "REPORTS_DB_URL"}
    return subprocess.run([sys.executable, "-m", "service", "batch", *args], capture_output=True, cwd=ROOT,
                          timeout=300, env=env, **kwargs)


def committed(database) -> int:
    if not database.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5) as connection:
            return connection.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # the schema is not there yet
        return 0


def test_help_names_inputs_outputs_and_resuming():
    result = batch("--help")
    assert result.returncode == 0
    for words in (b"glob pattern", b"--workers", b"reports.jsonl", b"resumes", b"--db URL"):
        assert words in result.stdout


def test_the_summary_and_the_exit_status(tmp_path):
    out = tmp_path / "out"
    weather = tmp_path / "weather.txt"
    weather.write_text("今天天气很好，我们去公园散步。", encoding="utf-8")
    inputs = [str(SAMPLES / "002_246021b1e6d305f9.txt"), str(weather)]
    result = batch(*inputs, "--out", str(out), "--no-progress")
    assert result.returncode == 1, result.stderr
    assert b"2 documents: 1 scored, 1 failed, 0 skipped" in result.stderr
    assert (out / "reports.db").exists() and len((out / "reports.jsonl").read_text().splitlines()) == 1

    good_only = batch(inputs[0], "--out", str(out), "--no-progress")
    assert good_only.returncode == 0 and b"1 documents: 0 scored, 0 failed, 1 skipped" in good_only.stderr


def test_the_jsonl_line_is_what_analyze_prints(tmp_path):
    path = str(SAMPLES / "003_579355e8a18665bf.txt")
    batch(path, "--out", str(tmp_path), "--no-progress", check=True)
    analyze = subprocess.run([sys.executable, "-m", "service", "analyze", "--compact", path], capture_output=True,
                             cwd=ROOT, check=True)
    assert (tmp_path / "reports.jsonl").read_bytes() == analyze.stdout


def test_killed_mid_run_the_same_command_resumes_and_scores_each_document_once(tmp_path):
    corpus = tmp_path / "corpus"
    distinct_copies(corpus, KILL_CORPUS)
    out = tmp_path / "out"
    database = out / "reports.db"
    command = [sys.executable, "-m", "service", "batch", str(corpus), "--out", str(out), "--workers", "1"]
    # Its own session, so that the kill takes the run and its worker process at once, as a power cut would.
    environment = {key: value for key, value in os.environ.items() if key != "REPORTS_DB_URL"}
    run = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           start_new_session=True, env=environment)
    deadline = time.monotonic() + 120
    while committed(database) < 50 and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(run.pid, signal.SIGKILL)
    run.wait(timeout=30)
    run.stderr.close()
    before = committed(database)
    assert run.returncode == -signal.SIGKILL
    assert 50 <= before < KILL_CORPUS, "the run must be killed in the middle"
    assert not (out / "reports.jsonl").exists()  # outputs are written at the end, never half

    resumed = batch(*command[4:], "--no-progress")
    assert resumed.returncode == 0, resumed.stderr
    assert (f"{KILL_CORPUS} documents: {KILL_CORPUS - before} scored, 0 failed, {before} skipped"
            .encode() in resumed.stderr)
    with sqlite3.connect(database) as connection:
        names = [row[0] for row in connection.execute("SELECT name FROM documents")]
        stored = {row[0] for row in connection.execute("SELECT report_json FROM reports")}
    expected = [f"{corpus}/copy_{number:05d}.txt" for number in range(KILL_CORPUS)]
    assert sorted(names) == expected  # each document exactly once in the ledger
    lines = (out / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["source"]["name"] for line in lines] == expected  # once each, in order
    assert set(lines) == stored
    assert not list(out.glob("*.partial"))

    unchanged = batch(*command[4:], "--no-progress")
    assert f"0 scored, 0 failed, {KILL_CORPUS} skipped".encode() in unchanged.stderr
    assert (out / "reports.jsonl").read_text(encoding="utf-8").splitlines() == lines


def test_the_database_can_be_named_by_url_or_environment(store_url, tmp_path):
    document = str(SAMPLES / "004_85f1e392ae353580.txt")
    first = batch(document, "--out", str(tmp_path / "a"), "--db", store_url, "--no-progress")
    assert first.returncode == 0 and b"1 scored" in first.stderr, first.stderr
    assert not (tmp_path / "a" / "reports.db").exists()
    environment = dict(os.environ, REPORTS_DB_URL=store_url)
    again = batch(document, "--out", str(tmp_path / "b"), "--no-progress", env=environment)
    assert b"0 scored, 0 failed, 1 skipped" in again.stderr, again.stderr
    assert (tmp_path / "a" / "reports.jsonl").read_bytes() == (tmp_path / "b" / "reports.jsonl").read_bytes()
