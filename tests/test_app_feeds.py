"""The feed list: what `vnnews` opens, painted from the cache, updated as feeds arrive."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from tests.app_harness import feed_path, make_app, plain, reading, serve_demo, settle
from tests.fixture_site import FixtureSite
from tui.app import VnNewsApp
from tui.client import CachedClient
from tui.demo import demo_sources
from tui.models import Source
from tui.screens.feeds import FeedsScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.feed_list import FeedList

DEMO_ARTICLES = 24


@pytest.fixture
def demo(site: FixtureSite) -> FixtureSite:
    serve_demo(site)
    return site


def feed_rows(app: VnNewsApp) -> list[str]:
    feeds = app.screen.query_one(FeedList)
    return [" ".join(plain(option.prompt, 40).split()) for option in feeds.options]


def status(app: VnNewsApp) -> str:
    return str(app.screen.query_one("#status", Static).render())


async def test_opens_on_every_feed_with_all_articles_newest_first(
    demo: FixtureSite, tmp_path: Path
) -> None:
    app = make_app(demo, tmp_path / "cache")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, FeedsScreen)
        rows = feed_rows(app)
        assert rows[:3] == [f"Tất cả {DEMO_ARTICLES}", "★ Gắn sao", f"● Chưa đọc {DEMO_ARTICLES}"]
        assert rows[3:] == [
            "Báo Mẫu",
            "Tin mới nhất 6",
            "Tin Nhanh",
            "Đời sống 6",
            "Sample Times",
            "Latest 6",
            "Le Courrier Démo",
            "À la une 6",
        ]
        articles = app.screen.query_one(ArticleList).articles
        assert len(articles) == DEMO_ARTICLES
        dates = [article.published for article in articles if article.published]
        assert len(dates) == DEMO_ARTICLES and dates == sorted(dates, reverse=True)
        assert status(app) == f"{DEMO_ARTICLES} bài"


async def test_moving_in_the_feed_list_shows_that_feeds_articles(
    demo: FixtureSite, tmp_path: Path
) -> None:
    app = make_app(demo, tmp_path / "cache")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press(
            "tab", "j", "j", "j", "j"
        )  # Tất cả, Gắn sao, Chưa đọc, Báo Mẫu, Tin Nhanh
        articles = app.screen.query_one(ArticleList)
        assert {a.feed_url for a in articles.articles} == {demo_sources(demo)[1].url}
        assert str(articles.border_title) == "Tin Nhanh › Đời sống"
        await pilot.press("enter")
        assert articles.has_focus
        await pilot.press("tab")
        assert app.screen.query_one(FeedList).has_focus


async def test_a_failing_feed_shows_its_reason_and_the_others_still_load(
    demo: FixtureSite, tmp_path: Path
) -> None:
    demo.fail(feed_path(demo, 2), "500")
    app = make_app(demo, tmp_path / "cache")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        rows = feed_rows(app)
        assert rows[8].startswith("Latest ✗")
        assert len(app.screen.query_one(ArticleList).articles) == DEMO_ARTICLES - 6
        assert "1 nguồn lỗi: Sample Times › Latest" in status(app)
        await pilot.press("tab", *"jjjjj")
        assert "✗" in status(app) and "500" in status(app)


async def test_refresh_all_reports_progress_and_keeps_the_cached_copy_of_a_broken_feed(
    demo: FixtureSite, tmp_path: Path
) -> None:
    app = make_app(demo, tmp_path / "cache")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        demo.fail(feed_path(demo, 0), "500")
        demo.fail(feed_path(demo, 1), "delay:0.5")
        await pilot.press("R")
        await pilot.pause()
        assert status(app).startswith("Đang cập nhật")
        await settle(pilot)
        assert feed_rows(app)[4].startswith("Tin mới nhất ⟳")
        # The broken feed's articles stay on screen, from the cache.
        assert len(app.screen.query_one(ArticleList).articles) == DEMO_ARTICLES
        await pilot.press("tab", *"jjj")
        assert "⟳" in status(app) and "500" in status(app)


async def test_a_hanging_feed_never_blocks_the_others(demo: FixtureSite, tmp_path: Path) -> None:
    demo.fail(feed_path(demo, 3), "hang")
    app = make_app(demo, tmp_path / "cache")
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(200):
            await pilot.pause(0.02)
            if len(app.screen.query_one(ArticleList).articles) == DEMO_ARTICLES - 6:
                break
        assert len(app.screen.query_one(ArticleList).articles) == DEMO_ARTICLES - 6
        assert status(app) == "Đang cập nhật 3/4…"
        assert feed_rows(app)[10].endswith("…")
        await pilot.press("q")
    assert app.return_code == 0


async def test_second_start_paints_from_the_cache_before_the_network_answers(
    demo: FixtureSite, tmp_path: Path
) -> None:
    first = make_app(demo, tmp_path / "cache")
    async with first.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
    for index in range(4):
        demo.fail(feed_path(demo, index), "hang")
    second = make_app(demo, tmp_path / "cache")
    async with second.run_test(size=(100, 30)) as pilot:
        for _ in range(100):
            await pilot.pause(0.02)
            if second.screen.query_one(ArticleList).articles:
                break
        assert len(second.screen.query_one(ArticleList).articles) == DEMO_ARTICLES
        await pilot.press("q")
    assert second.return_code == 0


async def test_quitting_with_requests_in_flight_exits_cleanly_and_leaves_the_cache_readable(
    demo: FixtureSite, tmp_path: Path
) -> None:
    app = make_app(demo, tmp_path / "cache")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for index in range(4):
            demo.fail(feed_path(demo, index), "hang")
        await pilot.press("R")
        await pilot.pause()
        assert "Đang cập nhật 0/4" in status(app)
        await pilot.press("q")
    assert app.return_code == 0
    client = CachedClient(tmp_path / "cache")
    try:
        for source in demo_sources(demo):
            cached = client.cached(source.url)
            assert cached is not None and b"<" in cached.content
    finally:
        await client.aclose()


async def test_the_article_list_has_focus_at_start_and_enter_opens_the_newest(
    demo: FixtureSite, tmp_path: Path
) -> None:
    app = make_app(demo, tmp_path / "cache")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.screen.query_one(ArticleList).has_focus
        assert app.screen.query_one(FeedList).current_key == "all"
        newest = app.screen.query_one(ArticleList).articles[0]
        await pilot.press("enter")
        await settle(pilot)
        assert reading(app).article.url == newest.url
        await pilot.press("escape", "tab")
        assert app.screen.query_one(FeedList).has_focus


async def test_network_text_is_shown_as_text_never_as_markup(
    site: FixtureSite, tmp_path: Path
) -> None:
    items = "".join(
        f"<item><title>{title}</title><link>{site.url(f'/p{n}.html')}</link>"
        f"<pubDate>Tue, 24 Nov 2026 0{n}:00:00 GMT</pubDate></item>"
        for n, title in enumerate(["[bold]Bold[/bold] claim", "[@click=app.quit]Click me[/]"])
    )
    url = site.add(
        "/evil.xml", f"<rss><channel><title>[red]Evil[/red]</title>{items}</channel></rss>"
    )
    app = make_app(site, tmp_path / "cache", sources=[Source(url)])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        articles = app.screen.query_one(ArticleList)
        height = articles.scrollable_content_region.height
        drawn = [articles.render_line(y).text.rstrip() for y in range(height)]
        assert drawn[0].startswith("● [@click=app.quit]Click me[/]")
        assert "● [bold]Bold[/bold] claim" in drawn
        assert "[red]Evil[/red]" in feed_rows(app)[3]
        await pilot.press("enter")
        await settle(pilot)
        assert app.is_running


async def test_a_feed_that_is_not_a_feed_is_a_warning_on_its_row_not_a_crash(
    site: FixtureSite, tmp_path: Path
) -> None:
    garbage = site.add(
        "/garbage.xml", b"\x00\xff<rss><channel><item>\x1b[31m", "application/rss+xml"
    )
    app = make_app(site, tmp_path / "cache", sources=[Source(garbage, title="Garbage")])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert feed_rows(app)[3] == "Garbage ⚠"
        await pilot.press("tab", *"jjj")
        assert status(app).startswith("0 bài · ⚠ feed is not well-formed XML")
        await pilot.press("R", "tab", "enter", "a", "o", "y")
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, FeedsScreen)
