"""The Spark job in local mode gives byte for byte the report JSON of the batch command for the same inputs."""

import json
import os
import shutil
import subprocess
import sys

import pytest

from .conftest import ROOT, SAMPLES

if os.environ.get("CI"):
    import pyspark  # noqa: F401  CI installs requirements-spark.txt: a missing pyspark is a failure there
else:
    pytest.importorskip("pyspark", reason="pyspark is not installed (pip install -r requirements-spark.txt)")

from service import spark_job  # noqa: E402

pytestmark = [
    pytest.mark.spark,
    # py4j leaves its sockets to the garbage collector: not ours to close, so not an error here.
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
]
DOCUMENTS = ("000_3b8afcaee8bf52ed.txt", "003_579355e8a18665bf.txt", "r006_shuyang_county_2025.txt")


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    builder = (SparkSession.builder.master("local[1]").appName("test-spark-job")
               .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "1")
               .config("spark.pyspark.driver.python", sys.executable))
    session = spark_job.local_python(builder).getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Three documents, and what the batch command writes for them."""
    directory = tmp_path_factory.mktemp("spark") / "corpus"
    directory.mkdir()
    for name in DOCUMENTS:
        shutil.copy(SAMPLES / name, directory / name)
    out = directory.parent / "batch"
    subprocess.run([sys.executable, "-m", "service", "batch", str(directory), "--out", str(out), "--workers", "1",
                    "--no-progress"], cwd=ROOT, check=True, capture_output=True, timeout=300,
                   env={key: value for key, value in os.environ.items() if key != "REPORTS_DB_URL"})
    lines = (out / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    return directory, lines


def stored_reports(spark, out) -> dict[str, str]:
    rows = spark.read.parquet(f"{out}/reports").select("name", "status", "report_json").collect()
    assert {row.status for row in rows} == {"ok"}
    return {row.name: row.report_json for row in rows}


def test_a_directory_gives_the_batch_commands_bytes(spark, corpus, tmp_path):
    directory, batch_lines = corpus
    counts = spark_job.run(spark, str(directory), str(tmp_path / "out"))
    assert counts == {"ok": 3, "failed": 0}
    reports = stored_reports(spark, tmp_path / "out")
    assert sorted(reports) == [f"{directory}/{name}" for name in DOCUMENTS]
    assert [reports[name] for name in sorted(reports)] == batch_lines
    checks = spark.read.parquet(str(tmp_path / "out" / "checks"))
    assert checks.count() == sum(line.count('"expression": ') for line in batch_lines)
    findings = sum(len(json.loads(line)["findings"]) for line in batch_lines)
    assert findings > 0 and spark.read.parquet(str(tmp_path / "out" / "findings")).count() == findings


def test_a_table_of_texts_gives_the_same_bytes(spark, corpus, tmp_path):
    directory, batch_lines = corpus
    texts = [(f"{directory}/{name}", (directory / name).read_text(encoding="utf-8")) for name in DOCUMENTS]
    spark.createDataFrame(texts, "name string, text string").write.parquet(str(tmp_path / "texts"))
    counts = spark_job.run(spark, str(tmp_path / "texts"), str(tmp_path / "out"), texts=True, partitions=2)
    assert counts == {"ok": 3, "failed": 0}
    reports = stored_reports(spark, tmp_path / "out")
    assert [reports[name] for name in sorted(reports)] == batch_lines
