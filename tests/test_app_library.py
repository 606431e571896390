"""Read, unread and starred, kept in the library; the Starred and Unread lists; search."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Input, Static

from tests.app_harness import (
    FROZEN_NOW,
    feed_path,
    make_app,
    plain,
    reading,
    serve_demo,
    settle,
    toasts,
)
from tests.fixture_site import FixtureSite
from tui.app import VnNewsApp
from tui.config import Config
from tui.demo import demo_sources
from tui.folding import fold
from tui.library import ArticleState, Library
from tui.models import Article
from tui.screens.confirm import ConfirmScreen
from tui.screens.feeds import FeedsScreen
from tui.screens.search import SearchScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.article_row import ArticleRow
from tui.widgets.feed_list import FeedList
from tui.widgets.search_results import SearchResults

DEMO_ARTICLES = 24


@pytest.fixture
def demo(site: FixtureSite) -> FixtureSite:
    serve_demo(site)
    return site


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with Library(tmp_path / "library.sqlite3") as library:
        yield library


def feed_rows(app: VnNewsApp) -> dict[str, str]:
    """Each row of the feed list by its key ("all", "starred", a feed's URL), as it reads."""
    feeds = app.screen.query_one(FeedList)
    return {option.id or "": " ".join(plain(option.prompt, 40).split()) for option in feeds.options}


def list_rows(app: VnNewsApp) -> list[str]:
    articles = app.screen.query_one(ArticleList)
    return [articles.row(index).plain for index in range(len(articles.articles))]


def listed(app: VnNewsApp) -> list[str]:
    return [article.url for article in app.screen.query_one(ArticleList).articles]


async def show_view(pilot: Pilot[Any], key: str) -> None:
    """Select the feed-list entry ``key`` with the keyboard, as a reader would."""
    app = pilot.app
    feeds = app.screen.query_one(FeedList)
    await pilot.press("tab")
    assert feeds.has_focus
    await pilot.press("g")
    while feeds.current_key != key:
        before = feeds.highlighted
        await pilot.press("j")
        assert feeds.highlighted != before, f"no entry {key!r}"
    await settle(pilot)


async def test_a_star_is_kept_for_the_next_run_and_listed_under_starred(
    demo: FixtureSite, tmp_path: Path, library: Library
) -> None:
    first = make_app(demo, tmp_path / "cache", library=library)
    async with first.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        newest = first.screen.query_one(ArticleList).articles[0]
        await pilot.press("s")
        await settle(pilot)
        assert list_rows(first)[0].startswith(f"● ★ {newest.title}")
        assert feed_rows(first)["starred"] == "★ Gắn sao 1"
    second = make_app(demo, tmp_path / "cache", library=library)
    async with second.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert list_rows(second)[0].startswith("● ★ ")
        await show_view(pilot, "starred")
        assert listed(second) == [newest.url]
        assert str(second.screen.query_one(ArticleList).border_title) == "Gắn sao"
        # Unstarred in the list, it stays until the list is shown again.
        await pilot.press("tab", "s")
        await settle(pilot)
        assert not list_rows(second)[0].startswith("● ★")
        assert feed_rows(second)["starred"] == "★ Gắn sao"
    assert library.starred() == []


async def test_a_start_without_network_paints_each_feed_from_the_library(
    demo: FixtureSite, tmp_path: Path, library: Library
) -> None:
    first = make_app(demo, tmp_path / "cache", library=library)
    async with first.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        shown = listed(first)
        read_feed = first.screen.query_one(ArticleList).articles[0].feed_url
    for index in range(4):
        demo.fail(feed_path(demo, index), "hang")
    # A new cache: what is painted can only come from the library.
    second = make_app(demo, tmp_path / "other-cache", library=library)
    async with second.run_test(size=(100, 30)) as pilot:
        for _ in range(100):
            await pilot.pause(0.02)
            if second.screen.query_one(ArticleList).articles:
                break
        await pilot.pause()
        assert listed(second) == shown
        rows = feed_rows(second)
        assert rows["all"] == f"Tất cả {DEMO_ARTICLES - 1}"
        assert rows[read_feed].endswith("… 5")
        assert sorted(rows[source.url][-3:] for source in demo_sources(demo)) == [
            "… 5",
            "… 6",
            "… 6",
            "… 6",
        ]
        await pilot.press("q")


async def test_m_marks_read_and_unread_and_the_counts_follow(
    demo: FixtureSite, tmp_path: Path, library: Library
) -> None:
    app = make_app(demo, tmp_path / "cache", library=library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        newest = app.screen.query_one(ArticleList).articles[0]
        feed = newest.feed_url
        await pilot.press("m")
        await settle(pilot)
        assert list_rows(app)[0].startswith(f"  {newest.title}")
        rows = feed_rows(app)
        assert rows["all"] == f"Tất cả {DEMO_ARTICLES - 1}"
        assert rows["unread"] == f"● Chưa đọc {DEMO_ARTICLES - 1}"
        assert rows[feed].endswith(" 5")
        assert library.states([newest.id])[newest.id].read
        await pilot.press("m")
        await settle(pilot)
        assert feed_rows(app)["all"] == f"Tất cả {DEMO_ARTICLES}"
        assert not library.states([newest.id])[newest.id].read


async def test_mark_a_feed_read_asks_first_and_u_undoes_it(
    demo: FixtureSite, tmp_path: Path, library: Library
) -> None:
    feed = demo_sources(demo)[0].url
    app = make_app(demo, tmp_path / "cache", library=library)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        await show_view(pilot, feed)
        await pilot.press("M")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Báo Mẫu › Tin mới nhất" in plain(app.screen.query_one("#question", Static).content)
        await pilot.press("n")
        await settle(pilot)
        assert feed_rows(app)[feed] == "Tin mới nhất 6"

        await pilot.press("M", "y")
        await settle(pilot)
        assert isinstance(app.screen, FeedsScreen)
        rows = feed_rows(app)
        assert rows[feed] == "Tin mới nhất"
        assert rows["all"] == f"Tất cả {DEMO_ARTICLES - 6}"
        assert rows["unread"] == f"● Chưa đọc {DEMO_ARTICLES - 6}"
        assert all(row.startswith("  ") for row in list_rows(app))
        assert "Đã đánh dấu 6 bài là đã đọc — u để hoàn tác" in toasts(app)
        assert feed not in library.unread_counts()

        await pilot.press("u")
        await settle(pilot)
        assert feed_rows(app)[feed] == "Tin mới nhất 6"
        assert feed_rows(app)["all"] == f"Tất cả {DEMO_ARTICLES}"
        assert library.unread_counts()[feed] == 6
        assert all(row.startswith("● ") for row in list_rows(app))
        await pilot.press("u")
        await pilot.pause()
        assert "Không có gì để hoàn tác" in toasts(app)


async def test_mark_read_from_all_covers_every_feed_and_older_articles(
    demo: FixtureSite, tmp_path: Path, library: Library
) -> None:
    feed = demo_sources(demo)[1].url
    old = Article(
        id="older",
        url=demo.url("/pages/older.html"),
        title="Một bài cũ không còn trong nguồn tin",
        published=FROZEN_NOW - timedelta(days=20),
        feed_url=feed,
    )
    library.record_articles([old])
    app = make_app(demo, tmp_path / "cache", library=library)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        assert feed_rows(app)["unread"] == f"● Chưa đọc {DEMO_ARTICLES + 1}"
        await pilot.press("M")
        await pilot.pause()
        assert "mọi nguồn tin" in plain(app.screen.query_one("#question", Static).content)
        await pilot.press("enter")  # the focused answer: yes
        await settle(pilot)
        assert f"Đã đánh dấu {DEMO_ARTICLES + 1} bài là đã đọc — u để hoàn tác" in toasts(app)
        assert library.unread_counts() == {}
        assert feed_rows(app)["unread"] == "● Chưa đọc"


async def test_the_unread_list_holds_what_is_left_older_articles_included(
    demo: FixtureSite, tmp_path: Path, library: Library
) -> None:
    old = Article(
        id="older",
        url=demo.url("/pages/older.html"),
        title="Một bài cũ không còn trong nguồn tin",
        published=datetime(2026, 11, 1, 8, 0, tzinfo=FROZEN_NOW.tzinfo),
        feed_url=demo_sources(demo)[0].url,
    )
    gone = Article(id="gone", url=demo.url("/pages/gone.html"), title="Unfollowed", feed_url="x")
    library.record_articles([old, gone])
    app = make_app(demo, tmp_path / "cache", library=library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        newest = app.screen.query_one(ArticleList).articles[0]
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")
        await show_view(pilot, "unread")
        urls = listed(app)
        assert len(urls) == DEMO_ARTICLES == len(set(urls))
        assert newest.url not in urls  # read
        assert urls[-1] == old.url  # oldest last
        assert gone.url not in urls  # its feed is not followed
        assert all(row.startswith("● ") for row in list_rows(app))
        assert str(app.screen.query_one("#status", Static).render()) == f"{DEMO_ARTICLES} bài"


def reversed_words(row: ArticleRow) -> list[str]:
    """The words of a result row shown in reverse video: the matches."""
    return [
        text.plain[span.start : span.end]
        for text in (row.title, row.snippet)
        if text is not None
        for span in text.spans
        if "reverse" in str(span.style)
    ]


async def search(pilot: Pilot[Any], words: str, *, typed: bool = False) -> SearchResults:
    """Open the search (/) and enter ``words``: ``typed`` key by key, else pasted at once."""
    if not isinstance(pilot.app.screen, SearchScreen):
        await pilot.press("slash")
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    query = screen.query_one(Input)
    query.value = ""
    if typed:
        await pilot.press(*words)
    else:
        query.insert_text_at_cursor(words)
    await settle(pilot)
    return screen.query_one(SearchResults)


@pytest.mark.parametrize("words", ["ha noi", "Hà Nội", "HA NỘI"])
async def test_search_finds_words_whatever_their_accents_and_marks_them(
    demo: FixtureSite, tmp_path: Path, library: Library, words: str
) -> None:
    app = make_app(demo, tmp_path / "cache", library=library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        results = await search(pilot, words)
        assert len(results.articles) >= 5
        for index in range(len(results.articles)):
            row = results.row(index)
            marked = {fold(word) for word in reversed_words(row)}
            assert marked == {"ha", "noi"}, row.plain
        assert str(results.border_subtitle) == f"{len(results.articles)} kết quả"
        first = results.articles[0]
        await pilot.press("enter")
        await settle(pilot)
        assert reading(app).article.url == first.url
        assert plain(app.screen.query_one("#text", Static).content).startswith(first.title)


async def test_search_follows_the_typing_and_finds_words_of_articles_read(
    demo: FixtureSite, tmp_path: Path, library: Library
) -> None:
    app = make_app(demo, tmp_path / "cache", library=library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        results = await search(pilot, "zzyzx")
        assert results.articles == []
        assert str(results.border_subtitle) == "Không tìm thấy bài nào"
        results = await search(pilot, "banh mi", typed=True)
        assert results.articles
        assert all("bánh mì" in article.title.lower() for article in results.articles)
        await pilot.press("escape")
        assert isinstance(app.screen, FeedsScreen)
        # A word only the page says (not the feed) is found once the article was read.
        path = "/pages/bm-thu-vien-can-cuoc.html"
        articles = app.screen.query_one(ArticleList)
        articles.highlighted = next(
            i for i, a in enumerate(articles.articles) if a.url.endswith(path)
        )
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")
        results = await search(pilot, "ung dung dinh danh")
        assert [article.url for article in results.articles] == [demo.url(path)]
        assert "ứng dụng định danh" in results.row(0).plain


async def test_a_result_that_arrives_after_the_words_changed_is_never_shown(
    demo: FixtureSite, tmp_path: Path, library: Library
) -> None:
    app = make_app(demo, tmp_path / "cache", library=library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        results = screen.query_one(SearchResults)
        # A lookup for "pho" whose words were replaced before it ended shows nothing.
        screen.query_one(Input).value = "banh mi"
        await settle(pilot)
        expected = [article.url for article in results.articles]
        worker = screen.look_up("pho")
        await worker.wait()
        assert [article.url for article in results.articles] == expected


async def test_m_and_s_work_on_search_results_and_inside_the_article(
    demo: FixtureSite, tmp_path: Path, library: Library
) -> None:
    app = make_app(demo, tmp_path / "cache", library=library)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        results = await search(pilot, "banh mi")
        await pilot.press("tab", "s")
        await settle(pilot)
        first = results.articles[0]
        assert library.states([first.id])[first.id].starred
        assert results.row(0).plain.startswith("● ★")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert "Đã bỏ sao" in toasts(app)
        await pilot.press("m")
        await settle(pilot)
        assert "Đã đánh dấu chưa đọc" in toasts(app)
        await pilot.press("escape")
        await pilot.pause()
        assert results.row(0).plain.startswith("● ")
        assert not results.row(0).plain.startswith("● ★")
        assert library.states([first.id])[first.id] == ArticleState(read=False, starred=False)


async def test_without_a_library_there_is_no_search_key(demo: FixtureSite, tmp_path: Path) -> None:
    app = make_app(demo, tmp_path / "cache")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert isinstance(app.screen, FeedsScreen)


async def test_french_interface(demo: FixtureSite, tmp_path: Path, library: Library) -> None:
    demo.fail(feed_path(demo, 0), "500")
    app = make_app(demo, tmp_path / "cache", library=library, lang="fr")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        rows = feed_rows(app)
        assert rows["all"] == "Tout 18"
        assert rows["starred"] == "★ Favoris"
        assert rows["unread"] == "● Non lus 18"
        await pilot.press("minus")
        await pilot.pause()
        assert isinstance(app.screen, FeedsScreen)  # "Tout" is not a feed one can remove
        await show_view(pilot, demo_sources(demo)[0].url)
        await pilot.press("minus")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert plain(app.screen.query_one("#question", Static).content).startswith(
            "Retirer le flux Báo Mẫu › Tin mới nhất ?"
        )
        assert [str(button.label) for button in app.screen.query(Button)] == ["Oui", "Non"]
        await pilot.press("escape", "slash")
        await pilot.pause()
        assert app.screen.query_one(Input).placeholder.startswith("Rechercher")
        assert str(app.screen.query_one(SearchResults).border_title) == "Recherche"


async def test_help_lists_the_new_keys_and_messages_name_remapped_keys(
    demo: FixtureSite, tmp_path: Path, library: Library
) -> None:
    config = Config(path=tmp_path / "config.toml", keymap={"feeds.undo_mark": "ctrl+z"})
    app = make_app(demo, tmp_path / "cache", library=library, config=config)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        text = " ".join(plain(static.content) for static in app.screen.query(Static))
        for binding_id in (
            "feeds.toggle_read",
            "feeds.toggle_star",
            "feeds.mark_all_read",
            "feeds.undo_mark",
            "feeds.add_source",
            "feeds.remove_source",
            "app.search",
        ):
            assert binding_id in text
        assert "Search every article kept" in text
        await pilot.press("escape", "M", "y")
        await settle(pilot)
        assert f"Đã đánh dấu {DEMO_ARTICLES} bài là đã đọc — ^z để hoàn tác" in toasts(app)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert feed_rows(app)["all"] == f"Tất cả {DEMO_ARTICLES}"
