"""Figures in a real browser at phone width: the movement can be paused (and stays still with reduced motion), and
print shows both positions without the button. (Labels at 12 px or more on every card: test_pages_browser.py.)"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def phone(browser, motion: str):
    page = browser.new_page()
    page.set_viewport_size({"width": 375, "height": 800})
    page.emulate_media(reduced_motion=motion)
    return page


def test_movement_plays_pauses_and_respects_reduced_motion(browser, base_url):
    page = phone(browser, "no-preference")
    page.goto(f"{base_url}/exercises/calf-raise-double.html")
    button = page.locator(".calf-figure-motion")
    assert button.inner_text() == "Pause movement" and button.get_attribute("aria-pressed") == "true"
    assert button.bounding_box()["height"] >= 24
    button.focus()
    page.keyboard.press("Enter")
    assert button.inner_text() == "Play movement"
    assert page.evaluate("document.querySelector('svg.calf-figure').animationsPaused()")
    page.close()
    still = phone(browser, "reduce")
    still.goto(f"{base_url}/exercises/calf-raise-double.html")
    assert still.locator(".calf-figure-motion").inner_text() == "Play movement"
    assert not still.evaluate("document.querySelector('svg.calf-figure').classList.contains('is-playing')")
    still.close()


def test_print_shows_both_positions_and_no_button(browser, base_url):
    page = phone(browser, "no-preference")
    page.goto(f"{base_url}/exercises/calf-raise-double.html")
    page.emulate_media(media="print")
    shown = page.evaluate(
        """() => ['.fig-start', '.fig-end'].map(s => { const e = document.querySelector('svg.calf-figure ' + s);
        const c = getComputedStyle(e);
        return c.display !== 'none' && c.visibility !== 'hidden' && +c.opacity; })"""
    )
    # On paper the start position prints at full strength (it is faint on screen), beside the solid end position.
    assert shown == [1, 1]
    assert not page.evaluate("document.querySelector('svg.calf-figure').classList.contains('is-playing')")
    assert not page.locator(".calf-figure-motion").is_visible()
    page.close()
