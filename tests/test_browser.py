"""Real-browser checks of the built site in Debian's Chromium: accessibility, standalone, console, layout, search, keyboard."""

from __future__ import annotations

import pytest

from browser import AXE
from conftest import html_pages

pytestmark = [pytest.mark.browser, pytest.mark.slow]

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
WIDTHS = {"phone": 375, "desktop": 1280}


def check_page(page, base_url: str, path: str, width: int) -> list[str]:
    """Load one page and return every problem: outside requests, console errors, axe violations, sideways scroll."""
    problems: list[str] = []
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((base_url, "data:", "blob:", "about:")) else None)
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(base_url + path, wait_until="load")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    for v in result["violations"]:
        targets = ", ".join(str(n["target"]) for n in v["nodes"][:3])
        problems.append(f"axe {v['id']} ({v['impact']}): {v['help']} at {targets}")
    if width <= 400:
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            problems.append(f"scrolls sideways by {overflow}px")
    problems += [f"outside request: {url}" for url in outside]
    return [f"{path} @{width}px: {p}" for p in problems]


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_every_page_is_accessible_standalone_and_clean(browser, base_url, site, width):
    pages = [p.relative_to(site).as_posix() for p in html_pages(site) if p.name != "404.html"]
    assert len(pages) > 40
    problems: list[str] = []
    for path in pages:
        page = browser.new_page()
        try:
            problems += check_page(page, base_url, path, width)
        finally:
            page.close()
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


def _search(page, query: str) -> str:
    """Type a query the way a reader does; retype while the search worker is still building its index."""
    page.keyboard.press("/")
    for _ in range(10):
        page.fill("input.md-search__input", "")
        page.keyboard.type(query, delay=30)
        try:
            return page.wait_for_selector("li.md-search-result__item a", timeout=3000).get_attribute("href")
        except Exception:  # noqa: BLE001 - the index is not ready yet; type again
            continue
    raise AssertionError(f"search for {query!r} returned nothing within 30 s")


def _first_result_mentions(page, query: str):
    href = _search(page, query)
    assert href
    page.click("li.md-search-result__item a")
    page.wait_for_load_state("load")
    assert query in page.inner_text("article").lower(), f"first result {href} does not mention {query}"


def test_search_works_when_served(browser, base_url):
    page = browser.new_page()
    page.goto(base_url + "index.html")
    _first_result_mentions(page, "soleus")
    page.close()


def test_search_works_from_file_url(browser, site):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((site / "index.html").as_uri())
    _first_result_mentions(page, "soleus")
    assert not errors
    page.close()


def test_keyboard_skip_link_and_visible_focus(browser, base_url):
    page = browser.new_page()
    page.goto(base_url + "red-flags.html")
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => { const e = document.activeElement; const s = getComputedStyle(e);
        return {cls: e.className, text: e.textContent.trim(), outline: s.outlineStyle, width: s.outlineWidth}; }""")
    assert "md-skip" in focused["cls"] and "Skip" in focused["text"]
    assert focused["outline"] != "none" and focused["width"] != "0px", "focus must be visible"
    page.keyboard.press("Enter")
    assert page.url.endswith("#") is False and "#" in page.url
    page.close()


def test_keyboard_opens_and_closes_drawer_and_search(browser, base_url):
    page = browser.new_page()
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(base_url + "index.html")
    page.focus('label[for="__drawer"][data-calf-key-toggle]')
    page.keyboard.press("Enter")
    assert page.is_checked("#__drawer")
    page.wait_for_timeout(300)
    assert page.is_visible("nav.md-nav--primary")
    page.keyboard.press("Escape")
    assert not page.is_checked("#__drawer")
    page.focus('label[for="__search"][data-calf-key-toggle]')
    page.keyboard.press("Enter")
    assert page.is_checked("#__search")
    page.wait_for_timeout(300)
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.press("Escape")
    assert not page.is_checked("#__search")
    page.close()


DARK_SAMPLE = ["index.html", "red-flags.html", "symptom-checker.html", "exercises/index.html",
               "exercises/calf-raise-double.html", "programs/calf-strain-rehab.html", "my-plan.html", "glossary.html"]


def test_dark_scheme_is_accessible(browser, base_url):
    """The slate (dark) scheme that follows the reader's system setting passes axe too."""
    problems: list[str] = []
    # A fresh context: the theme remembers the scheme it last used in localStorage, per site.
    context = browser.browser.new_context(color_scheme="dark")
    for path in DARK_SAMPLE:
        page = context.new_page()
        problems += check_page(page, base_url, path, 1280)
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        page.close()
    context.close()
    assert not problems, "\n".join(problems)
