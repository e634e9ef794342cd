"""Launch Debian's Chromium through Playwright (never a downloaded browser) and serve the built site on 127.0.0.1."""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

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


async def _check(page, base_url: str, path: str, width: int, scheme: str | None) -> list[str]:
    """Load one page and return every problem: outside requests, console errors, axe violations, sideways scroll."""
    problems: list[str] = []
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith((base_url, *LOCAL)) else outside.append(r.url))
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    await page.set_viewport_size({"width": width, "height": 800})
    await page.goto(base_url + path, wait_until="load")
    await page.add_script_tag(path=str(AXE))
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
    problems += [f"outside request: {url}" for url in outside]
    return [f"{path} @{width}px{' dark' if scheme else ''}: {p}" for p in problems]


async def _check_all(base_url: str, paths: list[str], width: int, scheme: str | None, workers: int) -> list[str]:
    from playwright.async_api import async_playwright

    queue: asyncio.Queue[str] = asyncio.Queue()
    for path in paths:
        queue.put_nowait(path)
    problems: list[str] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium_or_skip(), headless=True, args=FLAGS)

        async def worker():
            # A fresh context per worker: the theme remembers its colour scheme in localStorage. bypass_csp: axe is
            # injected as an inline script, which the pages' own policy blocks (tests/test_csp.py tests that policy).
            # No service worker: it would precache the whole site in the background of every check.
            context = await browser.new_context(color_scheme=scheme or "light", bypass_csp=True)
            await context.add_init_script(NO_SERVICE_WORKER)
            while not queue.empty():
                path = queue.get_nowait()
                page = await context.new_page()
                try:
                    problems.extend(await _check(page, base_url, path, width, scheme))
                finally:
                    await page.close()
            await context.close()

        try:
            await asyncio.gather(*(worker() for _ in range(workers)))
        finally:
            await browser.close()
    return problems


def check_pages(base_url: str, paths: list[str], width: int, scheme: str | None = None, workers: int = 2) -> list[str]:
    """Check pages concurrently in a few tabs of one Chromium. Runs in its own thread: the sync Playwright of the
    session `browser` fixture owns this thread's event loop."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return sorted(pool.submit(asyncio.run, _check_all(base_url, paths, width, scheme, workers)).result())


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
