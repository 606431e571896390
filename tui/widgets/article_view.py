"""The reading pane: the rendered article, then its related lists as options one can open."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal
from urllib.parse import urlsplit

from rich.console import RenderableType
from rich.style import Style as RichStyle
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.containers import VerticalScroll
from textual.css.styles import RulesMap
from textual.message import Message
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, RichVisual, Visual
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.models import ArticleBody, Link
from tui.render import Labels
from tui.sanitize import clean_line
from tui.screens.labels import UiText
from tui.widgets.nav_list import HORIZONTAL_SCROLLING, NavList


@dataclass(frozen=True, slots=True)
class Related:
    """Where a related entry leads: an author's or a category's list, or an article."""

    kind: Literal["author", "category", "article"]
    name: str
    url: str = ""


def is_web(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


class RelatedLinks(NavList):
    """The entries under the article: its authors and categories, then "same author/category"."""

    HELP_GROUP = "Related articles"

    @dataclass
    class Chosen(Message):
        """Enter on an entry; ``section``: the articles listed with it (for n/p), if any."""

        related: Related
        section: Sequence[Related]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: list[tuple[Related, Sequence[Related]] | None] = []
        """Per option: where it leads and the section it is in; None for a heading."""

    def show(self, body: ArticleBody, *, labels: Labels, texts: UiText) -> None:
        self.entries = []
        prompts: list[Option] = []

        def add(prompt: Text, entry: tuple[Related, Sequence[Related]] | None) -> None:
            self.entries.append(entry)
            prompts.append(Option(prompt, disabled=entry is None))

        for name in filter(None, map(clean_line, body.authors)):
            add(Text("→ " + texts.author_option.format(name=name)), (Related("author", name), ()))
        for name in filter(None, map(clean_line, body.categories)):
            entry = (Related("category", name), ())
            add(Text("→ " + texts.category_option.format(name=name)), entry)
        for heading, links in (
            (labels.same_author, body.same_author),
            (labels.same_category, body.same_category),
        ):
            section = self._articles(links)
            if section:
                add(Text(heading, style="bold"), None)
                for target in section:
                    add(Text("• " + target.name), (target, section))
        self.set_options(prompts)
        self.display = bool(prompts)
        if prompts:
            self.highlighted = 0

    @staticmethod
    def _articles(links: Sequence[Link]) -> list[Related]:
        return [
            Related("article", clean_line(link.title) or link.url, link.url)
            for link in links
            if is_web(link.url)
        ]

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        entry = self.entries[event.option_index]
        if entry is not None:
            self.post_message(self.Chosen(*entry))


class WrappedOnce(RichVisual):
    """A Rich renderable wrapped once per width and look, however often layout asks.

    Textual measures and draws the text again on each layout pass and each refresh of the
    widget (focus, hover, a scrollbar appearing); a long article takes ~10 ms to wrap.
    """

    def __init__(self, widget: Widget, renderable: RenderableType) -> None:
        super().__init__(widget, renderable)
        self._lines: LRUCache[tuple[int, Style, RichStyle | None], list[Strip]] = LRUCache(4)
        """Per (width, base style, link style): the lines, uncropped."""

    def get_height(self, rules: RulesMap, width: int) -> int:
        # Measured from the lines drawn, in the style they will be drawn in: one wrap, not two.
        widget = self._widget
        options = RenderOptions(widget._get_style, rules)
        return len(self.render_strips(width, None, widget.visual_style, options))

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        widget = self._widget
        # The link style is part of the look: a theme change draws the text again.
        key = (width, style, widget.link_style if widget.auto_links else None)
        strips = self._lines.get(key)
        if strips is None:
            strips = super().render_strips(width, None, style, options)
            self._lines.set(key, strips)
        return strips if height is None else strips[:height]


class ArticleText(Static):
    """The article's text; its lines are kept between layout passes (see ``WrappedOnce``)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._wrapped = WrappedOnce(self, Text())

    def show(self, text: RenderableType) -> None:
        """Show ``text`` (a plain string as it is, never read as markup)."""
        renderable = Text(text) if isinstance(text, str) else text
        self._wrapped = WrappedOnce(self, renderable)
        self.update(renderable)

    def render(self) -> Visual:
        return self._wrapped


class ArticleView(VerticalScroll):
    """Scrolls the article with the reader's keys; the related entries follow the text."""

    HELP_GROUP = "Reading"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "j", "scroll_down", "Down", show=False, id="reader.down", tooltip="Scroll down a line"
        ),
        Binding("k", "scroll_up", "Up", show=False, id="reader.up", tooltip="Scroll up a line"),
        Binding("g", "scroll_home", "Top", show=False, id="reader.top", tooltip="Go to the top"),
        Binding(
            "G", "scroll_end", "Bottom", show=False, id="reader.bottom", tooltip="Go to the end"
        ),
        Binding(
            "space", "page_down", "Page down", show=False, id="reader.page", tooltip="Next page"
        ),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Left/right scroll nothing in an article that wraps: keep them out of the help."""
        if action in HORIZONTAL_SCROLLING:
            return self.allow_horizontal_scroll
        return True

    def compose(self) -> ComposeResult:
        yield ArticleText(id="text")
        yield RelatedLinks(id="related")

    def show(
        self, text: RenderableType, body: ArticleBody | None, *, labels: Labels, texts: UiText
    ) -> None:
        # Most articles overflow the screen: lay the text out beside the scrollbar from the
        # start instead of once without it, then again with it (a short text gives it back).
        self.show_vertical_scrollbar = True
        self.query_one(ArticleText).show(text)
        related = self.query_one(RelatedLinks)
        if body is None:
            related.display = False
        else:
            related.show(body, labels=labels, texts=texts)
