"""What every vnnews screen shares: the app, the keys o, y, a, c, m, s, worker failures reported."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.screen import Screen
from textual.widgets import Footer
from textual.worker import Worker

from tui.models import Article, ArticleBody
from tui.widgets.article_list import ArticleList

if TYPE_CHECKING:
    from tui.app import RelatedKind, VnNewsApp

COMPACT_BELOW = 100


class NewsScreen(Screen[None]):
    """A screen of vnnews; the workers it starts report their failures through the app."""

    @property
    def vn(self) -> VnNewsApp:
        return self.app  # type: ignore[return-value]

    def current_article(self) -> Article | None:
        """The article the keys o, y, a, c, m and s act on (the highlighted or the open one)."""
        return None

    def current_body(self) -> ArticleBody | None:
        """The current article's full text, when it has been fetched."""
        return None

    def action_back(self) -> None:
        """Like a browser's back: the screen underneath is as it was left, scroll included."""
        self.dismiss()

    def action_open_link(self) -> None:
        if (article := self.current_article()) is not None:
            self.vn.open_link(article.url)

    def action_copy_link(self) -> None:
        if (article := self.current_article()) is not None:
            self.vn.copy_link(article.url)

    def action_toggle_read(self) -> None:
        if (article := self.current_article()) is not None:
            self.vn.toggle_read(article)

    def action_toggle_star(self) -> None:
        if (article := self.current_article()) is not None:
            self.vn.toggle_star(article)

    def marks_changed(self) -> None:
        """Articles were read, marked or starred: redraw the rows that show them."""
        for article_list in self.query(ArticleList):
            article_list.refresh_marks()

    def action_author(self) -> None:
        self.show_related("author")

    def action_category(self) -> None:
        self.show_related("category")

    def show_related(self, kind: RelatedKind) -> None:
        """The list of the current article's (first) author or category, if it names one."""
        found = self.current_body() or self.current_article()
        names = () if found is None else found.authors if kind == "author" else found.categories
        if names:
            self.vn.show_related(kind, names[0], self.current_body())
        else:
            texts = self.vn.texts
            self.notify(texts.no_author if kind == "author" else texts.no_category)

    def on_resize(self, event: events.Resize) -> None:
        """Below 100 columns the footer packs its keys tighter, so that "? Help" still fits."""
        for footer in self.query(Footer):
            footer.compact = event.size.width < COMPACT_BELOW

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # Worker messages do not bubble: each screen hands them to the app's one handler.
        self.vn.report_worker(event.worker)
