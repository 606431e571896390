"""An article page's bytes to an :class:`ArticleBody`: metadata, byline, body, related lists.

Never raises on bad input: bytes that are not a readable page give an ArticleBody
titled from the URL, with a ``notice`` saying why it is empty.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from tui.extract.blocks import body_blocks
from tui.extract.byline import take_byline
from tui.extract.cleanup import strip_boilerplate, strip_invisible
from tui.extract.content import MIN_STANDFIRST_WORDS, TextStats, main_container, standfirst
from tui.extract.dates import find_printed
from tui.extract.document import HtmlElement, looks_like_html, page_base, parse, text_of
from tui.extract.metadata import read_json_ld, read_metadata
from tui.extract.related import take_related
from tui.folding import fold
from tui.models import ArticleBody, Block, Heading, Paragraph
from tui.sanitize import clean_line

UNREADABLE = "This page could not be read: it is empty or not an HTML page."
NO_TEXT = "No article text was found on this page."

_NAME_PREFIX = re.compile(r"^(?:by|bởi|par|tác giả|author|auteur)\s*:?\s+", re.IGNORECASE)
_NAME_SPLIT = re.compile(r"\s*(?:,|&|\s[-–]\s|\svà\s|\sand\s|\set\s)\s*")
_NAME_WORD = re.compile(r"[^\W\d_][\w.'’-]*")
_NOT_NAMES = re.compile(r"^(?:theo|nguon|source|according|selon|photo|anh)\b")
_ID_SUFFIX = re.compile(r"[-_.]?\d{4,}$")
_HEADER_BLOCKS = 5
_BYLINE = 120
_SENTENCE_END = (".", "!", "?", "…", ":", ";", "»", "”", '"')


def extract_article(html: bytes, url: str, content_type: str | None = None) -> ArticleBody:
    """Everything a reader needs from an article page, every string sanitized."""
    root = parse(html, content_type) if looks_like_html(html, content_type) else None
    if root is None:
        return ArticleBody(url=url, title=title_from_url(url), notice=UNREADABLE)
    base = page_base(root, url)
    meta = read_metadata(root, url, read_json_ld(root))
    strip_invisible(root)
    related = take_related(root, base, url)
    title = meta.title or title_from_url(url)
    publishers = [name for name in (meta.publisher, meta.site_name) if name]
    byline = take_byline(root, base, url, title, publishers)
    strip_boilerplate(root, byline.headline)
    stats = TextStats(root)
    container = main_container(root, stats)
    lead_element = standfirst(stats, container, byline.headline)
    lead = _choose_lead(meta.description, text_of(lead_element) if lead_element is not None else "")
    headed, blocks = _after_headline(body_blocks(container, base), title)
    blocks = _without_repeats(blocks, [title, byline.printed_line])
    lead, blocks = _take_lead(lead, blocks)
    signed, blocks = _take_byline_lines(blocks) if headed else ([], blocks)
    names, blocks = _take_author_line(blocks)
    names = names or _author_after(container)
    comments = meta.comment_count if meta.comment_count is not None else byline.comment_count
    return ArticleBody(
        url=url,
        title=title,
        lead=lead,
        publisher=byline.publisher or meta.publisher,
        published=meta.published or byline.published,
        authors=_unique([*meta.authors, *signed, *names]),
        categories=tuple(meta.categories or byline.categories),
        blocks=blocks,
        source_url=byline.source_url,
        comment_count=comments,
        same_author=related.same_author,
        same_category=related.same_category,
        notice=None if blocks or lead else NO_TEXT,
    )


def title_from_url(url: str) -> str:
    """A readable title when the page gives none: the URL's slug, else its host."""
    parts = urlsplit(url)
    segments = [segment for segment in unquote(parts.path).split("/") if segment]
    slug = segments[-1].rsplit(".", 1)[0] if segments else ""
    words = clean_line(_ID_SUFFIX.sub("", slug).replace("-", " ").replace("_", " "))
    if words:
        return words[:1].upper() + words[1:]
    return clean_line(parts.hostname) or clean_line(url)


