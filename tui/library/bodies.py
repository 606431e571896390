"""Turn a stored article body (the JSON of ``ArticleBody.to_dict``) back into an ArticleBody."""

from __future__ import annotations

from datetime import datetime
from typing import Any

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


def body_from_dict(data: dict[str, Any]) -> ArticleBody:
    """The inverse of ``ArticleBody.to_dict``.

    ``to_dict`` keeps link targets but not bold/italic, and not ``notice``: those
    come back plain.
    """
    return ArticleBody(
        url=str(data.get("url") or ""),
        title=str(data.get("title") or ""),
        lead=str(data.get("lead") or ""),
        publisher=str(data.get("publisher") or ""),
        published=_datetime(data.get("published")),
        authors=tuple(str(name) for name in data.get("authors") or ()),
        categories=tuple(str(name) for name in data.get("categories") or ()),
        blocks=[block for item in data.get("body") or () if (block := _block(item)) is not None],
        source_url=data.get("source_url") or None,
        comment_count=data.get("comment_count"),
        same_author=_links(data.get("same_author")),
        same_category=_links(data.get("same_category")),
    )


def body_text(data: dict[str, Any]) -> str:
    """The readable text of a stored body (lead, then each block), one block a line."""
    parts = [str(data.get("lead") or "")]
    parts += [
        str(item.get("text") or "") for item in data.get("body") or () if isinstance(item, dict)
    ]
    return "\n".join(part for part in parts if part)


def _block(item: Any) -> Block | None:
    if not isinstance(item, dict):
        return None
    text = str(item.get("text") or "")
    match item.get("type"):
        case "heading":
            return Heading(text, level=int(item.get("level") or 2))
        case "quote":
            return Quote(_spans(text, item.get("links")))
        case "list":
            items = tuple((Span(str(entry)),) for entry in item.get("items") or ())
            return ListBlock(items, ordered=bool(item.get("ordered")))
        case "figure":
            return Figure(str(item.get("src") or ""), caption=str(item.get("caption") or ""))
        case "table":
            return Table(tuple(tuple(str(cell) for cell in row) for row in item.get("rows") or ()))
        case _:
            return Paragraph(_spans(text, item.get("links"))) if text else None


def _spans(text: str, links: Any) -> tuple[Span, ...]:
    """Cut ``text`` into plain runs and the linked runs named in ``links``, in order."""
    spans: list[Span] = []
    position = 0
    for link in links or ():
        label, url = str(link.get("text") or ""), link.get("url")
        start = text.find(label, position) if label else -1
        if start < 0:
            continue
        if start > position:
            spans.append(Span(text[position:start]))
        spans.append(Span(label, link=str(url) if url else None))
        position = start + len(label)
    if position < len(text):
        spans.append(Span(text[position:]))
    return tuple(spans)


def _links(items: Any) -> tuple[Link, ...]:
    return tuple(
        Link(str(item.get("title") or ""), str(item.get("url") or ""))
        for item in items or ()
        if isinstance(item, dict) and item.get("url")
    )


def _datetime(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
