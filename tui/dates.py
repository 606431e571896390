"""Read the dates feeds and pages carry into aware datetimes, or None when they cannot be read."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import Any

from feedparser.datetimes import (
    _parse_date_asctime,
    _parse_date_greek,
    _parse_date_hungarian,
    _parse_date_nate,
    _parse_date_onblog,
    _parse_date_perforce,
)

VIETNAM_TZ = timezone(timedelta(hours=7), "ICT")
"""Indochina Time: the zone of a ``DD/MM/YYYY HH:MM`` date printed without one."""

_MAX_LENGTH = 120

# Zone abbreviations, in minutes east of UTC. The one-letter military zones are left out
# (RFC 1123 itself calls their signs unreliable); "CST" and "IST" keep their RFC 822 and
# most common meanings (US Central, India).
_ZONES = {
    "UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "WET": 0,
    "BST": 60, "CET": 60, "MET": 60, "WAT": 60, "WEST": 60,
    "CEST": 120, "MEST": 120, "EET": 120, "SAST": 120,
    "EEST": 180, "MSK": 180,
    "IST": 330,
    "ICT": 420, "WIB": 420,
    "SGT": 480, "HKT": 480, "PHT": 480, "MYT": 480, "AWST": 480, "WITA": 480,
    "JST": 540, "KST": 540, "WIT": 540,
    "ACST": 570, "AEST": 600, "ACDT": 630, "AEDT": 660, "NZST": 720, "NZDT": 780,
    "AT": -240, "AST": -240, "ADT": -180,
    "ET": -300, "EST": -300, "EDT": -240,
    "CT": -360, "CST": -360, "CDT": -300,
    "MT": -420, "MST": -420, "MDT": -360,
    "PT": -480, "PST": -480, "PDT": -420,
    "AKST": -540, "AKDT": -480, "HST": -600,
}  # fmt: skip

_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip

_OFFSET = re.compile(r"(?P<sign>[+-])(?P<hours>\d{1,2})(?::?(?P<minutes>\d{2}))?")
# "+0700", "-07:00", "GMT+7", "(UTC+07:00)", "Etc/GMT", "ICT", "+0700 (ICT)".
_ZONE = re.compile(
    r"\(?(?:(?P<utc>(?P<etc>Etc/)?(?:GMT|UTC|UT))(?:\s*(?P<prefixed>[+-]\S*?))?"
    r"|(?P<offset>[+-]\S*?)|(?P<name>[A-Za-z]{1,5}))\)?(?:\s*\([A-Za-z ]{1,40}\))?",
    re.IGNORECASE,
)

# RFC 822 / RFC 2822 and their common sloppy forms: "Wed, 26 Nov 2025 18:00:00 +0700",
# "Mon, 13 Feb, 2012 06:28 UTC", "Thu Aug 30 2012 17:26:16 +0200", "26 January 2004".
_RFC822 = re.compile(
    r"""
    (?:[A-Za-z]{3,9}\.?\s*,?\s*)?
    (?: (?P<day>\d{1,2})\s+(?P<month>[A-Za-z]{3,9})\.?
      | (?P<month_first>[A-Za-z]{3,9})\.?\s+(?P<day_second>\d{1,2}) )
    \s*,?\s+(?P<year>\d{4}|\d{2})
    (?:\s*,?\s+(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?
    (?:\s+(?P<zone>.+))?
    """,
    re.VERBOSE,
)

# ISO 8601 / W3C-DTF dates, each form matched whole, then an optional time and zone.
_ISO_TIME = (
    r"(?:[T ](?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,](?P<fraction>\d+))?)?"
    r"(?:\s*(?P<zone>Z|[+-]\d{2}(?::?\d{2})?))?)?"
)
_ISO_DATES = tuple(
    re.compile(form + _ISO_TIME)
    for form in (
        r"(?P<year>\d{4})-0?(?P<month>\d{2})-(?P<day>\d{2})",
        r"(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})",
        r"(?P<year>\d{4})-(?P<month>\d{2})",
        r"(?P<year>\d{4})-?(?P<ordinal>\d{3})",
        r"(?P<year>\d{4})",
        r"(?P<short_year>\d{2})-?(?P<month>\d{2})-?(?P<day>\d{2})",
        r"(?P<short_year>\d{2})-?(?P<ordinal>\d{3})",
        r"-(?P<short_year>\d{2})-?(?P<month>\d{2})",
    )
)

# "26/11/2025 18:00", "Thứ tư, 26/11/2025, 18:00 (GMT+7)", "18h30 ngày 26-11-2025".
_PRINTED_DAY = re.compile(r"(?<!\d)(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?!\d)")
_PRINTED_CLOCK = re.compile(r"(?<![\d:/.-])(\d{1,2})[:hH](\d{2})(?::(\d{2}))?(?![\d/])")
_PRINTED_ZONE = re.compile(r"(?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d{2})?|\b[A-Z]{2,5}\b")

# Formats only feedparser knows (Greek, Hungarian and Korean month or hour words, Perforce,
# asctime). Its ISO 8601 and RFC 822 handlers are not used: they accept a valid prefix of
# garbage ("2013-01-28T09:xx") and roll out-of-range fields over (25:00 is the next day).
_FEEDPARSER_HANDLERS: tuple[Callable[[str], time.struct_time | None], ...] = (
    _parse_date_greek,
    _parse_date_hungarian,
    _parse_date_nate,
    _parse_date_onblog,
    _parse_date_perforce,
    _parse_date_asctime,
)


def parse_date(value: str | None, *, default_tz: tzinfo = UTC) -> datetime | None:
    """An aware datetime for a date string, or None when it cannot be read. Never raises.

    Reads RFC 822 (with zone names such as ICT), ISO 8601 / W3C-DTF, Vietnamese printed
    ``DD/MM/YYYY HH:MM`` dates (Vietnam time unless a zone is printed), and the exotic
    forms feedparser knows. A standard date without a zone is read in ``default_tz``.
    """
    if not value:
        return None
    text = " ".join(value.split())
    if not text or len(text) > _MAX_LENGTH:
        return None
    for reader in (_read_iso, _read_rfc822, _read_printed):
        moment = reader(text, default_tz)
        if moment is not None:
            return _in_range(moment)
    return _read_with_feedparser(text)


def _read_iso(text: str, default_tz: tzinfo) -> datetime | None:
    for form in _ISO_DATES:
        match = form.fullmatch(text)
        if match:
            break
    else:
        return None
    fields: dict[str, Any] = dict.fromkeys(("short_year", "month", "day", "ordinal"))
    fields |= match.groupdict()
    zone = _zone(fields["zone"], default_tz) if fields["zone"] else default_tz
    if zone is None:
        return None
    # A two-digit ISO 8601 year is in the current century.
    year = 2000 + int(fields["short_year"]) if fields["short_year"] else int(fields["year"])
    try:
        if fields["ordinal"]:
            day = _ordinal_day(year, int(fields["ordinal"]))
        else:
            day = date(year, int(fields["month"] or 1), int(fields["day"] or 1))
        return _at(
            day, fields["hour"], fields["minute"], fields["second"], fields["fraction"], zone
        )
    except ValueError:
        return None


def _read_rfc822(text: str, default_tz: tzinfo) -> datetime | None:
    match = _RFC822.fullmatch(text)
    if not match:
        return None
    fields = match.groupdict()
    month = _month(fields["month"] or fields["month_first"])
    zone = _zone(fields["zone"], default_tz) if fields["zone"] else default_tz
    if month is None or zone is None:
        return None
    year = int(fields["year"])
    if len(fields["year"]) == 2:
        year += 2000 if year < 50 else 1900
    try:
        day = date(year, month, int(fields["day"] or fields["day_second"]))
        return _at(day, fields["hour"], fields["minute"], fields["second"], None, zone)
    except ValueError:
        return None


def _read_printed(text: str, default_tz: tzinfo) -> datetime | None:
    """A date as Vietnamese pages print it: day first, in Vietnam time unless a zone is shown
    (whatever ``default_tz`` says)."""
    found = _PRINTED_DAY.search(text)
    if not found:
        return None
    day_text, _, month_text, year_text = found.groups()
    rest = text[: found.start()] + " " + text[found.end() :]
    clock = _PRINTED_CLOCK.search(rest)
    zone_text = _PRINTED_ZONE.search(rest)
    zone = _zone(zone_text.group(), VIETNAM_TZ) if zone_text else VIETNAM_TZ
    hour, minute, second = clock.groups() if clock else (None, None, None)
    try:
        day = date(int(year_text), int(month_text), int(day_text))
        return _at(day, hour, minute, second, None, zone or VIETNAM_TZ)
    except ValueError:
        return None


def _read_with_feedparser(text: str) -> datetime | None:
    for handler in _FEEDPARSER_HANDLERS:
        try:
            parsed = handler(text)
            if parsed:
                return _in_range(datetime(*parsed[:6], tzinfo=UTC))
        except (ValueError, OverflowError, KeyError, IndexError, TypeError, AttributeError):
            continue
    return None


def _at(
    day: date,
    hour: str | None,
    minute: str | None,
    second: str | None,
    fraction: str | None,
    zone: tzinfo,
) -> datetime:
    """Combine the parts; raises ValueError for an impossible time (25:00, 10:61)."""
    seconds = int(second or 0)
    if seconds == 60:  # a leap second, 23:59:60, is read as :59
        seconds = 59
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    return datetime(
        day.year, day.month, day.day, int(hour or 0), int(minute or 0), seconds, micro, zone
    )


def _ordinal_day(year: int, ordinal: int) -> date:
    day = date(year, 1, 1) + timedelta(days=ordinal - 1)
    if ordinal < 1 or day.year != year:
        raise ValueError(f"day {ordinal} is not in {year}")
    return day


def _month(name: str) -> int | None:
    """1-12 for an English month name or its abbreviation ("Nov", "Sept", "November")."""
    name = name.lower()
    if len(name) < 3:
        return None
    return next((n for n, full in enumerate(_MONTHS, start=1) if full.startswith(name)), None)


def _zone(text: str, default_tz: tzinfo) -> tzinfo | None:
    """The zone a date names: an offset, GMT+7, ICT, ... ``None`` when it is malformed.

    An unknown abbreviation gives ``default_tz``: better than dropping the date.
    """
    match = _ZONE.fullmatch(text.replace(" ", ""))
    if not match:
        return None
    if match["name"]:
        minutes = _ZONES.get(match["name"].upper())
        return default_tz if minutes is None else timezone(timedelta(minutes=minutes))
    if match["utc"] and not match["prefixed"]:
        return UTC
    offset = _OFFSET.fullmatch(match["prefixed"] or match["offset"])
    if not offset:
        return None
    hours, minutes = int(offset["hours"]), int(offset["minutes"] or 0)
    if hours > 23 or minutes > 59:
        return None
    east = (hours * 60 + minutes) * (1 if offset["sign"] == "+" else -1)
    if match["etc"]:
        east = -east  # POSIX zone names count westward: Etc/GMT+7 is UTC-07:00
    return timezone(timedelta(minutes=east))


def _in_range(moment: datetime) -> datetime | None:
    """The moment, unless its UTC instant falls outside the years datetime can hold."""
    try:
        moment.astimezone(UTC)
    except (OverflowError, ValueError):
        return None
    return moment
