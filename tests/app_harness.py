"""Build the terminal app for tests: the demo's feeds and pages, served by a real local server."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, cast

from rich.console import Console, RenderableType
from textual.app import App
from textual.pilot import Pilot

from tui.app import VnNewsApp
from tui.client import CachedClient
from tui.config import Config
from tui.demo import PLACEHOLDER, SITE_DIR, demo_sources
from tui.library import Library
from tui.localserver import LocalSite
from tui.models import Source
from tui.news import NewsService
from tui.screens.article import ArticleScreen

HANOI = timezone(timedelta(hours=7))
FROZEN_NOW = datetime(2026, 11, 26, 20, 0, tzinfo=HANOI)
"""Three hours after the demo's newest article: recent ones read "3 h", older ones a date."""


def frozen_clock() -> datetime:
    return FROZEN_NOW


def serve_demo(site: LocalSite) -> LocalSite:
    """Add the demo's files to a started ``site``, their links pointing at it."""
    base = site.url("").encode()
    for path, resource in LocalSite.from_directory(SITE_DIR).resources.items():
        resource.body = resource.body.replace(PLACEHOLDER, base)
        site.resources[path] = resource
    return site


def feed_path(site: LocalSite, index: int) -> str:
    """The path of the demo's ``index``-th feed.

    0: Báo Mẫu, 1: Tin Nhanh, 2: Sample Times, 3: Le Courrier Démo.
    """
    return demo_sources(site)[index].url.removeprefix(site.url(""))


def make_app(
    site: LocalSite,
    cache_dir: Path,
    *,
    lang: str = "vi",
    clock: Callable[[], datetime] | None = frozen_clock,
    config: Config | None = None,
    sources: list[Source] | None = None,
    library: Library | None = None,
    persist_subscriptions: bool = True,
) -> VnNewsApp:
    """The app on the demo's feeds (or ``sources``), with a cache of its own."""
    sources = sources if sources is not None else demo_sources(site)
    service = NewsService(client=CachedClient(cache_dir), sources=sources, library=library)
    config = config or Config(path=cache_dir.parent / "config.toml", theme="textual-dark")
    return VnNewsApp(
        service,
        config=config,
        lang=lang,
        clock=clock,
        persist_subscriptions=persist_subscriptions,
    )


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until every background job has finished and the screen shows the result."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def plain(renderable: object, width: int = 100) -> str:
    """What ``renderable`` reads as on a terminal ``width`` columns wide, without styles."""
    console = Console(width=width, record=True, color_system=None, file=io.StringIO())
    console.print(cast(RenderableType, renderable))
    return console.export_text()


def toasts(app: App[Any]) -> list[str]:
    """The notifications on screen (the app must run with ``notifications=True``)."""
    return [str(toast.render()) for toast in app.screen.query("Toast")]


def reading(app: App[Any]) -> ArticleScreen:
    """The article screen on top; fails the test when another screen is."""
    assert isinstance(app.screen, ArticleScreen), app.screen
    return app.screen
