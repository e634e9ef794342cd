#!/usr/bin/env python3
"""Benchmark the guide: build time, peak memory and size against a stock Material site, and page weight.

Every build is the real build command (ours: `make build`'s, stage + MkDocs + CSP in one process; stock:
`mkdocs build --strict`) in a subprocess, on a temporary copy of the project (the working tree is never touched).
Each size adds synthetic cards: a real card cloned as bench-0001, bench-0002, ...
The stock site has the same nav, pages and about the same words, built by plain Material (search plugin only).
Ours and stock are built in pairs, one after the other (A B A B ...); a ratio is the median of the per-pair ratios.
Time per added card comes from a least-squares line over every timed build at every size.
Prints Markdown; --output FILE also writes it to FILE; --update-doc FILE puts it between FILE's bench markers.
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
from statistics import median

# scripts/ is on sys.path when this runs as a script.
from bench_sites import PARTS, ROOT, SEED, BenchError, copy_project, page_words, stock_project
from bench_stats import SPREAD, curvature, line_fit, paired_ratio
from bench_weight import first_view, kb

from macros.pipeline.buildsite import build_command
from macros.pipeline.stage import stage

MKDOCS = Path(sys.executable).parent / "mkdocs"
EDITED = {"ours": f"content/exercises/{SEED}.yml", "stock": f"docs/exercises/{SEED}.md"}
MARK = "Edited for the benchmark."
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
# The targets: first view in gzipped KB; ours/stock for the real site; ours/stock at about 1,000 cards.
FIRST_VIEW_KB, REAL_RATIO, SCALE_RATIO, SCALE_CARDS = 90, 1.5, 1.3, 1000
SMALL = 100  # sizes up to this many synthetic cards get --pairs pairs; larger sizes get --big-pairs


def measured(cmd: list, cwd: Path, what: str) -> tuple[float, float, str]:
    """Run cmd; return its wall seconds (time.perf_counter), its own peak RSS in MB (os.wait4) and its output."""
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


def build(project: Path, label: str) -> tuple[float, float]:
    """One strict build with the real commands: wall seconds and peak MB. The site goes to project/_site.

    Ours is `make build`'s command (macros/pipeline/buildsite.py: stage, strict MkDocs, CSP step, in one process); the
    stock site has no stage and no CSP step: `mkdocs build --strict` alone."""
    site = project / "_site"
    ours = (project / "content").is_dir()
    cmd = build_command(site) if ours else [MKDOCS, "build", "--strict", "--site-dir", site]
    seconds, peak, _ = measured(cmd, project, f"The strict build of {label}")
    return seconds, peak


def site_facts(site: Path) -> dict:
    files = [p for p in site.rglob("*") if p.is_file()]
    return {
        "site": site,
        "bytes": sum(p.stat().st_size for p in files),
        "pages": sum(p.suffix == ".html" for p in files),
        "words": page_words(site),
    }


def rebuild(project: Path, kind: str) -> tuple[float, float]:
    """`mkdocs serve`'s reload after one card is saved, timed in a child process (see serve_rebuild)."""
    cmd = [sys.executable, Path(__file__).resolve(), "--serve-rebuild", project, "--edit", EDITED[kind]]
    _, peak, log = measured(cmd, project, f"The serve-style reload of {project.name}")
    found = re.search(r"^RELOAD_SECONDS=([\d.]+)$", log, re.M)
    if not found:
        raise BenchError(f"The serve-style reload of {project.name} printed no time. Its output ends:\n{log[-4000:]}")
    return float(found.group(1)), peak


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
        if (project / "content").is_dir():
            stage(project)  # as `make serve` does before MkDocs starts; the hook restages on each reload
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


