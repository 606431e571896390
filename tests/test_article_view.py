"""The reading pane's text: wrapped once per width and look, scrolled, redrawn for a new theme."""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import Console, ConsoleOptions, Group
from rich.style import Style
from rich.text import Text
from textual.app import App, ComposeResult
from textual.strip import Strip

from tui.widgets.article_view import ArticleText, ArticleView

LINK = "https://vnexpress.net/gia-vang-tang-4811.html"
PARAGRAPH = "Giá vàng miếng SJC tăng mạnh trong phiên sáng nay, theo Ngân hàng Nhà nước. " * 6


class CountingText:
    """A paragraph that counts how often it is laid out (wrapped) for the terminal."""

    def __init__(self, text: Text) -> None:
        self.text = text
        self.layouts = 0

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        self.layouts += 1
        yield self.text


class Reader(App[None]):
    def compose(self) -> ComposeResult:
        yield ArticleView()


def article(paragraphs: int = 30) -> tuple[Group, CountingText]:
    linked = Text("Nguồn: ")
    linked.append("VnExpress", Style(link=LINK))
    counted = CountingText(Text("\n\n".join([PARAGRAPH] * paragraphs)))
    return Group(linked, counted), counted


def lines(text: ArticleText) -> list[Strip]:
    return [text.render_line(y) for y in range(text.size.height)]


async def test_layout_and_scrolling_do_not_wrap_the_text_again() -> None:
    app = Reader()
    async with app.run_test(size=(60, 20)) as pilot:
        reader = app.query_one(ArticleView)
        reader.focus()
        group, counted = article()
        reader.query_one(ArticleText).show(group)
        await pilot.pause()
        # Once without the scrollbar, once with it: one wrap per width.
        assert counted.layouts <= 2
        wrapped = counted.layouts
        await pilot.press("space", "j", "j", "G")
        text = reader.query_one(ArticleText)
        for layout in (False, True, False, True):
            # What hovering, focus and style changes ask of the text.
            text.refresh(layout=layout)
            await pilot.pause()
        assert reader.scroll_y == reader.max_scroll_y > 0
        assert counted.layouts == wrapped


async def test_a_narrower_terminal_wraps_the_text_again_to_fit() -> None:
    app = Reader()
    async with app.run_test(size=(60, 20)) as pilot:
        text = app.query_one(ArticleText)
        group, counted = article(paragraphs=2)
        text.show(group)
        await pilot.pause()
        wide = text.size.height
        layouts = counted.layouts
        await pilot.resize_terminal(40, 20)
        await pilot.pause()
        assert counted.layouts > layouts
        assert text.size.height > wide
        assert all(strip.cell_length <= text.size.width for strip in lines(text))
        words = " ".join(strip.text.strip() for strip in lines(text))
        assert "Ngân hàng Nhà nước" in words


async def test_a_new_theme_redraws_the_text_in_its_colours() -> None:
    app = Reader()
    async with app.run_test(size=(60, 20)) as pilot:
        app.theme = "textual-dark"
        text = app.query_one(ArticleText)
        text.show(Text(PARAGRAPH))
        await pilot.pause()
        dark = {segment.style for segment in text.render_line(0)}
        app.theme = "textual-light"
        await pilot.pause()
        light = {segment.style for segment in text.render_line(0)}
        assert dark != light


async def test_links_keep_their_address_for_a_click() -> None:
    app = Reader()
    async with app.run_test(size=(60, 20)) as pilot:
        text = app.query_one(ArticleText)
        text.show(article()[0])
        await pilot.pause()
        first = text.render_line(0)
        linked = [segment for segment in first if segment.style and segment.style.link]
        assert "".join(segment.text for segment in linked) == "VnExpress"
        assert {segment.style.link for segment in linked if segment.style} == {LINK}


async def test_a_plain_string_is_shown_as_written_not_as_markup() -> None:
    app = Reader()
    async with app.run_test(size=(60, 20)) as pilot:
        text = app.query_one(ArticleText)
        text.show("[bold]Hà Nội[/] [@click=app.quit]mưa[/]")
        await pilot.pause()
        assert text.render_line(0).text.rstrip() == "[bold]Hà Nội[/] [@click=app.quit]mưa[/]"
