"""The one HTTP client of vnnews: httpx behind a disk cache, with revalidation and safety caps."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import socket
import time
import zlib
from collections.abc import AsyncIterator, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, TypeVar
from urllib.parse import urljoin, urlsplit

import httpx

from tui import __version__, paths
from tui.config import DEFAULT_TTLS
from tui.errors import FetchError, OfflineError, TooLargeError, UnsafeURLError
from tui.httpcache import ByteStore
from tui.models import Fetched
from tui.sanitize import clean_line

Kind = Literal["feed", "page", "image"]

MB = 1024 * 1024
DEFAULT_MAX_BYTES: Mapping[Kind, int] = {"feed": 20 * MB, "page": 10 * MB, "image": 10 * MB}
USER_AGENT = f"vnnews/{__version__} (+terminal news reader)"
MAX_REDIRECTS = 5
MAX_CONNECTIONS = 16
MAX_PER_HOST = 4
CACHE_TIMEOUT = 2.0
"""Seconds to wait for a cache locked by another process before working without it."""
MAX_BACKOFF = 86400.0
"""A server's Retry-After or a feed's <ttl> can hold a URL back for a day at most."""

_SAFE_SCHEMES = ("http", "https")
_COMPRESSED = frozenset({"gzip", "x-gzip", "deflate"})

logger = logging.getLogger(__name__)
T = TypeVar("T")


class CachedClient:
    """Fetch feeds, pages and images through one httpx client and one shared disk cache.

    A copy younger than its kind's TTL is served without a request; an older one
    is revalidated (ETag / Last-Modified); when the network fails, the old copy is
    served with ``stale=True``.
    """

    def __init__(
        self,
        cache_dir: Path | None = None,
        *,
        offline: bool = False,
        ttls: Mapping[str, float] | None = None,
        deadline: float = 30.0,
        connect_timeout: float = 5.0,
        read_timeout: float = 15.0,
        max_bytes: Mapping[Kind, int] | None = None,
        cache_timeout: float = CACHE_TIMEOUT,
    ) -> None:
        self.offline = offline
        self.warnings: list[str] = []
        self._ttls: dict[str, float] = {**DEFAULT_TTLS, **(ttls or {})}
        self._max_bytes = {**DEFAULT_MAX_BYTES, **(max_bytes or {})}
        self._deadline = deadline
        self._connect_timeout = connect_timeout
        self._read_timeout = read_timeout
        self._store = ByteStore(Path(cache_dir or paths.cache_dir()), cache_timeout, self._warn)
        self._http = httpx.AsyncClient(
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(read_timeout, connect=connect_timeout, pool=deadline),
            limits=httpx.Limits(max_connections=MAX_CONNECTIONS),
            follow_redirects=False,
            event_hooks={"response": [_refuse_unsafe_redirect]},
        )
        self._host_slots: dict[str, asyncio.Semaphore] = {}
        self._in_flight: dict[tuple[str, Kind], asyncio.Task[Fetched]] = {}

    async def __aenter__(self) -> CachedClient:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Stop the requests in flight (their entries are not written) and close the cache."""
        tasks = list(self._in_flight.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await self._http.aclose()
        self._store.close()

    # -- reading -------------------------------------------------------------

    async def get(self, url: str, kind: Kind = "page", *, force: bool = False) -> Fetched:
        """The bytes at ``url``: from the cache while fresh, else from the network.

        ``force`` skips the fresh-copy shortcut (the copy is still revalidated).
        Raises FetchError (or a subclass) when there is nothing to show.
        """
        _host_of(url)
        entry = await asyncio.to_thread(self._load, url)
        if self.offline:
            if entry is None:
                raise OfflineError(url, f"not in the cache (offline): {clean_line(url)}")
            return entry.fetched()
        if entry is not None and not force and entry.age < max(self._ttls[kind], entry.min_ttl):
            return entry.fetched()
        key = (url, kind)
        task = self._in_flight.get(key)
        if task is None:
            task = asyncio.create_task(self._refresh(url, kind, entry))
            self._in_flight[key] = task
            task.add_done_callback(lambda done: self._forget(key, done))
        # One caller giving up (a closed screen) must not cancel the others' request.
        return await asyncio.shield(task)

    def cached(self, url: str) -> Fetched | None:
        """The cached copy of ``url`` at any age, without touching the network."""
        entry = self._load(url)
        return entry.fetched() if entry is not None else None

    def set_min_ttl(self, url: str, seconds: float) -> None:
        """Keep ``url`` fresh for at least ``seconds`` (a feed's own <ttl>); kept in its entry."""
        entry = self._load(url)
        seconds = min(float(seconds), MAX_BACKOFF)
        if entry is not None and entry.min_ttl != seconds:
            self._store.write(_entry_key(url), replace(entry, min_ttl=seconds).to_bytes())

    # -- network -------------------------------------------------------------

    async def _refresh(self, url: str, kind: Kind, entry: _Entry | None) -> Fetched:
        backoff = await asyncio.to_thread(self._load_backoff, url)
        if backoff is not None:
            return _stale_or_raise(url, entry, backoff)
        try:
            fresh = await self._download(url, kind, entry)
        except _Unavailable as problem:
            if problem.retry_after is not None:
                await asyncio.to_thread(self._save_backoff, url, str(problem), problem.retry_after)
            return _stale_or_raise(url, entry, str(problem))
        await asyncio.to_thread(self._store.write, _entry_key(url), fresh.to_bytes())
        # A 304 keeps the cached body: the bytes come from the cache, confirmed current.
        revalidated = entry is not None and fresh.content is entry.content
        return fresh.fetched(from_cache=revalidated)

    async def _download(self, url: str, kind: Kind, entry: _Entry | None) -> _Entry:
        """Fetch ``url``, following at most MAX_REDIRECTS redirects, within the deadline."""
        target, host = url, _host_of(url)
        try:
            async with asyncio.timeout(self._deadline):
                for _ in range(MAX_REDIRECTS + 1):
                    outcome = await self._hop(target, host, kind, entry)
                    if isinstance(outcome, _Entry):
                        return outcome
                    target, host = outcome, _host_of(outcome)
        except TimeoutError:
            raise _Unavailable(
                f"could not reach {host}: timed out after {self._deadline:g} s"
            ) from None
        except httpx.InvalidURL:
            raise FetchError(url, f"not a valid address: {clean_line(target)}") from None
        except httpx.TransportError as error:
            raise _Unavailable(f"could not reach {host}: {self._reason(error)}") from None
        raise FetchError(
            url, f"{host} redirected more than {MAX_REDIRECTS} times: {clean_line(url)}"
        )

    async def _hop(self, url: str, host: str, kind: Kind, entry: _Entry | None) -> _Entry | str:
        """One request: the new or revalidated entry, or the URL a redirect points to."""
        async with (
            self._host_slot(host),
            self._http.stream("GET", url, headers=_validators(entry)) as response,
        ):
            status = response.status_code
            if response.has_redirect_location:
                return _redirect_target(url, response.headers["location"])
            if status == 304 and entry is not None:
                return replace(
                    entry,
                    fetched_at=time.time(),
                    etag=response.headers.get("etag", entry.etag),
                    last_modified=response.headers.get("last-modified", entry.last_modified),
                )
            if 200 <= status < 300:
                limit = self._max_bytes[kind]
                too_large = f"{kind} at {host} is larger than {_size(limit)}"
                return _Entry(
                    url=str(response.url),
                    content=await _read_capped(response, host, limit, too_large),
                    content_type=clean_line(response.headers.get("content-type", "")),
                    fetched_at=time.time(),
                    etag=response.headers.get("etag"),
                    last_modified=response.headers.get("last-modified"),
                )
            message = f"{host} answered {status} {clean_line(response.reason_phrase)}".rstrip()
            if status >= 500 or status == 429:
                retry_after = _retry_after(response.headers.get("retry-after"))
                raise _Unavailable(message, retry_after if status in (429, 503) else None)
            raise FetchError(url, message)

    @contextlib.asynccontextmanager
    async def _host_slot(self, host: str) -> AsyncIterator[None]:
        slot = self._host_slots.setdefault(host, asyncio.Semaphore(MAX_PER_HOST))
        async with slot:
            yield

    def _reason(self, error: httpx.TransportError) -> str:
        """What went wrong on the wire, in a few words."""
        if isinstance(error, httpx.ConnectTimeout):
            return f"timed out after {self._connect_timeout:g} s"
        if isinstance(error, httpx.TimeoutException):
            return f"timed out after {self._read_timeout:g} s"
        for cause in _causes(error):
            if isinstance(cause, socket.gaierror):
                return "name not found (DNS)"
            if isinstance(cause, ConnectionRefusedError):
                return "connection refused"
            if isinstance(cause, ConnectionResetError):
                return "connection reset"
        return clean_line(str(error)).rstrip(".").lower() or type(error).__name__

    def _forget(self, key: tuple[str, Kind], task: asyncio.Task[Fetched]) -> None:
        if self._in_flight.get(key) is task:
            del self._in_flight[key]
        if not task.cancelled():
            task.exception()  # retrieved here, so that no waiter left is not an error

    # -- cache entries -------------------------------------------------------

    def _load(self, url: str) -> _Entry | None:
        key = _entry_key(url)
        data = self._store.read(key)
        if data is None:
            return None
        try:
            return _Entry.from_bytes(data)
        except ValueError:
            self._warn(f"dropped an unreadable cache entry for {clean_line(url)}")
            self._store.delete(key)
            return None

    def _load_backoff(self, url: str) -> str | None:
        """Why ``url`` must not be asked again yet (a Retry-After still running), if it must not."""
        data = self._store.read(_backoff_key(url))
        try:
            record = json.loads(data) if data is not None else None
            remaining = round(float(record["until"]) - time.time()) if record else 0
            reason = clean_line(str(record["reason"])) if record else ""
        except (ValueError, TypeError, KeyError):
            return None
        return f"{reason}; not asking again for {remaining} s" if remaining > 0 else None

    def _save_backoff(self, url: str, reason: str, seconds: float) -> None:
        record = json.dumps({"until": time.time() + seconds, "reason": reason}).encode()
        self._store.write(_backoff_key(url), record, expire=seconds)

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)
            logger.warning(message)