def in_pairs(ours, stock, pairs: int, label: str) -> dict:
    """Run ours() then stock(), `pairs` times in turn; every run's seconds and peak MB."""
    runs = {"ours": [], "stock": []}
    for i in range(pairs):
        runs["ours"].append(ours())
        runs["stock"].append(stock())
        print(
            f"bench:   {label} pair {i + 1}/{pairs}: ours {runs['ours'][-1][0]:.2f} s, "
            f"stock {runs['stock'][-1][0]:.2f} s",
            file=sys.stderr,
            flush=True,
        )
    return runs


def weight_rows(site: Path, label: str) -> tuple[list[list], list[float]]:
    """Page weight rows for one built site, and its first views in gzipped KB. The stock site, padded with
    repetitive prose, gets first-view rows only: its search index and totals would compress unrealistically well."""
    rows, firsts, ours = [], [], label == "ours"
    for name, page in (("home page", "index.html"), ("card page", f"exercises/{SEED}.html")):
        page = page if (site / page).is_file() else page.replace(".html", "/index.html")  # stock: directory URLs
        static, search = first_view(site, page)
        firsts.append(kb(static, True))
        verdict = ("met" if firsts[-1] <= FIRST_VIEW_KB else "NOT met") if ours else "(reference)"
        rows.append(
            [
                f"{label}: {name} first view",
                len(static),
                f"{kb(static, False):.1f}",
                f"{firsts[-1]:.1f}",
                f"≤ {FIRST_VIEW_KB} KB: {verdict}",
            ]
        )
        if search and ours:
            rows.append(
                [
                    f"{label}: {name} first view + search worker and index",
                    len(static) + 2,
                    f"{kb(static + search, False):.1f}",
                    f"{kb(static + search, True):.1f}",
                    "",
                ]
            )
    if ours:
        rows += [
            [f"{label}: search/{p.name}", 1, f"{kb([p], False):.1f}", f"{kb([p], True):.1f}", ""]
            for p in sorted((site / "search").glob("search_index.*"))
        ]
        files = [p for p in site.rglob("*") if p.is_file()]
        rows.append([f"{label}: whole site", len(files), f"{kb(files, False):.1f}", f"{kb(files, True):.1f}", ""])
    return rows, firsts


def table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|---|" + "---:|" * (len(header) - 1)]
    return "\n".join(lines + ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows])


def secs(runs: list) -> list[float]:
    return [seconds for seconds, _ in runs]


def ratio_text(runs: dict) -> tuple[str, str]:
    r = paired_ratio(secs(runs["ours"]), secs(runs["stock"]))
    return f"{r.median:.2f}", f"{r.low:.2f}–{r.high:.2f}"


def build_table(results: dict, reload: dict, cards: int) -> str:
    def cells(runs: dict) -> list[str]:
        return [
            len(runs["ours"]),
            f"{median(secs(runs['ours'])):.2f}",
            f"{median(secs(runs['stock'])):.2f}",
            *ratio_text(runs),
            f"{median(p for _, p in runs['ours']):.0f}",
            f"{median(p for _, p in runs['stock']):.0f}",
        ]

    rows = []
    for n, (ours, stock, runs) in results.items():
        words = f"{sum(ours['words'].values())} / {sum(stock['words'].values())}"
        rows.append(
            [
                "real site" if n == 0 else f"real + {n} synthetic cards",
                cards + n,
                f"{ours['pages']} / {stock['pages']}",
                words,
                *cells(runs),
                f"{ours['bytes'] / 2**20:.1f}",
                f"{stock['bytes'] / 2**20:.1f}",
            ]
        )
    rows.append(["real site: reload after saving one card (as `mkdocs serve`)", cards, "", "", *cells(reload), "", ""])
    return table(
        [
            "Build",
            "Cards",
            "Pages ours / stock",
            "Words ours / stock",
            "Pairs",
            "Ours s (median)",
            "Stock s (median)",
            "Ours/stock (median of pairs)",
            "Pair ratios min–max",
            "Ours peak MB",
            "Stock peak MB",
            "Ours site MB",
            "Stock site MB",
        ],
        rows,
    )


