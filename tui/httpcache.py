"""The HTTP cache's disk store: raw bytes in a diskcache, never pickles.

A corrupt or unreadable cache is moved aside and recreated; one locked by a hung
process is bypassed after a short wait. Either way vnnews keeps working.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import diskcache

from tui.sanitize import clean_line

T = TypeVar("T")


class _NotBytes(Exception):
    """A cache row that is not raw bytes: reading it could unpickle code."""


class _BytesDisk(diskcache.Disk):
    """A diskcache Disk that stores and returns bytes only, so it never unpickles anything."""

    def store(self, value: Any, read: bool, key: Any = diskcache.core.UNKNOWN) -> Any:
        if type(value) is not bytes:
            raise TypeError("the HTTP cache stores bytes only")
        return super().store(value, read, key)

    def fetch(self, mode: int, filename: str | None, value: Any, read: bool) -> Any:
        if mode not in (diskcache.core.MODE_RAW, diskcache.core.MODE_BINARY):
            raise _NotBytes(f"cache value of mode {mode}")
        data = super().fetch(mode, filename, value, read)
        if type(data) is not bytes:
            raise _NotBytes(f"cache value of type {type(data).__name__}")
        return data


class ByteStore:
    """The diskcache under the client: moved aside when corrupt, bypassed when locked."""

    def __init__(self, directory: Path, timeout: float, warn: Callable[[str], None]) -> None:
        self.directory = directory
        self._timeout = timeout
        self._warn = warn
        self._lock = threading.Lock()
        self._cache = self._open()

    def read(self, key: str) -> bytes | None:
        return self._run(key, lambda cache: cache.get(key))

    def write(self, key: str, value: bytes, expire: float | None = None) -> None:
        self._run(key, lambda cache: cache.set(key, value, expire=expire))

    def delete(self, key: str) -> None:
        self._run(key, lambda cache: cache.delete(key))

    def close(self) -> None:
        if self._cache is not None:
            self._cache.close()

    def _run(self, key: str, operation: Callable[[diskcache.Cache], T]) -> T | None:
        cache = self._cache
        if cache is None:
            return None
        try:
            return operation(cache)
        except _NotBytes:
            self._warn(f"dropped a cache entry that was not plain bytes in {self.directory}")
            self.delete(key)
        except (diskcache.Timeout, sqlite3.OperationalError) as error:
            if not _is_busy(error):
                self._recover(cache, error)
            else:
                self._warn(f"the cache in {self.directory} is busy (another vnnews?); skipped it")
        except sqlite3.DatabaseError as error:
            self._recover(cache, error)
        except OSError as error:
            self._warn(f"the cache in {self.directory} failed: {clean_line(str(error))}")
        return None

    def _open(self) -> diskcache.Cache | None:
        try:
            return self._open_checked()
        except (diskcache.Timeout, sqlite3.OperationalError) as error:
            if not _is_busy(error):
                return self._reopen(error)
            self._warn(
                f"the cache in {self.directory} is locked by another process; working without it"
            )
        except (sqlite3.DatabaseError, OSError, TypeError, ValueError) as error:
            return self._reopen(error)
        return None

    def _open_checked(self) -> diskcache.Cache:
        self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.directory.chmod(0o700)
        _probe(self.directory / diskcache.core.DBNAME, self._timeout)
        return diskcache.Cache(str(self.directory), timeout=self._timeout, disk=_BytesDisk)

    def _recover(self, broken: diskcache.Cache, error: BaseException) -> None:
        broken.close()
        with self._lock:
            if self._cache is broken:  # else another thread has replaced it already
                self._cache = self._reopen(error)

    def _reopen(self, error: BaseException) -> diskcache.Cache | None:
        """Move the unreadable cache aside and start a new one (or go on without one)."""
        reason = clean_line(str(error)) or type(error).__name__
        aside = self.directory.with_name(
            f"{self.directory.name}.corrupt-{datetime.now().strftime('%Y%m%d-%H%M%S-%f')}"
        )
        try:
            if self.directory.exists():
                os.replace(self.directory, aside)
            cache = self._open_checked()
        except (sqlite3.Error, diskcache.Timeout, OSError, TypeError, ValueError) as second:
            self._warn(
                f"the cache in {self.directory} is unreadable ({reason}) and could not be "
                f"replaced ({clean_line(str(second))}); working without it"
            )
            return None
        self._warn(f"the cache in {self.directory} was unreadable ({reason}); moved it to {aside}")
        return cache


def _probe(database: Path, timeout: float) -> None:
    """Fail within ``timeout`` on a garbage or locked database (diskcache would retry for 60 s)."""
    if not database.exists():
        return
    connection = sqlite3.connect(database, timeout=timeout, isolation_level=None)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchall()
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("ROLLBACK")
    finally:
        connection.close()


def _is_busy(error: BaseException) -> bool:
    return isinstance(error, diskcache.Timeout) or "locked" in str(error) or "busy" in str(error)
