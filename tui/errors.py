"""Errors a person can read: each message is one line that says what went wrong where."""

from __future__ import annotations

EXIT_FAILURE = 3
"""The exit code of a command that could not fetch or read what it was asked for."""


class VnNewsError(Exception):
    """Base of every error vnnews reports to the user (never shown as a traceback)."""


class FetchError(VnNewsError):
    """A URL could not be fetched and no cached copy exists."""

    def __init__(self, url: str, message: str) -> None:
        super().__init__(message)
        self.url = url


class UnsafeURLError(FetchError):
    """The URL (or a redirect) is not http/https."""


class TooLargeError(FetchError):
    """The body grew past the size cap for its kind (after decompression)."""


class OfflineError(FetchError):
    """Offline mode, and nothing cached for this URL."""


class ParseError(VnNewsError):
    """The bytes are not a feed or page vnnews can read."""
