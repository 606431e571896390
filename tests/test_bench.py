"""The benchmark suite still runs: ``python -m bench --quick`` exits 0 and prints every figure."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIGURES = (
    "cold refresh, no delay",
    "cold refresh, 50 ms delay",
    "warm refresh (304), 2nd run",
    "warm refresh (304), 3rd run",
    "first painted frame",
    "open cached article",
    "open prefetched article",
    "search library",
    "memory idle (RSS)",
    "memory refreshing (peak RSS)",
    "parse 50-item feed",
)


def test_quick_benchmark_prints_every_figure(tmp_path: Path) -> None:
    # VNNEWS_* point into tmp_path (autouse fixture); the bench's scratch goes there too.
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--quick"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    rows = [line for line in result.stdout.splitlines() if line.startswith("| ")]
    names = [row.split("|")[1].strip() for row in rows[1:]]
    assert names == list(FIGURES)
    measured = [row.split("|")[2].strip() for row in rows[1:]]
    assert all(value[0].isdigit() for value in measured), measured
