"""CachedClient against a real HTTP server on 127.0.0.1 and a real cache directory."""

from __future__ import annotations

import asyncio
import hashlib
import pickle
import re
import socket
import sqlite3
import stat
import threading
from collections.abc import AsyncIterator
from pathlib import Path

import diskcache
import pytest

from tests.fixture_site import FixtureSite
from tui import __version__
from tui.client import CachedClient
from tui.errors import FetchError, OfflineError, TooLargeError, UnsafeURLError
from tui.localserver import _Handler

FEED = b"<?xml version='1.0'?><rss version='2.0'><channel><title>Tin</title></channel></rss>"


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache"


@pytest.fixture
async def client(cache_dir: Path) -> AsyncIterator[CachedClient]:
    async with CachedClient(cache_dir) as client:
        yield client


def add_feed(site: FixtureSite, path: str = "/feed.xml", body: bytes = FEED) -> str:
    return site.add(path, body, "application/rss+xml")


def dead_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def entry_key(url: str) -> str:
    return hashlib.sha256(url.encode()).hexdigest()


# -- fresh copies and revalidation ---------------------------------------------


async def test_fresh_copy_is_served_without_a_request(site: FixtureSite, client: CachedClient):
    url = add_feed(site)

    first = await client.get(url, "feed")
    second = await client.get(url, "feed")

    assert site.hits("/feed.xml") == 1
    assert (first.content, first.from_cache) == (FEED, False)
    assert (second.content, second.from_cache, second.stale) == (FEED, True, False)
    assert second.fetched_at == first.fetched_at
    assert second.content_type == "application/rss+xml"
    assert site.requests[0].headers["user-agent"] == f"vnnews/{__version__} (+terminal news reader)"


async def test_old_copy_is_revalidated_and_a_304_refreshes_it(site: FixtureSite, cache_dir: Path):
    url = add_feed(site)
    async with CachedClient(cache_dir, ttls={"feed": 0}) as client:
        first = await client.get(url, "feed")
        second = await client.get(url, "feed")
        stored = client.cached(url)

    assert site.hits("/feed.xml") == 2
    assert "if-none-match" not in site.requests[0].headers
    validators = site.requests[1].headers
    assert validators["if-none-match"].startswith('"')
    assert validators["if-modified-since"] == site.last_modified
    # Only a 304 gives back the cached body with from_cache set.
    assert (second.content, second.from_cache, second.stale) == (FEED, True, False)
    assert second.fetched_at > first.fetched_at
    assert stored is not None and stored.fetched_at == second.fetched_at


async def test_changed_resource_is_downloaded_again(site: FixtureSite, cache_dir: Path):
    url = add_feed(site)
    async with CachedClient(cache_dir, ttls={"feed": 0}) as client:
        await client.get(url, "feed")
        add_feed(site, body=FEED.replace(b"Tin", b"News"))
        fetched = await client.get(url, "feed")

    assert b"News" in fetched.content
    assert fetched.from_cache is False


async def test_force_skips_the_fresh_copy_but_still_revalidates(
    site: FixtureSite, client: CachedClient
):
    url = add_feed(site)
    await client.get(url, "feed")

    forced = await client.get(url, "feed", force=True)

    assert site.hits("/feed.xml") == 2
    assert "if-none-match" in site.requests[1].headers
    assert forced.from_cache is True


async def test_a_feeds_own_ttl_keeps_it_fresh_across_processes(site: FixtureSite, cache_dir: Path):
    url = add_feed(site)
    async with CachedClient(cache_dir, ttls={"feed": 0}) as client:
        await client.get(url, "feed")
        client.set_min_ttl(url, 3600)
        await client.get(url, "feed")
    async with CachedClient(cache_dir, ttls={"feed": 0}) as other:
        again = await other.get(url, "feed")

    assert site.hits("/feed.xml") == 1
    assert again.from_cache is True


async def test_gzip_bodies_are_decoded(site: FixtureSite, client: CachedClient):
    body = b"<html><body>" + "Tin tức".encode() * 2000 + b"</body></html>"
    url = site.add("/zipped.html", body, gzip=True)

    fetched = await client.get(url)

    assert fetched.content == body
    assert "gzip" in site.requests[0].headers["accept-encoding"]


