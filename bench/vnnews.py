"""How the benchmarks run vnnews: private directories, ``vnnews sync``, the TUI."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bench.proc import BenchError, Finished, run
from tui.config import Config, save_config
from tui.library.store import FILE_NAME
from tui.models import Source

VNNEWS = (sys.executable, "-m", "tui.cli")


def terminal_env(home: Path) -> dict[str, str]:
    """The environment of a child: this one, with a private home and a UTF-8 xterm."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VNNEWS_", "XDG_", "NO_COLOR"))}
    env.update(HOME=str(home), LANG="C.UTF-8", LC_ALL="C.UTF-8", TERM="xterm-256color")
    env.update(
        {f"XDG_{name}_HOME": str(home / name.lower()) for name in ("CACHE", "DATA", "CONFIG")}
    )
    return env


@dataclass(frozen=True)
class Profile:
    """A private vnnews under ``root``: cache, library and config directories, a feeds file."""

    root: Path

    @property
    def cache_dir(self) -> Path:
        return self.root / "cache"

    @property
    def library_path(self) -> Path:
        return self.root / "data" / FILE_NAME

    @property
    def config_path(self) -> Path:
        return self.root / "config" / "config.toml"

    @property
    def feeds_file(self) -> Path:
        return self.root / "urls"

    @property
    def env(self) -> dict[str, str]:
        env = terminal_env(self.root)
        env.update(
            VNNEWS_CACHE_DIR=str(self.cache_dir),
            VNNEWS_DATA_DIR=str(self.library_path.parent),
            VNNEWS_CONFIG=str(self.config_path),
        )
        return env

    def subscribe(self, urls: list[str], *, feed_ttl: float | None = None) -> Profile:
        """Follow ``urls`` (config and feeds file); a feed stays fresh ``feed_ttl`` seconds."""
        self.root.mkdir(parents=True, exist_ok=True)
        self.feeds_file.write_text("".join(f"{url}\n" for url in urls))
        config = Config(
            path=self.config_path, subscriptions=[Source(url, kind="feed") for url in urls]
        )
        if feed_ttl is not None:
            config.ttls["feed"] = feed_ttl
        save_config(config)
        return self

    def copy(self, root: Path) -> Profile:
        """The same vnnews state under ``root`` (the old one is replaced)."""
        shutil.rmtree(root, ignore_errors=True)
        shutil.copytree(self.root, root)
        return Profile(root)

    def sources(self) -> list[Source]:
        return [Source(url, kind="feed") for url in self.feeds_file.read_text().split()]


@functools.cache
def has_sync() -> bool:
    """Whether this vnnews has ``vnnews sync --feeds-only --feeds FILE``."""
    result = subprocess.run(
        [*VNNEWS, "sync", "--help"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        env=terminal_env(Path(os.devnull)),
    )
    return result.returncode == 0 and "--feeds-only" in result.stdout and "--feeds" in result.stdout


def sync(profile: Profile) -> Finished:
    """Refresh every feed of ``profile`` once, as a cron job would: ``vnnews sync --feeds-only``."""
    if not has_sync():
        raise BenchError("this vnnews has no `vnnews sync --feeds-only --feeds FILE`")
    argv = [*VNNEWS, "sync", "--feeds-only", "--feeds", str(profile.feeds_file)]
    return run(argv, profile.env)


def tui_argv(*, offline: bool = False) -> list[str]:
    return [*VNNEWS, *(["--offline"] if offline else [])]
