"""The guided session player (issue 25) in a real Chromium with Playwright's clock: a whole session from My plan at
the cards' own tempo, hold, rest and sides, to the second; the pain check and the diary entry after (table, file and
My plan's week count); a reload mid-set resumes; a corrupt stored session is set aside with a message; a programme
stage's button runs that stage's doses under the programme's pain rule; reduced motion, keyboard only, the live
region's words, sound and vibration off by default and remembered, the screen wake lock; axe on every screen."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from browser import AXE_TAGS, open_blank, serve_axe
from helpers import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
START = datetime(2026, 12, 7, 10, 0, 0)
TODAY = "2026-12-07"
# Two cards with short doses (a physiotherapist's changes, as My plan stores them): reps at the card's tempo of
# 2 s up, 1 s hold, 3 s down, rest 60 s; then a 5 s hold on each side, rest 15 s.
PLAN = ["calf-raise-double", "calf-stretch-wall-bent"]
DOSES = {"calf-raise-double": {"s": 2, "r": 2}, "calf-stretch-wall-bent": {"s": 2, "h": 5}}
SESSION = "[data-calf-session]"
# Records the screen wake lock's requests and releases, and each vibration (headless Chromium has neither).
FAKE_DEVICE = """
window.__calls = [];
Object.defineProperty(navigator, 'wakeLock', {value: {request: () => {
  window.__calls.push('lock');
  const s = new EventTarget();
  s.release = () => { window.__calls.push('release'); return Promise.resolve(); };
  return Promise.resolve(s);
}}});
navigator.vibrate = pattern => { window.__calls.push('vibrate'); return true; };
"""


@pytest.fixture
def open_session(browser, base_url):
    """Open the player with a stored plan and a paused clock; yields a function (plan, doses, query, **context)."""
    made = []

    def make(plan=PLAN, doses=DOSES, query="", viewport=PHONE, **options):
        ctx = browser.browser.new_context(viewport=viewport, **options)
        made.append(ctx)
        ctx.add_init_script(FAKE_DEVICE)
        page = ctx.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
        page.errors = errors
        page.clock.install(time=START)
        page.clock.pause_at(START + timedelta(seconds=1))
        # A blank page on the site's origin, to store the plan in as My plan does (the real My plan is not needed).
        open_blank(page, base_url)
        page.evaluate(
            "([plan, doses]) => { localStorage.setItem('calf-guide-plan', JSON.stringify(plan));"
            " localStorage.setItem('calf-guide-plan-doses', JSON.stringify(doses)); }",
            [plan, doses],
        )
        page.goto(base_url + "session.html" + query)
        return page

    yield make
    for ctx in made:
        for page in ctx.pages:
            assert not page.errors, page.errors
        ctx.close()


def state(page) -> tuple:
    """(state, exercise, set, side) from the player's root, as an outside test reads them."""
    return tuple(page.get_attribute(SESSION, f"data-session-{name}") for name in ("state", "exercise", "set", "side"))


def text(page, part: str) -> str:
    return page.inner_text(f"[data-session-{part}]").strip()


def act(page, action: str) -> None:
    page.click(f'[data-session-action="{action}"]')


def at(page, ms: int) -> None:
    page.clock.run_for(ms)


