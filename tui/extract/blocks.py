"""Turn the main container into body blocks, in reading order, with inline emphasis and links."""

from __future__ import annotations

import re
from typing import NamedTuple

from tui.extract.document import BLOCK_TAGS, HEADING_TAGS, HtmlElement, absolute_url, text_of
from tui.extract.phrases import is_boilerplate, section_kind
from tui.folding import fold
from tui.models import Block, Figure, Heading, ListBlock, Paragraph, Quote, Span, Table
from tui.sanitize import clean_line

MAX_DEPTH = 100
"""Below this depth an element's text is taken whole: Python recursion stays bounded."""
MAX_CAPTION = 200
MAX_WRAPPER_TEXT = 300
"""A block holding one picture and at most this much text is a picture with its caption."""
_TABLE_LIMITS = (500, 30)
_IMAGE_SOURCES = ("data-src", "data-original", "data-lazy-src", "src", "data-srcset", "srcset")
_STRUCTURE = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote"})
_CREDIT = re.compile(r"\b(?:anh|photo|credit|nguon|source)\s*:|anh minh hoa|illustration")
_SENTENCE_END = (".", "!", "?", ":", ";", "…")
_BULLET = re.compile(r"^([•●◦▪■\-–+*])\s+")
_BULLET_SIGNS = "•●◦▪■"
"""Unmistakable bullets; a dash or plus opens a list item only on a short line (else dialogue)."""
MAX_SUBHEADING = 100


class _Style(NamedTuple):
    bold: bool = False
    italic: bool = False
    link: str | None = None


def body_blocks(container: HtmlElement, base: str) -> list[Block]:
    """The container's content as blocks; a comments heading ends the article."""
    writer = _Writer(base)
    writer.children(container, _Style(), 0)
    writer.flush()
    return _restyle(_attach_captions(writer.blocks))


def _clean_piece(raw: str | None) -> str:
    """Sanitize a run of inline text, keeping one space at an edge where it had whitespace."""
    if not raw:
        return ""
    core = clean_line(raw)
    before = " " if raw[:1].isspace() else ""
    after = " " if raw[-1:].isspace() else ""
    return f"{before}{core}{after}" if core else before or after


def _join(pieces: list[Span]) -> tuple[Span, ...]:
    """Collapse the spaces between pieces and merge neighbours of the same style."""
    spans: list[Span] = []
    for piece in pieces:
        text = piece.text
        if text.startswith(" ") and (not spans or spans[-1].text.endswith(" ")):
            text = text.lstrip(" ")
        if not text:
            continue
        last = spans[-1] if spans else None
        if last is not None and (last.bold, last.italic, last.link) == (
            piece.bold,
            piece.italic,
            piece.link,
        ):
            spans[-1] = Span(last.text + text, last.bold, last.italic, last.link)
        else:
            spans.append(Span(text, piece.bold, piece.italic, piece.link))
    while spans and spans[-1].text.endswith(" "):
        last = spans.pop()
        if text := last.text.rstrip(" "):
            spans.append(Span(text, last.bold, last.italic, last.link))
            break
    return tuple(spans)


