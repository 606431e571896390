"""Remove what is never article text: scripts, hidden parts, menus, share bars, comments, ads."""

from __future__ import annotations

import re

from tui.extract.document import HtmlElement, drop, elements

_INVISIBLE_TAGS = frozenset({
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed",
    "applet", "svg", "math", "canvas", "video", "audio", "source", "track", "map", "button",
    "select", "input", "textarea", "option", "dialog", "link", "meta",
})  # fmt: skip
_BOILERPLATE_TAGS = frozenset({"nav", "aside", "footer", "form", "menu"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_TOKEN_SPLIT = re.compile(r"[\s_-]+")
_JUNK_PREFIXES = (
    "nav", "menu", "share", "sharing", "social", "comment", "footer", "related", "breadcrumb",
    "advert", "sidebar", "login", "signin", "signup", "register", "newsletter", "subscribe",
    "cookie", "popup", "modal", "banner", "sponsor", "promo", "toolbar", "pagination", "pager",
)  # fmt: skip
_JUNK_TOKENS = frozenset(
    {"ad", "ads", "adv", "qc", "sns", "topbar", "masthead", "contentinfo", "tags"}
)
_KEEP_SHARE = 0.5
"""A flagged element holding more than this share of the page's text is kept: a guard
against a page whose main wrapper happens to carry a class such as ``content-ads``."""


def strip_invisible(root: HtmlElement) -> None:
    """Drop scripts, embedded objects, form controls and anything marked hidden."""
    for el in elements(root):
        hidden = (
            el.tag in _INVISIBLE_TAGS
            or el.get("hidden") is not None
            or el.get("aria-hidden") == "true"
            or _HIDDEN_STYLE.search(el.get("style") or "")
        )
        if hidden and el.tag not in ("html", "body"):
            drop(el)


def strip_boilerplate(root: HtmlElement, headline: HtmlElement | None = None) -> None:
    """Drop navigation, site headers and footers, asides, and elements named as such.

    An element that holds the ``headline`` is the article's column, whatever its name
    (VnExpress calls its main column ``sidebar-1``): it stays.
    """
    total = len(root.text_content()) or 1
    keep = set(headline.iterancestors()) if headline is not None else set()
    for el in elements(root):
        if el.getparent() is None or el.tag in ("html", "body", "head") or el in keep:
            continue
        if _is_boilerplate(el) and len(el.text_content()) <= total * _KEEP_SHARE:
            drop(el)


def _is_boilerplate(el: HtmlElement) -> bool:
    if el.tag in _BOILERPLATE_TAGS:
        return True
    if el.tag == "header":
        return not any(parent.tag in ("article", "main") for parent in el.iterancestors())
    names = f"{el.get('class') or ''} {el.get('id') or ''} {el.get('role') or ''}".lower()
    tokens = [token for token in _TOKEN_SPLIT.split(names) if token]
    return any(token in _JUNK_TOKENS or token.startswith(_JUNK_PREFIXES) for token in tokens)
