"""Search results: articles, each with a line of its text where the words searched are marked."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tui.library import SearchHit
from tui.models import Article
from tui.widgets.article_list import ArticleList
from tui.widgets.article_row import RowText


class SearchResults(ArticleList):
    """Best match first; Enter posts :class:`ArticleList.Chosen` like any article list."""

    HELP_GROUP = "Search results"

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.hits: dict[str, SearchHit] = {}

    def show_hits(self, hits: Sequence[SearchHit]) -> None:
        self.hits = {hit.article.id: hit for hit in hits}
        self.show([hit.article for hit in hits])

    def text(self, article: Article) -> RowText:
        text = super().text(article)
        hit = self.hits.get(article.id)
        if hit is None:
            return text
        marks = tuple(hit.spans)
        if hit.snippet == article.title:  # the words were found in the title: mark them there
            return RowText(text.title, title_marks=marks)
        return RowText(text.title, hit.snippet, snippet_marks=marks)
