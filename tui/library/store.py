"""The library: every article seen, its read/starred state, fetched bodies, author index, search."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from tui import paths
from tui.folding import fold
from tui.library.bodies import body_from_dict, body_text
from tui.library.schema import LibraryError, open_database
from tui.library.search import SearchHit, make_snippet, match_expression, parse_query
from tui.models import Article, ArticleBody, Feed

FILE_NAME = "library.sqlite3"

# bm25 weights of the search columns: title, summary, authors, body.
_WEIGHTS = "10.0, 3.0, 5.0, 1.0"
_NEWEST_FIRST = "ORDER BY a.published_ts IS NULL, a.published_ts DESC, a.first_seen_ts DESC"
_COLUMNS = (
    "a.num, a.id, a.url, a.title, a.summary, a.published, a.authors, a.categories, "
    "a.publisher, a.thumbnail, a.comment_count, a.feed_url"
)
# Fields a later sighting may fill in or correct; first_seen and the flags stay.
_MERGED = (
    "url",
    "title",
    "summary",
    "published",
    "authors",
    "categories",
    "publisher",
    "thumbnail",
    "comment_count",
)

TagKind = Literal["author", "category"]


@dataclass(frozen=True, slots=True)
class MarkUndo:
    """What ``mark_feed_read`` changed: the articles that were unread before it."""

    feed_url: str
    ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ArticleState:
    """The flags a person sets on an article."""

    read: bool = False
    starred: bool = False


class Library:
    """The SQLite library file, shared safely by threads and by several vnnews processes.

    One connection, opened with ``check_same_thread=False``, serves every thread;
    a lock lets one thread use it at a time. Other processes are kept consistent
    by WAL mode, a 5 s busy timeout and short write transactions.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else paths.data_dir() / FILE_NAME
        self._lock = threading.RLock()
        self._conn, self.warnings = open_database(self.path)

    # -- lifecycle ---------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- articles ----------------------------------------------------------------

    def record_articles(self, articles: Iterable[Article]) -> int:
        """Record a batch of articles in one transaction; return how many were new.

        An article seen again keeps its first-seen time, feed and flags; its
        non-empty fields replace the stored ones.
        """
        with self._write() as conn:
            return _record(conn, articles)

    def record_feed(self, feed_url: str, feed: Feed, content_key: str) -> int:
        """Record a feed's articles, and its own fields under the fingerprint of its body."""
        meta = {
            "title": feed.title,
            "link": feed.link,
            "language": feed.language,
            "kind": feed.kind,
            "ttl_minutes": feed.ttl_minutes,
            "warning": feed.warning,
        }
        with self._write() as conn:
            new = _record(conn, feed.articles)
            conn.execute(
                "INSERT OR REPLACE INTO feeds (url, content_key, meta) VALUES (?, ?, ?)",
                (feed_url, content_key, json.dumps(meta, ensure_ascii=False)),
            )
        return new

    def recorded_feed(self, feed_url: str, content_key: str) -> Feed | None:
        """The feed as recorded from the body with this fingerprint; None for another body."""
        with self._read() as conn:
            found = conn.execute(
                "SELECT meta FROM feeds WHERE url = ? AND content_key = ?", (feed_url, content_key)
            ).fetchone()
        if found is None:
            return None
        meta = json.loads(found[0])
        return Feed(url=feed_url, articles=self.articles(feed_url, limit=None), **meta)

    def article(self, article_id: str) -> Article | None:
        with self._read() as conn:
            row = conn.execute(f"SELECT {_COLUMNS} FROM articles a WHERE a.id = ?", (article_id,))
            found = row.fetchone()
        return _to_article(found) if found else None

    def articles(self, feed_url: str | None = None, limit: int | None = 500) -> list[Article]:
        """Articles newest first (by publication, undated last, then by first sighting)."""
        if feed_url is None:
            return self._select("", (), limit)
        return self._select("WHERE a.feed_url = ?", (feed_url,), limit)

    def articles_by_feed(
        self, feed_urls: Iterable[str], limit: int = 500
    ) -> dict[str, list[Article]]:
        """What :meth:`articles` gives for each of ``feed_urls``, read at once (none: left out)."""
        ranked = (
            f"SELECT {_COLUMNS}, "
            f"ROW_NUMBER() OVER (PARTITION BY a.feed_url {_NEWEST_FIRST}) AS rank "
            "FROM articles a WHERE a.feed_url IN (SELECT value FROM json_each(?))"
        )
        with self._read() as conn:
            rows = conn.execute(
                f"SELECT * FROM ({ranked}) WHERE rank <= ? ORDER BY feed_url, rank",
                (json.dumps(list(feed_urls)), limit),
            ).fetchall()
        found: dict[str, list[Article]] = {}
        for row in rows:
            found.setdefault(row["feed_url"], []).append(_to_article(row))
        return found

    def starred(self, limit: int | None = None) -> list[Article]:
        return self._select("WHERE a.starred", (), limit)

    def unread(self, limit: int | None = None) -> list[Article]:
        return self._select("WHERE NOT a.read", (), limit)

    def by_author(self, name: str, limit: int | None = None) -> list[Article]:
        """Articles by this author in any feed; "Ngọc Diệp" and "NGOC DIEP" are the same name."""
        return self._by_tag("author", name, limit)

    def by_category(self, name: str, limit: int | None = None) -> list[Article]:
        return self._by_tag("category", name, limit)

    # -- state -------------------------------------------------------------------

    def set_read(self, article_id: str, read: bool = True) -> bool:
        """Mark an article read or unread; False when the library does not know it."""
        with self._write() as conn:
            cursor = conn.execute("UPDATE articles SET read = ? WHERE id = ?", (read, article_id))
        return cursor.rowcount > 0

    def toggle_star(self, article_id: str) -> bool:
        """Star or unstar an article; return whether it is now starred."""
        with self._write() as conn:
            row = conn.execute(
                "UPDATE articles SET starred = NOT starred WHERE id = ? RETURNING starred",
                (article_id,),
            ).fetchone()
        if row is None:
            raise LibraryError(f"Cannot star an article the library has not seen: {article_id}")
        return bool(row[0])

    def states(self, ids: Iterable[str]) -> dict[str, ArticleState]:
        """Read/starred flags of the given articles (unknown ids are left out)."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT id, read, starred FROM articles "
                "WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps(list(ids)),),
            ).fetchall()
        return {row["id"]: ArticleState(bool(row["read"]), bool(row["starred"])) for row in rows}

    def mark_feed_read(self, feed_url: str) -> MarkUndo:
        """Mark every article of a feed read; the result undoes exactly this change."""
        with self._write() as conn:
            rows = conn.execute(
                "UPDATE articles SET read = 1 WHERE feed_url = ? AND NOT read RETURNING id",
                (feed_url,),
            ).fetchall()
        return MarkUndo(feed_url, tuple(row[0] for row in rows))

    def undo(self, mark: MarkUndo) -> int:
        """Make the articles a ``mark_feed_read`` changed unread again; return how many."""
        with self._write() as conn:
            cursor = conn.execute(
                "UPDATE articles SET read = 0 WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps(list(mark.ids)),),
            )
        return cursor.rowcount

    def unread_count(self, feed_url: str) -> int:
        with self._read() as conn:
            row = conn.execute(
                "SELECT count(*) FROM articles WHERE feed_url = ? AND NOT read", (feed_url,)
            ).fetchone()
        return int(row[0])

    def unread_counts(self) -> dict[str, int]:
        """Unread articles per feed URL (feeds with none unread are left out)."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT feed_url, count(*) FROM articles WHERE NOT read GROUP BY feed_url"
            ).fetchall()
        return {row[0]: int(row[1]) for row in rows}

    # -- bodies ------------------------------------------------------------------

    def save_body(self, body: ArticleBody) -> None:
        """Keep an extracted article so it stays readable offline, and make its text searchable."""
        now = datetime.now(UTC)
        with self._write() as conn:
            conn.execute(
                "INSERT INTO bodies (url, data, saved, saved_ts) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (url) DO UPDATE SET data = excluded.data, "
                "saved = excluded.saved, saved_ts = excluded.saved_ts",
                (
                    body.url,
                    json.dumps(body.to_dict(), ensure_ascii=False),
                    now.isoformat(),
                    now.timestamp(),
                ),
            )
            for (num,) in conn.execute(
                "SELECT num FROM articles WHERE url = ?", (body.url,)
            ).fetchall():
                _index_search(conn, num)

    def body(self, url: str) -> ArticleBody | None:
        with self._read() as conn:
            row = conn.execute("SELECT data FROM bodies WHERE url = ?", (url,)).fetchone()
        return body_from_dict(json.loads(row[0])) if row else None

    # -- search ------------------------------------------------------------------

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Best matches first, titles weighing most; accents and đ do not matter."""
        parsed = parse_query(query)
        if parsed is None:
            return []
        with self._read() as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS}, b.data AS body FROM search "
                "JOIN articles a ON a.num = search.rowid "
                "LEFT JOIN bodies b ON b.url = a.url "
                f"WHERE search MATCH ? ORDER BY bm25(search, {_WEIGHTS}) LIMIT ?",
                (match_expression(parsed), limit),
            ).fetchall()
        hits = []
        for row in rows:
            article = _to_article(row)
            body = body_text(json.loads(row["body"])) if row["body"] else ""
            texts = (article.summary, body, article.title, ", ".join(article.authors))
            snippet, spans = make_snippet(texts, parsed)
            hits.append(SearchHit(article, snippet, spans))
        return hits

    # -- retention ---------------------------------------------------------------

    def prune(self, older_than_days: int = 90, *, now: datetime | None = None) -> int:
        """Forget unstarred articles (and saved bodies) older than this; return how many articles.

        An article is old when both its publication and its first sighting are:
        one still listed by a feed is kept, so it does not come back as unread.
        """
        cutoff = ((now or datetime.now(UTC)) - timedelta(days=older_than_days)).timestamp()
        with self._write() as conn:
            nums = [
                row[0]
                for row in conn.execute(
                    "SELECT num FROM articles WHERE NOT starred "
                    "AND max(coalesce(published_ts, first_seen_ts), first_seen_ts) < ?",
                    (cutoff,),
                )
            ]
            conn.executemany("DELETE FROM search WHERE rowid = ?", [(num,) for num in nums])
            conn.executemany("DELETE FROM articles WHERE num = ?", [(num,) for num in nums])
            conn.execute(
                "DELETE FROM bodies WHERE saved_ts < ? AND url NOT IN (SELECT url FROM articles)",
                (cutoff,),
            )
        return len(nums)

    # -- plumbing ----------------------------------------------------------------

    def _select(self, where: str, params: tuple[Any, ...], limit: int | None) -> list[Article]:
        with self._read() as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM articles a {where} {_NEWEST_FIRST} LIMIT ?",
                (*params, -1 if limit is None else limit),
            ).fetchall()
        return [_to_article(row) for row in rows]

    def _by_tag(self, kind: TagKind, name: str, limit: int | None) -> list[Article]:
        return self._select(
            "JOIN article_tags t ON t.article_num = a.num WHERE t.kind = ? AND t.folded = ?",
            (kind, fold(name)),
            limit,
        )

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._lock, self._errors():
            yield self._conn

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One short transaction; BEGIN IMMEDIATE waits (busy_timeout) for other writers."""
        with self._lock, self._errors():
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise LibraryError(f"Library {self.path.name}: {exc}") from exc


