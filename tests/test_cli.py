"""`vnnews read` and `vnnews feed` as scripts use them: JSON, plain text, exit codes, offline."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len

from tests.fixture_site import FIXTURES, FixtureSite
from tests.sync_site import LISTING, PAGES, serve_sync_site
from tui.cli import main
from tui.extract import extract_article
from tui.feeds import parse_feed

PAGE_FILES = sorted((FIXTURES / "pages").glob("*.html"))
FEED_FILES = sorted((FIXTURES / "feeds").iterdir())
# Any control character but tab and newline: escape sequences start with one of these.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

ARTICLE_KEYS = {
    "url",
    "title",
    "lead",
    "publisher",
    "published",
    "authors",
    "categories",
    "body",
    "same_author",
    "same_category",
    "source_url",
    "comment_count",
}
ENTRY_KEYS = {
    "id",
    "title",
    "url",
    "published",
    "authors",
    "categories",
    "summary",
    "thumbnail",
    "publisher",
    "comment_count",
}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    return json.loads(out)


def dead_url() -> str:
    """An address on a port where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/feed.rss"


def one_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("vnnews: ")
    return lines[0]


# -- read --------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGE_FILES, ids=lambda path: path.name)
def test_read_json_is_the_extracted_article(
    page: Path, site: FixtureSite, capsys: pytest.CaptureFixture[str]
) -> None:
    url = site.url(f"/pages/{page.name}")

    article = run_json(capsys, "read", url, "--json")

    assert set(article) == ARTICLE_KEYS
    assert article["url"] == url and article["title"] and article["body"]
    expected = extract_article(page.read_bytes(), url, "text/html; charset=utf-8")
    assert article == expected.to_dict()


@pytest.mark.parametrize(
    ("name", "fields"),
    [
        (
            "vnexpress-vi.html",
            {
                "publisher": "VnExpress",
                "authors": ["Ngọc Diệp"],
                "categories": ["Thời sự", "Giao thông"],
                "comment_count": 12,
            },
        ),
        ("jsonld-en.html", {"authors": ["Tran Minh Hoang", "Sarah Mitchell"]}),
        (
            "vietnamvn-fr.html",
            {
                "published": "2025-12-01T00:00:00+07:00",
                "source_url": "https://nhandan.vn/hanoi-inaugure-le-pont-tran-hung-dao-post889123.html",
            },
        ),
    ],
)
def test_read_json_fields_of_known_pages(
    name: str, fields: dict[str, Any], site: FixtureSite, capsys: pytest.CaptureFixture[str]
) -> None:
    article = run_json(capsys, "read", site.url(f"/pages/{name}"), "--json")

    assert {key: article[key] for key in fields} == fields


def test_related_links_are_absolute(site: FixtureSite, capsys: pytest.CaptureFixture[str]):
    article = run_json(capsys, "read", site.url("/pages/bare-divs-vi.html"), "--json")

    assert site.url("/pages/jsonld-en.html") in [link["url"] for link in article["same_author"]]


@pytest.mark.parametrize("page", PAGE_FILES, ids=lambda path: path.name)
@pytest.mark.parametrize("width", [80, 60])
def test_read_plain_fits_the_width_without_escape_codes(
    page: Path, width: int, site: FixtureSite, capsys: pytest.CaptureFixture[str]
) -> None:
    url = site.url(f"/pages/{page.name}")
    title = run_json(capsys, "read", url, "--json")["title"]

    code, out, err = run(capsys, "read", url, "--plain", "--width", str(width))

    assert code == 0, err
    assert not CONTROL.search(out)
    assert max(cell_len(line) for line in out.splitlines()) <= width
    assert title.split()[0] in out.splitlines()[0]
    assert len(out.splitlines()) > 5


def test_read_on_a_pipe_is_plain_text(site: FixtureSite, capsys: pytest.CaptureFixture[str]):
    url = site.url("/pages/vnexpress-vi.html")

    assert run(capsys, "read", url) == run(capsys, "read", url, "--plain")


