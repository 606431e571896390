"""The feed list: sources on the left, their articles on the right, refreshed in the background.

Above the sources, "All" lists every feed's articles, and "Starred" and "Unread" what the
library keeps (older articles included); M marks a feed read, + and - follow and unfollow.
"""

from __future__ import annotations

import asyncio
from itertools import groupby
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Footer, OptionList, Static
from textual.worker import Worker

from tui.marks import ViewCounts
from tui.models import Article, Source
from tui.news import FeedState
from tui.render import format_age
from tui.screens.add_source import AddSourceScreen
from tui.screens.base import NewsScreen
from tui.screens.confirm import ConfirmScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.feed_list import FeedList, FeedRow

ALL = "all"
STARRED = "starred"
UNREAD = "unread"
VIEWS = (STARRED, UNREAD)
"""The entries filled from the library rather than from the feeds."""
COUNT_DELAY = 0.05
"""Seconds without a change before the Starred and Unread lists are counted again."""


class FeedsScreen(NewsScreen):
    """What ``vnnews`` opens: paints from the cache at once, then updates as feeds arrive."""

    HELP_GROUP = "Feed list"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "refresh", "Refresh", id="feeds.refresh", tooltip="Reload the selected feed"),
        Binding(
            "R", "refresh_all", "Refresh all", id="feeds.refresh_all", tooltip="Reload every feed"
        ),
        Binding(
            "tab",
            "switch_pane",
            "Switch pane",
            show=False,
            id="feeds.switch_pane",
            tooltip="Feeds ↔ articles",
        ),
        Binding(
            "left",
            "focus_feeds",
            "Feeds",
            show=False,
            id="feeds.focus_feeds",
            tooltip="Go to the feed list",
        ),
        Binding(
            "right",
            "focus_articles",
            "Articles",
            show=False,
            id="feeds.focus_articles",
            tooltip="Go to the articles",
        ),
        Binding(
            "escape",
            "focus_feeds",
            "Feeds",
            show=False,
            id="feeds.back",
            tooltip="Back to the feed list",
        ),
        Binding("a", "author", "Author", id="feeds.author", tooltip="Every article by this author"),
        Binding(
            "c",
            "category",
            "Category",
            show=False,
            id="feeds.category",
            tooltip="Every article in this category",
        ),
        Binding(
            "o",
            "open_link",
            "Open",
            id="feeds.open_link",
            tooltip="Open the article in a browser (or copy its link)",
        ),
        Binding(
            "y",
            "copy_link",
            "Copy URL",
            show=False,
            id="feeds.copy_link",
            tooltip="Copy the article's address",
        ),
        Binding(
            "m",
            "toggle_read",
            "Read/unread",
            show=False,
            id="feeds.toggle_read",
            tooltip="Mark the article read or unread",
        ),
        Binding(
            "s",
            "toggle_star",
            "Star",
            show=False,
            id="feeds.toggle_star",
            tooltip="Star or unstar the article (★)",
        ),
        Binding(
            "M",
            "mark_all_read",
            "All read",
            show=False,
            id="feeds.mark_all_read",
            tooltip="Mark every article of the feed read (asks first)",
        ),
        Binding(
            "u",
            "undo_mark",
            "Undo",
            show=False,
            id="feeds.undo_mark",
            tooltip="Undo the last mark-all-read",
        ),
        Binding(
            "plus",
            "add_source",
            "Add feed",
            show=False,
            id="feeds.add_source",
            tooltip="Follow a feed or a web page, by its address",
        ),
        Binding(
            "minus",
            "remove_source",
            "Remove feed",
            show=False,
            id="feeds.remove_source",
            tooltip="Stop following the selected feed (asks first)",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.selected = ALL
        self.pending: set[str] = set()
        self.loaders: dict[Worker[None], Source] = {}
        self.done = 0
        self.total = 0
        self._articles_due = False
        self._feeds_due = False
        self.view_counts = ViewCounts()

    @property
    def sources(self) -> list[Source]:
        return self.vn.service.sources

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield FeedList(id="feeds")
            yield ArticleList(
                clock=self.vn.now,
                marks=self.vn.marks.state,
                tz=self.vn.tz,
                placeholder=self.vn.texts.no_articles,
                id="articles",
            )
        yield Static(id="status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        feeds = self.query_one(FeedList)
        feeds.border_title = Text(self.vn.texts.feeds)
        self.update_feeds()
        self.update_articles()
        # Enter opens the newest article at once; Tab (or ←) goes to the feeds.
        self.query_one(ArticleList).focus()
        self.load_cache()

    # -- loading --------------------------------------------------------------

    @work(group="cache", exit_on_error=False)
    async def load_cache(self) -> None:
        """Paint what the cache holds (parsing runs in a thread), then ask the network."""
        await asyncio.to_thread(self._read_cache)
        self.update_feeds()
        self.update_articles()
        self.count_views()
        # The feeds start loading once that is drawn, not while it is being laid out.
        await self.wait_for_refresh()
        self.refresh_sources(self.sources, force=False)

    def _read_cache(self) -> None:
        states = self.vn.service.cached_feeds()
        self.vn.marks.recall([article for state in states for article in state.articles])

    def refresh_sources(self, sources: list[Source], *, force: bool) -> None:
        """Load ``sources`` in parallel; a feed already loading is not asked twice."""
        fresh = [source for source in sources if source.url not in self.pending]
        if not self.pending:
            self.done = self.total = 0
        self.total += len(fresh)
        for source in fresh:
            self.pending.add(source.url)
            self.loaders[self.load_feed(source, force)] = source
        self.update_feeds()

    @work(group="feeds", exit_on_error=False)
    async def load_feed(self, source: Source, force: bool) -> None:
        state = await self.vn.service.load_feed(source, force=force)
        await asyncio.to_thread(self.vn.marks.recall, state.articles)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A feed's worker ended, however it ended: count it and show what it brought."""
        if not event.worker.is_finished or (source := self.loaders.pop(event.worker, None)) is None:
            return
        self.pending.discard(source.url)
        self.done += 1
        self.schedule_feeds()
        self.count_views()
        if self.selected in (ALL, UNREAD, source.url):
            self.schedule_articles()

    # -- showing --------------------------------------------------------------

    def feed_rows(self) -> list[FeedRow]:
        texts, service = self.vn.texts, self.vn.service
        counts = self.view_counts
        rows = [
            FeedRow(ALL, texts.all, count=self.vn.marks.unread_count(service.every_article())),
            FeedRow(STARRED, "★ " + texts.starred, count=counts.starred),
            FeedRow(UNREAD, "● " + texts.unread, count=counts.unread),
        ]
        # Under its publication's heading a feed is named by its section alone: short
        # enough for a narrow pane ("Báo Mẫu" then "  Tin mới nhất").
        for group, members in groupby(self.sources, key=lambda source: source.group):
            if group:
                rows.append(FeedRow(f"group:{group}", group, heading=True))
            for source in members:
                label = source.category if group and source.category else self.label(source)
                rows.append(self.feed_row(source, label, indent=bool(group)))
        return rows

    def feed_row(self, source: Source, label: str, *, indent: bool) -> FeedRow:
        state = self.vn.service.state(source)
        mark, style = self.status_mark(state)
        unread = self.vn.marks.unread_count(state.articles)
        return FeedRow(source.url, label, count=unread, mark=mark, mark_style=style, indent=indent)

    def status_mark(self, state: FeedState) -> tuple[str, str]:
        """Loading "…", failed "✗", an old copy "⟳ 2 h", read but empty with a warning "⚠"."""
        if state.source.url in self.pending:
            return "…", "dim"
        if state.status == "error":
            return "✗", "bold red"
        if state.status == "stale" and state.age_seconds is not None:
            return f"⟳ {format_age(state.age_seconds)}", "yellow"
        if state.error and not state.articles:
            return "⚠", "yellow"
        return "", ""

    def label(self, source: Source) -> str:
        """A source's name: its own label, else the feed's title once known, else its URL."""
        if source.group or source.category or source.title:
            return source.label
        feed = self.vn.service.state(source).feed
        return feed.title if feed is not None and feed.title else source.url

    def schedule_feeds(self) -> None:
        """Update the feed list once per frame, however many feeds arrived in it."""
        if not self._feeds_due:
            self._feeds_due = True
            self.call_after_refresh(self.update_feeds)

    def update_feeds(self) -> None:
        self._feeds_due = False
        self.query_one(FeedList).show(self.feed_rows())
        self.update_status()

    def selected_source(self) -> Source | None:
        return next((s for s in self.sources if s.url == self.selected), None)

    def schedule_articles(self) -> None:
        """Rebuild the article list once per frame, however many feeds arrived in it."""
        if not self._articles_due:
            self._articles_due = True
            self.call_after_refresh(self.update_articles)

    def update_articles(self, *, keep_current: bool = True) -> None:
        self._articles_due = False
        source = self.selected_source()
        article_list = self.query_one(ArticleList)
        article_list.border_title = Text(self.title_of(source))
        # At the top, stay at the top: newer articles arriving above are what one wants to see.
        keep = article_list.current if keep_current and article_list.highlighted else None
        if self.selected in VIEWS:
            self.load_view(self.selected, keep)
        else:
            article_list.show(self.vn.service.articles(source), keep=keep)
            self.update_status()

    def title_of(self, source: Source | None) -> str:
        texts = self.vn.texts
        if source is not None:
            return self.label(source)
        return {STARRED: texts.starred, UNREAD: texts.unread}.get(self.selected, texts.all)

    @work(group="view", exclusive=True, exit_on_error=False)
    async def load_view(self, key: str, keep: Article | None) -> None:
        """Fill the list with the library's starred (or unread) articles, read in a thread."""
        marks, known = self.vn.marks, self.vn.service.articles()
        if key == STARRED:
            found = await asyncio.to_thread(marks.starred_articles, known)
        else:
            found = await asyncio.to_thread(marks.unread_articles, known, self.feed_urls())
        await asyncio.to_thread(marks.recall, found)
        if key == self.selected:
            self.query_one(ArticleList).show(found, keep=keep)
            self.update_status()

    @work(group="view_counts", exclusive=True, exit_on_error=False)
    async def count_views(self) -> None:
        """Count the Starred and Unread lists once a burst of changes (feeds arriving) is over."""
        await asyncio.sleep(COUNT_DELAY)  # the next change cancels this one
        known = self.vn.service.articles()
        counts = self.vn.marks.view_counts
        self.view_counts = await asyncio.to_thread(counts, known, self.feed_urls())
        self.update_feeds()

    def feed_urls(self) -> set[str]:
        return {source.url for source in self.sources}

    def update_status(self) -> None:
        texts = self.vn.texts
        status = Text(no_wrap=True, overflow="ellipsis")
        if self.pending:
            status.append(texts.refreshing.format(done=self.done, total=self.total))
        elif (source := self.selected_source()) is not None:
            state = self.vn.service.state(source)
            status.append(texts.feed_count.format(count=len(state.articles)))
            if state.error:
                mark = {"error": "✗", "stale": "⟳"}.get(state.status, "⚠")
                style = "red" if state.status == "error" else "yellow"
                status.append(" · ")
                status.append(f"{mark} {state.error}", style=style)
        elif self.selected in VIEWS:
            shown = len(self.query_one(ArticleList).articles)
            status.append(texts.feed_count.format(count=shown))
        else:
            status.append(texts.feed_count.format(count=len(self.vn.service.every_article())))
            failed = [self.vn.service.state(s) for s in self.sources]
            failed = [state for state in failed if state.status == "error"]
            if failed:
                first = failed[0]
                status.append(" · ")
                count = texts.feeds_failed.format(count=len(failed))
                status.append(f"✗ {count}: {self.label(first.source)}: {first.error}", style="red")
        self.query_one("#status", Static).update(status)

    def select_feed(self, key: str) -> None:
        self.query_one(FeedList).highlight_key(key)
        self.query_one(ArticleList).focus()

    # -- events ---------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#feeds")
    def feed_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        key = event.option_id or ALL
        if key != self.selected:
            self.selected = key
            self.update_articles(keep_current=False)

    @on(OptionList.OptionSelected, "#feeds")
    def feed_selected(self) -> None:
        self.query_one(ArticleList).focus()

    @on(ArticleList.Chosen)
    def article_chosen(self, event: ArticleList.Chosen) -> None:
        self.vn.show_article(event.articles[event.index], event.articles, event.index)

    def on_screen_resume(self) -> None:
        article_list = self.query_one(ArticleList)
        article_list.show(article_list.articles, keep=self.vn.last_opened)
        self.update_feeds()

    def marks_changed(self) -> None:
        super().marks_changed()
        self.update_feeds()
        self.count_views()

    # -- actions --------------------------------------------------------------

    def action_refresh(self) -> None:
        source = self.selected_source()
        self.refresh_sources([source] if source else self.sources, force=True)

    def action_refresh_all(self) -> None:
        self.refresh_sources(self.sources, force=True)

    def action_switch_pane(self) -> None:
        if self.query_one(FeedList).has_focus:
            self.action_focus_articles()
        else:
            self.action_focus_feeds()

    def action_focus_feeds(self) -> None:
        self.query_one(FeedList).focus()

    def action_focus_articles(self) -> None:
        self.query_one(ArticleList).focus()

    def action_mark_all_read(self) -> None:
        """After a yes: every article of the selected feed (of every feed, from "All") read."""
        source = self.selected_source()
        if source is None and self.selected == STARRED:
            self.notify(self.vn.texts.pick_feed)
            return
        sources = [source] if source is not None else list(self.sources)
        texts = self.vn.texts
        name = self.label(source) if source is not None else texts.every_feed
        question = ConfirmScreen(texts.confirm_mark_read.format(name=name), texts)

        def answered(yes: bool | None) -> None:
            if yes:
                self.vn.mark_all_read(sources)

        self.app.push_screen(question, answered)

    def action_undo_mark(self) -> None:
        self.vn.undo_mark_all()

    def action_add_source(self) -> None:
        self.app.push_screen(AddSourceScreen(), self.follow)

    def follow(self, source: Source | None) -> None:
        """Add ``source`` (the dialog's answer), show it and load it at once."""
        if source is None:
            return
        texts = self.vn.texts
        known = next((known for known in self.sources if known.url == source.url), None)
        if known is not None:
            self.notify(texts.already_following.format(name=self.label(known)), markup=False)
        else:
            self.vn.follow(source)
            self.refresh_sources([source], force=False)
            self.notify(texts.added.format(name=self.label(source)), markup=False)
        self.select_feed(source.url)

    def action_remove_source(self) -> None:
        source = self.selected_source()
        texts = self.vn.texts
        if source is None:
            self.notify(texts.pick_feed)
            return
        name = self.label(source)

        def answered(yes: bool | None) -> None:
            if yes:
                self.vn.unfollow(source)
                self.update_feeds()  # the row is gone: "All" is selected
                self.count_views()
                self.notify(texts.removed.format(name=name), markup=False)

        self.app.push_screen(ConfirmScreen(texts.confirm_remove.format(name=name), texts), answered)

    def current_article(self) -> Article | None:
        return self.query_one(ArticleList).current
