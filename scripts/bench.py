#!/usr/bin/env python3
"""Benchmark the guide against issue 26's targets: our own steps, live reload, linearity and first view.

- Our steps (imports, stage, CSP) on top of MkDocs: A is `make build`'s command (python -m macros.pipeline.buildsite:
  stage, strict MkDocs build, CSP step, in one process, the staged folder deleted first as on a fresh clone); B is the
  same strict `mkdocs build` of the pages A staged. They run in turn (A B A B ...); the figure is the median of the
  pair percentages 100 * (A / B - 1), at the real site (33 cards) and at about 1,000 cards.
- Live reload: `mkdocs serve` as `make serve` runs it; the time from saving one card or one page until the served
  page holds the new text (scripts/bench_reload.py).
- Linear to 1,000 cards: A's times at the real site, about 330 and about 1,000 cards (synthetic clones of a card).
- First view: the home page and every file its HTML loads, each gzipped (scripts/bench_weight.py).
Every build runs on a temporary copy of the working tree. Prints a table; --update-doc FILE writes the report
between FILE's bench markers. Exit codes: 0 measured (targets met or not); 1 a run failed; 2 usage.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from statistics import median

# scripts/ is on sys.path when this runs as a script.
from bench_reload import reloads
from bench_sites import PARTS, ROOT, BenchError, project_with_cards, real_cards, timed
from bench_stats import SPREAD, curvature, line_fit, paired_ratio
from bench_weight import first_view, kb

from macros.pipeline.buildsite import build_command, mkdocs_args
from macros.pipeline.siteconfig import load_config

MKDOCS = Path(sys.executable).parent / "mkdocs"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
# Issue 26's targets.
OVERHEAD_PERCENT, RELOAD_SECONDS, FIRST_VIEW_KB, SCALE_CARDS = 30, 1.0, 85, 1000


@dataclass
class Measured:
    """Every figure of one run. `pairs` maps a card count to its (A seconds, B seconds) pairs."""

    pairs: dict[int, list[tuple[float, float]]] = field(default_factory=dict)
    reload: dict[str, list[float]] = field(default_factory=dict)
    first_view_kb: float = 0.0
    first_view_files: int = 0
    search_kb: float = 0.0


def in_turn(run_a: Callable[[], float], run_b: Callable[[], float], pairs: int) -> list[tuple[float, float]]:
    """A then B, `pairs` times (A B A B ...), so a slow spell on a shared machine tilts one pair, not one side."""
    return [(run_a(), run_b()) for _ in range(pairs)]


def overhead(pairs: list[tuple[float, float]]) -> tuple[float, float, float]:
    """The median, lowest and highest pair percentage 100 * (A / B - 1)."""
    r = paired_ratio([a for a, _ in pairs], [b for _, b in pairs])
    return 100 * (r.median - 1), 100 * (r.low - 1), 100 * (r.high - 1)


def linearity(pairs: dict[int, list[tuple[float, float]]]) -> tuple[str, bool | None]:
    """A's median seconds at each size and whether a straight line fits them: a least-squares quadratic through
    every timed build must not bend upwards by more than SPREAD standard errors."""
    xs = [n for n, runs in pairs.items() for _ in runs]
    ys = [a for runs in pairs.values() for a, _ in runs]
    sizes = ", ".join(f"{n:,}: {median(a for a, _ in runs):.2f} s" for n, runs in pairs.items())
    bend = curvature(xs, ys)
    if bend is None or max(xs) < SCALE_CARDS * 0.9:
        return f"{sizes} (needs 3 sizes up to about {SCALE_CARDS:,} cards)", None
    per_card = 1000 * line_fit(xs, ys).slope
    c, se = bend
    straight = c - SPREAD * se <= 0
    shape = "straight" if straight else f"bends upwards: +{c * max(xs) ** 2:.2f} s at {max(xs):,} cards"
    return f"{sizes}; {per_card:.1f} ms a card; {shape}", straight


def verdict(ok: bool | None) -> str:
    return "not measured" if ok is None else ("pass" if ok else "MISS")


def target_rows(m: Measured, real: int) -> list[tuple[str, str, str]]:
    """(target, measured, verdict) for each of issue 26's targets."""
    rows = []
    for n in sorted(m.pairs):
        if n != real and n < SCALE_CARDS * 0.9:
            continue  # middle sizes count for linearity only
        mid, low, high = overhead(m.pairs[n])
        rows.append(
            (
                f"Our steps at most +{OVERHEAD_PERCENT}% on MkDocs, {n:,} cards",
                f"+{mid:.0f}% (median of {len(m.pairs[n])} pairs; {low:+.0f}% to {high:+.0f}%)",
                verdict(mid <= OVERHEAD_PERCENT),
            )
        )
    for kind, times in m.reload.items():
        rows.append(
            (
                f"Live reload after saving one {kind} at most {RELOAD_SECONDS:g} s",
                f"{median(times):.2f} s (median of {len(times)}; {min(times):.2f}-{max(times):.2f} s)",
                verdict(median(times) <= RELOAD_SECONDS),
            )
        )
    text, straight = linearity(m.pairs)
    rows.append((f"Linear to {SCALE_CARDS:,} cards (full build)", text, verdict(straight)))
    rows.append(
        (
            f"First view of the home page at most {FIRST_VIEW_KB} KB gzipped",
            f"{m.first_view_kb:.1f} KB ({m.first_view_files} files; the search index and worker Material fetches "
            f"after load: +{m.search_kb:.1f} KB)",
            verdict(m.first_view_kb <= FIRST_VIEW_KB),
        )
    )
    return rows


