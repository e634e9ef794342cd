"""Benchmark projects and runs: a copy of the project with synthetic cards, and one timed command.

Used by scripts/bench.py and scripts/bench_reload.py.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("mkdocs.yml", "content", "macros", "site_overrides")  # what a build reads; node_modules is linked
SEED = "calf-raise-double"  # the card cloned into synthetic ones and edited for the reload
TIMEOUT = 1800  # seconds: a build that takes longer has hung


class BenchError(Exception):
    """A build or measurement failed; the message says which and why."""


def project_with_cards(source: Path, dest: Path, total: int = 0) -> Path:
    """A copy of the project at `dest` (node_modules linked) holding `total` cards: the real ones, then clones of the
    seed card (bench-0001, bench-0002, ...) up to `total`. Fewer than the real cards adds none."""
    dest.mkdir(parents=True)
    for part in PARTS:
        if (source / part).is_dir():
            shutil.copytree(source / part, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source / part, dest / part)
    (dest / "node_modules").symlink_to(ROOT / "node_modules")
    folder = dest / "content" / "exercises"
    seed = yaml.safe_load((folder / f"{SEED}.yml").read_text(encoding="utf-8"))
    for n in range(1, total - real_cards(dest) + 1):
        # A valid clone: its id equals its file name, and empty ladders, so every card link resolves.
        clone = {
            **seed,
            "id": f"bench-{n:04d}",
            "name": f"{seed['name']} {n}",
            "easier": [],
            "harder": [],
            "related": [],
        }
        (folder / f"bench-{n:04d}.yml").write_text(yaml.safe_dump(clone, sort_keys=False), encoding="utf-8")
    return dest


def real_cards(project: Path) -> int:
    """The cards in a project that are not synthetic clones."""
    return sum(not p.name.startswith("bench-") for p in (project / "content" / "exercises").glob("*.yml"))


def bench_env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def timed(cmd: list, cwd: Path, what: str) -> float:
    """Run cmd in cwd; its wall seconds (interpreter start included). A failure raises BenchError with its log."""
    with tempfile.TemporaryFile() as out:  # a file, not a pipe: nothing has to drain it while we wait
        start = time.perf_counter()
        try:
            code = subprocess.run(
                [str(c) for c in cmd], cwd=cwd, env=bench_env(), stdout=out, stderr=subprocess.STDOUT, timeout=TIMEOUT
            ).returncode
        except subprocess.TimeoutExpired as exc:
            raise BenchError(f"{what} took over {TIMEOUT} s in {cwd}: stopped.") from exc
        seconds = time.perf_counter() - start
        out.seek(0)
        log = out.read().decode("utf-8", "replace")
    if code:
        raise BenchError(f"{what} failed (exit {code}) in {cwd}. Its output ends:\n{log[-4000:]}")
    return seconds
