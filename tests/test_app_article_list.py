"""The article list on its own: thousands of rows drawn a screenful at a time, keys, mouse."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from datetime import timedelta

import pytest
from rich.cells import cell_len
from textual import on
from textual.app import App, ComposeResult

import tui.widgets.article_list as article_list_module
from tests.app_harness import FROZEN_NOW, HANOI, frozen_clock
from tui.library import ArticleState
from tui.models import Article
from tui.widgets.article_list import ArticleList
from tui.widgets.article_row import (
    _NARROW,
    ArticleRow,
    RowText,
    article_meta,
    article_row,
    line_starts,
    row_height,
)

MANY = 5000
CHROME = 8
"""Columns that are not the title's: borders, padding, scrollbar, the unread mark."""
LONG_TITLE = "Hà Nội mở thêm tuyến xe buýt điện nối sân bay Nội Bài với trung tâm thành phố"
"""Long enough to wrap at 80 columns, the article pane being narrower."""


def article(number: int, title: str | None = None) -> Article:
    return Article(
        id=f"id-{number}",
        url=f"https://bao-mau.example/bai-{number}.html",
        title=title if title is not None else f"Tin số {number}: {LONG_TITLE}",
        published=FROZEN_NOW - timedelta(minutes=number),
        publisher="Báo Mẫu",
        authors=("Ngọc Diệp",),
    )


class ListApp(App[None]):
    """One article list, filling the screen, and the articles chosen in it."""

    def __init__(self, articles: list[Article]) -> None:
        super().__init__()
        self.articles = articles
        self.states: dict[str, ArticleState] = {}
        self.chosen: list[int] = []

    def compose(self) -> ComposeResult:
        yield ArticleList(
            clock=frozen_clock, marks=self.state, tz=HANOI, placeholder="No articles yet"
        )

    def on_mount(self) -> None:
        self.query_one(ArticleList).show(self.articles)  # before the first layout

    def state(self, article: Article) -> ArticleState:
        return self.states.get(article.id, ArticleState())

    @on(ArticleList.Chosen)
    def article_chosen(self, event: ArticleList.Chosen) -> None:
        self.chosen.append(event.index)


def meta(article: Article) -> str:
    return article_meta(article, FROZEN_NOW, HANOI)


def wrapped(title: str, width: int) -> list[str]:
    """The lines of ``title`` in a list ``width`` columns wide, by another wrapping algorithm."""
    return textwrap.wrap(title, width - CHROME, break_on_hyphens=False)


def drawn(articles: ArticleList) -> list[str]:
    """The lines of the list as they read on screen."""
    height = articles.scrollable_content_region.height
    return [articles.render_line(y).text.rstrip() for y in range(height)]


def titles_on_screen(articles: ArticleList) -> list[int]:
    """The numbers of the articles whose title starts on screen."""
    return [int(line.split()[3].rstrip(":")) for line in drawn(articles) if "Tin số" in line]


