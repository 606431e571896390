"""Subscription lists in and out (OPML, newsboat ``urls`` files, vnnews TOML), and the feeds
a web page announces.

OPML written here keeps every field of a :class:`Source`: the group is the parent outline,
the category and language are outline attributes, and ``vnnewsKind`` records the kind
(a listing page, ``vnnewsKind="page"``, carries its address in ``htmlUrl``).
"""

from __future__ import annotations

import codecs
import re
import tomllib
from pathlib import Path
from typing import cast
from urllib.parse import urljoin

import tomli_w
from lxml import etree

from tui.config import SOURCE_KINDS, clean_url, source_to_table, sources_from_tables
from tui.errors import VnNewsError
from tui.models import Link, Source, SourceKind
from tui.sanitize import clean_line
from tui.sources import normalize_language

MAX_FILE_BYTES = 5 * 1024 * 1024
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml"})
KIND_ATTRIBUTE = "vnnewsKind"
# newsboat lines that are not feed addresses: query feeds, commands, filters.
_NEWSBOAT_SPECIAL = ("query:", "exec:", "filter:")
_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"|(\S+)')


class SubscriptionFileError(VnNewsError):
    """A subscription file could not be read, or is not OPML, a urls file or vnnews TOML."""


def load_subscriptions(path: Path) -> list[Source]:
    """The sources listed in ``path``, whose format is recognised from its content."""
    data = _read(path)
    if _looks_like_xml(data):
        return _from_opml(data, path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _unknown_format(path) from None
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        sources = _from_urls(text, path)
        if sources is not None:
            return sources
        if _first_line(text).startswith("["):
            raise SubscriptionFileError(f"{path}: not valid TOML ({error})") from None
        raise _unknown_format(path) from None
    return _from_toml(table, path)


def export_opml(sources: list[Source]) -> str:
    """An OPML 2.0 document: one parent outline per group, in order of first appearance."""
    root = etree.Element("opml", version="2.0")
    etree.SubElement(etree.SubElement(root, "head"), "title").text = "vnnews subscriptions"
    body = etree.SubElement(root, "body")
    folders: dict[str, etree._Element] = {}
    for source in sources:
        parent = body
        if source.group:
            group = clean_line(source.group)
            if group not in folders:
                folders[group] = etree.SubElement(body, "outline", text=group)
            parent = folders[group]
        etree.SubElement(parent, "outline", _outline_attributes(source))
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True).decode()


def export_toml(sources: list[Source]) -> str:
    """The ``[[subscriptions]]`` tables of the config file, on their own."""
    return tomli_w.dumps({"subscriptions": [source_to_table(source) for source in sources]})


def discover_feeds(html: bytes, page_url: str, content_type: str | None = None) -> list[Link]:
    """The RSS/Atom feeds a page announces with ``<link rel="alternate">``, as absolute
    URLs, in page order, without duplicates. A link without a title is titled by its URL.

    The page is decoded like an article page: the HTTP charset first, then ``<meta>``."""
    from tui.extract.document import parse

    document = parse(html, content_type)
    if document is None:
        return []
    base = page_url
    for element in document.iter("base"):
        if element.get("href"):
            base = _join(page_url, element.get("href", "")) or page_url
            break
    feeds: dict[str, Link] = {}
    for element in document.iter("link"):
        rel = (element.get("rel") or "").lower().split()
        content_type = (element.get("type") or "").split(";")[0].strip().lower()
        if "alternate" not in rel or content_type not in FEED_TYPES:
            continue
        url = _join(base, element.get("href") or "")
        if url and url not in feeds:
            feeds[url] = Link(title=clean_line(element.get("title")) or url, url=url)
    return list(feeds.values())


# -- reading -------------------------------------------------------------------


def _read(path: Path) -> bytes:
    try:
        with path.open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise SubscriptionFileError(f"cannot read {path}: {error.strerror or error}") from error
    if len(data) > MAX_FILE_BYTES:
        raise SubscriptionFileError(f"{path}: too large for a subscription list (over 5 MB)")
    return data


def _unknown_format(path: Path) -> SubscriptionFileError:
    return SubscriptionFileError(f"not an OPML, urls or TOML subscription file: {path}")


def _looks_like_xml(data: bytes) -> bool:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    return data.removeprefix(codecs.BOM_UTF8).lstrip().startswith(b"<")


def _first_line(text: str) -> str:
    lines = _content_lines(text)
    return lines[0][1] if lines else ""


def _content_lines(text: str) -> list[tuple[int, str]]:
    """(line number, line) of the lines that are neither blank nor ``#`` comments."""
    lines = ((number, line.strip()) for number, line in enumerate(text.splitlines(), 1))
    return [(number, line) for number, line in lines if line and not line.startswith("#")]


# -- vnnews TOML -----------------------------------------------------------------


