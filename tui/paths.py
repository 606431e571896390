"""Where vnnews keeps its files: cache, library database and config (overridable by env)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "vnnews"


def cache_dir() -> Path:
    """The HTTP cache directory (``VNNEWS_CACHE_DIR`` overrides it)."""
    override = os.environ.get("VNNEWS_CACHE_DIR")
    return Path(override) if override else Path(platformdirs.user_cache_dir(APP_NAME))


def data_dir() -> Path:
    """The directory of the library database (``VNNEWS_DATA_DIR`` overrides it)."""
    override = os.environ.get("VNNEWS_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))


def config_path() -> Path:
    """The TOML config file (``VNNEWS_CONFIG`` overrides it)."""
    override = os.environ.get("VNNEWS_CONFIG")
    return (
        Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"
    )
