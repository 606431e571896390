"""Following and unfollowing from the app: + asks for any address, - asks before removing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from tests.app_harness import make_app, plain, serve_demo, settle, toasts
from tests.fixture_site import FixtureSite
from tui.app import VnNewsApp
from tui.config import Config, load_config, save_config
from tui.demo import demo_sources
from tui.screens.add_source import AddSourceScreen
from tui.screens.confirm import ConfirmScreen
from tui.screens.feeds import FeedsScreen
from tui.sources import default_sources
from tui.widgets.article_list import ArticleList
from tui.widgets.feed_list import FeedList
from tui.widgets.nav_list import NavList

FEED = "/feeds/vi-tin-moi.rss"
ATOM = "/feeds/en-mekong-ledger.atom"


@pytest.fixture
def demo(site: FixtureSite) -> FixtureSite:
    serve_demo(site)
    return site


def config_at(tmp_path: Path) -> Path:
    return tmp_path / "config" / "config.toml"


def subscribed(path: Path) -> list[str]:
    """The subscriptions the config file on disk holds."""
    config = load_config(path)
    assert not config.warnings, config.warnings
    assert config.subscriptions is not None
    return [source.url for source in config.subscriptions]


async def add(pilot: Pilot[Any], address: str) -> None:
    """Press +, type ``address`` and Enter, and wait for the answer."""
    await pilot.press("plus")
    assert isinstance(pilot.app.screen, AddSourceScreen)
    pilot.app.screen.query_one(Input).value = address
    await pilot.press("enter")
    await settle(pilot)


def feed_keys(app: VnNewsApp) -> list[str]:
    return [option.id or "" for option in app.screen.query_one(FeedList).options]


async def test_plus_with_a_feed_address_follows_it_and_writes_the_config(
    demo: FixtureSite, tmp_path: Path
) -> None:
    path = config_at(tmp_path)
    app = make_app(demo, tmp_path / "cache", config=Config(path=path))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        await add(pilot, demo.url(FEED))
        assert isinstance(app.screen, FeedsScreen)
        assert feed_keys(app)[-1] == demo.url(FEED)
        assert app.screen.query_one(FeedList).current_key == demo.url(FEED)
        articles = app.screen.query_one(ArticleList)
        assert str(articles.border_title) == "Tin Nhanh Việt - Tin mới nhất"
        assert len(articles.articles) == 7
        assert "Đã thêm Tin Nhanh Việt - Tin mới nhất" in toasts(app)
    # Nothing was subscribed yet: the defaults are kept, the new feed comes after them.
    defaults = [source.url for source in default_sources("vi")]
    assert subscribed(path) == [*defaults, demo.url(FEED)]
    assert load_config(path).subscriptions[-1].kind == "feed"  # type: ignore[index]


async def test_plus_with_a_web_page_offers_the_feeds_it_announces(
    demo: FixtureSite, tmp_path: Path
) -> None:
    page = demo.add(
        "/home.html",
        '<!doctype html><html><head><meta charset="utf-8"><title>Trang chủ</title>'
        f'<link rel="alternate" type="application/rss+xml" title="Tin mới" href="{FEED}">'
        f'<link rel="alternate" type="application/atom+xml" title="[bold]Ledger[/]" href="{ATOM}">'
        "</head><body><p>Xin chào</p></body></html>",
        "text/html; charset=utf-8",
    )
    path = config_at(tmp_path)
    save_config(Config(path=path, subscriptions=demo_sources(demo)))
    app = make_app(demo, tmp_path / "cache", config=load_config(path))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await add(pilot, page)
        dialog = app.screen
        assert isinstance(dialog, AddSourceScreen)
        found = dialog.query_one("#found", NavList)
        assert found.has_focus
        assert [plain(option.prompt).split("\n")[0] for option in found.options] == [
            "Tin mới",
            "[bold]Ledger[/]",
        ]
        status = plain(dialog.query_one("#add-status", Static).content)
        assert "2 nguồn tin" in status
        await pilot.press("j", "enter")
        await settle(pilot)
        assert isinstance(app.screen, FeedsScreen)
        assert app.screen.query_one(FeedList).current_key == demo.url(ATOM)
        assert str(app.screen.query_one(ArticleList).border_title) == "The Mekong Ledger"
    assert subscribed(path) == [*(source.url for source in demo_sources(demo)), demo.url(ATOM)]


async def test_a_page_without_feeds_is_followed_for_its_article_links(
    demo: FixtureSite, tmp_path: Path
) -> None:
    path = config_at(tmp_path)
    app = make_app(demo, tmp_path / "cache", config=Config(path=path))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        await add(pilot, demo.url("/pages/listing-vi.html"))
        assert isinstance(app.screen, FeedsScreen)
        assert any("theo dõi các liên kết bài viết" in toast for toast in toasts(app))
        assert app.screen.query_one(ArticleList).articles
    assert load_config(path).subscriptions[-1].kind == "page"  # type: ignore[index]


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("http://127.0.0.1:1/feed.xml", "connection refused"),
        ("/missing.xml", "404"),
        ("/photo.png", "neither a feed nor a web page"),
        ("not an address at all", "Không phải địa chỉ web"),
    ],
)
async def test_an_address_that_cannot_be_followed_says_why_and_changes_nothing(
    demo: FixtureSite, tmp_path: Path, address: str, reason: str
) -> None:
    demo.add("/photo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png")
    url = demo.url(address) if address.startswith("/") else address
    path = config_at(tmp_path)
    app = make_app(demo, tmp_path / "cache", config=Config(path=path))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        before = feed_keys(app)
        await add(pilot, url)
        assert isinstance(app.screen, AddSourceScreen)  # still open, to correct the address
        messages = [toast for toast in toasts(app) if reason in toast]
        assert len(messages) == 1 and "\n" not in messages[0].strip()
        await pilot.press("escape")
        assert isinstance(app.screen, FeedsScreen)
        assert feed_keys(app) == before
    assert not path.exists()


async def test_minus_removes_the_selected_feed_after_a_yes(
    demo: FixtureSite, tmp_path: Path
) -> None:
    path = config_at(tmp_path)
    sources = demo_sources(demo)
    save_config(Config(path=path, subscriptions=sources))
    app = make_app(demo, tmp_path / "cache", config=load_config(path))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("tab", "j", "j", "j", "j")
        feeds = app.screen.query_one(FeedList)
        assert feeds.current_key == sources[1].url
        await pilot.press("minus")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert sources[1].url in feed_keys(app)
        await pilot.press("minus", "y")
        await settle(pilot)
        assert sources[1].url not in feed_keys(app)
        assert feeds.current_key == "all"
        assert len(app.screen.query_one(ArticleList).articles) == 18
        assert "Đã bỏ Tin Nhanh › Đời sống" in toasts(app)
    assert subscribed(path) == [source.url for source in sources if source != sources[1]]


async def test_the_demo_never_writes_the_config(demo: FixtureSite, tmp_path: Path) -> None:
    path = config_at(tmp_path)
    app = make_app(demo, tmp_path / "cache", config=Config(path=path), persist_subscriptions=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await add(pilot, demo.url(FEED))
        assert feed_keys(app)[-1] == demo.url(FEED)
        await pilot.press("minus", "y")
        await settle(pilot)
        assert demo.url(FEED) not in feed_keys(app)
    assert not path.exists()
