"""Structured facts a page declares about itself: JSON-LD, OpenGraph, ``<meta>``, ``<time>``."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from tui.dates import VIETNAM_TZ, parse_date
from tui.extract.document import HtmlElement, text_of
from tui.folding import fold
from tui.sanitize import clean_line

_ARTICLE_TYPES = frozenset({"ReportageNews", "BlogPosting", "LiveBlogPosting", "Report"})
_TITLE_SEPARATOR = re.compile(r"\s+(?:-|–|—|\||·|»|::)\s+")
_MAX_JSON_DEPTH = 12


@dataclass(slots=True)
class Metadata:
    """What the page says about itself; every string already cleaned."""

    title: str = ""
    description: str = ""
    site_name: str = ""
    publisher: str = ""
    published: datetime | None = None
    authors: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    comment_count: int | None = None
    language: str = ""


def read_json_ld(root: HtmlElement) -> list[Any]:
    """The parsed JSON-LD documents of the page (call before scripts are removed)."""
    documents: list[Any] = []
    for script in root.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        try:
            documents.append(json.loads(script.text or "", strict=False))
        except (ValueError, RecursionError):
            continue
    return documents


def read_metadata(root: HtmlElement, url: str, json_ld: list[Any]) -> Metadata:
    """Metadata by priority: JSON-LD, then OpenGraph / ``article:*``, then plain tags."""
    meta = _meta_tags(root)
    article = next(_typed(json_ld, _is_article), {})
    data = Metadata(language=clean_line(root.get("lang")).split("-")[0].lower())
    data.site_name = _first(meta.get("og:site_name"), meta.get("application-name"))
    data.publisher = _first(_name(article.get("publisher")), data.site_name)
    page_title = _first(root.findtext(".//title"))
    site_names = [name for name in (data.site_name, data.publisher) if name]
    data.title = _first(
        _text(article.get("headline")),
        strip_site_suffix(_first(meta.get("og:title"), meta.get("twitter:title")), site_names, url),
        _headline(root, page_title),
        strip_site_suffix(page_title, site_names, url),
    )
    if not data.publisher:
        data.publisher = site_suffix(page_title, url)
    data.description = _first(
        _text(article.get("description")),
        meta.get("og:description"),
        meta.get("description"),
        meta.get("twitter:description"),
    )
    data.published = _published(article, meta, root)
    data.authors = _authors(article, meta, root, site_names)
    data.categories = _unique(
        _texts(article.get("articleSection"))
        + meta.get("article:section", [])
        + meta.get("article:tag", [])
        or _breadcrumb_names(json_ld, data.title)
    )
    data.comment_count = _count(article.get("commentCount"))
    return data


def strip_site_suffix(title: str, site_names: list[str], url: str) -> str:
    """``"Headline - VnExpress"`` -> ``"Headline"`` when the last part names the site."""
    suffix = site_suffix(title, url, site_names)
    return title[: title.rfind(suffix)].rstrip(" -–—|·»:") if suffix else title


def site_suffix(title: str, url: str, site_names: list[str] | None = None) -> str:
    """The site name ending ``title`` (``" | VnExpress"``, ``" - Báo ABC"``), or ``""``."""
    parts = _TITLE_SEPARATOR.split(title)
    if len(parts) < 2 or not parts[-1]:
        return ""
    last = parts[-1]
    folded = fold(last)
    host = (urlsplit(url).hostname or "").replace(".", "")
    words = last.split()
    if (
        any(folded == fold(name) for name in site_names or [])
        or (folded.replace(" ", "").replace(".", "") in host and len(folded) > 2)
        or ("." in last and " " not in last)
        or (len(words) <= 4 and all(word[0].isupper() or word[0].isdigit() for word in words))
    ):
        return last
    return ""


def _headline(root: HtmlElement, page_title: str) -> str:
    """The ``<h1>`` that is the article's headline, not a logo wrapped in an ``<h1>``."""
    folded_title = fold(page_title)
    headlines = [
        text
        for h1 in root.iter("h1")
        if (text := text_of(h1)) and not any(a.tag == "a" for a in h1.iterancestors())
    ]
    for text in headlines:
        if len(text.split()) >= 2 and fold(text) in folded_title:
            return text
    return next((text for text in headlines if len(text.split()) >= 3), "")


