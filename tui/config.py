"""User settings: the TOML config file (language, theme, keys, cache lifetimes, subscriptions).

Loading never raises: a missing file gives the defaults, a broken one the defaults plus a
one-line warning, and a value of the wrong type its own default plus a warning. Keys this
version does not know are kept and written back by :func:`save_config`.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args
from urllib.parse import urlsplit

import tomli_w

from tui.errors import VnNewsError
from tui.models import Source, SourceKind
from tui.paths import config_path
from tui.sanitize import clean_line
from tui.sources import default_sources, normalize_language

DEFAULT_TTLS: dict[str, float] = {"feed": 600.0, "page": 7 * 86400.0, "image": 30 * 86400.0}
SOURCE_KINDS: tuple[str, ...] = get_args(SourceKind)
_TEXT_FIELDS = ("title", "group", "category", "language")

Warn = Callable[[str], None]


class ConfigError(VnNewsError):
    """The config file could not be written."""


@dataclass
class Config:
    path: Path
    lang: str = "vi"
    """Interface language, and the language of the default sources."""
    theme: str = "textual-dark"
    keymap: dict[str, str] = field(default_factory=dict)
    """Binding id -> keys, e.g. ``{"feeds.refresh": "f5"}``."""
    ttls: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_TTLS))
    """Seconds a cached ``"feed"``, ``"page"`` or ``"image"`` stays fresh."""
    subscriptions: list[Source] | None = None
    """``None``: follow the default sources of :attr:`lang`."""
    retention_days: int = 90
    warnings: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    """Top-level keys this version does not know, written back unchanged."""

    def sources(self) -> list[Source]:
        if self.subscriptions is not None:
            return list(self.subscriptions)
        return default_sources(self.lang)


def clean_url(value: str) -> str | None:
    """``value`` without stray controls or spaces, if it is an http(s) URL with a host."""
    url = clean_line(value)
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.hostname else None


def source_to_table(source: Source) -> dict[str, str]:
    """The TOML table of one subscription (empty fields left out)."""
    table = {"url": source.url}
    table.update({name: value for name in _TEXT_FIELDS if (value := getattr(source, name))})
    table["kind"] = source.kind
    return table


def source_from_table(table: object) -> Source:
    """A subscription from its TOML table; :class:`ValueError` says what is wrong with it."""
    if not isinstance(table, dict):
        raise ValueError("not a table")
    url = table.get("url")
    if not isinstance(url, str) or (clean := clean_url(url)) is None:
        raise ValueError("'url' must be an http(s) URL")
    values: dict[str, str] = {}
    for name in _TEXT_FIELDS:
        value = table.get(name, "")
        if not isinstance(value, str):
            raise ValueError(f"'{name}' must be a string")
        values[name] = clean_line(value)
    kind = table.get("kind", "auto")
    if kind not in SOURCE_KINDS:
        raise ValueError(f"'kind' must be one of {', '.join(SOURCE_KINDS)}")
    values["language"] = normalize_language(values["language"])
    return Source(url=clean, kind=kind, **values)


def sources_from_tables(value: object, warn: Warn) -> list[Source]:
    """Subscriptions from a TOML array of tables; bad entries are reported and skipped."""
    if not isinstance(value, list):
        raise ValueError("must be an array of tables")
    sources: dict[str, Source] = {}
    for index, table in enumerate(value):
        try:
            source = source_from_table(table)
        except ValueError as error:
            warn(f"subscriptions[{index}]: {error}; skipped")
            continue
        sources.setdefault(source.url, source)
    return list(sources.values())


def load_config(path: Path | None = None) -> Config:
    """The config at ``path`` (default: :func:`tui.paths.config_path`); never raises."""
    config = Config(path=path or config_path())
    try:
        data = tomllib.loads(config.path.read_text("utf-8"))
    except FileNotFoundError:
        return config
    except (OSError, UnicodeError, tomllib.TOMLDecodeError) as error:
        config.warnings.append(f"{config.path}: {_unreadable(error)}; using the defaults")
        return config
    _apply(config, data)
    return config


def save_config(config: Config) -> None:
    """Write ``config`` atomically, creating its directory.

    A file on disk that does not parse is kept beside it as ``<name>.broken`` rather than
    overwritten: it may hold subscriptions the person wants back.
    """
    data = dict(config.extra)
    data.update(
        lang=config.lang,
        theme=config.theme,
        retention_days=config.retention_days,
        ttl=dict(config.ttls),
        keymap=dict(config.keymap),
    )
    if config.subscriptions is not None:
        data["subscriptions"] = [source_to_table(source) for source in config.subscriptions]
    try:
        config.path.parent.mkdir(parents=True, exist_ok=True)
        _set_aside_if_broken(config.path)
        write_atomic(config.path, tomli_w.dumps(data))
    except OSError as error:
        raise ConfigError(f"cannot write {config.path}: {error.strerror or error}") from error


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step: readers see the old file or the new one."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _set_aside_if_broken(path: Path) -> None:
    try:
        tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return
    except (UnicodeError, tomllib.TOMLDecodeError):
        os.replace(path, path.with_name(path.name + ".broken"))


def _unreadable(error: OSError | UnicodeError | tomllib.TOMLDecodeError) -> str:
    if isinstance(error, tomllib.TOMLDecodeError):
        return f"not valid TOML ({error})"
    if isinstance(error, UnicodeError):
        return "not UTF-8 text"
    return f"cannot read it ({error.strerror or error})"


def _apply(config: Config, data: dict[str, Any]) -> None:
    def warn(message: str) -> None:
        config.warnings.append(clean_line(f"{config.path}: {message}"))

    for key, value in data.items():
        reader = _READERS.get(key)
        if reader is None:
            config.extra[key] = value
            continue
        attribute, read = reader
        try:
            setattr(config, attribute, read(value, warn))
        except ValueError as error:
            warn(f"'{key}' {error}; using the default")


def _read_lang(value: object, warn: Warn) -> str:
    if not isinstance(value, str):
        raise ValueError("must be a string")
    if not default_sources(value):
        raise ValueError(f"is {value!r}, not a known language")
    return normalize_language(value)


def _read_theme(value: object, warn: Warn) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("must be a theme name")
    return value.strip()


def _read_days(value: object, warn: Warn) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError("must be a whole number of days, at least 1")
    return value


def _read_ttls(value: object, warn: Warn) -> dict[str, float]:
    if not isinstance(value, dict):
        raise ValueError("must be a table of seconds")
    ttls = dict(DEFAULT_TTLS)
    for kind, seconds in value.items():
        if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds <= 0:
            warn(f"'ttl.{kind}' must be a positive number of seconds; using the default")
        else:
            ttls[kind] = float(seconds)
    return ttls


def _read_keymap(value: object, warn: Warn, prefix: str = "") -> dict[str, str]:
    if not isinstance(value, dict):
        raise ValueError("must be a table of binding id = keys")
    keymap: dict[str, str] = {}
    for name, keys in value.items():
        binding = prefix + name
        if isinstance(keys, dict):
            # TOML reads an unquoted `feeds.refresh = "f5"` as a table "feeds".
            keymap.update(_read_keymap(keys, warn, f"{binding}."))
        elif isinstance(keys, str) and keys.strip():
            keymap[binding] = keys.strip()
        else:
            warn(f"'keymap.{binding}' must be a string of keys; ignored")
    return keymap


_READERS: dict[str, tuple[str, Callable[[Any, Warn], Any]]] = {
    "lang": ("lang", _read_lang),
    "theme": ("theme", _read_theme),
    "retention_days": ("retention_days", _read_days),
    "ttl": ("ttls", _read_ttls),
    "keymap": ("keymap", _read_keymap),
    "subscriptions": ("subscriptions", sources_from_tables),
}