def test_a_whole_session_keeps_time_and_is_logged_in_the_diary(open_session, base_url):
    page = open_session()
    assert state(page) == ("ready", "calf-raise-double", "1", None)
    assert (
        text(page, "dose")
        == "2 sets of 2 reps, at 2 seconds up, 1 second hold, 3 seconds down a rep. Rest 1 minute between sets."
    )
    act(page, "start")
    # The tempo guide: up for 2 s, hold 1 s, down 3 s; a rep is counted when it is done, at 6 s.
    seen = []
    for step in [500, 1000, 1000, 1000, 1000, 1000, 1000]:
        at(page, step)
        seen.append((text(page, "phase"), text(page, "big")))
    assert seen == [
        ("▲ Up 2", "0"),
        ("▲ Up 1", "0"),
        ("■ Hold 1", "0"),
        ("▼ Down 3", "0"),
        ("▼ Down 2", "0"),
        ("▼ Down 1", "0"),
        ("▲ Up 2", "1"),
    ]
    at(page, 5400)  # 11.9 s: still in the second rep
    assert state(page)[0] == "rep" and text(page, "big") == "1"
    at(page, 100)  # 12 s: two reps done, the rest of 60 s begins
    assert state(page) == ("rest", "calf-raise-double", "2", None) and text(page, "big") == "60"
    at(page, 59_900)
    assert state(page)[0] == "rest" and text(page, "big") == "1"
    at(page, 100)
    assert state(page) == ("ready", "calf-raise-double", "2", None)
    # Set 2, its reps counted by hand: the tempo guide stops and the count goes on.
    act(page, "start")
    act(page, "rep")
    assert text(page, "big") == "1" and page.is_hidden("[data-session-tempo]")
    act(page, "rep")
    assert state(page)[0] == "pain-check"
    # The pain check shows the card's own pain rule box and its stop signs; it records, never advises.
    assert page.get_attribute("[data-session-rule] [data-pain-rule]", "data-pain-rule") == "muscle"
    assert "sudden sharp pain" in text(page, "stop")
    page.check("input[name=pain][value='3']")
    act(page, "next")
    # Each side: left, then right, then the rest, at the card's hold of 5 s (the dose change) and rest of 15 s.
    assert state(page) == ("ready", "calf-stretch-wall-bent", "1", "left")
    act(page, "start")
    assert state(page)[0] == "hold" and text(page, "big") == "5"
    at(page, 4900)
    assert state(page) == ("hold", "calf-stretch-wall-bent", "1", "left") and text(page, "big") == "1"
    at(page, 100)
    assert state(page) == ("ready", "calf-stretch-wall-bent", "1", "right")
    act(page, "start")
    at(page, 5000)
    assert state(page) == ("rest", "calf-stretch-wall-bent", "2", "left") and text(page, "big") == "15"
    act(page, "skip")
    assert state(page) == ("ready", "calf-stretch-wall-bent", "2", "left")
    act(page, "start")
    at(page, 5000)
    act(page, "start")
    at(page, 5000)
    assert state(page)[0] == "pain-check"
    act(page, "next")  # no score chosen: recorded as none
    assert state(page)[0] == "done"
    rows = page.locator("[data-session-summary-rows] tr").evaluate_all(
        "rows => rows.map(r => Array.from(r.cells).map(c => c.textContent.trim()))"
    )
    assert rows == [
        ["Double-leg calf raise", "2 of 2", "3"],
        ["Wall calf stretch, bent knee", "2 of 2", "not recorded"],
    ]
    # Logged: the session with its sets and scores, and the day's pain during exercise in the diary.
    stored = page.evaluate(
        "() => [localStorage.getItem('calf-guide-sessions'), localStorage.getItem('calf-guide-diary'),"
        " localStorage.getItem('calf-guide-session')]"
    )
    sessions, diary = json.loads(stored[0])["sessions"], json.loads(stored[1])["days"]
    assert stored[2] is None  # the finished session is no longer resumable
    assert sessions == [
        {
            "date": TODAY,
            "source": "My plan",
            "exercises": [
                {"card": "calf-raise-double", "name": "Double-leg calf raise", "sets": 2, "done": 2, "pain": 3},
                {
                    "card": "calf-stretch-wall-bent",
                    "name": "Wall calf stretch, bent knee",
                    "sets": 2,
                    "done": 2,
                    "pain": None,
                },
            ],
        }
    ]
    assert diary == [{"date": TODAY, "during": 3, "morning": None, "note": "Guided session"}]
    # The diary shows it in its chart and tables and saves it in its file.
    page.goto(base_url + "pain-diary.html")
    assert page.is_visible("[data-diary-chart] svg")
    sessions_table = page.inner_text("[data-diary-sessions]")
    assert "Double-leg calf raise: 2 of 2 sets" in sessions_table and "Double-leg calf raise: 3" in sessions_table
    with page.expect_download() as caught:
        page.click("[data-diary-export]")
    saved = json.loads(open(caught.value.path(), encoding="utf-8").read())
    assert saved["sessions"] == sessions and saved["days"] == diary
    # My plan counts it against the plan (the most often any card in it is done: the stretch, 7 times a week).
    page.goto(base_url + "my-plan.html")
    assert "Guided sessions done this week (since Monday): 1. Your plan: 7 sessions a week." == text(page, "week")
    assert page.get_attribute("[data-session-start]", "href") == "session.html"


