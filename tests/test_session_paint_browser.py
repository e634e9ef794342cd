"""The session player's page as Lighthouse's phone loads it (issue 25): its scripts are deferred, so the page paints
before they run; whatever they then show (the player, the note that the plan is empty, a programme stage, the message
for a wrong link), nothing on the page moves (cumulative layout shift), on a phone and on a desktop; and an empty plan
leaves no blank screen below its note."""

from __future__ import annotations

import pytest

from browser import like_a_slow_phone, open_blank

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 412, "height": 823}  # Lighthouse's phone
DESKTOP = {"width": 1280, "height": 800}
PLAN = ["calf-raise-double", "calf-stretch-wall-bent"]
SESSION = "[data-calf-session]"
# (the stored plan, the address's query, the part of the player that must show once its scripts have run)
CASES = {
    "plan": (PLAN, "", "[data-session-js]"),
    "empty": ([], "", "[data-session-empty]"),
    "programme": ([], "?programme=calf-strain-rehab&stage=1", "[data-session-js]"),
    "wrong-link": (PLAN, "?programme=no-such-programme&stage=1", "[data-session-message]"),
}


@pytest.fixture
def page(browser):
    """A page in a fresh context: its own storage."""
    ctx = browser.browser.new_context()
    yield ctx.new_page()
    ctx.close()


# Every case on a phone; on a desktop, the player with a plan (the box's height is the screen's on both).
RUNS = [(case, PHONE) for case in CASES] + [("plan", DESKTOP)]


@pytest.mark.parametrize(("case", "viewport"), RUNS, ids=[f"{case}-{v['width']}" for case, v in RUNS])
def test_the_page_does_not_move_when_the_player_fills_in(page, base_url, case, viewport):
    plan, query, shown = CASES[case]
    page.set_viewport_size(viewport)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    open_blank(page, base_url)
    page.evaluate("plan => localStorage.setItem('calf-guide-plan', JSON.stringify(plan))", plan)
    like_a_slow_phone(page)
    page.goto(base_url + "session.html" + query, wait_until="load")
    page.wait_for_timeout(500)
    assert page.is_visible(shown), f"{shown} is shown"
    assert page.get_attribute(SESSION, "data-session-state") == "ready"
    if case == "empty":  # the note alone: no screen-high blank box below it
        height = page.evaluate(f"document.querySelector('{SESSION}').getBoundingClientRect().height")
        assert height < viewport["height"] / 2, f"the player's box is {height}px high with nothing in it"
    shifts = page.evaluate("window.__shifts")
    assert sum(value for value, _ in shifts) < 0.001, shifts
    assert not errors, errors