@dataclass(frozen=True, slots=True)
class _Entry:
    """One cached response, stored as a line of JSON, a newline, then the body bytes."""

    url: str
    content: bytes
    content_type: str
    fetched_at: float
    etag: str | None = None
    last_modified: str | None = None
    min_ttl: float = 0.0

    @property
    def age(self) -> float:
        return time.time() - self.fetched_at

    def fetched(
        self, *, from_cache: bool = True, stale: bool = False, error: str | None = None
    ) -> Fetched:
        return Fetched(
            url=self.url,
            content=self.content,
            content_type=self.content_type,
            fetched_at=datetime.fromtimestamp(self.fetched_at, UTC),
            from_cache=from_cache,
            stale=stale,
            error=error,
        )

    def to_bytes(self) -> bytes:
        header = {
            "url": self.url,
            "content_type": self.content_type,
            "fetched_at": self.fetched_at,
            "etag": self.etag,
            "last_modified": self.last_modified,
            "min_ttl": self.min_ttl,
        }
        return json.dumps(header).encode() + b"\n" + self.content

    @classmethod
    def from_bytes(cls, data: bytes) -> _Entry:
        """Raises ValueError when ``data`` is not an entry this module wrote."""
        line, separator, content = data.partition(b"\n")
        try:
            if not separator:
                raise ValueError("no header line")
            header = json.loads(line)
            return cls(
                url=str(header["url"]),
                content=content,
                content_type=str(header["content_type"]),
                fetched_at=float(header["fetched_at"]),
                etag=_optional_str(header["etag"]),
                last_modified=_optional_str(header["last_modified"]),
                min_ttl=float(header["min_ttl"]),
            )
        except (TypeError, KeyError, ValueError) as error:
            raise ValueError("not a cache entry") from error


