"""Start the terminal app: pick the sources, open the cache and the library, run, clean up."""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
from contextlib import ExitStack
from pathlib import Path

from tui.client import CachedClient
from tui.config import Config, load_config, save_config
from tui.errors import EXIT_FAILURE, VnNewsError
from tui.library import Library
from tui.models import Source
from tui.news import NewsService


def run_app(args: argparse.Namespace) -> int:
    """Run the app; a start-up failure is one line on stderr and exit code 3."""
    try:
        config = _config(args)
        with ExitStack() as stack:
            sources, cache_dir, library_path = _sources(args, config, stack)
            library = stack.enter_context(Library(library_path))
            pruning = threading.Thread(
                target=library.prune, args=(config.retention_days,), daemon=True
            )
            pruning.start()
            stack.callback(pruning.join)
            client = CachedClient(cache_dir, offline=args.offline, ttls=config.ttls)
            service = NewsService(client, sources, library=library)
            for warning in [*config.warnings, *library.warnings, *client.warnings]:
                print(f"vnnews: warning: {warning}", file=sys.stderr)
            return _run(service, config, args)
    except VnNewsError as error:
        print(f"vnnews: {error}", file=sys.stderr)
        return EXIT_FAILURE


def _config(args: argparse.Namespace) -> Config:
    config = load_config()
    if args.theme:
        config.theme = args.theme
    if args.lang and args.lang != config.lang:
        config.lang = args.lang
        try:
            save_config(config)  # the choice is remembered
        except VnNewsError as error:
            config.warnings.append(str(error))
    return config


def _sources(
    args: argparse.Namespace, config: Config, stack: ExitStack
) -> tuple[list[Source], Path | None, Path | None]:
    """The sources to show, and where the cache and library live for them."""
    if args.demo:
        from tui.demo import demo_sources, start_demo_site

        site = start_demo_site()
        stack.callback(site.stop)
        # The demo keeps its cache and library apart: its URLs change with every run.
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="vnnews-demo-")))
        return demo_sources(site), scratch / "cache", scratch / "library.sqlite3"
    if args.urls:
        return [Source(url) for url in args.urls], args.cache_dir, None
    if args.feeds:
        from tui.subscriptions import load_subscriptions

        return load_subscriptions(args.feeds), args.cache_dir, None
    return config.sources(), args.cache_dir, None


def _run(service: NewsService, config: Config, args: argparse.Namespace) -> int:
    from tui.app import VnNewsApp

    # Subscriptions added from the app are saved only when the app shows the config's own.
    own_subscriptions = not (args.demo or args.urls or args.feeds)
    app = VnNewsApp(
        service, config=config, lang=config.lang, persist_subscriptions=own_subscriptions
    )
    result = app.run()
    return result if isinstance(result, int) else 0
