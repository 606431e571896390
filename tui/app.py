"""VnNewsApp: the terminal app's shell — screens, global keys, theme, marks, clean exit."""

from __future__ import annotations

import asyncio
import os
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from functools import partial
from typing import ClassVar, Literal

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from tui.commands import NewsCommands
from tui.config import Config, load_config
from tui.follow import add_subscription, remove_subscription
from tui.marks import MarkedRead, Marks
from tui.models import Article, ArticleBody, Source
from tui.news import NewsService
from tui.render import Labels
from tui.sanitize import clean_line
from tui.screens.base import NewsScreen
from tui.screens.feeds import FeedsScreen
from tui.screens.labels import UiText

FALLBACK_THEME = "textual-dark"
ERROR_REPEAT_SECONDS = 10
LIMITED_COLOURS_THEME = "ansi-dark"

RelatedKind = Literal["author", "category"]


def has_browser(environ: Mapping[str, str] = os.environ, platform: str = sys.platform) -> bool:
    """Whether ``o`` can open a browser here: not over SSH without $BROWSER or a display."""
    if environ.get("BROWSER"):
        return True
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return True
    over_ssh = bool(environ.get("SSH_CONNECTION") or environ.get("SSH_TTY"))
    return platform in ("darwin", "win32") and not over_ssh


def pick_theme(
    requested: str, available: Iterable[str], *, limited_colours: bool
) -> tuple[str, str | None]:
    """The theme to use and, for an unknown name, the fallback it fell back to.

    The default theme turns into an ANSI one in a 16-colour terminal or with NO_COLOR,
    where true colours would be approximated badly.
    """
    if requested not in set(available):
        return FALLBACK_THEME, FALLBACK_THEME
    if requested == FALLBACK_THEME and limited_colours:
        return LIMITED_COLOURS_THEME, None
    return requested, None


