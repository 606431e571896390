"""Make text from the network safe to show in a terminal.

Every string that comes from a feed or a page passes through :func:`clean_text`
(or :func:`clean_line`) before it is stored in a model, and again after any
HTML-to-text conversion: ``html.unescape`` can turn ``&#x9d;`` into a live C1
control.
"""

from __future__ import annotations

import re
import unicodedata

# ESC-led sequences: CSI, OSC / DCS / APC / PM / SOS strings, and two-byte escapes.
# A string's payload goes with it only when BEL or ST ends it on the same line: a
# lone introducer (a stray "&#x9d;" in a paragraph) loses itself, not the rest of
# the article; what follows it is plain text once the controls are gone.
_ESCAPE_SEQUENCES = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]?                  # CSI ... final byte
  | \x9b[0-?]*[ -/]*[@-~]?                    # 8-bit CSI
  | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])    # OSC, DCS, SOS, PM, APC (7- and 8-bit)
    [^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)     # ... payload, then BEL or ST
  | \x1b[ -/]*[0-~]?                           # other escapes (charset designators, ESC c, ...)
    """,
    re.VERBOSE,
)

_LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029]")
# C0 controls except tab, newline, VT and FF (those become spaces below), DEL, C1 controls,
# bidi embeddings/overrides/isolates, BOM, and lone surrogates (JSON "\ud800" decodes to
# one, and writing it to a UTF-8 terminal raises UnicodeEncodeError).
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200b\u3000]+")
_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
# Anything the full treatment would change: controls (newline included), odd or doubled
# spaces, space at either end. Most feed titles have none of it and skip the work.
_NEEDS_WORK = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00a0\u2000-\u200b\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\u3000\ufeff\ud800-\udfff]|  |^ | $"
)


def clean_text(text: str | None) -> str:
    """Strip escape sequences and control characters, and normalize to NFC.

    Newlines survive (a quote or a list item may span lines); runs of blank lines
    collapse to one.
    """
    if not text:
        return ""
    if not _NEEDS_WORK.search(text) and unicodedata.is_normalized("NFC", text):
        return text
    text = _LINE_BREAKS.sub("\n", text)
    text = _ESCAPE_SEQUENCES.sub("", text)
    text = _CONTROLS.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


def clean_line(text: str | None) -> str:
    """Like :func:`clean_text`, on one line: every run of whitespace becomes one space."""
    return " ".join(clean_text(text).split())