def _article_values(article: Article) -> dict[str, Any]:
    published = article.published
    if published is not None and published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    return {
        "feed_url": article.feed_url,
        "url": article.url,
        "title": article.title,
        "summary": article.summary,
        "published": published.isoformat() if published else None,
        "published_ts": published.timestamp() if published else None,
        "authors": json.dumps(list(article.authors), ensure_ascii=False),
        "categories": json.dumps(list(article.categories), ensure_ascii=False),
        "publisher": article.publisher,
        "thumbnail": article.thumbnail,
        "comment_count": article.comment_count,
    }


def _record(conn: sqlite3.Connection, articles: Iterable[Article]) -> int:
    """Insert new articles and merge the fields of known ones; return how many were new."""
    now = datetime.now(UTC)
    new = 0
    for article in articles:
        values = _article_values(article)
        row = conn.execute(
            f"SELECT num, {', '.join(_MERGED)} FROM articles WHERE id = ?", (article.id,)
        ).fetchone()
        if row is None:
            num = _insert_article(conn, article.id, values, now)
            _index_tags(conn, num)
            _index_search(conn, num)
            new += 1
            continue
        changed = {
            name: values[name]
            for name in _MERGED
            if values[name] not in (None, "", "[]") and values[name] != row[name]
        }
        if changed:
            _update_article(conn, row["num"], changed, values)
        if changed.keys() & {"authors", "categories"}:
            _index_tags(conn, row["num"])
        if changed.keys() & {"title", "summary", "authors", "url"}:
            _index_search(conn, row["num"])
    return new


