"""The result store on SQLite and on a real PostgreSQL server: the same code, the same answers."""

import hashlib

import pytest
from sqlalchemy import insert, select

from service.model import Finding, Span
from service.store import (SCHEMA_VERSION, BadFilter, ReportFilter, ReportNotFound, ScoredDocument,
                           StoreUnavailable, StoreVersionError, open_store)
from service.store import schema
from service.store.migrations import current_version

from .conftest import sample_text

NAMES = ("000_3b8afcaee8bf52ed.txt", "003_579355e8a18665bf.txt", "r006_shuyang_county_2025.txt")


def scored(pipeline, name: str, findings: tuple | None = None) -> ScoredDocument:
    data = sample_text(name).encode("utf-8")
    report = pipeline.analyze_bytes(data, name).to_dict()
    if findings is not None:
        report["findings"] = [finding.to_dict() for finding in findings]
    return ScoredDocument.of_report(report, name=name, sha256=hashlib.sha256(data).hexdigest(), size_bytes=len(data))


def test_a_new_database_is_at_the_current_schema_version(store):
    with store.engine.connect() as connection:
        assert current_version(connection) == SCHEMA_VERSION


def test_opening_again_keeps_what_is_stored(store_url, pipeline):
    first = open_store(store_url)
    first.record(scored(pipeline, NAMES[0]))
    first.close()
    again = open_store(store_url)
    assert again.list_reports()[0] == 1
    again.close()


def test_a_version_1_database_migrates_to_the_review_tables(store_url, pipeline):
    """A database the batch filled before the review pages gains report_texts and corrections, its rows kept."""
    from sqlalchemy import create_engine, inspect

    from service.store import migrations

    engine = create_engine(store_url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as connection:
        schema.schema_version.create(connection)
        migrations._create_v1(connection)
        connection.execute(insert(schema.schema_version).values(version=1, applied_at="before"))
    engine.dispose()
    store = open_store(store_url)
    try:
        with store.engine.connect() as connection:
            assert current_version(connection) == SCHEMA_VERSION == 2
            assert {"report_texts", "corrections"} <= set(inspect(connection).get_table_names())
        from service.scoring import score_document

        assert store.record(score_document(pipeline, NAMES[0], sample_text(NAMES[0]).encode("utf-8")))
        assert store.report_text(1) == sample_text(NAMES[0])
        store.add_correction(report_id=1, action="not_problem", value={}, reviewer="alice", finding_id="f")
        assert [(c["reviewer"], c["action"]) for c in store.corrections(1)] == [("alice", "not_problem")]
    finally:
        store.close()


def test_a_database_newer_than_the_program_is_refused(store_url):
    open_store(store_url).close()
    store = open_store(store_url)
    with store.engine.begin() as connection:
        connection.execute(insert(schema.schema_version).values(version=SCHEMA_VERSION + 1, applied_at="later"))
    store.close()
    with pytest.raises(StoreVersionError, match="newer than this program"):
        open_store(store_url)


def test_a_report_is_stored_with_its_checks_and_queried_back(store, pipeline):
    document = scored(pipeline, NAMES[1])
    assert store.record(document)
    total, summaries = store.list_reports()
    assert total == 1 and summaries[0]["agency"] == "吴忠市商务和投资促进局" and summaries[0]["year"] == 2020
    assert store.report(summaries[0]["id"]) == pipeline.analyze(sample_text(NAMES[1]), NAMES[1]).to_dict()
    with store.engine.connect() as connection:
        checks = connection.execute(select(schema.checks.c.check_id, schema.checks.c.status)
                                    .order_by(schema.checks.c.position)).all()
    assert len(checks) == len(document.check_rows) > 0
    assert checks[0] == (document.check_rows[0]["check_id"], document.check_rows[0]["status"])


def test_findings_of_any_kind_are_stored_generically(store, pipeline):
    finding = Finding(id="f1", kind="quantity", key="open_day.attendees", value=120, span=Span(10, 13),
                      section="overview", score=0.9, method="rule", extractor="quantities", extractor_version="1",
                      qualifiers={"approximate": True}, unit="人", evidence={"trigger": "参加"})
    store.record(scored(pipeline, NAMES[0], findings=(finding,)))
    [row] = list(store.findings(kind="quantity"))
    assert (row["kind"], row["key"], row["value"], row["qualifiers"], row["span_start"], row["span_end"]) == (
        "quantity", "open_day.attendees", 120, {"approximate": True}, 10, 13)
    assert (row["extractor"], row["extractor_version"], row["evidence"]) == ("quantities", "1", {"trigger": "参加"})
    assert list(store.findings(kind="problem")) == []


def test_the_ledger_keeps_one_outcome_per_content_and_pipeline(store, pipeline):
    document = scored(pipeline, NAMES[0])
    failure = ScoredDocument.of_error("not_an_annual_report", "no sections", name="x.txt", sha256="ab" * 32,
                                      size_bytes=3, pipeline=pipeline.info)
    assert store.record(document) and store.record(failure)
    assert not store.record(document)  # a second run that scored the same content meanwhile
    statuses = store.statuses(pipeline.fingerprint, [document.sha256, failure.sha256, "cd" * 32])
    assert statuses == {document.sha256: "ok", failure.sha256: "failed"}
    assert store.statuses("another-fingerprint", [document.sha256]) == {}
    results = store.results(pipeline.fingerprint, [failure.sha256])
    assert results[failure.sha256].error_code == "not_an_annual_report"
    assert results[failure.sha256].report_json is None
    assert store.list_reports()[0] == 1  # a failure is in the ledger, not among the reports


def test_filters_by_agency_year_and_level(store, pipeline):
    for name in NAMES:
        store.record(scored(pipeline, name))
    def names(**filters):
        return [summary["name"] for summary in store.list_reports(ReportFilter(**filters))[1]]
    assert names(year=2021) == [NAMES[0]]
    assert names(level="county") == [NAMES[2]]
    assert names(agency="吴忠市") == [NAMES[0], NAMES[1]]
    assert names(agency="100%_") == []
    assert names(limit=1, offset=1) == [NAMES[1]]
    assert store.list_reports(ReportFilter(limit=1))[0] == 3


def test_an_unknown_report_id_is_a_typed_error(store):
    with pytest.raises(ReportNotFound):
        store.report(12345)


@pytest.mark.parametrize("query, message", [
    ({"year": "twenty"}, "year must be a whole number"),
    ({"year": "3000"}, "year must be a whole number"),
    ({"level": "galaxy"}, "level must be one of"),
    ({"limit": "0"}, "limit must be"),
    ({"limit": "-1"}, "limit must be"),
    ({"colour": "red"}, "unknown filter 'colour'"),
])
def test_a_bad_filter_says_what_is_wrong(query, message):
    with pytest.raises(BadFilter, match=message):
        ReportFilter.from_query(query)


def test_a_good_filter_from_query_parameters():
    assert ReportFilter.from_query({"year": "2021", "level": "city", "agency": "吴忠", "limit": "5"}) == ReportFilter(
        agency="吴忠", year=2021, level="city", limit=5)


@pytest.mark.parametrize("url", ["not a url", "nosuchdb://x/y", "postgresql://nobody@127.0.0.1:1/none"])
def test_an_unusable_database_is_a_typed_error(url):
    with pytest.raises(StoreUnavailable):
        open_store(url)