def _meta_tags(root: HtmlElement) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = {}
    for meta in root.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        value = clean_line(html.unescape(meta.get("content") or meta.get("datetime") or ""))
        if key and value:
            tags.setdefault(key.strip().lower(), []).append(value)
    return tags


def _typed(node: Any, wanted: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object (in lists, ``@graph`` or nested values) for which ``wanted`` holds."""
    if depth > _MAX_JSON_DEPTH:
        return
    if isinstance(node, list):
        for item in node:
            yield from _typed(item, wanted, depth + 1)
    elif isinstance(node, dict):
        if wanted(node):
            yield node
        for value in node.values():
            if isinstance(value, list | dict):
                yield from _typed(value, wanted, depth + 1)


def _types(node: dict[str, Any]) -> list[str]:
    kinds = node.get("@type")
    return [
        kind for kind in (kinds if isinstance(kinds, list) else [kinds]) if isinstance(kind, str)
    ]


def _is_article(node: dict[str, Any]) -> bool:
    return any(kind.endswith("Article") or kind in _ARTICLE_TYPES for kind in _types(node))


def _text(value: Any) -> str:
    return clean_line(html.unescape(value)) if isinstance(value, str) else ""


def _texts(value: Any) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [text for item in values if (text := _text(item))]


def _name(value: Any) -> str:
    if isinstance(value, list):
        return next((name for item in value if (name := _name(item))), "")
    if isinstance(value, dict):
        return _text(value.get("name"))
    return _text(value)


def _first(*candidates: str | list[str] | None) -> str:
    for candidate in candidates:
        value = candidate[0] if isinstance(candidate, list) and candidate else candidate
        if isinstance(value, str) and (text := clean_line(value)):
            return text
    return ""


def _unique(values: list[str]) -> list[str]:
    seen: set[str] = set()
    kept = []
    for value in values:
        if value and fold(value) not in seen:
            seen.add(fold(value))
            kept.append(value)
    return kept


def _published(
    article: dict[str, Any], meta: dict[str, list[str]], root: HtmlElement
) -> datetime | None:
    times = [el for el in root.iter("time") if el.get("datetime")]
    preferred = [
        el for el in times if el.get("itemprop") == "datePublished" or el.get("pubdate") is not None
    ]
    candidates = [
        _text(article.get("datePublished")),
        _text(article.get("dateCreated")),
        *meta.get("article:published_time", []),
        *meta.get("datepublished", []),
        *meta.get("pubdate", []),
        *meta.get("date", []),
        *(clean_line(el.get("datetime")) for el in preferred + times),
    ]
    return next(
        (moment for text in candidates if (moment := parse_date(text, default_tz=VIETNAM_TZ))),
        None,
    )


def _authors(
    article: dict[str, Any], meta: dict[str, list[str]], root: HtmlElement, site_names: list[str]
) -> list[str]:
    people = article.get("author")
    listed = people if isinstance(people, list) else [people]
    from_json = [
        name
        for person in listed
        if not (isinstance(person, dict) and "Organization" in _types(person))
        and (name := _name(person))
    ]
    from_meta = [value for value in meta.get("article:author", []) if "/" not in value]
    from_links = [text_of(a) for a in root.iter("a") if "author" in (a.get("rel") or "").split()]
    sites = {fold(name) for name in site_names}
    for source in (from_json, from_meta, meta.get("author", []), from_links):
        names = _unique([name for name in source if name and fold(name) not in sites])
        if names:
            return names
    return []


def _breadcrumb_names(json_ld: list[Any], title: str) -> list[str]:
    """Categories from a JSON-LD BreadcrumbList: its items but the first (home) and the article."""
    crumbs = next(_typed(json_ld, lambda node: "BreadcrumbList" in _types(node)), None)
    if crumbs is None:
        return []
    items = crumbs.get("itemListElement")
    names = [
        _name(item.get("item")) or _name(item)
        for item in (items if isinstance(items, list) else [])
        if isinstance(item, dict)
    ]
    return [name for name in names[1:] if name and fold(name) != fold(title)]


def _count(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and value >= 0:
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None
