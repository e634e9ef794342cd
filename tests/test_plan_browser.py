"""The shorter library and My plan in a real Chromium, at phone (375 px) and desktop (1280 px) widths.

The library fits a few phone screens with each card once, and its filters work without JavaScript; the plan button
says "✓ In my plan"; My plan prints steps, dose, pain rule, stop signs and a log table with no controls; a plan
survives the hand-off link, bad links say what is wrong, the QR code decodes (pinned jsQR) to the same link, and the
reminders file parses with the icalendar library.
"""

from __future__ import annotations

import base64
import json
import re
from datetime import time

import pytest

from browser import like_a_slow_phone, open_blank
from helpers import ROOT
from macros.pages.renderers import DIARY_NOTE_MAX

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 375, "height": 667}
DESKTOP = {"width": 1280, "height": 900}
SCREENS = 6  # the library at 375 px stays under this many phone screens
JSQR = ROOT / "node_modules" / "jsqr" / "dist" / "jsQR.js"
PLAN_KEY = "calf-guide-plan"
DOSE_KEY = "calf-guide-plan-doses"
PLAN = ["calf-raise-double", "glute-bridge", "eccentric-heel-drop"]
KEPT_CARD = "glute-bridge"


@pytest.fixture
def context(browser):
    """A fresh context per test: its own storage, so tests never see each other's plans."""
    made = []

    def make(**options):
        ctx = browser.browser.new_context(**options)
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        ctx.close()


def _watched(ctx, viewport=PHONE):
    page = ctx.new_page()
    page.set_viewport_size(viewport)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    return page, errors


def _seed(page, base_url, plan, doses=None):
    """Store `plan` (and `doses`) on the site's origin, from a blank page of it, then open My plan with them."""
    open_blank(page, base_url)
    page.evaluate(
        "([k, v, dk, d]) => { localStorage.setItem(k, JSON.stringify(v)); "
        "if (d) { localStorage.setItem(dk, JSON.stringify(d)); } else { localStorage.removeItem(dk); } }",
        [PLAN_KEY, plan, DOSE_KEY, doses],
    )
    page.goto(base_url + "my-plan.html")


def _link(payload) -> str:
    raw = json.dumps(payload).encode()
    return "my-plan.html#plan=" + base64.urlsafe_b64encode(raw).decode().rstrip("=")


# ---- The library ----


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375", "1280"])
def test_library_lists_each_card_once_in_a_few_screens(context, site, base_url, viewport):
    page, errors = _watched(context(), viewport)
    page.goto(base_url + "exercises/index.html")
    cards = page.locator(".calf-row[data-card]:visible").evaluate_all("els => els.map(e => e.dataset.card)")
    published = json.loads((site / "api" / "exercises.json").read_text())["exercises"]
    assert sorted(cards) == sorted(c["id"] for c in published), "every card, each once"
    assert page.locator("[data-card]").count() == len(cards), "no card repeated anywhere on the page"
    height = page.evaluate("document.documentElement.scrollHeight")
    if viewport == PHONE:
        assert height < SCREENS * PHONE["height"], f"the library is {height} px tall at 375 px"
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert not errors, errors


def test_library_filters_work_without_javascript(context, base_url):
    page, _ = _watched(context(java_script_enabled=False))
    page.goto(base_url + "exercises/index.html")
    rows = ".calf-row[data-card]"
    total = page.locator(rows).count()
    page.select_option("select[name=target]", "soleus")
    shown = page.locator(f"{rows}:visible")
    targets = shown.evaluate_all("els => els.map(e => e.dataset.target.split(' '))")
    assert 0 < len(targets) < total and all("soleus" in t for t in targets)
    page.select_option("select[name=difficulty]", "easy")
    both = shown.evaluate_all("els => els.map(e => [e.dataset.target, e.dataset.difficulty])")
    assert 0 < len(both) < len(targets) and all("soleus" in t.split() and d == "easy" for t, d in both)
    page.select_option("select[name=target]", "")
    page.select_option("select[name=difficulty]", "")
    assert page.locator(f"{rows}:visible").count() == total
    assert page.is_visible("[data-calf-nojs]"), "the page says what needs JavaScript"


def test_library_groups_by_phase_with_each_card_once(context, base_url):
    page, errors = _watched(context())
    page.goto(base_url + "exercises/index.html")
    page.select_option("select[name=group]", "phase")
    titles = page.locator(".calf-library__group-title").all_inner_texts()
    assert titles[:1] == ["Early"] and len(titles) >= 3
    cards = page.locator(".calf-row[data-card]").evaluate_all("els => els.map(e => e.dataset.card)")
    assert len(cards) == len(set(cards))
    page.select_option("select[name=phase]", "prevention")
    assert not page.is_visible(".calf-library__group-title >> text=Early"), "an empty group hides"
    assert "match" in page.inner_text(".calf-filters__count")
    assert not errors, errors


