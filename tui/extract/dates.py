"""Find the ``DD/MM/YYYY [HH:MM]`` dates Vietnamese pages print inside a line of text.

Reading a date value (ISO 8601, RFC 822, ...) is :func:`tui.dates.parse_date`'s job;
this module locates a printed date within page text, and says where it stands.
"""

from __future__ import annotations

import re
from datetime import datetime

from tui.dates import VIETNAM_TZ

_PRINTED = re.compile(
    r"(?<!\d)(?:(?P<h1>\d{1,2})[:h](?P<m1>\d{2})\s*(?:[,|-]\s*)?)?"
    r"(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})(?!\d)"
    r"(?:\s*(?:[,|-]|lúc|à)?\s*(?P<h2>\d{1,2})[:h](?P<m2>\d{2})(?!\d))?",
    re.IGNORECASE,
)


def find_printed(text: str) -> tuple[datetime, re.Match[str]] | None:
    """The first valid ``DD/MM/YYYY`` date in ``text`` (with a time before or after it).

    Day first, in Vietnam time: "01/12/2025" is 1 December.
    """
    for match in _PRINTED.finditer(text):
        hour = match.group("h1") or match.group("h2") or "0"
        minute = match.group("m1") or match.group("m2") or "0"
        try:
            moment = datetime(
                int(match.group("year")),
                int(match.group("month")),
                int(match.group("day")),
                int(hour),
                int(minute),
                tzinfo=VIETNAM_TZ,
            )
        except ValueError:
            continue
        return moment, match
    return None
