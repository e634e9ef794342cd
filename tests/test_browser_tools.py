"""Real-browser tests of the interactive tools.

The symptom checker by keyboard, My plan, library filters, print and tooltips.
"""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def page(browser):
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    page.close()
    assert not errors, errors


def _answer_by_keyboard(page, label: str):
    """Tab to the answer in the current question and press Enter, as a keyboard user would."""
    current = page.locator(".calf-triage__node.is-current")
    target = current.get_by_role("link", name=label, exact=True)
    # The site menu comes first in the tab order at desktop width; 60 presses cover it as the guide grows by topic.
    for _ in range(60):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            page.keyboard.press("Enter")
            return
    raise AssertionError(f"could not reach the answer {label!r} with Tab")


def _current_node(page) -> str | None:
    """The id of the question shown now (an outcome has no question id)."""
    current = page.locator(".calf-triage__node.is-current")
    assert current.count() == 1, f"{current.count()} steps shown at once"
    return current.get_attribute("data-triage-node")


def _focused_heading(page) -> str:
    return page.evaluate("document.activeElement.tagName + ':' + document.activeElement.textContent")


def test_symptom_checker_emergency_path_by_keyboard(page, base_url):
    page.goto(base_url + "symptom-checker.html")
    stored_before = page.evaluate("JSON.stringify(window.localStorage)")
    assert page.locator(".calf-triage__node.is-current").count() == 1
    first = _current_node(page)
    assert first
    _answer_by_keyboard(page, "An adult, 16 or older")
    second = _current_node(page)
    _answer_by_keyboard(page, "Yes, one or more of these")
    outcome = page.locator(".calf-triage__node.is-current")
    assert outcome.get_attribute("data-triage-outcome") == "emergency"
    assert _focused_heading(page).startswith("H2:"), "focus moves to the result"
    assert "Result:" in page.inner_text("[data-triage-status]")
    assert "emergency number" in outcome.inner_text()
    # Back returns to the question just answered, then to the first one; nothing is stored.
    page.click("[data-triage-back]")
    assert _current_node(page) == second
    page.click("[data-triage-back]")
    assert _current_node(page) == first
    assert page.evaluate("JSON.stringify(window.localStorage)") == stored_before, "answers are not stored"


def test_symptom_checker_self_care_path_by_keyboard(page, base_url):
    page.goto(base_url + "symptom-checker.html")
    asked: list[str] = []
    for _ in range(20):
        node = page.locator(".calf-triage__node.is-current")
        if node.get_attribute("data-triage-outcome"):
            break
        asked.append(_current_node(page))
        labels = [a.inner_text() for a in node.locator("a[data-next]").all()]
        # Answer "No" to red-flag questions, then take the mildest answer offered.
        choice = next((label for label in labels if label.strip().lower() == "no"), labels[-1])
        _answer_by_keyboard(page, choice)
        assert _focused_heading(page).startswith("H2:"), "focus moves to each new question"
    assert page.locator(".calf-triage__node.is-current").get_attribute("data-triage-outcome") in (
        "self-care",
        "clinician",
    )
    assert len(asked) >= 2, f"the path asked only {asked}"
    # Back steps to the last question asked, again to the one before; Start over returns to the first.
    page.click("[data-triage-back]")
    assert _current_node(page) == asked[-1]
    page.click("[data-triage-back]")
    assert _current_node(page) == asked[-2]
    page.click("[data-triage-restart]")
    assert _current_node(page) == asked[0]


def test_symptom_checker_without_javascript_lists_everything(browser, base_url):
    context = browser.browser.new_context(java_script_enabled=False) if browser.browser else None
    if context is None:
        pytest.skip("persistent context has no browser handle")
    page = context.new_page()
    page.goto(base_url + "symptom-checker.html")
    assert page.locator("[data-triage-node]").first.is_visible()
    assert page.locator("[data-triage-outcome]").first.is_visible()
    context.close()