def points(results: dict, cards: int, side: str) -> tuple[list[float], list[float]]:
    """Every timed build of one side as (total cards, seconds)."""
    xs, ys = [], []
    for n, (_, _, runs) in results.items():
        xs += [cards + n] * len(runs[side])
        ys += secs(runs[side])
    return xs, ys


def per_card(xs: list[float], ys: list[float]) -> str:
    """The fitted build time per added card in ms, or that it is within noise of 0 (never a negative figure)."""
    line = line_fit(xs, ys)
    if line.within_noise_of_zero:
        return "within noise of 0 (the fit's interval includes 0)"
    low, high = line.interval
    return f"{1000 * line.slope:.1f} ms (about 95% interval {1000 * low:.1f}–{1000 * high:.1f})"


def scaling(results: dict, cards: int) -> str:
    if len(points(results, cards, "ours")[0]) < 3:
        return "Not enough builds for a fit (it needs 3 builds at 2 or more sizes): use more sizes or pairs."
    fits = {side: line_fit(*points(results, cards, side)) for side in ("ours", "stock")}
    rows = []
    for n, (_ours, _stock, runs) in results.items():
        rows.append(
            [
                cards + n,
                *[
                    cell
                    for side in ("ours", "stock")
                    for cell in (f"{median(secs(runs[side])):.2f}", f"{fits[side].at(cards + n):.2f}")
                ],
                *ratio_text(runs),
            ]
        )
    sizes = [cards + n for n in results]
    kb_line = line_fit(sizes, [ours["bytes"] / 1024 for ours, _, _ in results.values()])
    text = [
        table(
            [
                "Cards",
                "Ours s (median)",
                "Ours s (fitted line)",
                "Stock s (median)",
                "Stock s (fitted line)",
                "Ours/stock (median of pairs)",
                "Pair ratios min–max",
            ],
            rows,
        ),
        "",
        f"- Ours, time per added card: {per_card(*points(results, cards, 'ours'))}; "
        f"fixed part (the line at 0 cards) {fits['ours'].intercept:.2f} s.",
        f"- Stock, time per added card: {per_card(*points(results, cards, 'stock'))}; "
        f"fixed part {fits['stock'].intercept:.2f} s.",
        f"- Ours, site size per added card: {kb_line.slope:.1f} KB.",
    ]
    return "\n".join(text)


def linear_verdict(results: dict, cards: int) -> str:
    xs, ys = points(results, cards, "ours")
    top = max(xs)
    if top < SCALE_CARDS:
        return f"not measured (largest size {top} cards)"
    bend = curvature(xs, ys)
    if bend is None:
        return "not measured (a straight-line check needs 3 sizes and 4 builds)"
    line = line_fit(xs, ys)
    worst = max(abs(median(secs(runs["ours"])) / line.at(cards + n) - 1) for n, (_, _, runs) in results.items())
    c, se = bend
    extra = c * top**2  # the quadratic fit's x² term at the largest size
    if c - SPREAD * se > 0:
        return (
            f"**NOT met**: build time grows faster than the card count (a quadratic fit's x² term adds "
            f"{extra:.2f} s at {top} cards, clearly above noise); each size's median is within "
            f"{100 * worst:.0f}% of the straight line"
        )
    return (
        f"**met**: a straight line fits every size (each size's median within {100 * worst:.0f}% of it; a "
        f"quadratic fit's x² term is within noise of 0 or negative)"
    )


def ratio_verdict(runs: dict, target: float, what: str) -> str:
    r = paired_ratio(secs(runs["ours"]), secs(runs["stock"]))
    met = "**met**" if r.median <= target else "**NOT met**"
    noise = "; the pairs fall on both sides of the target, so it is within noise" if r.low <= target < r.high else ""
    return (
        f"{what} at most {target}x stock: {met}, median {r.median:.2f}x over {r.pairs} pair"
        f"{'s' if r.pairs > 1 else ''} "
        f"(pairs {r.low:.2f}–{r.high:.2f}x){noise}."
    )


