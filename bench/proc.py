"""Child processes for the benchmarks: timed runs with their peak memory, and programs on a pty."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import tempfile
import termios
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

MIB = 1024 * 1024
TERMINAL_SIZE = (80, 24)
"""Columns and rows: an SSH session's default."""

# CSI, OSC, DCS/APC strings and two-byte escapes: what lies between the text a program draws.
_ESCAPES = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[\]PX^_].*?(?:\x07|\x1b\\)|\x1b[()*+][0-~]|\x1b[@-~]",
    re.DOTALL,
)


class BenchError(Exception):
    """A benchmark step went wrong: a child failed, or a screen never showed what it should."""


@dataclass(frozen=True, slots=True)
class Finished:
    seconds: float
    max_rss: int
    """Peak resident memory of the child, in bytes."""


def run(argv: Sequence[str], env: Mapping[str, str], *, timeout: float = 300.0) -> Finished:
    """Run ``argv`` to its end; wall time from spawn to exit, and the child's peak RSS.

    Raises :class:`BenchError` when it exits non-zero or outlives ``timeout``.
    """
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        child = subprocess.Popen(
            argv,
            env=dict(env),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
        with Watchdog(child.pid, timeout) as expired:
            # wait4 rather than Popen.wait: it also gives this child's own peak RSS.
            _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace")
    if expired.is_set():
        raise BenchError(
            f"{Path(argv[0]).name} {' '.join(argv[1:3])}: killed after {timeout:.0f} s"
        )
    if child.returncode != 0:
        last = stderr.strip().splitlines()[-1:] or ["no message"]
        raise BenchError(
            f"{Path(argv[0]).name} {' '.join(argv[1:3])}: exit {child.returncode}: {last[0]}"
        )
    return Finished(seconds, usage.ru_maxrss * 1024)


class Watchdog:
    """Kill ``pid`` if it is still running after ``timeout`` seconds; the event says it was."""

    def __init__(self, pid: int, timeout: float) -> None:
        self.expired = threading.Event()
        self._pid = pid
        self._timer = threading.Timer(timeout, self._kill)

    def _kill(self) -> None:
        self.expired.set()
        with contextlib.suppress(ProcessLookupError):
            os.kill(self._pid, signal.SIGKILL)

    def __enter__(self) -> threading.Event:
        self._timer.start()
        return self.expired

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()


def screen_text(output: bytes) -> str:
    """What a terminal program wrote, escape sequences removed (positions are lost)."""
    return _ESCAPES.sub(b"", output).decode("utf-8", "replace")


class Terminal:
    """A program on a pseudo-terminal of :data:`TERMINAL_SIZE`, its output read as it comes."""

    def __init__(
        self, argv: Sequence[str], env: Mapping[str, str], size: tuple[int, int] = TERMINAL_SIZE
    ) -> None:
        columns, rows = size
        self.started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child: size its terminal before the program asks, then become it
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
                os.execve(argv[0], list(argv), dict(env))
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.output = bytearray()
        self.closed = False
        self.exit_code: int | None = None
        self.name = Path(argv[0]).name

    def _read(self, timeout: float) -> bool:
        """Read what is there within ``timeout``; False when nothing came."""
        if self.closed:
            return False
        ready, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if not ready:
            return False
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # EIO: the program has exited and closed the terminal
            chunk = b""
        if not chunk:
            self.closed = True
            return False
        self.output += chunk
        return True

    def wait_for(self, text: str, timeout: float = 60.0) -> float:
        """Seconds from start until ``text`` is on screen; :class:`BenchError` if it never is."""
        deadline = time.perf_counter() + timeout
        scanned = 0
        while True:
            # Only the new output (and a margin for a sequence cut in two) is searched again.
            if text in screen_text(bytes(self.output[max(0, scanned - 512) :])):
                return time.perf_counter() - self.started
            scanned = len(self.output)
            remaining = deadline - time.perf_counter()
            if self.closed or remaining <= 0:
                seen = screen_text(bytes(self.output))[-200:].replace("\n", " ")
                raise BenchError(f"{self.name}: {text!r} never appeared on screen; last: {seen!r}")
            self._read(remaining)

    def pump_until(self, done: Callable[[], bool], timeout: float = 60.0) -> None:
        """Keep reading the output until ``done()``; :class:`BenchError` after ``timeout``."""
        deadline = time.perf_counter() + timeout
        while not done():
            if self.closed or time.perf_counter() > deadline:
                raise BenchError(f"{self.name}: gave up waiting after {timeout:.0f} s")
            self._read(0.05)

    def settle(self, quiet: float = 1.0, timeout: float = 60.0) -> None:
        """Read until the program has drawn nothing for ``quiet`` seconds, ``timeout`` at most."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline and self._read(quiet):
            pass

    def rss(self, field: str = "VmRSS") -> int:
        """Resident memory in bytes: now (``VmRSS``) or at its peak so far (``VmHWM``)."""
        status = Path(f"/proc/{self.pid}/status").read_text()
        match = re.search(rf"^{field}:\s+(\d+) kB", status, re.MULTILINE)
        if match is None:
            raise BenchError(f"{self.name}: no {field} in /proc/{self.pid}/status")
        return int(match[1]) * 1024

    def send(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def close(self, quit_keys: bytes = b"q", timeout: float = 15.0) -> int:
        """Quit with ``quit_keys`` (killed after ``timeout``); returns the exit code."""
        if self.exit_code is not None:
            return self.exit_code
        if not self.closed:
            self.send(quit_keys)
        with Watchdog(self.pid, timeout):
            deadline = time.perf_counter() + timeout + 1
            while not self.closed and time.perf_counter() < deadline:
                self._read(0.2)
            _, status = os.waitpid(self.pid, 0)
        os.close(self.fd)
        self.exit_code = os.waitstatus_to_exitcode(status)
        return self.exit_code

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
