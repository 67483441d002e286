"""The format is read from the bytes: a file that lies about its type by its name is read as what it is."""

import pytest

from service.errors import BinaryDocument, UnreadableDocument
from service.formats import detect_format

from .conftest import SAMPLES
from .twins import to_docx

TEXT = (SAMPLES / "002_246021b1e6d305f9.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("data, expected", [
    ((SAMPLES / "r001_huaian_hongze_2023.pdf").read_bytes(), "pdf"),
    (b"\r\n  %PDF-1.4 junk before the header is tolerated", "pdf"),
    ((SAMPLES / "r010_pingtan_2025.html").read_bytes(), "html"),
    (b"\xef\xbb\xbf<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
    ("<div><p>一、总体情况</p></div>".encode("gbk"), "html"),
    (to_docx(TEXT), "docx"),
    (TEXT.encode(), "text"),
    ("Markdown with a < sign and <br> only".encode(), "text"),
])
def test_format_from_bytes(data, expected):
    assert detect_format(data) == expected


@pytest.mark.parametrize("data, error, words", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, BinaryDocument, "old Office"),
    (b"PK\x03\x04" + b"\x00" * 50, UnreadableDocument, "damaged or truncated"),
])
def test_what_cannot_be_read_says_why(data, error, words):
    with pytest.raises(error, match=words):
        detect_format(data)


def test_a_zip_that_is_not_a_word_file_is_refused():
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(BinaryDocument, match="not a Word"):
        detect_format(out.getvalue())
