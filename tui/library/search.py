"""Full-text search helpers: a safe FTS5 query from a person's words, and a highlighted snippet."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from tui.folding import fold
from tui.models import Article

_WORD = re.compile(r"[^\W_]+")
_FLAT = str.maketrans("\n\t", "  ")

SNIPPET_WIDTH = 160


@dataclass(slots=True)
class SearchHit:
    """One search result: the article, a one-line snippet and where the matches are in it."""

    article: Article
    snippet: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    """``(start, end)`` offsets into ``snippet`` of each matched word, in order."""


@dataclass(frozen=True, slots=True)
class Query:
    """A search as typed: its folded words, and whether the last word is still being typed."""

    terms: tuple[str, ...]
    prefix: bool

    def matches(self, word: str) -> bool:
        """Whether a folded word of an article matches one of the terms."""
        if self.prefix and word.startswith(self.terms[-1]):
            return True
        return word in self.terms


def parse_query(text: str) -> Query | None:
    """Split what a person typed into folded words; all FTS5 syntax is dropped.

    The last word matches as a prefix while it is being typed (the text ends with
    it) if it has two letters or more: "ha no" finds "Hà Nội", "c++" only "C".
    """
    folded = fold(text)
    terms = tuple(_WORD.findall(folded))
    if not terms:
        return None
    typing = folded.endswith(terms[-1]) and not text[-1].isspace()
    return Query(terms, prefix=typing and len(terms[-1]) >= 2)


def match_expression(query: Query) -> str:
    """An FTS5 MATCH string: every term quoted, so ``AND``, ``-`` or ``"`` are plain words."""
    quoted = [f'"{term}"' for term in query.terms]
    if query.prefix:
        quoted[-1] += "*"
    return " ".join(quoted)


def make_snippet(
    texts: Sequence[str], query: Query, width: int = SNIPPET_WIDTH
) -> tuple[str, list[tuple[int, int]]]:
    """A snippet of the text matching the most distinct terms (the earlier text wins ties)."""
    best_text, best_spans, best_score = "", [], 0
    for text in texts:
        spans = find_terms(text, query)
        score = len({fold(text[start:end]) for start, end in spans})
        if score > best_score:
            best_text, best_spans, best_score = text, spans, score
    if not best_spans:
        best_text = next((text for text in texts if text), "")
    return _window(best_text, best_spans, width)


def find_terms(text: str, query: Query) -> list[tuple[int, int]]:
    """Offsets in ``text`` of the words that match the query once folded."""
    folded, origin = _fold_with_origin(text)
    spans = []
    for word in _WORD.finditer(folded):
        if query.matches(word.group()):
            start, end = word.span()
            original_end = origin[end] if end < len(origin) else len(text)
            spans.append((origin[start], max(original_end, origin[end - 1] + 1)))
    return spans


def _fold_with_origin(text: str) -> tuple[str, list[int]]:
    """``text`` folded character by character, with the original index of each folded character."""
    pieces: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        piece = _fold_char(char)
        pieces.append(piece)
        origin.extend([index] * len(piece))
    return "".join(pieces), origin


@lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    return " " if char.isspace() else fold(char)


def _window(
    text: str, spans: list[tuple[int, int]], width: int
) -> tuple[str, list[tuple[int, int]]]:
    """At most ``width`` characters of ``text``, on one line, where the most terms meet."""
    text = text.translate(_FLAT)
    if len(text) <= width:
        return text, spans
    anchor_start, anchor_end = _densest(text, spans, width * 3 // 4) if spans else (0, 0)
    start = max(0, anchor_start - width // 4)
    if start and not text[start - 1].isspace():
        space = text.find(" ", start, anchor_start)
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", max(anchor_end, start + 1), end)
        end = space if space > 0 else end
    prefix = "…" if start else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    kept = [(s + shift, e + shift) for s, e in spans if s >= start and e <= end]
    return prefix + text[start:end] + suffix, kept


def _densest(text: str, spans: list[tuple[int, int]], reach: int) -> tuple[int, int]:
    """The match followed, within ``reach`` characters, by the most distinct matched words."""
    words = [fold(text[start:end]) for start, end in spans]
    best, best_count = spans[0], 0
    for index, (start, _) in enumerate(spans):
        near = {words[j] for j in range(index, len(spans)) if spans[j][1] <= start + reach}
        if len(near) > best_count:
            best, best_count = spans[index], len(near)
    return best
