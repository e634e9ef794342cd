"""The client survives bad data: a corrupt plan in localStorage is cleaned quietly and every feature still works
(library filters, plan buttons, My plan, symptom checker), one failing feature does not stop the others, and the
script adds no global names."""

from __future__ import annotations

import json
import re

import pytest

from browser import open_blank
from helpers import ROOT

pytestmark = pytest.mark.browser

KEY = "calf-guide-plan"
CARD = "calf-raise-double"  # the card page whose button the test presses
KEPT = "glute-bridge"  # a real card id that a partly bad plan keeps
CARD_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SCRIPT = ROOT / "site_overrides" / "assets" / "javascripts" / "calf.js"

# Each kind of corrupt storage: (what is stored, the valid entries a cleaned plan keeps).
CORRUPT = {
    "invalid JSON": ('["glute-bridge",', []),
    "object": (json.dumps({"a": 1}), []),
    "string": (json.dumps(KEPT), []),
    "number": ("42", []),
    "null": ("null", []),
    "unknown id": (json.dumps([KEPT, "no-such-card", "constructor", "__proto__"]), [KEPT]),
    "non-string": (json.dumps([5, KEPT, None, {"a": 1}, [KEPT], True]), [KEPT]),
    "oversized array": (json.dumps([KEPT] * 500), []),
    "oversized text": (json.dumps(["x" * 30000]), []),
    "quote in id": (json.dumps(['a"b', KEPT, "a']b", "a\\b"]), [KEPT]),
    "duplicates": (json.dumps([KEPT, KEPT]), [KEPT]),
}


def _stored(page):
    return page.evaluate("key => window.localStorage.getItem(key)", KEY)


def _watched(browser):
    """A new page that records console errors and page errors."""
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    return page, problems


def _check_filters(page):
    assert page.is_visible("[data-calf-filters]"), "the library filters appear"
    cards = page.locator(".calf-row[data-card]")
    total = cards.count()
    page.select_option("select[name=target]", "soleus")
    shown = page.locator(".calf-row[data-card]:visible").count()
    assert 0 < shown < total, f"the soleus filter shows {shown} of {total} cards"
    assert "match" in page.inner_text(".calf-filters__count")


@pytest.mark.parametrize("stored", list(CORRUPT.values()), ids=list(CORRUPT))
def test_corrupt_plan_is_cleaned_and_every_feature_works(browser, base_url, stored):
    raw, kept = stored
    page, problems = _watched(browser)
    try:
        # Seed the corrupt value on the site's own origin (a blank page of it), then load the library with it.
        open_blank(page, base_url)
        page.evaluate("([key, value]) => window.localStorage.setItem(key, value)", [KEY, raw])
        page.goto(base_url + "exercises/index.html")
        _check_filters(page)
        now = _stored(page)
        if now is not None:  # only well-formed card ids survive, on any page
            plan = json.loads(now)
            assert isinstance(plan, list) and len(plan) <= 200
            assert all(isinstance(i, str) and CARD_ID.match(i) for i in plan), f"not cleaned: {now[:200]}"
            assert len(now) <= 20000

        # A plan button toggles on a card page.
        page.goto(base_url + f"exercises/{CARD}.html")
        button = page.locator(f'[data-plan-add="{CARD}"]').first
        assert button.is_visible() and button.get_attribute("aria-pressed") == "false"
        button.click()
        assert button.get_attribute("aria-pressed") == "true"
        assert CARD in json.loads(_stored(page))

        # My plan lists what was added (and what was valid before); the stored plan now holds real cards only.
        page.goto(base_url + "my-plan.html")
        expected = kept + [CARD]
        listed = page.locator("[data-plan-list] [data-card]").evaluate_all("els => els.map(e => e.dataset.card)")
        assert listed == expected
        assert page.is_hidden("[data-plan-empty]")
        assert json.loads(_stored(page)) == expected, "the stored plan is cleaned"

        # The symptom checker moves to its next question.
        page.goto(base_url + "symptom-checker.html")
        current = page.locator("[data-calf-triage] .calf-triage__node.is-current")
        first = current.get_attribute("id")
        assert page.is_hidden("[data-triage-back]")
        current.locator("a[data-next]").nth(1).click()
        assert current.get_attribute("id") != first and page.is_visible("[data-triage-back]")
        assert not problems, problems
    finally:
        page.evaluate("key => window.localStorage.removeItem(key)", KEY)
        page.close()


