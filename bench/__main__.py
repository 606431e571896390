"""``python -m bench``: measure every figure against newsboat and print the table."""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from bench.figures import FULL, GROUPS, QUICK, Bench
from bench.newsboat import NOT_INSTALLED, find_newsboat
from bench.report import notes, table
from bench.server import BenchSite

EXIT_OK = 0
EXIT_FAILED = 1


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Measure vnnews against newsboat (taken from the system when installed).",
    )
    parser.add_argument(
        "--quick", action="store_true", help="tiny sizes and one run: a smoke test (< 30 s)"
    )
    parser.add_argument(
        "--runs", type=int, metavar="N", help="runs per figure (default 5; 1 with --quick)"
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=[name for name, _ in GROUPS],
        help="run only this group of figures (may be repeated)",
    )
    return parser


def machine(newsboat: str | None) -> str:
    version = NOT_INSTALLED
    if newsboat is not None:
        result = subprocess.run(
            [newsboat, "--version"], capture_output=True, text=True, check=False
        )
        version = result.stdout.splitlines()[0] if result.stdout else newsboat
    return (
        f"{datetime.now().astimezone():%Y-%m-%d %H:%M %Z}; {os.cpu_count()} CPUs, "
        f"{platform.machine()}, Python {platform.python_version()}; {version}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    sizes = QUICK if args.quick else FULL
    if args.runs:
        sizes = replace(sizes, runs=args.runs, memory_runs=args.runs)
    newsboat = find_newsboat()
    print(f"vnnews benchmark: {machine(newsboat)}")
    print(f"sizes: {sizes.describe()}\n", flush=True)
    started = time.perf_counter()
    site = BenchSite()
    with tempfile.TemporaryDirectory(prefix="vnnews-bench-") as scratch, site:
        bench = Bench(sizes, Path(scratch), site, newsboat)
        for name, measure in GROUPS:
            if args.only and name not in args.only:
                continue
            first = len(bench.figures)
            group_started = time.perf_counter()
            try:
                measure(bench)
            except Exception as error:  # a broken group is reported, the others still run
                traceback.print_exc()
                message = " ".join(f"{type(error).__name__}: {error}".split())
                for figure in bench.figures[first:]:
                    figure.error = message
            print(
                f"[{name}: {time.perf_counter() - group_started:.1f} s]",
                file=sys.stderr,
                flush=True,
            )
    print(table(bench.figures))
    print()
    print(notes(bench.figures))
    print(f"\ntotal {time.perf_counter() - started:.0f} s")
    return EXIT_FAILED if any(figure.error for figure in bench.figures) else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
