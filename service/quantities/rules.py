"""The rule data of the quantity extractor, read and validated once: key rules, channel and form cues.

Keys, channels and forms come from the spec files copied into ``service/data/spec/`` (the single source of those
names); the project's own cue rules are in ``service/data/quantity_rules.tsv``. A rule naming a key the spec does not
have, or a bad regular expression, fails at start-up with file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import RuleFileError
from ..rules import data_path, read_tsv

RULES_FILE = "quantity_rules.tsv"
NOT_QUANTITIES_FILE = "not_quantities.tsv"
CHANNEL_KEYS = frozenset({"posts_published", "new_media_accounts", "followers"})
FORM_KEYS = frozenset({"policy_interpretations"})


@dataclass(frozen=True)
class KeyRule:
    key: str
    units: re.Pattern
    cue: re.Pattern
    line: int
    nearer: int = 0  # the rule's cue counts as this many characters nearer the count than it stands


@dataclass(frozen=True)
class Cue:
    value: str  # a channel or form
    pattern: re.Pattern


@dataclass(frozen=True)
class QuantityRules:
    keys: tuple[str, ...]
    rules: tuple[KeyRule, ...]
    channels: tuple[Cue, ...]
    forms: tuple[Cue, ...]
    not_quantities: tuple[re.Pattern, ...] = ()  # own words of counts that are not about disclosure work
    _keys_by_unit: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)

    def allows(self, key: str, unit: str) -> bool:
        """Whether a rule of ``key`` takes counts in ``unit`` (a part in 条 is no part of a whole counted in 个)."""
        return key in self.keys_for_unit(unit)

    def keys_for_unit(self, unit: str) -> frozenset[str]:
        """The keys whose rules take counts in ``unit``, worked out once per unit (asked for every count)."""
        keys = self._keys_by_unit.get(unit)
        if keys is None:
            bare = unit.lstrip("余")
            keys = self._keys_by_unit[unit] = frozenset(rule.key for rule in self.rules if rule.units.fullmatch(bare))
        return keys

    @property
    def files(self) -> tuple[str, ...]:
        return (RULES_FILE, NOT_QUANTITIES_FILE, "spec/quantity_keys.tsv", "spec/channels.tsv", "spec/policy_forms.tsv",
                "domain_words.txt")


def load_quantity_rules() -> QuantityRules:
    keys = tuple(row["key"] for row in read_tsv(data_path("spec/quantity_keys.tsv"), ("key",)))
    rules = []
    for row in read_tsv(data_path(RULES_FILE), ("key", "units", "cue"), optional=("nearer",)):
        rules.append(KeyRule(row.choice("key", set(keys)), row.regex("units"), row.regex("cue"), row.line,
                             _nearer(row)))
    not_quantities = tuple(row.regex("cue") for row in read_tsv(data_path(NOT_QUANTITIES_FILE), ("cue", "why")))
    return QuantityRules(keys, tuple(rules), _cues("spec/channels.tsv", "channel"), _cues("spec/policy_forms.tsv", "form"),
                         not_quantities)


def _nearer(row) -> int:
    value = row["nearer"] or "0"
    if not value.isdigit() or int(value) > 30:
        raise row.fail(f"column 'nearer': {value!r} is not a number of characters from 0 to 30")
    return int(value)


def _cues(name: str, column: str) -> tuple[Cue, ...]:
    """Cue patterns of a spec file: its ``cues`` column without the explanatory note in brackets. Rows whose cues
    only describe (``all``: a total; ``any other …``) give no pattern: those values are decided otherwise."""
    cues = []
    for row in read_tsv(data_path(name), (column, "cues")):
        words = re.sub(r"\s*\(.*\)\s*$", "", row["cues"]).strip()
        if row[column] == "all" or not words or words.startswith("any"):
            continue
        try:
            cues.append(Cue(row[column], re.compile(words)))
        except re.error as exc:
            raise RuleFileError(row.path, row.line, f"cues {words!r} are not a regular expression: {exc}") from None
    return tuple(cues)