def test_unknown_ids_are_kept_until_the_whole_catalogue_is_known(browser, base_url):
    """A card page knows only its own card: it must not drop the rest of the plan when its button is pressed."""
    page, problems = _watched(browser)
    try:
        page.goto(base_url + f"exercises/{CARD}.html")
        page.evaluate("([key, value]) => window.localStorage.setItem(key, value)", [KEY, json.dumps([KEPT])])
        page.reload()
        page.locator(f'[data-plan-add="{CARD}"]').first.click()
        assert json.loads(_stored(page)) == [KEPT, CARD]
        assert not problems, problems
    finally:
        page.evaluate("key => window.localStorage.removeItem(key)", KEY)
        page.close()


def test_one_failing_feature_does_not_stop_the_others(browser, base_url):
    """Break the plan buttons on purpose: a warning (not an error) is logged and the filters still work."""
    page, problems = _watched(browser)
    warnings: list[str] = []
    page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
    page.add_init_script("""
        const all = Document.prototype.querySelectorAll;
        Document.prototype.querySelectorAll = function (selector) {
          if (selector === "[data-plan-add]") { throw new Error("broken on purpose"); }
          return all.call(this, selector);
        };
    """)
    try:
        page.goto(base_url + "exercises/index.html")
        _check_filters(page)
        assert page.locator("[data-plan-add]:visible").count() == 0, "the broken feature stays off"
        assert any("plan buttons" in w for w in warnings), warnings
        assert not problems, problems
    finally:
        page.close()


# The diary's markup already looks as the running diary does (no layout shift), so what shows once its scripts have run
# is the chart heading made focusable (for the move after saving a day).
DIARY_RAN = '#diary-chart-heading[tabindex="-1"]'
# Each of the site's scripts, the page it runs on, what shows once it has run, and the scripts that use its part (they
# run after it, so they are held back with it and run again after it).
SCRIPTS = {
    "calf.js": ("exercises/index.html", "[data-calf-filters]", ()),
    "plan.js": ("exercises/index.html", "[data-plan-add]", ()),
    "plan-dose.js": ("my-plan.html", "[data-plan-js]", ("plan-link.js", "my-plan.js")),
    "plan-link.js": ("my-plan.html", "[data-plan-js]", ("my-plan.js",)),
    "plan-share.js": ("my-plan.html", "[data-plan-js]", ("my-plan.js",)),
    "my-plan.js": ("my-plan.html", "[data-plan-js]", ()),
    "diary-store.js": ("pain-diary.html", DIARY_RAN, ("pain-diary.js",)),
    "diary-chart.js": ("pain-diary.html", DIARY_RAN, ("pain-diary.js",)),
    "pain-diary.js": ("pain-diary.html", DIARY_RAN, ()),
    "programme-stage.js": ("programs/achilles-loading.html", "[data-stage-mark]", ()),
}


# The one name a script may add: plan.js shares the plan store, and the page scripts share their parts, through one
# frozen namespace.
ALLOWED_GLOBALS = {"guide.js": {"calfGuide"}}


def _global_names(page) -> set[str]:
    """Every name a script can add to the page's global scope: window's properties (var, function, window.x) and the
    top-level let, const and class bindings, which are not properties of window (Chromium's DevTools protocol lists
    them)."""
    lexical = page.context.new_cdp_session(page).send("Runtime.globalLexicalScopeNames")["names"]
    return set(page.evaluate("Object.keys(window)")) | set(lexical)


def _empty_script(route):
    route.fulfill(body="", content_type="text/javascript")


@pytest.mark.parametrize("script", sorted(SCRIPTS))
def test_script_adds_no_global_names(browser, base_url, script):
    """Load the page without the script (and the scripts that use it), note window's names, run them, compare."""
    path, shown, users = SCRIPTS[script]
    page, problems = _watched(browser)
    for held in (script, *users):
        page.route(f"**/assets/javascripts/{held}", _empty_script)
    try:
        page.goto(base_url + path)
        assert page.locator(shown).first.is_hidden()
        before = _global_names(page)
        # Loaded from the site (a query string escapes the route above): the page's CSP blocks an inline copy.
        for held in (script, *users):
            page.add_script_tag(url=f"{base_url}assets/javascripts/{held}?again")
        after = _global_names(page)
        assert page.locator(shown).first.is_visible(), "the script ran"
        assert after - before == ALLOWED_GLOBALS.get(script, set()), f"new globals: {sorted(after - before)}"
        assert not problems, problems
    finally:
        page.close()


# The pain diary's key (pain-diary.js): the same rule, a corrupt diary is cleaned quietly and the diary still works.
DIARY_KEY = "calf-guide-diary"
GOOD_DAY = {"date": "2026-11-02", "during": 3, "morning": 1, "note": "ok"}


def _diary(days, **extra):
    return json.dumps({"format": "calf-guide-pain-diary", "version": 1, "days": days, **extra})