def test_a_reload_mid_set_resumes_where_it_was(open_session):
    page = open_session()
    act(page, "start")
    at(page, 6500)  # one rep done, 0.5 s into the second
    page.reload()
    assert state(page) == ("rep", "calf-raise-double", "1", None) and text(page, "big") == "1"
    assert "resumes where you left it" in text(page, "live")
    act(page, "pause")
    at(page, 30_000)  # paused: a phone locked for 30 s does not move it on
    page.reload()
    assert state(page)[0] == "rep" and "(paused)" in text(page, "setline") and text(page, "big") == "1"
    act(page, "start")
    at(page, 5500)  # the second rep ends at 12 s of work: the rest starts
    assert state(page) == ("rest", "calf-raise-double", "2", None)
    # A phone locked during the rest: on waking, the rest has ended by the clock.
    at(page, 61_000)
    page.reload()
    assert state(page) == ("ready", "calf-raise-double", "2", None)


@pytest.mark.parametrize("stored", ["{not json", '{"v": 1, "items": "x"}', '{"v": 1, "items": [], "results": []}'])
def test_a_corrupt_stored_session_is_set_aside_with_a_message(open_session, stored):
    page = open_session()
    page.evaluate("value => localStorage.setItem('calf-guide-session', value)", stored)
    page.reload()
    assert state(page) == ("ready", "calf-raise-double", "1", None)
    assert "could not be read" in text(page, "message")
    assert page.evaluate("() => localStorage.getItem('calf-guide-session')") is None


def test_a_programme_stage_runs_its_own_doses_under_the_programmes_rule(open_session, base_url):
    page = open_session(plan=[])
    assert page.is_visible("[data-session-empty]") and page.is_hidden("[data-session-js]")
    page.goto(base_url + "programs/achilles-loading.html")
    button = page.locator("#achilles-loading-stage-1 [data-session-start]")
    assert button.get_attribute("href") == "../session.html?programme=achilles-loading&stage=1"
    with page.expect_navigation(url="**/session.html?programme=achilles-loading&stage=1"):
        button.click()
    assert state(page) == ("ready", "calf-isometric-hold", "1", None)
    assert text(page, "dose").startswith("5 sets of 45 seconds hold")  # the stage's dose
    act(page, "stop")
    assert page.get_attribute("[data-session-rule] [data-pain-rule]", "data-pain-rule") == "tendon"
    page.goto(base_url + "session.html?programme=achilles-loading&stage=9")
    assert "programme stage that this guide does not have" in text(page, "message")
    assert page.is_hidden("[data-session-js]")


def test_under_reduced_motion_nothing_moves_and_the_timers_work(open_session):
    page = open_session(reduced_motion="reduce")
    act(page, "start")
    at(page, 500)
    assert page.is_visible("[data-session-phase]") and page.is_hidden(".calf-session__bar")
    assert page.evaluate("() => document.getAnimations().length") == 0
    at(page, 11_500)
    assert state(page)[0] == "rest" and text(page, "big") == "60"
    assert page.evaluate("() => document.getAnimations().length") == 0


def test_a_whole_session_by_keyboard_alone(open_session):
    page = open_session(plan=["calf-raise-double"], doses={"calf-raise-double": {"s": 1, "r": 2}})
    page.focus("[data-session-name]")
    page.keyboard.press("Tab")  # to the start button
    assert page.evaluate("() => document.activeElement.dataset.sessionAction") == "start"
    page.keyboard.press("Enter")
    assert state(page)[0] == "rep"
    # Focus stays on a control that applies now: Count a rep, reached with Tab.
    while page.evaluate("() => document.activeElement.dataset.sessionAction") != "rep":
        page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    page.keyboard.press("Space")
    assert state(page)[0] == "pain-check"
    assert page.evaluate("() => document.activeElement.id") == "session-name"  # the new screen's heading
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("() => document.activeElement.value") == "2"
    page.keyboard.press("Enter")  # submits the pain check
    assert state(page)[0] == "done"
    assert (
        page.evaluate("() => JSON.parse(localStorage.getItem('calf-guide-sessions')).sessions[0].exercises[0].pain")
        == 2
    )


