"""Following a URL from the app: what it turns out to be, and the config file's subscriptions.

A URL is a feed, or a web page that announces feeds (``<link rel="alternate">``) and may
itself be followed for its article links. Subscriptions are changed by reading the file
afresh, so that options given on the command line (a theme) are never written into it.
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tui.config import clean_url, load_config, save_config
from tui.errors import ParseError
from tui.models import Fetched, Link, Source
from tui.news import is_feed
from tui.sources import normalize_language

if TYPE_CHECKING:
    from tui.client import CachedClient

_CONFIG_LOCK = threading.Lock()
"""One change of the config file at a time: each one reads, changes and writes it."""


@dataclass(frozen=True, slots=True)
class Found:
    """What a URL turned out to be."""

    source: Source | None
    """The URL itself as a subscription: a feed, or a page followed for its article links
    (``None`` for a page that links to no article)."""
    feeds: tuple[Link, ...] = ()
    """The feeds a web page announces."""


def typed_url(text: str) -> str | None:
    """What a person typed, as an http(s) URL: "vnexpress.net" means https://vnexpress.net."""
    text = text.strip()
    if any(char.isspace() for char in text):
        return None
    if text and "://" not in text:
        text = "https://" + text
    return clean_url(text)


async def probe(client: CachedClient, url: str) -> Found:
    """Fetch ``url`` and tell what it is; :class:`ParseError` when nothing there can be followed.

    Network errors are raised as :class:`~tui.errors.FetchError`.
    """
    fetched = await client.get(url, "feed")
    return await asyncio.to_thread(classify, fetched)


def classify(fetched: Fetched) -> Found:
    """A feed, or a web page with the feeds it announces (CPU work: call it in a thread)."""
    from tui.extract import extract_listing, looks_like_html
    from tui.feeds import parse_feed
    from tui.subscriptions import discover_feeds

    if is_feed(fetched):
        feed = parse_feed(fetched.content, fetched.url, fetched.content_type)
        if feed.warning and not feed.articles:
            raise ParseError(f"not a feed vnnews can read: {feed.warning}")
        language = normalize_language(feed.language)
        return Found(Source(fetched.url, title=feed.title, language=language, kind="feed"))
    if not looks_like_html(fetched.content, fetched.content_type):
        kind = fetched.content_type.split(";")[0].strip() or "unknown content"
        raise ParseError(f"neither a feed nor a web page ({kind})")
    feeds = tuple(discover_feeds(fetched.content, fetched.url, fetched.content_type))
    listing = extract_listing(fetched.content, fetched.url, fetched.content_type)
    if not feeds and not listing.articles:
        raise ParseError("this page announces no feed and links to no article")
    language = normalize_language(listing.language)
    page = Source(fetched.url, title=listing.title, language=language, kind="page")
    return Found(page if listing.articles else None, feeds)


def add_subscription(path: Path, source: Source) -> None:
    """Append ``source`` to the config file's subscriptions (the defaults, if it has none yet)."""
    with _CONFIG_LOCK:
        config = load_config(path)
        sources = config.sources()
        if all(known.url != source.url for known in sources):
            config.subscriptions = [*sources, source]
            save_config(config)


def remove_subscription(path: Path, url: str) -> None:
    """Remove the subscription to ``url`` from the config file."""
    with _CONFIG_LOCK:
        config = load_config(path)
        config.subscriptions = [source for source in config.sources() if source.url != url]
        save_config(config)
