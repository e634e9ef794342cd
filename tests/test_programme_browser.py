"""Programme pages in a real browser: at phone and desktop width every stage's goal, exercises with dose and move-on
checks sit inside the screen with no sideways scroll; "where am I" marks a stage and keeps it across a reload; with
JavaScript off the control is hidden; print shows the full table with tick boxes; the right-hand table of contents
lists the page's sections on a programme page and a card page."""

from __future__ import annotations

import json

import pytest

from helpers import ROOT
from macros.content.load import load_content

KEY = "calf-guide-stage"
PROGRAMMES = sorted(path.stem for path in (ROOT / "content" / "programs").glob("*.yml"))  # no loading at import
WIDTHS = (375, 1280)
PARTS = ["title", "goal", "exercises > li", "dose", "checks > li"]
PLAN_PARTS = ", ".join(f".calf-stage__{part}" for part in PARTS)

# Every plan part, with where it sits and whether its own text is cut off (wider than its box).
MEASURE = """(selector) => Array.from(document.querySelectorAll(selector)).map(el => {
  const r = el.getBoundingClientRect();
  return {text: el.textContent.trim().slice(0, 60), left: r.left, right: r.right, width: r.width,
          clipped: el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).display !== 'inline'};
})"""


@pytest.fixture
def page(browser):
    page = browser.new_page()
    yield page
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("programme", PROGRAMMES)
def test_every_stage_shows_its_plan_without_sideways_scroll(page, base_url, programme, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(base_url + f"programs/{programme}.html")
    scroll, client = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert scroll <= client, f"{programme} @{width}px scrolls sideways by {scroll - client}px"
    stages = load_content(ROOT / "content").programs[programme].data["stages"]
    cards = page.locator(".calf-stage")
    assert cards.count() == len(stages)
    for n, stage in enumerate(stages):
        card = cards.nth(n)
        assert card.locator(".calf-stage__goal").is_visible()
        assert card.locator(".calf-stage__exercises > li").count() == len(stage["exercises"])
        assert card.locator(".calf-stage__checks > li").count() == len(stage["move_on_when"])
    viewport = page.evaluate("window.innerWidth")
    parts = page.evaluate(MEASURE, PLAN_PARTS)
    assert parts, "no plan parts found"
    for part in parts:
        assert part["width"] > 0, f"hidden: {part['text']}"
        assert 0 <= part["left"] and part["right"] <= viewport, f"outside the {viewport}px screen: {part}"
        assert not part["clipped"], f"cut off: {part}"


def test_where_am_i_marks_one_stage_and_keeps_it(page, base_url):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(base_url + "programs/achilles-loading.html")
    page.evaluate("key => window.localStorage.removeItem(key)", KEY)
    page.reload()
    assert page.is_hidden("[data-stage-nojs]"), "the no-JavaScript note goes once the control works"
    marks = page.locator("[data-stage-mark]")
    assert marks.count() == 4 and all(marks.nth(i).is_visible() for i in range(4))
    assert page.locator("[data-stage-here]:visible").count() == 0

    # Keyboard: focus the second stage's button and press Enter.
    marks.nth(1).focus()
    page.keyboard.press("Enter")
    second = page.locator("#achilles-loading-stage-2")
    assert marks.nth(1).get_attribute("aria-pressed") == "true"
    assert second.locator("[data-stage-here]").is_visible()
    assert "You are here" in second.locator("[data-stage-here]").inner_text()
    assert "Load the tendon: marked as your current stage" in page.inner_text("[data-stage-status]")
    assert page.get_attribute("[data-stage-status]", "role") == "status"
    assert json.loads(page.evaluate("key => window.localStorage.getItem(key)", KEY)) == {"achilles-loading": 2}

    page.reload()
    assert page.locator("[data-stage-mark]").nth(1).get_attribute("aria-pressed") == "true", "kept after a reload"
    assert page.locator("[data-stage-here]:visible").count() == 1
    assert second.locator("[data-stage-here]").is_visible()

    # Marking another stage moves the mark; pressing it again clears it.
    page.locator("[data-stage-mark]").nth(2).click()
    assert page.locator("[data-stage-mark][aria-pressed=true]").count() == 1
    assert page.locator("#achilles-loading-stage-3 [data-stage-here]").is_visible()
    page.locator("[data-stage-mark]").nth(2).click()
    assert page.locator("[data-stage-mark][aria-pressed=true]").count() == 0
    assert "no longer marked" in page.inner_text("[data-stage-status]")
    assert page.evaluate("key => window.localStorage.getItem(key)", KEY) is None


# Corrupt stored marks: tests/test_client_storage.py, with the other keys.


def test_a_valid_mark_for_another_programme_is_kept(page, base_url):
    page.goto(base_url + "programs/achilles-loading.html")
    page.evaluate("key => window.localStorage.setItem(key, JSON.stringify({'walk-run-return': 5, 'nope': 0}))", KEY)
    page.reload()
    page.locator("[data-stage-mark]").first.click()
    stored = json.loads(page.evaluate("key => window.localStorage.getItem(key)", KEY))
    page.evaluate("key => window.localStorage.removeItem(key)", KEY)
    assert stored == {"walk-run-return": 5, "achilles-loading": 1}


def test_without_javascript_the_control_is_hidden_and_the_plan_reads(browser, base_url):
    context = browser.browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    try:
        page = context.new_page()
        page.goto(base_url + "programs/achilles-loading.html")
        assert page.locator("[data-stage-mark]:visible").count() == 0
        assert page.locator("[data-stage-here]:visible").count() == 0
        assert page.is_visible("[data-stage-nojs]") and "needs JavaScript" in page.inner_text("[data-stage-nojs]")
        assert page.locator(".calf-stage:visible").count() == 4
        assert page.locator(".calf-stage__checks > li:visible").count() > 0
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_print_shows_the_full_table_with_tick_boxes(page, base_url, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(base_url + "programs/achilles-loading.html")
    assert page.is_hidden(".calf-stages__print"), "on screen the table is not shown"
    page.emulate_media(media="print")
    try:
        table = page.locator("table.calf-stages__print")
        assert table.is_visible()
        assert page.is_hidden(".calf-stages__list") and page.locator("[data-stage-mark]:visible").count() == 0
        columns = ["Weeks", "Stage and goal", "Exercises and dose", "Move on when"]
        assert table.locator("thead th").all_inner_texts() == columns
        assert table.locator("tbody tr").count() == 4
        ticks = table.locator(".calf-tick")
        assert ticks.count() >= 4 + 8 + 10 and all(t == "☐" for t in ticks.all_inner_texts())
        assert "Eccentric heel drop: 3 × 15 reps, 14 times a week" in table.inner_text()
        right = table.evaluate("t => t.getBoundingClientRect().right")
        assert right <= page.evaluate("document.documentElement.clientWidth"), "the table fits the page"
    finally:
        page.emulate_media(media="screen")


@pytest.mark.parametrize("path", ["programs/achilles-loading.html", "exercises/calf-raise-double.html"])
def test_table_of_contents_lists_the_sections(page, base_url, path):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(base_url + path)
    headings = [h.replace("¶", "").strip() for h in page.locator("article h2").all_inner_texts()]
    toc = page.locator(".md-sidebar--secondary nav.md-nav--secondary > ul > li > a.md-nav__link")
    assert headings and toc.count() > 0, f"{path}: the table of contents is empty"
    assert toc.first.is_visible(), f"{path}: the table of contents is not shown at 1280px"
    assert [t.strip() for t in toc.all_inner_texts()] == headings
