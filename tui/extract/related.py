"""Related-article boxes ("Cùng tác giả", "Same category", "À lire aussi"), found by heading."""

from __future__ import annotations

from dataclasses import dataclass

from tui.extract.content import own_text
from tui.extract.document import HEADING_TAGS, HtmlElement, absolute_url, drop, elements, text_of
from tui.extract.phrases import MAX_LABEL, SectionKind, section_kind
from tui.models import Link
from tui.sanitize import clean_line

MIN_TITLE_WORDS = 3
"""A related link is a headline; menu items ("Thể thao") are shorter."""
_MAX_CLIMB = 4
_PROSE = 150


@dataclass(frozen=True, slots=True)
class Related:
    same_author: tuple[Link, ...] = ()
    same_category: tuple[Link, ...] = ()


def take_related(root: HtmlElement, base: str, page_url: str) -> Related:
    """Collect the links of every related box and remove the boxes from the page.

    Comment headings are looked for too, only so that a box stops where they start.
    """
    headings = _headings(root)
    marked = set(headings)
    found: dict[SectionKind, list[Link]] = {"same_author": [], "same_category": []}
    doomed: list[HtmlElement] = []
    for heading, kind in headings.items():
        parts = _box_after(heading, marked) if kind in found else []
        if parts:
            found[kind].extend(_links(parts, base, page_url))
            doomed.extend([heading, *parts])
    for el in doomed:
        drop(el)
    return Related(_unique(found["same_author"]), _unique(found["same_category"]))


def _headings(root: HtmlElement) -> dict[HtmlElement, SectionKind]:
    """The outermost elements whose whole text is a section label, in document order."""
    found: dict[HtmlElement, SectionKind] = {}
    inside: set[HtmlElement] = set()
    body = root.find("body")
    for el in elements(body if body is not None else root):
        if el in inside or el.tag in ("body", "a"):
            continue
        text = el.text_content()
        if len(text) > MAX_LABEL * 2:
            continue
        label = text_of(el)
        kind = section_kind(label)
        if kind is not None and _all_link(el):
            kind = section_kind(label, all_link=True)
        if kind is not None:
            found[el] = kind
            inside.update(el.iterdescendants())
    return found


def _all_link(el: HtmlElement) -> bool:
    if el.tag in HEADING_TAGS or any(parent.tag in HEADING_TAGS for parent in el.iterancestors()):
        return False
    linked = sum(len(a.text_content().strip()) for a in el.iter("a"))
    return linked >= len(el.text_content().strip())


def _box_after(heading: HtmlElement, headings: set[HtmlElement]) -> list[HtmlElement]:
    """The elements after ``heading`` that hold its links, up to prose or the next heading.

    When the heading is alone at the start of its wrapper, the list follows the wrapper.
    """
    node = heading
    for _ in range(_MAX_CLIMB):
        parts = []
        for sibling in node.itersiblings():
            if not isinstance(sibling.tag, str):
                continue
            if sibling in headings or any(el in headings for el in sibling.iterdescendants()):
                break
            if _is_prose(sibling):
                break
            if sibling.tag == "a" or next(sibling.iter("a"), None) is not None:
                parts.append(sibling)
        if parts:
            return parts
        parent = node.getparent()
        if parent is None or parent.tag in ("body", "html") or _has_text_before(node):
            return []
        node = parent
    return []


def _is_prose(el: HtmlElement) -> bool:
    """Running text of its own (the article resuming), as opposed to a list item or a teaser."""
    if el.tag == "li" or len(own_text(el)) < _PROSE:
        return False
    linked = sum(len(a.text_content().strip()) for a in el.iter("a"))
    return linked < len(el.text_content().strip()) / 2


def _has_text_before(node: HtmlElement) -> bool:
    parent = node.getparent()
    if parent is None:
        return False
    if (parent.text or "").strip():
        return True
    return any(
        sibling.text_content().strip() or (sibling.tail or "").strip()
        for sibling in node.itersiblings(preceding=True)
    )


def _links(parts: list[HtmlElement], base: str, page_url: str) -> list[Link]:
    links = []
    for part in parts:
        for a in part.iter("a"):
            url = absolute_url(base, a.get("href"))
            title = text_of(a) or clean_line(a.get("title"))
            if url and url != page_url and len(title.split()) >= MIN_TITLE_WORDS:
                links.append(Link(title, url))
    return links


def _unique(links: list[Link]) -> tuple[Link, ...]:
    seen: dict[str, Link] = {}
    for link in links:
        seen.setdefault(link.url, link)
    return tuple(seen.values())
