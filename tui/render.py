"""Turn an ArticleBody into Rich renderables built from sanitized plain text, never markup."""

from __future__ import annotations

import contextlib
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from urllib.parse import urljoin, urlsplit

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.table import Table as RichTable
from rich.text import Text

from tui.models import (
    ArticleBody,
    Block,
    Figure,
    Heading,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    Span,
    Table,
)
from tui.sanitize import clean_line, clean_text

_WEB_SCHEMES = frozenset({"http", "https"})
# A feed's clock may run a little ahead of ours: such a time still reads "now".
_CLOCK_SKEW = timedelta(minutes=5)
_MIN_PLAIN_WIDTH = 20
_MIN_COLUMN_WIDTH = 8


@dataclass(frozen=True, slots=True)
class Labels:
    """The interface words around an article, in the article's language."""

    same_author: str = "Same author"
    same_category: str = "Same category"
    links: str = "Links"
    source: str = "Source"
    image: str = "Image"
    comment: str = "comment"
    comments: str = "comments"

    @classmethod
    def for_language(cls, lang: str) -> Labels:
        """Labels for a language tag ("vi", "fr-FR", "en_GB" ...); English for any other."""
        primary = lang.replace("_", "-").split("-", 1)[0].strip().lower()
        return _LABELS.get(primary, _LABELS["en"])

    def comment_count(self, count: int) -> str:
        return f"{count} {self.comment if count == 1 else self.comments}"


_LABELS = {
    "en": Labels(),
    "vi": Labels(
        same_author="Cùng tác giả",
        same_category="Cùng chuyên mục",
        links="Liên kết",
        source="Nguồn",
        image="Ảnh",
        comment="bình luận",
        comments="bình luận",
    ),
    "fr": Labels(
        same_author="Même auteur",
        same_category="Même catégorie",
        links="Liens",
        source="Source",
        image="Image",
        comment="commentaire",
        comments="commentaires",
    ),
}


@dataclass(slots=True)
class RenderedArticle:
    """An article ready to print, and the URLs its reference numbers stand for.

    ``links[n - 1]`` is the target of ``[n]``, whether it appears after linked text
    in the body or before a title in the related lists.
    """

    renderables: list[RenderableType]
    links: list[str]

    def __rich__(self) -> Group:
        return Group(*self.renderables)


def format_age(seconds: float) -> str:
    """A short age: "now", "5 min", "2 h", "3 d"."""
    if not math.isfinite(seconds) or seconds < 60:
        return "now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min"
    if seconds < 86_400:
        return f"{int(seconds // 3600)} h"
    return f"{int(seconds // 86_400)} d"


def format_datetime(moment: datetime, tz: tzinfo | None = None) -> str:
    """The day and time in ``tz`` (the local zone by default), e.g. 26/11/2025 18:00.

    A naive time is taken as UTC.
    """
    # A date at the edge of the calendar cannot move zone: it is shown in its own.
    with contextlib.suppress(OverflowError, ValueError, OSError):
        moment = _aware(moment).astimezone(tz)
    return moment.strftime("%d/%m/%Y %H:%M")


def format_when(moment: datetime, now: datetime | None = None, tz: tzinfo | None = None) -> str:
    """How long ago within the last day ("2 h"), else the local date and time."""
    age = _aware(now or datetime.now(UTC)) - _aware(moment)
    if -_CLOCK_SKEW <= age < timedelta(days=1):
        return format_age(age.total_seconds())
    return format_datetime(moment, tz)


def render_article(
    body: ArticleBody, *, labels: Labels | None = None, tz: tzinfo | None = None
) -> RenderedArticle:
    """Lay out an article: header, lead, body blocks, source, related lists, then the links."""
    labels = labels or _LABELS["en"]
    refs = _References(clean_line(body.url))
    sections = [
        _header(body, labels, tz),
        _styled(clean_text(body.lead), "italic"),
        *(_block(block, refs, labels) for block in body.blocks),
        _source(body, refs, labels),
        _related(labels.same_author, body.same_author, refs),
        _related(labels.same_category, body.same_category, refs),
    ]
    # Last, once every reference has its number.
    sections.append(_link_list(labels.links, refs.urls))
    renderables: list[RenderableType] = []
    for section in sections:
        if section is None:
            continue
        if renderables:
            renderables.append(Text())
        renderables.append(section)
    return RenderedArticle(renderables, refs.urls)


