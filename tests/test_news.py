"""NewsService over a real cache, library and local server: refreshes, fallbacks, related lists."""

from __future__ import annotations

from pathlib import Path

from tests.fixture_site import FixtureSite
from tui.client import CachedClient
from tui.library import Library
from tui.models import Source
from tui.news import NewsService

FEED = "/feeds/en-mekong-ledger.atom"


def service(tmp_path: Path, library: Library, sources: list[Source]) -> NewsService:
    # TTL 0: every load revalidates, so an unchanged feed is answered with a 304.
    client = CachedClient(tmp_path / "cache", ttls={"feed": 0})
    return NewsService(client, sources, library=library)


async def test_an_unchanged_feed_reads_the_same_after_a_304(
    site: FixtureSite, tmp_path: Path
) -> None:
    source = Source(site.url(FEED))
    with Library(tmp_path / "library.sqlite3") as library:
        first = service(tmp_path, library, [source])
        fresh = await first.load_feed(source)
        await first.aclose()

        # A new process on the same cache and library: the body is revalidated, not re-sent.
        again = service(tmp_path, library, [source])
        revalidated = await again.load_feed(source)
        await again.aclose()

    assert site.requests[-1].headers.get("if-none-match")
    assert revalidated.status == "ok"
    assert revalidated.feed is not None and fresh.feed is not None
    assert revalidated.feed.title == fresh.feed.title == "The Mekong Ledger"
    assert {a.id for a in revalidated.articles} == {a.id for a in fresh.articles}


async def test_a_changed_feed_shows_its_new_articles(site: FixtureSite, tmp_path: Path) -> None:
    source = Source(site.url("/changing.rss"))
    item = "<item><title>{0}</title><link>https://x.example/{0}</link></item>"
    feed = "<rss version='2.0'><channel><title>Changing</title>{}</channel></rss>"
    site.add("/changing.rss", feed.format(item.format("first")), "application/rss+xml")
    with Library(tmp_path / "library.sqlite3") as library:
        news = service(tmp_path, library, [source])
        await news.load_feed(source)
        site.add(
            "/changing.rss",
            feed.format(item.format("second") + item.format("first")),
            "application/rss+xml",
        )
        state = await news.load_feed(source)
        await news.aclose()

    assert [a.title for a in state.articles] == ["second", "first"]
    assert [a.title for a in news.articles()] == ["second", "first"]