async def test_validators_that_cannot_be_sent_back_are_left_out(site: FixtureSite, cache_dir: Path):
    url = site.add("/odd.xml", FEED, "application/rss+xml", headers={"ETag": '"café"'})
    async with CachedClient(cache_dir, ttls={"feed": 0}) as client:
        await client.get(url, "feed")
        again = await client.get(url, "feed")

    assert "if-none-match" not in site.requests[1].headers
    assert site.requests[1].headers["if-modified-since"] == site.last_modified
    assert again.content == FEED and again.from_cache


# -- failures --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("failure", "error"),
    [
        ("stop", r"could not reach 127\.0\.0\.1: connection refused$"),
        ("500", r"127\.0\.0\.1 answered 500 Internal Server Error$"),
        ("reset", r"could not reach 127\.0\.0\.1: (connection reset|server disconnected)"),
    ],
)
async def test_stale_copy_is_served_when_the_site_fails(
    site: FixtureSite, cache_dir: Path, failure: str, error: str
):
    url = add_feed(site)
    async with CachedClient(cache_dir) as client:
        first = await client.get(url, "feed")
    if failure == "stop":
        site.stop()
    else:
        site.fail("/feed.xml", failure)
    async with CachedClient(cache_dir, ttls={"feed": 0}) as client:
        fetched = await client.get(url, "feed")

    assert (fetched.content, fetched.stale, fetched.from_cache) == (FEED, True, True)
    assert fetched.error is not None and re.match(error, fetched.error)
    assert "\n" not in fetched.error
    assert fetched.fetched_at == first.fetched_at


async def test_no_copy_and_no_server_says_what_happened(client: CachedClient):
    with pytest.raises(FetchError) as caught:
        await client.get(f"http://127.0.0.1:{dead_port()}/feed.xml", "feed")

    assert str(caught.value) == "could not reach 127.0.0.1: connection refused"


async def test_unknown_host_says_so(client: CachedClient, monkeypatch: pytest.MonkeyPatch):
    resolve = socket.getaddrinfo

    def offline_dns(host: object, *args: object, **kwargs: object) -> object:
        if host == "vnexpress.invalid":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return resolve(host, *args, **kwargs)  # type: ignore[arg-type]

    # The tests never leave 127.0.0.1, so the resolver's answer is played here.
    monkeypatch.setattr(socket, "getaddrinfo", offline_dns)

    with pytest.raises(
        FetchError, match=r"^could not reach vnexpress\.invalid: name not found \(DNS\)$"
    ):
        await client.get("http://vnexpress.invalid/rss/tin-moi-nhat.rss", "feed")


async def test_no_copy_and_a_server_error_says_what_the_server_answered(
    site: FixtureSite, client: CachedClient
):
    site.fail("/feed.xml", "503")

    with pytest.raises(FetchError, match=r"^127\.0\.0\.1 answered 503 Service Unavailable$"):
        await client.get(site.url("/feed.xml"), "feed")


async def test_a_server_that_never_answers_times_out(site: FixtureSite, cache_dir: Path):
    site.fail("/feed.xml", "hang")
    async with CachedClient(cache_dir, read_timeout=0.3) as client:
        with pytest.raises(
            FetchError, match=r"^could not reach 127\.0\.0\.1: timed out after 0\.3 s$"
        ):
            await client.get(site.url("/feed.xml"), "feed")


async def test_a_trickling_server_is_cut_off_at_the_deadline(site: FixtureSite, cache_dir: Path):
    site.fail("/feed.xml", "trickle")
    async with CachedClient(cache_dir, deadline=0.5) as client:
        with pytest.raises(FetchError, match=r"timed out after 0\.5 s$"):
            await client.get(site.url("/feed.xml"), "feed")


