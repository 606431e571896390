"""The library database: articles seen, read/starred state, saved bodies, author index, search."""

from __future__ import annotations

from tui.library.bodies import body_from_dict
from tui.library.schema import LibraryError
from tui.library.search import SearchHit
from tui.library.store import ArticleState, Library, MarkUndo

__all__ = ["ArticleState", "Library", "LibraryError", "MarkUndo", "SearchHit", "body_from_dict"]
