"""The core never imports Textual: each core module is imported alone in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE_MODULES = [
    "tui.client",
    "tui.config",
    "tui.extract",
    "tui.feeds",
    "tui.httpcache",
    "tui.follow",
    "tui.headless",
    "tui.library",
    "tui.marks",
    "tui.models",
    "tui.news",
    "tui.render",
    "tui.sanitize",
    "tui.subscriptions",
    "tui.sync",
]


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_does_not_import_textual(module: str) -> None:
    probe = f"import sys, {module}; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False", f"{module} pulls in Textual"


def test_headless_commands_do_not_load_the_app() -> None:
    """`vnnews read --help` must not pay Textual's start-up cost."""
    probe = (
        "import sys; from tui.cli import main\n"
        "try:\n    main(['read', '--help'])\nexcept SystemExit:\n    pass\n"
        "print('textual' in sys.modules, file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stderr.strip().endswith("False")
