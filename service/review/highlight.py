"""Report text with marked spans, built as ``Markup`` piece by piece: every piece of report text goes through
``markupsafe.escape``, only the ``<mark>`` tags written here are markup. Templates never apply ``|safe`` to report
text; they print what this module returns."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    css: str  # a class name of the page's stylesheet (never report text)
    title: str = ""  # hover text (escaped)
    ref: str = ""  # the id of the element describing it (escaped)


def marked(text: str, marks: list[Mark], start: int = 0, end: int | None = None) -> Markup:
    """``text[start:end]`` with each mark wrapped in ``<mark>``. Where marks overlap, the piece covered by
    several is marked by the one that starts last (the innermost)."""
    end = len(text) if end is None else end
    inside = sorted((m for m in marks if m.start < end and m.end > start and m.start < m.end),
                    key=lambda m: (m.start, -m.end))
    cuts = sorted({start, end, *(max(start, m.start) for m in inside), *(min(end, m.end) for m in inside)})
    out = []
    for left, right in zip(cuts, cuts[1:]):
        piece = escape(text[left:right])
        covering = [m for m in inside if m.start <= left and m.end >= right]
        if not covering:
            out.append(piece)
            continue
        mark = covering[-1]
        out.append(Markup('<mark class="{}" title="{}" data-ref="{}">{}</mark>').format(
            mark.css, mark.title, mark.ref, piece))
    return Markup("").join(out)


def in_context(text: str | None, start: int, end: int, css: str = "hit", width: int = 60) -> Markup:
    """The sentence ``text[start:end]`` marked, with up to ``width`` characters on each side."""
    if text is None:
        return Markup("")
    left, right = max(0, start - width), min(len(text), end + width)
    body = marked(text, [Mark(start, end, css)], left, right)
    return Markup("{}{}{}").format("…" if left > 0 else "", body, "…" if right < len(text) else "")
