"""Launch Debian's Chromium through Playwright (never a downloaded browser) and serve the built site on 127.0.0.1."""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import pytest

from helpers import in_ci
from scripts.local_site import BROWSER_PATHS, CHROMIUM, FLAGS
from scripts.local_site import serve as served  # noqa: F401 (used by conftest and tests)

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
LOCAL = ("data:", "blob:", "about:")
# axe on the whole page, violations only: every violation is still reported in full, but axe no longer gathers every
# node that passed (that took 6 of every 7 seconds of a page's check).
AXE_RUN = "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"


def chromium_or_skip() -> str:
    """The browser path. Missing: a skip on a contributor's machine, a failure in CI (CI=true)."""
    if os.path.isfile(CHROMIUM):
        return CHROMIUM
    message = (
        f"Chromium not found at {CHROMIUM}: install it (`apt-get install chromium` on Debian), or set CHROMIUM to "
        f"its path, to run the browser tests. Looked in: {', '.join(BROWSER_PATHS)}."
    )
    if in_ci():
        pytest.fail(message)
    pytest.skip(message)


# A browser without service workers (as some private windows are): offline.js then does nothing. The shared browser
# is one, because a page the offline copy's worker controls is answered from its cache, past page.route; the tests of
# the offline copy (tests/test_offline_browser.py) launch one with workers.
NO_SERVICE_WORKER = "Object.defineProperty(Navigator.prototype, 'serviceWorker', {get: () => undefined});"


@contextmanager
def launched_browser(driver, service_workers: bool = False):
    """Chromium with a fresh profile, from `driver` (the session's Playwright, conftest's `driver` fixture: one
    process holds one sync Playwright); with service workers only when asked (NO_SERVICE_WORKER says why)."""
    executable = chromium_or_skip()
    profile = tempfile.mkdtemp(prefix="calf-chromium-")
    context = driver.chromium.launch_persistent_context(profile, executable_path=executable, headless=True, args=FLAGS)
    if not service_workers:
        context.add_init_script(NO_SERVICE_WORKER)
    try:
        yield context
    finally:
        context.close()
        shutil.rmtree(profile, ignore_errors=True)


# Reports every Content Security Policy violation of the page (and its frames) to the test through __cspReport.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", e => {
  const report = `${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`;
  try { window.__cspReport(report); } catch (err) { console.error("CSP violation (no reporter): " + report); }
});
"""
# axe is added to each page as a script from the site's own origin (answered by the test from node_modules), so the
# page's strict policy (script-src 'self' and hashes) stays on while axe runs: one visit checks both.
AXE_PATH = "__tests__/axe.min.js"


def serve_axe(page, base_url: str) -> str:
    """Answer AXE_PATH on the site's origin with axe for this (sync) page; returns the address to add it from."""
    page.route(base_url + AXE_PATH, lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"))
    return base_url + AXE_PATH


def settle(page_evaluate) -> object:
    """Let late scripts and violation reports run: two animation frames and a short pause (sync or async page)."""
    return page_evaluate(
        "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50))))"
    )


def console_recorder(problems: list[str]):
    """A console listener that adds each error, and each message about the Content Security Policy, to `problems`."""

    def record(message) -> None:
        if message.type == "error" or "Content Security Policy" in message.text:
            problems.append(f"console {message.type}: {message.text}")

    return record


class PageCheck(NamedTuple):
    """One page's visit: every problem found (each a line naming the page and width), and what `probe` returned."""

    problems: list[str]
    probe: object


async def _check(page, base_url: str, path: str, width: int, scheme: str | None, probe: str | None) -> PageCheck:
    """Load one page under its own policy and return every problem (outside requests, console errors, CSP violations,
    axe violations, sideways scroll) and the result of the `probe` script, if any."""
    problems: list[str] = []
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith((base_url, *LOCAL)) else outside.append(r.url))
    page.on("console", console_recorder(problems))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    await page.expose_function("__cspReport", lambda report: problems.append(f"CSP violation: {report}"))
    await page.set_viewport_size({"width": width, "height": 800})
    await page.goto(base_url + path, wait_until="load")
    await page.add_script_tag(url=base_url + AXE_PATH)
    result = await page.evaluate(AXE_RUN, AXE_TAGS)
    for v in result["violations"]:
        targets = ", ".join(str(n["target"]) for n in v["nodes"][:3])
        problems.append(f"axe {v['id']} ({v['impact']}): {v['help']} at {targets}")
    if width <= 400:
        overflow = await page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            problems.append(f"scrolls sideways by {overflow}px")
    if scheme == "dark":
        used = await page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        if used != "slate":
            problems.append(f"colour scheme is {used!r}, not the dark 'slate'")
    probed = await page.evaluate(probe) if probe else None
    await settle(page.evaluate)
    problems += [f"outside request: {url}" for url in outside]
    return PageCheck([f"{path} @{width}px{' dark' if scheme else ''}: {p}" for p in problems], probed)