def _from_toml(table: dict[str, object], path: Path) -> list[Source]:
    if not table:
        return []
    if "subscriptions" not in table:
        raise SubscriptionFileError(f"{path}: no [[subscriptions]] in this TOML file")
    problems: list[str] = []
    try:
        sources = sources_from_tables(table["subscriptions"], problems.append)
    except ValueError as error:
        raise SubscriptionFileError(f"{path}: 'subscriptions' {error}") from None
    if problems:
        raise SubscriptionFileError(f"{path}: {problems[0]}")
    return sources


# -- newsboat urls ---------------------------------------------------------------


def _from_urls(text: str, path: Path) -> list[Source] | None:
    """The sources of a newsboat ``urls`` file, or ``None`` if the text is not one."""
    sources: dict[str, Source] = {}
    for count, (number, line) in enumerate(_content_lines(text)):
        url, *tags = _tokens(line)
        if url.startswith(_NEWSBOAT_SPECIAL):
            continue
        clean = clean_url(url)
        if clean is None:
            if count == 0:
                return None
            raise SubscriptionFileError(f"{path}, line {number}: not a feed URL: {url[:80]!r}")
        title = next((tag[1:] for tag in tags if tag.startswith("~")), "")
        category = next((tag for tag in tags if not tag.startswith(("~", "!"))), "")
        source = Source(
            url=clean, title=clean_line(title), category=clean_line(category), kind="feed"
        )
        sources.setdefault(clean, source)
    return list(sources.values())


def _tokens(line: str) -> list[str]:
    """Split a urls line on spaces; ``"quoted tags"`` may hold spaces and ``\\"``."""
    return [bare or re.sub(r"\\(.)", r"\1", quoted) for quoted, bare in _TOKEN.findall(line)]


# -- OPML --------------------------------------------------------------------------


def _from_opml(data: bytes, path: Path) -> list[Source]:
    try:
        root = etree.fromstring(data, _xml_parser())
    except (etree.XMLSyntaxError, ValueError) as error:
        reason = " ".join(str(getattr(error, "msg", None) or error).split())
        raise SubscriptionFileError(f"{_unknown_format(path)} ({reason})") from None
    if _local_name(root) != "opml":
        raise _unknown_format(path)
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise SubscriptionFileError(f"{path}: OPML that declares entities is not accepted")
    body = next((child for child in root if _local_name(child) == "body"), None)
    if body is None:
        return []
    sources: dict[str, Source] = {}
    stack: list[tuple[etree._Element, tuple[str, ...]]] = [
        (outline, ()) for outline in reversed(_outlines(body))
    ]
    while stack:
        outline, folders = stack.pop()
        attributes = {key.lower(): value for key, value in outline.attrib.items()}
        source = _outline_source(attributes, folders)
        if source is not None:
            sources.setdefault(source.url, source)
        name = clean_line(attributes.get("text") or attributes.get("title"))
        inner = (*folders, name) if name else folders
        stack.extend((child, inner) for child in reversed(_outlines(outline)))
    return list(sources.values())


def _xml_parser() -> etree.XMLParser:
    """A parser that expands no entity and loads nothing: no DTD, no network."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def _local_name(element: etree._Element) -> str:
    """The tag without namespace, lower-cased; ``""`` for entity references and the like."""
    return etree.QName(element).localname.lower() if isinstance(element.tag, str) else ""


def _outlines(parent: etree._Element) -> list[etree._Element]:
    return [child for child in parent if _local_name(child) == "outline"]


def _outline_source(attributes: dict[str, str], folders: tuple[str, ...]) -> Source | None:
    """The source an outline stands for, or ``None`` for a folder or a note.

    ``folders`` are the names of the enclosing outlines: the outermost is the group, the
    innermost (below the group) the category, unless the outline has a ``category``.
    """
    kind = attributes.get(KIND_ATTRIBUTE.lower(), "")
    ours = kind in SOURCE_KINDS
    url = clean_url(attributes.get("htmlurl" if kind == "page" else "xmlurl", ""))
    if url is None:
        return None
    title = (
        attributes.get("title", "") if ours else attributes.get("title") or attributes.get("text")
    )
    # OPML 2.0 lists categories as "/a/b,/c/d"; the first one is kept.
    category = clean_line(attributes.get("category", "").split(",/")[0].lstrip("/"))
    language = normalize_language(clean_line(attributes.get("language")))
    return Source(
        url=url,
        title=clean_line(title),
        group=folders[0] if folders else "",
        category=category or (folders[-1] if len(folders) > 1 else ""),
        language="" if language == "unknown" else language,
        kind=cast(SourceKind, kind) if ours else "feed",
    )


def _outline_attributes(source: Source) -> dict[str, str]:
    attributes = {"text": source.title or source.category or source.url}
    if source.title:
        attributes["title"] = source.title
    if source.kind == "page":
        attributes["htmlUrl"] = source.url
    else:
        attributes.update(type="rss", xmlUrl=source.url)
    if source.category:
        attributes["category"] = source.category
    if source.language:
        attributes["language"] = source.language
    attributes[KIND_ATTRIBUTE] = source.kind
    return {name: clean_line(value) for name, value in attributes.items()}


def _join(base: str, href: str) -> str | None:
    try:
        return clean_url(urljoin(base, href.strip()))
    except ValueError:
        return None
