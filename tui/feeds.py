"""Read RSS and Atom feeds: bytes in, a Feed of sanitized Articles out (feedparser on bytes)."""

from __future__ import annotations

import asyncio
import hashlib
import io
import re
import xml.sax
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
from feedparser.encodings import convert_to_utf8

from tui.dates import parse_date
from tui.errors import ParseError
from tui.feeds_fast import NotPlain, read_plain_feed
from tui.models import Article, Feed
from tui.sanitize import clean_line, clean_text

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "html", "xhtml"})
_IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif")
_MAX_TTL_MINUTES = 7 * 24 * 60

# A DOCTYPE and its internal subset, and stray ENTITY declarations. Every quantifier is
# possessive and every quoted string or comment may run to the end of the data, so each
# match always succeeds where it starts and the scan stays linear on hostile input.
_QUOTED = rb"\"[^\"]*+(?:\"|\Z)|'[^']*+(?:'|\Z)"
_DOCTYPE = re.compile(
    rb"(?P<keep><!DOCTYPE(?:[^\[>\"']++|" + _QUOTED + rb")*+)"
    rb"(?:\[(?:[^\]\"'<]++|" + _QUOTED + rb"|<!--(?:.*?-->|.*\Z)|<)*+(?:\]|\Z))?"
    rb"[^>]*+>?",
    re.IGNORECASE | re.DOTALL,
)
_ENTITY = re.compile(rb"<!ENTITY(?:[^>\"']++|" + _QUOTED + rb")*+(?:>|\Z)", re.IGNORECASE)
_HTML_PAGE = re.compile(rb"<html[\s>]|<!DOCTYPE\s+html", re.IGNORECASE)
# The root element's local name, past the XML declaration, comments, PIs and DOCTYPE.
_ROOT = re.compile(
    rb"(?:\xef\xbb\xbf)?(?:\s++|<\?[^>]*+>|<!--(?:[^-]++|-(?!->))*+-->|<!DOCTYPE[^>]*+>)*+"
    rb"<(?:[\w.-]++:)?([\w.-]++)",
    re.IGNORECASE,
)
_FEED_ROOTS = frozenset({"rss", "feed", "rdf", "channel"})

# "A, B", "A; B", "A & B", "A và B", "A and B", "A et B".
_AUTHOR_SEPARATORS = re.compile(r"\s*(?:[,;&]|\s(?:và|and|et)\s)\s*", re.IGNORECASE)
_EMAIL = re.compile(r"\(?\s*[^\s()<>@]+@[^\s()<>@]+\s*\)?|<[^<>]*@[^<>]*>")


def parse_feed(
    content: bytes, url: str, content_type: str | None = None, *, fast: bool = True
) -> Feed:
    """Parse feed bytes fetched from ``url`` into a :class:`Feed` (CPU work: call it in a thread).

    Raises :class:`ParseError` when the bytes are not an RSS or Atom feed. An ill-formed feed
    yields what could be read, with ``Feed.warning`` saying why it is incomplete. A plain
    feed is read by :mod:`tui.feeds_fast`, to the same result; ``fast=False`` always uses
    feedparser, the reference.
    """
    parsed = _parsed(content, url, content_type, fast)
    channel = parsed["feed"]
    link = _web_url(channel.get("link"), url) or ""
    title = _text(channel.get("title"), channel.get("title_detail")) or urlsplit(link or url).netloc
    atom = str(parsed.get("version", "")).startswith("atom")
    return Feed(
        url=url,
        title=title,
        articles=[
            article
            for entry in parsed["entries"]
            if (article := _article(entry, title, url, atom)) is not None
        ],
        link=link,
        language=clean_line(channel.get("language")),
        kind="feed",
        ttl_minutes=_ttl_minutes(channel.get("ttl")),
        warning=_warning(parsed),
    )


async def parse_feed_async(content: bytes, url: str, content_type: str | None = None) -> Feed:
    """:func:`parse_feed` in a worker thread, so a big feed never blocks the event loop."""
    return await asyncio.to_thread(parse_feed, content, url, content_type)


def _parsed(content: bytes, url: str, content_type: str | None, fast: bool) -> Any:
    if fast:
        try:
            return read_plain_feed(content, url, content_type)
        except NotPlain:
            pass
    return _feedparser_result(content, url, content_type)


