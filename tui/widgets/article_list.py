"""The list of articles of a feed (or of every feed, or of one author), drawn line by line.

A virtual list: each row's height comes from its plain text (quick, even for thousands of
rows), and only the rows on screen are ever turned into Textual objects and drawn.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from itertools import accumulate
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual

from tui.library import ArticleState
from tui.models import Article
from tui.widgets.article_row import ArticleRow, RowText, article_meta, article_row, row_height
from tui.widgets.nav_list import READER_KEYS

ROW = "article-list--row"
HIGHLIGHTED = "article-list--row-highlighted"
HOVER = "article-list--row-hover"
DRAWN_ROWS = 128
"""Rows kept drawn (in each of their looks), to redraw a screen without drawing again."""

RowKey = tuple[RowText, str, ArticleState, Style, int]
"""What a drawn row depends on: its text, meta line, marks, style and width."""


class ArticleList(ScrollView, can_focus=True, inherit_bindings=False):
    """Shows articles newest first and keeps the highlighted one across updates."""

    HELP_GROUP = "Articles pane"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", "Up", show=False),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("pageup", "page_up", "Page Up", show=False),
        Binding("pagedown", "page_down", "Page Down", show=False),
        Binding("enter", "select", "Select", show=False),
        *READER_KEYS,
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {ROW, HIGHLIGHTED, HOVER}
    DEFAULT_CSS = """
    ArticleList {
        height: 1fr;
        color: $foreground;
        overflow-x: hidden;
        overflow-y: scroll;
        border: tall $border-blurred;
        padding: 0 1;
        background: $surface;
        & > .article-list--row-highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            border: tall $border;
            background-tint: $foreground 5%;
            & > .article-list--row-highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .article-list--row-hover {
            background: $block-hover-background;
        }
    }
    """

    highlighted: reactive[int | None] = reactive(None, repaint=False, init=False)
    """The index of the highlighted article (the cursor), ``None`` in an empty list."""
    hovered: reactive[int | None] = reactive(None, repaint=False, init=False)
    """The index of the row under the mouse."""

    @dataclass
    class Chosen(Message):
        """The reader pressed Enter on (or clicked) an article."""

        article_list: ArticleList
        articles: Sequence[Article]
        index: int

        @property
        def control(self) -> ArticleList:
            return self.article_list

    def __init__(
        self,
        *,
        clock: Callable[[], datetime],
        marks: Callable[[Article], ArticleState],
        tz: tzinfo | None = None,
        placeholder: str = "",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.placeholder = placeholder
        """What an empty list says, e.g. "No articles yet"."""
        self._clock = clock
        self._tz = tz
        self._marks = marks
        self.articles: list[Article] = []
        self._states: list[ArticleState] = []
        """The marks each row shows (read by :meth:`refresh_marks` to find what changed)."""
        self._tops: list[int] = [0]
        """The line each row starts at, then the line after the last row."""
        self._width = 0
        """The width the rows were measured at (0: not yet)."""
        self._heights: dict[tuple[RowText, bool], int] = {}
        """The height of each row's text (and star) at that width."""
        self._drawn: LRUCache[RowKey, list[Strip]] = LRUCache(DRAWN_ROWS)

    @property
    def current(self) -> Article | None:
        """The highlighted article."""
        if self.highlighted is None or not self.articles:
            return None
        return self.articles[self.highlighted]

    def show(self, articles: Sequence[Article], *, keep: Article | None = None) -> None:
        """Replace the rows and highlight ``keep`` if it is among them, else the first row."""
        self.articles = list(articles)
        self._states = [self._marks(article) for article in self.articles]
        self._measure()
        self.refresh()
        index = (self.index_of(keep) if keep is not None else 0) if self.articles else None
        if index == self.highlighted:
            self.scroll_to_cursor()
        self.highlighted = index

    def text(self, article: Article) -> RowText:
        """What the row of ``article`` says: its title (no line of its text in a plain list)."""
        return RowText(article.title or article.url)

    def index_of(self, article: Article) -> int:
        """Where ``article`` (same URL) is in the list, else 0 (the top)."""
        return next((i for i, a in enumerate(self.articles) if a.url == article.url), 0)

    def row(self, index: int) -> ArticleRow:
        """The row of the ``index``-th article, as it is drawn."""
        text, meta, state = self._row_parts(index)
        return article_row(text, meta, read=state.read, starred=state.starred)

    def refresh_marks(self) -> None:
        """Redraw the rows whose marks changed elsewhere (an article was opened or starred)."""
        changed, starred = [], False
        for index, article in enumerate(self.articles):
            if (state := self._marks(article)) != (old := self._states[index]):
                changed.append(index)
                starred = starred or state.starred != old.starred
                self._states[index] = state
        if starred:  # the star may have made a title one line longer
            self._measure()
            self.refresh()
        for index in changed:
            self._refresh_row(index)

    def scroll_to_cursor(self) -> None:
        """Scroll so that the whole highlighted row is on screen."""
        index = self.highlighted
        if index is None or not self._width or not self.is_mounted:
            return
        top, bottom = self._tops[index], self._tops[index + 1]
        region = Region(0, top, self._width, bottom - top)
        self.scroll_to_region(region, animate=False, force=True, immediate=True)

    # -- measuring and drawing --------------------------------------------------

    def _measure(self) -> None:
        """Work out where each row starts at the current width (only new texts are wrapped)."""
        width = self.scrollable_content_region.width
        if width <= 0:  # not laid out yet: measured on the first resize
            self._width, self._tops = 0, [0] * (len(self.articles) + 1)
            return
        known = self._heights if width == self._width else {}
        self._width, self._heights = width, {}
        heights = []
        for article, state in zip(self.articles, self._states, strict=True):
            key = (self.text(article), state.starred)
            height = known.get(key)
            if height is None:
                height = row_height(key[0], starred=state.starred, width=width)
            self._heights[key] = height
            heights.append(height)
        self._tops = list(accumulate(heights, initial=0))
        self.virtual_size = Size(width, self._tops[-1])

    def _row_at(self, line: int) -> int | None:
        """The row drawn on ``line`` of the whole list."""
        index = bisect_right(self._tops, line) - 1
        return index if 0 <= index < len(self.articles) else None

    def _row_parts(self, index: int) -> tuple[RowText, str, ArticleState]:
        article = self.articles[index]
        meta = article_meta(article, self._clock(), self._tz)
        return self.text(article), meta, self._states[index]

    def render_lines(self, crop: Region) -> list[Strip]:
        if self.scrollable_content_region.width != self._width:
            self._measure()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        line = self.scroll_offset.y + y
        if (index := self._row_at(line)) is None:
            width = self.scrollable_content_region.width
            style = self.get_visual_style(ROW).rich_style
            if not self.articles and line == 1 and self.placeholder:
                text = Segment(f"  {self.placeholder}", style + RichStyle(dim=True))
                return Strip([text]).adjust_cell_length(width, style)
            return Strip.blank(width, style)
        return self._draw(index)[line - self._tops[index]]

    def _draw(self, index: int) -> list[Strip]:
        """The lines of row ``index``, drawn once for as long as it looks the same."""
        look = HIGHLIGHTED if index == self.highlighted else HOVER if index == self.hovered else ""
        style = self.get_visual_style(ROW, look) if look else self.get_visual_style(ROW)
        text, meta, state = self._row_parts(index)
        key = (text, meta, state, style, self._width)
        if (strips := self._drawn.get(key)) is None:
            row = article_row(text, meta, read=state.read, starred=state.starred)
            height = self._tops[index + 1] - self._tops[index]
            strips = Visual.to_strips(self, row, self._width, height, style)
            self._drawn[key] = strips
        return strips

    def _refresh_row(self, index: int | None) -> None:
        if index is not None and index < len(self.articles) and self._width:
            top = self._tops[index]
            self.refresh_lines(top, self._tops[index + 1] - top)

    def notify_style_update(self) -> None:
        self._drawn.clear()  # the theme or the focus changed the colours
        self.refresh()
        super().notify_style_update()

    def on_resize(self) -> None:
        if self.scrollable_content_region.width != self._width:
            self._measure()
            self.refresh()
        self.scroll_to_cursor()

    def on_show(self) -> None:
        self.scroll_to_cursor()

    # -- the cursor -------------------------------------------------------------

    def validate_highlighted(self, index: int | None) -> int | None:
        if index is None or not self.articles:
            return None
        return min(max(index, 0), len(self.articles) - 1)

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        self._refresh_row(old)
        self._refresh_row(new)
        self.scroll_to_cursor()

    def watch_hovered(self, old: int | None, new: int | None) -> None:
        self._refresh_row(old)
        self._refresh_row(new)

    def action_cursor_up(self) -> None:
        last = len(self.articles) - 1
        self.highlighted = last if self.highlighted is None else self.highlighted - 1

    def action_cursor_down(self) -> None:
        self.highlighted = 0 if self.highlighted is None else self.highlighted + 1

    def action_first(self) -> None:
        self.highlighted = 0

    def action_last(self) -> None:
        self.highlighted = len(self.articles) - 1

    def action_page_up(self) -> None:
        self._move_page(-1)

    def action_page_down(self) -> None:
        self._move_page(1)

    def _move_page(self, direction: int) -> None:
        """Move the cursor by a screenful of lines."""
        if self.highlighted is None or not self._width:
            self.highlighted = 0
            return
        line = self._tops[self.highlighted] + direction * self.scrollable_content_region.height
        line = min(max(line, 0), self._tops[-1] - 1)
        self.highlighted = self._row_at(line)

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Chosen(self, self.articles, self.highlighted))

    # -- the mouse --------------------------------------------------------------

    def _row_under(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        return None if offset is None else self._row_at(self.scroll_offset.y + offset.y)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self.hovered = self._row_under(event)

    def on_leave(self) -> None:
        self.hovered = None

    def on_click(self, event: events.Click) -> None:
        if (index := self._row_under(event)) is not None:
            self.highlighted = index
            self.action_select()
