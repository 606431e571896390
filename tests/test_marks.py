"""Read and starred marks, in memory and in the library: what the Starred and Unread lists hold."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tui.library import Library
from tui.marks import MarkedRead, Marks, ViewCounts
from tui.models import Article

FEED = "https://bao.example/rss"
OTHER = "https://other.example/rss"


def article(n: int, feed: str = FEED, url: str | None = None) -> Article:
    return Article(
        id=f"id-{n}",
        url=url or f"https://bao.example/{n}.html",
        title=f"Bài {n}",
        published=datetime(2026, 11, n, tzinfo=UTC),
        feed_url=feed,
    )


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with Library(tmp_path / "library.sqlite3") as library:
        yield library


def test_without_a_library_the_lists_come_from_the_articles_shown() -> None:
    shown = [article(3), article(2), article(1)]
    marks = Marks()
    marks.set_starred(shown[1], True)
    marks.set_read(shown[0], True)
    assert marks.starred_articles(shown) == [shown[1]]
    assert marks.unread_articles(shown, {FEED}) == shown[1:]
    assert marks.view_counts(shown, {FEED}) == ViewCounts(starred=1, unread=2)


def test_the_library_lists_older_articles_once_per_url_and_only_followed_feeds(
    library: Library,
) -> None:
    old = article(1)
    twin = article(9, url=old.url)  # the same page, seen through a listing page too
    elsewhere = article(2, feed=OTHER)
    shown = [article(3)]
    library.record_articles([*shown, old, twin, elsewhere])
    marks = Marks(library)
    unread = marks.unread_articles(shown, {FEED})
    assert [a.url for a in unread] == [twin.url, shown[0].url]  # newest first, twin once
    assert marks.view_counts(shown, {FEED}) == ViewCounts(starred=0, unread=2)


def test_a_star_on_an_article_no_feed_listed_is_kept(library: Library) -> None:
    related = Article(id="https://x.example/a", url="https://x.example/a", title="Related")
    marks = Marks(library)
    marks.save_starred(related, True)
    marks.save_starred(related, True)  # setting, not toggling
    assert [a.url for a in library.starred()] == [related.url]
    marks.save_starred(related, False)
    assert library.starred() == []


def test_mark_all_read_and_undo(library: Library) -> None:
    shown = [article(3), article(2)]
    old = article(1)
    library.record_articles([*shown, old])
    marks = Marks(library)
    marks.set_read(shown[0], True)
    marks.save_read(shown[0], True)
    ids = marks.mark_all_read(shown)
    assert ids == {shown[1].id}
    mark = MarkedRead(ids, marks.save_all_read([FEED]))
    assert mark.count == 2  # the one on screen, and the older one only the library had
    assert library.unread_counts() == {}
    marks.forget_marked(mark)
    marks.undo(mark)
    assert library.unread_counts() == {FEED: 2}
    assert [marks.state(a).read for a in shown] == [True, False]