def _feedparser_result(content: bytes, url: str, content_type: str | None) -> Any:
    if not content.strip():
        raise ParseError("could not read this feed: the document is empty")
    # Decode as feedparser would (BOM, HTTP charset, XML declaration), so that the DTD is
    # removed from exactly the text it will parse, whatever the encoding.
    headers = {"content-type": content_type} if content_type else {}
    data = _without_dtd(convert_to_utf8(headers, content, {}))
    try:
        # A BytesIO, never bytes: feedparser opens a bytes value naming a local file.
        parsed = feedparser.parse(
            io.BytesIO(data),
            response_headers={
                "content-type": "application/xml; charset=utf-8",
                "content-location": url,
            },
            # Only text leaves this module, and _HtmlText drops script and style itself;
            # feedparser's sanitizer lets a script's text through after a stray </script>.
            sanitize_html=False,
            # Its URL resolver rewrites the HTML too ("</br>" dropped, "<p/>" doubled); the
            # first image is resolved by _thumbnail.
            resolve_relative_uris=False,
        )
    except Exception as error:  # third-party code on hostile bytes: any failure is "unreadable"
        raise ParseError(f"could not read this feed: {type(error).__name__}") from error
    if not parsed.entries and (reason := _not_a_feed(data)):
        raise ParseError(f"could not read this feed: {reason}")
    return parsed


def _not_a_feed(data: bytes) -> str | None:
    """Why a document without entries is not a feed at all; None for an empty feed."""
    root = _ROOT.match(data)
    name = root[1].decode("ascii").lower() if root else ""
    if name in _FEED_ROOTS:
        return None
    if name == "html" or _HTML_PAGE.search(data, 0, 4096):
        return "it is a web page, not RSS or Atom"
    if name:
        return f"it is a <{name}> document, not RSS or Atom"
    return "no RSS or Atom content found"


def _without_dtd(data: bytes) -> bytes:
    """Drop DTD internal subsets and entity declarations.

    Feedparser's fallback parser expands declared entities itself, so a small feed that
    repeats a large entity ("billion laughs") could grow to gigabytes.
    """
    data = _DOCTYPE.sub(lambda match: match["keep"] + b">", data)
    return _ENTITY.sub(b"", data)


def _warning(parsed: Mapping[str, Any]) -> str | None:
    error = parsed.get("bozo_exception")
    if not parsed.get("bozo") or not isinstance(error, xml.sax.SAXException):
        return None  # encoding notes (declared one charset, parsed another) change nothing shown
    return clean_line(f"feed is not well-formed XML: {error.getMessage()}")


def _article(entry: dict[str, Any], publisher: str, feed_url: str, atom: bool) -> Article | None:
    base = _entry_base(entry, feed_url)
    url = _web_url(entry.get("link"), base) or ""
    title = _text(entry.get("title"), entry.get("title_detail"))
    body, is_html = _body(entry)
    html = _HtmlText.convert(body) if is_html else None
    summary = html.text if html else clean_text(body)
    if not (title or summary or url):
        return None
    return Article(
        id=_entry_id(entry, url, title or summary),
        url=url,
        title=title or _first_line(summary) or url,
        summary=summary,
        published=_published(entry),
        authors=tuple(_unique(_authors(entry, atom))),
        categories=tuple(
            _unique(
                clean_line(tag.get("label") or tag.get("term")) for tag in entry.get("tags", ())
            )
        ),
        publisher=publisher,
        thumbnail=_thumbnail(entry, base, html.image if html else None),
        comment_count=_count(entry.get("slash_comments") or entry.get("thr_total")),
        feed_url=feed_url,
    )


def _entry_base(entry: Mapping[str, Any], feed_url: str) -> str:
    """The base URI in scope for an entry (its xml:base, else the feed URL)."""
    for key in ("title_detail", "summary_detail"):
        base = (entry.get(key) or {}).get("base")
        if base:
            return urljoin(feed_url, base)
    return feed_url


def _body(entry: Mapping[str, Any]) -> tuple[str, bool]:
    """The entry's summary (else its first content), and whether it is HTML."""
    contents = [content for content in entry.get("content") or () if content.get("value")]
    if entry.get("summary"):
        # An Atom entry without <summary> gets its content copied here, with no detail.
        detail = entry.get("summary_detail") or (contents[0] if contents else {})
        return entry["summary"], detail.get("type") in _HTML_TYPES
    if contents:
        return contents[0]["value"], contents[0].get("type") in _HTML_TYPES
    return "", False


def _text(value: str | None, detail: Mapping[str, Any] | None) -> str:
    """One line of plain text from a feed text construct (plain, HTML or XHTML)."""
    if value and detail and detail.get("type") in _HTML_TYPES:
        return clean_line(_HtmlText.convert(value).text)
    return clean_line(value)


