"""Shared fixtures: a local HTTP server and a private set of user directories per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fixture_site import FixtureSite

SHARED_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep the developer's own config, cache and library out of every test."""
    home = tmp_path / "home"
    for name, sub in [
        ("VNNEWS_CACHE_DIR", "cache"),
        ("VNNEWS_DATA_DIR", "data"),
        ("VNNEWS_CONFIG", "config/config.toml"),
    ]:
        monkeypatch.setenv(name, str(home / sub))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "xdg-cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg-config"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home


@pytest.fixture
def site() -> Iterator[FixtureSite]:
    """A real HTTP server on 127.0.0.1 (random port) serving tests/fixtures/."""
    server = FixtureSite().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def corpus() -> Path:
    if not SHARED_CORPUS.is_dir():
        pytest.skip("the shared feed corpus is not present")
    return SHARED_CORPUS