def table(rows: list[tuple[str, str, str]]) -> str:
    lines = ["| Target | Measured | Result |", "|---|---|---|"]
    return "\n".join(lines + [f"| {t} | {v} | {r} |" for t, v, r in rows])


def measure_size(snapshot: Path, tmp: Path, total: int, pairs: int, m: Measured, reload_runs: int) -> None:
    """Warm-up, then the A/B pairs at one size; at the real site also the first view and the reloads."""
    project = project_with_cards(snapshot, tmp / f"cards-{total}", total)
    staged = load_config(project).staged
    site_a, site_b = project / "_site", project / "_site_b"

    last = {}

    def run_a() -> float:
        shutil.rmtree(staged, ignore_errors=True)  # the stage writes every page, as on a fresh clone
        last["a"] = timed(build_command(site_a), project, f"The build at {total:,} cards")
        return last["a"]

    def run_b() -> float:
        b = timed([MKDOCS, *mkdocs_args(project, site_b)], project, f"MkDocs alone at {total:,} cards")
        print(f"bench:   {total:,} cards: A {last['a']:.2f} s, B {b:.2f} s", file=sys.stderr, flush=True)
        return b

    print(f"bench: {total:,} cards: a warm-up, then {pairs} pair(s)", file=sys.stderr, flush=True)
    run_a(), run_b()
    m.pairs[total] = in_turn(run_a, run_b, pairs)
    if total == real_cards(snapshot):
        static, search = first_view(site_a, "index.html")
        m.first_view_kb, m.first_view_files, m.search_kb = kb(static, True), len(static), kb(search, True)
        if reload_runs:
            print(f"bench: live reload, {reload_runs} edit(s) of a card and of a page", file=sys.stderr, flush=True)
            m.reload = reloads(project, reload_runs)
    shutil.rmtree(project)


def git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"


def commit() -> str:
    """The commit the working tree is at, and whether the code or content measured has uncommitted changes."""
    dirty = " (uncommitted changes measured too)" if git("status", "--porcelain", "--", *PARTS) else ""
    return f"`{git('rev-parse', '--short', 'HEAD')}`{dirty}"