def _entry_id(entry: Mapping[str, Any], url: str, title: str) -> str:
    guid = clean_line(entry.get("id"))
    if guid:
        return guid
    if url:
        return url
    return "sha1:" + hashlib.sha1(title.encode("utf-8")).hexdigest()


def _published(entry: dict[str, Any]) -> datetime | None:
    # The raw strings, not feedparser's *_parsed: those read unknown zones (ICT) as UTC,
    # accept a valid prefix of garbage and roll 25:00 over into the next day. And dict.get:
    # feedparser's own get() answers a missing "updated" with "published", and a warning.
    for key in ("published", "updated", "created"):
        moment = parse_date(dict.get(entry, key))
        if moment is not None:
            return moment
    return None


def _authors(entry: Mapping[str, Any], atom: bool) -> Iterator[str]:
    """Author names, lists split. In RSS, feedparser pulls an email out of the author text
    with a pattern that cuts long domains short ("x@site.example" leaves "ple" in the name),
    so a name it split from an email is read again from the raw text, the last "author"."""
    authors = entry.get("authors") or ()
    names = [author.get("name") for author in authors if atom or not author.get("email")]
    names.append(entry.get("author"))
    for name in names:
        if name:
            for part in _AUTHOR_SEPARATORS.split(_EMAIL.sub(" ", clean_line(name))):
                yield clean_line(part).strip("()")


def _thumbnail(entry: Mapping[str, Any], base: str, inline_image: str | None) -> str | None:
    for candidate in _image_candidates(entry, inline_image):
        image = _web_url(candidate, base)
        if image:
            return image
    return None


def _image_candidates(entry: Mapping[str, Any], inline_image: str | None) -> Iterator[str | None]:
    """Image URLs in order of preference: media:thumbnail, media:content, enclosures, <img>."""
    for thumbnail in entry.get("media_thumbnail") or ():
        yield thumbnail.get("url")
    for media in entry.get("media_content") or ():
        kind = media.get("medium") or media.get("type") or ""
        if kind == "image" or kind.startswith("image/") or _looks_like_image(media.get("url")):
            yield media.get("url")
    for link in entry.get("links") or ():
        if link.get("rel") == "enclosure" and str(link.get("type", "")).startswith("image/"):
            yield link.get("href")
    yield inline_image


def _looks_like_image(url: str | None) -> bool:
    return bool(url and urlsplit(url).path.lower().endswith(_IMAGE_SUFFIXES))


def _web_url(value: str | None, base: str) -> str | None:
    """``value`` made absolute against ``base``, if it is an http(s) URL; else None."""
    text = clean_line(value)
    if not text:
        return None
    # urljoin leaves an absolute http(s) URL as it is, and costs a lot per item.
    is_absolute = text.startswith(("http://", "https://"))
    absolute = (text if is_absolute else urljoin(base, text)).replace(" ", "%20")
    parts = urlsplit(absolute)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return absolute


def _count(value: object) -> int | None:
    try:
        count = int(str(value).strip())
    except ValueError:
        return None
    return count if count >= 0 else None


def _ttl_minutes(value: object) -> int | None:
    minutes = _count(value)
    return minutes if minutes and minutes <= _MAX_TTL_MINUTES else None


def _first_line(text: str, limit: int = 100) -> str:
    line = text.split("\n", 1)[0]
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _unique(names: Iterable[str]) -> Iterator[str]:
    """Non-empty names, first spelling kept, case-insensitive duplicates dropped."""
    seen: set[str] = set()
    for name in names:
        key = name.casefold()
        if name and key not in seen:
            seen.add(key)
            yield name


class _HtmlText(HTMLParser):
    """HTML to plain text, with the first image's src; script and style text never survives."""

    _SKIPPED = frozenset({"script", "style", "template", "noscript", "iframe", "object", "svg"})
    _BLOCKS = frozenset(
        {
            "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
            "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header",
            "hr", "li", "ol", "p", "pre", "section", "table", "tr", "ul",
        }
    )  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._parts: list[str] = []
        self._skipping = 0
        self.image: str | None = None

    @classmethod
    def convert(cls, html: str) -> _HtmlText:
        parser = cls()
        parser.feed(html)
        parser.close()
        return parser

    @property
    def text(self) -> str:
        # clean_text runs after the parser unescaped the entities: "&#x9d;" is a live C1 now.
        return clean_text("".join(self._parts))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIPPED:
            self._skipping += 1
        elif tag in self._BLOCKS:
            self._parts.append("\n")
        elif tag == "img" and self.image is None:
            found = dict(attrs)
            self.image = found.get("data-src") or found.get("src")  # lazy-loading pages

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self._SKIPPED:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in self._BLOCKS:
            self._parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._parts.append(data)