def _optional_str(value: Any) -> str | None:
    return None if value is None else str(value)


class _Unavailable(Exception):
    """The network or the server failed; a stale copy may stand in."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def _stale_or_raise(url: str, entry: _Entry | None, reason: str) -> Fetched:
    if entry is None:
        raise FetchError(url, reason)
    return entry.fetched(stale=True, error=reason)


def _host_of(url: str) -> str:
    """The host of an http(s) URL; any other scheme raises UnsafeURLError."""
    try:
        parts = urlsplit(url)
    except ValueError:
        raise FetchError(url, f"not a valid address: {clean_line(url)}") from None
    if parts.scheme.lower() not in _SAFE_SCHEMES:
        raise UnsafeURLError(url, f"vnnews opens only http and https addresses: {clean_line(url)}")
    if not parts.hostname:
        raise FetchError(url, f"not a valid address: {clean_line(url)}")
    return clean_line(parts.hostname)


async def _refuse_unsafe_redirect(response: httpx.Response) -> None:
    """Check a redirect before httpx parses its Location (even with follow_redirects off)."""
    if response.has_redirect_location:
        _redirect_target(str(response.request.url), response.headers["location"])


def _redirect_target(url: str, location: str) -> str:
    """Where a redirect from ``url`` leads; only an http(s) address is accepted."""
    host = _host_of(url)
    target = urljoin(url, location.strip())
    scheme = urlsplit(target).scheme.lower()
    if scheme not in _SAFE_SCHEMES:
        shown = clean_line(scheme) or "non-web"
        raise UnsafeURLError(
            url, f"{host} redirected to a {shown}: address, which vnnews does not open"
        )
    try:
        httpx.URL(target)
    except httpx.InvalidURL:
        raise FetchError(
            url, f"{host} redirected to an invalid address: {clean_line(target)}"
        ) from None
    return target


def _validators(entry: _Entry | None) -> dict[str, str]:
    """Conditional headers; a stored value that is not printable ASCII cannot be sent back."""
    if entry is None:
        return {}
    pairs = {"If-None-Match": entry.etag, "If-Modified-Since": entry.last_modified}
    return {
        name: value
        for name, value in pairs.items()
        if value and value.isascii() and value.isprintable()
    }


async def _read_capped(response: httpx.Response, host: str, limit: int, too_large: str) -> bytes:
    """The decompressed body; stops as soon as it grows past ``limit`` (so does a gzip bomb)."""
    url = str(response.url)
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if encoding not in _COMPRESSED and encoding != "identity":
        raise FetchError(url, f"{host} sent an unknown encoding: {clean_line(encoding)}")
    declared = response.headers.get("content-length", "")
    if encoding == "identity" and declared.isdigit() and int(declared) > limit:
        raise TooLargeError(url, too_large)
    # wbits 32 + MAX_WBITS reads both gzip and zlib ("deflate") streams.
    inflater = zlib.decompressobj(32 + zlib.MAX_WBITS) if encoding in _COMPRESSED else None
    body = bytearray()
    try:
        async for chunk in response.aiter_raw():
            if inflater is None:
                body += chunk
            while inflater is not None and chunk and len(body) <= limit:
                body += inflater.decompress(chunk, limit + 1 - len(body))
                chunk = inflater.unconsumed_tail
            if len(body) > limit:
                raise TooLargeError(url, too_large)
    except zlib.error:
        raise _Unavailable(f"{host} sent a damaged compressed body") from None
    return bytes(body)


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (a number or an HTTP date), at most MAX_BACKOFF."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        seconds = float(value)
    else:
        try:
            seconds = parsedate_to_datetime(value).timestamp() - time.time()
        except (TypeError, ValueError):
            return None
    return min(seconds, MAX_BACKOFF) if seconds > 0 else None


def _causes(error: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _size(n: int) -> str:
    if n >= MB and n % MB == 0:
        return f"{n // MB} MB"
    if n >= 1024 and n % 1024 == 0:
        return f"{n // 1024} kB"
    return f"{n} bytes"


def _entry_key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()


def _backoff_key(url: str) -> str:
    return "retry-after:" + _entry_key(url)
