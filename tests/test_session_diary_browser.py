"""Where a guided session's pain checks go in the pain diary (issue 25), in a real Chromium: every check is kept in the
session log; the day's "pain during exercise" is the highest check of the day's sessions while the sessions fill it
in, and a score the reader typed for that day is never changed by a session (higher or lower)."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

START = datetime(2026, 12, 7, 10, 0, 0)
TODAY = "2026-12-07"
# One card, one set of one rep, counted by hand: a session is three presses and a pain check.
PLAN = ["calf-raise-double"]
DOSES = {"calf-raise-double": {"s": 1, "r": 1}}


@pytest.fixture
def page(browser, base_url):
    """The player's page with the plan above and a paused clock; the diary as the test stores it."""
    ctx = browser.browser.new_context(viewport={"width": 375, "height": 740})
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.clock.install(time=START)
    page.clock.pause_at(START)
    page.goto(base_url + "my-plan.html")
    page.evaluate(
        "([plan, doses]) => { localStorage.setItem('calf-guide-plan', JSON.stringify(plan));"
        " localStorage.setItem('calf-guide-plan-doses', JSON.stringify(doses)); }",
        [PLAN, DOSES],
    )
    yield page
    assert not errors, errors
    ctx.close()


def store_diary(page, days: list[dict]) -> None:
    diary = {"format": "calf-guide-pain-diary", "version": 1, "days": days}
    page.evaluate("d => localStorage.setItem('calf-guide-diary', d)", json.dumps(diary))


def do_session(page, base_url, pain: int) -> None:
    page.goto(base_url + "session.html")
    page.click('[data-session-action="start"]')
    page.click('[data-session-action="rep"]')
    page.check(f"input[name=pain][value='{pain}']")
    page.click('[data-session-action="next"]')
    assert page.get_attribute("[data-calf-session]", "data-session-state") == "done"


def diary_days(page) -> list[dict]:
    return json.loads(page.evaluate("() => localStorage.getItem('calf-guide-diary')"))["days"]


def session_pains(page) -> list[int]:
    sessions = json.loads(page.evaluate("() => localStorage.getItem('calf-guide-sessions')"))["sessions"]
    return [e["pain"] for s in sessions for e in s["exercises"]]


@pytest.mark.parametrize("session_pain", [5, 1], ids=["higher", "lower"])
def test_a_score_the_reader_typed_is_never_changed_by_a_session(page, base_url, session_pain):
    store_diary(page, [{"date": TODAY, "during": 2, "morning": 1, "note": "typed"}])
    do_session(page, base_url, session_pain)
    assert diary_days(page) == [{"date": TODAY, "during": 2, "morning": 1, "note": "typed"}]
    assert session_pains(page) == [session_pain]  # the session's own score, in its own place


def test_the_days_sessions_fill_in_their_highest_check(page, base_url):
    do_session(page, base_url, 3)  # no day yet: the session makes it
    assert diary_days(page) == [{"date": TODAY, "during": 3, "morning": None, "note": "Guided session"}]
    do_session(page, base_url, 6)  # a second session, more painful: the day's score follows the sessions
    do_session(page, base_url, 1)  # and a third, less painful, does not lower it
    assert diary_days(page) == [{"date": TODAY, "during": 6, "morning": None, "note": "Guided session"}]
    assert session_pains(page) == [3, 6, 1]


def test_a_day_with_only_a_morning_score_gets_the_sessions_score(page, base_url):
    store_diary(page, [{"date": TODAY, "during": None, "morning": 4, "note": ""}])
    do_session(page, base_url, 5)
    assert diary_days(page) == [{"date": TODAY, "during": 5, "morning": 4, "note": ""}]
