"""The ``vnnews`` command: argument parsing, then the app or a headless command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from tui import __version__
from tui.sync import DEFAULT_CONCURRENCY

HEADLESS_COMMANDS = ("read", "feed", "sync", "search", "import", "export")


def _positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text!r}")
    return value


def _cache_dir_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--cache-dir", type=Path, help="HTTP cache directory (or VNNEWS_CACHE_DIR)")


def _common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--offline", action="store_true", help="never touch the network; cache only"
    )
    _cache_dir_option(parser)


def _feeds_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--feeds",
        type=Path,
        metavar="FILE",
        help="follow the feeds listed in FILE (OPML, newsboat urls or vnnews TOML) "
        "instead of the subscriptions",
    )


def app_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vnnews",
        description="A terminal news browser. Headless commands: "
        + ", ".join(f"'vnnews {name} --help'" for name in HEADLESS_COMMANDS),
    )
    parser.add_argument("urls", nargs="*", metavar="URL", help="open just these feeds or pages")
    parser.add_argument("--demo", action="store_true", help="browse a bundled sample, no network")
    parser.add_argument("--lang", help="interface language and default sources (vi, en, fr, ...)")
    parser.add_argument("--theme", help="a Textual theme name, e.g. ansi-dark for 16 colours")
    parser.add_argument("--version", action="version", version=f"vnnews {__version__}")
    _feeds_option(parser)
    _common_options(parser)
    return parser


def headless_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vnnews", description="vnnews headless commands")
    commands = parser.add_subparsers(dest="command", required=True)

    read = commands.add_parser("read", help="print the full article at URL")
    read.add_argument("url", metavar="URL")
    output = read.add_mutually_exclusive_group()
    output.add_argument("--plain", action="store_true", help="plain text, no escape codes")
    output.add_argument("--json", action="store_true", help="the extracted article as JSON")
    read.add_argument("--width", type=_positive_int, metavar="N", help="wrap at N columns")
    _common_options(read)

    feed = commands.add_parser("feed", help="list the articles of a feed or listing page")
    feed.add_argument("url", metavar="URL")
    feed.add_argument("--json", action="store_true", help="the articles as JSON")
    feed.add_argument("--width", type=_positive_int, metavar="N", help="wrap at N columns")
    _common_options(feed)

    _sync_parser(commands)
    _search_parser(commands)
    _subscription_parsers(commands)
    return parser


def _sync_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sync = commands.add_parser(
        "sync",
        help="refresh every feed and save the pages of new articles, for reading offline",
        description="Refresh every subscription, then download the full page of each article "
        "the library has not saved yet, so that 'vnnews --offline' and 'vnnews read URL "
        "--offline' can show it. A feed fetched within its cache lifetime (the config's "
        "ttl.feed, or the feed's own <ttl>) is not asked again. Quiet on a pipe (for cron): "
        "only the feeds that failed are printed on stderr, one a line. Exit status 3 when "
        "every feed failed; Ctrl-C keeps what was fetched.",
    )
    sync.add_argument(
        "--feeds-only", action="store_true", help="refresh the feeds, download no pages"
    )
    sync.add_argument(
        "--concurrency",
        type=_positive_int,
        default=DEFAULT_CONCURRENCY,
        metavar="N",
        help=f"at most N downloads at a time (default {DEFAULT_CONCURRENCY})",
    )
    _feeds_option(sync)
    _cache_dir_option(sync)


def _search_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    search = commands.add_parser(
        "search",
        help="search the library (titles, summaries, authors, saved pages)",
        description="Search every article the library has seen; accents do not matter "
        "('ha noi' finds 'Hà Nội'). No match is not an error (exit status 0).",
    )
    search.add_argument("query", metavar="QUERY")
    search.add_argument(
        "--json",
        action="store_true",
        help="a list of {id, title, url, published, authors, feed (its URL), snippet}",
    )
    search.add_argument(
        "--limit", type=_positive_int, default=50, metavar="N", help="at most N hits (default 50)"
    )
    search.add_argument("--width", type=_positive_int, metavar="N", help="wrap at N columns")


def _subscription_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    importer = commands.add_parser(
        "import",
        help="add the feeds of an OPML, newsboat urls or vnnews TOML file to the subscriptions",
        description="Add the feeds listed in FILE to the subscriptions in the config file, "
        "skipping those already there. While you still follow the default sources of your "
        "language, there is no subscription list yet: the imported feeds become the whole "
        "list. To keep the defaults too, first run 'vnnews export > defaults.opml' and "
        "import that file as well.",
    )
    importer.add_argument("file", type=Path, metavar="FILE")
    commands.add_parser(
        "export",
        help="print the subscriptions as OPML 2.0",
        description="Print the subscriptions (or the default sources, if you have none) as "
        "OPML 2.0 on stdout, with their titles, groups, categories and languages.",
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in HEADLESS_COMMANDS:
        from tui.headless import run_headless

        return run_headless(headless_parser().parse_args(args))
    from tui.launch import run_app

    return run_app(app_parser().parse_args(args))


if __name__ == "__main__":
    sys.exit(main())
