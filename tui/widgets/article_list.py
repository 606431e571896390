"""The list of articles of a feed (or of every feed, or of one author): one option per article."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList

from tui.library import ArticleState
from tui.models import Article
from tui.widgets.article_row import ArticleRow, article_meta, article_row
from tui.widgets.nav_list import NavList

RowKey = tuple[str, bool, bool, str]
"""What a row shows: the article id, whether it is read, whether it is starred, its meta line."""


class ArticleList(NavList):
    """Shows articles newest first and keeps the highlighted one across updates."""

    HELP_GROUP = "Articles pane"

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
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._clock = clock
        self._tz = tz
        self._marks = marks
        self.articles: list[Article] = []
        self._rows: dict[RowKey, ArticleRow] = {}

    @property
    def current(self) -> Article | None:
        """The highlighted article."""
        if self.highlighted is None or not self.articles:
            return None
        return self.articles[self.highlighted]

    def show(self, articles: Sequence[Article], *, keep: Article | None = None) -> None:
        """Replace the rows and highlight ``keep`` if it is among them, else the first row."""
        self.articles = list(articles)
        known, self._rows = self._rows, {}
        self.set_options(self._row(article, known) for article in self.articles)
        if self.articles:
            self.highlighted = self.index_of(keep) if keep is not None else 0

    def _row(self, article: Article, known: dict[RowKey, ArticleRow] | None = None) -> ArticleRow:
        """The row of ``article``, reused while it reads the same (its height is then known)."""
        state = self._marks(article)
        meta = article_meta(article, self._clock(), self._tz)
        key = (article.id, state.read, state.starred, meta)
        row = (known if known is not None else self._rows).get(key)
        if row is None:
            title, snippet = self.text(article)
            row = article_row(title, meta, read=state.read, starred=state.starred, snippet=snippet)
        self._rows[key] = row
        return row

    def text(self, article: Article) -> tuple[Content, Content | None]:
        """The row's title, and a line of the article's text under it (none in a plain list)."""
        return Content(article.title or article.url), None

    def forget_rows(self) -> None:
        """Build every row afresh on the next :meth:`show`: their text changed."""
        self._rows = {}

    def index_of(self, article: Article) -> int:
        """Where ``article`` (same URL) is in the list, else 0 (the top)."""
        return next((i for i, a in enumerate(self.articles) if a.url == article.url), 0)

    def refresh_marks(self) -> None:
        """Redraw the rows whose marks changed elsewhere (an article was opened or starred)."""
        for index, article in enumerate(self.articles):
            row = self._row(article)
            if self.options[index].prompt is not row:
                self.replace_option_prompt_at_index(index, row)

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(self, self.articles, event.option_index))
