"""The rules' choice of key for one count, and how they came to it (kept as evidence)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KeyChoice:
    key: str
    distance: int
    cue: str
    rule_line: int | None
    how: str  # cue | inherited | whole | closed | fallback
    own: bool = False  # the cue is in the count's own clause (before the number or after its unit)
