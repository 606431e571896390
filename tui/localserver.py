"""A small static HTTP site on 127.0.0.1, used by ``vnnews --demo`` and by the tests.

It serves in-memory resources with ``ETag`` / ``Last-Modified`` revalidation
(304), optional gzip, keep-alive, and keeps a log of the requests it answered.
"""

from __future__ import annotations

import gzip
import hashlib
import socket
import sys
import threading
from dataclasses import dataclass, field
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


@dataclass
class Resource:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    gzip: bool = False


@dataclass(frozen=True)
class RequestRecord:
    method: str
    path: str
    headers: dict[str, str]


CONTENT_TYPES = {
    ".xml": "application/rss+xml; charset=utf-8",
    ".rss": "application/rss+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
}


class LocalSite:
    """Serve ``resources`` (path -> Resource) on 127.0.0.1 until :meth:`stop`."""

    def __init__(self, resources: dict[str, Resource] | None = None, port: int = 0) -> None:
        self.resources: dict[str, Resource] = dict(resources or {})
        self.requests: list[RequestRecord] = []
        self.last_modified = formatdate(usegmt=True)
        self._port = port
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_directory(cls, root: Path, port: int = 0) -> LocalSite:
        """A site serving every file under ``root`` at its relative path."""
        site = cls(port=port)
        for path in sorted(root.rglob("*")):
            if path.is_file():
                content_type = CONTENT_TYPES.get(path.suffix, "application/octet-stream")
                site.add("/" + path.relative_to(root).as_posix(), path.read_bytes(), content_type)
        return site

    def add(
        self, path: str, body: bytes | str, content_type: str | None = None, **kw: object
    ) -> str:
        """Serve ``body`` at ``path``; returns its absolute URL."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        resource = Resource(
            data, content_type or CONTENT_TYPES.get(Path(path).suffix, "text/html; charset=utf-8")
        )
        for name, value in kw.items():
            setattr(resource, name, value)
        self.resources[path] = resource
        return self.url(path)

    @property
    def port(self) -> int:
        assert self._server is not None, "site not started"
        return int(self._server.server_address[1])

    def url(self, path: str = "/") -> str:
        port = self.port if self._server is not None else self._port
        return f"http://127.0.0.1:{port}{path}"

    def hits(self, path: str) -> int:
        """How many requests reached ``path``."""
        with self._lock:
            return sum(1 for record in self.requests if record.path == path)

    def start(self) -> LocalSite:
        handler = type("Handler", (_Handler,), {"site": self})
        self._server = _Server(("127.0.0.1", self._port), handler)
        self._server.daemon_threads = True
        self._port = self.port
        # A short poll interval makes stop() return in 50 ms rather than 500 ms.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> LocalSite:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def log(self, handler: BaseHTTPRequestHandler) -> None:
        with self._lock:
            self.requests.append(
                RequestRecord(
                    handler.command,
                    handler.path,
                    {k.lower(): v for k, v in handler.headers.items()},
                )
            )

    def respond(self, handler: _Handler) -> None:
        """Answer one GET: override to misbehave (the tests do)."""
        resource = self.resources.get(handler.path)
        if resource is None:
            handler.send_body(404, b"not found", "text/plain")
            return
        etag = '"' + hashlib.sha1(resource.body).hexdigest()[:16] + '"'
        if resource.status == 200 and self._not_modified(handler, etag):
            handler.send_response(304)
            handler.send_header("ETag", etag)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        body = resource.body
        headers = {"ETag": etag, "Last-Modified": self.last_modified, **resource.headers}
        if resource.gzip and "gzip" in handler.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        handler.send_body(resource.status, body, resource.content_type, headers)

    def _not_modified(self, handler: BaseHTTPRequestHandler, etag: str) -> bool:
        if (match := handler.headers.get("If-None-Match")) is not None:
            return etag in [tag.strip() for tag in match.split(",")]
        if (since := handler.headers.get("If-Modified-Since")) is not None:
            try:
                return parsedate_to_datetime(since) >= parsedate_to_datetime(self.last_modified)
            except (TypeError, ValueError):
                return False
        return False


class _Server(ThreadingHTTPServer):
    # socketserver's default backlog of 5 drops the SYNs of a client opening ten
    # connections at once, and each dropped SYN costs that client a one-second retry.
    request_queue_size = 128

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client hanging up (reset, broken pipe) is routine; print any other error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    site: LocalSite

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_GET(self) -> None:
        self.site.log(self)
        self.site.respond(self)

    def send_body(
        self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Stay quiet: the request log is kept in ``LocalSite.requests``."""
