"""The figures: each function measures one group of rows, vnnews and newsboat pair by pair."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from bench import data
from bench.newsboat import NOT_INSTALLED, Newsboat
from bench.proc import MIB, TERMINAL_SIZE, BenchError, Finished, Terminal
from bench.report import Figure, Target, Unit
from bench.server import BenchSite, Traffic
from bench.vnnews import Profile, sync, tui_argv

if TYPE_CHECKING:
    from tui.app import VnNewsApp

DELAY = 0.05
"""Seconds the server waits before each answer in the delayed figures: a distant server."""
ALWAYS_STALE = 0.001
"""A feed TTL (seconds) that makes every refresh revalidate, as newsboat does."""
NEWER = 5
"""New items per feed in the version a refresh brings (memory figure)."""
SEARCHES = (
    "giá vàng",
    "giao thong ha noi",
    "Đà Nẵng",
    "buýt điện",
    "hoc phi dai hoc",
    "sân bay Long Thành",
    "Ngọc Diệp",
    "điện mặt tr",
)
"""As typed: with and without diacritics, names, and a last word still being typed."""


@dataclass(frozen=True)
class Sizes:
    feeds: int = 100
    items: int = 50
    memory_items: int = 100
    """Items per feed in the memory figures: 100 × 100 = 10,000 cached articles."""
    library: int = 50_000
    runs: int = 5
    memory_runs: int = 3
    """Memory barely moves between runs, and each of its runs takes half a minute."""
    parse_runs: int = 20

    def describe(self) -> str:
        return (
            f"{self.feeds} feeds × {self.items} items (memory: × {self.memory_items}), "
            f"search library of {self.library:,} articles; {self.runs} run(s) per figure "
            f"({self.memory_runs} for memory)"
        )


FULL = Sizes()
QUICK = Sizes(
    feeds=5, items=10, memory_items=20, library=1_000, runs=1, memory_runs=1, parse_runs=3
)


@dataclass
class Bench:
    """What every figure shares: the sizes, a scratch directory, the feed server, newsboat."""

    sizes: Sizes
    root: Path
    site: BenchSite
    newsboat: str | None
    figures: list[Figure] = field(default_factory=list)
    """Every row so far, in order: a group adds its rows before measuring them."""

    def vnnews(self, name: str, urls: list[str], *, feed_ttl: float | None = None) -> Profile:
        return Profile(self.root / name / "vnnews").subscribe(urls, feed_ttl=feed_ttl)

    def newsboat_at(self, name: str, urls: list[str]) -> Newsboat | None:
        if self.newsboat is None:
            return None
        return Newsboat(self.newsboat, self.root / name / "newsboat").subscribe(urls)

    def figure(self, name: str, unit: Unit, target: Target | None, *, paired: bool) -> Figure:
        figure = Figure(name, unit, target, newsboat=[] if paired else None)
        if paired and self.newsboat is None:
            figure.newsboat_note = NOT_INSTALLED
        self.figures.append(figure)
        return figure


def _count_rows(database: Path, table: str) -> int:
    with closing(sqlite3.connect(database)) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def _measured(site: BenchSite, step: Callable[[], Finished]) -> tuple[Finished, Traffic]:
    """What ``step`` did, and the requests the server saw meanwhile."""
    mark = site.mark()
    finished = step()
    return finished, site.traffic_since(mark)


def _peak_memory(mine: Finished, theirs: Finished | None) -> str:
    text = f"peak RSS in the first run: vnnews {mine.max_rss / MIB:.0f} MiB"
    return text + (f", newsboat {theirs.max_rss / MIB:.0f} MiB" if theirs else "")


def _words(title: str, length: int = 18) -> str:
    """The first words of ``title``: what fits on one row of a list, whatever its width."""
    words: list[str] = []
    for word in title.split():
        if words and len(" ".join([*words, word])) > length:
            break
        words.append(word)
    return " ".join(words)


# -- refresh -------------------------------------------------------------------


def refresh(bench: Bench) -> None:
    """Cold refresh (empty cache), then the second and third runs, when every feed answers 304."""
    sizes, site = bench.sizes, bench.site
    cold = bench.figure("cold refresh, no delay", "s", Target(0.5, ratio=True), paired=True)
    delayed = bench.figure("cold refresh, 50 ms delay", "s", Target(0.5, ratio=True), paired=True)
    second = bench.figure("warm refresh (304), 2nd run", "s", Target(0.8, ratio=True), paired=True)
    third = bench.figure("warm refresh (304), 3rd run", "s", Target(0.8, ratio=True), paired=True)
    urls = site.publish_feeds(sizes.feeds, sizes.items)
    for run in range(sizes.runs):
        for delay, chain in ((0.0, (cold, second, third)), (DELAY, (delayed,))):
            site.delay = delay
            name = f"refresh-{delay}-{run}"
            vnnews = bench.vnnews(name, urls, feed_ttl=ALWAYS_STALE)
            newsboat = bench.newsboat_at(name, urls)
            for figure in chain:
                mine, traffic = _measured(site, partial(sync, vnnews))
                figure.note(f"vnnews (`vnnews sync --feeds-only`): {traffic}")
                theirs = None
                if newsboat is not None:
                    theirs, traffic = _measured(site, newsboat.reload)
                    figure.note(f"newsboat (`-x reload`, reload-threads 10): {traffic}")
                figure.add(mine.seconds, theirs.seconds if theirs else None)
                if run == 0:
                    figure.note(_peak_memory(mine, theirs))
            if run == 0:
                _check_refreshed(chain[0], vnnews, newsboat, sizes.feeds * sizes.items)
    site.delay = 0.0


def _check_refreshed(
    figure: Figure, vnnews: Profile, newsboat: Newsboat | None, expected: int
) -> None:
    """A refresh that stored nothing would be fast for the wrong reason."""
    stored = _count_rows(vnnews.library_path, "articles")
    if stored != expected:
        raise BenchError(f"vnnews stored {stored} articles, expected {expected}")
    if newsboat is not None:
        stored = _count_rows(newsboat.root / "cache.db", "rss_item")
        if stored != expected:
            raise BenchError(f"newsboat stored {stored} items, expected {expected}")
    figure.note(f"checked after the first run: {expected:,} articles stored by each")


# -- the terminal ----------------------------------------------------------------


def first_frame(bench: Bench) -> None:
    """From starting the program on a pty to the list being drawn, with the cache filled."""
    sizes = bench.sizes
    figure = bench.figure("first painted frame", "s", Target(1.2, ratio=True), paired=True)
    urls = bench.site.publish_feeds(sizes.feeds, sizes.items)
    vnnews = bench.vnnews("frame", urls)
    sync(vnnews)
    newsboat = bench.newsboat_at("frame", urls)
    if newsboat is not None:
        newsboat.reload()
    title = _words(data.newest_title(items=sizes.items))
    feed_title = data.feed_title(0)
    for _ in range(sizes.runs):
        with Terminal(tui_argv(), vnnews.env) as terminal:
            seconds = terminal.wait_for(title)
        other = None
        if newsboat is not None:
            with Terminal(newsboat.argv(), newsboat.env) as terminal:
                other = terminal.wait_for(feed_title)
        figure.add(seconds, other)
    articles = sizes.feeds * sizes.items
    figure.note(
        f"{articles:,} cached articles, {TERMINAL_SIZE[0]}×{TERMINAL_SIZE[1]} pty; vnnews until "
        f"the newest title {title!r} is drawn in the article list, newsboat until its feed "
        f"list shows {feed_title!r}; target ≈ 200 ms"
    )


def memory(bench: Bench) -> None:
    """Resident memory with 10,000 cached articles: idle after the first frame, and at the
    peak of a refresh that brings new items in every feed."""
    sizes, site = bench.sizes, bench.site
    idle = bench.figure("memory idle (RSS)", "MiB", Target(80, unit="MiB"), paired=True)
    busy = bench.figure("memory refreshing (peak RSS)", "MiB", Target(100, unit="MiB"), paired=True)
    urls = site.publish_feeds(sizes.feeds, sizes.memory_items)
    vnnews = bench.vnnews("memory", urls, feed_ttl=ALWAYS_STALE)
    sync(vnnews)
    newsboat = bench.newsboat_at("memory", urls)
    if newsboat is not None:
        newsboat.reload()
    site.publish_feeds(sizes.feeds, sizes.memory_items, newer=NEWER)
    title = _words(data.newest_title(items=sizes.memory_items))
    feed_title = data.feed_title(0)
    for _ in range(sizes.memory_runs):
        with Terminal(tui_argv(offline=True), vnnews.env) as terminal:
            terminal.wait_for(title)
            terminal.settle()
            vnnews_idle = terminal.rss()
        fresh = vnnews.copy(bench.root / "memory-run" / "vnnews")
        with Terminal(tui_argv(), fresh.env) as terminal:
            vnnews_busy = _peak_while_refreshing(terminal, site, title, sizes.feeds)
        newsboat_idle = newsboat_busy = None
        if newsboat is not None:
            with Terminal(newsboat.argv(), newsboat.env) as terminal:
                terminal.wait_for(feed_title)
                terminal.settle()
                newsboat_idle = terminal.rss()
            fresh_newsboat = newsboat.copy(bench.root / "memory-run" / "newsboat")
            with Terminal(fresh_newsboat.argv("-r"), fresh_newsboat.env) as terminal:
                newsboat_busy = _peak_while_refreshing(terminal, site, feed_title, sizes.feeds)
        idle.add(vnnews_idle / MIB, newsboat_idle / MIB if newsboat_idle else None)
        busy.add(vnnews_busy / MIB, newsboat_busy / MIB if newsboat_busy else None)
    articles = sizes.feeds * sizes.memory_items
    idle.note(
        f"{articles:,} cached articles; VmRSS once the list is drawn and the screen is still "
        "(vnnews --offline)"
    )
    busy.note(
        f"{articles:,} cached articles, then a refresh bringing {NEWER} new items to each of "
        f"{sizes.feeds} feeds; VmHWM once every feed was fetched and the screen is still "
        "(vnnews: the TUI revalidating at start; newsboat: `-r`)"
    )


def _peak_while_refreshing(terminal: Terminal, site: BenchSite, title: str, feeds: int) -> int:
    mark = site.mark()
    terminal.wait_for(title)
    terminal.pump_until(lambda: site.traffic_since(mark).requests >= feeds)
    terminal.settle()
    return terminal.rss("VmHWM")


# -- reading (in process) ----------------------------------------------------------


def reading(bench: Bench) -> None:
    """Enter on an article whose page is in the disk cache, then ``n`` to the prefetched next."""
    sizes = bench.sizes
    opened = bench.figure("open cached article", "ms", Target(50, unit="ms"), paired=False)
    following = bench.figure("open prefetched article", "ms", Target(20, unit="ms"), paired=False)
    urls = bench.site.publish_feeds(sizes.feeds, sizes.items)
    profile = bench.vnnews("reading", urls)
    sync(profile)
    traffic = asyncio.run(_read_articles(bench, profile, opened, following))
    how = (
        f"Textual Pilot in process, VnNewsApp at {TERMINAL_SIZE[0]}×{TERMINAL_SIZE[1]}: from the "
        "key press until the ArticleScreen shows the body, laid out (~3,000 words)"
    )
    opened.note(f"{how}; the page is in the HTTP disk cache, not yet extracted; server: {traffic}")
    following.note(f"{how}; `n` once the article's neighbours were prefetched")


async def _read_articles(
    bench: Bench, profile: Profile, opened: Figure, following: Figure
) -> Traffic:
    """Open every third article of the list, then the next one; returns the traffic meanwhile."""
    from tui.app import VnNewsApp
    from tui.client import CachedClient
    from tui.config import load_config
    from tui.library import Library
    from tui.news import NewsService
    from tui.widgets.article_list import ArticleList

    runs = bench.sizes.runs
    with Library(profile.library_path) as library:
        service = NewsService(CachedClient(profile.cache_dir), profile.sources(), library=library)
        app = VnNewsApp(service, config=load_config(profile.config_path))
        async with app.run_test(size=TERMINAL_SIZE) as pilot:
            article_list = app.screen.query_one(ArticleList)
            await _until(lambda: bool(article_list.articles), timeout=60)
            await _settled(app)
            article_list.focus()
            listing = list(article_list.articles)
            # Opening every third article, the one opened was never prefetched as a neighbour.
            for article in listing[: 3 * runs + 2]:
                feed, number = data.locate(article.url)
                bench.site.publish_pages(feed, range(number, number + 1))
                await service.client.get(article.url, "page")
            mark = bench.site.mark()
            for run in range(runs):
                position = 3 * run
                article_list.highlighted = position
                await pilot.pause()
                shown = partial(_showing, app, listing[position].url)
                opened.add(await _timed_key(app, "enter", shown))
                await _settled(app)
                if service.cached_body(listing[position + 1].url) is None:
                    raise BenchError("the next article was not prefetched")
                shown = partial(_showing, app, listing[position + 1].url)
                following.add(await _timed_key(app, "n", shown))
                await _settled(app)
                await pilot.press("escape")
                await _until(lambda: app.screen is app.screen_stack[0], timeout=10)
            return bench.site.traffic_since(mark)


async def _settled(app: VnNewsApp) -> None:
    """Wait until no worker runs (one cancelled by a newer one in its group is fine)."""
    await _until(lambda: not any(worker.is_running for worker in app.workers), timeout=60)


def _showing(app: VnNewsApp, url: str) -> bool:
    """Whether ``app`` shows the article at ``url``, its text laid out past the first screen."""
    from tui.screens.article import ArticleScreen
    from tui.widgets.article_view import ArticleView

    screen = app.screen
    return (
        isinstance(screen, ArticleScreen)
        and screen.article.url == url
        and screen.body is not None
        and screen.query_one(ArticleView).virtual_size.height > TERMINAL_SIZE[1]
    )


async def _until(done: Callable[[], bool], timeout: float) -> None:
    deadline = time.perf_counter() + timeout
    while not done():
        if time.perf_counter() > deadline:
            raise BenchError("the app never reached the expected state")
        await asyncio.sleep(0.001)


async def _timed_key(app: VnNewsApp, key: str, done: Callable[[], bool]) -> float:
    """Milliseconds from pressing ``key`` until ``done()``, polled every millisecond.

    ``Pilot.press`` would also wait for the app to be idle, counting the background
    work (prefetching the neighbours) done after the article is already on screen.
    """
    started = time.perf_counter()
    app.simulate_key(key)
    await _until(done, timeout=30)
    return (time.perf_counter() - started) * 1000


# -- the core (in process) -----------------------------------------------------------


def search(bench: Bench) -> None:
    """Library.search over a library of 50,000 articles, recorded in batches as a sync would."""
    from tui.library import Library

    size = bench.sizes.library
    figure = bench.figure("search library", "ms", Target(50, unit="ms"), paired=False)
    path = bench.root / "search" / "library.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    articles = list(data.library_articles(size))
    with Library(path) as library:
        started = time.perf_counter()
        for start in range(0, size, 1000):
            library.record_articles(articles[start : start + 1000])
        recorded = time.perf_counter() - started
        hits = {}
        for _ in range(bench.sizes.runs):
            for query in SEARCHES:
                started = time.perf_counter()
                hits[query] = len(library.search(query))
                figure.add((time.perf_counter() - started) * 1000)
    figure.note(
        f"{size:,} articles (recorded in {recorded:.1f} s, batches of 1,000); one sample per query "
        f"per run, 50 hits at most: " + ", ".join(f"{q!r} {n}" for q, n in hits.items())
    )
    if not all(hits.values()):
        raise BenchError(
            "a search found nothing: " + ", ".join(q for q, n in hits.items() if not n)
        )


def parse(bench: Bench) -> None:
    """tui.feeds.parse_feed on 50-item feeds of every style the generator makes (target: 1 ms)."""
    from tui.feeds import parse_feed

    figure = bench.figure("parse 50-item feed", "ms", Target(1, unit="ms"), paired=False)
    base = bench.site.base_url
    feeds = [(data.feed_xml(feed, 50, base), base + data.feed_path(feed)) for feed in range(12)]
    for _ in range(bench.sizes.parse_runs):
        for content, url in feeds:
            started = time.perf_counter()
            parsed = parse_feed(content, url, "application/rss+xml")
            figure.add((time.perf_counter() - started) * 1000)
            if len(parsed.articles) != 50:
                raise BenchError(f"parse_feed read {len(parsed.articles)} of 50 items")
    figure.note(
        "tui.feeds.parse_feed as the app calls it; 12 feeds covering every description and "
        f"date style, {sum(len(c) for c, _ in feeds) // len(feeds) // 1024} KiB each on average"
    )


GROUPS: tuple[tuple[str, Callable[[Bench], None]], ...] = (
    ("refresh", refresh),
    ("frame", first_frame),
    ("reading", reading),
    ("search", search),
    ("memory", memory),
    ("parse", parse),
)
"""Every group of figures, in the order they run and print; ``--only`` picks by these names."""
