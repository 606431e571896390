"""A fast reader for plain RSS 2.0 and Atom 1.0 feeds: feedparser's answer, read with lxml.

:func:`read_plain_feed` gives the part of feedparser's result that :mod:`tui.feeds` reads
(the same keys holding the same strings), so one field-building code serves both readers.
It takes a feed only when a strict check shows it reads it as feedparser does: well-formed
UTF-8 XML without a DTD, only elements it knows (each with feedparser's meaning, including
the order-dependent ones), text where text is expected and dates with an explicit zone.
Anything else raises :class:`NotPlain`, and the caller falls back to feedparser.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from datetime import timedelta, timezone
from typing import Any, TypeAlias
from urllib.parse import urljoin, urlsplit

from lxml import etree

from tui.dates import VIETNAM_TZ, parse_date

Entry: TypeAlias = dict[str, Any]
Element: TypeAlias = etree._Element

_ATOM = "http://www.w3.org/2005/Atom"
_DC = "http://purl.org/dc/elements/1.1/"
_CONTENT = "http://purl.org/rss/1.0/modules/content/"
_SLASH = "http://purl.org/rss/1.0/modules/slash/"
_SY = "http://purl.org/rss/1.0/modules/syndication/"
_WFW = "http://wellformedweb.org/CommentAPI/"
_MEDIA = ("http://search.yahoo.com/mrss/", "http://search.yahoo.com/mrss")
# Feedparser files an element under its usual prefix, looked up again in the prefixes the
# document declared: each prefix used here must name its usual namespace.
_PREFIXES = {
    "dc": (_DC,),
    "content": (_CONTENT,),
    "slash": (_SLASH,),
    "sy": (_SY,),
    "wfw": (_WFW,),
    "media": _MEDIA,
}
# Feedparser takes the feed's version from these namespaces, wherever they are declared.
_VERSION_NAMESPACES = frozenset(
    {"http://purl.org/rss/1.0/", "http://my.netscape.com/rdf/simple/0.9/"}
)
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
_UTF8 = frozenset({"utf-8", "utf8"})
_NONE: frozenset[str] = frozenset()
_TYPE = frozenset({"type"})
_ROOT_ATTRIBUTES = frozenset({"version", _XML_BASE.lower()})

_XML_DECLARED_ENCODING = re.compile(rb"^<\?.*encoding=['\"](.*?)['\"].*\?>")
_C1_CONTROL = re.compile("[\x80-\x9f]")
_NOT_LATIN1 = re.compile("[^\x00-\xff]")
# What makes feedparser read an RSS title as HTML: a tag or an entity reference.
_HTML_LIKE = re.compile(r"<|&#?\w+;")
_TAG_START = re.compile("<")
# Feedparser rewrites "&name;" in a link, and extra slashes after "scheme://" in a URL.
_LINK_ENTITY = re.compile(r"&[A-Za-z0-9_]+;")
_EXTRA_SLASHES = re.compile(r"[A-Za-z][A-Za-z0-9+-.]*:///")
# An absolute URL that urljoin gives back unchanged: http(s), an ASCII host, no ";" parameters,
# no empty "?" or "#". Most links and guids are; they skip its cost.
_JOINED_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?::\d+)?(?:/[^\s?#;]*)?(?:\?[^\s#]+)?(?:#\S+)?")
# RFC 822 and ISO 8601 dates that name their zone.
_DATE = re.compile(
    r"(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3,9}\s+\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?"
    r"\s+(?:[+-]\d{4}|(?:GMT|UTC)[+-]\d{1,2}(?::?\d{2})?|[A-Z]{1,5})"
    r"|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})"
)
_NO_ZONE = timezone(timedelta(minutes=1), "no zone")
# Feedparser's short content types.
_CONTENT_TYPES = {
    "text": "text/plain",
    "plain": "text/plain",
    "html": "text/html",
    "xhtml": "application/xhtml+xml",
}
_TEXT_TYPES = frozenset({"text/plain", "text/html"})
_HTML_LINK_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_LINK_ATTRIBUTES = frozenset({"rel", "type", "href", "hreflang", "title", "length"})
_MEDIA_ATTRIBUTES = frozenset(
    {
        "url", "type", "medium", "width", "height", "filesize", "duration", "bitrate",
        "framerate", "samplingrate", "channels", "lang", "expression", "isdefault", "time",
    }
)  # fmt: skip


class NotPlain(Exception):
    """The feed holds something only feedparser reads the reference way; the message says what."""


def read_plain_feed(content: bytes, url: str, content_type: str | None = None) -> dict[str, Any]:
    """The part of feedparser's result that :mod:`tui.feeds` reads, for a plain feed.

    ``{"version", "bozo", "feed", "entries"}``: the feed and each entry hold the keys and
    strings feedparser gives (with ``resolve_relative_uris`` off). Raises :class:`NotPlain`.
    """
    root = _parse(content, content_type)
    if root.tag == "rss" and root.get("version", "").startswith("2."):
        version, read = "rss20", _Reader.rss
    elif root.tag == f"{{{_ATOM}}}feed":
        version, read = "atom10", _Reader.atom
    else:
        raise NotPlain(f"<{_name(root)}> is not RSS 2.0 or Atom 1.0")
    _check_attributes(root, _ROOT_ATTRIBUTES)
    reader = _Reader(_base(url, root.get(_XML_BASE)))
    feed = read(reader, root)
    language = root.get(_XML_LANG)
    if language and "language" not in feed:
        feed["language"] = language.replace("_", "-")
    return {"version": version, "bozo": False, "feed": feed, "entries": reader.entries}


def _parse(content: bytes, content_type: str | None) -> Element:
    """The root of a well-formed UTF-8 XML document without DTD that feedparser reads as UTF-8."""
    data = content[3:] if content.startswith(codecs.BOM_UTF8) else content
    declared = _XML_DECLARED_ENCODING.match(data)
    xml_encoding = declared[1].decode("latin-1").lower() if declared else ""
    media_type, charset = _content_type(content_type)
    if xml_encoding and xml_encoding not in _UTF8:
        raise NotPlain(f"declared encoding {xml_encoding}")
    if charset and charset not in _UTF8:
        raise NotPlain(f"HTTP charset {charset}")
    # Feedparser reads a text/* document without a charset as ASCII, then guesses.
    if media_type.startswith("text/") and not (charset or xml_encoding or data.isascii()):
        raise NotPlain(f"{media_type} without a charset")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except (etree.LxmlError, ValueError) as error:
        raise NotPlain(f"not well-formed: {error}") from None
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        raise NotPlain("a DOCTYPE")
    if info.xml_version != "1.0" or str(info.encoding).lower() not in _UTF8:
        raise NotPlain(f"XML {info.xml_version} in {info.encoding}")
    for _, (prefix, uri) in etree.iterwalk(root, events=("start-ns",)):
        if uri.lower() in _VERSION_NAMESPACES or uri not in _PREFIXES.get(prefix, (uri,)):
            raise NotPlain(f"namespace {prefix}={uri}")
    return root


def _content_type(value: str | None) -> tuple[str, str]:
    """The media type and charset of an HTTP Content-Type, split as feedparser splits it."""
    media_type, *params = (value or "").split(";")
    charset = ""
    for param in params:
        key, _, found = param.partition("=")
        if key.strip().lower() == "charset":
            charset = found.strip().strip("\"'").lower()
    return media_type.strip(), charset


def _base(url: str, xml_base: str | None) -> str:
    """The base URI of every element: the feed URL, or an absolute xml:base on the root."""
    if not _is_web_url(url):
        raise NotPlain("a feed URL that is not http(s)")
    if xml_base is not None and not _is_web_url(xml_base):
        raise NotPlain(f"xml:base {xml_base!r}")
    return _resolve(url, xml_base or url)


def _is_web_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _resolve(base: str, uri: str) -> str:
    """``uri`` joined to ``base`` as feedparser joins them."""
    if _JOINED_URL.fullmatch(uri):
        return uri
    if _EXTRA_SLASHES.match(uri):
        raise NotPlain(f"URL {uri!r}")
    try:
        return urljoin(base, uri)
    except ValueError:
        raise NotPlain(f"URL {uri!r}") from None


def _name(element: Element) -> str:
    return str(etree.QName(element).localname)


def _check_attributes(element: Element, allowed: frozenset[str]) -> dict[str, str]:
    """The element's attributes keyed as feedparser keys them (rel and type values lowercased).

    Only the ``allowed`` names (lowercase) and xml:lang may be present.
    """
    attributes: dict[str, str] = {}
    for name, value in element.items():
        if name == _XML_LANG:
            continue
        key = name.lower()
        if key not in allowed or key in attributes:
            raise NotPlain(f"attribute {name} on <{_name(element)}>")
        attributes[key] = value.lower() if key in ("rel", "type") else value
    return attributes


def _check_leaf(element: Element) -> None:
    if len(element):
        raise NotPlain(f"markup inside <{_name(element)}>")


def _text(element: Element) -> str:
    """The text of a leaf element, stripped as feedparser strips it."""
    _check_leaf(element)
    text = (element.text or "").strip()
    if not text.isascii() and _rewritten(text):
        raise NotPlain(f"text feedparser rewrites in <{_name(element)}>")
    return text


def _rewritten(text: str) -> bool:
    """Whether feedparser changes this text: it maps C1 controls to cp1252, and decodes again
    a text that reads as UTF-8 once encoded in Latin-1 (taking it for double-encoded)."""
    if _C1_CONTROL.search(text):
        return True
    if _NOT_LATIN1.search(text):
        return False  # not Latin-1: left as it is
    try:
        return text.encode("latin-1").decode("utf-8") != text
    except UnicodeDecodeError:
        return False


def _plain(element: Element) -> str:
    """The text of a leaf element without attributes."""
    if element.attrib:
        _check_attributes(element, _NONE)
    return _text(element)


def _construct(element: Element) -> tuple[str, str]:
    """An Atom text construct's text and content type: text or HTML, never XHTML."""
    declared = _check_attributes(element, _TYPE).get("type", "text")
    content_type = _CONTENT_TYPES.get(declared, declared)
    if content_type not in _TEXT_TYPES:
        raise NotPlain(f"<{_name(element)}> of type {declared}")
    return _text(element), content_type


