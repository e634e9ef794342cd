"""scripts/bench.py refuses bad arguments with a message. The benchmark itself runs under `make bench`, not here:
its timings depend on the machine, and a smoke run that only checked its table headers cost about 55 s per test run."""

from __future__ import annotations

import subprocess
import sys

from helpers import ROOT

BENCH = ROOT / "scripts" / "bench.py"


def test_bad_sizes_fail_with_a_message():
    result = subprocess.run(
        [sys.executable, str(BENCH), "--sizes", "ten"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert "--sizes takes whole numbers" in result.stderr