class _Writer:
    """Walks elements, gathering inline pieces into paragraphs and emitting blocks."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.blocks: list[Block] = []
        self.pieces: list[Span] = []
        self.stopped = False

    def text(self, raw: str | None, style: _Style) -> None:
        if piece := _clean_piece(raw):
            self.pieces.append(Span(piece, style.bold, style.italic, style.link))

    def flush(self) -> None:
        spans = _join(self.pieces)
        self.pieces = []
        if spans:
            self.blocks.append(Paragraph(spans))

    def add(self, block: Block) -> None:
        self.flush()
        self.blocks.append(block)

    def children(self, el: HtmlElement, style: _Style, depth: int) -> None:
        self.text(el.text, style)
        for child in el:
            if self.stopped:
                return
            if isinstance(child.tag, str):
                self.walk(child, style, depth + 1)
            self.text(child.tail, style)

    def walk(self, el: HtmlElement, style: _Style, depth: int) -> None:
        tag = el.tag
        if depth > MAX_DEPTH:
            self.text(el.text_content(), style)
        elif tag in ("br", "hr"):
            self.flush()
        elif tag == "img":
            if src := image_source(el, self.base):
                self.add(Figure(src))
        elif tag in HEADING_TAGS:
            self.heading(el)
        elif tag == "blockquote":
            self.quote(el, style, depth)
        elif tag in BLOCK_TAGS:
            self.block(el, style, depth)
        else:
            self.children(el, _styled(el, style, self.base), depth)

    def block(self, el: HtmlElement, style: _Style, depth: int) -> None:
        """Lists, data tables and pictures become their blocks; other blocks are walked."""
        if self.skip(el):
            return
        if el.tag == "figure":
            caption = el.find(".//figcaption")
        else:
            caption = el if _is_picture_wrapper(el) else None
        handled = (
            (el.tag in ("ul", "ol") and self.list(el, style, depth))
            or (el.tag == "table" and self.table(el))
            or self.figure(el, caption)
        )
        if not handled:
            self.flush()
            self.children(el, style, depth)
            self.flush()

    def skip(self, el: HtmlElement) -> bool:
        """Leave out share bars, link clusters and section labels; stop at the comments."""
        text = text_of(el)
        kind = section_kind(text)
        if kind == "comments" and any(isinstance(b, Paragraph) for b in self.blocks):
            self.stopped = True
        return kind is not None or is_boilerplate(text) or _is_link_cluster(el)

    def heading(self, el: HtmlElement) -> None:
        if self.skip(el):
            return
        if text := text_of(el):
            self.add(Heading(text, int(el.tag[1])))

    def inner(self, el: HtmlElement, style: _Style, depth: int, separator: str) -> tuple[Span, ...]:
        """The paragraphs inside ``el`` as one run of spans, ``separator`` between them."""
        writer = _Writer(self.base)
        writer.children(el, style, depth)
        writer.flush()
        pieces: list[Span] = []
        for block in writer.blocks:
            if isinstance(block, Paragraph):
                if pieces:
                    pieces.append(Span(separator))
                pieces.extend(block.spans)
        return _join(pieces)

    def quote(self, el: HtmlElement, style: _Style, depth: int) -> None:
        if spans := self.inner(el, style, depth, "\n"):
            self.add(Quote(spans))

    def list(self, el: HtmlElement, style: _Style, depth: int) -> bool:
        items = [child for child in el if child.tag == "li"]
        if not items:
            return False
        texts = tuple(spans for item in items if (spans := self.inner(item, style, depth, " ")))
        if texts:
            self.add(ListBlock(texts, ordered=el.tag == "ol"))
        return True

    def table(self, el: HtmlElement) -> bool:
        """A data table becomes a Table; a layout table (pictures, one column) is walked."""
        if next(el.iter("img"), None) is not None:
            return False
        max_rows, max_cells = _TABLE_LIMITS
        rows = []
        for row in el.iter("tr"):
            if next(row.iterancestors("table"), None) is not el:
                continue
            cells = tuple(text_of(cell) for cell in row if cell.tag in ("td", "th"))[:max_cells]
            if any(cells):
                rows.append(cells)
        if not rows or max(len(cells) for cells in rows) < 2:
            return False
        self.add(Table(tuple(rows[:max_rows])))
        return True

    def figure(self, el: HtmlElement, caption: HtmlElement | None) -> bool:
        source = next(
            (src for img in el.iter("img") if (src := image_source(img, self.base))), None
        )
        if source is None or (caption is None and el.tag != "figure"):
            return False
        self.add(Figure(source, text_of(caption) if caption is not None else ""))
        return True


def _styled(el: HtmlElement, style: _Style, base: str) -> _Style:
    if el.tag in ("b", "strong"):
        return style._replace(bold=True)
    if el.tag in ("i", "em", "cite"):
        return style._replace(italic=True)
    if el.tag == "a":
        return style._replace(link=absolute_url(base, el.get("href")))
    return style


def image_source(img: HtmlElement, base: str) -> str | None:
    """The picture's real address (lazy-loading attributes first); icons and data: are dropped."""
    for size in (img.get("width"), img.get("height")):
        if size and size.strip().isdigit() and int(size) <= 40:
            return None
    for name in _IMAGE_SOURCES:
        value = (img.get(name) or "").strip()
        if name.endswith("srcset"):
            value = value.split(",")[0].strip().split(" ")[0]
        if url := absolute_url(base, value):
            return url
    return None