def _same_start(a: str, b: str) -> bool:
    """Whether two texts begin alike (a description is often the lead cut short)."""
    a, b = fold(a).rstrip(" .…"), fold(b).rstrip(" .…")
    size = min(len(a), len(b), 80)
    return size >= 20 and a[:size] == b[:size]


def _choose_lead(description: str, on_page: str) -> str:
    """The standfirst printed on the page when it agrees with the metadata, else the metadata's."""
    if on_page and (not description or _same_start(on_page, description)):
        return on_page
    return description


def _text(block: Block) -> str:
    return block.text if isinstance(block, Paragraph | Heading) else ""


def _after_headline(blocks: list[Block], title: str) -> tuple[bool, list[Block]]:
    """When the body holds the headline, the text above it (a section label) goes with it.

    Returns whether the headline was found: the lines after it are then the byline's.
    """
    folded = fold(title)
    for index, block in enumerate(blocks[:_HEADER_BLOCKS]):
        if _text(block) and fold(_text(block)) == folded:
            above = [block for block in blocks[:index] if not _text(block)]
            return True, above + blocks[index + 1 :]
    return False, blocks


def _take_byline_lines(blocks: list[Block]) -> tuple[list[str], list[Block]]:
    """Short lines that open the body under its headline ("By ...", a date): names kept."""
    names: list[str] = []
    for index, block in enumerate(blocks):
        text = _text(block)
        if not text or len(text) > _BYLINE or text.endswith(_SENTENCE_END):
            return names, blocks[index:]
        names.extend(author_names(text))
    return names, []


def _without_repeats(blocks: list[Block], shown: list[str]) -> list[Block]:
    """Leave out the headline and the byline lines where the body repeats them."""
    repeated = {fold(text) for text in shown if text}
    kept = []
    for index, block in enumerate(blocks):
        text = _text(block)
        if text and fold(text) in repeated:
            continue
        if index < 3 and text and len(text) <= 80 and find_printed(text) is not None:
            continue
        kept.append(block)
    return kept


def _take_lead(lead: str, blocks: list[Block]) -> tuple[str, list[Block]]:
    """Remove the lead from the body; with no lead yet, an all-bold first paragraph is it."""
    for index, block in enumerate(blocks[:3]):
        if not isinstance(block, Paragraph):
            continue
        rest = blocks[:index] + blocks[index + 1 :]
        if lead and _same_start(block.text, lead):
            # A description cut short ("...") gives way to the paragraph it was cut from.
            return (block.text if lead.endswith(("...", "…")) else lead), rest
        if not lead and index == 0 and _bold_standfirst(block):
            return block.text, rest
    return lead, blocks


def _bold_standfirst(paragraph: Paragraph) -> bool:
    """A first paragraph set all in bold, of sentence length: many sites print the lead so."""
    bold = all(span.bold for span in paragraph.spans if span.text.strip())
    return bold and len(paragraph.text.split()) >= MIN_STANDFIRST_WORDS


def _take_author_line(blocks: list[Block]) -> tuple[list[str], list[Block]]:
    """A bare name (or names) on the body's last line is the byline: take it out of the body."""
    last = blocks[-1] if blocks else None
    if not isinstance(last, Paragraph):
        return [], blocks
    names = author_names(last.text)
    return (names, blocks[:-1]) if names else ([], blocks)


def _author_after(container: HtmlElement) -> list[str]:
    """A bare name printed just after the body (outside its container) is the byline too."""
    following = (el for el in container.itersiblings() if isinstance(el.tag, str) and text_of(el))
    first = next(following, None)
    return author_names(text_of(first)) if first is not None else []


def author_names(line: str) -> list[str]:
    """The names in a byline such as "Ngọc Diệp" or "By Minh Anh and Hoàng Lan", else []."""
    text = clean_line(line)
    if not text or text.endswith(".") or len(text) > 80 or _NOT_NAMES.match(fold(text)):
        return []
    names = _NAME_SPLIT.split(_NAME_PREFIX.sub("", text))
    for name in names:
        words = name.split()
        if not 2 <= len(words) <= 5:
            return []
        if not all(_NAME_WORD.fullmatch(word) and word[0].isupper() for word in words):
            return []
    return names


def _unique(names: list[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(fold(name), name)
    return tuple(seen.values())