def _title(text: str, html_like: re.Pattern[str]) -> str:
    if html_like.search(text):
        raise NotPlain(f"HTML in a title: {text[:60]!r}")
    return text


def _date(element: Element) -> str:
    text = _plain(element)
    if not _DATE.fullmatch(text):
        raise NotPlain(f"date {text!r}")
    moment = parse_date(text, default_tz=_NO_ZONE)
    if moment is None:
        raise NotPlain(f"unreadable date {text!r}")
    # A date naming no zone (or one parse_date does not know) gets the default zone, or
    # Vietnam time if printed day first; compared by identity, as equal offsets are equal.
    if moment.tzinfo is _NO_ZONE or moment.tzinfo is VIETNAM_TZ:
        raise NotPlain(f"date {text!r} without a zone")
    return text


def _enforce_href(attributes: dict[str, str]) -> dict[str, str]:
    """Feedparser's rule: a url, uri or href attribute becomes the href."""
    href = attributes.get("url", attributes.get("uri", attributes.get("href")))
    if href:
        attributes.pop("url", None)
        attributes.pop("uri", None)
        attributes["href"] = href
    return attributes


def _add_tag(tags: list[Entry], term: str | None, scheme: str | None, label: str | None) -> None:
    if term or scheme or label:
        tag = {"term": term, "scheme": scheme, "label": label}
        if tag not in tags:
            tags.append(tag)


