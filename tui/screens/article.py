"""One article, rendered; n/p walk the list it came from, a/c list its author's or category's."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import ClassVar

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer

from tui.errors import FetchError
from tui.models import Article, ArticleBody
from tui.render import render_article
from tui.screens.base import NewsScreen
from tui.widgets.article_view import ArticleView, Related, RelatedLinks

PREFETCH_AROUND = 1
"""How many articles before and after the current one are fetched while it is read."""


def as_article(related: Related) -> Article:
    """A related link no feed knows, as an article to open."""
    return Article(id=related.url, url=related.url, title=related.name)


class ArticleScreen(NewsScreen):
    """Shows at once what is already fetched; otherwise a loading indicator until it arrives."""

    HELP_GROUP = "Article"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,backspace", "back", "Back", id="article.back", tooltip="Back to where you were"
        ),
        Binding("n", "next", "Next", id="article.next", tooltip="Next article of the list"),
        Binding(
            "p", "previous", "Prev", id="article.previous", tooltip="Previous article of the list"
        ),
        Binding(
            "a", "author", "Author", id="article.author", tooltip="Every article by this author"
        ),
        Binding(
            "c",
            "category",
            "Category",
            id="article.category",
            tooltip="Every article in this category",
        ),
        Binding(
            "o",
            "open_link",
            "Open",
            id="article.open_link",
            tooltip="Open in a browser (or copy the link)",
        ),
        Binding(
            "y",
            "copy_link",
            "Copy URL",
            show=False,
            id="article.copy_link",
            tooltip="Copy the article's address",
        ),
        Binding(
            "s",
            "toggle_star",
            "Star",
            show=False,
            id="article.toggle_star",
            tooltip="Star or unstar this article (★)",
        ),
        Binding(
            "m",
            "toggle_read",
            "Read/unread",
            show=False,
            id="article.toggle_read",
            tooltip="Mark this article unread (or read again)",
        ),
    ]

    def __init__(
        self, article: Article, listing: Sequence[Article] = (), position: int | None = None
    ) -> None:
        super().__init__()
        self.article = article
        self.listing = list(listing)
        """The list the article was opened from: ``n``/``p`` walk it."""
        self.position = position
        self.body: ArticleBody | None = None

    def compose(self) -> ComposeResult:
        yield ArticleView(id="reader")
        yield Footer()

    def on_mount(self) -> None:
        reader = self.query_one(ArticleView)
        reader.focus()
        body = self.vn.service.cached_body(self.article.url)
        if body is not None:
            self.show_body(body)
        else:
            reader.loading = True
            self.load_body()

    @work(group="article", exclusive=True, exit_on_error=False)
    async def load_body(self) -> None:
        # Without a summary to fall back on, a page out of reach is an error worth saying.
        target = self.article if self.article.summary else self.article.url
        try:
            body = await self.vn.service.article(target)
        except FetchError as error:
            self.show_failure(error)
        else:
            self.show_body(body)
        self.query_one(ArticleView).loading = False

    def show_failure(self, error: FetchError) -> None:
        message = Text.assemble(
            (self.article.title + "\n\n", "bold"),
            (self.vn.texts.cannot_open.format(error=error), "red"),
        )
        self.query_one(ArticleView).show(message, None, labels=self.vn.labels, texts=self.vn.texts)

    def show_body(self, body: ArticleBody) -> None:
        # A page that names no author (or section) still has the one its feed gave.
        body = replace(
            body,
            authors=body.authors or self.article.authors,
            categories=body.categories or self.article.categories,
        )
        self.body = body
        # The related lists are shown as options one can open, not as text.
        labels = self.vn.labels_for(self.article)
        without_related = replace(body, same_author=(), same_category=())
        text = render_article(without_related, labels=labels, tz=self.vn.tz)
        reader = self.query_one(ArticleView)
        reader.show(Group(*text.renderables), body, labels=labels, texts=self.vn.texts)
        self.vn.mark_read(self.article)
        self.prefetch_neighbours()

    @work(group="prefetch", exclusive=True, exit_on_error=False)
    async def prefetch_neighbours(self) -> None:
        """Fetch the next and previous articles so n/p open at once (cancelled with the screen)."""
        if self.position is None:
            return
        around = range(self.position - PREFETCH_AROUND, self.position + PREFETCH_AROUND + 1)
        urls = [
            self.listing[i].url for i in around if 0 <= i < len(self.listing) and i != self.position
        ]
        await self.vn.service.prefetch(urls)

    # -- events and actions ---------------------------------------------------

    @on(RelatedLinks.Chosen)
    def related_chosen(self, event: RelatedLinks.Chosen) -> None:
        related = event.related
        if related.kind == "article":
            # An article the feeds know keeps its summary, authors and feed (for n/p, a, c).
            known = {article.url: article for article in self.vn.service.articles()}
            section = [known.get(entry.url) or as_article(entry) for entry in event.section]
            position = event.section.index(related)
            self.vn.show_article(section[position], section, position)
        else:
            self.vn.show_related(related.kind, related.name, self.body)

    def action_next(self) -> None:
        self.step(+1, self.vn.texts.no_next)

    def action_previous(self) -> None:
        self.step(-1, self.vn.texts.no_previous)

    def step(self, offset: int, at_edge: str) -> None:
        target = None if self.position is None else self.position + offset
        if target is None or not 0 <= target < len(self.listing):
            self.notify(at_edge)
            return
        self.vn.show_article(self.listing[target], self.listing, target, replace=True)

    def action_toggle_star(self) -> None:
        # No row shows the star here: say it.
        starred = self.vn.toggle_star(self.article)
        texts = self.vn.texts
        self.notify(texts.starred_now if starred else texts.unstarred_now, timeout=3)

    def action_toggle_read(self) -> None:
        read = self.vn.toggle_read(self.article)
        texts = self.vn.texts
        self.notify(texts.read_now if read else texts.unread_now, timeout=3)

    def current_article(self) -> Article:
        return self.article

    def current_body(self) -> ArticleBody | None:
        return self.body
