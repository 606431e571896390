"""Open the library database: connection settings, schema migrations, recovery from corruption."""

from __future__ import annotations

import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path

from tui.errors import VnNewsError


class LibraryError(VnNewsError):
    """The library database could not be opened, read or written."""


# Each step is applied once, in order, in one transaction; PRAGMA user_version counts them.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """
        CREATE TABLE articles (
            num INTEGER PRIMARY KEY,           -- stable rowid, shared with the search table
            id TEXT NOT NULL UNIQUE,
            feed_url TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL,
            title TEXT NOT NULL,
            summary TEXT NOT NULL DEFAULT '',
            published TEXT,                    -- ISO 8601 with offset
            published_ts REAL,                 -- the same moment as a UTC unix time
            authors TEXT NOT NULL DEFAULT '[]',
            categories TEXT NOT NULL DEFAULT '[]',
            publisher TEXT NOT NULL DEFAULT '',
            thumbnail TEXT,
            comment_count INTEGER,
            first_seen TEXT NOT NULL,
            first_seen_ts REAL NOT NULL,
            read INTEGER NOT NULL DEFAULT 0,
            starred INTEGER NOT NULL DEFAULT 0
        )
        """,
        "CREATE INDEX articles_by_feed ON articles (feed_url, read)",
        "CREATE INDEX articles_by_url ON articles (url)",
        "CREATE INDEX articles_starred ON articles (starred) WHERE starred",
        """
        CREATE TABLE article_tags (
            kind TEXT NOT NULL CHECK (kind IN ('author', 'category')),
            folded TEXT NOT NULL,
            article_num INTEGER NOT NULL REFERENCES articles (num) ON DELETE CASCADE,
            PRIMARY KEY (kind, folded, article_num)
        ) WITHOUT ROWID
        """,
        "CREATE INDEX article_tags_by_article ON article_tags (article_num)",
        """
        CREATE TABLE bodies (
            url TEXT PRIMARY KEY,
            data TEXT NOT NULL,                -- ArticleBody.to_dict() as JSON
            saved TEXT NOT NULL,
            saved_ts REAL NOT NULL
        )
        """,
        # Folded copies (tui.folding.fold) of the searchable text; rowid = articles.num.
        """
        CREATE VIRTUAL TABLE search USING fts5 (
            title, summary, authors, body,
            tokenize = 'unicode61 remove_diacritics 2'
        )
        """,
    ),
    (
        # Which feed body was last recorded, so an unchanged feed is not parsed again.
        """
        CREATE TABLE feeds (
            url TEXT PRIMARY KEY,
            content_key TEXT NOT NULL,
            meta TEXT NOT NULL                 -- the Feed's own fields as JSON, no articles
        )
        """,
    ),
)

_CORRUPTION_CODES = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}


class _Corrupt(Exception):
    """The file is not a sound SQLite database."""


def open_database(path: Path) -> tuple[sqlite3.Connection, list[str]]:
    """Connect to ``path`` and bring its schema up to date, with warnings to show the user.

    A damaged file is renamed ``<name>.corrupt-<timestamp>`` and a new library is
    started in its place.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return _connect_when_free(path), []
        except _Corrupt:
            aside = _move_aside(path)
            warning = (
                f"The library database was damaged; it was moved to {aside.name} "
                "and a new, empty library was started."
            )
            return _connect(path), [warning]
    except (OSError, sqlite3.Error) as exc:
        raise LibraryError(f"Cannot open the library {path}: {exc}") from exc


def _connect_when_free(path: Path, patience: float = 5.0) -> sqlite3.Connection:
    """Connect, waiting while another vnnews holds the file (two starting at once).

    Switching to WAL and migrating take locks that do not always wait on busy_timeout.
    """
    deadline = time.monotonic() + patience
    while True:
        try:
            return _connect(path)
        except sqlite3.OperationalError as exc:
            busy = "locked" in str(exc) or "busy" in str(exc)
            if not busy or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _connect(path: Path) -> sqlite3.Connection:
    # Autocommit mode: writes use explicit BEGIN IMMEDIATE so that waiting for
    # another process goes through busy_timeout instead of failing at once.
    conn = sqlite3.connect(path, timeout=5.0, isolation_level=None, check_same_thread=False)
    try:
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
        if problems != ["ok"]:
            raise _Corrupt(problems[0])
        _migrate(conn, path)
    except sqlite3.DatabaseError as exc:
        conn.close()
        if exc.sqlite_errorcode & 0xFF in _CORRUPTION_CODES:
            raise _Corrupt(str(exc)) from exc
        raise
    except BaseException:
        conn.close()
        raise
    return conn


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    current = _user_version(conn, path)
    for version in range(current + 1, len(MIGRATIONS) + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while this one waited for the lock.
            if _user_version(conn, path) < version:
                for statement in MIGRATIONS[version - 1]:
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {version}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


def _user_version(conn: sqlite3.Connection, path: Path) -> int:
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > len(MIGRATIONS):
        raise LibraryError(
            f"The library {path} was written by a newer vnnews "
            f"(schema {version}; this one knows up to {len(MIGRATIONS)})."
        )
    return version


def _move_aside(path: Path) -> Path:
    """Rename the damaged file (and its WAL, which must not meet the new file)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while aside.exists():
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
        counter += 1
    path.rename(aside)
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.rename(aside.with_name(aside.name + suffix))
    return aside
