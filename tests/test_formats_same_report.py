"""Same report, same answers: a sample text written as DOCX and as PDF gives the sections, metadata, table cells
and failed checks of the text itself; and the spans of the twin's report point into the text it carries."""

import pytest

from service.tables.cells import parse_number

from .conftest import SAMPLES
from .twins import to_docx, to_pdf

SAMPLE_TEXTS = ["002_246021b1e6d305f9.txt", "003_579355e8a18665bf.txt", "u01"]
WRITERS = {"docx": to_docx, "pdf": to_pdf}
# u01 is pdftotext -layout output: its tables are rows of space-separated words, which a PDF twin can only print as
# prose lines that wrap at the margin, and wrapped prose is joined back (203 + 提供). A real PDF rules its tables.
CASES = [(name, format) for name in SAMPLE_TEXTS for format in WRITERS if (name, format) != ("u01", "pdf")]


def _path(name):
    return SAMPLES.parent / "unseen" / "u01_sichuan_2022.txt" if name == "u01" else SAMPLES / name


def _answers(report):
    return {
        "document": {key: value["value"] for key, value in report.document.to_dict().items()},
        "sections": [(s.id, s.title) for s in report.sections],
        "subsections": [(c.id, c.title) for s in report.sections for c in s.children],
        "tables": {name: (t.status, {k: c.value for k, c in t.cells.items()}) for name, t in report.tables.items()},
        "failed_checks": sorted(c.id for c in report.checks if c.status == "fail"),
    }


@pytest.fixture(scope="module")
def text_reports(pipeline):
    return {name: pipeline.analyze_bytes(_path(name).read_bytes(), name) for name in SAMPLE_TEXTS}


@pytest.mark.parametrize("name, format", CASES)
def test_the_twin_gives_the_same_answers(pipeline, text_reports, name, format):
    text = _path(name).read_text(encoding="utf-8-sig")
    twin = pipeline.analyze_bytes(WRITERS[format](text), f"{name}.{format}")
    assert twin.source.format == format and twin.text
    assert _answers(twin) == _answers(text_reports[name])
    cells = [cell for table in twin.tables.values() for cell in table.cells.values()]
    assert cells and all(parse_number(twin.text[c.span.start:c.span.end]) == c.value for c in cells if c.value is not None)