def test_the_live_region_says_each_change_once_and_never_counts_seconds(open_session):
    page = open_session(plan=["calf-stretch-wall-bent"], doses={"calf-stretch-wall-bent": {"s": 2, "h": 5}})
    said = [text(page, "live")]
    page.evaluate("""() => { window.__said = []; new MutationObserver(() => window.__said.push(
        document.querySelector('[data-session-live]').textContent)).observe(
        document.querySelector('[data-session-live]'), {childList: true, characterData: true, subtree: true}); }""")
    assert page.get_attribute("[data-session-live]", "aria-live") == "polite"
    act(page, "start")
    at(page, 5000)
    act(page, "start")
    at(page, 5000)
    at(page, 15_000)
    act(page, "start")
    act(page, "pause")
    act(page, "start")
    at(page, 5000)
    said += page.evaluate("() => window.__said")
    assert said == [
        "Exercise 1 of 1: Wall calf stretch, bent knee. Press Start when ready.",
        "Set 1 of 2, left side: hold for 5 seconds.",
        "Now the right side. Set 1 of 2, right side. Press Start when ready.",
        "Set 1 of 2, right side: hold for 5 seconds.",
        "Set done. Rest for 15 seconds. Set 2 is next.",
        "Rest over. Set 2 of 2, left side. Press Start when ready.",
        "Set 2 of 2, left side: hold for 5 seconds.",
        "Paused. Press Resume to go on.",
        "Going on.",
        "Now the right side. Set 2 of 2, right side. Press Start when ready.",
    ]


def test_sound_and_vibration_are_off_by_default_remembered_and_the_screen_stays_on(open_session):
    page = open_session()
    assert not page.is_checked("[data-session-sound]") and not page.is_checked("[data-session-vibrate]")
    act(page, "start")
    at(page, 12_000)  # a phase change (rest) with signals off: no vibration
    calls = page.evaluate("() => window.__calls")
    assert "vibrate" not in calls and calls[:1] == ["lock"]  # the screen is kept on once the session runs
    act(page, "pause")
    page.wait_for_function("() => window.__calls.includes('release')")
    page.check("[data-session-vibrate]")
    page.reload()
    assert page.is_checked("[data-session-vibrate]") and not page.is_checked("[data-session-sound]")
    page.evaluate("() => { window.__calls = []; }")
    act(page, "start")  # resume: the lock is asked for again
    at(page, 60_000)  # the rest ends: a vibration
    page.wait_for_function("() => window.__calls.includes('lock') && window.__calls.includes('vibrate')")


SCREENS = {
    "ready": lambda page: None,
    "rep": lambda page: (act(page, "start"), at(page, 2500)),
    "rest": lambda page: at(page, 88_000),
    "pain-check": lambda page: act(page, "stop"),
    "hold": lambda page: (
        page.check("input[name=pain][value='2']"),
        act(page, "next"),
        act(page, "start"),
        at(page, 1000),
    ),
    "done": lambda page: (act(page, "stop"), act(page, "next")),
}


def axe(page) -> dict:
    """axe's result on the player. Its timers run on the page's paused clock, so move the clock on until it is done
    (in 50 ms steps: the doses below are long enough that the screen stays the same)."""
    page.evaluate(
        "tags => { window.__axe = null; axe.run('[data-calf-session]', {runOnly: {type: 'tag', values: tags}})"
        ".then(r => { window.__axe = r; }); }",
        AXE_TAGS,
    )
    for _ in range(200):
        if page.evaluate("() => window.__axe !== null"):
            break
        page.clock.run_for(50)
    return page.evaluate("() => window.__axe")


# The visible elements of the player whose text is wider or taller than their box and hidden past it.
# The visible elements of the player whose text is wider or taller than their box and hidden past it (text for
# screen readers only, clipped to 1 px on purpose, is not cut off).
CUT_OFF = """() => Array.from(document.querySelectorAll('[data-calf-session] *')).filter(e => {
  const style = getComputedStyle(e);
  const hides = [style.overflowX, style.overflowY].some(o => o === 'hidden' || o === 'clip');
  return e.offsetParent && e.clientWidth > 1 && hides
    && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1);
}).map(e => e.className || e.tagName).slice(0, 5)"""
LONG = {"calf-raise-double": {"s": 2, "r": 15}, "calf-stretch-wall-bent": {"s": 2, "h": 60}}
NARROW = {"width": 320, "height": 640}
LANDSCAPE = {"width": 740, "height": 360}


# A 1280 x 900 desktop window zoomed to 200%: half as many CSS pixels, each drawn twice as large.
ZOOMED = ({"width": 640, "height": 450}, {"device_scale_factor": 2})