DIARY_CORRUPT = {
    "invalid JSON": ('{"format": ', []),
    "array": (json.dumps([GOOD_DAY]), []),
    "wrong format": (json.dumps({"format": "other", "version": 1, "days": [GOOD_DAY]}), []),
    "newer version": (json.dumps({"format": "calf-guide-pain-diary", "version": 2, "days": [GOOD_DAY]}), []),
    "null": ("null", []),
    "oversized text": (_diary([GOOD_DAY], pad="x" * 300000), []),
    "too many days": (_diary([GOOD_DAY] * 1001), []),
    "bad days": (
        _diary(
            [
                GOOD_DAY,
                {"date": "2026-02-30", "during": 1},
                {"date": "2026-11-03", "during": 11},
                {"date": "2026-11-04", "during": "3"},
                {"date": "2026-11-05"},
                {"date": "2026-11-06", "during": 1, "note": "x" * 201},
                {"date": "2026-11-07", "during": 1, "__proto__": 1},
                GOOD_DAY,
                "2026-11-08",
            ]
        ),
        [GOOD_DAY],
    ),
}


@pytest.mark.parametrize("stored", list(DIARY_CORRUPT.values()), ids=list(DIARY_CORRUPT))
def test_corrupt_diary_is_cleaned_and_the_diary_works(browser, base_url, stored):
    raw, kept = stored
    page, problems = _watched(browser)
    warnings: list[str] = []
    page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
    try:
        page.goto(base_url + "pain-diary.html")
        page.evaluate("([key, value]) => window.localStorage.setItem(key, value)", [DIARY_KEY, raw])
        page.reload()
        assert page.is_visible("[data-diary-form]") and page.is_hidden("[data-diary-nojs]")
        now = page.evaluate("key => window.localStorage.getItem(key)", DIARY_KEY)
        assert (json.loads(now)["days"] if now is not None else []) == kept, f"not cleaned: {str(now)[:200]}"
        assert page.locator("[data-diary-rows] tr").count() == len(kept)
        page.fill("#diary-date", "2026-11-09")
        page.fill("#diary-during", "2")
        page.click("[data-diary-form] button[type=submit]")
        days = json.loads(page.evaluate("key => window.localStorage.getItem(key)", DIARY_KEY))["days"]
        assert [d["date"] for d in days] == [d["date"] for d in kept] + ["2026-11-09"]
        assert not problems and not warnings, problems + warnings
    finally:
        page.evaluate("key => window.localStorage.removeItem(key)", DIARY_KEY)
        page.close()


# The programme stage marks' key (programme-stage.js, "where am I"): the same rule, corrupt marks are cleaned quietly
# and the control still works.
STAGE_KEY = "calf-guide-stage"
STAGE_PAGE = "programs/achilles-loading.html"
STAGE_CORRUPT = {
    "invalid JSON": '{"achilles-loading": 2',
    "array": json.dumps([2]),
    "string": json.dumps("achilles-loading"),
    "null": "null",
    "stage out of range": json.dumps({"achilles-loading": 9}),
    "not a whole number": json.dumps({"achilles-loading": 1.5}),
    "stage as text": json.dumps({"achilles-loading": "2"}),
    "bad id": json.dumps({"__proto__": 1, "a b": 2, "x" * 200: 1}),
    "oversized": json.dumps({f"p{i}": 1 for i in range(300)}),
}


@pytest.mark.parametrize("raw", list(STAGE_CORRUPT.values()), ids=list(STAGE_CORRUPT))
def test_corrupt_stage_marks_are_cleaned_and_the_control_works(browser, base_url, raw):
    page, _ = _watched(browser)
    problems: list[str] = []  # this script's own errors and warnings (the other scripts have their own tests)
    page.on("pageerror", lambda e: problems.append(str(e)) if "programme-stage.js" in (e.stack or "") else None)
    page.on("console", lambda m: problems.append(m.text) if "stage marks" in m.text else None)
    try:
        page.goto(base_url + STAGE_PAGE)
        page.evaluate("([key, value]) => window.localStorage.setItem(key, value)", [STAGE_KEY, raw])
        page.reload()
        assert page.locator("[data-stage-mark][aria-pressed=true]").count() == 0
        assert page.evaluate("key => window.localStorage.getItem(key)", STAGE_KEY) is None, "the bad value is removed"
        page.locator("[data-stage-mark]").first.click()
        stored = json.loads(page.evaluate("key => window.localStorage.getItem(key)", STAGE_KEY))
        assert stored == {"achilles-loading": 1}
        assert not problems, problems
    finally:
        page.evaluate("key => window.localStorage.removeItem(key)", STAGE_KEY)
        page.close()
