"""The benchmark's feed server: tui.localserver.LocalSite plus a per-response delay."""

from __future__ import annotations

import gzip
import time
from dataclasses import dataclass

from bench import data
from tui.localserver import LocalSite, _Handler

FEED_TYPE = "application/rss+xml; charset=utf-8"
PAGE_TYPE = "text/html; charset=utf-8"


@dataclass(frozen=True, slots=True)
class Traffic:
    """What the server answered over a stretch of time, read from its request log."""

    requests: int
    conditional: int
    """Requests carrying If-None-Match or If-Modified-Since: with unchanged resources, 304s."""

    def __str__(self) -> str:
        return f"{self.requests} requests, {self.conditional} conditional"


class BenchSite(LocalSite):
    """A LocalSite (127.0.0.1, keep-alive, ETag/Last-Modified → 304, TCP_NODELAY, request log)
    whose every answer first waits ``delay`` seconds, as a distant server would.

    The server runs a thread per connection, so the waits of concurrent requests overlap
    the way network latency does. Bodies are stored gzipped once, rather than compressed
    per request, so that the server's own CPU time stays out of the clients' figures; both
    clients measured here send ``Accept-Encoding: gzip``.
    """

    def __init__(self, delay: float = 0.0) -> None:
        super().__init__()
        self.delay = delay

    def respond(self, handler: _Handler) -> None:
        if self.delay > 0:
            time.sleep(self.delay)
        super().respond(handler)

    def add_gzipped(self, path: str, body: bytes, content_type: str) -> str:
        return self.add(
            path,
            gzip.compress(body, compresslevel=6),
            content_type,
            headers={"Content-Encoding": "gzip", "Vary": "Accept-Encoding"},
        )

    @property
    def base_url(self) -> str:
        return self.url("")

    def publish_feeds(self, feeds: int, items: int, *, newer: int = 0) -> list[str]:
        """Serve ``feeds`` generated feeds of ``items`` items; returns their URLs.

        ``newer`` publishes a later version of each feed, with that many new items on top.
        """
        base = self.base_url
        return [
            self.add_gzipped(
                data.feed_path(feed), data.feed_xml(feed, items, base, newer=newer), FEED_TYPE
            )
            for feed in range(feeds)
        ]

    def publish_pages(self, feed: int, numbers: range) -> list[str]:
        """Serve the article pages of items ``numbers`` of feed ``feed``; returns their URLs."""
        return [
            self.add_gzipped(
                data.item(feed, number).path, data.article_page(feed, number), PAGE_TYPE
            )
            for number in numbers
        ]

    def mark(self) -> int:
        """A position in the request log, for :meth:`traffic_since`."""
        with self._lock:
            return len(self.requests)

    def traffic_since(self, mark: int) -> Traffic:
        with self._lock:
            records = self.requests[mark:]
        conditional = sum(
            1
            for record in records
            if {"if-none-match", "if-modified-since"} & record.headers.keys()
        )
        return Traffic(len(records), conditional)