_ElementReader: TypeAlias = Callable[["_Reader", Entry, Element], None]


class _Reader:
    """Reads the elements feedparser gives meaning to, in document order, as it reads them."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.entries: list[Entry] = []

    def rss(self, root: Element) -> Entry:
        channels = [child for child in root if isinstance(child.tag, str)]
        if len(channels) != 1 or channels[0].tag != "channel":
            raise NotPlain("<rss> must hold one <channel> and nothing else")
        _check_attributes(channels[0], _NONE)
        return self._read(channels[0], _RSS_CHANNEL)

    def atom(self, root: Element) -> Entry:
        return self._read(root, _ATOM_FEED)

    def entry(self, context: Entry, element: Element) -> None:
        _check_attributes(element, _NONE)
        self.entries.append(
            self._read(element, _RSS_ITEM if element.tag == "item" else _ATOM_ENTRY)
        )

    def _read(self, element: Element, readers: dict[str, _ElementReader]) -> Entry:
        """Read each child in order; a value feedparser keeps once must appear once."""
        context: Entry = {}
        seen: set[_ElementReader] = set()
        for child in element:
            tag = child.tag
            if not isinstance(tag, str):
                continue  # a comment or a processing instruction
            reader = readers.get(tag)
            if reader is None:
                raise NotPlain(f"<{_name(child)}> in <{_name(element)}>")
            if reader in _ONCE:
                if reader in seen:
                    raise NotPlain(f"two <{_name(child)}> in <{_name(element)}>")
                seen.add(reader)
            reader(self, context, child)
        return context

    # -- text ----------------------------------------------------------------------------

    def rss_title(self, context: Entry, element: Element) -> None:
        context["title"] = _title(_plain(element), _HTML_LIKE)
        context["title_detail"] = {"type": "text/plain", "base": self.base}

    def atom_title(self, context: Entry, element: Element) -> None:
        text, content_type = _construct(element)
        context["title"] = _title(text, _TAG_START)
        context["title_detail"] = {"type": content_type, "base": self.base}

    def description(self, context: Entry, element: Element) -> None:
        context["summary"] = _plain(element)
        context["summary_detail"] = {"type": "text/html", "base": self.base}

    def atom_summary(self, context: Entry, element: Element) -> None:
        context["summary"], content_type = _construct(element)
        context["summary_detail"] = {"type": content_type, "base": self.base}

    def content_encoded(self, context: Entry, element: Element) -> None:
        self._content(context, _plain(element), "text/html")

    def atom_content(self, context: Entry, element: Element) -> None:
        self._content(context, *_construct(element))

    def _content(self, context: Entry, value: str, content_type: str) -> None:
        # Feedparser copies the content to the summary, unless a summary was read first.
        context["content"] = [{"type": content_type, "value": value, "base": self.base}]
        context.setdefault("summary", value)

    def language(self, context: Entry, element: Element) -> None:
        context["language"] = _plain(element)

    def ttl(self, context: Entry, element: Element) -> None:
        context["ttl"] = _plain(element)

    def slash_comments(self, context: Entry, element: Element) -> None:
        context["slash_comments"] = _plain(element)

    def published(self, context: Entry, element: Element) -> None:
        context["published"] = _date(element)

    def updated(self, context: Entry, element: Element) -> None:
        context["updated"] = _date(element)

    # -- links ---------------------------------------------------------------------------

    def rss_link(self, context: Entry, element: Element) -> None:
        text = _plain(element)
        link = _resolve(self.base, text) if text else ""
        if _LINK_ENTITY.search(link):
            raise NotPlain(f"link {link!r}")
        context["link"] = link

    def guid(self, context: Entry, element: Element) -> None:
        """An RSS guid or an Atom id: the link too when there is none, unless not a permalink."""
        attributes = _check_attributes(element, frozenset({"ispermalink"}))
        permalink = attributes.get("ispermalink", "true") == "true"
        text = _text(element)
        value = _resolve(self.base, text) if text and permalink else text
        context["id"] = value
        if permalink:
            context.setdefault("link", value)

    def atom_link(self, context: Entry, element: Element) -> None:
        """A resolved href; the last alternate HTML link is the link."""
        _check_leaf(element)
        attributes = _check_attributes(element, _LINK_ATTRIBUTES)
        if "href" not in attributes:
            raise NotPlain("<link> without href")
        rel = attributes.setdefault("rel", "alternate")
        link_type = attributes.setdefault(
            "type", "application/atom+xml" if rel == "self" else "text/html"
        )
        attributes["href"] = _resolve(self.base, attributes["href"])
        context.setdefault("links", []).append(attributes)
        if rel == "alternate" and _CONTENT_TYPES.get(link_type, link_type) in _HTML_LINK_TYPES:
            context["link"] = attributes["href"]

    def enclosure(self, context: Entry, element: Element) -> None:
        _check_leaf(element)
        attributes = _enforce_href(_check_attributes(element, frozenset({"url", "type", "length"})))
        attributes["rel"] = "enclosure"
        context.setdefault("links", []).append(attributes)

    def media(self, context: Entry, element: Element) -> None:
        _check_leaf(element)
        attributes = _check_attributes(element, _MEDIA_ATTRIBUTES)
        if "url" not in attributes:
            raise NotPlain(f"<media:{_name(element)}> without url")
        context.setdefault(f"media_{_name(element)}", []).append(attributes)

    def media_group(self, context: Entry, element: Element) -> None:
        _check_attributes(element, _NONE)
        for child in element:
            if isinstance(child.tag, str):
                if child.tag not in _MEDIA_GROUP:
                    raise NotPlain(f"<{_name(child)}> in <media:group>")
                self.media(context, child)

    # -- people and categories -----------------------------------------------------------

    def rss_author(self, context: Entry, element: Element) -> None:
        # Feedparser also splits an email off into "authors"; feeds.py reads this raw text then.
        context["author"] = _plain(element)

    def atom_author(self, context: Entry, element: Element) -> None:
        """Every name is kept; "author" is the last one, with its email as feedparser joins it."""
        fields = self._person(element)
        name, email = fields.get("name"), fields.get("email")
        if not name:
            raise NotPlain("an author without a name")
        context.setdefault("authors", []).append({"name": name})
        context["author"] = f"{name} ({email})" if email else name

    def person(self, context: Entry, element: Element) -> None:
        """A feed's author or contributor, which no field reads."""
        self._person(element)

    def _person(self, element: Element) -> dict[str, str]:
        _check_attributes(element, _NONE)
        fields: dict[str, str] = {}
        for child in element:
            if isinstance(child.tag, str):
                key = _PERSON.get(child.tag)
                if key is None or key in fields:
                    raise NotPlain(f"<{_name(child)}> in <{_name(element)}>")
                fields[key] = _plain(child)
        return fields

    def category(self, context: Entry, element: Element) -> None:
        """Feedparser's tags: from the attributes, then the text fills a tag without a term."""
        attributes = _check_attributes(element, frozenset({"domain", "scheme", "term", "label"}))
        tags = context.setdefault("tags", [])
        scheme = attributes.get("scheme", attributes.get("domain"))
        _add_tag(tags, attributes.get("term"), scheme, attributes.get("label"))
        value = _text(element)
        if value and tags and not tags[-1]["term"]:
            tags[-1]["term"] = value
        elif value:
            _add_tag(tags, value, None, None)

    # -- the rest ------------------------------------------------------------------------

    def ignored(self, context: Entry, element: Element) -> None:
        """A leaf feedparser files apart from every value read here."""
        _check_leaf(element)
        for name in element.attrib:
            if name == _XML_BASE or name.lower() == "base":
                raise NotPlain(f"a base URI on <{_name(element)}>")

    def ignored_tree(self, context: Entry, element: Element) -> None:
        """<image>, <skipHours>, <skipDays>: known leaves that feedparser files apart."""
        _check_attributes(element, _NONE)
        for child in element:
            if isinstance(child.tag, str):
                if child.tag not in _IGNORED_LEAVES[element.tag]:
                    raise NotPlain(f"<{_name(child)}> in <{_name(element)}>")
                self.ignored(context, child)