def header(argv: list[str], measured: str, load_start: float, started: float, pairs_text: str) -> str:
    return "\n".join(
        [
            f"- Commit {measured}; {date.today().isoformat()}; {(time.perf_counter() - started) / 60:.1f} min",
            f"- Command: `scripts/bench.py {' '.join(argv)}`",
            f"- Machine: {os.cpu_count()} cores; load average {load_start:.2f} at start, "
            f"{os.getloadavg()[0]:.2f} at end",
            f"- Runs: {pairs_text}",
        ]
    )


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", help="card counts past the real site, comma-separated (default 330,1000)")
    parser.add_argument("--pairs", type=int, help="A/B pairs below 1,000 cards (default 5)")
    parser.add_argument("--big-pairs", type=int, help="A/B pairs at about 1,000 cards; fewer under load (default 3)")
    parser.add_argument("--reloads", type=int, help="edits of a card and of a page for live reload (default 5)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 40 and 45 cards, one pair, one reload each")
    parser.add_argument("--output", type=Path, help="also write the report to this file")
    parser.add_argument("--update-doc", type=Path, help=f"put the report between {START} and {END} in this file")
    args = parser.parse_args(argv)
    try:
        args.cards = sorted({int(s) for s in (args.cards or ("40,45" if args.quick else "330,1000")).split(",")})
    except ValueError:
        parser.error(f"--cards takes whole numbers separated by commas, such as 330,1000; not {args.cards!r}")
    args.pairs = args.pairs or (1 if args.quick else 5)
    args.big_pairs = args.big_pairs or (1 if args.quick else 3)
    args.reloads = (1 if args.quick else 5) if args.reloads is None else args.reloads
    if args.cards[0] < 1 or args.pairs < 1 or args.big_pairs < 1 or args.reloads < 0:
        parser.error("--cards, --pairs and --big-pairs take numbers of 1 or more; --reloads 0 or more")
    return args


def bench(args: argparse.Namespace, argv: list[str]) -> str:
    started, load_start, measured = time.perf_counter(), os.getloadavg()[0], commit()
    if not MKDOCS.exists():
        raise BenchError(f"{MKDOCS} not found. Fix: run `make setup` first (or use `make bench`).")
    m = Measured()
    with tempfile.TemporaryDirectory(prefix="calf-bench-") as tmp:
        # One snapshot of the working tree: every size is built from the same files, even if they change meanwhile.
        snapshot = project_with_cards(ROOT, Path(tmp) / "snapshot")
        real = real_cards(snapshot)
        for total in [real, *[n for n in args.cards if n > real]]:
            pairs = args.big_pairs if total >= SCALE_CARDS * 0.9 else args.pairs
            measure_size(snapshot, Path(tmp), total, pairs, m, args.reloads)
    runs = ", ".join(f"{len(p)} at {n:,} cards" for n, p in m.pairs.items())
    text = f"A/B pairs {runs}; one untimed warm-up of each first; {args.reloads} reload(s) of each kind"
    return f"{header(argv, measured, load_start, started, text)}\n\n{table(target_rows(m, real))}\n"


def update_doc(path: Path, report: str) -> None:
    """Replace what lies between the bench markers in `path` with the report."""
    text = path.read_text(encoding="utf-8")
    if text.count(START) != 1 or text.count(END) != 1 or text.index(START) > text.index(END):
        raise BenchError(f"{path} needs one line {START} and, after it, one line {END}. Fix: add the two markers.")
    head, rest = text.split(START)
    path.write_text(f"{head}{START}\n\n{report}\n{END}{rest.split(END, 1)[1]}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    try:
        if args.update_doc and not args.update_doc.is_file():
            raise BenchError(f"--update-doc {args.update_doc}: no such file.")
        report = bench(args, argv)
        print(report)
        if args.output:
            args.output.write_text(report, encoding="utf-8")
        if args.update_doc:
            update_doc(args.update_doc, report)
            print(f"bench: wrote the report into {args.update_doc}", file=sys.stderr)
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
