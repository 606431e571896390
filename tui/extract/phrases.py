"""Recognize the labels news pages print, in Vietnamese, English and French, after folding.

Related boxes and comment sections are found by what their heading says, not by a
site's class names, so that pages never seen before work too.
"""

from __future__ import annotations

import re
from typing import Literal

from tui.folding import fold

SectionKind = Literal["same_author", "same_category", "comments"]

_SAME_AUTHOR = {
    "cung tac gia", "bai cung tac gia", "tin cung tac gia", "bai viet cung tac gia",
    "same author", "by the same author", "more from this author", "more by this author",
    "meme auteur", "du meme auteur", "articles du meme auteur",
}  # fmt: skip
_SAME_CATEGORY = {
    "cung chuyen muc", "tin cung chuyen muc", "bai cung chuyen muc", "tin lien quan",
    "bai lien quan", "bai viet lien quan", "doc them", "xem them", "tin khac",
    "same category", "related", "related articles", "related news", "related stories",
    "read more", "read also", "see also", "more stories",
    "meme categorie", "dans la meme categorie", "de la meme categorie", "a lire aussi",
    "a lire egalement", "lire aussi", "sur le meme sujet", "dans la meme rubrique",
}  # fmt: skip
_PREFIXES: tuple[tuple[str, SectionKind], ...] = (
    ("more from ", "same_author"),
    ("more by ", "same_author"),
    ("more in ", "same_category"),
)
_GENERIC = {"xem them", "doc them", "read more", "tin khac"}
"""Phrases that also label ordinary buttons: a heading made only of a link does not count."""

_COMMENT_WORDS = r"binh luan|y kien(?: ban doc)?|comments?|commentaires?|reactions?"
_COMMENT_HEADING = re.compile(
    rf"^(?:\d[\d.,]*\s*)?(?:{_COMMENT_WORDS})(?:\s*\(\d[\d.,]*\))?$"
    r"|^(?:gui|viet|leave a|post a|add a|laisser un|ajouter un|votre|your)"
    r" (?:binh luan|comment|commentaire)$"
)
_COMMENT_COUNT = re.compile(
    rf"(?<![\d.,])(\d[\d.,]*)\s*(?:{_COMMENT_WORDS})\b|\b(?:{_COMMENT_WORDS})\s*\(\s*(\d[\d.,]*)\s*\)"
)
_BOILERPLATE = {
    "chia se", "chia se bai viet", "share", "share this", "share this article", "partager",
    "partager cet article", "tweet", "in bai", "in bai viet", "print", "imprimer",
    "copy link", "sao chep lien ket", "luu", "save", "theo doi", "follow", "suivre",
    "facebook", "twitter", "zalo", "email", "e-mail", "quang cao", "advertisement", "publicite",
}  # fmt: skip
_TRAILING = " :»›>→-–—|.…"
MAX_LABEL = 60
"""A label longer than this is prose, not a heading."""


def _key(text: str) -> str:
    return fold(text).strip(_TRAILING)


def section_kind(text: str, all_link: bool = False) -> SectionKind | None:
    """What a heading announces, if it is one of the known labels.

    ``all_link`` says the heading's whole text is a link, which rules out the
    generic labels ("Xem thêm", "Read more") that buttons also use.
    """
    if not text or len(text) > MAX_LABEL:
        return None
    key = _key(text)
    if all_link and key in _GENERIC:
        return None
    if key in _SAME_AUTHOR:
        return "same_author"
    if key in _SAME_CATEGORY:
        return "same_category"
    if _COMMENT_HEADING.match(key):
        return "comments"
    for prefix, kind in _PREFIXES:
        rest = key.removeprefix(prefix)
        if rest != key and 0 < len(rest.split()) <= 5:
            return kind
    return None


def comment_count(text: str) -> int | None:
    """The number in a short label such as "12 bình luận", "Comments (3)", "1.024 commentaires"."""
    if len(text) > 40:
        return None
    match = _COMMENT_COUNT.search(fold(text))
    if not match:
        return None
    digits = re.sub(r"\D", "", match.group(1) or match.group(2))
    return int(digits) if digits and len(digits) < 9 else None


def is_boilerplate(text: str) -> bool:
    """Share-bar and advertising labels that are never article text."""
    return 0 < len(text) <= MAX_LABEL and _key(text) in _BOILERPLATE