def _ns(namespaces: str | tuple[str, ...], names: dict[str, Any]) -> dict[str, Any]:
    """Clark-notation tags (``{namespace}name``) for names in one namespace or its aliases."""
    spaces = (namespaces,) if isinstance(namespaces, str) else namespaces
    return {f"{{{space}}}{name}": value for space in spaces for name, value in names.items()}


_R = _Reader
_MEDIA_GROUP: dict[str, _ElementReader] = _ns(_MEDIA, {"content": _R.media, "thumbnail": _R.media})
_ENTRY_EXTRAS: dict[str, _ElementReader] = {
    **_MEDIA_GROUP,
    **_ns(_MEDIA, {"group": _R.media_group}),
    **_ns(_SLASH, {"comments": _R.slash_comments, "department": _R.ignored,
                   "section": _R.ignored, "hit_parade": _R.ignored}),
}  # fmt: skip
_RSS_ITEM: dict[str, _ElementReader] = {
    "title": _R.rss_title,
    "link": _R.rss_link,
    "description": _R.description,
    "guid": _R.guid,
    "pubDate": _R.published,
    "author": _R.rss_author,
    "category": _R.category,
    "enclosure": _R.enclosure,
    "comments": _R.ignored,
    "source": _R.ignored,
    **_ns(_DC, {"creator": _R.rss_author, "date": _R.updated, "subject": _R.category}),
    **_ns(_CONTENT, {"encoded": _R.content_encoded}),
    **_ns(_WFW, {"commentRss": _R.ignored, "comment": _R.ignored}),
    **_ns(_ATOM, {"link": _R.atom_link}),
    **_ENTRY_EXTRAS,
}
_RSS_CHANNEL: dict[str, _ElementReader] = {
    "title": _R.rss_title,
    "link": _R.rss_link,
    "language": _R.language,
    "ttl": _R.ttl,
    "item": _R.entry,
    "image": _R.ignored_tree,
    "skipHours": _R.ignored_tree,
    "skipDays": _R.ignored_tree,
    **dict.fromkeys(
        ("description", "copyright", "generator", "docs", "managingEditor", "webMaster",
         "pubDate", "lastBuildDate", "rating", "category", "cloud"),
        _R.ignored,
    ),
    **_ns(_DC, {"language": _R.language, "rights": _R.ignored, "publisher": _R.ignored,
                "creator": _R.ignored, "date": _R.ignored}),
    **_ns(_SY, {"updatePeriod": _R.ignored, "updateFrequency": _R.ignored,
                "updateBase": _R.ignored}),
    **_ns(_ATOM, {"link": _R.atom_link}),
}  # fmt: skip
_ATOM_FEED: dict[str, _ElementReader] = _ns(
    _ATOM,
    {
        "title": _R.atom_title,
        "link": _R.atom_link,
        "id": _R.guid,
        "entry": _R.entry,
        "author": _R.person,
        "contributor": _R.person,
        **dict.fromkeys(
            ("subtitle", "rights", "updated", "generator", "icon", "logo", "category"), _R.ignored
        ),
    },
)
_ATOM_ENTRY: dict[str, _ElementReader] = {
    **_ns(
        _ATOM,
        {
            "title": _R.atom_title,
            "link": _R.atom_link,
            "id": _R.guid,
            "published": _R.published,
            "updated": _R.updated,
            "author": _R.atom_author,
            "category": _R.category,
            "summary": _R.atom_summary,
            "content": _R.atom_content,
            "rights": _R.ignored,
        },
    ),
    **_ENTRY_EXTRAS,
}
_PERSON: dict[str, str] = _ns(_ATOM, {"name": "name", "email": "email", "uri": "uri"})
_IGNORED_LEAVES = {
    "image": frozenset({"url", "title", "link", "width", "height", "description"}),
    "skipHours": frozenset({"hour"}),
    "skipDays": frozenset({"day"}),
}
# Values feedparser keeps one of: two elements would leave it to its order rules.
_ONCE: frozenset[_ElementReader] = frozenset(
    {
        _R.rss_title, _R.atom_title, _R.rss_link, _R.description, _R.atom_summary,
        _R.content_encoded, _R.atom_content, _R.guid, _R.published, _R.updated,
        _R.rss_author, _R.language, _R.ttl, _R.slash_comments,
    }
)  # fmt: skip
