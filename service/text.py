"""Text as submitted, and the normalised views the analysis reads, with offsets back to the submission.

Normalisation changes lengths (``\\r\\n`` becomes ``\\n``, NFKC folds full-width forms, page-number lines are
dropped, the compact view drops all white space), so every view keeps, for each of its characters, the span of
the submitted text it came from. ``MappedText.span(a, b)`` turns a range of a view into a ``Span`` of the
submission, so that ``original[span.start:span.end]`` is always the evidence.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .model import Span

# A line that is only a page number as PDF extraction leaves it: "- 5 -", "— 12 —", "第 3 页", "第3页 共5页".
_PAGE_NUMBER_LINE = re.compile(
    r"^[ \t\u3000]*(?:[-—–－][ \t\u3000]*\d{1,4}[ \t\u3000]*[-—–－]|第[ \t\u3000]*\d{1,4}[ \t\u3000]*页"
    r"(?:[ \t\u3000]*[,，/]?[ \t\u3000]*共[ \t\u3000]*\d{1,4}[ \t\u3000]*页)?)[ \t\u3000]*$",
    re.M,
)


@dataclass(frozen=True)
class MappedText:
    """A string with, for each character, the start and end of the submitted text it stands for."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    original_length: int

    def span(self, start: int, end: int) -> Span:
        """The span of the submitted text behind ``self.text[start:end]``."""
        if start >= end:
            at = self.starts[start] if start < len(self.starts) else self.original_length
            return Span(at, at)
        return Span(self.starts[start], self.ends[end - 1])

    def offset(self, index: int) -> int:
        """The submitted-text offset of position ``index`` of this view (``len(text)`` maps to the end)."""
        return self.starts[index] if index < len(self.starts) else self.original_length

    def index_at_or_after(self, original_offset: int) -> int:
        """The first position of this view whose character comes from at or after ``original_offset``."""
        import bisect

        return bisect.bisect_left(self.starts, original_offset)

    def drop(self, keep) -> "MappedText":
        """A view without the characters for which ``keep(char, index)`` is false."""
        chars, starts, ends = [], [], []
        for i, ch in enumerate(self.text):
            if keep(ch, i):
                chars.append(ch)
                starts.append(self.starts[i])
                ends.append(self.ends[i])
        return MappedText("".join(chars), tuple(starts), tuple(ends), self.original_length)


def normalise(original: str) -> MappedText:
    """NFKC, ``\\r\\n`` and ``\\r`` to ``\\n``, no page-number lines, no zero-width characters."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(original)
    while i < n:
        ch = original[i]
        if ch == "\r":
            width = 2 if i + 1 < n and original[i + 1] == "\n" else 1
            chars.append("\n")
            starts.append(i)
            ends.append(i + width)
            i += width
            continue
        if ch in "\u200b\u200c\u200d\ufeff\u00ad":
            i += 1
            continue
        folded = unicodedata.normalize("NFKC", ch) if ord(ch) > 0x7F else ch
        for out in folded:
            chars.append(out)
            starts.append(i)
            ends.append(i + 1)
        i += 1
    mapped = MappedText("".join(chars), tuple(starts), tuple(ends), n)
    dropped = set()
    for m in _PAGE_NUMBER_LINE.finditer(mapped.text):
        dropped.update(range(m.start(), m.end()))
    if dropped:
        mapped = mapped.drop(lambda _ch, idx: idx not in dropped)
    return mapped


def compact(view: MappedText) -> MappedText:
    """The view without any white space: labels broken across lines and cells read as one run."""
    return view.drop(lambda ch, _idx: not ch.isspace())


@dataclass(frozen=True)
class SubmittedText:
    """The text exactly as submitted, and its two views."""

    original: str
    normal: MappedText
    compact: MappedText

    @classmethod
    def of(cls, original: str) -> "SubmittedText":
        normal = normalise(original)
        return cls(original, normal, compact(normal))

    def evidence(self, span: Span) -> str:
        return self.original[span.start : span.end]
