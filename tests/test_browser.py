"""Real-browser checks of the built site in Debian's Chromium: accessibility, standalone, console, layout, search,
keyboard."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browser import check_pages, search
from helpers import html_pages

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Every page at phone width; at desktop width one page of each template or kind.
DESKTOP_SAMPLE = {
    "home": "index.html",
    "guide page": "treat/first-days.html",
    "checker": "symptom-checker.html",
    "library": "exercises/index.html",
    "my plan": "my-plan.html",
    "card": "exercises/calf-raise-double.html",
    "program": "programs/calf-strain-rehab.html",
    "references": "references.html",
    "glossary": "glossary.html",
    "404": "404.html",
}


def test_every_page_is_accessible_standalone_and_clean_on_a_phone(base_url, site):
    pages = [p.relative_to(site).as_posix() for p in html_pages(site)]
    assert len(pages) > 40
    problems = check_pages(base_url, pages, 375)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


def test_one_page_of_each_kind_is_accessible_standalone_and_clean_on_a_desktop(base_url, site):
    assert all((site / path).is_file() for path in DESKTOP_SAMPLE.values()), "a sampled page no longer exists"
    problems = check_pages(base_url, list(DESKTOP_SAMPLE.values()), 1280)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


def _first_result_mentions(page, query: str):
    search(page, query)
    href = page.get_attribute("li.md-search-result__item a", "href")
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
    # Polled: under load the jump to the fragment can land after the key press returns (failed once at load 14).
    expect(page).to_have_url(re.compile(r"#[^#]+$"))
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


DARK_SAMPLE = [
    "index.html",
    "red-flags.html",
    "symptom-checker.html",
    "exercises/index.html",
    "exercises/calf-raise-double.html",
    "programs/calf-strain-rehab.html",
    "my-plan.html",
    "glossary.html",
]


def test_dark_scheme_is_accessible(base_url):
    """The slate (dark) scheme that follows the reader's system setting passes axe too."""
    problems = check_pages(base_url, DARK_SAMPLE, 1280, scheme="dark")
    assert not problems, "\n".join(problems)


def test_home_page_shows_the_symptom_checker_in_the_first_phone_screen(browser, base_url):
    """On a 375 x 812 phone, a link to the symptom checker ends within the first screen of the home page."""
    page = browser.new_page()
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(base_url + "index.html")
    box = page.locator('article a[href$="symptom-checker.html"]').first.bounding_box()
    page.close()
    assert box, "the home page's article has no link to the symptom checker"
    assert box["y"] + box["height"] <= 812, f"the first checker link ends at y={box['y'] + box['height']:.0f} px"