def test_plan_button_says_in_my_plan_and_announces_it(context, base_url):
    page, errors = _watched(context())
    page.goto(base_url + "exercises/index.html")
    button = page.locator('[data-plan-add="glute-bridge"]')
    assert button.inner_text() == "Add to my plan" and button.get_attribute("aria-pressed") == "false"
    button.click()
    assert button.inner_text() == "✓ In my plan"
    assert button.get_attribute("aria-pressed") == "true"
    assert button.get_attribute("aria-label") == "✓ In my plan: Glute bridge"
    assert page.locator('[role="status"]', has_text="Glute bridge is now in your plan.").count() == 1
    page.reload()
    assert page.locator('[data-plan-add="glute-bridge"]').inner_text() == "✓ In my plan", "the state is kept"
    assert not errors, errors


# ---- My plan on paper ----


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375", "1280"])
def test_my_plan_prints_steps_dose_rule_stop_signs_and_log_without_controls(context, site, base_url, viewport):
    page, errors = _watched(context(), viewport)
    _seed(page, base_url, PLAN, {"glute-bridge": {"s": 2}})
    page.emulate_media(media="print")
    published = {c["id"]: c for c in json.loads((site / "api" / "exercises.json").read_text())["exercises"]}
    for card_id in PLAN:
        card = page.locator(f'[data-plan-list] [data-card="{card_id}"]')
        assert card.is_visible()
        text = card.inner_text()
        for step in published[card_id]["steps"]:
            assert step in text, f"{card_id}: step missing in print"
        for sign in published[card_id]["stop_if"]:
            assert sign in text, f"{card_id}: stop sign missing in print"
        assert card.locator("[data-pain-rule]").is_visible() and "out of 10" in text
        assert re.search(r"\d+ sets? of .+ a (day|week)\.", card.locator("[data-plan-dose]").inner_text())
    assert "2 sets of 12 reps" in page.inner_text('[data-plan-list] [data-card="glute-bridge"]'), "changed dose"
    log = page.locator("table.calf-plan-log")
    assert log.is_visible()
    assert log.locator("tbody tr").count() == len(PLAN) and log.locator("tbody td", has_text="☐").count() == 7 * len(
        PLAN
    )
    assert "Pain 0-10" in log.locator("tfoot").inner_text()
    assert page.locator(".calf-plan__qr svg").is_visible(), "the QR code prints"
    assert page.inner_text(".calf-plan__link-print").endswith(page.input_value("[data-plan-link]")), "the link prints"
    controls = page.locator("button:visible, input:visible, select:visible, textarea:visible, .md-button:visible")
    assert controls.count() == 0, f"controls print: {controls.all_inner_texts()}"
    assert not errors, errors


# ---- The hand-off link ----


def test_plan_link_round_trip_with_changed_doses(context, base_url):
    page, errors = _watched(context())
    _seed(page, base_url, PLAN)
    fields = page.locator("fieldset.calf-plan__dose").nth(1)  # glute bridge
    fields.locator('[data-dose-field="s"]').fill("2")
    fields.locator('[data-dose-field="s"]').dispatch_event("change")
    fields.locator('[data-dose-field="p"]').select_option("day")
    note = "Slow & steady <b>please</b>; stop if it hurts"
    fields.locator('[data-dose-field="n"]').fill(note)
    fields.locator('[data-dose-field="n"]').dispatch_event("change")
    link = page.input_value("[data-plan-link]")
    assert "#plan=" in link and len(link) < 600
    doses_before = page.locator("[data-plan-list] [data-plan-dose]").all_inner_texts()
    assert "2 sets of 12 reps, 3 times a day." in doses_before

    other, other_errors = _watched(context())
    other.goto(link)
    incoming = other.locator("[data-plan-incoming]")
    assert incoming.is_visible() and "3 exercises" in incoming.inner_text()
    assert note in incoming.inner_text() and incoming.locator("b").count() == 0, "the note shows as text"
    assert other.evaluate(f"localStorage.getItem('{PLAN_KEY}')") is None, "nothing saved before asked"
    other.click("[data-plan-save]")
    cards = other.locator("[data-plan-list] [data-card]").evaluate_all("els => els.map(e => e.dataset.card)")
    assert cards == PLAN
    assert other.locator("[data-plan-list] [data-plan-dose]").all_inner_texts() == doses_before
    assert other.locator("[data-plan-note-text]:visible").all_inner_texts() == [note]
    assert other.input_value("[data-plan-link]") == link, "the saved plan makes the same link"
    assert "#plan=" not in other.url, "the link leaves the address once saved"
    assert not errors and not other_errors, errors + other_errors


