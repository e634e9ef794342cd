"""Smoke test of scripts/bench.py: a tiny run (--quick: 5 and 10 synthetic cards, one build each) exits 0 and
prints its tables. Timings are never asserted: they depend on the machine."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "scripts" / "bench.py"
HEADERS = (
    "| Build | Cards | Pages ours / stock | Words ours / stock | Ours s | Stock s | Ours/stock | Ours peak MB |",
    "| Cards | Synthetic card ratio | Total card ratio | Ours time ratio | Stock time ratio |",
    "| What | Files | Raw KB | Gzipped KB | Target |",
)


def run_bench(*args: str, timeout: int) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(BENCH), *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)


def test_quick_run_prints_the_tables(tmp_path):
    out = tmp_path / "bench.md"
    result = run_bench("--quick", "--output", str(out), timeout=600)
    assert result.returncode == 0, f"bench.py --quick failed:\n{result.stdout}\n{result.stderr}"
    for header in HEADERS:
        assert header in result.stdout, f"missing table header {header!r} in:\n{result.stdout}"
    cards = len(list((ROOT / "content" / "exercises").glob("*.yml")))
    for row in ("| real site |", "| real + 5 synthetic cards |", "| real + 10 synthetic cards |",
                f"| {cards + 5} → {cards + 10} |",
                "| real site: reload after saving one card", "| ours: home page first view |",
                "| ours: card page first view |", "| ours: whole site |"):
        assert row in result.stdout, f"missing row {row!r}"
    assert "Targets: ours/stock build time at most 1.5x" in result.stdout
    assert out.read_text(encoding="utf-8").strip() == result.stdout.strip()


def test_bad_sizes_fail_with_a_message():
    result = run_bench("--sizes", "ten", timeout=60)
    assert result.returncode == 2
    assert "--sizes takes whole numbers" in result.stderr
