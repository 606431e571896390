"""Reading: open an article, follow its related links, walk the list with n/p, come back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from tests.app_harness import feed_path, make_app, plain, reading, serve_demo, settle, toasts
from tests.fixture_site import FixtureSite
from tui.app import VnNewsApp
from tui.library import Library
from tui.screens.article import ArticleScreen
from tui.screens.feeds import FeedsScreen
from tui.screens.related import RelatedScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.article_view import ArticleView, RelatedLinks
from tui.widgets.feed_list import FeedList

LIBRARY_PAGE = "/pages/bm-thu-vien-can-cuoc.html"
"""By Ngọc Diệp (Báo Mẫu); she also writes for Sample Times as "Ngoc Diep"."""


@pytest.fixture
def demo(site: FixtureSite) -> FixtureSite:
    serve_demo(site)
    return site


def article_text(app: VnNewsApp) -> str:
    return plain(app.screen.query_one("#text", Static).content)


async def open_article(pilot: Pilot[Any], path: str) -> ArticleScreen:
    """From the feed list ("All"), open the article at ``path`` as a reader would: Enter on it."""
    app = pilot.app
    articles = app.screen.query_one(ArticleList)
    articles.focus()
    articles.highlighted = next(i for i, a in enumerate(articles.articles) if a.url.endswith(path))
    await pilot.press("enter")
    await settle(pilot)
    return reading(app)


async def test_enter_opens_the_article_and_escape_comes_back_to_it(
    demo: FixtureSite, tmp_path: Path
) -> None:
    app = make_app(demo, tmp_path / "cache")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = await open_article(pilot, LIBRARY_PAGE)
        text = article_text(app)
        assert text.startswith("Thư viện Hà Nội cho mượn sách bằng căn cước điện tử")
        assert "Ngọc Diệp" in text
        assert screen.query_one(ArticleView).has_focus
        await pilot.press("escape")
        assert isinstance(app.screen, FeedsScreen)
        articles = app.screen.query_one(ArticleList)
        assert articles.current is not None and articles.current.url.endswith(LIBRARY_PAGE)
        assert app.is_read(articles.current)
        row = articles.row(articles.highlighted or 0)
        assert row.plain.startswith("  Thư viện")  # no unread mark


async def test_related_article_and_back_restores_the_scroll_position(
    demo: FixtureSite, tmp_path: Path
) -> None:
    app = make_app(demo, tmp_path / "cache")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        first = await open_article(pilot, LIBRARY_PAGE)
        reader = first.query_one(ArticleView)
        await pilot.press("space")
        assert reader.scroll_y > 0
        await pilot.press("tab")  # into the related entries, under the text
        related = first.query_one(RelatedLinks)
        assert related.has_focus
        entries = [
            entry for entry in related.entries if entry is not None and entry[0].kind == "article"
        ]
        target = entries[0][0]
        related.highlighted = related.entries.index(entries[0])
        await pilot.pause()
        scroll_before = reader.scroll_y
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen) and app.screen is not first
        assert reading(app).article.url == target.url
        assert article_text(app).startswith(target.name)
        assert app.screen.query_one(ArticleView).scroll_y == 0
        await pilot.press("backspace")
        await pilot.pause()
        assert app.screen is first
        assert reader.scroll_y == scroll_before > 0
        assert related.has_focus


async def test_n_and_p_walk_the_list_the_article_came_from(
    demo: FixtureSite, tmp_path: Path
) -> None:
    app = make_app(demo, tmp_path / "cache")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        listing = app.screen.query_one(ArticleList).articles
        await pilot.press("enter")
        await settle(pilot)
        assert reading(app).article.url == listing[0].url
        # The next article was fetched in the background while the first one was read.
        assert app.service.cached_body(listing[1].url) is not None
        await pilot.press("n")
        await settle(pilot)
        assert reading(app).article.url == listing[1].url
        assert article_text(app).startswith(listing[1].title)
        assert len(app.screen_stack) == 2  # replaced, not stacked
        await pilot.press("p", "p")
        await settle(pilot)
        assert reading(app).article.url == listing[0].url
        assert "Đây là bài đầu danh sách" in toasts(app)
        await pilot.press("escape")
        assert isinstance(app.screen, FeedsScreen)


async def test_author_view_lists_each_article_once_across_feeds_and_spellings(
    demo: FixtureSite, tmp_path: Path
) -> None:
    app = make_app(demo, tmp_path / "cache")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_article(pilot, LIBRARY_PAGE)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, RelatedScreen)
        listing = app.screen.query_one(ArticleList)
        assert str(listing.border_title) == "Bài của Ngọc Diệp"
        urls = [article.url for article in listing.articles]
        assert len(urls) == len(set(urls)) == 5
        assert sum("/pages/bm-" in url for url in urls) == 3
        assert sum("/pages/st-" in url for url in urls) == 2
        dates = [article.published for article in listing.articles if article.published]
        assert len(dates) == 5 and dates == sorted(dates, reverse=True)
        await pilot.press("j", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        assert reading(app).article.url == urls[1]
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, ArticleScreen) and reading(app).article.url.endswith(
            LIBRARY_PAGE
        )


async def test_category_view_and_enter_on_the_author_entry(
    demo: FixtureSite, tmp_path: Path
) -> None:
    app = make_app(demo, tmp_path / "cache")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        article = await open_article(pilot, LIBRARY_PAGE)
        assert article.body is not None
        category = article.body.categories[0]
        await pilot.press("c")
        await settle(pilot)
        listing = app.screen.query_one(ArticleList)
        assert str(listing.border_title) == f"Chuyên mục {category}"
        assert listing.articles and all(
            category in a.categories for a in listing.articles if a.categories
        )
        await pilot.press("escape", "tab", "enter")  # the first related entry: the author's list
        await settle(pilot)
        assert str(app.screen.query_one(ArticleList).border_title) == "Bài của Ngọc Diệp"


async def test_an_unreachable_page_shows_the_feeds_summary_with_a_notice(
    demo: FixtureSite, tmp_path: Path
) -> None:
    demo.fail(LIBRARY_PAGE, "500")
    app = make_app(demo, tmp_path / "cache")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_article(pilot, LIBRARY_PAGE)
        text = article_text(app)
        assert text.startswith("Thư viện Hà Nội")
        assert "showing the feed's summary" in text
        assert "500" in text


async def test_a_related_page_no_feed_knows_that_cannot_be_fetched_says_so(
    demo: FixtureSite, tmp_path: Path
) -> None:
    page = demo.resources[LIBRARY_PAGE]
    page.body = page.body.replace(b"/pages/bm-xe-buyt-dien.html", b"/pages/missing.html")
    app = make_app(demo, tmp_path / "cache")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        first = await open_article(pilot, LIBRARY_PAGE)
        related = first.query_one(RelatedLinks)
        entry = next(
            e for e in related.entries if e is not None and e[0].url.endswith("/missing.html")
        )
        related.focus()
        related.highlighted = related.entries.index(entry)
        await pilot.press("enter")
        await settle(pilot)
        text = article_text(app)
        assert text.startswith("Đà Nẵng mở tuyến xe buýt điện")
        assert "Không mở được bài" in text and "404" in text
        await pilot.press("escape")
        assert app.screen is first


async def test_open_without_a_browser_copies_the_link_and_says_so(
    demo: FixtureSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("BROWSER", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.2 50000 10.0.0.1 22")
    app = make_app(demo, tmp_path / "cache")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        article = await open_article(pilot, LIBRARY_PAGE)
        await pilot.press("o")
        await pilot.pause()
        assert app.clipboard == article.article.url
        assert any(
            "Không có trình duyệt" in toast and article.article.url in toast
            for toast in toasts(app)
        )
        app.copy_to_clipboard("")
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == article.article.url
        assert f"Đã chép: {article.article.url}" in toasts(app)


async def test_keys_a_and_c_work_from_the_article_list_too(
    demo: FixtureSite, tmp_path: Path
) -> None:
    demo.fail(feed_path(demo, 3), "500")
    app = make_app(demo, tmp_path / "cache")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, RelatedScreen)
        first = app.screen.query_one(ArticleList).articles
        assert first and all(first[0].authors[0] in a.authors for a in first)


async def test_read_marks_are_kept_in_the_library_for_the_next_run(
    demo: FixtureSite, tmp_path: Path
) -> None:
    with Library(tmp_path / "library.sqlite3") as library:
        first = make_app(demo, tmp_path / "cache", library=library)
        async with first.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await open_article(pilot, LIBRARY_PAGE)
            await pilot.press("escape")
            await settle(pilot)
        second = make_app(demo, tmp_path / "cache", library=library)
        async with second.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            articles = second.screen.query_one(ArticleList).articles
            read = [article.url for article in articles if second.is_read(article)]
            assert len(read) == 1 and read[0].endswith(LIBRARY_PAGE)
            assert plain(second.screen.query_one(FeedList).options[0].prompt).split() == [
                "Tất",
                "cả",
                "23",
            ]
