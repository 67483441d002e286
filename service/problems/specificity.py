"""Whether a statement names something concrete (a unit, a number, a channel, a case) or is a stock phrase that any
report could carry (避重就轻). Rules of ``data/problem_specificity.tsv``: the weights of the patterns that match are
summed (each pattern once) and the score is the logistic of that sum; specific when the score is at least 0.5.
The reasons say which words made the call."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .rules import SpecificityRule

THRESHOLD = 0.5


@dataclass(frozen=True)
class Specificity:
    specific: bool
    score: float
    reasons: tuple[str, ...]


class SpecificityRater:
    def __init__(self, rules: tuple[SpecificityRule, ...]):
        self.rules = rules

    def rate(self, text: str) -> Specificity:
        total = -0.5  # with nothing concrete and nothing stock, a statement leans generic
        reasons: list[str] = []
        for rule in self.rules:
            match = rule.pattern.search(text)
            if match and match.group():
                total += rule.weight
                reasons.append(f"{rule.reason}: {match.group()}")
        score = 1.0 / (1.0 + math.exp(-2.0 * total))
        if not reasons:
            reasons.append("names nothing concrete")
        return Specificity(score >= THRESHOLD, score, tuple(reasons))