def _is_picture_wrapper(el: HtmlElement) -> bool:
    """One picture and a short text: a figure built of plain blocks, the text its caption."""
    if sum(1 for _ in el.iter("img")) != 1 or len(el.text_content()) > MAX_WRAPPER_TEXT * 2:
        return False
    if any(child.tag in _STRUCTURE for child in el.iterdescendants()):
        return False
    return len(text_of(el)) <= MAX_WRAPPER_TEXT


def _is_link_cluster(el: HtmlElement) -> bool:
    """Links making up most of the text, or short links with a label: a menu or a share bar."""
    links = [text for a in el.iter("a") if (text := text_of(a))]
    if len(links) < 2:
        return False
    text = text_of(el)
    linked = sum(len(link) for link in links)
    if linked >= 0.7 * len(text):
        return True
    label_words = len(text.split()) - sum(len(link.split()) for link in links)
    return label_words <= 3 and all(len(link.split()) <= 3 for link in links)


def _attach_captions(blocks: list[Block]) -> list[Block]:
    """A short line right after a picture is its caption, not a paragraph."""
    kept: list[Block] = []
    for block in blocks:
        previous = kept[-1] if kept else None
        if isinstance(previous, Figure) and isinstance(block, Figure) and previous.src == block.src:
            continue
        if (
            isinstance(previous, Figure)
            and not previous.caption
            and isinstance(block, Paragraph)
            and _caption_like(block)
        ):
            kept[-1] = Figure(previous.src, block.text)
            continue
        kept.append(block)
    return kept


def _caption_like(paragraph: Paragraph) -> bool:
    text = paragraph.text
    if len(text) > MAX_CAPTION:
        return False
    return (
        all(span.italic for span in paragraph.spans)
        or bool(_CREDIT.search(fold(text)))
        or not text.endswith(_SENTENCE_END)
    )


def _restyle(blocks: list[Block]) -> list[Block]:
    """Lines that pages built of plain blocks print: bulleted lines in a row are a list, and
    a short all-bold line between paragraphs is a subheading."""
    kept: list[Block] = []
    bullets: list[Paragraph] = []
    for index, block in enumerate(blocks):
        if isinstance(block, Paragraph) and _is_bulleted(block.text):
            bullets.append(block)
            continue
        kept.extend(_as_list(bullets))
        bullets = []
        if 0 < index < len(blocks) - 1 and _is_subheading(block):
            kept.append(Heading(block.text, 3))
        else:
            kept.append(block)
    kept.extend(_as_list(bullets))
    return kept


def _is_bulleted(text: str) -> bool:
    mark = _BULLET.match(text)
    if mark is None:
        return False
    return mark.group(1) in _BULLET_SIGNS or len(text) <= MAX_CAPTION


def _as_list(bullets: list[Paragraph]) -> list[Block]:
    """Two or more bulleted lines in a row are a list; a lone one stays a paragraph."""
    if len(bullets) < 2:
        return list(bullets)
    return [ListBlock(tuple(_without_bullet(paragraph.spans) for paragraph in bullets))]


def _without_bullet(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    first, rest = spans[0], spans[1:]
    text = _BULLET.sub("", first.text, count=1)
    return _join([Span(text, first.bold, first.italic, first.link), *rest])


def _is_subheading(block: Block) -> bool:
    if not isinstance(block, Paragraph) or len(block.text) > MAX_SUBHEADING:
        return False
    if block.text.endswith(_SENTENCE_END):
        return False
    return all(span.bold and not span.link for span in block.spans if span.text.strip())
