"""`vnnews sync`, `search`, `import` and `export`, run as a person would, against the local site."""

from __future__ import annotations

import asyncio
import json
import os
import pty
import re
import select
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.fixture_site import FixtureSite
from tests.sync_site import EN_FEED, LISTING, PAGES, VI_FEED, serve_sync_site, write_urls_file
from tui.cli import main
from tui.client import CachedClient
from tui.config import Config, load_config, save_config
from tui.library import Library
from tui.localserver import _Handler
from tui.models import Source
from tui.news import NewsService
from tui.subscriptions import load_subscriptions

ESCAPE = re.compile(r"[\x1b\x9b]")
# What a terminal needs but a reader does not see: CSI sequences and carriage returns.
ESCAPE_SEQUENCE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\r")


@pytest.fixture
def sync_site(site: FixtureSite) -> FixtureSite:
    serve_sync_site(site)
    return site


@pytest.fixture
def urls(tmp_path: Path, sync_site: FixtureSite) -> Path:
    return write_urls_file(tmp_path, sync_site, VI_FEED, EN_FEED)


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    capsys.readouterr()
    code = main(list(argv))
    out = capsys.readouterr().out
    assert code == 0
    return json.loads(out)


def page_requests(site: FixtureSite) -> list[str]:
    return [record.path for record in site.requests if record.path.startswith("/sync/pages/")]


# -- sync, then read offline ---------------------------------------------------------------


