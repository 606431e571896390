"""NewsService: the one facade the screens and the headless commands call."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Literal

from tui.errors import FetchError, OfflineError, ParseError, VnNewsError
from tui.folding import fold
from tui.models import Article, ArticleBody, Feed, Fetched, Link, Paragraph, Source, Span

if TYPE_CHECKING:
    from tui.client import CachedClient
    from tui.library import Library

FeedStatus = Literal["idle", "loading", "ok", "stale", "error"]
_EPOCH = datetime.min.replace(tzinfo=UTC)


@dataclass(slots=True)
class FeedState:
    """What the feed list knows about one source: its articles and how fresh they are."""

    source: Source
    feed: Feed | None = None
    status: FeedStatus = "idle"
    error: str | None = None
    fetched_at: datetime | None = None
    content_key: str | None = None
    """Fingerprint of the feed body the articles were read from."""

    @property
    def articles(self) -> list[Article]:
        return self.feed.articles if self.feed else []

    @property
    def age_seconds(self) -> float | None:
        if self.fetched_at is None:
            return None
        return max(0.0, (datetime.now(UTC) - self.fetched_at).total_seconds())


def newest_first(articles: Iterable[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: a.published or _EPOCH, reverse=True)


def is_feed(fetched: Fetched) -> bool:
    """Guess from the content type and the first bytes whether this is a feed or a web page."""
    content_type = fetched.content_type.lower()
    if any(kind in content_type for kind in ("rss", "atom", "xml")):
        return True
    head = fetched.content[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return False
    return head.startswith(b"<?xml") or b"<rss" in head or b"<feed" in head


def content_key(content: bytes) -> str:
    """A short fingerprint of a fetched body: equal bodies, equal keys."""
    return hashlib.blake2b(content, digest_size=16).hexdigest()


def summary_body(article: Article, notice: str) -> ArticleBody:
    """An article body made of the feed's own summary, for when the page is out of reach."""
    blocks = [Paragraph((Span(article.summary),))] if article.summary else []
    return ArticleBody(
        url=article.url,
        title=article.title,
        publisher=article.publisher,
        published=article.published,
        authors=article.authors,
        categories=article.categories,
        blocks=list(blocks),
        comment_count=article.comment_count,
        notice=notice,
    )


def stale_notice(fetched: Fetched) -> str | None:
    """A stale copy's notice, e.g. "cached copy, fetched 2 h ago (timed out after 15 s)"."""
    if not fetched.stale:
        return None
    from tui.render import format_age

    age = format_age(fetched.age_seconds)
    when = "just now" if age == "now" else f"{age} ago"
    reason = f" ({fetched.error})" if fetched.error else ""
    return f"cached copy, fetched {when}{reason}"


