"""Live reload for the benchmark: the time from saving a file until the served page shows the new text.

Runs what `make serve` runs (the stage, then `mkdocs serve` with the live-preview hook) on a copy of the project,
saves an edit to one card or one page, and asks the server for the page every few milliseconds until the edit is
in it. Used by scripts/bench.py.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench_sites import SEED, BenchError, bench_env, timed

MKDOCS = Path(sys.executable).parent / "mkdocs"
POLL = 0.01  # seconds between two requests for the page
GIVE_UP = 60.0  # seconds: a reload slower than this failed
SETTLE = 1.0  # seconds of quiet after a reload, so a trailing rebuild does not overlap the next edit
PAGE = "prevent.md"  # the written page edited (a guide page with citations and glossary terms)
# Each edit: the file saved (relative to the project) and the served page that must show it.
EDITS = {"card": (f"content/exercises/{SEED}.yml", f"exercises/{SEED}"), "page": (f"content/{PAGE}", PAGE[:-3])}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    """The page's text, or None while the server is not answering it."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, text: str, since: float, limit: float = GIVE_UP) -> float:
    """Seconds from `since` until the page at `url` holds `text`; BenchError after `limit` seconds."""
    while True:
        body = fetch(url)
        now = time.perf_counter()
        if body is not None and text in body:
            return now - since
        if now - since > limit:
            raise BenchError(f"{url} did not show {text!r} within {limit:.0f} s of the save.")
        time.sleep(POLL)


def edited(original: str, path: str, mark: str) -> str:
    """The file's text with `mark` in it: in a card's purpose, or as a last paragraph of a page."""
    if path.endswith(".yml"):
        return original.replace("purpose: ", f"purpose: {mark} ", 1)
    return f"{original.rstrip()}\n\n{mark}\n"


def page_url(base: str, project: Path, page: str) -> str:
    """The served address of a page, as the built site names it (a .html file, or a folder with directory URLs)."""
    return f"{base}{page}.html" if (project / "_site" / f"{page}.html").is_file() else f"{base}{page}/"


def reloads(project: Path, runs: int) -> dict[str, list[float]]:
    """`runs` reload times for an edit to a card and to a page, served by `mkdocs serve` as `make serve` runs it.
    `project` must hold a built site in _site (for page_url)."""
    timed([sys.executable, "-m", "macros.pipeline.stage"], project, "The stage before `mkdocs serve`")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log = tempfile.TemporaryFile()
    server = subprocess.Popen(
        [str(MKDOCS), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=bench_env(),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    times: dict[str, list[float]] = {kind: [] for kind in EDITS}
    try:
        wait_for(base, "</html>", time.perf_counter(), limit=300)  # serve's first build
        for run in range(runs):
            for kind, (path, page) in EDITS.items():
                mark = f"zqbench{kind}{run}x"  # a token no glossary term or markup rule touches
                file = project / path
                text = edited(file.read_text(encoding="utf-8"), path, mark)
                start = time.perf_counter()
                file.write_text(text, encoding="utf-8")
                times[kind].append(wait_for(page_url(base, project, page), mark, start))
                time.sleep(SETTLE)
    except BenchError as exc:
        log.seek(0)
        raise BenchError(f"{exc} `mkdocs serve` printed:\n{log.read().decode('utf-8', 'replace')[-4000:]}") from exc
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
    return times
