"""Facts printed around the headline on pages without (or with poor) metadata.

The publisher-and-date line, the printed date, the "Source:" link, the comment
counter and the breadcrumb categories, read from the page's visible text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from lxml import etree

from tui.extract.dates import find_printed
from tui.extract.document import HtmlElement, absolute_url, drop, elements, text_of
from tui.extract.phrases import comment_count
from tui.folding import fold
from tui.sanitize import clean_line

_PUBLISHER_WORDS = ("bao ", "tap chi ", "dai ", "thong tan", "ttxvn", "cong thong tin", "journal ")
_DOUBLED = re.compile(r"(.+?)\s*\1")
_SOURCE = re.compile(r"^(nguon|source|theo)\b\s*:?\s*")
_SOURCE_START = re.compile(r"\s*(?:ngu|sou|the)", re.IGNORECASE)
"""A cheap test before folding: the label's first letters, accents aside."""
_HOME = {"trang chu", "trang nhat", "home", "accueil"}
_LINE = 150
"""Longest text that can still be a byline or a label rather than prose."""


@dataclass(slots=True)
class Byline:
    headline: HtmlElement | None = None
    publisher: str = ""
    published: datetime | None = None
    printed_line: str = ""
    """The publisher-and-date line as shown, so that the body can leave it out."""
    source_url: str | None = None
    comment_count: int | None = None
    categories: list[str] = field(default_factory=list)


def take_byline(
    root: HtmlElement, base: str, page_url: str, title: str, publishers: list[str]
) -> Byline:
    """Read the byline facts; the publisher line and the "Source:" line leave the page."""
    body = root.find("body")
    scope = elements(body if body is not None else root)
    byline = Byline(headline=_headline_element(scope, title))
    line = _publisher_line(scope, {fold(name) for name in publishers})
    if line is not None:
        element, byline.publisher, byline.published, byline.printed_line = line
        drop(element)
    byline.published = byline.published or _printed_date(scope, byline.headline)
    source = _source_line(scope, base, page_url)
    if source is not None:
        byline.source_url = source[1]
        drop(source[0])
    byline.comment_count = _comment_count(scope)
    byline.categories = _breadcrumbs(scope) or _crumbs_near(byline.headline, publishers)
    return byline


def _headline_element(scope: list[HtmlElement], title: str) -> HtmlElement | None:
    folded = fold(title)
    if not folded:
        return None
    for el in scope:
        if len(title) <= len(el.text_content()) < len(title) * 2 and fold(text_of(el)) == folded:
            return el
    return next((el for el in scope if el.tag == "h1"), None)


def _text_with_alt(el: HtmlElement) -> Iterator[str]:
    """Visible text with images' alt text in place: logos often carry the paper's name.

    Only small elements are lines: past ``_LINE`` nodes the walk stops.
    """
    for count, (event, node) in enumerate(etree.iterwalk(el, events=("start", "end"))):
        if count > _LINE:
            return
        if event == "start":
            yield (node.get("alt") or "") if node.tag == "img" else ""
            yield node.text or ""
        elif node is not el:
            yield node.tail or ""


def _publisher_line(
    scope: list[HtmlElement], known: set[str]
) -> tuple[HtmlElement, str, datetime, str] | None:
    """A line such as "Báo Nhân DânBáo Nhân Dân01/12/2025": a paper's name, then a date."""
    for el in scope:
        shown = el.text_content()
        if len(shown) > _LINE or find_printed(shown) is None:
            continue
        text = clean_line("".join(_text_with_alt(el)))
        printed = find_printed(text)
        if printed is None or printed[1].end() != len(text):
            continue
        prefix = text[: printed[1].start()].strip(" -–|·,")
        doubled = _DOUBLED.fullmatch(prefix)
        name = doubled.group(1).strip() if doubled else prefix
        if _is_publisher(name, bool(doubled), known):
            return el, name, printed[0], text
    return None


def _is_publisher(name: str, doubled: bool, known: set[str]) -> bool:
    if not (3 <= len(name) <= 60) or not name[0].isupper() or name[-1] in ":,":
        return False
    folded = fold(name)
    return doubled or folded in known or folded.startswith(_PUBLISHER_WORDS)


def _printed_date(scope: list[HtmlElement], headline: HtmlElement | None) -> datetime | None:
    """The printed date nearest the headline (the page's own date, not today's in the header)."""
    anchor = scope.index(headline) if headline is not None and headline in scope else 0
    dated = []
    for index, el in enumerate(scope):
        text = el.text_content()
        printed = find_printed(clean_line(text)) if len(text) <= 80 else None
        if printed is not None and not any(a.tag == "a" for a in el.iterancestors()):
            dated.append((abs(index - anchor), printed[0]))
    return min(dated, key=lambda pair: pair[0])[1] if dated else None


def _source_line(
    scope: list[HtmlElement], base: str, page_url: str
) -> tuple[HtmlElement, str] | None:
    """A "Source: <link>" / "Nguồn: <link>" / "Theo <link>" line naming the original article."""
    for el in scope:
        raw = el.text_content()
        if len(raw) > _LINE * 2 or not _SOURCE_START.match(raw):
            continue
        text = fold(raw)
        label = _SOURCE.match(text)
        if not label or text.startswith("theo doi"):
            continue
        link = next((a for a in el.iter("a") if absolute_url(base, a.get("href"))), None)
        if link is None:
            continue
        if label.group(1) == "theo" and (
            len(text) > 60 or len(fold(link.text_content())) < len(text[label.end() :]) / 2
        ):
            continue
        url = absolute_url(base, link.get("href"))
        if url and url != page_url:
            return el, url
    return None


def _comment_count(scope: list[HtmlElement]) -> int | None:
    """The first comment counter that is not a link to another article (as lists show)."""
    for el in scope:
        text = el.text_content()
        if len(text) > 40:
            continue
        count = comment_count(clean_line(text))
        if count is None:
            continue
        links = [a.get("href") or "" for a in (el, *el.iterancestors()) if a.tag == "a"]
        if all(href.startswith("#") for href in links):
            return count
    return None


def _breadcrumbs(scope: list[HtmlElement]) -> list[str]:
    for el in scope:
        names = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
        if "breadcrumb" in names:
            crumbs = [
                text for a in el.iter("a") if (text := text_of(a)) and fold(text) not in _HOME
            ]
            if crumbs:
                return crumbs
    return []


def _crumbs_near(headline: HtmlElement | None, publishers: list[str]) -> list[str]:
    """Short section links placed just before the headline (a category label or breadcrumb)."""
    node = headline
    skip = _HOME | {fold(name) for name in publishers}
    for _ in range(3):
        if node is None or node.tag == "body":
            return []
        for sibling in list(node.itersiblings(preceding=True))[:3]:
            links = list(sibling.iter("a"))
            linked = sum(len(text_of(a)) for a in links)
            if not 1 <= len(links) <= 4 or next(sibling.iter("img"), None) is not None:
                continue
            if linked < 0.8 * len(text_of(sibling)):
                continue
            names = [text for a in links if (text := text_of(a)) and fold(text) not in skip]
            if names and all(len(name.split()) <= 4 for name in names):
                return names
        node = node.getparent()
    return []
