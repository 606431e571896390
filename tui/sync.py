"""Sync: refresh every subscription, then save the pages of new articles for reading offline."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field

from tui.errors import FetchError
from tui.library import Library
from tui.models import Article, Source
from tui.news import FeedState, NewsService, newest_first

DEFAULT_CONCURRENCY = 8


@dataclass(frozen=True, slots=True)
class FeedFailure:
    """A subscription that could not be refreshed, and why (one line)."""

    source: Source
    reason: str


@dataclass(slots=True)
class SyncReport:
    """What a sync has done so far; it stays valid when the sync is interrupted."""

    feeds: int = 0
    feeds_done: int = 0
    failures: list[FeedFailure] = field(default_factory=list)
    articles: int = 0
    """Distinct articles listed by the refreshed feeds."""
    pages: int = 0
    """Pages of new articles to download (those without a saved body)."""
    pages_done: int = 0
    pages_saved: int = 0

    @property
    def all_failed(self) -> bool:
        return self.feeds > 0 and len(self.failures) == self.feeds

    def summary(self) -> str:
        """E.g. "12 feeds (1 failed), 240 articles, 35 new pages"."""
        feeds = plural(self.feeds, "feed")
        if self.failures:
            feeds += f" ({len(self.failures)} failed)"
        pages = plural(self.pages_saved, "new page")
        if failed := self.pages_done - self.pages_saved:
            pages += f" ({failed} failed)"
        return f"{feeds}, {plural(self.articles, 'article')}, {pages}"


Progress = Callable[[SyncReport], None]


class SyncJob:
    """One sync of ``service.sources`` into ``library``.

    Feeds are refreshed through :meth:`NewsService.load_feed` (which records their
    articles), then the pages the library has no body for are downloaded through
    :meth:`NewsService.article` (which saves them), newest first, at most
    ``concurrency`` requests at a time. Every library write is its own transaction,
    so an interrupted sync keeps what it had fetched.
    """

    def __init__(
        self,
        service: NewsService,
        library: Library,
        *,
        pages: bool = True,
        concurrency: int = DEFAULT_CONCURRENCY,
        progress: Progress | None = None,
    ) -> None:
        if concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        self.service = service
        self.library = library
        self.pages = pages
        self.report = SyncReport(feeds=len(service.sources))
        self._slots = asyncio.Semaphore(concurrency)
        self._progress = progress

    async def run(self) -> SyncReport:
        self._notify()
        states = await self._refresh_feeds()
        articles = _distinct(article for state in states for article in state.articles)
        self.report.articles = len(articles)
        self._notify()
        if self.pages:
            await self._save_pages(articles)
        return self.report

    async def _refresh_feeds(self) -> list[FeedState]:
        states: list[FeedState] = []

        async def refresh(source: Source) -> None:
            async with self._slots:
                state = await self.service.load_feed(source)
            states.append(state)
            if failure := _failure(state):
                self.report.failures.append(failure)
            self.report.feeds_done += 1
            self._notify()

        await _run_all(refresh(source) for source in self.service.sources)
        return states

    async def _save_pages(self, articles: list[Article]) -> None:
        urls = await asyncio.to_thread(self._unsaved, articles)
        self.report.pages = len(urls)
        self._notify()

        async def save(url: str) -> None:
            async with self._slots:
                try:
                    await self.service.article(url)
                except FetchError:
                    saved = False
                else:
                    saved = await asyncio.to_thread(self.library.body, url) is not None
            self.report.pages_done += 1
            self.report.pages_saved += saved
            self._notify()

        await _run_all(save(url) for url in urls)

    def _unsaved(self, articles: list[Article]) -> list[str]:
        """The page URLs of ``articles`` the library has no body for, newest first."""
        urls = dict.fromkeys(article.url for article in newest_first(articles))
        return [url for url in urls if self.library.body(url) is None]

    def _notify(self) -> None:
        if self._progress is not None:
            self._progress(self.report)


def _failure(state: FeedState) -> FeedFailure | None:
    """Why a refresh failed: no feed at all, or only the old copy (``stale``)."""
    if state.status not in ("error", "stale"):
        return None
    return FeedFailure(state.source, state.error or "could not be refreshed")


def _distinct(articles: Iterable[Article]) -> list[Article]:
    return list({article.id: article for article in articles}.values())


async def _run_all(jobs: Iterable[Awaitable[None]]) -> None:
    """Run ``jobs`` together; the first error (or a cancellation) stops the others."""
    tasks = [asyncio.ensure_future(job) for job in jobs]
    try:
        await asyncio.gather(*tasks)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


def plural(n: int, noun: str) -> str:
    """A count and its noun: 1 feed, 2 feeds."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