def test_opening_a_link_never_overwrites_the_plan_silently(context, base_url):
    page, errors = _watched(context())
    _seed(page, base_url, ["tibialis-raise"])
    page.goto(base_url + _link({"v": 1, "p": [["glute-bridge"]]}))
    assert "replaces the plan you have now" in page.inner_text("[data-plan-incoming]")
    assert json.loads(page.evaluate(f"localStorage.getItem('{PLAN_KEY}')")) == ["tibialis-raise"]
    page.click("[data-plan-dismiss]")
    assert page.is_hidden("[data-plan-incoming]")
    assert json.loads(page.evaluate(f"localStorage.getItem('{PLAN_KEY}')")) == ["tibialis-raise"]
    assert not errors, errors


BAD_LINKS = {
    "bad base64": ("my-plan.html#plan=%%%not-base64", "damaged"),
    "not JSON": ("my-plan.html#plan=" + base64.urlsafe_b64encode(b"{nope").decode(), "damaged"),
    "cut short": ("my-plan.html#plan=", "cut short"),
    "wrong version": (_link({"v": 9, "p": [["glute-bridge"]]}), "different version"),
    "unknown card": (_link({"v": 1, "p": [["glute-bridge"], ["no-such-card"]]}), "not an exercise in this guide"),
    "html as id": (_link({"v": 1, "p": [["<img src=x onerror=alert(1)>"]]}), "not an exercise in this guide"),
    "sets out of range": (_link({"v": 1, "p": [["glute-bridge", {"s": 99}]]}), "Sets must be a whole number"),
    "fractional reps": (_link({"v": 1, "p": [["glute-bridge", {"r": 2.5}]]}), "Reps must be a whole number"),
    "bad period": (_link({"v": 1, "p": [["glute-bridge", {"p": "month"}]]}), "a day or a week"),
    # The limit the page was built with (plan-dose.js reads it from the page), the same one the diary uses.
    "long note": (
        _link({"v": 1, "p": [["glute-bridge", {"n": "x" * (DIARY_NOTE_MAX + 1)}]]}),
        f"at most {DIARY_NOTE_MAX} characters",
    ),
    "no exercises": (_link({"v": 1, "p": []}), "no exercises"),
}


@pytest.mark.parametrize("case", list(BAD_LINKS.values()), ids=list(BAD_LINKS))
def test_a_bad_link_says_what_is_wrong_and_keeps_the_plan(context, base_url, case):
    path, words = case
    page, errors = _watched(context())
    _seed(page, base_url, ["tibialis-raise"])
    page.goto(base_url + path)
    box = page.locator("[data-plan-link-error]")
    assert box.is_visible() and words in box.inner_text(), box.inner_text()
    assert "Your own plan below has not changed" in box.inner_text()
    assert box.locator("img").count() == 0
    assert page.is_hidden("[data-plan-incoming]")
    assert page.locator("[data-plan-list] [data-card]").evaluate_all("els => els.map(e => e.dataset.card)") == [
        "tibialis-raise"
    ]
    assert not errors, errors


def test_qr_code_decodes_to_the_plan_link(context, base_url):
    # bypass_csp: jsQR is injected inline for the test; the page's own policy is tested in test_csp.py.
    page, errors = _watched(context(bypass_csp=True), DESKTOP)
    _seed(page, base_url, PLAN, {"calf-raise-double": {"r": 12, "n": "Hold the wall"}})
    link = page.input_value("[data-plan-link]")
    page.add_script_tag(path=str(JSQR))
    decoded = page.evaluate("""async () => {
      const svg = document.querySelector('.calf-plan__qr svg');
      const text = new XMLSerializer().serializeToString(svg);
      const img = new Image();
      img.src = 'data:image/svg+xml;base64,' + btoa(text);
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = 600;
      const ctx = canvas.getContext('2d');
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(img, 0, 0, 600, 600);
      const data = ctx.getImageData(0, 0, 600, 600);
      const code = jsQR(data.data, 600, 600);
      return code && code.data;
    }""")
    assert decoded == link
    assert not errors, errors