def targets(results: dict, cards: int, firsts: list[float]) -> str:
    lines = [ratio_verdict(results[0][2], REAL_RATIO, f"Real site ({cards} cards)")]
    big = [n for n in results if cards + n >= SCALE_CARDS]
    lines.append(f"Linear to {SCALE_CARDS:,} cards: {linear_verdict(results, cards)}.")
    lines.append(
        ratio_verdict(results[big[0]][2], SCALE_RATIO, f"At {cards + big[0]:,} cards")
        if big
        else f"At {SCALE_CARDS:,} cards at most {SCALE_RATIO}x stock: not measured (largest size "
        f"{cards + max(results)} cards)."
    )
    lines.append(
        f"First view at most {FIRST_VIEW_KB} KB gzipped: "
        f"{'**met**' if max(firsts) <= FIRST_VIEW_KB else '**NOT met**'} (heaviest {max(firsts):.1f} KB)."
    )
    return "\n".join(f"- {line}" for line in lines)


def git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        raise BenchError(
            f"`git {' '.join(args)}` failed in {ROOT}: {exc}. Fix: run the benchmark in a git checkout of the project."
        ) from exc


def commit() -> str:
    """The short SHA, and 'dirty' with the uncommitted files, naming those the build copies."""
    sha = git("rev-parse", "--short", "HEAD").strip()
    changed = [line[3:].split(" -> ")[-1] for line in git("status", "--porcelain").splitlines()]
    if not changed:
        return f"`{sha}` (clean tree)"
    built = [p for p in changed if p.split("/")[0] in PARTS]
    named = ", ".join(f"`{p}`" for p in built) if built else "none"
    return (
        f"`{sha}`, **dirty**: {len(changed)} uncommitted or untracked files; those the build uses (measured "
        f"as they were in the working tree): {named}"
    )