async def _check_all(
    base_url: str, paths: list[str], width: int, scheme: str | None, probe: str | None, workers: int
) -> dict[str, PageCheck]:
    from playwright.async_api import async_playwright

    queue: asyncio.Queue[str] = asyncio.Queue()
    for path in paths:
        queue.put_nowait(path)
    checked: dict[str, PageCheck] = {}
    axe = AXE.read_bytes()
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium_or_skip(), headless=True, args=FLAGS)

        async def worker():
            # A fresh context per worker: the theme remembers its colour scheme in localStorage. No service worker:
            # it would precache the whole site in the background of every check.
            context = await browser.new_context(color_scheme=scheme or "light")
            await context.add_init_script(NO_SERVICE_WORKER)
            await context.add_init_script(CSP_LISTENER)
            await context.route(
                base_url + AXE_PATH, lambda route: route.fulfill(body=axe, content_type="text/javascript")
            )
            while not queue.empty():
                path = queue.get_nowait()
                page = await context.new_page()
                try:
                    checked[path] = await _check(page, base_url, path, width, scheme, probe)
                finally:
                    await page.close()
            await context.close()

        try:
            await asyncio.gather(*(worker() for _ in range(workers)))
        finally:
            await browser.close()
    return checked


def visit_pages(
    base_url: str, paths: list[str], width: int, scheme: str | None = None, probe: str | None = None, workers: int = 2
) -> dict[str, PageCheck]:
    """Visit each page once, concurrently in a few tabs of one Chromium, under the page's own CSP: {path: PageCheck}.
    Runs in its own thread: the sync Playwright of the session `browser` fixture owns this thread's event loop."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, _check_all(base_url, paths, width, scheme, probe, workers)).result()


def check_pages(base_url: str, paths: list[str], width: int, scheme: str | None = None) -> list[str]:
    """Every problem of every page (visit_pages), sorted."""
    return sorted(p for check in visit_pages(base_url, paths, width, scheme).values() for p in check.problems)


BLANK = '<!doctype html><html lang="en"><title>blank</title><link rel="icon" href="data:,"></html>'


def open_blank(page, base_url: str) -> None:
    """Open a blank page of the site's origin (answered by the test, not the site): a cheap place to store what a test
    starts from in localStorage before it opens the page under test."""
    page.route(base_url + "__blank.html", lambda route: route.fulfill(body=BLANK, content_type="text/html"))
    page.goto(base_url + "__blank.html")


def search(page, query: str) -> None:
    """Type `query` into Material's search box key by key, as a reader does, and again while the search index is
    still loading, until results show; an AssertionError if none show within about 30 s."""
    box = "input[data-md-component=search-query]"
    for _ in range(10):
        page.fill(box, "")
        page.wait_for_function("() => !document.querySelector('li.md-search-result__item')")
        page.click(box)
        page.keyboard.type(query, delay=20)
        try:
            page.wait_for_selector("li.md-search-result__item a", timeout=3000)
            return
        except Exception:  # noqa: BLE001 - the index is still loading; type again
            continue
    raise AssertionError(f"search for {query!r} returned nothing within 30 s")


# Records every layout shift a reader did not cause, from the start of the page load (window.__shifts).
LAYOUT_SHIFTS = """
window.__shifts = [];
new PerformanceObserver(list => list.getEntries().forEach(e => {
  if (!e.hadRecentInput) {
    const moved = e.sources.map(s => (s.node && s.node.outerHTML ? s.node.outerHTML.slice(0, 80) : ''));
    window.__shifts.push([e.value, moved]);
  }
})).observe({type: 'layout-shift', buffered: true});
"""


def like_a_slow_phone(page) -> None:
    """Lighthouse's phone, roughly: a slow network and a 4x slower CPU, so the page paints before its scripts run;
    and record layout shifts (LAYOUT_SHIFTS) from the next load on."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 150, "downloadThroughput": 200_000, "uploadThroughput": 90_000},
    )
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.add_init_script(LAYOUT_SHIFTS)