async def test_only_the_rows_on_screen_are_ever_drawn(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[RowText] = []
    real_row: Callable[..., ArticleRow] = article_list_module.article_row

    def counted_row(text: RowText, *args: object, **kwargs: bool) -> ArticleRow:
        built.append(text)
        return real_row(text, *args, **kwargs)

    monkeypatch.setattr(article_list_module, "article_row", counted_row)
    app = ListApp([article(n) for n in range(MANY)])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        articles = app.query_one(ArticleList)
        first, second = wrapped(app.articles[0].title, 80)
        assert drawn(articles)[:3] == [f"● {first}", f"  {second}", f"  {meta(app.articles[0])}"]
        assert articles.virtual_size.height == MANY * 3  # every title on two lines
        assert len({text.title for text in built}) < 24
        await pilot.press("G")
        await pilot.pause()
        assert articles.highlighted == MANY - 1
        assert titles_on_screen(articles)[-1] == MANY - 1
        assert len({text.title for text in built}) < 2 * 24


async def test_a_long_title_wraps_under_itself_and_a_long_meta_line_is_cut() -> None:
    long_names = tuple(f"Phóng viên số {n}" for n in range(8))
    first = article(0)
    first.authors = long_names
    short = article(1, "Tin ngắn")
    app = ListApp([first, short])
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        lines = drawn(app.query_one(ArticleList))
        title = wrapped(first.title, 60)
        assert len(title) == 2
        assert lines[:2] == [f"● {title[0]}", f"  {title[1]}"]
        assert lines[2] == "  " + meta(first)[: 60 - CHROME - 1] + "…"
        assert lines[3:5] == ["● Tin ngắn", f"  {meta(short)}"]


async def test_the_reader_keys_move_the_cursor_and_keep_it_on_screen() -> None:
    app = ListApp([article(n) for n in range(100)])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        articles = app.query_one(ArticleList)
        on_screen = len(titles_on_screen(articles))
        await pilot.press("j", "j", "down", "k")
        assert articles.highlighted == 2
        await pilot.press("space")
        page = articles.highlighted
        assert page is not None and on_screen <= page <= on_screen + 2
        assert page in titles_on_screen(articles)
        await pilot.press("pagedown")
        assert articles.highlighted is not None and articles.highlighted >= page + on_screen - 2
        await pilot.press("pageup")
        assert articles.highlighted in (page - 1, page)
        await pilot.press("end")
        assert articles.highlighted == 99
        assert titles_on_screen(articles)[-1] == 99
        await pilot.press("up", "g")
        assert articles.highlighted == 0
        assert titles_on_screen(articles)[0] == 0
        await pilot.press("home", "up")
        assert articles.highlighted == 0
        await pilot.press("enter")
        assert app.chosen == [0]
        assert articles.current is app.articles[0]


async def test_a_click_chooses_the_article_under_the_mouse() -> None:
    app = ListApp([article(n) for n in range(10)])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        articles = app.query_one(ArticleList)
        await pilot.click(ArticleList, offset=(10, 1 + 3 * 2 + 1))  # border, two rows, 2nd line
        assert app.chosen == [2]
        assert articles.highlighted == 2
        await pilot.hover(ArticleList, offset=(10, 1))
        assert articles.hovered == 0


async def test_show_keeps_the_article_it_is_asked_to_and_an_empty_list_has_none() -> None:
    app = ListApp([article(n) for n in range(100)])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        articles = app.query_one(ArticleList)
        newer = [article(-1), *app.articles]
        articles.show(newer, keep=app.articles[60])
        await pilot.pause()
        assert articles.current is app.articles[60]
        assert 60 in titles_on_screen(articles)
        articles.show([])
        await pilot.pause()
        assert articles.current is None and articles.highlighted is None
        assert [line.strip() for line in drawn(articles) if line] == ["No articles yet"]


async def test_a_star_redraws_the_row_and_moves_those_under_it_when_it_wraps() -> None:
    fits = article(0, "Mưa lớn ở miền Trung, nhiều tuyến đường bị ngập sâu đến nửa mét")
    app = ListApp([fits, article(1, "Tin ngắn")])
    async with app.run_test(size=(len(fits.title) + CHROME, 12)) as pilot:
        await pilot.pause()
        articles = app.query_one(ArticleList)
        assert drawn(articles)[:3] == [f"● {fits.title}", f"  {meta(fits)}", "● Tin ngắn"]
        app.states[fits.id] = ArticleState(read=True, starred=True)
        articles.refresh_marks()
        await pilot.pause()
        start, last_word = fits.title.rsplit(" ", 1)
        assert drawn(articles)[:4] == [
            f"  ★ {start}",
            f"  {last_word}",
            f"  {meta(fits)}",
            "● Tin ngắn",
        ]


async def test_rows_wrap_again_when_the_terminal_is_resized() -> None:
    app = ListApp([article(n) for n in range(50)])
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.pause()
        articles = app.query_one(ArticleList)
        articles.highlighted = 30
        assert articles.virtual_size.height == 50 * 2
        await pilot.resize_terminal(60, 24)
        await pilot.pause()
        assert articles.virtual_size.height == 50 * 3
        assert 30 in titles_on_screen(articles)


async def test_a_new_theme_redraws_the_rows_in_its_colours() -> None:
    app = ListApp([article(n) for n in range(3)])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        articles = app.query_one(ArticleList)
        before = list(articles.render_line(0))
        app.theme = "ansi-dark"
        await pilot.pause()
        after = list(articles.render_line(0))
        assert [segment.text for segment in after] == [segment.text for segment in before]
        assert after[0].style != before[0].style


# -- one row --------------------------------------------------------------------------

TEXTS = [
    RowText(LONG_TITLE),
    RowText("https://bao-mau.example/mot-dia-chi-rat-dai-khong-co-khoang-trang-nao-ca.html"),
    RowText("東京で開かれた展示会に ベトナムの 企業 が 多数 出展した 🎉🎉 ニュース"),
    RowText("Tab\there, line\nbreak,  two  spaces and a word", "a snippet\nover\tlines " * 4),
    RowText("", None),
    RowText(LONG_TITLE, "Hà Nội giảm 6–8 độ, vùng núi phía Bắc có nơi dưới 8 độ C", (), ((0, 6),)),
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("starred", [False, True])
def test_a_row_is_as_tall_as_its_lines_at_every_width(text: RowText, starred: bool) -> None:
    row = article_row(text, "Báo Mẫu · 3 h · Ngọc Diệp", read=False, starred=starred)
    for width in range(1, 90):
        assert row_height(text, starred=starred, width=width) == row.get_height({}, width), width


@pytest.mark.parametrize(
    "text", [text.title for text in TEXTS] + [text.snippet or "" for text in TEXTS]
)
def test_wrapped_lines_fit_and_lose_nothing_but_spaces(text: str) -> None:
    for width in range(1, 60):
        starts = line_starts(text, width)
        lines = [
            text[start:end] for start, end in zip([0, *starts], [*starts, len(text)], strict=True)
        ]
        assert all(cell_len(line.rstrip()) <= max(width, 2) for line in lines), (width, lines)
        assert "".join(lines) == text
        assert all(line.strip() == line.rstrip() != "" for line in lines[1:]), (width, lines)


def test_the_letters_measured_by_their_length_are_one_cell_wide() -> None:
    assert all(cell_len(char) == 1 for char in _NARROW)
    assert {"ệ", "Đ", "é", "ß", "ж"} <= _NARROW