def render_plain(
    body: ArticleBody,
    *,
    width: int = 80,
    labels: Labels | None = None,
    tz: tzinfo | None = None,
) -> str:
    """The article as plain text wrapped at ``width`` columns (at least 20): no escape codes."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=max(width, _MIN_PLAIN_WIDTH),
        color_system=None,
        force_terminal=False,
        markup=False,
        emoji=False,
        highlight=False,
        legacy_windows=False,
    )
    console.print(render_article(body, labels=labels, tz=tz))
    return "\n".join(line.rstrip() for line in buffer.getvalue().split("\n"))


class _References:
    """Numbers the distinct web links of one article in order of first appearance."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self._numbers: dict[str, int] = {}

    @property
    def urls(self) -> list[str]:
        return list(self._numbers)

    def web_url(self, url: str | None) -> str | None:
        """The absolute http(s) form of ``url``, or None for another scheme (javascript:, data:)."""
        cleaned = clean_line(url).replace(" ", "%20")
        if not cleaned:
            return None
        try:
            absolute = urljoin(self.base_url, cleaned)
            parts = urlsplit(absolute)
        except ValueError:  # e.g. "http://[::1" (an unclosed IPv6 host)
            return None
        if parts.scheme.lower() not in _WEB_SCHEMES or not parts.netloc:
            return None
        return absolute

    def number(self, url: str) -> int:
        return self._numbers.setdefault(url, len(self._numbers) + 1)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _styled(text: str, style: str) -> Text | None:
    return Text(text, style) if text else None


def _header(body: ArticleBody, labels: Labels, tz: tzinfo | None) -> Text | None:
    """Title, then a dim meta line (publisher · date · authors · comments), then any notice."""
    meta = [clean_line(body.publisher)]
    if body.published is not None:
        meta.append(format_datetime(body.published, tz))
    meta.append(", ".join(name for name in map(clean_line, body.authors) if name))
    if body.comment_count is not None:
        meta.append(labels.comment_count(body.comment_count))
    lines = [
        (clean_line(body.title), "bold"),
        (" · ".join(part for part in meta if part), "dim"),
        (clean_line(body.notice), "italic"),
    ]
    header = Text()
    for line, style in lines:
        if line:
            if header:
                header.append("\n")
            header.append(line, style)
    return header or None


def _block(block: Block, refs: _References, labels: Labels) -> RenderableType | None:
    match block:
        case Paragraph(spans=spans):
            return _inline(spans, refs) or None
        case Heading(text=heading):
            return _styled(clean_line(heading), "bold")
        case Quote(spans=spans):
            quote = _inline(spans, refs, "italic")
            return _Hanging(quote, "▌ ", "▌ ", "dim") if quote else None
        case ListBlock(items=items, ordered=ordered):
            texts = [text for text in (_inline(item, refs) for item in items) if text]
            if not texts:
                return None
            if ordered:
                return _marked([f"{n}." for n in range(1, len(texts) + 1)], texts)
            return _marked(["•"] * len(texts), texts)
        case Figure():
            return _figure(block, refs, labels)
        case Table(rows=rows):
            return _table(rows)
    return None


def _inline(spans: Sequence[Span], refs: _References, style: str = "") -> Text:
    """Spans as one styled text; a run of linked text is followed by its number, "[n]"."""
    text = Text(style=style)
    urls = [refs.web_url(span.link) for span in spans]
    for index, span in enumerate(spans):
        piece = _clean_span(span.text)
        if not text:
            piece = piece.lstrip()
        elif text.plain[-1].isspace():
            piece = piece.lstrip(" ")
        emphasis = Style(bold=span.bold or None, italic=span.italic or None)
        url = urls[index]
        if url is None:
            text.append(piece, emphasis)
            continue
        words = piece.rstrip()
        text.append(words, emphasis + Style(link=url, underline=True))
        if index + 1 == len(urls) or urls[index + 1] != url:
            text.append(f"[{refs.number(url)}]", "dim")
        text.append(piece[len(words) :])
    text.rstrip()
    return text


