"""The test server: a LocalSite that can be told to fail, path by path."""

from __future__ import annotations

import gzip
import socket
import struct
import threading
import time
from pathlib import Path

from tui.localserver import LocalSite, _Handler

FIXTURES = Path(__file__).parent / "fixtures"


class FixtureSite(LocalSite):
    """Serves tests/fixtures/ plus whatever a test adds; ``fail(path, mode)`` breaks one path.

    Modes: ``"500"``/``"503"`` (status), ``"hang"`` (headers never come),
    ``"trickle"`` (one byte a second, forever), ``"reset"`` (connection reset),
    ``"bomb"`` (a small gzip body that inflates past any cap),
    ``"redirect:<url>"`` (302 to that URL), ``"delay:<seconds>"`` then answer normally.
    """

    def __init__(self) -> None:
        super().__init__()
        self.failures: dict[str, str] = {}
        self._released = threading.Event()
        if FIXTURES.is_dir():
            for path, resource in LocalSite.from_directory(FIXTURES).resources.items():
                self.resources[path] = resource

    def fail(self, path: str, mode: str) -> None:
        self.failures[path] = mode

    def heal(self, path: str) -> None:
        self.failures.pop(path, None)

    def stop(self) -> None:
        self._released.set()
        super().stop()

    def respond(self, handler: _Handler) -> None:
        mode = self.failures.get(handler.path)
        if mode is None:
            super().respond(handler)
        elif mode in ("500", "502", "503", "429"):
            headers = {"Retry-After": "120"} if mode in ("503", "429") else {}
            handler.send_body(int(mode), b"server error", "text/plain", headers)
        elif mode == "hang":
            self._released.wait(60)
        elif mode == "trickle":
            handler.send_response(200)
            handler.send_header("Content-Type", "application/rss+xml")
            handler.send_header("Content-Length", "100000")
            handler.end_headers()
            for _ in range(120):
                if self._released.is_set():
                    break
                try:
                    handler.wfile.write(b" ")
                    handler.wfile.flush()
                except OSError:
                    break
                time.sleep(1)
        elif mode == "reset":
            handler.connection.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
            )
            handler.close_connection = True
        elif mode == "bomb":
            body = gzip.compress(b"<rss>" + b" " * (64 * 1024 * 1024))
            handler.send_body(200, body, "application/rss+xml", {"Content-Encoding": "gzip"})
        elif mode.startswith("redirect:"):
            handler.send_response(302)
            handler.send_header("Location", mode.removeprefix("redirect:"))
            handler.send_header("Content-Length", "0")
            handler.end_headers()
        elif mode.startswith("delay:"):
            time.sleep(float(mode.removeprefix("delay:")))
            super().respond(handler)
        else:
            raise ValueError(f"unknown failure mode {mode!r}")
