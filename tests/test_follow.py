"""What an address to follow turns out to be, and the config file's subscriptions changed."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.fixture_site import FIXTURES, FixtureSite
from tui.client import CachedClient
from tui.config import Config, load_config, save_config
from tui.errors import FetchError, ParseError
from tui.follow import add_subscription, classify, probe, remove_subscription, typed_url
from tui.models import Fetched, Link, Source
from tui.sources import default_sources

BASE = "https://bao.example/"


def fetched(path: str, content_type: str, url: str = BASE) -> Fetched:
    content = (FIXTURES / path).read_bytes()
    return Fetched(
        url=url, content=content, content_type=content_type, fetched_at=datetime.now(UTC)
    )


def test_a_feed_is_followed_by_its_own_title_and_language() -> None:
    found = classify(fetched("feeds/vi-tin-moi.rss", "application/rss+xml"))
    assert found.source == Source(
        BASE, title="Tin Nhanh Việt - Tin mới nhất", language="vi", kind="feed"
    )
    assert found.feeds == ()


def test_a_page_offers_the_feeds_it_announces_and_not_itself_without_article_links() -> None:
    found = classify(fetched("subscriptions/page-with-feeds.html", "text/html"))
    assert found.source is None
    assert found.feeds[:2] == (
        Link("Tin mới nhất", "https://bao.example/news/rss/tin-moi-nhat.rss"),
        Link("Thời sự (Atom)", "https://feeds.example.net/thoi-su.atom"),
    )


def test_a_listing_page_without_feeds_is_followed_for_its_links() -> None:
    found = classify(fetched("pages/listing-vi.html", "text/html", "https://bao.example/thoi-su"))
    assert found.source is not None and found.source.kind == "page"
    assert found.source.url == "https://bao.example/thoi-su"
    assert found.feeds == ()


@pytest.mark.parametrize(
    ("content", "content_type", "reason"),
    [
        ((FIXTURES / "subscriptions/page-without-feeds.html").read_bytes(), "text/html", "no feed"),
        ((FIXTURES / "subscriptions/reader-export.opml").read_bytes(), "text/x-opml", "<opml>"),
        (b"\x89PNG\r\n\x1a\n" + bytes(32), "image/png", "neither a feed nor a web page"),
    ],
)
def test_what_cannot_be_followed_is_a_parse_error(
    content: bytes, content_type: str, reason: str
) -> None:
    page = Fetched(BASE, content, content_type, fetched_at=datetime.now(UTC))
    with pytest.raises(ParseError, match=reason):
        classify(page)


def test_typed_addresses() -> None:
    assert typed_url("vnexpress.net") == "https://vnexpress.net"
    assert typed_url("  http://a.example/rss \n") == "http://a.example/rss"
    assert typed_url("ftp://a.example/") is None
    assert typed_url("two words") is None
    assert typed_url("") is None


async def test_probe_fetches_through_the_cache(site: FixtureSite, tmp_path: Path) -> None:
    async with CachedClient(tmp_path / "cache") as client:
        found = await probe(client, site.url("/feeds/en-mekong-ledger.atom"))
        assert found.source is not None and found.source.title == "The Mekong Ledger"
        assert client.cached(site.url("/feeds/en-mekong-ledger.atom")) is not None
        with pytest.raises(FetchError):
            await probe(client, site.url("/nothing-here.xml"))


def test_adding_to_a_config_without_subscriptions_keeps_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    save_config(Config(path=path, lang="fr", theme="nord"))
    new = Source("https://a.example/rss", title="A", kind="feed")
    add_subscription(path, new)
    add_subscription(path, new)  # once only
    config = load_config(path)
    assert config.subscriptions == [*default_sources("fr"), new]
    assert config.theme == "nord"
    remove_subscription(path, default_sources("fr")[0].url)
    assert load_config(path).subscriptions == [*default_sources("fr")[1:], new]
