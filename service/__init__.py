"""Reading Chinese government information-disclosure annual reports (政府信息公开工作年度报告).

The library's one call is ``Pipeline().analyze(text, name)`` (or ``analyze_bytes``), which returns a ``Report``.
Importing the package loads nothing: rule files and models are read when a ``Pipeline`` is built.
"""

__version__ = "0.1.0"
