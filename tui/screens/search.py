"""Search every article the library keeps, as one types; Enter opens the highlighted one."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Input

from tui.library import SearchHit
from tui.models import Article
from tui.screens.base import NewsScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.search_results import SearchResults

TYPING_PAUSE = 0.15
"""Seconds without a keystroke before the words typed are looked up."""


class SearchScreen(NewsScreen):
    """Results follow the words typed; a slow lookup is never shown once the words changed."""

    HELP_GROUP = "Search"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="search.back", tooltip="Back to where you were"),
        Binding("down", "next_hit", "Next", show=False, id="search.next", tooltip="Next result"),
        Binding(
            "up",
            "previous_hit",
            "Previous",
            show=False,
            id="search.previous",
            tooltip="Previous result",
        ),
        Binding(
            "m",
            "toggle_read",
            "Read/unread",
            show=False,
            id="search.toggle_read",
            tooltip="Mark the result read or unread",
        ),
        Binding(
            "s",
            "toggle_star",
            "Star",
            show=False,
            id="search.toggle_star",
            tooltip="Star or unstar the result",
        ),
    ]

    def compose(self) -> ComposeResult:
        yield Input(placeholder=self.vn.texts.search_placeholder, id="query")
        yield SearchResults(
            clock=self.vn.now, marks=self.vn.marks.state, tz=self.vn.tz, id="results"
        )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(SearchResults).border_title = Text(self.vn.texts.search_title)
        self.query_one(Input).focus()

    @on(Input.Changed, "#query")
    def query_changed(self, event: Input.Changed) -> None:
        self.look_up(event.value)

    @work(group="search", exclusive=True, exit_on_error=False)
    async def look_up(self, query: str) -> None:
        """Wait for a pause in the typing (a new keystroke cancels this), then search."""
        library = self.vn.service.library
        hits: list[SearchHit] = []
        if query.strip() and library is not None:
            await asyncio.sleep(TYPING_PAUSE)
            hits = await asyncio.to_thread(library.search, query)
            await asyncio.to_thread(self.vn.marks.recall, [hit.article for hit in hits])
        if query == self.query_one(Input).value:
            self.show_hits(query, hits)

    def show_hits(self, query: str, hits: list[SearchHit]) -> None:
        texts = self.vn.texts
        results = self.query_one(SearchResults)
        results.show_hits(hits)
        if not query.strip():
            results.border_subtitle = ""
        elif hits:
            results.border_subtitle = Text(texts.search_count.format(count=len(hits)))
        else:
            results.border_subtitle = Text(texts.no_results)

    @on(Input.Submitted, "#query")
    def query_submitted(self) -> None:
        results = self.query_one(SearchResults)
        if results.highlighted is not None and results.articles:
            self.open(results.articles, results.highlighted)

    @on(ArticleList.Chosen)
    def hit_chosen(self, event: ArticleList.Chosen) -> None:
        self.open(event.articles, event.index)

    def open(self, articles: Sequence[Article], index: int) -> None:
        self.vn.show_article(articles[index], articles, index)

    def action_next_hit(self) -> None:
        self.query_one(SearchResults).action_cursor_down()

    def action_previous_hit(self) -> None:
        self.query_one(SearchResults).action_cursor_up()

    def on_screen_resume(self) -> None:
        self.query_one(SearchResults).refresh_marks()

    def current_article(self) -> Article | None:
        return self.query_one(SearchResults).current
