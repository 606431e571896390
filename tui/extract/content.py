"""Find the article's main container by text density, whatever its tags and class names."""

from __future__ import annotations

from tui.extract.document import BLOCK_TAGS, HtmlElement, elements

MIN_PARAGRAPH = 25
"""Characters of running text that make an element count as a paragraph."""
MIN_STANDFIRST_WORDS = 12


def own_text(el: HtmlElement) -> str:
    """The element's text without its block-level children (but with inline ones)."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child.tag not in BLOCK_TAGS and child.tag != "br":
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return " ".join(" ".join(parts).split())


class TextStats:
    """Text and link-text lengths of every element, computed in one bottom-up pass."""

    def __init__(self, root: HtmlElement) -> None:
        self.order = elements(root)
        self.text: dict[HtmlElement, int] = {}
        self.links: dict[HtmlElement, int] = {}
        for el in reversed(self.order):
            text = _length(el.text)
            links = 0
            for child in el:
                if isinstance(child.tag, str):
                    text += self.text.get(child, 0)
                    links += self.links.get(child, 0)
                text += _length(child.tail)
            self.text[el] = text
            self.links[el] = text if el.tag == "a" else links

    def link_density(self, el: HtmlElement) -> float:
        return self.links.get(el, 0) / max(1, self.text.get(el, 0))


def _length(text: str | None) -> int:
    return len(" ".join(text.split())) if text else 0


def _paragraph_score(text: str) -> float:
    """Sentence-like text scores: commas and length count, as readers' eyes would."""
    return 1 + text.count(",") + text.count("،") + min(len(text) / 100, 3)


def paragraphs(stats: TextStats) -> list[HtmlElement]:
    """Elements that carry running text of their own (not links), in document order."""
    found = []
    for el in stats.order:
        if el.tag in ("a", "html", "head", "title"):
            continue
        text = own_text(el)
        if len(text) >= MIN_PARAGRAPH and stats.link_density(el) < 0.5:
            found.append(el)
    return found


def main_container(root: HtmlElement, stats: TextStats) -> HtmlElement:
    """The element whose subtree holds the most sentence-like, least linked text."""
    body = root.find("body")
    fallback = body if body is not None else root
    scores: dict[HtmlElement, float] = {}
    depth: dict[HtmlElement, int] = {}
    for paragraph in paragraphs(stats):
        score = _paragraph_score(own_text(paragraph))
        node: HtmlElement | None = paragraph
        for weight in (1.0, 1.0, 0.5, 0.25):
            if node is None or node.tag in ("html", "head"):
                break
            scores[node] = scores.get(node, 0.0) + score * weight
            node = node.getparent()
    if not scores:
        return fallback
    for el in scores:
        depth[el] = sum(1 for _ in el.iterancestors())
    return max(scores, key=lambda el: (scores[el] * (1 - stats.link_density(el)), depth[el]))


def standfirst(
    stats: TextStats, container: HtmlElement, after: HtmlElement | None
) -> HtmlElement | None:
    """The first paragraph between the headline element and the main container (the lead)."""
    if after is None:
        return None
    position = {el: index for index, el in enumerate(stats.order)}
    start, end = position.get(after), position.get(container)
    if start is None or end is None:
        return None
    inside_headline = set(after.iterdescendants())
    for el in stats.order[start + 1 : end]:
        if el not in inside_headline and len(own_text(el).split()) >= MIN_STANDFIRST_WORDS:
            return el
    return None