def test_hostile_page_shows_markup_as_text(site: FixtureSite, capsys: pytest.CaptureFixture[str]):
    code, out, _ = run(capsys, "read", site.url("/pages/hostile.html"), "--plain")

    assert code == 0
    assert "[bold red]Tin giật gân[/]" in out
    assert not CONTROL.search(out)


def test_read_plain_in_a_real_process_on_a_pipe(site: FixtureSite) -> None:
    url = site.url("/pages/hostile.html")

    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", "read", url, "--plain"],
        capture_output=True,
        timeout=60,
        env={**os.environ, "TERM": "xterm-256color", "FORCE_COLOR": "1", "COLUMNS": "200"},
    )

    assert done.returncode == 0, done.stderr
    text = done.stdout.decode("utf-8")
    assert not CONTROL.search(text)
    assert "Tin giật gân" in text.splitlines()[0]
    assert max(cell_len(line) for line in text.splitlines()) <= 80


# -- feed --------------------------------------------------------------------------------------


@pytest.mark.parametrize("feed", FEED_FILES, ids=lambda path: path.name)
def test_feed_json_lists_the_parsed_entries(
    feed: Path, site: FixtureSite, capsys: pytest.CaptureFixture[str]
) -> None:
    url = site.url(f"/feeds/{feed.name}")

    listing = run_json(capsys, "feed", url, "--json")

    assert listing["url"] == url and listing["kind"] == "feed" and listing["title"]
    assert listing["articles"]
    assert all(set(entry) == ENTRY_KEYS for entry in listing["articles"])
    parsed = parse_feed(feed.read_bytes(), url, site.resources[f"/feeds/{feed.name}"].content_type)
    assert listing["articles"] == [article.to_dict() for article in parsed.articles]


def test_feed_json_entry_fields(site: FixtureSite, capsys: pytest.CaptureFixture[str]) -> None:
    listing = run_json(capsys, "feed", site.url("/feeds/vi-tin-moi.rss"), "--json")

    first = listing["articles"][0]
    assert first == {
        "id": "https://tinnhanh.example/ha-noi-mo-them-12-tuyen-buyt-dien-4971201.html",
        "title": "Hà Nội mở thêm 12 tuyến buýt điện nối các khu đô thị mới",
        "url": "https://tinnhanh.example/ha-noi-mo-them-12-tuyen-buyt-dien-4971201.html",
        "published": "2025-11-26T18:00:00+07:00",
        "authors": ["Ngọc Diệp"],
        "categories": ["Thời sự", "Giao thông"],
        "summary": first["summary"],
        "thumbnail": "https://i.tinnhanh.example/2025/11/26/buyt-dien-1764154800.jpg",
        "publisher": "Tin Nhanh Việt - Tin mới nhất",
        "comment_count": 42,
    }
    assert first["summary"].startswith("Từ ngày 1/12, người dân ở Tây Mỗ")


def test_feed_plain_lists_titles_and_links(
    site: FixtureSite, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "feed", site.url("/feeds/hostile.rss"))

    assert code == 0
    assert not CONTROL.search(out)
    assert "[bold red]x[/] [@click=app.quit]quit[/]" in out
    assert "https://hostile.example/markup" in out


def test_an_ill_formed_feed_is_listed_with_a_warning(
    site: FixtureSite, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "feed", site.url("/feeds/illformed.rss"))

    assert code == 0
    assert "Nhãn lồng Hưng Yên vào vụ thu hoạch muộn" in out
    assert "warning: feed is not well-formed XML" in one_error_line(err)


def test_feed_on_a_listing_page_gives_its_article_links(
    site: FixtureSite, capsys: pytest.CaptureFixture[str]
) -> None:
    serve_sync_site(site)

    listing = run_json(capsys, "feed", site.url(LISTING), "--json")
    other = run_json(capsys, "feed", site.url("/pages/listing-vi.html"), "--json")

    assert listing["kind"] == "page"
    assert [entry["url"] for entry in listing["articles"]] == [
        site.url(path) for path in PAGES.values()
    ]
    assert listing["articles"][0]["title"] == "Hà Nội mở thêm tuyến buýt điện đến sân bay Nội Bài"
    assert site.url("/pages/bare-divs-vi.html") in [entry["url"] for entry in other["articles"]]


