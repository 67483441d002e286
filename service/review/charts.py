"""Bar charts as plain geometry for the SVG templates (``_charts.html``): no script, nothing to vendor."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float
    href: str | None = None


@dataclass(frozen=True)
class Chart:
    bars: tuple[Bar, ...]
    width: int
    height: int
    maximum: int
    horizontal: bool


def columns(items: list[tuple[str, int, str | None]], width: int = 420, height: int = 150, top: int = 16,
            bottom: int = 20) -> Chart:
    """Vertical bars, one per (label, value, link), labels under them and values on top."""
    maximum = max((value for _, value, _ in items), default=0) or 1
    step = width / max(len(items), 1)
    bar_width = min(48.0, step * 0.7)
    bars = []
    for index, (label, value, href) in enumerate(items):
        h = (height - top - bottom) * value / maximum
        bars.append(Bar(label, value, index * step + (step - bar_width) / 2, height - bottom - h, bar_width, h, href))
    return Chart(tuple(bars), width, height, maximum, horizontal=False)


def rows(items: list[tuple[str, int, str | None]], width: int = 420, row: int = 20, label_width: int = 110) -> Chart:
    """Horizontal bars, one row per (label, value, link), the label on the left and the value after the bar."""
    maximum = max((value for _, value, _ in items), default=0) or 1
    room = width - label_width - 40
    bars = tuple(Bar(label, value, label_width, index * row + 3, room * value / maximum, row - 6, href)
                 for index, (label, value, href) in enumerate(items))
    return Chart(bars, width, max(row * len(items), row), maximum, horizontal=True)


def spark(values: list[int], width: int = 90, height: int = 18) -> Chart:
    """A tiny column chart for a table cell (counts by year, oldest first)."""
    return columns([("", value, None) for value in values], width, height, top=1, bottom=1)
