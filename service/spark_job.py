"""Scoring a corpus past one machine: the same ``analyze`` as the batch command, on a Spark cluster.

    python -m service spark INPUT --out DIR [--master local[*]]           (a local or standalone run)
    spark-submit --py-files service.zip scripts/spark_job.py INPUT --out DIR   (a cluster: see the README)

INPUT is a directory of documents (read recursively, the batch command's file suffixes) or, with ``--texts``, a
table of texts: a catalog table or a Parquet path with the columns ``name`` and ``text``. DIR receives three
Parquet datasets: ``reports`` (one row per document: its key, outcome, metadata and ``report_json``, the same bytes
as a line of the batch command's reports.jsonl), ``checks`` and ``findings``. Each Python worker of an executor
builds the pipeline once and keeps it for every partition it scores.

pyspark is not a dependency of the library: install ``requirements-spark.txt`` where the job is submitted.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from functools import cache
from pathlib import PurePosixPath

from .batch.inputs import DOCUMENT_SUFFIXES
from .scoring import ScoredDocument, score_document

_REPORT_FIELDS = (("name", "string"), ("sha256", "string"), ("size_bytes", "long"),
                  ("pipeline_fingerprint", "string"), ("pipeline_version", "string"), ("status", "string"),
                  ("error_code", "string"), ("error_message", "string"), ("agency", "string"), ("year", "int"),
                  ("level", "string"), ("region", "string"), ("template", "string"), ("report_json", "string"))
_CHECK_FIELDS = (("position", "int"), ("check_id", "string"), ("expression", "string"), ("left_value", "double"),
                 ("right_value", "double"), ("status", "string"), ("spans", "string"), ("reason", "string"))
_FINDING_FIELDS = (("position", "int"), ("finding_id", "string"), ("kind", "string"), ("key", "string"),
                   ("value", "string"), ("unit", "string"), ("qualifiers", "string"), ("span_start", "int"),
                   ("span_end", "int"), ("section", "string"), ("score", "double"), ("method", "string"),
                   ("extractor", "string"), ("extractor_version", "string"), ("evidence", "string"))
_JSON_COLUMNS = frozenset({"spans", "value", "qualifiers", "evidence"})


@cache
def executor_pipeline():
    """The pipeline of this Python process: built on first use, then kept (Spark reuses its Python workers)."""
    from .pipeline import Pipeline

    return Pipeline()


def score_partition(documents):
    """Spark ``mapPartitions``: (name, bytes) pairs in, one row per document out, with its checks and findings."""
    pipeline = executor_pipeline()
    for name, data in documents:
        yield _row(score_document(pipeline, name, bytes(data)))


def _row(scored: ScoredDocument) -> tuple:
    columns = scored.report_columns
    report = (scored.name, scored.sha256, scored.size_bytes, scored.pipeline_fingerprint, scored.pipeline_version,
              "ok" if scored.ok else "failed", scored.error_code, scored.error_message, columns.get("agency"),
              columns.get("year"), columns.get("level"), columns.get("region"), columns.get("template"),
              scored.report_json)
    checks = [_flat(row, _CHECK_FIELDS) for row in scored.check_rows]
    findings = [_flat(row, _FINDING_FIELDS) for row in scored.finding_rows]
    return report + (checks, findings)


def _flat(row: dict, fields) -> tuple:
    """A row with its structured values as JSON text, its numbers as the Spark type says."""
    values = []
    for name, kind in fields:
        value = row.get(name)
        if name in _JSON_COLUMNS:
            value = json.dumps(value, ensure_ascii=False, sort_keys=True)
        elif value is not None and kind == "double":
            value = float(value)
        values.append(value)
    return tuple(values)


def _schema() -> str:
    """The scored rows' schema, in Spark's DDL."""

    def columns(fields, separator=" "):
        return ", ".join(f"`{name}`{separator}{kind}" for name, kind in fields)

    return (f"{columns(_REPORT_FIELDS)}, `checks` array<struct<{columns(_CHECK_FIELDS, ': ')}>>, "
            f"`findings` array<struct<{columns(_FINDING_FIELDS, ': ')}>>")


def directory_documents(spark, directory: str):
    """(name, bytes) of every document under ``directory``, named as the batch command names them: the directory
    as written, then the path below it."""
    from pyspark.sql import functions as F

    jvm_path = spark._jvm.org.apache.hadoop.fs.Path(directory)
    root = jvm_path.getFileSystem(spark._jsc.hadoopConfiguration()).makeQualified(jvm_path).toString().rstrip("/")
    files = (spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(directory)
             .select("path", "content"))
    suffix = F.lower(F.regexp_extract("path", r"(\.[^./]+)$", 1))
    files = files.where(suffix.isin(sorted(DOCUMENT_SUFFIXES)))
    given = directory.rstrip("/")

    def named(row):
        relative = row.path[len(root) + 1:]
        hidden = any(part.startswith(".") for part in PurePosixPath(relative).parts)
        return [] if hidden else [(f"{given}/{relative}", row.content)]

    return files.rdd.flatMap(named)


def table_documents(spark, table: str):
    """(name, bytes) of a table of texts (columns ``name`` and ``text``): a catalog table or a Parquet path."""
    frame = spark.read.parquet(table) if "/" in table or table.endswith(".parquet") else spark.table(table)
    return frame.select("name", "text").rdd.map(lambda row: (row.name, row.text.encode("utf-8")))


def run(spark, source: str, out: str, texts: bool = False, partitions: int | None = None) -> dict:
    """Score ``source`` and write the Parquet datasets under ``out``; return the counts of ok and failed."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    documents = table_documents(spark, source) if texts else directory_documents(spark, source)
    if partitions:
        documents = documents.repartition(partitions)
    scored = spark.createDataFrame(documents.mapPartitions(score_partition), _schema())
    scored = scored.persist(StorageLevel.MEMORY_AND_DISK)
    key = ["name", "sha256", "pipeline_fingerprint"]
    scored.drop("checks", "findings").write.mode("overwrite").parquet(f"{out}/reports")
    for nested in ("checks", "findings"):
        (scored.select(*key, F.explode(nested).alias("row")).select(*key, "row.*")
         .write.mode("overwrite").parquet(f"{out}/{nested}"))
    counts = {row.status: row["count"] for row in scored.groupBy("status").count().collect()}
    scored.unpersist()
    return {"ok": counts.get("ok", 0), "failed": counts.get("failed", 0)}