def machine_lines(argv: list[str], load_start: float, started: float, plan: str) -> str:
    cpu = platform.processor() or platform.machine()
    try:
        found = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.M)
        cpu = found.group(1).strip() if found else cpu
    except OSError:
        pass
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    python = os.path.relpath(sys.executable, ROOT) if sys.executable.startswith(str(ROOT)) else sys.executable
    return "\n".join(
        [
            f"- Commit: {commit()}",
            f"- Date: {date.today().isoformat()}; the run took {(time.perf_counter() - started) / 60:.1f} min",
            f"- Command: `{shlex.join([python, 'scripts/bench.py', *argv])}`",
            f"- Machine: {cpu}, {os.cpu_count()} cores, {ram:.1f} GB RAM, {platform.system()} {platform.machine()}; "
            f"load average {load_start:.2f} at start, {os.getloadavg()[0]:.2f} at end",
            f"- Python {platform.python_version()}, MkDocs {version('mkdocs')}, Material {version('mkdocs-material')}, "
            f"Jinja {version('jinja2')}",
            f"- Runs: {plan}",
        ]
    )


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", help="synthetic card counts, comma-separated (default 100,500,1000)")
    parser.add_argument("--quick", action="store_true", help="smoke run: sizes 5,10 and one pair each")
    parser.add_argument(
        "--pairs",
        type=int,
        help=f"ours/stock pairs at the real site, the reload and sizes up to "
        f"{SMALL} synthetic cards (default 5, or 1 with --quick)",
    )
    parser.add_argument("--big-pairs", type=int, help="pairs at larger sizes (default 3, or 1 with --quick)")
    parser.add_argument("--output", type=Path, help="also write the report to this file")
    parser.add_argument(
        "--update-doc",
        type=Path,
        help=f"put the report between {START} and {END} in this file (make bench: BENCHMARKS.md)",
    )
    parser.add_argument("--serve-rebuild", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--edit", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        args.sizes = sorted({int(s) for s in (args.sizes or ("5,10" if args.quick else "100,500,1000")).split(",")})
    except ValueError:
        parser.error(f"--sizes takes whole numbers separated by commas, such as 100,500,1000; not {args.sizes!r}")
    args.pairs = args.pairs or (1 if args.quick else 5)
    args.big_pairs = args.big_pairs or (1 if args.quick else 3)
    if args.sizes[0] < 1 or args.pairs < 1 or args.big_pairs < 1:
        parser.error("--sizes, --pairs and --big-pairs take numbers of 1 or more")
    return args


def bench(args: argparse.Namespace, argv: list[str]) -> str:
    """Every measurement, as Markdown."""
    started, load_start = time.perf_counter(), os.getloadavg()[0]
    if not MKDOCS.exists():
        raise BenchError(f"{MKDOCS} not found. Fix: run `make setup` first (or use `make bench`).")
    results = {}
    with tempfile.TemporaryDirectory(prefix="calf-bench-") as tmp:
        # One snapshot of the working tree: every size is built from the same files, even if they change meanwhile.
        snapshot = copy_project(ROOT, Path(tmp) / "snapshot")
        cards = len(list((snapshot / "content" / "exercises").glob("*.yml")))
        for n in (0, *args.sizes):
            pairs = args.pairs if n <= SMALL else args.big_pairs
            print(f"bench: real site + {n} synthetic cards: warm-up, then {pairs} pair(s)", file=sys.stderr, flush=True)
            ours_dir = copy_project(snapshot, Path(tmp) / f"ours-{n}", n)
            build(ours_dir, f"our site + {n} cards")  # untimed warm-up; its site gives the stock site its words
            ours = site_facts(ours_dir / "_site")
            stock_dir = stock_project(ours_dir, ours["words"], Path(tmp) / f"stock-{n}")
            build(stock_dir, f"the stock site + {n} cards")
            stock = site_facts(stock_dir / "_site")
            if n == 0:
                weight, firsts = weight_rows(ours["site"], "ours")
                weight += weight_rows(stock["site"], "stock")[0]
                reload = in_pairs(
                    lambda o=ours_dir: rebuild(o, "ours"), lambda s=stock_dir: rebuild(s, "stock"), args.pairs, "reload"
                )
            runs = in_pairs(
                lambda o=ours_dir, k=n: build(o, f"our site + {k} cards"),
                lambda s=stock_dir, k=n: build(s, f"the stock site + {k} cards"),
                pairs,
                f"{cards + n} cards",
            )
            results[n] = (ours, stock, runs)
            shutil.rmtree(ours_dir)
            shutil.rmtree(stock_dir)
    small = ", ".join(f"{cards + n:,}" for n in results if n <= SMALL)
    big = ", ".join(f"{cards + n:,}" for n in results if n > SMALL)
    plan = (
        f"{args.pairs} ours/stock pair{'s' if args.pairs > 1 else ''} at {small} cards and for the reload"
        + (f", {args.big_pairs} at {big} cards (fewer, to keep the run short)" if big else "")
        + "; one untimed warm-up build of each site first at every size"
    )
    return (
        "\n\n".join(
            [
                machine_lines(argv, load_start, started, plan),
                "### Targets",
                targets(results, cards, firsts),
                "### Build time, memory and size",
                build_table(results, reload, cards),
                "### Scaling",
                scaling(results, cards),
                "### Page weight",
                table(["What", "Files", "Raw KB", "Gzipped KB", "Target"], weight),
            ]
        )
        + "\n"
    )


def update_doc(path: Path, report: str) -> None:
    """Replace what lies between the bench markers in `path` with the report."""
    text = path.read_text(encoding="utf-8")
    if text.count(START) != 1 or text.count(END) != 1 or text.index(START) > text.index(END):
        raise BenchError(
            f"{path} needs one line {START} and, after it, one line {END}; the report goes between "
            "them. Fix: add the two markers where the results belong."
        )
    head, rest = text.split(START)
    path.write_text(f"{head}{START}\n\n{report}\n{END}{rest.split(END, 1)[1]}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    try:
        if args.serve_rebuild:
            serve_rebuild(args.serve_rebuild.resolve(), args.edit)
            return 0
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
