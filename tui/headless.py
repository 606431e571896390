"""Headless commands (read, feed, sync, search, import, export), for scripts and pipes."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table
from rich.text import Text

from tui.client import CachedClient
from tui.config import Config, load_config, save_config
from tui.errors import EXIT_FAILURE, VnNewsError
from tui.library import Library, LibraryError, SearchHit
from tui.models import ArticleBody, Feed, Source, iso_or_none
from tui.news import FeedState, NewsService
from tui.render import format_when, render_article, render_plain
from tui.subscriptions import export_opml, load_subscriptions
from tui.sync import SyncJob, SyncReport, plural

EXIT_OK = 0
EXIT_INTERRUPTED = 130
MATCH_STYLE = "bold yellow"


def run_headless(args: argparse.Namespace) -> int:
    """Run one headless command; failures print one line on stderr and return exit code 3."""
    try:
        return _COMMANDS[args.command](args)
    except VnNewsError as error:
        _say(str(error))
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


# -- read and feed -------------------------------------------------------------


def _read(args: argparse.Namespace) -> int:
    body = asyncio.run(_fetch_article(args, _config()))
    if not body.blocks and not body.lead:
        raise VnNewsError(body.notice or f"no article text found at {body.url}")
    _print_article(body, args)
    return EXIT_OK


async def _fetch_article(args: argparse.Namespace, config: Config) -> ArticleBody:
    # With the library, a page missing from the HTTP cache is still read from its saved copy.
    with _optional_library() as library:
        async with _client(args, config, offline=args.offline) as client:
            return await NewsService(client, [], library=library).article(args.url)


def _feed(args: argparse.Namespace) -> int:
    state = asyncio.run(_fetch_feed(args, _config()))
    _print_feed(_feed_or_raise(state), args)
    return EXIT_OK


async def _fetch_feed(args: argparse.Namespace, config: Config) -> FeedState:
    with _optional_library() as library:
        async with _client(args, config, offline=args.offline) as client:
            return await NewsService(client, [], library=library).load_feed(Source(args.url))


def _feed_or_raise(state: FeedState) -> Feed:
    """The feed, or one line saying why there is none (a page without article links is none)."""
    feed = state.feed
    if feed is None or (not feed.articles and feed.warning):
        raise VnNewsError(state.error or f"could not read {state.source.url}")
    if state.error:
        _say(f"warning: {state.error}")
    return feed


def _print_article(body: ArticleBody, args: argparse.Namespace) -> None:
    if args.json:
        if body.notice:
            _say(body.notice)
        _print_json(body.to_dict())
    elif args.plain or not sys.stdout.isatty():
        sys.stdout.write(render_plain(body, width=args.width or 80))
    else:
        _console(args).print(render_article(body))


def _print_feed(feed: Feed, args: argparse.Namespace) -> None:
    if args.json:
        _print_json(
            {
                "url": feed.url,
                "title": feed.title,
                "kind": feed.kind,
                "warning": feed.warning,
                "articles": [article.to_dict() for article in feed.articles],
            }
        )
        return
    console = _console(args)
    console.print(Text(feed.title or feed.url, style="bold"))
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, style="dim")
    table.add_column(overflow="fold")
    for article in feed.articles:
        entry = Text(article.title or article.url)
        if article.authors:
            entry.append(f" — {', '.join(article.authors)}", style="dim")
        entry.append(f"\n{article.url}", style="dim")
        table.add_row(format_when(article.published) if article.published else "", entry)
    console.print(table)


# -- sync ----------------------------------------------------------------------


def _sync(args: argparse.Namespace) -> int:
    config = _config()
    sources = _sources(args, config)
    if not sources:
        _say("nothing to sync: there are no subscriptions")
        return EXIT_OK
    with _library() as library:
        report = asyncio.run(_run_sync(args, config, sources, library))
    for failure in report.failures:
        _say(f"{failure.source.url}: {failure.reason}")
    if sys.stderr.isatty():
        print(report.summary(), file=sys.stderr)
    return EXIT_FAILURE if report.all_failed else EXIT_OK


async def _run_sync(
    args: argparse.Namespace, config: Config, sources: list[Source], library: Library
) -> SyncReport:
    display = _SyncProgress() if sys.stderr.isatty() else None
    async with _client(args, config) as client:
        job = SyncJob(
            NewsService(client, sources, library=library),
            library,
            pages=not args.feeds_only,
            concurrency=args.concurrency,
            progress=display.update if display else None,
        )
        try:
            with display or nullcontext():
                return await job.run()
        except asyncio.CancelledError:
            _say(f"interrupted; kept {job.report.summary()}")
            raise


class _SyncProgress:
    """Two progress bars on stderr, feeds then pages; gone once the sync ends."""

    def __init__(self) -> None:
        self._bars = Progress(
            TextColumn("{task.description:<6}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._feeds = self._bars.add_task("Feeds", total=None)
        self._pages = self._bars.add_task("Pages", total=None, visible=False)

    def update(self, report: SyncReport) -> None:
        self._bars.update(self._feeds, total=report.feeds, completed=report.feeds_done)
        if report.pages:
            self._bars.update(
                self._pages, total=report.pages, completed=report.pages_done, visible=True
            )

    def __enter__(self) -> _SyncProgress:
        self._bars.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._bars.stop()


# -- search --------------------------------------------------------------------


def _search(args: argparse.Namespace) -> int:
    config = _config()
    with _library() as library:
        hits = library.search(args.query, limit=args.limit)
    if not hits:
        _say(f"no match for {args.query!r}")
    if args.json:
        _print_json([_hit_to_dict(hit) for hit in hits])
    else:
        feeds = {source.url: source.label for source in config.sources()}
        _print_hits(hits, feeds, args)
    return EXIT_OK


def _hit_to_dict(hit: SearchHit) -> dict[str, Any]:
    article = hit.article
    return {
        "id": article.id,
        "title": article.title,
        "url": article.url,
        "published": iso_or_none(article.published),
        "authors": list(article.authors),
        "feed": article.feed_url,
        "snippet": hit.snippet,
    }


def _print_hits(hits: list[SearchHit], feeds: dict[str, str], args: argparse.Namespace) -> None:
    """Title, then date · feed · authors, the snippet with its matches styled, and the URL."""
    console = _console(args)
    for index, hit in enumerate(hits):
        article = hit.article
        if index:
            console.print()
        console.print(Text(article.title or article.url, style="bold"))
        details = [
            format_when(article.published) if article.published else "",
            feeds.get(article.feed_url) or article.publisher or article.feed_url,
            ", ".join(article.authors),
        ]
        console.print(Text(" · ".join(part for part in details if part), style="dim"))
        snippet = Text(hit.snippet)
        for start, end in hit.spans:
            snippet.stylize(MATCH_STYLE, start, end)
        console.print(snippet)
        console.print(Text(article.url, style="dim"), overflow="ignore", crop=False)


# -- import and export ---------------------------------------------------------


def _import(args: argparse.Namespace) -> int:
    config = _config()
    imported = load_subscriptions(args.file)
    current = list(config.subscriptions or [])
    known = {source.url for source in current}
    added = [source for source in imported if source.url not in known]
    if added:
        config.subscriptions = current + added
        save_config(config)
    message = f"imported {plural(len(added), 'subscription')}"
    if skipped := len(imported) - len(added):
        message += f" ({skipped} already subscribed)"
    print(message)
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    sys.stdout.write(export_opml(_config().sources()))
    return EXIT_OK


# -- shared --------------------------------------------------------------------


def _say(message: str) -> None:
    print(f"vnnews: {message}", file=sys.stderr)


def _config() -> Config:
    config = load_config()
    for warning in config.warnings:
        _say(f"warning: {warning}")
    return config


def _sources(args: argparse.Namespace, config: Config) -> list[Source]:
    """The sources of ``--feeds FILE`` if given, else the subscriptions."""
    return load_subscriptions(args.feeds) if args.feeds else config.sources()


def _client(args: argparse.Namespace, config: Config, *, offline: bool = False) -> CachedClient:
    return CachedClient(args.cache_dir, offline=offline, ttls=config.ttls)


def _library() -> Library:
    library = Library()
    for warning in library.warnings:
        _say(f"warning: {warning}")
    return library


def _optional_library() -> AbstractContextManager[Library | None]:
    """The library, or ``None`` (with a warning) when it cannot be opened: reading goes on."""
    try:
        return _library()
    except LibraryError as error:
        _say(f"warning: {error}; going on without the library")
        return nullcontext()


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _console(args: argparse.Namespace) -> Console:
    if not sys.stdout.isatty():
        return Console(width=args.width or 80, color_system=None, force_terminal=False, emoji=False)
    return Console(width=args.width, emoji=False, highlight=False)


_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "read": _read,
    "feed": _feed,
    "sync": _sync,
    "search": _search,
    "import": _import,
    "export": _export,
}
