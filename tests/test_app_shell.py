"""The app around the screens: help, command palette, remapped keys, themes, links."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from tests.app_harness import feed_path, make_app, plain, serve_demo, settle
from tests.fixture_site import FixtureSite
from tui.app import has_browser, pick_theme
from tui.config import Config
from tui.screens.feeds import FeedsScreen
from tui.screens.help import HelpScreen
from tui.screens.related import RelatedScreen
from tui.widgets.article_list import ArticleList


@pytest.fixture
def demo(site: FixtureSite) -> FixtureSite:
    serve_demo(site)
    return site


async def test_help_lists_the_keys_of_the_screen_and_the_config_file(
    demo: FixtureSite, tmp_path: Path
) -> None:
    app = make_app(demo, tmp_path / "cache")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(plain(static.content) for static in app.screen.query(Static))
        for expected in ("Reload every feed", "feeds.refresh_all", "Feed list", "Quit vnnews", "G"):
            assert expected in text
        assert f"Tệp cấu hình: {app.config.path}" in text
        await pilot.press("escape")
        assert isinstance(app.screen, FeedsScreen)


async def test_keys_are_remapped_by_binding_id_from_the_config(
    demo: FixtureSite, tmp_path: Path
) -> None:
    config = Config(path=tmp_path / "config.toml", keymap={"feeds.refresh_all": "f5"})
    app = make_app(demo, tmp_path / "cache", config=config)
    path = feed_path(demo, 0)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        before = demo.hits(path)
        await pilot.press("R")
        await settle(pilot)
        assert demo.hits(path) == before
        await pilot.press("f5")
        await settle(pilot)
        assert demo.hits(path) == before + 1


async def test_palette_finds_an_author_without_diacritics(
    demo: FixtureSite, tmp_path: Path
) -> None:
    app = make_app(demo, tmp_path / "cache")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"ngoc diep")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RelatedScreen)
        assert str(app.screen.query_one(ArticleList).border_title) == "Bài của Ngọc Diệp"


async def test_palette_jumps_to_a_feed(demo: FixtureSite, tmp_path: Path) -> None:
    app = make_app(demo, tmp_path / "cache")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"nguon courrier")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        articles = app.screen.query_one(ArticleList)
        assert articles.has_focus
        assert str(articles.border_title) == "Le Courrier Démo › À la une"


async def test_an_unknown_theme_falls_back_and_says_so(demo: FixtureSite, tmp_path: Path) -> None:
    config = Config(path=tmp_path / "config.toml", theme="no-such-theme")
    app = make_app(demo, tmp_path / "cache", config=config)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
        messages = [str(toast.render()) for toast in app.screen.query("Toast")]
        assert any("no-such-theme" in message for message in messages)


@pytest.mark.parametrize(
    ("environ", "theme"),
    [
        ({"TERM": "xterm"}, "ansi-dark"),  # 16 colours: the terminal's own palette
        ({"TERM": "xterm", "NO_COLOR": "1"}, "textual-dark"),  # shown in greys
        ({"TERM": "xterm-256color", "COLORTERM": "truecolor"}, "textual-dark"),
    ],
)
async def test_the_default_theme_suits_the_terminal(
    demo: FixtureSite,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    environ: dict[str, str],
    theme: str,
) -> None:
    monkeypatch.delenv("COLORTERM", raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    app = make_app(demo, tmp_path / "cache")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme == theme


def test_theme_choice() -> None:
    themes = ["textual-dark", "nord", "ansi-dark"]
    assert pick_theme("nord", themes, limited_colours=False) == ("nord", None)
    assert pick_theme("nord", themes, limited_colours=True) == ("nord", None)
    assert pick_theme("textual-dark", themes, limited_colours=True) == ("ansi-dark", None)
    assert pick_theme("bogus", themes, limited_colours=False) == ("textual-dark", "textual-dark")


def test_browser_detection() -> None:
    assert not has_browser({}, "linux")
    assert not has_browser({"SSH_CONNECTION": "x"}, "darwin")
    assert has_browser({}, "darwin")
    assert has_browser({"DISPLAY": ":0"}, "linux")
    assert has_browser({"SSH_TTY": "/dev/pts/1", "BROWSER": "w3m"}, "linux")


async def test_palette_opens_a_category_from_inside_an_article(
    demo: FixtureSite, tmp_path: Path
) -> None:
    app = make_app(demo, tmp_path / "cache")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"muc cong nghe")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RelatedScreen)
        listing = app.screen.query_one(ArticleList)
        assert str(listing.border_title) == "Chuyên mục Công nghệ"
        assert all("Công nghệ" in article.categories for article in listing.articles)
        await pilot.press("ctrl+p")
        await pilot.press(*"nguon tin nhanh")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FeedsScreen) and len(app.screen_stack) == 1
        assert str(app.screen.query_one(ArticleList).border_title) == "Tin Nhanh › Đời sống"
