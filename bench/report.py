"""Benchmark results: samples per figure, their summary, the targets, and the printed table."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from textwrap import shorten
from typing import Literal

Unit = Literal["s", "ms", "MiB"]
ERROR_WIDTH = 60
"""Characters of an error shown in the table; the notes below it have the whole message."""


@dataclass(frozen=True, slots=True)
class Target:
    """``vnnews ≤ limit``, in the figure's unit, or ``vnnews / newsboat ≤ limit`` when ``ratio``."""

    limit: float
    ratio: bool = False
    unit: str = ""

    def __str__(self) -> str:
        return f"≤ {self.limit:g}× newsboat" if self.ratio else f"≤ {self.limit:g} {self.unit}"


@dataclass
class Figure:
    """A row of the table: vnnews samples and, pair by pair, newsboat's if it has a counterpart."""

    name: str
    unit: Unit
    target: Target | None = None
    vnnews: list[float] = field(default_factory=list)
    newsboat: list[float] | None = None
    """None: no newsboat counterpart; else one sample per vnnews sample, measured right after it."""
    newsboat_note: str = ""
    """Why there are no newsboat samples: "newsboat not installed"."""
    notes: list[str] = field(default_factory=list)
    error: str | None = None

    def add(self, vnnews: float, newsboat: float | None = None) -> None:
        self.vnnews.append(vnnews)
        if newsboat is not None and self.newsboat is not None:
            self.newsboat.append(newsboat)

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    @property
    def ratios(self) -> list[float]:
        if not self.newsboat:
            return []
        return [a / b for a, b in zip(self.vnnews, self.newsboat, strict=True) if b > 0]

    @property
    def met(self) -> bool | None:
        """Whether the median meets the target; None when it cannot be told."""
        if self.target is None or self.error:
            return None
        samples = self.ratios if self.target.ratio else self.vnnews
        return statistics.median(samples) <= self.target.limit if samples else None


def summary(samples: Sequence[float], unit: str = "", digits: int = 3) -> str:
    """``median [min–max] unit`` of several runs, or the value of one."""
    if not samples:
        return "–"
    unit = f" {unit}" if unit and unit != "×" else unit
    median = _number(statistics.median(samples), digits)
    if len(samples) == 1:
        return f"{median}{unit}"
    return f"{median}{unit} [{_number(min(samples), digits)}–{_number(max(samples), digits)}]"


def _number(value: float, digits: int) -> str:
    """Three significant digits at most, never scientific notation."""
    if value == 0:
        return "0"
    places = max(0, digits - len(str(int(abs(value)))) if abs(value) >= 1 else digits)
    if places and len(str(int(abs(round(value, places))))) > len(str(int(abs(value)))):
        places -= 1  # 9.996 rounds to 10.00: one place fewer keeps three digits
    return f"{value:.{places}f}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def table(figures: Iterable[Figure]) -> str:
    """The results as a Markdown table, readable as is in a terminal."""
    header = ("figure", "vnnews", "newsboat", "vnnews / newsboat", "target", "met")
    rows = [header]
    for figure in figures:
        if figure.error:
            error = shorten(figure.error, ERROR_WIDTH, placeholder=" … (see below)")
            rows.append((figure.name, f"error: {error}", "", "", str(figure.target or ""), "✗"))
            continue
        if figure.newsboat is None:
            newsboat, ratio = "(no counterpart)", ""
        elif not figure.newsboat:
            newsboat, ratio = figure.newsboat_note or "–", "–"
        else:
            newsboat, ratio = summary(figure.newsboat, figure.unit), summary(figure.ratios, "×")
        met = {True: "✓", False: "✗", None: "?"}[figure.met] if figure.target else ""
        rows.append(
            (
                figure.name,
                summary(figure.vnnews, figure.unit),
                newsboat,
                ratio,
                str(figure.target or ""),
                met,
            )
        )
    cells = [[_cell(text) for text in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"
        for row in cells
    ]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def notes(figures: Iterable[Figure]) -> str:
    """One line per note: how each figure was measured, what the server saw, what failed."""
    return "\n".join(
        f"- {figure.name}: {note}"
        for figure in figures
        for note in [*figure.notes, *([f"error: {figure.error}"] if figure.error else [])]
    )
