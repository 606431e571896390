"""One row of an article list, as a Textual Visual: cheap to measure, even by the thousand."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, tzinfo

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


class ArticleRow(Visual):
    """The read mark, then the title (★ if starred) and a meta line, wrapped lines indented.

    Heights are remembered per width: an OptionList measures every row whenever one changes.
    """

    def __init__(self, mark: Content, body: Content) -> None:
        self.mark = mark
        self.body = body
        self._heights: dict[int, int] = {}

    @property
    def indent(self) -> int:
        return self.mark.cell_length

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        inner = max(1, width - self.indent)
        lines = self.body.render_strips(inner, height, style, options)
        mark = self.mark.render_strips(self.indent, 1, style, options)
        blank = Strip.blank(self.indent, style.rich_style)
        return [
            Strip.join([mark[0] if number == 0 and mark else blank, line])
            for number, line in enumerate(lines)
        ]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        if (height := self._heights.get(width)) is None:
            height = self._heights[width] = self.body.get_height(rules, max(1, width - self.indent))
        return height


def article_meta(article: Article, now: datetime, tz: tzinfo | None = None) -> str:
    """publisher · age (or date) · authors."""
    parts = [article.publisher]
    if article.published is not None:
        parts.append(format_when(article.published, now, tz))
    parts.append(", ".join(article.authors))
    return " · ".join(part for part in parts if part)


def article_row(
    title: Content, meta: str, *, read: bool, starred: bool, snippet: Content | None = None
) -> ArticleRow:
    """The row of an article titled ``title``; ``snippet``: a line of its text (a search match).

    Network text arrives as ``Content(...)``, plain text: a title is never read as markup.
    """
    title = title.stylize("" if read else "bold")
    if starred:
        title = Content.assemble(Content(STAR).stylize("bold $warning"), title)
    lines = [title, snippet, Content(meta).stylize("dim")]
    body = Content("\n").join(line for line in lines if line is not None)
    mark = Content(READ_MARK if read else UNREAD_MARK).stylize("bold $accent")
    return ArticleRow(mark, body)


def highlighted(text: str, spans: Iterable[tuple[int, int]]) -> Content:
    """``text`` with the ``(start, end)`` spans (search matches) in reverse video."""
    content = Content(text)
    for start, end in spans:
        content = content.stylize("reverse", start, end)
    return content
