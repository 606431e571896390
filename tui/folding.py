"""Fold names and search text so that "Ngọc Diệp", "NGOC  DIEP" and "ngoc diep" compare equal."""

from __future__ import annotations

import unicodedata

# FTS5's remove_diacritics and NFKD both leave these letters alone: fold them by hand
# (the ligatures too: a French reader types "oeuf" for "œuf").
_UNDECOMPOSABLE = str.maketrans(
    {
        "đ": "d", "Đ": "d", "ð": "d", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l",
        "œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae",
    }
)  # fmt: skip


def fold(text: str) -> str:
    """Lower-case, strip diacritics (including đ → d) and collapse whitespace."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSABLE))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())
