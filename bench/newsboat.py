"""How the benchmarks run newsboat: the system's binary, with private urls, cache and config."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from bench.proc import Finished, run
from bench.vnnews import terminal_env

NOT_INSTALLED = "newsboat not installed"
CONFIG = """\
reload-threads 10
refresh-on-startup no
show-read-feeds yes
confirm-exit no
download-timeout 60
"""


def find_newsboat() -> str | None:
    """The system's newsboat; the benchmarks never install it."""
    return shutil.which("newsboat")


@dataclass(frozen=True)
class Newsboat:
    """A private newsboat under ``root``: ``-u urls -c cache.db -C config``."""

    binary: str
    root: Path

    @property
    def env(self) -> dict[str, str]:
        return terminal_env(self.root)

    def subscribe(self, urls: list[str]) -> Newsboat:
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / "urls").write_text("".join(f"{url}\n" for url in urls))
        (self.root / "config").write_text(CONFIG)
        return self

    def copy(self, root: Path) -> Newsboat:
        shutil.rmtree(root, ignore_errors=True)
        shutil.copytree(self.root, root)
        return Newsboat(self.binary, root)

    def argv(self, *extra: str) -> list[str]:
        files = [
            "-u",
            str(self.root / "urls"),
            "-c",
            str(self.root / "cache.db"),
            "-C",
            str(self.root / "config"),
        ]
        return [self.binary, *extra, *files]

    def reload(self) -> Finished:
        """``newsboat -x reload``: every feed fetched once, then exit."""
        return run(self.argv("-x", "reload"), self.env)
