"""Lighthouse scores for the built site on a phone.

Usage: python scripts/lighthouse.py [--site site] [--update-doc BENCHMARKS.md]

Runs the pinned Lighthouse (node_modules/.bin/lighthouse) with Debian's Chromium (CHROME_PATH), headless with the
flags the browser tests use (both from scripts/local_site.py), in Lighthouse's default mobile form factor and
simulated throttling, against a small threaded HTTP server that serves the built site gzip-compressed, as a static
host does. Prints a Markdown table (performance, accessibility, best practices and SEO per page) with the commit and
the machine, then each page's failing audits; --update-doc writes the table between the lighthouse:start and
lighthouse:end markers. `make lighthouse` builds the site first.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

# scripts/ is on sys.path when this runs as a script.
from local_site import CHROMIUM, FLAGS, QuietHandler, serve

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = {
    "performance": "Performance",
    "accessibility": "Accessibility",
    "best-practices": "Best practices",
    "seo": "SEO",
}
PAGES = {
    "Home": "index.html",
    "Card (double-leg calf raise)": "exercises/calf-raise-double.html",
    "Programme (calf strain)": "programs/calf-strain-rehab.html",
    "Symptom checker": "symptom-checker.html",
    "My plan": "my-plan.html",
    "Pain diary": "pain-diary.html",
    "Session player": "session.html",
}
START, END = "<!-- lighthouse:start -->", "<!-- lighthouse:end -->"
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")


class GzipHandler(QuietHandler):
    """Static files, gzip-compressed when the client accepts it (text types only), with a short cache lifetime."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not path.is_file() or not wants_gzip or path.suffix not in COMPRESSIBLE:
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        return _Body(body)


class _Body:
    """send_head returns a file-like object that copyfile() reads."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, size: int = -1) -> bytes:
        chunk, self.data = (self.data, b"") if size < 0 else (self.data[:size], self.data[size:])
        return chunk

    def close(self):
        pass


def run_lighthouse(url: str, out: Path) -> dict:
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={out}",
        f"--chrome-flags={' '.join(['--headless=new', *FLAGS])}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--quiet",
    ]
    subprocess.run(command, check=True, env=env, cwd=ROOT, timeout=300)
    return json.loads(out.read_text())


def failing_audits(report: dict) -> list[str]:
    """Audits that cost points: every scored audit under 1 in its category, with its title and value."""
    lines = []
    for key, category in report["categories"].items():
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                value = audit.get("displayValue", "")
                lines.append(
                    f"{CATEGORIES[key]}: {audit['title']} ({audit['score']:.2f}{', ' + value if value else ''})"
                )
    return lines


def machine() -> str:
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip() or "Chromium"
    version = json.loads((ROOT / "node_modules" / "lighthouse" / "package.json").read_text())["version"]
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, {chromium}, Lighthouse {version}"


def commit() -> str:
    sha = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    return f"{sha or 'unknown'}{' (with uncommitted changes)' if dirty else ''}"


def table(scores: dict[str, dict[str, int]], runs: int) -> str:
    head = "| Page | " + " | ".join(CATEGORIES.values()) + " |"
    rule = "|---|" + "---:|" * len(CATEGORIES)
    rows = [f"| {page} | " + " | ".join(str(s[c]) for c in CATEGORIES) + " |" for page, s in scores.items()]
    note = (
        f"\nLighthouse mobile (default: simulated slow 4G, 4x CPU slowdown), served gzip-compressed from 127.0.0.1; "
        f"median of {runs} runs per page. Commit {commit()}; {machine()}."
    )
    return "\n".join([head, rule, *rows]) + "\n" + note


def update_doc(doc: Path, text: str) -> None:
    content = doc.read_text()
    if START not in content or END not in content:
        sys.exit(f"{doc}: add the markers {START} and {END} where the Lighthouse table goes.")
    before, rest = content.split(START, 1)
    after = rest.split(END, 1)[1]
    doc.write_text(f"{before}{START}\n{text}\n{END}{after}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    parser.add_argument("--update-doc", type=Path, help="write the table into this Markdown file, between the markers")
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the table shows each score's median")
    parser.add_argument("--page", action="append", choices=sorted(PAGES.values()), help="only this page (repeatable)")
    args = parser.parse_args(argv)
    pages = {name: path for name, path in PAGES.items() if not args.page or path in args.page}
    if not LIGHTHOUSE.exists():
        sys.exit("node_modules/.bin/lighthouse is missing: run 'make setup' (npm ci installs the pinned Lighthouse).")
    if not (args.site / "index.html").exists():
        sys.exit(f"{args.site} holds no built site: run 'make build' first (make lighthouse does).")
    scores: dict[str, dict[str, int]] = {}
    problems: dict[str, list[str]] = {}
    with serve(args.site, GzipHandler) as base, tempfile.TemporaryDirectory() as tmp:
        for name, path in pages.items():
            print(f"Lighthouse: {path} ...", file=sys.stderr, flush=True)
            runs = []
            for _ in range(args.runs):
                report = run_lighthouse(base + path, Path(tmp) / "report.json")
                runs.append(({k: round(100 * (report["categories"][k]["score"] or 0)) for k in CATEGORIES}, report))
            scores[name] = {k: int(statistics.median_low(r[0][k] for r in runs)) for k in CATEGORIES}
            each = ", ".join(str(r[0]["performance"]) for r in runs)
            print(f"  performance in each run: {each}", file=sys.stderr, flush=True)
            # The failing audits of the run whose performance score is the median one.
            median = sorted(runs, key=lambda r: r[0]["performance"])[(len(runs) - 1) // 2]
            problems[name] = failing_audits(median[1])
    text = table(scores, args.runs)
    print(text)
    for name, lines in problems.items():
        if lines:
            print(f"\n{name}:\n" + "\n".join(f"  - {line}" for line in lines))
    if args.update_doc:
        update_doc(args.update_doc, text)
        print(f"\nWrote the table into {args.update_doc}.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
