"""How the screens look, as SVG snapshots (update with ``pytest --snapshot-update``, then look).

The demo is served on a fixed port so the addresses shown in an article never change;
the clock is frozen so relative times ("7 h") never change either.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.app_harness import make_app, serve_demo, settle
from tui.config import Config
from tui.library import Library
from tui.localserver import LocalSite
from tui.screens.article import ArticleScreen
from tui.widgets.article_list import ArticleList

SNAPSHOT_PORT = 47613
CONFIG = Config(path=Path("/home/reader/.config/vnnews/config.toml"), theme="textual-dark")
LIBRARY_PAGE = "/pages/bm-thu-vien-can-cuoc.html"
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


@pytest.fixture(scope="module")
def fixed_site() -> Iterator[LocalSite]:
    site = LocalSite(port=SNAPSHOT_PORT)
    try:
        site.start()
    except OSError:
        pytest.skip(f"port {SNAPSHOT_PORT} is taken: the snapshots need it to show fixed URLs")
    try:
        yield serve_demo(site)
    finally:
        site.stop()


@pytest.fixture(autouse=True)
def true_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same colours whatever terminal runs the tests."""
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLORTERM", "truecolor")


async def open_library_article(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    articles = pilot.app.screen.query_one(ArticleList)
    articles.focus()
    articles.highlighted = next(
        i for i, article in enumerate(articles.articles) if article.url.endswith(LIBRARY_PAGE)
    )
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ArticleScreen)


async def star_first_and_read_second(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    await pilot.press("s", "j", "m")
    await settle(pilot)


async def search_without_accents(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    await pilot.press("slash", *"ha noi")
    await settle(pilot)


async def open_author_view(pilot: Pilot[Any]) -> None:
    await open_library_article(pilot)
    await pilot.press("a")
    await settle(pilot)


class TestFeedList:
    """The first screen: feeds on the left, every article newest first on the right."""

    @pytest.mark.parametrize("size", SIZES)
    def test_feed_list(self, snap_compare, fixed_site: LocalSite, tmp_path: Path, size) -> None:
        app = make_app(fixed_site, tmp_path / "cache", config=CONFIG)
        assert snap_compare(app, terminal_size=size, run_before=settle)

    def test_feed_list_in_english(
        self, snap_compare, fixed_site: LocalSite, tmp_path: Path
    ) -> None:
        app = make_app(fixed_site, tmp_path / "cache", config=CONFIG, lang="en")
        assert snap_compare(app, terminal_size=(100, 30), run_before=settle)

    def test_starred_and_read_rows(
        self, snap_compare, fixed_site: LocalSite, tmp_path: Path
    ) -> None:
        with Library(tmp_path / "library.sqlite3") as library:
            app = make_app(fixed_site, tmp_path / "cache", config=CONFIG, library=library)
            assert snap_compare(app, terminal_size=(80, 24), run_before=star_first_and_read_second)


class TestSearch:
    """ "ha noi" typed: the matches in reverse video, in the title or in a line of the text."""

    def test_search(self, snap_compare, fixed_site: LocalSite, tmp_path: Path) -> None:
        with Library(tmp_path / "library.sqlite3") as library:
            app = make_app(fixed_site, tmp_path / "cache", config=CONFIG, library=library)
            assert snap_compare(app, terminal_size=(80, 24), run_before=search_without_accents)


class TestArticle:
    """An article by Ngọc Diệp, from the top."""

    @pytest.mark.parametrize("size", SIZES)
    def test_article(self, snap_compare, fixed_site: LocalSite, tmp_path: Path, size) -> None:
        app = make_app(fixed_site, tmp_path / "cache", config=CONFIG)
        assert snap_compare(app, terminal_size=size, run_before=open_library_article)

    def test_article_end_with_related_entries(
        self, snap_compare, fixed_site: LocalSite, tmp_path: Path
    ) -> None:
        app = make_app(fixed_site, tmp_path / "cache", config=CONFIG)
        assert snap_compare(
            app, terminal_size=(80, 24), run_before=open_library_article, press=["tab"]
        )


class TestAuthor:
    """Every article by Ngọc Diệp, from both feeds, whatever the spelling of her name."""

    @pytest.mark.parametrize("size", SIZES)
    def test_author_view(self, snap_compare, fixed_site: LocalSite, tmp_path: Path, size) -> None:
        app = make_app(fixed_site, tmp_path / "cache", config=CONFIG)
        assert snap_compare(app, terminal_size=size, run_before=open_author_view)


class TestHelp:
    """The help dialog over the feed list."""

    def test_help(self, snap_compare, fixed_site: LocalSite, tmp_path: Path) -> None:
        app = make_app(fixed_site, tmp_path / "cache", config=CONFIG)
        assert snap_compare(
            app, terminal_size=(100, 30), run_before=settle, press=["question_mark"]
        )
