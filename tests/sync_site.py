"""The made-up publication of tests/fixtures/sync/, its links pointing at the test site."""

from __future__ import annotations

from pathlib import Path

from tests.fixture_site import FIXTURES, FixtureSite

SYNC_DIR = FIXTURES / "sync"
VI_FEED = "/sync/feeds/thoi-su.rss"
EN_FEED = "/sync/feeds/ledger.atom"
LISTING = "/sync/index.html"
PAGES = {
    "buyt": "/sync/pages/buyt-dien-noi-bai-4971201.html",
    "pho": "/sync/pages/pho-gia-truyen-4971187.html",
    "mua": "/sync/pages/mua-mien-trung-4971150.html",
    "delta": "/sync/pages/delta-salinity-sensors-2025.html",
    "market": "/sync/pages/da-nang-night-market-2025.html",
}


def serve_sync_site(site: FixtureSite) -> None:
    """Serve every file of the publication with ``{{BASE}}`` replaced by the site's address."""
    for path in SYNC_DIR.rglob("*"):
        if path.is_file():
            text = path.read_text("utf-8").replace("{{BASE}}", site.url(""))
            site.add("/" + path.relative_to(FIXTURES).as_posix(), text)


def write_urls_file(directory: Path, site: FixtureSite, *paths: str) -> Path:
    """A newsboat-style urls file listing ``paths`` on the site."""
    file = directory / "urls"
    file.write_text("".join(f"{site.url(path)}\n" for path in paths), "utf-8")
    return file
