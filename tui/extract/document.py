"""Turn page bytes into an lxml tree, and the small helpers every extractor step shares."""

from __future__ import annotations

import codecs
import re
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from tui.sanitize import clean_line

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>", re.IGNORECASE)
_URL_JUNK = re.compile(r"[\x00-\x20\x7f-\x9f]+")
_BINARY = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

_HTML_SIGNS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<div", b"<p>", b"<article")
_FEED_SIGNS = (b"<rss", b"<feed", b"<rdf:rdf", b"<channel")

# huge_tree lifts libxml2's nesting limit from 256 to 2048: pages of unclosed tags nest
# deeply, and past the limit the parser drops the rest of the page. Size is capped upstream.
_PARSER = lxml.html.HTMLParser(
    remove_comments=True, remove_pis=True, no_network=True, collect_ids=False, huge_tree=True
)

BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog",
    "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
    "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "menu", "nav", "ol",
    "p", "picture", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "ul",
})  # fmt: skip
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def looks_like_html(content: bytes, content_type: str | None = None) -> bool:
    """Whether ``content`` is a web page rather than a feed (or something else)."""
    head = content[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if any(sign in head for sign in _HTML_SIGNS[:4]):
        return True
    if head.startswith(b"<?xml") or any(sign in head for sign in _FEED_SIGNS):
        return False
    kind = (content_type or "").lower()
    return "html" in kind or any(sign in head for sign in _HTML_SIGNS)


def decode(content: bytes, content_type: str | None = None) -> str:
    """Bytes to text: BOM, then the Content-Type charset, then ``<meta charset>``, then UTF-8."""
    for bom, name in _BOMS:
        if content.startswith(bom):
            return content.decode(name, errors="replace")
    declared = _HEADER_CHARSET.search(content_type or "")
    meta = _META_CHARSET.search(content[:8192])
    in_page = meta.group(1).decode("ascii", "replace") if meta else ""
    if in_page.lower().startswith(("utf-16", "utf-32")):
        in_page = ""  # a page that could read its own <meta> is not UTF-16 (browsers agree)
    for charset in (declared.group(1) if declared else "", in_page):
        if charset and _known_codec(charset):
            return content.decode(charset, errors="replace")
    return content.decode("utf-8", errors="replace")


def _known_codec(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def parse(content: bytes, content_type: str | None = None) -> HtmlElement | None:
    """The page's ``<html>`` element, or None when nothing could be read (or it is binary)."""
    text = _XML_DECLARATION.sub("", decode(content, content_type))
    if not text.strip() or _looks_binary(text):
        return None
    text = text.replace("\x00", "\ufffd")
    try:
        root = lxml.html.document_fromstring(text, parser=_PARSER)
    except (etree.LxmlError, ValueError):
        return None
    return root if isinstance(root, HtmlElement) else None


def _looks_binary(text: str) -> bool:
    """Control characters (not whitespace) in more than one character in twenty: not text.

    Undecodable bytes do not count: a legacy page in an undeclared charset is still text.
    """
    sample = text[:65536]
    return len(_BINARY.findall(sample)) * 20 > len(sample)


def elements(root: HtmlElement) -> list[HtmlElement]:
    """Every element under ``root`` (itself included), in document order, without comments."""
    return [el for el in root.iter(etree.Element) if isinstance(el.tag, str)]


def text_of(el: HtmlElement) -> str:
    """The element's visible text on one clean line."""
    return clean_line(el.text_content())


def drop(el: HtmlElement) -> None:
    """Remove ``el`` and its subtree, keeping the text that follows it (its tail)."""
    parent = el.getparent()
    if parent is not None:
        el.drop_tree()


def absolute_url(base: str, href: str | None) -> str | None:
    """``href`` resolved against ``base`` if it is an http(s) URL; None otherwise.

    Whitespace and control characters are removed first, as browsers do, so that
    ``java&#9;script:`` cannot slip through as a relative path.
    """
    if not href:
        return None
    href = _URL_JUNK.sub("", href)
    if not href or href.startswith("#"):
        return None
    try:
        url = urljoin(base, href)
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return clean_line(parts._replace(fragment="").geturl())


def page_base(root: HtmlElement, url: str) -> str:
    """The URL that relative links resolve against: ``<base href>`` when it is usable."""
    for base in root.iter("base"):
        resolved = absolute_url(url, base.get("href"))
        if resolved:
            return resolved
    return url


def same_site(url: str, other: str) -> bool:
    """Same host, ignoring ``www.`` and allowing one to be a subdomain of the other."""
    a = (urlsplit(url).hostname or "").removeprefix("www.")
    b = (urlsplit(other).hostname or "").removeprefix("www.")
    return bool(a and b) and (a == b or a.endswith("." + b) or b.endswith("." + a))
