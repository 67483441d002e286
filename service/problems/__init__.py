"""Problems a report admits and the measures it takes: statements cut by rules (``segment``), a theme from rule
cues and a classifier (``themes``), specificity (``specificity``), all behind ``ProblemExtractor`` (``extractor``)."""

from .extractor import NAME, ProblemExtractor

__all__ = ["NAME", "ProblemExtractor"]