# -- failures ----------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["read", "feed"])
def test_a_dead_host_exits_3_with_one_line(command: str, capsys: pytest.CaptureFixture[str]):
    code, out, err = run(capsys, command, dead_url())

    assert (code, out) == (3, "")
    assert one_error_line(err) == "vnnews: could not reach 127.0.0.1: connection refused"


@pytest.mark.parametrize(
    ("command", "body", "content_type"),
    [
        ("feed", bytes(range(256)) * 8, "application/rss+xml"),
        ("feed", b"<rss><channel><item><title>cut off", "application/rss+xml"),
        ("feed", "Chỉ là chữ, không phải RSS.".encode(), "text/plain; charset=utf-8"),
        ("feed", "<html><body><p>Trang trống.</p></body></html>".encode(), "text/html"),
        ("read", bytes(range(256)) * 8, "application/octet-stream"),
    ],
    ids=["binary-feed", "broken-xml", "text", "page-without-links", "binary-page"],
)
def test_garbage_exits_3_with_one_line(
    command: str,
    body: bytes,
    content_type: str,
    site: FixtureSite,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = site.add("/garbage", body, content_type)

    code, out, err = run(capsys, command, url)

    assert (code, out) == (3, "")
    one_error_line(err)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "javascript:alert(1)", "not a url"])
def test_addresses_vnnews_does_not_open(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "read", url)

    assert (code, out) == (3, "")
    one_error_line(err)


@pytest.mark.parametrize(
    "argv",
    [
        ["read"],
        ["feed"],
        ["read", "http://x.example/", "--plain", "--json"],
        ["read", "http://x.example/", "--width", "0"],
        ["read", "http://x.example/", "--width", "wide"],
        ["feed", "http://x.example/", "--bogus"],
        ["search"],
        ["search", "x", "--limit", "-1"],
        ["import"],
        ["--no-such-option"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(argv)

    assert exit_.value.code == 2
    assert "usage: vnnews" in capsys.readouterr().err


# -- offline -----------------------------------------------------------------------------------


def test_read_offline_after_a_fetch_needs_no_server(
    site: FixtureSite, capsys: pytest.CaptureFixture[str]
) -> None:
    url = site.url("/pages/jsonld-en.html")
    online = run_json(capsys, "read", url, "--json")
    listing = run_json(capsys, "feed", site.url("/feeds/en-mekong-ledger.atom"), "--json")
    site.stop()

    assert run_json(capsys, "read", url, "--offline", "--json") == online
    offline_listing = run_json(
        capsys, "feed", site.url("/feeds/en-mekong-ledger.atom"), "--offline", "--json"
    )
    assert offline_listing == listing


def test_read_offline_without_the_cache_uses_the_saved_copy(
    site: FixtureSite, capsys: pytest.CaptureFixture[str]
) -> None:
    url = site.url("/pages/vnexpress-vi.html")
    online = run_json(capsys, "read", url, "--json")
    site.stop()
    shutil.rmtree(os.environ["VNNEWS_CACHE_DIR"])

    code, out, err = run(capsys, "read", url, "--offline", "--json")

    assert code == 0
    assert json.loads(out)["body"] == online["body"]
    assert one_error_line(err) == "vnnews: offline: the saved copy"


def test_read_offline_of_an_unknown_page_exits_3(
    site: FixtureSite, capsys: pytest.CaptureFixture[str]
) -> None:
    url = site.url("/pages/vnexpress-vi.html")

    code, out, err = run(capsys, "read", url, "--offline")

    assert (code, out) == (3, "")
    assert one_error_line(err) == f"vnnews: not in the cache (offline): {url}"
    assert site.requests == []


def test_read_goes_on_when_the_library_cannot_be_opened(
    site: FixtureSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    monkeypatch.setenv("VNNEWS_DATA_DIR", str(blocker))

    code, out, err = run(capsys, "read", site.url("/pages/vnexpress-vi.html"), "--plain")

    assert code == 0
    assert "Hà Nội lắp thêm 300 camera" in out
    assert "going on without the library" in one_error_line(err)
