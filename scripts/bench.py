#!/usr/bin/env python3
"""Benchmark the guide: build time, peak memory and size against a stock Material site, and page weight.

Every build is the real `mkdocs build --strict` in a subprocess, on a temporary copy of the project (the working
tree is never touched). Each size adds synthetic cards: a real card cloned as bench-0001, bench-0002, ...
The stock site has the same nav, pages and about the same words, built by plain Material (search plugin only).
Prints Markdown tables; --output FILE also writes them to FILE.
Exit codes: 0 measured; 1 a build or measurement failed (the message names it and ends with its log); 2 usage.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from importlib.metadata import version
from pathlib import Path

# scripts/ is on sys.path when this runs as a script.
from bench_sites import ROOT, SEED, BenchError, copy_project, page_words, stock_project
from bench_weight import first_view, kb

MKDOCS = Path(sys.executable).parent / "mkdocs"
EDITED = {"ours": f"content/exercises/{SEED}.yml", "stock": f"docs/exercises/{SEED}.md"}
MARK = "Edited for the benchmark."
FIRST_VIEW_KB, STOCK_RATIO = 90, 1.5  # the targets


def measured(cmd: list, cwd: Path, what: str) -> tuple[float, float, str]:
    """Run cmd; return its wall seconds, its own peak RSS in MB (os.wait4) and its output."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    with tempfile.TemporaryFile() as out:  # a file, not a pipe: os.wait4 reaps the child and nothing drains a pipe
        start = time.perf_counter()
        proc = subprocess.Popen([str(c) for c in cmd], cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        timer = threading.Timer(3600, proc.kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        log = out.read().decode("utf-8", "replace")
    if proc.returncode:
        raise BenchError(f"{what} failed (exit {proc.returncode}) in {cwd}. Its output ends:\n{log[-4000:]}")
    return seconds, usage.ru_maxrss / 1024, log


def build(project: Path, label: str, repeat: int) -> dict:
    """The fastest of `repeat` strict builds with the real CLI, and what it made."""
    site = project / "_site"
    runs = [measured([MKDOCS, "build", "--strict", "--site-dir", site], project, f"The strict build of {label}")
            for _ in range(repeat)]
    seconds, peak, _ = min(runs)
    files = [p for p in site.rglob("*") if p.is_file()]
    return {"seconds": seconds, "peak": peak, "site": site, "bytes": sum(p.stat().st_size for p in files),
            "pages": sum(p.suffix == ".html" for p in files), "words": page_words(site)}


def rebuild(project: Path, kind: str, repeat: int) -> dict:
    """`mkdocs serve`'s reload after one card is saved, timed in a child process (see serve_rebuild); the fastest
    of `repeat` children."""
    runs = []
    for _ in range(repeat):
        cmd = [sys.executable, Path(__file__).resolve(), "--serve-rebuild", project, "--edit", EDITED[kind]]
        _, peak, log = measured(cmd, project, f"The serve-style reload of {project.name}")
        found = re.search(r"^RELOAD_SECONDS=([\d.]+)$", log, re.M)
        if not found:
            raise BenchError(f"The serve-style reload of {project.name} printed no time. "
                             f"Its output ends:\n{log[-4000:]}")
        runs.append((float(found.group(1)), peak))
    seconds, peak = min(runs)
    return {"seconds": seconds, "peak": peak}


def serve_rebuild(project: Path, edited: str) -> None:
    """Child process: build as `mkdocs serve` starts, save an edit to one card, time the reload in-process."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    os.chdir(project)
    site, url = tempfile.mkdtemp(prefix="calf-bench-serve-"), "http://127.0.0.1:8000/"

    def config():  # serve's builder reads the config again on every reload
        loaded = load_config(config_file="mkdocs.yml", site_dir=site)
        loaded.site_url = url
        return loaded

    try:
        first = config()
        first.plugins.on_startup(command="serve", dirty=False)
        mkdocs_build(first, serve_url=url)
        path = project / edited
        text = path.read_text(encoding="utf-8")
        edit = text.replace("purpose: ", f"purpose: {MARK} ", 1) if path.suffix == ".yml" else f"{text}\n{MARK}\n"
        path.write_text(edit, encoding="utf-8")
        start = time.perf_counter()
        mkdocs_build(config(), serve_url=url)
        seconds = time.perf_counter() - start
        if not any(MARK in p.read_text(encoding="utf-8") for p in Path(site).rglob("*.html") if SEED in str(p)):
            raise BenchError(f"The reload did not show the edit to {edited}.")
    finally:
        shutil.rmtree(site, ignore_errors=True)
    print(f"RELOAD_SECONDS={seconds:.3f}")


def weight_rows(site: Path, label: str) -> tuple[list[list], list[float]]:
    """Page weight rows for one built site, and its first views in gzipped KB. The stock site, padded with
    repetitive prose, gets first-view rows only: its search index and totals would compress unrealistically well."""
    rows, firsts, ours = [], [], label == "ours"
    for name, page in (("home page", "index.html"), ("card page", f"exercises/{SEED}.html")):
        page = page if (site / page).is_file() else page.replace(".html", "/index.html")  # stock: directory URLs
        static, search = first_view(site, page)
        firsts.append(kb(static, True))
        verdict = ("met" if firsts[-1] <= FIRST_VIEW_KB else "NOT met") if ours else "(reference)"
        rows.append([f"{label}: {name} first view", len(static), f"{kb(static, False):.1f}", f"{firsts[-1]:.1f}",
                     f"≤ {FIRST_VIEW_KB} KB: {verdict}"])
        if search and ours:
            rows.append([f"{label}: {name} first view + search worker and index", len(static) + 2,
                         f"{kb(static + search, False):.1f}", f"{kb(static + search, True):.1f}", ""])
    if ours:
        rows += [[f"{label}: search/{p.name}", 1, f"{kb([p], False):.1f}", f"{kb([p], True):.1f}", ""]
                 for p in sorted((site / "search").glob("search_index.*"))]
        files = [p for p in site.rglob("*") if p.is_file()]
        rows.append([f"{label}: whole site", len(files), f"{kb(files, False):.1f}", f"{kb(files, True):.1f}", ""])
    return rows, firsts


def table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|---|" + "---:|" * (len(header) - 1)]
    return "\n".join(lines + ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows])


def build_table(results: dict, reloads: dict, cards: int) -> str:
    def cells(ours: dict, stock: dict) -> list[str]:
        return [f"{ours['seconds']:.2f}", f"{stock['seconds']:.2f}", f"{ours['seconds'] / stock['seconds']:.2f}",
                f"{ours['peak']:.0f}", f"{stock['peak']:.0f}"]

    rows = []
    for n, (ours, stock) in results.items():
        words = f"{sum(ours['words'].values())} / {sum(stock['words'].values())}"
        rows.append(["real site" if n == 0 else f"real + {n} synthetic cards", cards + n,
                     f"{ours['pages']} / {stock['pages']}", words, *cells(ours, stock),
                     f"{ours['bytes'] / 2**20:.1f}", f"{stock['bytes'] / 2**20:.1f}"])
    rows.append(["real site: reload after saving one card (as `mkdocs serve`)", cards, "", "",
                 *cells(reloads["ours"], reloads["stock"]), "", ""])
    return table(["Build", "Cards", "Pages ours / stock", "Words ours / stock", "Ours s", "Stock s", "Ours/stock",
                  "Ours peak MB", "Stock peak MB", "Ours site MB", "Stock site MB"], rows)


def scaling_table(results: dict, cards: int) -> str:
    rows, sizes = [], list(results)
    for a, b in zip(sizes, sizes[1:]):
        (oa, sa), (ob, sb) = results[a], results[b]
        per_card = [f"{1000 * (new['seconds'] - old['seconds']) / (b - a):.0f}" for old, new in ((oa, ob), (sa, sb))]
        rows.append([f"{cards + a} → {cards + b}", f"{b / a:.2f}x" if a else "", f"{(cards + b) / (cards + a):.2f}x",
                     f"{ob['seconds'] / oa['seconds']:.2f}x", f"{sb['seconds'] / sa['seconds']:.2f}x",
                     f"{ob['bytes'] / oa['bytes']:.2f}x", *per_card,
                     f"{(ob['bytes'] - oa['bytes']) / (b - a) / 1024:.1f}"])
    return table(["Cards", "Synthetic card ratio", "Total card ratio", "Ours time ratio", "Stock time ratio",
                  "Ours site size ratio", "Ours ms per added card", "Stock ms per added card",
                  "Ours KB per added card"], rows)


def machine(argv: list[str], load_start: float) -> str:
    python = os.path.relpath(sys.executable, ROOT) if sys.executable.startswith(str(ROOT)) else sys.executable
    return "\n".join([
        f"- Date: {date.today().isoformat()}", f"- Command: `{shlex.join([python, 'scripts/bench.py', *argv])}`",
        f"- Machine: {os.cpu_count()} cores, {platform.system()} {platform.machine()}; "
        f"load average {load_start:.2f} at start, {os.getloadavg()[0]:.2f} at end",
        f"- Python {platform.python_version()}, MkDocs {version('mkdocs')}, Material {version('mkdocs-material')}, "
        f"mkdocs-macros-plugin {version('mkdocs-macros-plugin')}"])


NOTES = """Notes:
- Seconds: wall time of the whole `mkdocs build --strict` process (interpreter start and imports included), the
  fastest of --repeat runs. Peak MB: that process's maximum resident set size (os.wait4).
- Reload: a child process builds as `mkdocs serve` starts, saves an edit to one card, then times the next build in
  the same process, config re-read as serve's builder does. In-process, not a second `mkdocs build` after `touch`:
  a second CLI build is just another cold build, while serve keeps imports and caches warm (the edit invalidates our
  content cache, so content is reloaded). Its peak MB covers both builds.
- Stock: Material with the search plugin and our nav, theme features and Markdown extensions; no macros, hooks,
  offline plugin or overrides. Pages: ours with macro calls removed, cards and programs as Markdown lists, each padded
  with plain prose to our page's word count. Words are counted from each site's search index.
- Weight: each file gzipped at level 9. First view: the HTML and every local stylesheet, icon, script and image it
  references. Material's bundle also fetches the search worker and index as the page opens (the "+ search" rows)."""


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", help="synthetic card counts, comma-separated (default 100,500,1000)")
    parser.add_argument("--quick", action="store_true", help="smoke run: sizes 5,10 and one build each")
    parser.add_argument("--repeat", type=int,
                        help="builds per measurement; the fastest counts (default 3, or 1 with --quick)")
    parser.add_argument("--output", type=Path, help="also write the tables to this file")
    parser.add_argument("--serve-rebuild", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--edit", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        args.sizes = sorted({int(s) for s in (args.sizes or ("5,10" if args.quick else "100,500,1000")).split(",")})
    except ValueError:
        parser.error(f"--sizes takes whole numbers separated by commas, such as 100,500,1000; not {args.sizes!r}")
    args.repeat = args.repeat or (1 if args.quick else 3)
    if args.sizes[0] < 1 or args.repeat < 1:
        parser.error("--sizes and --repeat take numbers of 1 or more")
    return args


def bench(args: argparse.Namespace, argv: list[str]) -> str:
    """Every measurement, as Markdown."""
    load_start = os.getloadavg()[0]
    if not MKDOCS.exists():
        raise BenchError(f"{MKDOCS} not found. Fix: run `make setup` first (or use `make bench`).")
    results = {}
    with tempfile.TemporaryDirectory(prefix="calf-bench-") as tmp:
        # One snapshot of the working tree: every size is built from the same files, even if they change meanwhile.
        snapshot = copy_project(ROOT, Path(tmp) / "snapshot")
        cards = len(list((snapshot / "content" / "exercises").glob("*.yml")))
        for n in (0, *args.sizes):
            print(f"bench: real site + {n} synthetic cards, ours then stock", file=sys.stderr, flush=True)
            ours = build(copy_project(snapshot, Path(tmp) / f"ours-{n}", n), f"our site + {n} cards", args.repeat)
            stock_dir = stock_project(ours["site"].parent, ours["words"], Path(tmp) / f"stock-{n}")
            results[n] = (ours, build(stock_dir, f"the stock site + {n} cards", args.repeat))
            if n == 0:
                weight, firsts = weight_rows(ours["site"], "ours")
                weight += weight_rows(results[0][1]["site"], "stock")[0]
                reloads = {"ours": rebuild(ours["site"].parent, "ours", args.repeat),
                           "stock": rebuild(stock_dir, "stock", args.repeat)}
            shutil.rmtree(ours["site"].parent)
            shutil.rmtree(stock_dir)
    ratio = max(ours["seconds"] / stock["seconds"] for ours, stock in results.values())
    verdicts = (f"Targets: ours/stock build time at most {STOCK_RATIO}x: "
                f"{'met' if ratio <= STOCK_RATIO else 'NOT met'} (worst {ratio:.2f}x). "
                f"First view at most {FIRST_VIEW_KB} KB gzipped: "
                f"{'met' if max(firsts) <= FIRST_VIEW_KB else 'NOT met'} (heaviest {max(firsts):.1f} KB).")
    return "\n\n".join(["# Calf Pain Guide benchmark", machine(argv, load_start),
                        "## Build time, memory and size", build_table(results, reloads, cards),
                        "## Scaling", scaling_table(results, cards),
                        "## Page weight", table(["What", "Files", "Raw KB", "Gzipped KB", "Target"], weight),
                        verdicts, NOTES]) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    try:
        if args.serve_rebuild:
            serve_rebuild(args.serve_rebuild.resolve(), args.edit)
            return 0
        report = bench(args, argv)
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 1
    print(report)
    if args.output:
        args.output.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