def test_sync_then_offline_reads_full_articles_without_cache_or_server(
    sync_site: FixtureSite, urls: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sync", "--feeds", str(urls)]) == 0
    out, err = capsys.readouterr()
    assert (out, err) == ("", "")  # quiet on a pipe, fit for cron
    assert sorted(page_requests(sync_site)) == sorted(PAGES.values())

    page_urls = {name: sync_site.url(path) for name, path in PAGES.items()}
    sync_site.stop()
    shutil.rmtree(os.environ["VNNEWS_CACHE_DIR"])  # the library alone must be enough

    body = run_json(capsys, "read", page_urls["buyt"], "--offline", "--json")
    texts = [block["text"] for block in body["body"]]
    assert body["title"] == "Hà Nội mở thêm tuyến buýt điện đến sân bay Nội Bài"
    assert body["authors"] == ["Ngọc Diệp"]
    assert any("Mỗi xe chở được 60 khách" in text for text in texts)
    assert len(texts) == 4
    for url in page_urls.values():
        assert main(["read", url, "--offline", "--plain"]) == 0
        out = capsys.readouterr().out
        assert "offline: the saved copy" in out
        assert len(out.splitlines()) > 10


async def test_after_sync_the_offline_app_lists_and_opens_every_article(
    sync_site: FixtureSite, urls: Path
) -> None:
    assert await asyncio.to_thread(main, ["sync", "--feeds", str(urls)]) == 0
    sync_site.stop()
    shutil.rmtree(os.environ["VNNEWS_CACHE_DIR"])

    # What `vnnews --offline` builds: the feed list first shows the sources as cached.
    with Library() as library:
        async with CachedClient(offline=True) as client:
            service = NewsService(client, load_subscriptions(urls), library=library)
            states = service.cached_feeds()
            bodies = [await service.article(article) for article in service.articles()]

    assert [len(state.articles) for state in states] == [3, 2]
    assert sorted(body.url for body in bodies) == sorted(map(sync_site.url, PAGES.values()))
    assert all(len(body.blocks) == 4 for body in bodies)


def test_a_second_sync_downloads_only_new_pages(
    sync_site: FixtureSite, urls: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sync", "--feeds", str(urls)]) == 0
    shutil.rmtree(os.environ["VNNEWS_CACHE_DIR"])  # so only the library knows what is saved
    sync_site.requests.clear()

    assert main(["sync", "--feeds", str(urls)]) == 0

    assert page_requests(sync_site) == []
    assert sync_site.hits(VI_FEED) == 1


def test_feeds_only_downloads_no_page(
    sync_site: FixtureSite, urls: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sync", "--feeds-only", "--feeds", str(urls)]) == 0

    assert sync_site.hits(VI_FEED) == 1 and sync_site.hits(EN_FEED) == 1
    assert page_requests(sync_site) == []
    hits = run_json(capsys, "search", "salinity", "--json")
    assert [hit["url"] for hit in hits] == [sync_site.url(PAGES["delta"])]
    sync_site.stop()
    assert main(["read", sync_site.url(PAGES["delta"]), "--offline"]) == 3


def test_a_listing_page_syncs_like_a_feed(
    sync_site: FixtureSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feeds = tmp_path / "subscriptions.toml"
    feeds.write_text(f'[[subscriptions]]\nurl = "{sync_site.url(LISTING)}"\nkind = "page"\n')

    assert main(["sync", "--feeds", str(feeds)]) == 0

    assert sorted(page_requests(sync_site)) == sorted(PAGES.values())


def test_the_subscriptions_of_the_config_are_synced_by_default(
    sync_site: FixtureSite, capsys: pytest.CaptureFixture[str]
) -> None:
    config = load_config()
    config.subscriptions = [Source(sync_site.url(EN_FEED), title="Ledger", kind="feed")]
    save_config(config)

    assert main(["sync"]) == 0

    assert sync_site.hits(EN_FEED) == 1 and sync_site.hits(VI_FEED) == 0
    assert sorted(page_requests(sync_site)) == sorted([PAGES["delta"], PAGES["market"]])


# -- failures ------------------------------------------------------------------------------


def test_a_failing_feed_is_reported_and_the_others_still_sync(
    sync_site: FixtureSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sync_site.fail("/sync/feeds/broken.rss", "500")
    urls = write_urls_file(
        tmp_path, sync_site, VI_FEED, "/sync/feeds/missing.rss", EN_FEED, "/sync/feeds/broken.rss"
    )

    assert main(["sync", "--feeds", str(urls)]) == 0

    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"vnnews: {sync_site.url('/sync/feeds/')}")
    assert any("missing.rss" in line and "404" in line for line in lines)
    assert any("broken.rss" in line and "500" in line for line in lines)
    assert sorted(page_requests(sync_site)) == sorted(PAGES.values())


def test_every_feed_failing_exits_3_with_one_line_each(
    tmp_path: Path, site: FixtureSite, capsys: pytest.CaptureFixture[str]
) -> None:
    urls = write_urls_file(tmp_path, site, "/nothing-here.rss", "/subscriptions/newsboat-urls")

    assert main(["sync", "--feeds", str(urls)]) == 3

    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.splitlines()) == 2
    assert "Traceback" not in err


def test_a_page_that_fails_does_not_stop_the_sync(
    sync_site: FixtureSite, urls: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sync_site.fail(PAGES["pho"], "reset")

    assert main(["sync", "--feeds", str(urls)]) == 0

    assert (capsys.readouterr().err, sync_site.hits(PAGES["pho"])) == ("", 1)
    sync_site.stop()
    shutil.rmtree(os.environ["VNNEWS_CACHE_DIR"])
    assert main(["read", sync_site.url(PAGES["mua"]), "--offline"]) == 0
    assert main(["read", sync_site.url(PAGES["pho"]), "--offline"]) == 3  # nothing was saved


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["sync", "--concurrency", "0"], "must be at least 1"),
        (["sync", "--concurrency", "many"], "not a whole number"),
        (["sync", "--bogus"], "unrecognized arguments"),
    ],
)
def test_sync_usage_errors_exit_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    assert message in capsys.readouterr().err


def test_an_unreadable_feeds_file_exits_3(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sync", "--feeds", str(tmp_path / "absent.opml")]) == 3
    err = capsys.readouterr().err
    assert err.startswith("vnnews: cannot read") and len(err.splitlines()) == 1


# -- concurrency ---------------------------------------------------------------------------


class GatedSite(FixtureSite):
    """Counts the page requests in flight; the first waits (up to 2 s) for a second one."""

    def __init__(self) -> None:
        super().__init__()
        self.active = 0
        self.peak = 0
        self._changed = threading.Condition()

    def respond(self, handler: _Handler) -> None:
        if not handler.path.startswith("/sync/pages/"):
            super().respond(handler)
            return
        with self._changed:
            self.active += 1
            self.peak = max(self.peak, self.active)
            self._changed.notify_all()
            self._changed.wait_for(lambda: self.peak >= 2, timeout=2)
        try:
            time.sleep(0.05)  # long enough for requests sent together to overlap
            super().respond(handler)
        finally:
            with self._changed:
                self.active -= 1


@pytest.fixture
def gated_site() -> Iterator[GatedSite]:
    server = GatedSite()
    server.start()
    serve_sync_site(server)
    try:
        yield server
    finally:
        server.stop()


def test_no_more_than_n_pages_are_downloaded_at_once(
    gated_site: GatedSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    urls = write_urls_file(tmp_path, gated_site, VI_FEED, EN_FEED)

    assert main(["sync", "--feeds", str(urls), "--concurrency", "2"]) == 0

    assert gated_site.peak == 2
    assert sorted(page_requests(gated_site)) == sorted(PAGES.values())


# -- Ctrl-C --------------------------------------------------------------------------------


def test_ctrl_c_stops_cleanly_and_keeps_what_was_fetched(
    sync_site: FixtureSite, urls: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Newest first, one at a time: the bus article is saved, then the delta page hangs.
    sync_site.fail(PAGES["delta"], "hang")
    command = [sys.executable, "-m", "tui.cli", "sync", "--feeds", str(urls), "--concurrency", "1"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 20
        while not sync_site.hits(PAGES["delta"]) and process.poll() is None:
            assert time.monotonic() < deadline, "the sync never reached the hanging page"
            time.sleep(0.02)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=20)
    finally:
        process.kill()

    assert (process.returncode, out) == (130, ""), err
    assert "Traceback" not in err
    assert err.startswith("vnnews: interrupted; kept 2 feeds, 5 articles, 1 new page")
    sync_site.stop()
    shutil.rmtree(os.environ["VNNEWS_CACHE_DIR"])
    assert main(["read", sync_site.url(PAGES["buyt"]), "--offline", "--plain"]) == 0
    hits = run_json(capsys, "search", "mua mien trung", "--json")
    assert [hit["url"] for hit in hits] == [sync_site.url(PAGES["mua"])]


# -- on a terminal ------------------------------------------------------------------------------


def run_in_terminal(*argv: str) -> tuple[int, str]:
    """Run ``vnnews argv`` with stdout and stderr on a pseudo-terminal; its exit code and output."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", *argv],
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=follower,
        env={**os.environ, "COLUMNS": "100", "LINES": "30", "TERM": "xterm-256color"},
    )
    os.close(follower)
    output = bytearray()
    try:
        while True:
            ready, _, _ = select.select([leader], [], [], 20)
            if not ready:
                break
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closes with the process
                break
            if not chunk:
                break
            output += chunk
        code = process.wait(timeout=20)
    finally:
        process.kill()
        os.close(leader)
    return code, output.decode("utf-8", "replace")


def test_on_a_terminal_sync_ends_with_a_summary_and_search_highlights(
    sync_site: FixtureSite, tmp_path: Path
) -> None:
    urls = write_urls_file(tmp_path, sync_site, VI_FEED, "/sync/feeds/missing.rss", EN_FEED)

    code, output = run_in_terminal("sync", "--feeds", str(urls))

    assert code == 0
    lines = ESCAPE_SEQUENCE.sub("", output).splitlines()
    assert any("missing.rss" in line and "404" in line for line in lines)
    assert lines[-1].strip() == "3 feeds (1 failed), 5 articles, 5 new pages"

    code, output = run_in_terminal("search", "ha noi")

    assert code == 0
    assert "Hà Nội mở thêm tuyến buýt điện" in ESCAPE_SEQUENCE.sub("", output)
    highlighted = re.findall(r"\x1b\[[0-9;]*m(Hà|Nội)\x1b\[0m", output)
    assert {"Hà", "Nội"} <= set(highlighted)


# -- search --------------------------------------------------------------------------------


@pytest.fixture
def synced(sync_site: FixtureSite, urls: Path, capsys: pytest.CaptureFixture[str]) -> FixtureSite:
    assert main(["sync", "--feeds", str(urls)]) == 0
    capsys.readouterr()
    return sync_site


def test_search_ignores_diacritics(synced: FixtureSite, capsys: pytest.CaptureFixture[str]):
    for query in ("ha noi", "Hà Nội", "HA NOI"):
        hits = run_json(capsys, "search", query, "--json")
        assert hits[0] == {
            "id": synced.url(PAGES["buyt"]),
            "title": "Hà Nội mở thêm tuyến buýt điện đến sân bay Nội Bài",
            "url": synced.url(PAGES["buyt"]),
            "published": "2025-11-26T18:00:00+07:00",
            "authors": ["Ngọc Diệp"],
            "feed": synced.url(VI_FEED),
            "snippet": hits[0]["snippet"],
        }
        assert "Hà Nội" in hits[0]["snippet"]


def test_search_finds_words_only_in_the_saved_pages(
    synced: FixtureSite, capsys: pytest.CaptureFixture[str]
) -> None:
    hits = run_json(capsys, "search", "ninh xuong bo", "--json")

    assert [hit["url"] for hit in hits] == [synced.url(PAGES["pho"])]
    assert "ninh xương bò" in hits[0]["snippet"]


def test_search_limit(synced: FixtureSite, capsys: pytest.CaptureFixture[str]) -> None:
    every = run_json(capsys, "search", "the", "--json")
    best = run_json(capsys, "search", "the", "--json", "--limit", "1")

    assert len(every) > 1
    assert best == every[:1]


def test_search_plain_output_on_a_pipe(
    synced: FixtureSite, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "salinity"]) == 0

    out = capsys.readouterr().out
    assert not ESCAPE.search(out)
    title, details, snippet, url = out.splitlines()
    assert title == "Mekong Delta villages install salinity sensors before the dry season"
    # The feed is no subscription (it came from --feeds): the publisher names it.
    assert details.endswith(" · The Test Ledger – Latest · Anna Tran")
    assert "salinity" in snippet
    assert url == synced.url(PAGES["delta"])


def test_no_match_is_not_an_error(synced: FixtureSite, capsys: pytest.CaptureFixture[str]):
    assert main(["search", "xyzzy"]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "vnnews: no match for 'xyzzy'\n"
    assert run_json(capsys, "search", "xyzzy", "--json") == []


def test_search_on_an_empty_library(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_json(capsys, "search", "Hà Nội", "--json") == []


# -- import and export -----------------------------------------------------------------------

SUBSCRIPTIONS = [
    Source(
        "https://vnexpress.net/rss/thoi-su.rss",
        title="VnExpress – Thời sự",
        group="VnExpress",
        category="Thời sự",
        language="vi",
        kind="feed",
    ),
    Source(
        "https://fr.vietnamplus.vn/rss/home.rss",
        title="VietnamPlus (français)",
        group="VietnamPlus",
        category="À la une",
        language="fr",
        kind="feed",
    ),
    Source("https://baomau.example/thoi-su", title="Báo Mẫu", category="Thời sự", kind="page"),
    Source("https://example.org/blog/atom.xml", kind="auto"),
]


def use_config(monkeypatch: pytest.MonkeyPatch, path: Path) -> Path:
    monkeypatch.setenv("VNNEWS_CONFIG", str(path))
    return path


def test_import_then_export_round_trip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    first = use_config(monkeypatch, tmp_path / "first.toml")
    save_config(Config(path=first, subscriptions=list(SUBSCRIPTIONS)))
    assert main(["export"]) == 0
    exported = tmp_path / "exported.opml"
    exported.write_text(capsys.readouterr().out, "utf-8")
    assert exported.read_text("utf-8").startswith("<?xml")

    second = use_config(monkeypatch, tmp_path / "second.toml")
    assert main(["import", str(exported)]) == 0

    assert capsys.readouterr().out == "imported 4 subscriptions\n"
    assert load_config(second).subscriptions == SUBSCRIPTIONS
    assert main(["export"]) == 0
    assert capsys.readouterr().out == exported.read_text("utf-8")


def test_import_adds_only_new_feeds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = use_config(monkeypatch, tmp_path / "config.toml")
    save_config(Config(path=path, subscriptions=SUBSCRIPTIONS[:1]))
    newsboat = Path(__file__).parent / "fixtures" / "subscriptions" / "newsboat-urls"

    assert main(["import", str(newsboat)]) == 0
    assert capsys.readouterr().out == "imported 3 subscriptions (1 already subscribed)\n"
    assert main(["import", str(newsboat)]) == 0
    assert capsys.readouterr().out == "imported 0 subscriptions (4 already subscribed)\n"

    urls = [source.url for source in load_config(path).sources()]
    assert urls == [
        "https://vnexpress.net/rss/thoi-su.rss",
        "https://e.vnexpress.net/rss/news.rss",
        "https://fr.vietnamplus.vn/rss/home.rss",
        "https://example.org/blog/atom.xml",
    ]
    assert load_config(path).sources()[0] == SUBSCRIPTIONS[0]  # the existing entry is kept


def test_import_while_following_the_defaults_starts_a_list_of_its_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert load_config().subscriptions is None and load_config().sources()
    urls = tmp_path / "urls"
    urls.write_text("https://example.org/blog/atom.xml\n", "utf-8")

    assert main(["import", str(urls)]) == 0

    assert load_config().sources() == [Source("https://example.org/blog/atom.xml", kind="feed")]


def test_export_lists_the_default_sources_when_there_are_no_subscriptions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export"]) == 0
    exported = tmp_path / "defaults.opml"
    exported.write_text(capsys.readouterr().out, "utf-8")

    assert load_subscriptions(exported) == load_config().sources()


def test_importing_a_bad_file_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "feeds.opml"
    bad.write_text("<opml><body><outline", "utf-8")

    assert main(["import", str(bad)]) == 3

    out, err = capsys.readouterr()
    assert out == "" and len(err.splitlines()) == 1 and err.startswith("vnnews: ")
    assert load_config().subscriptions is None