def _clean_span(raw: str) -> str:
    """``clean_text`` for a span among others: whitespace at its edges stays as one space
    (or one line break), so "Hello " + "world" still reads "Hello world"."""

    def edge(space: str) -> str:
        return "\n" if "\n" in space or "\r" in space else " " if space else ""

    core = clean_text(raw)
    before = edge(raw[: len(raw) - len(raw.lstrip())])
    after = edge(raw[len(raw.rstrip()) :])
    if not core:
        return before
    return before + core + after


@dataclass(frozen=True, slots=True)
class _Hanging:
    """A renderable drawn after a marker: ``first`` before its first line, ``rest`` before
    every other line (an indent, or a quote's bar). Both have the same width."""

    body: RenderableType
    first: str
    rest: str
    style: str = ""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(1, options.max_width - cell_len(self.first))
        lines = console.render_lines(self.body, options.update(width=width, height=None), pad=False)
        style = console.get_style(self.style) if self.style else None
        for number, line in enumerate(lines):
            yield Segment(self.first if number == 0 else self.rest, style)
            yield from line
            yield Segment.line()


def _marked(markers: list[str], bodies: list[Text]) -> Group:
    """Bodies after right-aligned markers ("1.", "[12]", "•"), wrapped lines indented."""
    width = max(cell_len(marker) for marker in markers)
    return Group(
        *(
            _Hanging(body, marker.rjust(width) + " ", " " * (width + 1))
            for marker, body in zip(markers, bodies, strict=True)
        )
    )


def _figure(figure: Figure, refs: _References, labels: Labels) -> Text | None:
    """A placeholder "[Image] caption" and, on the next line, the image's web address."""
    caption = clean_line(figure.caption)
    url = refs.web_url(figure.src)
    if not caption and url is None:
        return None
    text = Text(f"[{labels.image}]", "dim")
    if caption:
        text.append(" ")
        text.append(caption, "italic")
    if url is not None:
        text.append("\n")
        text.append(url, Style(dim=True, link=url))
    return text


def _table(rows: Sequence[Sequence[str]]) -> _Grid | None:
    cells = [[clean_line(cell) for cell in row] for row in rows]
    cells = [row for row in cells if any(row)]
    return _Grid(cells) if cells else None


@dataclass(frozen=True, slots=True)
class _Grid:
    """A table's cells: a Rich table when its columns fit the width, else one item a row,
    cells joined by " │ " (thirty columns squeezed into 80 would be one letter wide)."""

    rows: list[list[str]]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        columns = max(len(row) for row in self.rows)
        if columns * _MIN_COLUMN_WIDTH > options.max_width:
            yield _marked(["•"] * len(self.rows), [Text(" │ ".join(row)) for row in self.rows])
            return
        table = RichTable(box=box.SIMPLE, show_header=False, show_edge=False, pad_edge=False)
        for _ in range(columns):
            table.add_column(overflow="fold")
        for row in self.rows:
            # Text cells: a str cell would be parsed as markup.
            table.add_row(*(Text(cell) for cell in row + [""] * (columns - len(row))))
        yield table


def _source(body: ArticleBody, refs: _References, labels: Labels) -> Text | None:
    url = refs.web_url(body.source_url) or refs.web_url(body.url)
    if url is None:
        return None
    return Text.assemble(f"{labels.source}: ", (url, Style(link=url)))


def _related(heading: str, links: Sequence[Link], refs: _References) -> Group | None:
    """A related list: "[n] title" lines; an entry that is not a web link is left out."""
    markers: list[str] = []
    titles: list[Text] = []
    for link in links:
        url = refs.web_url(link.url)
        if url is None:
            continue
        markers.append(f"[{refs.number(url)}]")
        titles.append(Text(clean_line(link.title) or url, Style(link=url)))
    if not titles:
        return None
    return Group(Text(heading, "bold"), _marked(markers, titles))


def _link_list(heading: str, urls: list[str]) -> Group | None:
    """The references at the end: "[n] url", one a line."""
    if not urls:
        return None
    markers = [f"[{n}]" for n in range(1, len(urls) + 1)]
    return Group(
        Text(heading, "bold"), _marked(markers, [Text(url, Style(link=url)) for url in urls])
    )
