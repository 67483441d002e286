"""One report in, one structured report out: ``Pipeline().analyze(text, name) -> Report``.

A ``Pipeline`` reads its rule files once when built (a bad file fails here, naming file and line) and is then
safe to share between requests of one process: ``analyze`` keeps no state between documents.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace

from . import __version__
from .analysis import DOMAIN_WORDS, Analyzer, load_domain_words
from .checks import narrative_checks, run_checks
from .quantities import load_quantity_extractor
from .quantities.model import MODELS_DIR, check_model
from .quantities.rules import load_quantity_rules
from .errors import NotAnAnnualReport
from .formats import FormatLimits, extract
from .metadata import MetadataReader, load_level_rules
from .problems import ProblemExtractor
from .problems.extractor import check_problem_files
from .model import Report, Section, Source, Table
from .rules import data_path
from .sections import TOP_IDS, SectionFinder, load_heading_rules
from .tables import TableReader, TableSpec, load_table_spec
from .tables.reader import Region
from .text import SubmittedText

PIPELINE_NAME = "gov-disclosure-report"
RULE_FILES = ("sections.tsv", "table_rows.tsv", "levels.tsv", "domain_words.txt", "quantity_rules.tsv", "not_quantities.tsv")
_TABLE_SECTIONS = {"active_disclosure": "active_disclosure", "applications": "applications",
                   "review_litigation": "review_litigation"}
# Where a table's section heading is missing, the table is still found by its first printed words.
_TABLE_ANCHORS = {
    "active_disclosure": re.compile(r"第二十条第\(一\)项"),
    "applications": re.compile(r"本年新收政府信息公开申请"),
    "review_litigation": re.compile(r"结果维持"),
}
_REPORT_WORDS = re.compile(r"政府信息公开|政务公开|信息公开")


class Pipeline:
    def __init__(self, limits: FormatLimits | None = None, extractors: tuple | None = None):
        """``extractors``: the extractors to run (default: the quantity and problem extractors with their models;
        ``()`` for none, as training does before a model exists)."""
        self.limits = limits or FormatLimits()
        self.table_spec = load_table_spec()
        row_labels = tuple(row.label for row in self.table_spec.rows if row.label is not None)
        self.sections = SectionFinder(load_heading_rules(), row_labels=row_labels)
        self.tables = TableReader(self.table_spec)
        self.metadata = MetadataReader(load_level_rules())
        self.analyzer = Analyzer()
        self.extractors: tuple = (load_quantity_extractor(), ProblemExtractor()) if extractors is None else extractors
        self.fingerprint = _fingerprint()

    @property
    def info(self) -> dict:
        return {"name": PIPELINE_NAME, "version": __version__, "fingerprint": self.fingerprint}

    def analyze_bytes(self, data: bytes, name: str | None = None) -> Report:
        """The one entry for a file as submitted: its format sniffed from the bytes, its text extracted, analysed.
        For HTML, PDF and DOCX the report carries the extracted text, which its spans index."""
        document = extract(data, self.limits)
        report = self.analyze(document.text, name)
        if document.format == "text":
            return report
        source = replace(report.source, format=document.format, file_sha256=hashlib.sha256(data).hexdigest(),
                         bytes=len(data), pages=document.pages)
        return replace(report, source=source, text=document.text)

    def analyze(self, original: str, name: str | None = None) -> Report:
        """A report of text (UTF-8, already decoded); spans index ``original``."""
        text = SubmittedText.of(original)
        sections = self.sections.find(text)
        _require_report(text, sections)
        regions = {name: self._region(text, sections, name) for name in _TABLE_SECTIONS}
        table_template = self.tables.table_template(text, regions["active_disclosure"])
        document = self.metadata.read(text, sections, table_template)
        tables = self._read_tables(text, regions, document.template.value)
        analyzed = self.analyzer.analyze(text, sections, tables)
        findings = sorted((f for extractor in self.extractors for f in extractor.extract(analyzed)),
                          key=lambda f: (f.span.start, f.span.end, f.kind, f.key))
        return Report(
            source=Source(name, hashlib.sha256(original.encode("utf-8")).hexdigest(), len(original)),
            pipeline=self.info,
            document=document,
            sections=sections,
            tables=tables,
            checks=run_checks(tables, self.table_spec) + narrative_checks(findings, tables, original),
            findings=tuple(findings),
        )

    def _read_tables(self, text: SubmittedText, regions: dict[str, Region | None], template: str | None) -> dict[str, Table]:
        if template == "pre2019":
            reason = "pre-2019 reports print the older 统计表, not the keyed tables of the 2019/2021 templates"
            return {name: Table(name, "pre2019", "missing", reasons=(reason,)) for name in _TABLE_SECTIONS}
        return {name: self.tables.read(name, text, region, template) for name, region in regions.items()}

    def _region(self, text: SubmittedText, sections: tuple[Section, ...], table: str) -> Region | None:
        """Where a table is printed: its section, or, where the heading is missing or does not hold the table
        (an agency's own outline), from the table's first printed words to the next section."""
        normal, compact = text.normal, text.compact
        section = next((s for s in sections if s.id == _TABLE_SECTIONS[table]), None)
        if section is not None:
            words = compact.text[compact.index_at_or_after(section.span.start):compact.index_at_or_after(section.span.end)]
            if table != "active_disclosure" or _TABLE_ANCHORS[table].search(words):
                return Region(normal.index_at_or_after(section.heading.end), normal.index_at_or_after(section.span.end))
        anchor = _TABLE_ANCHORS[table].search(compact.text)
        if anchor is None:
            return None
        start = normal.index_at_or_after(compact.offset(anchor.start()))
        later = [s.span.start for s in sections if s.span.start > normal.offset(start)]
        return Region(start, normal.index_at_or_after(min(later)) if later else len(normal.text))


def _require_report(text: SubmittedText, sections: tuple[Section, ...]) -> None:
    found = {s.id for s in sections if s.id in TOP_IDS}
    words = _REPORT_WORDS.search(text.compact.text)
    if words and len(found) >= 2:
        return
    if words and re.search(r"年度报告|年报", text.compact.text[:3000]) and found:
        return
    raise NotAnAnnualReport(
        "the text is not a government information-disclosure annual report: "
        f"it has {len(found)} of the six standard sections ({', '.join(sorted(found)) or 'none'})"
        + ("" if words else " and never mentions 政府信息公开")
    )


def describe_pipeline() -> tuple[dict, TableSpec]:
    """What a batch's parent process needs, without building a ``Pipeline``: the pipeline's ``info`` (with its
    fingerprint) and the table spec. Every rule file is read and validated and each model's ``meta.json`` checked
    against this installation, so a bad file or a stale model fails here, before any worker starts; but neither
    jieba's dictionary nor scikit-learn is loaded (a ``Pipeline`` costs about 1.3 s and 190 MiB)."""
    table_spec = load_table_spec()
    load_heading_rules()
    load_level_rules()
    load_domain_words(data_path(DOMAIN_WORDS))
    check_model(load_quantity_rules().files)
    check_problem_files()
    return {"name": PIPELINE_NAME, "version": __version__, "fingerprint": _fingerprint()}, table_spec


def _fingerprint() -> str:
    digest = hashlib.sha256(__version__.encode())
    for name in RULE_FILES:
        digest.update(data_path(name).read_bytes())
    for meta in sorted(MODELS_DIR.glob("*/*/meta.json")):  # the trained models the extractors load
        digest.update(meta.read_bytes())
    return digest.hexdigest()[:16]
