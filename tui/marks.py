"""Read and starred marks: kept in memory for the screens, mirrored in the library if any.

The in-memory sets change at once (the screens read them on every redraw); the methods that
touch the library block, so the app calls them in a thread.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tui.library import ArticleState, Library, MarkUndo
from tui.models import Article

UNREAD_VIEW_LIMIT = 2000
"""The most articles the Unread view lists (newest first)."""


@dataclass(frozen=True, slots=True)
class MarkedRead:
    """One "mark all read": what it changed, so that it can be changed back."""

    ids: frozenset[str]
    """The articles on screen it marked read."""
    undos: tuple[MarkUndo, ...] = ()
    """What it changed in the library, feed by feed (older articles included)."""

    @property
    def count(self) -> int:
        return len(self.ids.union(*(undo.ids for undo in self.undos)))


@dataclass(frozen=True, slots=True)
class ViewCounts:
    """The numbers beside the Starred and Unread entries of the feed list."""

    starred: int = 0
    unread: int = 0


def once_per_url(articles: Iterable[Article]) -> list[Article]:
    """The first article of each URL: a feed and a listing page may both carry one."""
    first: dict[str, Article] = {}
    for article in articles:
        first.setdefault(article.url, article)
    return list(first.values())


class Marks:
    """Which articles are read and which are starred."""

    def __init__(self, library: Library | None = None) -> None:
        self.library = library
        self.read: set[str] = set()
        self.starred: set[str] = set()

    def state(self, article: Article) -> ArticleState:
        return ArticleState(read=article.id in self.read, starred=article.id in self.starred)

    def unread_count(self, articles: Iterable[Article]) -> int:
        return sum(1 for article in articles if article.id not in self.read)

    def set_read(self, article: Article, read: bool) -> None:
        (self.read.add if read else self.read.discard)(article.id)

    def set_starred(self, article: Article, starred: bool) -> None:
        (self.starred.add if starred else self.starred.discard)(article.id)

    def mark_all_read(self, articles: Iterable[Article]) -> frozenset[str]:
        """Mark ``articles`` read in memory; return the ids that were unread."""
        ids = frozenset(article.id for article in articles) - self.read
        self.read |= ids
        return ids

    def forget_marked(self, mark: MarkedRead) -> None:
        """Make the articles of ``mark`` unread again in memory."""
        self.read -= mark.ids.union(*(undo.ids for undo in mark.undos))

    # -- the library (blocking: call these in a thread) -----------------------

    def recall(self, articles: Sequence[Article]) -> None:
        """Learn which of ``articles`` the library has seen read or starred."""
        if self.library is None or not articles:
            return
        for id, state in self.library.states(article.id for article in articles).items():
            if state.read:
                self.read.add(id)
            if state.starred:
                self.starred.add(id)

    def save_read(self, article: Article, read: bool) -> None:
        if self.library is not None:
            self.library.set_read(article.id, read)

    def save_starred(self, article: Article, starred: bool) -> None:
        """Star or unstar; an article no feed listed (a related link) is recorded first."""
        if self.library is None:
            return
        known = self.library.states([article.id]).get(article.id)
        if known is None:
            self.library.record_articles([article])
            known = ArticleState()
        if known.starred != starred:
            self.library.toggle_star(article.id)

    def save_all_read(self, feed_urls: Iterable[str]) -> tuple[MarkUndo, ...]:
        if self.library is None:
            return ()
        return tuple(self.library.mark_feed_read(url) for url in feed_urls)

    def undo(self, mark: MarkedRead) -> None:
        if self.library is not None:
            for undo in mark.undos:
                self.library.undo(undo)

    def starred_articles(self, known: Sequence[Article]) -> list[Article]:
        """Every starred article, newest first: the library's, else those of ``known``."""
        if self.library is None:
            return [article for article in known if article.id in self.starred]
        return once_per_url(self.library.starred())

    def unread_articles(self, known: Sequence[Article], feed_urls: set[str]) -> list[Article]:
        """The unread articles of the feeds followed, newest first, older ones included."""
        if self.library is None:
            return [article for article in known if article.id not in self.read]
        unread = self.library.unread(limit=UNREAD_VIEW_LIMIT)
        return once_per_url(article for article in unread if article.feed_url in feed_urls)

    def view_counts(self, known: Sequence[Article], feed_urls: set[str]) -> ViewCounts:
        """As many as the Starred and Unread lists show (an article twice listed counts once)."""
        starred = self.starred_articles(known)
        return ViewCounts(len(starred), len(self.unread_articles(known, feed_urls)))
