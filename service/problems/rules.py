"""The rule files of the problem extractor, loaded and validated once: a bad pattern, an unknown kind or an unknown
theme fails at start-up naming the file and the line.

- ``data/problem_cues.tsv``: segmentation cues (deficiency, problem_intro, measure_intro, …);
- ``data/spec/problem_themes.tsv`` (the theme ids; its ``cues`` column) and ``data/problem_theme_cues.tsv`` (extra
  weighted cues) for the rule score of each theme;
- ``data/problem_specificity.tsv``: weighted patterns of concrete and of stock phrasing.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from ..rules import data_path, read_tsv

CUE_FILE = "problem_cues.tsv"
THEME_SPEC = "spec/problem_themes.tsv"
THEME_CUE_FILE = "problem_theme_cues.tsv"
SPECIFICITY_FILE = "problem_specificity.tsv"
CUE_KINDS = ("deficiency", "problem_intro", "measure_intro", "previous", "current", "measure_verb", "filler",
             "admission", "section_start")
FILES = (CUE_FILE, THEME_SPEC, THEME_CUE_FILE, SPECIFICITY_FILE)


@dataclass(frozen=True)
class Cues:
    """One compiled alternation per kind."""

    patterns: dict[str, re.Pattern]

    def __getitem__(self, kind: str) -> re.Pattern:
        return self.patterns[kind]


@dataclass(frozen=True)
class ThemeCue:
    theme: str
    pattern: re.Pattern
    weight: float


@dataclass(frozen=True)
class SpecificityRule:
    pattern: re.Pattern
    weight: float
    reason: str


def _float(row, column: str) -> float:
    try:
        return float(row[column])
    except ValueError:
        raise row.fail(f"column {column!r}: {row[column]!r} is not a number") from None


def load_cues() -> Cues:
    by_kind: dict[str, list[str]] = {kind: [] for kind in CUE_KINDS}
    for row in read_tsv(data_path(CUE_FILE), ("kind", "pattern")):
        kind = row.choice("kind", CUE_KINDS)
        row.regex("pattern")  # validates, naming the line
        by_kind[kind].append(f"(?:{row['pattern']})")
    missing = [kind for kind, parts in by_kind.items() if not parts]
    if missing:
        raise read_tsv(data_path(CUE_FILE), ("kind",))[0].fail(f"no pattern of kind(s) {missing}")
    return Cues({kind: re.compile("|".join(parts)) for kind, parts in by_kind.items()})


def load_themes() -> tuple[tuple[str, ...], dict[str, str]]:
    """The theme ids in file order, and their Chinese labels."""
    rows = read_tsv(data_path(THEME_SPEC), ("theme", "label"), ("cues", "meaning"))
    return tuple(row["theme"] for row in rows), {row["theme"]: row["label"] for row in rows}


def load_theme_cues(themes: tuple[str, ...]) -> tuple[ThemeCue, ...]:
    cues: list[ThemeCue] = []
    for row in read_tsv(data_path(THEME_SPEC), ("theme", "label"), ("cues", "meaning")):
        if row["cues"]:
            cues.append(ThemeCue(row["theme"], row.regex("cues"), 1.0))
    for row in read_tsv(data_path(THEME_CUE_FILE), ("theme", "pattern", "weight")):
        cues.append(ThemeCue(row.choice("theme", set(themes)), row.regex("pattern"), _float(row, "weight")))
    return tuple(cues)


def load_specificity() -> tuple[SpecificityRule, ...]:
    return tuple(SpecificityRule(row.regex("pattern"), _float(row, "weight"), row["reason"])
                 for row in read_tsv(data_path(SPECIFICITY_FILE), ("pattern", "weight", "reason")))


def fingerprint() -> str:
    digest = hashlib.sha256()
    for name in FILES:
        digest.update(data_path(name).read_bytes())
    return digest.hexdigest()[:8]