def _insert_article(
    conn: sqlite3.Connection, article_id: str, values: dict[str, Any], now: datetime
) -> int:
    row = {
        **values,
        "id": article_id,
        "first_seen": now.isoformat(),
        "first_seen_ts": now.timestamp(),
    }
    names = ", ".join(row)
    marks = ", ".join(f":{name}" for name in row)
    cursor = conn.execute(f"INSERT INTO articles ({names}) VALUES ({marks}) RETURNING num", row)
    return int(cursor.fetchone()[0])


def _update_article(
    conn: sqlite3.Connection, num: int, changed: dict[str, Any], values: dict[str, Any]
) -> None:
    if "published" in changed:
        changed["published_ts"] = values["published_ts"]
    assignments = ", ".join(f"{name} = :{name}" for name in changed)
    conn.execute(f"UPDATE articles SET {assignments} WHERE num = :num", {**changed, "num": num})


def _index_tags(conn: sqlite3.Connection, num: int) -> None:
    """Rewrite the folded author and category names of one article from its stored fields."""
    row = conn.execute("SELECT authors, categories FROM articles WHERE num = ?", (num,)).fetchone()
    conn.execute("DELETE FROM article_tags WHERE article_num = ?", (num,))
    rows = {("author", fold(name)) for name in json.loads(row["authors"])}
    rows |= {("category", fold(name)) for name in json.loads(row["categories"])}
    conn.executemany(
        "INSERT INTO article_tags (kind, folded, article_num) VALUES (?, ?, ?)",
        [(kind, folded, num) for kind, folded in rows if folded],
    )


def _index_search(conn: sqlite3.Connection, num: int) -> None:
    """Rewrite the folded search row of one article from its stored fields and body."""
    row = conn.execute(
        "SELECT a.title, a.summary, a.authors, b.data FROM articles a "
        "LEFT JOIN bodies b ON b.url = a.url WHERE a.num = ?",
        (num,),
    ).fetchone()
    body = body_text(json.loads(row["data"])) if row["data"] else ""
    conn.execute("DELETE FROM search WHERE rowid = ?", (num,))
    conn.execute(
        "INSERT INTO search (rowid, title, summary, authors, body) VALUES (?, ?, ?, ?, ?)",
        (
            num,
            fold(row["title"]),
            fold(row["summary"]),
            fold(", ".join(json.loads(row["authors"]))),
            fold(body),
        ),
    )


def _to_article(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"],
        url=row["url"],
        title=row["title"],
        summary=row["summary"],
        published=datetime.fromisoformat(row["published"]) if row["published"] else None,
        authors=tuple(json.loads(row["authors"])),
        categories=tuple(json.loads(row["categories"])),
        publisher=row["publisher"],
        thumbnail=row["thumbnail"],
        comment_count=row["comment_count"],
        feed_url=row["feed_url"],
    )
