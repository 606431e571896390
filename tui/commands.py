"""The command palette (ctrl+p): jump to a feed, an author, a category or a recent article."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import FuzzySearch

from tui.folding import fold
from tui.models import Article

if TYPE_CHECKING:
    from tui.app import RelatedKind, VnNewsApp

RECENT_ARTICLES = 200


@dataclass(frozen=True, slots=True)
class Entry:
    text: str
    command: Callable[[], object]
    help: str


def fold_each(text: str) -> str:
    """``fold`` one character at a time, so offsets in the result match the original."""
    return "".join((fold(char) or char)[0] for char in text)


def names_of(article: Article, kind: str) -> tuple[str, ...]:
    return article.authors if kind == "author" else article.categories


class NewsCommands(Provider):
    """Feeds, authors, categories and recent articles, matched without regard to diacritics."""

    @property
    def vn(self) -> VnNewsApp:
        return self.app  # type: ignore[return-value]

    def feeds(self) -> Iterator[Entry]:
        app, texts = self.vn, self.vn.texts
        for source in app.service.sources:
            text = texts.palette_feed.format(name=source.label)
            yield Entry(text, partial(app.show_feed, source.url), "Show this feed")

    def entries(self) -> Iterator[Entry]:
        app, texts = self.vn, self.vn.texts
        yield from self.feeds()
        articles = app.service.articles()
        kinds: tuple[tuple[RelatedKind, str, str], ...] = (
            ("author", texts.palette_author, "Every article by this author"),
            ("category", texts.palette_category, "Every article in this category"),
        )
        for kind, template, help in kinds:
            names = {fold(n): n for a in articles for n in names_of(a, kind) if n}
            for name in sorted(names.values(), key=fold):
                command = partial(app.show_related, kind, name)
                yield Entry(template.format(name=name), command, help)
        for article in articles[:RECENT_ARTICLES]:
            text = texts.palette_article.format(name=article.title)
            yield Entry(text, partial(app.show_article, article), "Read this article")

    async def discover(self) -> Hits:
        for entry in self.feeds():
            yield DiscoveryHit(Content(entry.text), entry.command, entry.text, entry.help)

    async def search(self, query: str) -> Hits:
        search = FuzzySearch()
        wanted = fold_each(query)
        for entry in self.entries():
            score, offsets = search.match(wanted, fold_each(entry.text))
            if score > 0:
                # Content(...) is plain text: titles and names are never read as markup.
                display = Content(entry.text)
                for offset in offsets:
                    display = display.stylize("bold underline", offset, offset + 1)
                yield Hit(score, display, entry.command, entry.text, entry.help)
