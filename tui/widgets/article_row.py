"""One row of an article list: what it says, how tall it is at a width, and how it is drawn.

A row's height is worked out from its plain text alone (no Textual object is made), so a list
can measure thousands of rows at once and draw only the few on screen.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import datetime, tzinfo
from itertools import accumulate

from rich.cells import cell_len
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

from tui.models import Article
from tui.render import format_when

UNREAD_MARK = "● "
READ_MARK = "  "
STAR = "★ "
GUTTER = 2
"""Cells left of the text: the unread mark on the first line, blank under it."""

Spans = tuple[tuple[int, int], ...]

_NARROW_RANGES = ((0x20, 0x7E), (0xA0, 0xAC), (0xAE, 0x2FF), (0x370, 0x482), (0x1E00, 0x1EFF))
"""Latin (Vietnamese included), Greek and Cyrillic letters: one cell each, never combining."""
_NARROW = frozenset(chr(code) for start, end in _NARROW_RANGES for code in range(start, end + 1))
_ONE_SPACE = str.maketrans(dict.fromkeys("\t\n\r\v\f\u2028\u2029\u3000", " "))
"""Whitespace that would draw as more (or less) than one cell: a space on screen."""


@dataclass(frozen=True, slots=True)
class RowText:
    """What a row says, as plain text: the title and, for a search result, a line of the
    article's text; the ``(start, end)`` spans of each shown in reverse video (the matches)."""

    title: str
    snippet: str | None = None
    title_marks: Spans = ()
    snippet_marks: Spans = ()


def line_starts(text: str, width: int) -> list[int]:
    """Where the 2nd, 3rd … lines of ``text`` start when it is wrapped to ``width`` cells.

    A line breaks at its last space that leaves it short enough (the spaces there are not
    shown), else inside the word; tabs and line breaks count as spaces. Latin text is
    measured by its length: quick even for thousands of rows.
    """
    width, cells = max(1, width), None
    if not _NARROW.issuperset(text):
        text = _one_line(text)
        cells = list(accumulate(map(cell_len, text), initial=0))
    starts: list[int] = []
    start = 0
    while True:
        if cells is None:
            end = start + width
        else:  # the most characters from ``start`` that fit, at least one
            end = max(start + 1, bisect_right(cells, cells[start] + width) - 1)
        if end >= len(text):
            return starts
        space = text.rfind(" ", start, end + 1)
        if space > start:
            end = len(text) - len(text[space:].lstrip(" "))
            if end == len(text):  # only spaces were left
                return starts
        starts.append(end)
        start = end


def row_height(text: RowText, *, starred: bool, width: int) -> int:
    """How many lines the row of ``text`` takes ``width`` cells wide (gutter included)."""
    inner = max(1, width - GUTTER)
    title = STAR + text.title if starred else text.title
    height = 2 + len(line_starts(title, inner))  # the title, then the meta line
    if text.snippet is not None:
        height += 1 + len(line_starts(text.snippet, inner))
    return height


class ArticleRow(Visual):
    """The read mark, then the title (★ if starred), maybe a snippet, and a meta line.

    The title and the snippet wrap, their lines indented past the mark; the meta line is cut
    with "…" when too long.
    """

    def __init__(self, mark: Content, title: Content, snippet: Content | None, meta: Content):
        self.mark = mark
        self.title = title
        self.snippet = snippet
        self.meta = meta

    @property
    def plain(self) -> str:
        """What the row says: the mark, then the title, snippet and meta line, one a line."""
        parts = [self.title, self.snippet, self.meta]
        return self.mark.plain + "\n".join(part.plain for part in parts if part is not None)

    def lines(self, inner: int) -> list[Content]:
        """The lines right of the gutter, ``inner`` cells wide."""
        lines = _wrapped(self.title, inner)
        if self.snippet is not None:
            lines += _wrapped(self.snippet, inner)
        lines.append(self.meta.truncate(inner, ellipsis=True))
        return lines

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        inner = max(1, width - GUTTER)
        mark = self.mark.render_strips(GUTTER, 1, style, options)[0]
        blank = Strip.blank(GUTTER, style.rich_style)
        strips = [
            Strip.join(
                [mark if number == 0 else blank, line.render_strips(inner, 1, style, options)[0]]
            ).adjust_cell_length(width, style.rich_style)
            for number, line in enumerate(self.lines(inner))
        ]
        if height is None:
            return strips
        return strips[:height] + [Strip.blank(width, style.rich_style)] * (height - len(strips))

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self.lines(max(1, width - GUTTER)))


def _wrapped(content: Content, width: int) -> list[Content]:
    return [line.rstrip() for line in content.divide(line_starts(content.plain, width))]


def _marked(text: str, spans: Spans) -> Content:
    """``text`` on one line (plain, never markup) with ``spans`` in reverse video."""
    content = Content(_one_line(text))
    for start, end in spans:
        content = content.stylize("reverse", start, end)
    return content


def article_meta(article: Article, now: datetime, tz: tzinfo | None = None) -> str:
    """publisher · age (or date) · authors."""
    parts = [article.publisher]
    if article.published is not None:
        parts.append(format_when(article.published, now, tz))
    parts.append(", ".join(article.authors))
    return " · ".join(part for part in parts if part)


def article_row(text: RowText, meta: str, *, read: bool, starred: bool) -> ArticleRow:
    """The row of an article: unread ones have a mark and a bold title.

    Network text stays plain text (``Content(...)``): a title is never read as markup.
    """
    title = _marked(text.title, text.title_marks).stylize("" if read else "bold")
    if starred:
        title = Content.assemble(Content(STAR).stylize("bold $warning"), title)
    snippet = None if text.snippet is None else _marked(text.snippet, text.snippet_marks)
    mark = Content(READ_MARK if read else UNREAD_MARK).stylize("bold $accent")
    return ArticleRow(mark, title, snippet, Content(_one_line(meta)).stylize("dim"))


def _one_line(text: str) -> str:
    return text.translate(_ONE_SPACE)
