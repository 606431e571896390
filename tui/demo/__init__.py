"""The bundled offline sample behind ``vnnews --demo``: four made-up publications on 127.0.0.1.

The files under ``site/`` write every link as ``{{BASE}}/...``: the port is only
known once the server runs, so the placeholder is replaced when they are loaded.
Images are referenced but not shipped; the app shows their captions instead.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tui.localserver import LocalSite
from tui.models import Source

SITE_DIR = Path(__file__).parent / "site"
PLACEHOLDER = b"{{BASE}}"
ATOM = "application/atom+xml; charset=utf-8"

# Paths on the demo site; demo_sources() makes them absolute.
_FEEDS = (
    Source(
        url="/feeds/bao-mau-tin-moi.xml",
        title="Tin mới nhất - Báo Mẫu",
        group="Báo Mẫu",
        category="Tin mới nhất",
        language="vi",
        kind="feed",
    ),
    Source(
        url="/feeds/tin-nhanh-doi-song.xml",
        title="Tin Nhanh | Đời sống",
        group="Tin Nhanh",
        category="Đời sống",
        language="vi",
        kind="feed",
    ),
    Source(
        url="/feeds/sample-times-latest.xml",
        title="Sample Times: Latest",
        group="Sample Times",
        category="Latest",
        language="en",
        kind="feed",
    ),
    Source(
        url="/feeds/courrier-demo-une.xml",
        title="Le Courrier Démo – À la une",
        group="Le Courrier Démo",
        category="À la une",
        language="fr",
        kind="feed",
    ),
)
# Package data ships *.xml only, so the Atom feed gets its content type here.
_ATOM_FEEDS = frozenset({"/feeds/sample-times-latest.xml"})


def start_demo_site() -> LocalSite:
    """Start a site on 127.0.0.1 (random port) serving the sample; the caller stops it."""
    site = LocalSite.from_directory(SITE_DIR).start()
    base = site.url("").encode()
    for path, resource in site.resources.items():
        resource.body = resource.body.replace(PLACEHOLDER, base)
        if path in _ATOM_FEEDS:
            resource.content_type = ATOM
    return site


def demo_sources(site: LocalSite) -> list[Source]:
    """The demo's feeds, as subscriptions pointing at ``site``."""
    return [replace(feed, url=site.url(feed.url)) for feed in _FEEDS]
