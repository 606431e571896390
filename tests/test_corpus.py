"""The shared third-party corpus: every document reads as a Feed or a ParseError, never worse."""

from __future__ import annotations

import json
import re
import time
from datetime import UTC
from pathlib import Path

import pytest

from tui.dates import parse_date
from tui.errors import ParseError
from tui.feeds import parse_feed
from tui.models import Feed

pytestmark = pytest.mark.corpus

NOT_DOCUMENTS = {"LICENSE", ".htaccess", "README.md"}
BUDGET_SECONDS = 2.0  # a guard against pathological inputs, not a speed test
# C0 controls except newline, DEL and C1 controls.
CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
# feedparser's test harness simulates the HTTP Content-Type a file names in its header comment.
HEADER_CONTENT_TYPE = re.compile(rb"^Header:\s*Content-type:\s*(.+?)\s*$", re.I | re.M)


def corpus_documents(corpus: Path) -> list[Path]:
    return [
        path
        for path in sorted(corpus.rglob("*"))
        if path.is_file() and path.name not in NOT_DOCUMENTS and path.suffix != ".json"
    ]


def control_characters(feed: Feed) -> list[str]:
    """Every string field holding a control character (summaries may keep newlines)."""
    lines = [feed.url, feed.title, feed.link, feed.language, feed.warning or ""]
    summaries = []
    for article in feed.articles:
        lines += [article.id, article.url, article.title, article.publisher, article.feed_url]
        lines += [article.thumbnail or "", *article.authors, *article.categories]
        summaries.append(article.summary)
    bad = [value for value in lines if CONTROLS.search(value) or "\n" in value]
    return bad + [value for value in summaries if CONTROLS.search(value)]


def read(path: Path, url: str) -> tuple[Feed | None, str | None]:
    """The feed, or None; and what went wrong, if anything did."""
    data = path.read_bytes()
    header = HEADER_CONTENT_TYPE.search(data[:2000])
    content_type = header[1].decode("latin-1") if header else None
    try:
        return parse_feed(data, url, content_type), None
    except ParseError as error:
        message = str(error)
        if message.startswith("could not read this feed: ") and "\n" not in message:
            return None, None
        return None, f"unreadable ParseError message {message!r}"
    except Exception as error:
        return None, f"{type(error).__name__}: {error}"


def test_every_corpus_document_gives_a_feed_or_a_parse_error(corpus: Path) -> None:
    documents = corpus_documents(corpus)
    assert len(documents) > 4000, "the corpus looks incomplete"
    failures: list[str] = []
    feeds = 0
    for path in documents:
        name = path.relative_to(corpus).as_posix()
        started = time.perf_counter()
        feed, problem = read(path, f"https://corpus.example/{name}")
        elapsed = time.perf_counter() - started
        if problem:
            failures.append(f"{name}: {problem}")
        if elapsed > BUDGET_SECONDS:
            failures.append(f"{name}: took {elapsed:.1f} s")
        if feed is not None:
            feeds += 1
            failures += [
                f"{name}: control character in {value!r}" for value in control_characters(feed)
            ]

    assert not failures, f"{len(failures)} failures, first ones:\n" + "\n".join(failures[:20])
    assert feeds > 3000  # most of the corpus is feeds: a parser rejecting everything fails here


def test_corpus_date_strings_give_their_instant_or_none(corpus: Path) -> None:
    cases = json.loads((corpus / "feedparser/dates/date_strings.json").read_text("utf-8"))["cases"]
    # The cases are per feedparser parser. '22013' is rejected by its W3C-DTF parser (a
    # five-digit year) but is a valid ISO 8601 ordinal date (YYDDD, 13 January 2022), the
    # shape of '03335', which its ISO 8601 parser must accept. One normaliser cannot give
    # both answers; it reads it as ISO 8601, as feedparser's own chain of parsers does.
    as_iso_8601 = {"22013": [2022, 1, 13, 0, 0, 0]}
    failures = []
    for case in cases:
        text = case["input"]
        expected = as_iso_8601.get(text, case["expected_utc"] and case["expected_utc"][:6])
        try:
            moment = parse_date(text)
        except Exception as error:
            failures.append(f"{text!r}: {type(error).__name__}: {error}")
            continue
        got = list(moment.astimezone(UTC).timetuple()[:6]) if moment else None
        if got != expected:
            failures.append(f"{text!r} ({case['parser']}): {got} != {expected}")

    assert len(cases) == 73
    assert not failures, "\n".join(failures)