async def test_hostile_reason_phrase_is_cleaned(client: CachedClient):
    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(
            b"HTTP/1.1 503 \x1b]0;owned\x07Busy \x1b[31mnow\x1b[0m\r\n"
            b"Content-Length: 0\r\nConnection: close\r\n\r\n"
        )
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(answer, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        with pytest.raises(FetchError) as caught:
            await client.get(f"http://127.0.0.1:{port}/", "page")

    assert str(caught.value) == "127.0.0.1 answered 503 Busy now"


async def test_retry_after_keeps_the_url_quiet_and_serves_the_copy(
    site: FixtureSite, cache_dir: Path
):
    url = add_feed(site)
    async with CachedClient(cache_dir, ttls={"feed": 0}) as client:
        await client.get(url, "feed")
        site.fail("/feed.xml", "429")
        limited = await client.get(url, "feed")
        site.heal("/feed.xml")
        again = await client.get(url, "feed")
    async with CachedClient(cache_dir, ttls={"feed": 0}) as other:
        from_other = await other.get(url, "feed")

    assert site.hits("/feed.xml") == 2
    assert limited.stale and limited.error == "127.0.0.1 answered 429 Too Many Requests"
    for later in (again, from_other):
        assert later.stale and later.content == FEED
        assert later.error is not None
        assert re.fullmatch(
            r"127\.0\.0\.1 answered 429 .*; not asking again for \d+ s", later.error
        )


async def test_retry_after_without_a_copy_raises_without_asking_again(
    site: FixtureSite, client: CachedClient
):
    site.fail("/feed.xml", "503")
    url = site.url("/feed.xml")
    with pytest.raises(FetchError):
        await client.get(url, "feed")
    site.heal("/feed.xml")

    with pytest.raises(FetchError, match="503 Service Unavailable; not asking again"):
        await client.get(url, "feed", force=True)
    assert site.hits("/feed.xml") == 1


# -- offline -----------------------------------------------------------------------


async def test_offline_serves_any_cached_copy_and_never_asks(site: FixtureSite, cache_dir: Path):
    url = add_feed(site)
    async with CachedClient(cache_dir) as online:
        first = await online.get(url, "feed")
    async with CachedClient(cache_dir, offline=True, ttls={"feed": 0}) as offline:
        fetched = await offline.get(url, "feed", force=True)
        with pytest.raises(OfflineError) as caught:
            await offline.get(site.url("/other.xml"), "feed")

    assert (fetched.content, fetched.from_cache, fetched.stale) == (FEED, True, False)
    assert fetched.fetched_at == first.fetched_at
    assert str(caught.value) == f"not in the cache (offline): {site.url('/other.xml')}"
    assert site.hits("/feed.xml") == 1 and site.hits("/other.xml") == 0


async def test_cached_reads_only_the_cache(site: FixtureSite, client: CachedClient):
    url = add_feed(site)
    assert client.cached(url) is None

    await client.get(url, "feed")
    copy = client.cached(url)

    assert copy is not None and copy.content == FEED and copy.from_cache
    assert site.hits("/feed.xml") == 1


# -- concurrency ---------------------------------------------------------------------


async def test_identical_requests_in_flight_become_one(site: FixtureSite, client: CachedClient):
    url = add_feed(site)
    site.fail("/feed.xml", "delay:0.3")

    first, second = await asyncio.gather(client.get(url, "feed"), client.get(url, "feed"))

    assert site.hits("/feed.xml") == 1
    assert first.content == second.content == FEED


class PeakSite(FixtureSite):
    """Remembers the most requests it was answering at the same time."""

    def __init__(self) -> None:
        super().__init__()
        self.active = self.peak = 0
        self._count_lock = threading.Lock()

    def respond(self, handler: _Handler) -> None:
        with self._count_lock:
            self.active += 1
            self.peak = max(self.peak, self.active)
        try:
            super().respond(handler)
        finally:
            with self._count_lock:
                self.active -= 1


async def test_at_most_four_requests_per_host(client: CachedClient):
    site = PeakSite()
    site.start()
    try:
        urls = [site.add(f"/page{n}.html", f"<p>{n}</p>") for n in range(8)]
        for n in range(8):
            site.fail(f"/page{n}.html", "delay:0.2")
        pages = await asyncio.gather(*(client.get(url) for url in urls))
    finally:
        site.stop()

    assert [page.content for page in pages] == [f"<p>{n}</p>".encode() for n in range(8)]
    assert site.peak == 4


async def test_closing_mid_request_writes_nothing(site: FixtureSite, cache_dir: Path):
    url = add_feed(site)
    site.fail("/feed.xml", "delay:0.5")
    client = CachedClient(cache_dir)
    request = asyncio.create_task(client.get(url, "feed"))
    while site.hits("/feed.xml") == 0:
        await asyncio.sleep(0.01)

    await client.aclose()

    with pytest.raises(asyncio.CancelledError):
        await request
    async with CachedClient(cache_dir, offline=True) as offline:
        with pytest.raises(OfflineError):
            await offline.get(url, "feed")


# -- safety ------------------------------------------------------------------------------


async def test_gzip_bomb_stops_at_the_page_cap(site: FixtureSite, client: CachedClient):
    site.fail("/bomb.html", "bomb")

    with pytest.raises(TooLargeError, match=r"^page at 127\.0\.0\.1 is larger than 10 MB$"):
        await client.get(site.url("/bomb.html"), "page")
    assert client.cached(site.url("/bomb.html")) is None


async def test_caps_are_per_kind(site: FixtureSite, cache_dir: Path):
    exact = site.add("/exact.png", b"x" * 1000, "image/png")
    over = site.add("/over.png", b"x" * 1001, "image/png")
    async with CachedClient(cache_dir, max_bytes={"image": 1000}) as client:
        assert len((await client.get(exact, "image")).content) == 1000
        with pytest.raises(
            TooLargeError, match=r"^image at 127\.0\.0\.1 is larger than 1000 bytes$"
        ):
            await client.get(over, "image")
        assert len((await client.get(over, "page")).content) == 1001


async def test_redirects_are_followed_to_the_final_url(site: FixtureSite, client: CachedClient):
    final = add_feed(site)
    site.fail("/old.xml", f"redirect:{final}")

    fetched = await client.get(site.url("/old.xml"), "feed")

    assert fetched.url == final
    assert fetched.content == FEED


@pytest.mark.parametrize("target", ["file:///etc/passwd", "javascript:alert(1)"])
async def test_redirect_to_a_non_web_scheme_is_refused(
    site: FixtureSite, client: CachedClient, target: str
):
    site.fail("/go.html", f"redirect:{target}")
    scheme = target.split(":")[0]

    with pytest.raises(UnsafeURLError) as caught:
        await client.get(site.url("/go.html"))

    assert (
        str(caught.value)
        == f"127.0.0.1 redirected to a {scheme}: address, which vnnews does not open"
    )


async def test_redirect_loops_end(site: FixtureSite, client: CachedClient):
    site.fail("/loop.html", f"redirect:{site.url('/loop.html')}")

    with pytest.raises(FetchError, match="redirected more than 5 times"):
        await client.get(site.url("/loop.html"))
    assert site.hits("/loop.html") == 6


async def test_non_web_urls_are_refused_before_any_request(client: CachedClient):
    with pytest.raises(UnsafeURLError, match="only http and https"):
        await client.get("file:///etc/passwd")


# -- the cache on disk ------------------------------------------------------------------


async def test_cache_directory_is_private(site: FixtureSite, tmp_path: Path):
    loose = tmp_path / "loose"
    loose.mkdir(mode=0o755)
    nested = tmp_path / "new" / "cache"
    for directory in (loose, nested):
        async with CachedClient(directory) as client:
            await client.get(add_feed(site), "feed")
        assert stat.S_IMODE(directory.stat().st_mode) == 0o700


async def test_default_cache_directory_comes_from_the_environment(
    site: FixtureSite, private_dirs: Path
):
    url = add_feed(site)
    async with CachedClient() as client:
        await client.get(url, "feed")

    assert (private_dirs / "cache" / "cache.db").is_file()


async def test_corrupt_cache_is_moved_aside_and_replaced(site: FixtureSite, cache_dir: Path):
    cache_dir.mkdir()
    (cache_dir / "cache.db").write_bytes(b"this is not a database\n" * 200)
    url = add_feed(site)

    async with CachedClient(cache_dir) as client:
        await client.get(url, "feed")
        copy = client.cached(url)
        warnings = list(client.warnings)

    assert copy is not None and copy.content == FEED
    assert len(warnings) == 1 and "moved it to" in warnings[0]
    [aside] = cache_dir.parent.glob("cache.corrupt-*")
    assert (aside / "cache.db").read_bytes().startswith(b"this is not a database")


async def test_cache_corrupted_while_open_is_replaced(site: FixtureSite, cache_dir: Path):
    url = add_feed(site)
    async with CachedClient(cache_dir) as client:
        await client.get(url, "feed")
        (cache_dir / "cache.db").write_bytes(b"garbage\n" * 1000)
        for leftover in cache_dir.glob("cache.db-*"):
            leftover.unlink()

        assert client.cached(url) is None
        fetched = await client.get(url, "feed")

    assert fetched.content == FEED
    assert any("moved it to" in warning for warning in client.warnings)


async def test_locked_cache_is_bypassed(site: FixtureSite, cache_dir: Path):
    url = add_feed(site)
    async with CachedClient(cache_dir) as client:
        await client.get(url, "feed")
    hung = sqlite3.connect(cache_dir / "cache.db", isolation_level=None)
    hung.execute("BEGIN EXCLUSIVE")
    try:
        async with CachedClient(cache_dir, cache_timeout=0.2) as client:
            fetched = await client.get(url, "feed")
            warnings = list(client.warnings)
    finally:
        hung.execute("ROLLBACK")
        hung.close()

    assert fetched.content == FEED
    assert len(warnings) == 1 and "locked" in warnings[0]


async def test_write_to_a_busy_cache_is_skipped(site: FixtureSite, cache_dir: Path):
    url = add_feed(site)
    async with CachedClient(cache_dir, cache_timeout=0.2) as client:
        hung = sqlite3.connect(cache_dir / "cache.db", isolation_level=None)
        hung.execute("BEGIN IMMEDIATE")
        try:
            fetched = await client.get(url, "feed")
        finally:
            hung.execute("ROLLBACK")
            hung.close()

    assert fetched.content == FEED
    assert any("busy" in warning for warning in client.warnings)


class Planted:
    """A pickle that creates ``marker`` when it is unpickled."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (str(self.marker), "w"))


def stored_row(cache_dir: Path, url: str) -> tuple[int, bytes]:
    with sqlite3.connect(cache_dir / "cache.db") as database:
        [row] = database.execute(
            "SELECT mode, value FROM Cache WHERE key = ?", (entry_key(url),)
        ).fetchall()
    return row


def plant_pickle(cache_dir: Path, url: str, marker: Path) -> None:
    """Overwrite the entry of ``url`` the way someone with write access to the cache could."""
    with sqlite3.connect(cache_dir / "cache.db") as database:
        database.execute(
            "UPDATE Cache SET mode = ?, value = ? WHERE key = ?",
            (diskcache.core.MODE_PICKLE, pickle.dumps(Planted(marker)), entry_key(url)),
        )


async def test_cache_values_are_bytes_and_never_unpickled(
    site: FixtureSite, cache_dir: Path, tmp_path: Path
):
    url = add_feed(site)
    marker = tmp_path / "code-ran"
    async with CachedClient(cache_dir) as client:
        await client.get(url, "feed")
    mode, value = stored_row(cache_dir, url)
    assert mode == diskcache.core.MODE_RAW
    assert value.startswith(b'{"url": ') and value.endswith(b"\n" + FEED)

    plant_pickle(cache_dir, url, marker)
    async with CachedClient(cache_dir) as client:
        assert client.cached(url) is None
        refetched = await client.get(url, "feed")
        warnings = list(client.warnings)

    assert not marker.exists()
    assert refetched.content == FEED and not refetched.from_cache
    assert any("not plain bytes" in warning for warning in warnings)
    # The planted row is real: a plain diskcache would run it.
    plant_pickle(cache_dir, url, marker)
    with diskcache.Cache(str(cache_dir)) as plain:
        plain.get(entry_key(url)).close()  # what it returns is the file it opened
    assert marker.exists()
