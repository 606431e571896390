"""Web pages to models: an article page to an ArticleBody, a listing page to a Feed.

Built on lxml with our own content scoring (no readability library), so that
pages made only of ``<div>`` elements work and imports stay light. Both entry
points are synchronous CPU work: call them in a thread. Neither raises on bad
input; see :mod:`tui.extract.article` and :mod:`tui.extract.listing`.
"""

from __future__ import annotations

from tui.extract.article import extract_article
from tui.extract.document import looks_like_html
from tui.extract.listing import extract_listing

__all__ = ["extract_article", "extract_listing", "looks_like_html"]
