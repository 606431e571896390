"""Every article by one author, or in one category, newest first, each one openable."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer

from tui.models import Article
from tui.screens.base import NewsScreen
from tui.widgets.article_list import ArticleList


class RelatedScreen(NewsScreen):
    """A titled list ("Articles by Ngọc Diệp") filled by ``lookup`` in a thread."""

    HELP_GROUP = "Related articles"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,backspace", "back", "Back", id="related.back", tooltip="Back to where you were"
        ),
        Binding(
            "a", "author", "Author", id="related.author", tooltip="Every article by this author"
        ),
        Binding(
            "c",
            "category",
            "Category",
            id="related.category",
            tooltip="Every article in this category",
        ),
        Binding(
            "o",
            "open_link",
            "Open",
            id="related.open_link",
            tooltip="Open in a browser (or copy the link)",
        ),
        Binding(
            "y",
            "copy_link",
            "Copy URL",
            show=False,
            id="related.copy_link",
            tooltip="Copy the article's address",
        ),
        Binding(
            "m",
            "toggle_read",
            "Read/unread",
            show=False,
            id="related.toggle_read",
            tooltip="Mark the article read or unread",
        ),
        Binding(
            "s",
            "toggle_star",
            "Star",
            show=False,
            id="related.toggle_star",
            tooltip="Star or unstar the article (★)",
        ),
    ]

    def __init__(self, title: str, lookup: Callable[[], list[Article]]) -> None:
        super().__init__()
        self.heading = title
        self.lookup = lookup

    def compose(self) -> ComposeResult:
        yield ArticleList(
            clock=self.vn.now,
            marks=self.vn.marks.state,
            tz=self.vn.tz,
            placeholder=self.vn.texts.no_articles,
            id="articles",
        )
        yield Footer()

    def on_mount(self) -> None:
        articles = self.query_one(ArticleList)
        articles.border_title = Text(self.heading)
        articles.loading = True
        articles.focus()
        self.load()

    @work(group="related", exit_on_error=False)
    async def load(self) -> None:
        found = await asyncio.to_thread(self.lookup)
        articles = self.query_one(ArticleList)
        articles.show(found)
        articles.border_subtitle = Text(self.vn.texts.feed_count.format(count=len(found)))
        articles.loading = False

    @on(ArticleList.Chosen)
    def article_chosen(self, event: ArticleList.Chosen) -> None:
        self.vn.show_article(event.articles[event.index], event.articles, event.index)

    def on_screen_resume(self) -> None:
        self.query_one(ArticleList).refresh_marks()

    def current_article(self) -> Article | None:
        return self.query_one(ArticleList).current