@pytest.mark.parametrize(
    ("viewport", "options"),
    [(PHONE, {}), (DESKTOP, {}), (NARROW, {}), (LANDSCAPE, {}), ZOOMED],
    ids=["375", "1280", "320", "landscape", "200% zoom"],
)
def test_every_player_screen_passes_axe_and_fits_a_phone(open_session, base_url, viewport, options):
    """On every screen of the player: axe finds nothing, every control is at least 44 px, nothing scrolls sideways
    and no text is cut off, on a phone, a desktop, 320 px, a phone on its side and a desktop at 200% zoom."""
    page = open_session(doses=LONG, viewport=viewport, **options)
    page.add_script_tag(url=serve_axe(page, base_url))
    problems = []
    for name, reach in SCREENS.items():
        reach(page)
        assert state(page)[0] == name
        result = axe(page)
        problems += [
            f"{name}: {v['id']}: {v['help']} at {[n['target'] for n in v['nodes'][:3]]}" for v in result["violations"]
        ]
        small = page.evaluate(
            """() => Array.from(document.querySelectorAll(
                '[data-calf-session] button, [data-calf-session] .calf-session__score span,'
                + ' [data-calf-session] a.md-button')).filter(b => b.offsetParent)
                .map(b => b.getBoundingClientRect()).filter(r => r.width < 44 || r.height < 44).length"""
        )
        problems += [f"{name}: {small} controls smaller than 44 px"] if small else []
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        problems += [f"{name}: scrolls sideways by {overflow}px"] if overflow > 0 else []
        cut = page.evaluate(CUT_OFF)
        problems += [f"{name}: text cut off in {cut}"] if cut else []
    assert not problems, problems


SCRIPTS = ROOT / "site_overrides" / "assets" / "javascripts"


def test_the_state_machine_runs_on_its_own_on_numbers_alone(browser):
    """session-machine.js needs no page, no storage and no clock: time is a number passed in. A per-side hold card
    with a rest, and a rep card at a tempo, from start to done, including a phone locked across two phases."""
    page = browser.new_page()
    try:
        page.set_content("<!doctype html><title>machine</title>")
        for name in ("guide.js", "session-machine.js"):
            page.add_script_tag(path=str(SCRIPTS / name))
        trace = page.evaluate("""() => {
            const m = window.calfGuide.part('session-machine');
            const tempo = {up: 2, pause: 2, down: 2};
            const items = [m.item('side-plank', 'Side plank', 2, 0, 20, 60, null, true, 'muscle'),
                           m.item('glute-bridge', 'Glute bridge', 1, 2, 0, 60, tempo, false, 'muscle')];
            const s = m.create(items, 'plan', '2026-12-07');
            const out = [];
            const note = (t, ev) => out.push([t, ev.join('+'), s.phase, s.set, s.side, m.view(s, t).left]);
            note(0, m.start(s, 0));
            note(19999, m.advance(s, 19999));
            note(20000, m.advance(s, 20000));
            note(25000, m.start(s, 25000));
            note(200000, m.advance(s, 200000));  // locked for 155 s: the right side and the rest both ended
            note(200000, m.start(s, 200000));
            note(205000, m.pause(s, 205000));
            note(900000, m.advance(s, 900000));  // paused: nothing moves
            note(900000, m.stop(s));
            note(900000, m.next(s, 4));
            note(900000, m.start(s, 900000));
            note(911999, m.advance(s, 911999));
            note(912000, m.advance(s, 912000));
            note(912000, m.next(s, null));
            return [out, s.results, m.valid(JSON.parse(JSON.stringify(s))) !== null];
        }""")
    finally:
        page.close()
    steps, results, still_valid = trace
    assert steps == [
        [0, "hold", "hold", 1, "left", 20],
        [19999, "", "hold", 1, "left", 1],
        [20000, "side", "ready", 1, "right", 0],
        [25000, "hold", "hold", 1, "right", 20],
        [200000, "rest+ready", "ready", 2, "left", 0],
        [200000, "hold", "hold", 2, "left", 20],
        [205000, "pause", "hold", 2, "left", 15],
        [900000, "", "hold", 2, "left", 15],
        [900000, "pain-check", "pain-check", 2, "left", 0],
        [900000, "exercise", "ready", 1, None, 0],
        [900000, "rep", "rep", 1, None, 0],
        [911999, "", "rep", 1, None, 0],
        [912000, "pain-check", "pain-check", 1, None, 0],
        [912000, "done", "done", 1, None, 0],
    ]
    assert results == [
        {"card": "side-plank", "name": "Side plank", "sets": 2, "done": 1, "pain": 4},
        {"card": "glute-bridge", "name": "Glute bridge", "sets": 1, "done": 1, "pain": None},
    ]
    assert still_valid
