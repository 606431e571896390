"""Plain data shared by every layer: feeds, articles, article bodies, fetched responses."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal


@dataclass(frozen=True, slots=True)
class Link:
    """A titled link, as found in a listing page or a related-articles box."""

    title: str
    url: str

    def to_dict(self) -> dict[str, str]:
        return {"title": self.title, "url": self.url}


@dataclass(slots=True)
class Article:
    """One entry of a feed (or one link of a listing page)."""

    id: str
    url: str
    title: str
    summary: str = ""
    published: datetime | None = None
    authors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    publisher: str = ""
    thumbnail: str | None = None
    comment_count: int | None = None
    feed_url: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "published": iso_or_none(self.published),
            "authors": list(self.authors),
            "categories": list(self.categories),
            "summary": self.summary,
            "thumbnail": self.thumbnail,
            "publisher": self.publisher,
            "comment_count": self.comment_count,
        }


FeedKind = Literal["feed", "page"]
SourceKind = Literal["feed", "page", "auto"]


@dataclass(frozen=True, slots=True)
class Source:
    """A subscription: a feed URL, or a listing page followed for its article links."""

    url: str
    title: str = ""
    group: str = ""
    """The publication, e.g. "VnExpress"; the feed list groups by it."""
    category: str = ""
    """The section within the publication, e.g. "Thời sự"."""
    language: str = ""
    kind: SourceKind = "auto"

    @property
    def label(self) -> str:
        """What the feed list shows, e.g. "VnExpress › Thời sự"."""
        parts = [part for part in (self.group, self.category) if part]
        return " › ".join(parts) or self.title or self.url


@dataclass(slots=True)
class Feed:
    """A parsed feed, or the article links of a listing page (``kind == "page"``)."""

    url: str
    title: str
    articles: list[Article] = field(default_factory=list)
    link: str = ""
    language: str = ""
    kind: FeedKind = "feed"
    ttl_minutes: int | None = None
    warning: str | None = None


@dataclass(frozen=True, slots=True)
class Span:
    """A run of inline text with its emphasis and, optionally, a link target."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None


def spans_text(spans: tuple[Span, ...]) -> str:
    return "".join(span.text for span in spans)


@dataclass(frozen=True, slots=True)
class Paragraph:
    spans: tuple[Span, ...]
    type: Literal["paragraph"] = "paragraph"

    @property
    def text(self) -> str:
        return spans_text(self.spans)


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int = 2
    type: Literal["heading"] = "heading"


@dataclass(frozen=True, slots=True)
class Quote:
    spans: tuple[Span, ...]
    type: Literal["quote"] = "quote"

    @property
    def text(self) -> str:
        return spans_text(self.spans)


@dataclass(frozen=True, slots=True)
class ListBlock:
    items: tuple[tuple[Span, ...], ...]
    ordered: bool = False
    type: Literal["list"] = "list"

    @property
    def text(self) -> str:
        return "\n".join(spans_text(item) for item in self.items)


@dataclass(frozen=True, slots=True)
class Figure:
    src: str
    caption: str = ""
    type: Literal["figure"] = "figure"

    @property
    def text(self) -> str:
        return self.caption


@dataclass(frozen=True, slots=True)
class Table:
    rows: tuple[tuple[str, ...], ...]
    type: Literal["table"] = "table"

    @property
    def text(self) -> str:
        return "\n".join(" | ".join(row) for row in self.rows)


Block = Paragraph | Heading | Quote | ListBlock | Figure | Table


def block_to_dict(block: Block) -> dict[str, Any]:
    """The JSON shape of a body block: ``{type, text, ...}`` plus the type's own fields."""
    data: dict[str, Any] = {"type": block.type, "text": block.text}
    match block:
        case Heading(level=level):
            data["level"] = level
        case ListBlock(items=items, ordered=ordered):
            data["items"] = [spans_text(item) for item in items]
            data["ordered"] = ordered
        case Figure(src=src, caption=caption):
            data["src"] = src
            data["caption"] = caption
        case Table(rows=rows):
            data["rows"] = [list(row) for row in rows]
        case Paragraph(spans=spans) | Quote(spans=spans):
            links = [{"text": s.text, "url": s.link} for s in spans if s.link]
            if links:
                data["links"] = links
    return data


@dataclass(slots=True)
class ArticleBody:
    """A full article as extracted from its web page."""

    url: str
    title: str
    lead: str = ""
    publisher: str = ""
    published: datetime | None = None
    authors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    blocks: list[Block] = field(default_factory=list)
    source_url: str | None = None
    comment_count: int | None = None
    same_author: tuple[Link, ...] = ()
    same_category: tuple[Link, ...] = ()
    notice: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "title": self.title,
            "lead": self.lead,
            "publisher": self.publisher,
            "published": iso_or_none(self.published),
            "authors": list(self.authors),
            "categories": list(self.categories),
            "body": [block_to_dict(block) for block in self.blocks],
            "same_author": [link.to_dict() for link in self.same_author],
            "same_category": [link.to_dict() for link in self.same_category],
            "source_url": self.source_url,
            "comment_count": self.comment_count,
        }


@dataclass(frozen=True, slots=True)
class Fetched:
    """Bytes obtained through the cached client, with where they came from."""

    url: str
    content: bytes
    content_type: str
    fetched_at: datetime
    from_cache: bool = False
    stale: bool = False
    error: str | None = None
    """Why a stale copy was served instead of a fresh one."""

    @property
    def age_seconds(self) -> float:
        return max(0.0, (datetime.now(UTC) - self.fetched_at).total_seconds())


def iso_or_none(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None
