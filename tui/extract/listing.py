"""A listing page (a site's category or tag page) to a Feed of its article links.

This lets a site without a feed be followed like one. Article links are told
from menu, footer, social and login links by their text (a headline of several
words) and their address (same site, and shaped like an article).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from tui.extract.cleanup import strip_boilerplate, strip_invisible
from tui.extract.document import (
    HtmlElement,
    absolute_url,
    looks_like_html,
    page_base,
    parse,
    same_site,
    text_of,
)
from tui.extract.metadata import read_metadata, site_suffix, strip_site_suffix
from tui.models import Article, Feed
from tui.sanitize import clean_line

MIN_HEADLINE_WORDS = 5
NO_LINKS = "No article links were found on this page."
_ARTICLE_FILE = re.compile(r"\.(?:s?html?|php|aspx?)$|\d{4,}", re.IGNORECASE)
_LONG_SLUG = 4
"""Hyphens in a path segment that make it a headline's slug rather than a section name."""


def extract_listing(html: bytes, url: str, content_type: str | None = None) -> Feed:
    """The page's article links as a Feed (``kind="page"``), in page order, de-duplicated."""
    root = parse(html, content_type) if looks_like_html(html, content_type) else None
    if root is None:
        return Feed(
            url=url,
            title=clean_line(urlsplit(url).hostname) or url,
            link=url,
            kind="page",
            warning=NO_LINKS,
        )
    base = page_base(root, url)
    meta = read_metadata(root, url, [])
    page_title = clean_line(root.findtext(".//title"))
    site = meta.site_name or site_suffix(page_title, url) or clean_line(urlsplit(url).hostname)
    strip_invisible(root)
    strip_boilerplate(root)
    articles = _article_links(root, base, url, site)
    return Feed(
        url=url,
        title=strip_site_suffix(page_title, [site], url) or site,
        articles=articles,
        link=url,
        language=meta.language,
        kind="page",
        warning=None if articles else NO_LINKS,
    )


def _article_links(root: HtmlElement, base: str, page_url: str, site: str) -> list[Article]:
    found: dict[str, Article] = {}
    for a in root.iter("a"):
        link = absolute_url(base, a.get("href"))
        if link is None or link == page_url or link in found or not same_site(link, page_url):
            continue
        title = text_of(a) or clean_line(a.get("title"))
        if len(title.split()) >= MIN_HEADLINE_WORDS and looks_like_article(link):
            found[link] = Article(id=link, url=link, title=title, publisher=site, feed_url=page_url)
    return list(found.values())


def looks_like_article(url: str) -> bool:
    """Whether a URL is shaped like an article: an id, a page file, a long slug or a deep path."""
    parts = urlsplit(url)
    segments = [segment for segment in parts.path.split("/") if segment]
    if not segments:
        return False
    last = segments[-1]
    return bool(_ARTICLE_FILE.search(last)) or last.count("-") >= _LONG_SLUG or len(segments) >= 3
