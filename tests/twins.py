"""The same report in other formats, written from a sample text: DOCX (python-docx) and PDF (reportlab, with the
CJK font STSong-Light that reportlab ships). Lines with tabs become table rows (ruled, in the PDF), every other
line a paragraph, so a twin has the words and the cells of its text and nothing else."""

from __future__ import annotations

import io
from itertools import groupby
from xml.sax.saxutils import escape

import docx
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

FONT = "STSong-Light"


def blocks(text: str):
    """("paragraph", line) and ("table", rows) in order; blank lines dropped."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]
    for is_row, group in groupby(lines, key=lambda line: "\t" in line):
        if is_row:
            yield "table", [line.split("\t") for line in group]
        else:
            for line in group:
                yield "paragraph", line.strip()


def to_docx(text: str) -> bytes:
    document = docx.Document()
    for kind, content in blocks(text):
        if kind == "paragraph":
            document.add_paragraph(content)
            continue
        width = max(len(row) for row in content)
        table = document.add_table(rows=len(content), cols=width)
        for r, row in enumerate(content):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def to_pdf(text: str) -> bytes:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    body = ParagraphStyle("body", fontName=FONT, fontSize=11, leading=16, wordWrap="CJK")
    cell = ParagraphStyle("cell", fontName=FONT, fontSize=7, leading=9, wordWrap="CJK")
    story = []
    for kind, content in blocks(text):
        if kind == "paragraph":
            story.append(Paragraph(escape(content), body))
            continue
        width = max(len(row) for row in content)
        rows = [[Paragraph(escape(value), cell) for value in row] + [""] * (width - len(row)) for row in content]
        first = 150 if width > 2 else 240
        widths = [first] + [(A4[0] - 100 - first) / max(1, width - 1)] * (width - 1)
        table = Table(rows, colWidths=widths)
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
        story.append(table)
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, leftMargin=50, rightMargin=50).build(story)
    return out.getvalue()
