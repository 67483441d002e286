"""The once-per-document analysis every extractor reads: jieba tokens and sentences, each with its section.

Tokenization runs once per document on the compact view (no white space, so words broken across PDF lines come
out whole), with a private ``jieba.Tokenizer`` that carries the project's domain dictionary
(``service/data/domain_words.txt``): the global jieba tokenizer is never touched, so other users of jieba in the
same process see no change. Offsets of tokens and sentences are positions of the compact view;
``AnalyzedDocument.span`` turns them into spans of the submitted text.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .model import Section, Span, Table
from .rules import data_path
from .text import SubmittedText
from .errors import RuleFileError

DOMAIN_WORDS = "domain_words.txt"
_WORD_LINE = re.compile(r"^(?P<word>\S+)(?: (?P<freq>\d+))?(?: (?P<tag>[a-z]+))?$")
# A sentence ends at these marks; a line break ends one too where the next line starts a list item or heading,
# or the line before ends with a colon. Other line breaks (PDF lines, page breaks) are inside a sentence.
_SENTENCE_END = re.compile(r"[。！？；!?;]")
_ITEM_START = re.compile(r"\n[ \t\u3000]*(?:#|[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d)|第[一二三四五六七八九十]+[部分章节])")
_COLON_BREAK = re.compile(r"[:：][ \t\u3000]*\n")


@dataclass(frozen=True)
class Token:
    text: str
    start: int  # positions in the compact view
    end: int


@dataclass(frozen=True)
class Sentence:
    start: int  # positions in the compact view
    end: int
    section: str | None  # the innermost section id (e.g. overview.active) or None before the first heading


@dataclass(frozen=True)
class AnalyzedDocument:
    text: SubmittedText
    sections: tuple[Section, ...]
    tables: dict[str, Table]
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]

    @property
    def compact(self) -> str:
        return self.text.compact.text

    def span(self, start: int, end: int) -> Span:
        """The span of the submitted text behind compact positions ``start:end``."""
        return self.text.compact.span(start, end)

    @cached_property
    def _token_starts(self) -> list[int]:
        return [token.start for token in self.tokens]

    def tokens_between(self, start: int, end: int) -> tuple[Token, ...]:
        starts = self._token_starts
        return self.tokens[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]

    def in_table(self, span: Span) -> bool:
        """Whether ``span`` lies inside a statistical table that was found in the report."""
        return any(table.span is not None and table.span.start <= span.start and span.end <= table.span.end
                   for table in self.tables.values())


class DomainTokenizer:
    """A private jieba tokenizer with the domain dictionary; built once per pipeline, shared by its documents."""

    def __init__(self, words_path: Path | None = None):
        import jieba

        jieba.setLogLevel(logging.WARNING)  # jieba prints its dictionary loading at DEBUG level otherwise
        self._jieba = jieba.Tokenizer()
        for word, freq, tag in load_domain_words(words_path or data_path(DOMAIN_WORDS)):
            self._jieba.add_word(word, freq, tag)

    def tokenize(self, text: str) -> tuple[Token, ...]:
        return tuple(Token(word, start, end) for word, start, end in self._jieba.tokenize(text, HMM=True))


def load_domain_words(path: Path) -> list[tuple[str, int | None, str | None]]:
    entries = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise RuleFileError(str(path), 0, f"cannot read: {exc.strerror}") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        match = _WORD_LINE.match(line.strip())
        if match is None:
            raise RuleFileError(str(path), number, f"{line!r} is not 'word [frequency] [tag]'")
        freq = match["freq"]
        entries.append((match["word"], int(freq) if freq else None, match["tag"]))
    return entries


class Analyzer:
    def __init__(self, tokenizer: DomainTokenizer | None = None):
        self.tokenizer = tokenizer or DomainTokenizer()

    def analyze(self, text: SubmittedText, sections: tuple[Section, ...], tables: dict[str, Table]) -> AnalyzedDocument:
        compact = text.compact
        return AnalyzedDocument(
            text=text,
            sections=sections,
            tables=tables,
            tokens=self.tokenizer.tokenize(compact.text),
            sentences=tuple(_sentences(text, sections)),
        )


def _sentence_ends(normal: str) -> list[int]:
    """Positions of the normal view just after each sentence end."""
    ends = {m.end() for m in _SENTENCE_END.finditer(normal)}
    ends.update(m.start() + 1 for m in _ITEM_START.finditer(normal))
    ends.update(m.end() for m in _COLON_BREAK.finditer(normal))
    ends.add(len(normal))
    return sorted(ends)


def _section_at(sections: tuple[Section, ...], offset: int) -> str | None:
    found = None
    for section in sections:
        if section.span.start <= offset < section.span.end:
            found = section.id
            inner = _section_at(section.children, offset)
            return inner or found
    return found


def _sentences(text: SubmittedText, sections: tuple[Section, ...]):
    normal, compact = text.normal, text.compact
    begin = 0
    for end in _sentence_ends(normal.text):
        start_c = compact.index_at_or_after(normal.offset(begin))
        end_c = compact.index_at_or_after(normal.offset(end)) if end < len(normal.text) else len(compact.text)
        begin = end
        if end_c <= start_c:
            continue
        yield Sentence(start_c, end_c, _section_at(sections, compact.starts[start_c]))
