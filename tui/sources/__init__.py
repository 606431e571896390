"""The default subscriptions shipped with vnnews, per language (data in ``defaults.toml``)."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

from tui.models import Source


@cache
def _all_defaults() -> tuple[Source, ...]:
    data = tomllib.loads(resources.files(__name__).joinpath("defaults.toml").read_text("utf-8"))
    sources: list[Source] = []
    for publication in data["publication"]:
        group = publication["group"]
        for feed in publication["feeds"]:
            category = feed["category"]
            sources.append(
                Source(
                    url=feed["url"],
                    title=feed.get("title", f"{group} › {category}"),
                    group=group,
                    category=category,
                    language=publication["language"],
                    kind=publication["kind"],
                )
            )
    return tuple(sources)


def normalize_language(lang: str) -> str:
    """``"fr_FR"`` -> ``"fr-fr"``: the form language codes are compared in."""
    return lang.strip().lower().replace("_", "-")


def languages() -> list[str]:
    """The languages that have default sources, in the order of the data file (vi, en, fr, ...)."""
    return list(dict.fromkeys(source.language for source in _all_defaults()))


def default_sources(lang: str) -> list[Source]:
    """The default sources for ``lang``; a regional code falls back to its language
    (``"fr-FR"`` gives the French sources). Unknown languages have none."""
    wanted = normalize_language(lang)
    exact = [source for source in _all_defaults() if source.language == wanted]
    if exact or not wanted:
        return exact
    primary = wanted.split("-")[0]
    return [source for source in _all_defaults() if source.language.split("-")[0] == primary]
