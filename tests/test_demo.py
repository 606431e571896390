"""The bundled demo: feeds and full pages a new user can browse with no network at all."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urldefrag, urljoin

import feedparser
import httpx
import lxml.html
import pytest

from tui.demo import demo_sources, start_demo_site
from tui.folding import fold
from tui.localserver import LocalSite
from tui.models import Source

SAME_AUTHOR = {"Cùng tác giả", "Same author", "Même auteur"}
SAME_CATEGORY = {"Cùng chuyên mục", "Same category", "Même catégorie"}


@dataclass
class Demo:
    """The running demo site, with each URL fetched at most once."""

    site: LocalSite
    client: httpx.Client
    sources: list[Source]
    responses: dict[str, httpx.Response] = field(default_factory=dict)

    def get(self, url: str) -> httpx.Response:
        if url not in self.responses:
            self.responses[url] = self.client.get(url)
        return self.responses[url]

    def page(self, url: str) -> lxml.html.HtmlElement:
        response = self.get(url)
        assert response.status_code == 200, url
        assert response.headers["content-type"].startswith("text/html"), url
        return lxml.html.document_fromstring(response.text)

    @cached_property
    def feeds(self) -> dict[Source, feedparser.FeedParserDict]:
        return {source: feedparser.parse(self.get(source.url).content) for source in self.sources}

    @cached_property
    def entries(self) -> dict[str, tuple[Source, feedparser.FeedParserDict]]:
        """Article URL -> (its feed, its entry)."""
        return {
            entry.link: (source, entry)
            for source, parsed in self.feeds.items()
            for entry in parsed.entries
        }


@pytest.fixture(scope="module")
def demo() -> Iterator[Demo]:
    site = start_demo_site()
    try:
        with httpx.Client(timeout=10) as client:
            yield Demo(site, client, demo_sources(site))
    finally:
        site.stop()


def words(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def related_links(page: lxml.html.HtmlElement, headings: set[str]) -> list[str] | None:
    """Links of the box whose heading reads one of ``headings``; None when the page has none."""
    for element in page.iter():
        if (
            isinstance(element.tag, str)
            and len(element) == 0
            and (element.text or "").strip() in headings
        ):
            return element.getparent().xpath(".//a/@href")
    return None


def test_demo_offers_feeds_in_several_languages(demo: Demo) -> None:
    assert len(demo.sources) >= 3
    assert {source.language for source in demo.sources} >= {"vi", "en", "fr"}
    for source, parsed in demo.feeds.items():
        assert source.url.startswith("http://127.0.0.1:")
        assert source.kind == "feed" and source.group and source.category
        assert not parsed.bozo, (source.url, parsed.get("bozo_exception"))
        assert parsed.feed.get("language", "").startswith(source.language)
        assert len(parsed.entries) >= 5


def test_every_entry_is_a_dated_bylined_article(demo: Demo) -> None:
    assert len(demo.entries) >= 20
    for url, (_source, entry) in demo.entries.items():
        assert entry.title and entry.summary, url
        assert entry.published_parsed[:2] == (2026, 11), url
        assert entry.author, url
        assert entry.tags[0].term, url


def test_every_entry_opens_a_full_page_with_its_title(demo: Demo) -> None:
    for url, (_source, entry) in demo.entries.items():
        page = demo.page(url)
        assert entry.title in words(page), url
        paragraphs = [p for p in page.xpath("//p | //div[@class='txt']") if len(words(p)) > 80]
        assert len(paragraphs) >= 4, url


def test_one_author_writes_in_two_feeds_with_and_without_diacritics(demo: Demo) -> None:
    bylines: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for source, entry in demo.entries.values():
        bylines[fold(entry.author)].add((source.url, entry.author))
    shared = {name: seen for name, seen in bylines.items() if len({url for url, _ in seen}) >= 2}
    assert shared, "no author appears in two feeds"
    spellings = {author for seen in shared.values() for _, author in seen}
    assert any(not author.isascii() for author in spellings)
    assert any(author.isascii() for author in spellings)
    assert fold("Ngọc Diệp") in shared


def test_pages_have_captioned_figures(demo: Demo) -> None:
    captioned = [
        url
        for url in demo.entries
        if demo.page(url).xpath("//figure[.//img/@src and normalize-space(.//figcaption)]")
    ]
    assert len(captioned) >= len(demo.entries) // 2


def test_related_lists_lead_to_pages_of_the_same_author_and_category(demo: Demo) -> None:
    with_author_box = 0
    for url, (_source, entry) in demo.entries.items():
        page = demo.page(url)
        by_author = related_links(page, SAME_AUTHOR)
        by_category = related_links(page, SAME_CATEGORY)
        assert by_category, f"{url} has no same-category list"
        with_author_box += by_author is not None
        for link in by_author or []:
            assert link != url and demo.get(link).status_code == 200, link
            assert fold(demo.entries[link][1].author) == fold(entry.author), (url, link)
        for link in by_category:
            assert link != url and demo.get(link).status_code == 200, link
            assert demo.entries[link][1].tags[0].term == entry.tags[0].term, (url, link)
    assert with_author_box >= 20


def test_every_link_on_the_site_resolves_and_no_placeholder_is_left(demo: Demo) -> None:
    base = demo.site.url("")
    for path in demo.site.resources:
        url = demo.site.url(path)
        body = demo.get(url).content
        assert b"{{" not in body and b"BASE}}" not in body, path
        if path.endswith(".html"):
            for link in lxml.html.document_fromstring(body).xpath("//a/@href"):
                target = urldefrag(urljoin(url, link)).url
                assert target.startswith(base), (path, link)
                assert demo.get(target).status_code == 200, (path, link)


def test_the_demo_site_stops() -> None:
    site = start_demo_site()
    url = demo_sources(site)[0].url
    assert httpx.get(url).status_code == 200
    site.stop()
    with pytest.raises(httpx.ConnectError):
        httpx.get(url)