def add_parser(commands) -> argparse.ArgumentParser:
    return build_parser(commands.add_parser(
        "spark", help="score a corpus on a Spark cluster into Parquet (needs requirements-spark.txt)",
        description="Score a directory of documents, or a table of texts, with the same analysis as 'batch' on "
                    "Spark, and write Parquet datasets of reports, checks and findings under DIR."))


def build_parser(parser: argparse.ArgumentParser | None = None) -> argparse.ArgumentParser:
    parser = parser or argparse.ArgumentParser(prog="spark_job.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("source", metavar="INPUT", help="directory of documents, or with --texts a table of texts")
    parser.add_argument("--out", required=True, metavar="DIR", help="where the Parquet datasets go")
    parser.add_argument("--texts", action="store_true",
                        help="INPUT is a table of texts (catalog table name or Parquet path; columns name, text)")
    parser.add_argument("--master", help="Spark master for a run without spark-submit (e.g. local[*])")
    parser.add_argument("--partitions", type=int, help="repartition the documents (default: as read)")
    return parser


def local_python(builder):
    """Local mode: Python workers that see this interpreter's packages. Spark starts the interpreter by its real
    path, which loses a virtual environment, so the environment's site-packages go on the workers' PYTHONPATH."""
    import site

    paths = [*site.getsitepackages(), os.environ.get("PYTHONPATH", "")]
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)
    return builder.config("spark.pyspark.python", os.environ.get("PYSPARK_PYTHON", sys.executable))


def main(args: argparse.Namespace | None = None) -> int:
    args = args or build_parser().parse_args()
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        print("error: pyspark is not installed: pip install -r requirements-spark.txt", flush=True)
        return 1
    builder = SparkSession.builder.appName("gov-disclosure-report-scoring")
    if args.master:
        builder = builder.master(args.master)
    if (args.master or "").startswith("local"):
        builder = local_python(builder)
    spark = builder.getOrCreate()
    try:
        counts = run(spark, args.source, args.out, texts=args.texts, partitions=args.partitions)
    finally:
        spark.stop()
    print(f"spark: {counts['ok']} reports, {counts['failed']} failed; Parquet in {args.out}/reports, "
          f"{args.out}/checks, {args.out}/findings")
    return 1 if counts["failed"] else 0
