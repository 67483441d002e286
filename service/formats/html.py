"""HTML pages as portals publish them: the encoding found, the site's chrome left out, the article kept, and its
tables read from the markup (rowspan and colspan included).

The article is the element that holds most of the page's paragraph text (a Readability-style score: each
paragraph's text counts for its parent and half for its grandparent); navigation, scripts, forms and link lists
score nothing. The page's title (``ArticleTitle`` meta, else ``<h1>``, else ``<title>``) is put first when the
article does not start with it, since the title names the reporting body and the year.

Every walk over the tree is iterative (``lxml.etree.iterwalk``): a page nested thousands of levels deep cannot
exhaust Python's stack, and libxml2 itself stops nesting at 256 levels, which we refuse with a clear error rather
than read a page whose deepest content was dropped.
"""

from __future__ import annotations

import re
from collections import defaultdict

import lxml.html
from lxml import etree

from ..errors import DocumentTooComplex, EmptyDocument, UnreadableDocument
from .document import ExtractedDocument, FormatLimits, SourceCell, TextBuilder, clean_inline, join_pieces

_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_ENCODING_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "utf8": "utf-8"}
_CHROME = ("script", "style", "noscript", "iframe", "nav", "header", "footer", "form", "select", "button",
           "textarea", "template", "svg", "object", "embed", "head")
_BLOCKS = frozenset({"p", "div", "section", "article", "main", "aside", "h1", "h2", "h3", "h4", "h5", "h6", "li",
                     "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "address", "center", "tr", "caption",
                     "figure", "figcaption", "hr"})
_PARAGRAPHS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "pre", "blockquote")
_TITLE_SEPARATORS = re.compile(r"\s*[_|｜\-–—]\s*")
_LIBXML_MAX_DEPTH = 255
_BREAK = "\x00"  # a block boundary inside a table cell (no NUL survives HTML parsing)


def extract_html(data: bytes, limits: FormatLimits = FormatLimits()) -> ExtractedDocument:
    text, encoding = decode_html(data)
    root = _parse(text, limits)
    title = _article_title(root)
    for element in list(root.iter(*_CHROME)):
        element.drop_tree()
    article = _find_article(root)
    builder = TextBuilder(limits.max_table_cells)
    if title and title not in clean_inline(article.text_content())[:300]:
        builder.paragraph(title)
    _render(article, builder)
    document = builder.build("html", encoding=encoding)
    if not document.text.strip():
        raise EmptyDocument("the HTML page has no article text")
    return document


def decode_html(data: bytes) -> tuple[str, str]:
    """The page's text and the encoding it was read with: a byte-order mark, else the ``<meta>`` charset, else
    UTF-8 if the bytes are valid UTF-8, else GB18030 (a superset of GBK and GB2312), else what charset-normalizer
    finds."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8"
    declared = _declared_encoding(data[:4096])
    for encoding in dict.fromkeys(e for e in (declared, "utf-8", "gb18030") if e):
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UnreadableDocument("the HTML page's character encoding cannot be recognised")
    return str(best), best.encoding


def _declared_encoding(head: bytes) -> str | None:
    match = _META_CHARSET.search(head)
    if match is None:
        return None
    name = match.group(1).decode("ascii").lower()
    return _ENCODING_ALIASES.get(name, name)


def _parse(text: str, limits: FormatLimits):
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)  # lxml refuses an encoding declaration in a str
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise UnreadableDocument(f"the HTML page cannot be parsed ({exc})") from None
    _check_size(root, limits)
    return root


def _check_size(root, limits: FormatLimits) -> None:
    depth, deepest, elements = 0, 0, 0
    for event, _element in etree.iterwalk(root, events=("start", "end")):
        if event == "end":
            depth -= 1
            continue
        depth += 1
        elements += 1
        deepest = max(deepest, depth)
        if elements > limits.max_html_elements:
            raise DocumentTooComplex(f"the HTML page has over {limits.max_html_elements} elements")
    if deepest >= min(limits.max_html_depth, _LIBXML_MAX_DEPTH):
        raise DocumentTooComplex(f"the HTML page is nested {deepest} or more levels deep; a report is never "
                                 f"nested past {min(limits.max_html_depth, _LIBXML_MAX_DEPTH) - 1}")


def _article_title(root) -> str | None:
    for meta in root.iter("meta"):
        if (meta.get("name") or "").lower() == "articletitle" and clean_inline(meta.get("content") or ""):
            return clean_inline(meta.get("content"))
    for heading in root.iter("h1"):
        text = clean_inline(heading.text_content())
        if text:
            return text
    for title in root.iter("title"):
        text = clean_inline(title.text_content())
        if text:
            return _TITLE_SEPARATORS.split(text)[0]
    return None


def _find_article(root):
    """The element holding most of the paragraph text, links not counted."""
    scores: dict = defaultdict(float)
    for paragraph in root.iter(*_PARAGRAPHS):
        weight = _own_text_length(paragraph)
        parent = paragraph.getparent()
        if weight < 10 or parent is None:
            continue
        scores[parent] += weight
        grandparent = parent.getparent()
        if grandparent is not None:
            scores[grandparent] += weight / 2
    if not scores:
        body = root.find("body")
        return body if body is not None else root
    return max(scores, key=scores.get)


def _own_text_length(element) -> float:
    text = len(clean_inline(element.text_content()))
    links = sum(len(clean_inline(link.text_content())) for link in element.iter("a"))
    return max(0.0, text - 2 * links)


def _render(article, builder: TextBuilder) -> None:
    """Blocks as lines, inline text run together, tables through ``_table``."""
    line: list[str] = []

    def flush():
        builder.paragraph("".join(line))
        line.clear()

    walker = etree.iterwalk(article, events=("start", "end"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _BLOCKS or tag == "br" or tag == "table":
                flush()
            if tag == "table":
                builder.table(_table_rows(element))
                walker.skip_subtree()
                continue
            if element.text:
                line.append(element.text)
        else:
            if tag in _BLOCKS:
                flush()
            if element.tail and element is not article:
                line.append(element.tail)
    flush()


def _table_rows(table) -> list[list[SourceCell]]:
    rows = []
    for row in table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr"):
        rows.append([SourceCell(_cell_text(cell), _span(cell.get("rowspan")), _span(cell.get("colspan")))
                     for cell in row.xpath("./td | ./th")])
    return rows


def _cell_text(cell) -> str:
    """A cell's text: inline pieces run together as the browser shows them (``<span>2</span><span>0</span>`` is
    ``20``), its paragraphs and line breaks joined (``结果<br/>纠正`` is ``结果纠正``)."""
    pieces: list[str] = []
    for event, element in etree.iterwalk(cell, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if element is not cell and (tag in _BLOCKS or tag == "br"):
            pieces.append(_BREAK)
        if event == "start" and element.text:
            pieces.append(element.text)
        elif event == "end" and element.tail and element is not cell:
            pieces.append(element.tail)
    return join_pieces("".join(pieces).split(_BREAK))


def _span(value: str | None) -> int:
    digits = re.match(r"\s*(\d{1,5})", value or "")
    return int(digits.group(1)) if digits else 1