@pytest.mark.parametrize("plan", [[], PLAN], ids=["empty", "three"])
def test_my_plan_fills_in_without_moving_the_page(context, base_url, plan):
    """Lighthouse's cumulative layout shift: my-plan.js fills the page before anything below it is parsed, so nothing
    moves, empty or with exercises. On a slow network and CPU (Lighthouse's phone), the page paints before it runs."""
    page, errors = _watched(context())
    _seed(page, base_url, plan)
    like_a_slow_phone(page)
    page.reload(wait_until="load")
    page.wait_for_timeout(500)
    assert page.locator("[data-plan-list] [data-card]").count() == len(plan), "the plan is drawn"
    shifts = page.evaluate("window.__shifts")
    assert sum(value for value, _ in shifts) < 0.001, shifts
    assert not errors, errors


# ---- Reminders ----


def test_reminders_download_a_valid_ics(context, base_url):
    from icalendar import Calendar

    page, errors = _watched(context(accept_downloads=True))
    _seed(page, base_url, PLAN, {"glute-bridge": {"s": 2}})
    for day in ["MO", "WE", "FR"]:
        page.uncheck(f'input[name="plan-day"][value="{day}"]')
    for day in ["TU", "SA"]:
        page.check(f'input[name="plan-day"][value="{day}"]')
    page.fill("[data-plan-time]", "07:30")
    with page.expect_download() as info:
        page.click("[data-plan-ics]")
    download = info.value
    assert download.suggested_filename.endswith(".ics")
    raw = open(download.path(), "rb").read()
    lines = raw.split(b"\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b""), "every line ends with CRLF"
    assert all(len(line) <= 75 for line in lines), "lines are folded at 75 octets"
    calendar = Calendar.from_ical(raw)
    assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert event["UID"] and event["DTSTAMP"] and ("DURATION" in event or "DTEND" in event)
    start = event.decoded("DTSTART")
    assert start.time() == time(7, 30)
    assert start.strftime("%a")[:2].upper() in {"TU", "SA"}
    rule = event["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["TU", "SA"]
    summary = str(event["SUMMARY"])
    assert all(name in summary for name in ["Double-leg calf raise", "Glute bridge", "Eccentric heel drop"])
    assert "Glute bridge: 2 sets of 12 reps" in str(event["DESCRIPTION"])
    assert not errors, errors


# ---- Stored dose changes ----

# Corrupt dose changes (my-plan.js): (what is stored, the dose changes a cleaned store keeps for KEPT_CARD, or None).
CORRUPT_DOSES = {
    "invalid JSON": ('{"glute-bridge":', None),
    "array": (json.dumps([{"s": 2}]), None),
    "string": (json.dumps("s=2"), None),
    "null": ("null", None),
    "card not in plan": (json.dumps({"tibialis-raise": {"s": 2}}), None),
    "out of range": (json.dumps({KEPT_CARD: {"s": 99, "r": -1, "t": 2.5, "p": "month"}}), None),
    "mixed": (json.dumps({KEPT_CARD: {"s": 2, "r": 999, "x": 1}, "__proto__": {"s": 1}}), {"s": 2}),
    "note too long": (json.dumps({KEPT_CARD: {"n": "x" * 500, "t": 2}}), {"t": 2}),
    "oversized text": (json.dumps({KEPT_CARD: {"n": "x" * 30000}}), None),
}


@pytest.mark.parametrize("stored", list(CORRUPT_DOSES.values()), ids=list(CORRUPT_DOSES))
def test_corrupt_dose_changes_are_cleaned_and_my_plan_works(context, base_url, stored):
    """Stored dose changes are never trusted, like the stored plan (test_client_storage.py)."""
    raw, kept = stored
    page, problems = _watched(context())
    page.goto(base_url + "my-plan.html")
    page.evaluate(
        "([k, v, dk, d]) => { localStorage.setItem(k, v); localStorage.setItem(dk, d); }",
        [PLAN_KEY, json.dumps([KEPT_CARD]), DOSE_KEY, raw],
    )
    page.reload()
    listed = page.locator("[data-plan-list] [data-card]").evaluate_all("els => els.map(e => e.dataset.card)")
    assert listed == [KEPT_CARD]
    now = page.evaluate("key => window.localStorage.getItem(key)", DOSE_KEY)
    assert (json.loads(now) if now else None) == ({KEPT_CARD: kept} if kept else None)
    assert page.locator("[data-plan-list] [data-plan-note]:visible").count() == 0
    assert "#plan=" in page.input_value("[data-plan-link]"), "the link is still made"
    assert not problems, problems