class VnNewsApp(App[int]):
    """Read the news: the feed list first, articles, and the articles around them."""

    CSS_PATH = "app.tcss"
    TITLE = "vnnews"
    COMMANDS = App.COMMANDS | {NewsCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012
    HELP_GROUP = "vnnews"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Quit vnnews"),
        Binding("question_mark", "help", "Help", id="app.help", tooltip="Every key of this screen"),
        Binding(
            "slash",
            "search",
            "Search",
            show=False,
            id="app.search",
            tooltip="Search every article kept, accents or not",
        ),
    ]

    def __init__(
        self,
        service: NewsService,
        *,
        config: Config | None = None,
        lang: str = "vi",
        clock: Callable[[], datetime] | None = None,
        persist_subscriptions: bool = True,
    ) -> None:
        super().__init__()
        self.service = service
        self.config = config if config is not None else load_config()
        self.lang = lang
        self.texts = UiText.for_language(lang)
        self.labels = Labels.for_language(lang)
        self._clock = clock
        self.tz = clock().tzinfo if clock is not None else None
        """Where dates are shown: the frozen clock's zone in tests, else the local one."""
        self.persist_subscriptions = persist_subscriptions
        """Whether feeds added or removed are written to the config file (not in the demo)."""
        self.marks = Marks(service.library)
        self.last_mark: MarkedRead | None = None
        """The last "mark all read", until it is undone."""
        self.last_opened: Article | None = None
        self._last_error: tuple[str, float] = ("", 0.0)

    # -- time and marks -------------------------------------------------------

    def now(self) -> datetime:
        return self._clock() if self._clock is not None else datetime.now(UTC)

    def is_read(self, article: Article) -> bool:
        return self.marks.state(article).read

    def mark_read(self, article: Article) -> None:
        """An article was opened: it is read (unless it already was, nothing to write)."""
        if not self.is_read(article):
            self.set_read(article, True)

    def toggle_read(self, article: Article) -> bool:
        """Mark ``article`` read or unread; return whether it is now read."""
        read = not self.is_read(article)
        self.set_read(article, read)
        return read

    def set_read(self, article: Article, read: bool) -> None:
        self.marks.set_read(article, read)
        self.save_marks(partial(self.marks.save_read, article, read))

    def toggle_star(self, article: Article) -> bool:
        """Star or unstar ``article``; return whether it is now starred."""
        starred = not self.marks.state(article).starred
        self.marks.set_starred(article, starred)
        self.save_marks(partial(self.marks.save_starred, article, starred))
        return starred

    def save_marks(self, write: Callable[[], object]) -> None:
        """Write to the library in a thread, then let every screen show the change."""

        async def save() -> None:
            await asyncio.to_thread(write)
            self.marks_changed()

        self.run_worker(save(), group="library", exit_on_error=False)

    def marks_changed(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, NewsScreen):
                screen.marks_changed()

    def mark_all_read(self, sources: Sequence[Source]) -> None:
        """Mark every article of ``sources`` read, older ones in the library too; say how many."""
        articles = [article for source in sources for article in self.service.articles(source)]
        ids = self.marks.mark_all_read(articles)
        urls = [source.url for source in sources]

        async def save() -> None:
            undos = await asyncio.to_thread(self.marks.save_all_read, urls)
            mark = MarkedRead(ids, undos)
            if mark.count:
                self.last_mark = mark
                undo = self.key_display("feeds.undo_mark", "u")
                self.notify(self.texts.marked_read.format(count=mark.count, key=undo))
            else:
                self.notify(self.texts.nothing_unread)
            self.marks_changed()

        self.run_worker(save(), group="library", exit_on_error=False)

    def undo_mark_all(self) -> None:
        mark, self.last_mark = self.last_mark, None
        if mark is None:
            self.notify(self.texts.nothing_to_undo)
            return
        self.marks.forget_marked(mark)
        self.save_marks(partial(self.marks.undo, mark))
        self.notify(self.texts.undone.format(count=mark.count))

    def key_display(self, binding_id: str, default: str) -> str:
        """How the key of a binding reads in a message, after any remapping in the config."""
        keys = self.config.keymap.get(binding_id, default)
        return self.get_key_display(Binding(keys.split(",")[0].strip(), ""))

    # -- subscriptions ----------------------------------------------------------

    def follow(self, source: Source) -> None:
        """Show ``source`` from now on, and keep it in the config file (not in the demo)."""
        self.service.sources.append(source)
        if self.persist_subscriptions:
            self.change_config(partial(add_subscription, self.config.path, source))

    def unfollow(self, source: Source) -> None:
        self.service.sources.remove(source)
        if self.persist_subscriptions:
            self.change_config(partial(remove_subscription, self.config.path, source.url))

    def change_config(self, change: Callable[[], None]) -> None:
        """Change the config file in a thread (one change at a time: see tui.follow)."""
        self.run_worker(change, thread=True, group="config", exit_on_error=False)

    def labels_for(self, article: Article) -> Labels:
        """The article's words ("Same author", "Image"...) in its feed's language."""
        source = next((s for s in self.service.sources if s.url == article.feed_url), None)
        return Labels.for_language(source.language) if source and source.language else self.labels

    # -- screens --------------------------------------------------------------

    def get_default_screen(self) -> Screen[None]:
        return FeedsScreen()

    def on_mount(self) -> None:
        # NO_COLOR is better served by greys from the default theme than by ANSI colours.
        limited = not self.no_color and self.console.color_system in ("standard", "windows")
        theme, fallback = pick_theme(
            self.config.theme, self.available_themes, limited_colours=limited
        )
        self.theme = theme
        if fallback is not None:
            message = self.texts.unknown_theme.format(name=self.config.theme, fallback=fallback)
            self.notify(message, severity="warning")
        if self.config.keymap:
            self.set_keymap(self.config.keymap)
        for warning in self.config.warnings:
            self.notify(warning, severity="warning", markup=False)

    def show_article(
        self,
        article: Article,
        listing: Sequence[Article] = (),
        position: int | None = None,
        *,
        replace: bool = False,
    ) -> None:
        """Open ``article``, found at ``position`` in ``listing`` (for ``n``/``p``)."""
        from tui.screens.article import ArticleScreen  # not needed for the first frame

        self.last_opened = article
        screen = ArticleScreen(article, listing, position)
        if replace:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def show_related(self, kind: RelatedKind, name: str, body: ArticleBody | None = None) -> None:
        """List every article by the author ``name`` (or in the category ``name``)."""
        from tui.screens.related import RelatedScreen

        if kind == "author":
            title = self.texts.articles_by.format(name=name)
            lookup = partial(self.service.by_author, name, body)
        else:
            title = self.texts.articles_in.format(name=name)
            lookup = partial(self.service.by_category, name, body)
        self.push_screen(RelatedScreen(title, lookup))

    def show_feed(self, key: str) -> None:
        """Go back to the feed list with the feed ``key`` (a source URL, or "all") selected."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        feeds = self.screen_stack[0]
        if isinstance(feeds, FeedsScreen):
            feeds.select_feed(key)

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_search(self) -> None:
        from tui.screens.search import SearchScreen

        if not isinstance(self.screen, SearchScreen):
            self.push_screen(SearchScreen())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Search looks in the library: without one, ``/`` does nothing and is not listed."""
        if action == "search":
            return self.service.library is not None
        return True

    # -- links ----------------------------------------------------------------

    def open_link(self, url: str) -> None:
        """Open ``url`` in a browser, or, where there is none (SSH), copy it and say so."""
        if has_browser():
            self.open_url(url)
            self.notify(self.texts.opening.format(url=url), markup=False)
        else:
            self.copy_to_clipboard(url)
            self.notify(self.texts.no_browser.format(url=url), markup=False, timeout=10)

    def copy_link(self, url: str) -> None:
        self.copy_to_clipboard(url)
        self.notify(self.texts.copied.format(url=url), markup=False)

    # -- errors and exit ------------------------------------------------------

    def report_worker(self, worker: Worker[object]) -> None:
        """The one place where a failed background job becomes a message, never a traceback."""
        if worker.state != WorkerState.ERROR or worker.error is None:
            return
        reason = clean_line(str(worker.error)) or type(worker.error).__name__
        message = self.texts.error.format(error=reason)
        # Several feeds failing the same way make one message, not a stack of them.
        now = time.monotonic()
        last_message, last_time = self._last_error
        if message == last_message and now - last_time < ERROR_REPEAT_SECONDS:
            return
        self._last_error = (message, now)
        self.notify(message, severity="error", markup=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.report_worker(event.worker)

    async def on_unmount(self) -> None:
        """Stop what is in flight, then close the client so the cache is left consistent."""
        self.workers.cancel_all()
        await self.service.aclose()