def test_my_plan_add_two_cards_and_see_them(page, base_url):
    page.goto(base_url + "exercises/index.html")
    page.evaluate("window.localStorage.clear()")
    page.reload()
    page.click('[data-plan-add="calf-raise-double"] >> nth=0')
    page.click('[data-plan-add="glute-bridge"] >> nth=0')
    assert page.get_attribute('[data-plan-add="glute-bridge"] >> nth=0', "aria-pressed") == "true"
    page.goto(base_url + "my-plan.html")
    items = page.locator("[data-plan-list] [data-card]")
    assert sorted(items.evaluate_all("els => els.map(e => e.dataset.card)")) == ["calf-raise-double", "glute-bridge"]
    assert "Double-leg calf raise" in page.inner_text("[data-plan-list]")
    assert "3 sets of 15 reps" in page.inner_text("[data-plan-list]"), "the plan shows doses"
    page.locator("[data-plan-list] .calf-plan-remove").first.click()
    assert page.locator("[data-plan-list] [data-card]").count() == 1


def test_my_plan_without_javascript_explains_printing(browser, base_url):
    context = browser.browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "my-plan.html")
    assert page.is_visible("[data-plan-nojs]") and "Print" in page.inner_text("[data-plan-nojs]")
    context.close()


def test_library_filters_work(page, base_url):
    page.goto(base_url + "exercises/index.html")
    total = page.locator(".calf-row[data-card]").count()
    page.select_option("select[name=target]", "soleus")
    visible = page.locator(".calf-row[data-card]:visible")
    cards = set(visible.evaluate_all("els => els.map(e => e.dataset.card)"))
    assert cards and all("soleus" in page.get_attribute(f'.calf-row[data-card="{c}"]', "data-target") for c in cards)
    assert visible.count() < total
    assert "match" in page.inner_text(".calf-filters__count")
    page.select_option("select[name=target]", "")
    assert page.locator(".calf-row[data-card]:visible").count() == total


def test_library_without_javascript_lists_every_card_once(browser, base_url):
    """Without JavaScript the filters still work (calf.css); the count and grouping need JavaScript and stay
    hidden. tests/test_plan_browser.py checks the filters themselves."""
    context = browser.browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "exercises/index.html")
    assert not page.is_visible("[data-calf-filters]"), "the count and grouping need JavaScript, so they stay hidden"
    assert page.is_visible("select[name=target]")
    shown = page.locator(".calf-row[data-card]:visible").evaluate_all("els => els.map(e => e.dataset.card)")
    assert len(shown) >= 24 and len(shown) == len(set(shown))
    context.close()


def test_print_hides_navigation_and_shows_the_log(page, base_url):
    page.goto(base_url + "exercises/calf-raise-double.html")
    page.emulate_media(media="print")
    assert not page.is_visible(".md-header") and not page.is_visible(".md-sidebar--primary")
    assert page.is_visible(".calf-print-log") and page.is_visible("table.calf-dose")
    page.emulate_media(media="screen")


def test_glossary_tooltip_on_focus(page, base_url):
    page.goto(base_url + "assess/where-it-hurts.html")
    abbr = page.query_selector("article abbr[title]")  # a handle: the theme moves the title into its tooltip
    abbr.focus()
    assert abbr.evaluate("el => el === document.activeElement"), "glossary terms are reachable by keyboard"
    page.wait_for_timeout(400)
    assert page.locator(".md-tooltip2--active, .md-tooltip--active").count() >= 1, "focus shows the definition"


def test_each_glossary_term_is_one_tab_stop(page, base_url):
    """A term used many times on a page is one tab stop (its first use), not one per use."""
    page.goto(base_url + "red-flags.html")
    terms = page.eval_on_selector_all("article abbr", "els => els.map(e => e.textContent.trim().toLowerCase())")
    stops = page.eval_on_selector_all(
        'article abbr[tabindex="0"]', "els => els.map(e => e.textContent.trim().toLowerCase())"
    )
    assert len(terms) > len(set(terms)), "the page uses some terms more than once"
    assert sorted(stops) == sorted(set(terms)), "each term is reachable once, at its first use"
