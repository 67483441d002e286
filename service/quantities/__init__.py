"""Narrative quantities: every count a report states, as a finding of kind ``quantity`` (see ``extractor.py``)."""

from __future__ import annotations

from .extractor import QuantityExtractor
from .model import QuantityModel
from .rules import load_quantity_rules


def load_quantity_extractor() -> QuantityExtractor:
    """The extractor with its rules and the trained model of ``models/quantities/``, both checked at load."""
    rules = load_quantity_rules()
    return QuantityExtractor(rules, QuantityModel.load(rules.files))
