"""Scoring one document for a corpus run: its outcome (a report or the error that stopped it) and the rows the
store keeps of it, computed where the document was scored (a batch worker process, a Spark executor), so that the
process writing the ledger only inserts. The batch command and the Spark job share it: the same bytes give the
same report JSON through either.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from .errors import ServiceError


def report_json(report_dict: dict) -> str:
    """The one serialisation of a report that the batch command, the store and the Spark job share."""
    return json.dumps(report_dict, ensure_ascii=False, separators=(", ", ": "))


@dataclass(frozen=True)
class ScoredDocument:
    """The outcome of scoring one document: a report, or the error that stopped it."""

    name: str
    sha256: str
    size_bytes: int
    pipeline_fingerprint: str
    pipeline_version: str
    report_json: str | None = None
    report_columns: dict = field(default_factory=dict)
    check_rows: tuple[dict, ...] = ()
    finding_rows: tuple[dict, ...] = ()
    error_code: str | None = None
    error_message: str | None = None
    source_text: str | None = None  # the text a plain-text report's spans index (others carry it in the report)

    @property
    def ok(self) -> bool:
        return self.report_json is not None

    @classmethod
    def of_report(cls, report_dict: dict, *, name: str, sha256: str, size_bytes: int,
                  source_text: str | None = None) -> "ScoredDocument":
        pipeline = report_dict["pipeline"]
        return cls(
            name=name, sha256=sha256, size_bytes=size_bytes,
            pipeline_fingerprint=pipeline["fingerprint"], pipeline_version=pipeline["version"],
            report_json=report_json(report_dict),
            report_columns=_report_columns(report_dict),
            check_rows=tuple(_check_row(i, check) for i, check in enumerate(report_dict["checks"])),
            finding_rows=tuple(_finding_row(i, finding) for i, finding in enumerate(report_dict["findings"])),
            source_text=None if "text" in report_dict else source_text,
        )

    @classmethod
    def of_error(cls, code: str, message: str, *, name: str, sha256: str, size_bytes: int,
                 pipeline: dict) -> "ScoredDocument":
        return cls(name=name, sha256=sha256, size_bytes=size_bytes, pipeline_fingerprint=pipeline["fingerprint"],
                   pipeline_version=pipeline["version"], error_code=code, error_message=message)


def _report_columns(report: dict) -> dict:
    document = report["document"]
    year = document["year"]["value"]
    return {
        "schema_version": report["schema_version"],
        "agency": document["agency"]["value"],
        "year": int(year) if isinstance(year, (int, float)) else None,
        "level": document["level"]["value"],
        "region": document["region"]["value"],
        "template": document["template"]["value"],
    }


def _check_row(position: int, check: dict) -> dict:
    return {
        "position": position,
        "check_id": check["id"],
        "expression": check["expression"],
        "left_value": check.get("left"),
        "right_value": check.get("right"),
        "status": check["status"],
        "spans": check.get("spans", []),
        "reason": check.get("reason"),
    }


def _finding_row(position: int, finding: dict) -> dict:
    span = finding.get("span") or {}
    extractor = finding.get("extractor") or {}
    return {
        "position": position,
        "finding_id": str(finding.get("id", position)),
        "kind": finding["kind"],
        "key": finding["key"],
        "value": finding.get("value"),
        "unit": finding.get("unit"),
        "qualifiers": finding.get("qualifiers") or {},
        "span_start": span.get("start"),
        "span_end": span.get("end"),
        "section": finding.get("section"),
        "score": finding.get("score"),
        "method": finding.get("method"),
        "extractor": extractor.get("name") if isinstance(extractor, dict) else extractor,
        "extractor_version": extractor.get("version") if isinstance(extractor, dict) else None,
        "evidence": finding.get("evidence") or {},
    }


def score_document(pipeline, name: str, data: bytes, sha256: str | None = None) -> ScoredDocument:
    """Score the file ``data`` named ``name`` with ``pipeline.analyze_bytes``. A document's failure is its outcome,
    never an exception that would stop a corpus run."""
    sha256 = sha256 or hashlib.sha256(data).hexdigest()
    try:
        report = pipeline.analyze_bytes(data, name)
        # A plain-text report's spans index the decoded bytes (analyze_bytes read them so): keep that text.
        text = None if report.text is not None else data.decode("utf-8-sig")
        return ScoredDocument.of_report(report.to_dict(), name=name, sha256=sha256, size_bytes=len(data),
                                        source_text=text)
    except ServiceError as exc:
        return ScoredDocument.of_error(exc.code, exc.message, name=name, sha256=sha256, size_bytes=len(data),
                                       pipeline=pipeline.info)
    except Exception as exc:  # a bug on one document: record it and go on with the others
        return ScoredDocument.of_error("internal_error", f"{type(exc).__name__}: {exc}", name=name, sha256=sha256,
                                       size_bytes=len(data), pipeline=pipeline.info)