@dataclass
class NewsService:
    """Feeds, articles and the indexes across them, on top of the cached client.

    Every method that touches the network is async and never blocks the event loop:
    parsing and extraction run in a thread.
    """

    client: CachedClient
    sources: list[Source]
    library: Library | None = None
    states: dict[str, FeedState] = field(default_factory=dict)
    _bodies: dict[str, ArticleBody] = field(default_factory=dict)
    _articles: dict[str, Article] = field(default_factory=dict)
    _articles_by_url: dict[str, Article] = field(default_factory=dict)

    def state(self, source: Source) -> FeedState:
        return self.states.setdefault(source.url, FeedState(source))

    # -- feeds ---------------------------------------------------------------

    def cached_feeds(self) -> list[FeedState]:
        """Every source as the library (or else the cache) has it, without any request.

        One library read serves all the sources; the cache is parsed only for a source
        the library knows nothing of.
        """
        urls = [source.url for source in self.sources]
        known = self.library.articles_by_feed(urls) if self.library is not None else {}
        return [self._from_cache(source, known.get(source.url, [])) for source in self.sources]

    def _from_cache(self, source: Source, known: list[Article]) -> FeedState:
        """The source's state from the articles the library ``known`` for it, else the cache."""
        state = self.state(source)
        if known:
            self._accept(state, Feed(url=source.url, title=source.title, articles=known))
            state.status = "stale"
        elif (fetched := self.client.cached(source.url)) is not None:
            try:
                self._accept(state, self._parse(fetched, source), fetched)
                state.status = "stale"
            except VnNewsError as error:
                state.error = str(error)
        return state

    async def load_feed(self, source: Source, *, force: bool = False) -> FeedState:
        """Fetch and parse one source; errors end up in the state, never raised.

        A body the library has already recorded (a fresh cache hit or a 304) is not
        parsed again: its articles are read back from the library.
        """
        state = self.state(source)
        state.status = "loading"
        try:
            fetched = await self.client.get(source.url, "feed", force=force)
            key = content_key(fetched.content)
            library = self.library
            if fetched.from_cache and key == state.content_key:
                feed = state.feed
            elif fetched.from_cache and library is not None:
                feed = await asyncio.to_thread(library.recorded_feed, source.url, key)
            else:
                feed = None
            if feed is None:
                feed = await asyncio.to_thread(self._parse, fetched, source)
                if feed.ttl_minutes:
                    self.client.set_min_ttl(source.url, feed.ttl_minutes * 60)
                if library is not None:
                    await asyncio.to_thread(library.record_feed, source.url, feed, key)
        except VnNewsError as error:
            state.status = "stale" if state.feed else "error"
            state.error = str(error)
            return state
        self._accept(state, feed, fetched)
        state.content_key = key
        state.status = "stale" if fetched.stale else "ok"
        state.error = stale_notice(fetched) or feed.warning
        return state

    async def load_all(self, *, force: bool = False) -> list[FeedState]:
        return list(await asyncio.gather(*(self.load_feed(s, force=force) for s in self.sources)))

    def _parse(self, fetched: Fetched, source: Source) -> Feed:
        from tui.extract import extract_listing
        from tui.feeds import parse_feed

        if source.kind == "feed" or (source.kind == "auto" and is_feed(fetched)):
            feed = parse_feed(fetched.content, fetched.url, fetched.content_type)
        else:
            feed = extract_listing(fetched.content, fetched.url, fetched.content_type)
        for article in feed.articles:
            article.feed_url = source.url
        return feed

    def _accept(self, state: FeedState, feed: Feed, fetched: Fetched | None = None) -> None:
        if feed is not state.feed:
            self._forget(state.articles)
            state.feed = feed
            self._remember(feed.articles)
        state.error = feed.warning
        if fetched is not None:
            state.fetched_at = fetched.fetched_at

    def _remember(self, articles: Iterable[Article]) -> None:
        for article in articles:
            self._articles[article.id] = article
            self._articles_by_url[article.url] = article

    def _forget(self, articles: Iterable[Article]) -> None:
        """Drop the articles of a feed's previous copy, so each article is held once."""
        for article in articles:
            if self._articles.get(article.id) is article:
                del self._articles[article.id]
            if self._articles_by_url.get(article.url) is article:
                del self._articles_by_url[article.url]

    def articles(self, source: Source | None = None) -> list[Article]:
        """The articles of one source, or of every source (``None``), newest first.

        Across sources an article is listed once per URL: a feed and a listing page
        may both carry it, under different ids.
        """
        if source is not None:
            return newest_first(self.state(source).articles)
        return newest_first(self.every_article())

    def every_article(self) -> list[Article]:
        """What :meth:`articles` lists for every source, in no particular order (quicker)."""
        seen: dict[str, Article] = {}
        for s in self.sources:
            for article in self.state(s).articles:
                seen.setdefault(article.url, article)
        return list(seen.values())

    # -- articles ------------------------------------------------------------

    def cached_body(self, url: str) -> ArticleBody | None:
        """An article already extracted in this session (prefetched or read before)."""
        return self._bodies.get(url)

    async def article(self, target: Article | str, *, force: bool = False) -> ArticleBody:
        """The full article behind ``target``.

        When the page cannot be fetched or read, the feed's summary is shown with a
        one-line notice; :class:`FetchError` only when there is nothing at all to show.
        """
        url = target if isinstance(target, str) else target.url
        if not force and (body := self._bodies.get(url)) is not None:
            return body
        try:
            fetched = await self.client.get(url, "page", force=force)
            body = await asyncio.to_thread(self._extract, fetched)
            body.notice = stale_notice(fetched) or body.notice
        except (FetchError, ParseError) as error:
            body = self._fallback(target, url, error)
        else:
            if self.library is not None and (body.blocks or body.lead):
                await asyncio.to_thread(self.library.save_body, body)
        self._bodies[url] = body
        return body

    def _extract(self, fetched: Fetched) -> ArticleBody:
        from tui.extract import extract_article

        return extract_article(fetched.content, fetched.url, fetched.content_type)

    def _fallback(self, target: Article | str, url: str, error: VnNewsError) -> ArticleBody:
        if self.library is not None and (saved := self.library.body(url)) is not None:
            offline = isinstance(error, OfflineError)
            saved.notice = "offline: the saved copy" if offline else f"{error} — the saved copy"
            return saved
        article = target if isinstance(target, Article) else self.known_article(url)
        if article is None:
            raise error if isinstance(error, FetchError) else FetchError(url, str(error))
        return summary_body(article, f"{error} — showing the feed's summary")

    def known_article(self, url: str) -> Article | None:
        """The feed entry seen for ``url`` in this session, if any."""
        return self._articles_by_url.get(url)

    async def prefetch(self, urls: Sequence[str]) -> None:
        """Fetch and extract ``urls`` in the background so opening them is instant."""
        for url in urls:
            if url not in self._bodies:
                try:
                    await self.article(url)
                except VnNewsError:
                    continue

    # -- related articles ----------------------------------------------------

    def by_author(self, name: str, body: ArticleBody | None = None) -> list[Article]:
        """Every known article by ``name`` (folded match), plus the page's "same author" list."""
        return self._related(name, "authors", body.same_author if body else ())

    def by_category(self, name: str, body: ArticleBody | None = None) -> list[Article]:
        """Every known article in category ``name``, plus the page's "same category" list."""
        return self._related(name, "categories", body.same_category if body else ())

    def _related(
        self, name: str, attribute: Literal["authors", "categories"], links: Iterable[Link]
    ) -> list[Article]:
        wanted = fold(name)
        found: dict[str, Article] = {}
        for link in links:
            article = self.known_article(link.url) or Article(
                id=link.url, url=link.url, title=link.title
            )
            found.setdefault(article.url, article)
        candidates = list(self._articles.values())
        if self.library is not None:
            lookup = self.library.by_author if attribute == "authors" else self.library.by_category
            candidates += lookup(name)
        for article in candidates:
            if any(fold(value) == wanted for value in getattr(article, attribute)):
                found.setdefault(article.url, article)
        return newest_first(found.values())

    async def aclose(self) -> None:
        await self.client.aclose()
