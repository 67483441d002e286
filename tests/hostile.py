"""Hostile and broken files, made in the test run (nothing big is committed)."""

from __future__ import annotations

import io
import struct
import zipfile

from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas


def pdf_of_pages(count: int) -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out)
    for number in range(count):
        page.drawString(100, 100, f"page {number}")
        page.showPage()
    page.save()
    return out.getvalue()


def scanned_pdf(pages: int = 2) -> bytes:
    """Pages that are only a picture, as a scanner makes them."""
    picture = io.BytesIO()
    Image.new("RGB", (300, 400), "white").save(picture, "PNG")
    out = io.BytesIO()
    page = canvas.Canvas(out)
    for _ in range(pages):
        picture.seek(0)
        page.drawImage(ImageReader(picture), 50, 50, 500, 700)
        page.showPage()
    page.save()
    return out.getvalue()


def zip_bomb(megabytes: int = 60) -> bytes:
    """A DOCX-shaped archive whose document part inflates from ~60 KB to ``megabytes`` MB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:document>" + b" " * (megabytes * 1024 * 1024) + b"</w:document>")
    return out.getvalue()


def zip_lying_about_size(real_bytes: int = 2 * 1024 * 1024, declared: int = 100) -> bytes:
    """A DOCX-shaped archive whose headers declare ``declared`` bytes for a part that inflates to ``real_bytes``."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"0" * real_bytes)
    data = bytearray(out.getvalue())
    name = b"word/document.xml"
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (at := data.find(signature, start)) >= 0:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at : name_at + len(name)] == name:
                data[at + size_at : at + size_at + 4] = struct.pack("<I", declared)
            start = at + 4
    return bytes(data)


def deep_html(levels: int = 10_000) -> bytes:
    return ("<html><body>" + "<div>" * levels + "政府信息公开工作年度报告" + "</div>" * levels
            + "</body></html>").encode()
