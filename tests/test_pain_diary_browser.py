"""The pain diary in a real browser at phone width: days saved from the form show in the chart (an SVG with a text
alternative, no inline styles) and in the table; the diary round-trips through a downloaded file, Clear all (with its
confirmation) and import; bad files change nothing and say why; the page never turns scores into advice; with
JavaScript off it says so and offers the pain rules and a blank log. Axe checks the drawn diary in both schemes."""

from __future__ import annotations

import json

import pytest

from browser import AXE_TAGS, like_a_slow_phone, serve_axe

pytestmark = pytest.mark.browser

KEY = "calf-guide-diary"
PAGE = "pain-diary.html"
FORMAT = "calf-guide-pain-diary"
DAYS = [
    ("2026-11-02", "4", "2", "calf raises"),
    ("2026-11-03", "6", "", ""),
    ("2026-11-05", "", "1", "walked <b>30</b> min"),
]


def _diary(days):
    return json.dumps({"format": FORMAT, "version": 1, "days": days})


@pytest.fixture
def page(browser, base_url):
    page = browser.new_page()
    page.set_viewport_size({"width": 375, "height": 800})
    problems: list[str] = []
    page.on(
        "console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.goto(base_url + PAGE)
    page.evaluate("key => window.localStorage.removeItem(key)", KEY)
    page.reload()
    yield page
    page.evaluate("key => window.localStorage.removeItem(key)", KEY)
    page.close()
    assert not problems, problems


def _stored(page):
    raw = page.evaluate("key => window.localStorage.getItem(key)", KEY)
    return None if raw is None else json.loads(raw)


def _rows(page):
    return page.locator("[data-diary-rows] tr").evaluate_all(
        "rows => rows.map(r => Array.from(r.cells).slice(0, 4).map(c => c.textContent.trim()))"
    )


def _add(page, date, during, morning, note):
    page.fill("#diary-date", date)
    page.fill("#diary-during", during)
    page.fill("#diary-morning", morning)
    page.fill("#diary-note", note)
    page.click("[data-diary-form] button[type=submit]")


def test_saved_days_show_as_a_chart_and_a_table(page):
    assert page.is_visible("[data-diary-empty]") and page.is_hidden("[data-diary-chart]")
    assert page.is_hidden("[data-diary-nojs]") and page.is_hidden("[data-diary-blank]")
    for day in DAYS:
        _add(page, *day)
    assert "Saved Thu, 5 Nov 2026" in page.inner_text("[data-diary-status]")
    stored = _stored(page)
    assert stored["format"] == FORMAT and [d["date"] for d in stored["days"]] == [d[0] for d in DAYS]
    assert stored["days"][1] == {"date": "2026-11-03", "during": 6, "morning": None, "note": ""}
    # Newest first; a missing score is said in words; a note is text, never markup.
    assert _rows(page) == [
        ["5 Nov 2026", "not recorded", "1", "walked <b>30</b> min"],
        ["3 Nov 2026", "6", "not recorded", ""],
        ["2 Nov 2026", "4", "2", "calf raises"],
    ]
    svg = page.locator("[data-diary-svg] svg")
    assert svg.get_attribute("role") == "img"
    label = page.evaluate(
        "ids => ids.split(' ').map(id => document.getElementById(id).textContent).join(' ')",
        svg.get_attribute("aria-labelledby"),
    )
    assert "last 3 saved days, from Mon, 2 Nov 2026 to Thu, 5 Nov 2026" in label and "table" in label
    # One round dot per during-exercise score, one square per morning score; styled by classes only (the CSP).
    assert page.locator("circle.calf-diary__dot--during").count() == 2
    assert page.locator("rect.calf-diary__dot--morning").count() == 2
    assert page.locator("[data-calf-diary] [style]").count() == 0
    wrap = page.locator("[data-diary-table-wrap]")
    assert wrap.evaluate("el => el.scrollWidth - el.clientWidth") <= 0, "the table fits at 375 px, Remove included"
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"scrolls sideways by {overflow}px"
    box = svg.bounding_box()
    assert (
        box["width"] <= 375
        and page.evaluate("getComputedStyle(document.querySelector('.calf-diary__tick')).fontSize") == "12px"
    )

    # Saving a date again replaces it; a bad score is refused with a message and changes nothing.
    _add(page, "2026-11-03", "5", "3", "")
    assert _rows(page)[1] == ["3 Nov 2026", "5", "3", ""]
    before = _stored(page)
    _add(page, "2026-11-04", "11", "", "")
    assert page.is_visible("[data-diary-form-error]") and "0 to 10" in page.inner_text("[data-diary-form-error]")
    assert page.get_attribute("#diary-during", "aria-invalid") == "true"
    assert _stored(page) == before


def test_diary_round_trips_through_export_clear_and_import(page, tmp_path):
    page.evaluate(
        "([key, value]) => window.localStorage.setItem(key, value)",
        [
            KEY,
            _diary(
                [
                    {"date": f"2026-10-{d:02d}", "during": d % 11, "morning": (d * 3) % 11, "note": f"day {d}"}
                    for d in range(1, 29)
                ]
            ),
        ],
    )
    page.reload()
    rows = _rows(page)
    assert len(rows) == 28
    with page.expect_download() as caught:
        page.click("[data-diary-export]")
    saved = tmp_path / caught.value.suggested_filename
    caught.value.save_as(saved)
    assert saved.name.startswith("pain-diary-") and saved.suffix == ".json"
    assert json.loads(saved.read_text()) == _stored(page)

    # Clear all asks first: Cancel keeps everything, Yes deletes everything.
    clear = page.locator("[data-diary-clear]")
    clear.click()
    assert page.is_visible("[data-diary-confirm]") and clear.get_attribute("aria-expanded") == "true"
    page.click("[data-diary-clear-no]")
    assert page.is_hidden("[data-diary-confirm]") and len(_rows(page)) == 28
    clear.click()
    page.click("[data-diary-clear-yes]")
    assert _stored(page) is None and _rows(page) == [] and page.is_visible("[data-diary-empty]")

    page.set_input_files("[data-diary-import]", str(saved))
    page.wait_for_function("() => document.querySelectorAll('[data-diary-rows] tr').length === 28")
    assert _rows(page) == rows
    assert "Added 28 days" in page.inner_text("[data-diary-status]")


BAD_FILES = {
    "not JSON": ("{days: [", "not a JSON file"),
    "another format": (json.dumps({"days": []}), "not a pain diary"),
    "score above 10": (
        _diary([{"date": "2026-11-01", "during": 11, "morning": 0}]),
        "day 1 in the file has a pain score",
    ),
    "fractional score": (_diary([{"date": "2026-11-01", "during": 2.5}]), "whole number"),
    "impossible date": (_diary([{"date": "2026-02-30", "during": 2}]), "no valid date"),
    "unknown field": (_diary([{"date": "2026-11-01", "during": 2, "advice": "x"}]), "field this diary does not use"),
    "same date twice": (
        _diary([{"date": "2026-11-01", "during": 2}, {"date": "2026-11-01", "during": 3}]),
        "appears twice",
    ),
    "long note": (_diary([{"date": "2026-11-01", "during": 2, "note": "x" * 201}]), "note"),
}


def test_a_bad_file_changes_nothing_and_says_why(page, tmp_path):
    _add(page, "2026-11-02", "3", "1", "")
    before = _stored(page)
    for name, (text, why) in BAD_FILES.items():
        path = tmp_path / f"{name.replace(' ', '-')}.json"
        path.write_text(text)
        page.set_input_files("[data-diary-import]", str(path))
        page.wait_for_function(
            "name => document.querySelector('[data-diary-status]').textContent.includes(name)", arg=path.name
        )
        message = page.inner_text("[data-diary-status]")
        assert message.startswith("Nothing was changed") and why in message, (name, message)
        assert _stored(page) == before, name
    assert len(_rows(page)) == 1


def test_scores_never_change_what_the_page_says(page):
    """Record only: a diary of 0s and one of 10s differ in the scores shown, and in nothing else."""

    def seen(score):
        page.evaluate(
            "([key, value]) => window.localStorage.setItem(key, value)",
            [
                KEY,
                _diary(
                    [{"date": f"2026-11-{d:02d}", "during": score, "morning": score, "note": ""} for d in (1, 2, 3)]
                ),
            ],
        )
        page.reload()
        return page.evaluate("""() => {
            const root = document.querySelector('article').cloneNode(true);  // the diary's sections and headings
            root.querySelectorAll('[data-diary-rows], [data-diary-svg]').forEach(el => el.remove());
            const dots = Array.from(document.querySelectorAll('.calf-diary__dot, .calf-diary__line'));
            return {text: root.textContent, classes: [...new Set(dots.map(d => d.getAttribute('class')))].sort()};
        }""")

    assert seen(0) == seen(10)


def test_diary_passes_axe_in_both_schemes(page, base_url):
    # axe is served from the site's origin: the page's CSP blocks an inline copy.
    axe = serve_axe(page, base_url)
    page.evaluate(
        "([key, value]) => window.localStorage.setItem(key, value)",
        [
            KEY,
            _diary(
                [
                    {"date": "2026-11-01", "during": 2, "morning": 1, "note": "n"},
                    {"date": "2026-11-02", "during": 4, "morning": None, "note": ""},
                ]
            ),
        ],
    )
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.evaluate("key => window.localStorage.removeItem(key)", "/.__palette")
        page.reload()
        page.click("[data-diary-clear]")  # the confirmation box is drawn too
        page.mouse.move(0, 0)  # no hover state, and the theme's colour transition (0.25 s) has ended
        page.wait_for_timeout(400)
        page.add_script_tag(url=axe)
        result = page.evaluate(
            "tags => axe.run('[data-calf-diary]', {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            AXE_TAGS,
        )
        violations = [
            f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes'][:3]]}" for v in result["violations"]
        ]
        assert not violations, (scheme, violations)
    page.emulate_media(color_scheme="light")


def test_without_javascript_the_page_explains_and_offers_a_blank_log(browser, base_url):
    page = browser.new_page()
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        page.goto(base_url + PAGE)
        assert page.is_visible("[data-diary-nojs]") and "needs JavaScript" in page.inner_text("[data-diary-nojs]")
        assert page.is_visible("[data-diary-blank] table") and page.locator("[data-diary-blank] tbody tr").count() >= 7
        dead = page.locator("[data-calf-diary] :is(form, button, input):visible")
        assert dead.count() == 0, "no dead controls without JavaScript"
        rules = page.locator("[data-calf-diary] [data-pain-rule]")
        assert rules.count() == 2 and all(rules.nth(i).is_visible() for i in range(2))
        assert "file://" in page.inner_text(".calf-diary__storage-note")
        # The section headings stay (the table of contents lists them), each with something to read under it.
        assert page.is_visible("#diary-chart-heading") and page.is_visible("#diary-file-heading")
        assert page.locator("[data-diary-nojs]:visible").count() == 2
    finally:
        page.close()


def test_the_diary_opens_without_moving_the_page(browser, base_url):
    """Lighthouse's cumulative layout shift on a phone: the page paints before the diary's scripts run, so the first
    paint must already look as the running diary does (no-JavaScript parts hidden, the form shown)."""
    page = browser.new_page()
    page.set_viewport_size({"width": 375, "height": 800})
    try:
        page.goto(base_url + PAGE)
        page.evaluate("key => window.localStorage.removeItem(key)", KEY)
        like_a_slow_phone(page)
        page.reload(wait_until="load")
        page.wait_for_timeout(500)
        assert page.is_visible("[data-diary-form]") and page.is_hidden("[data-diary-nojs]")
        shifts = page.evaluate("window.__shifts")
        assert sum(value for value, _ in shifts) < 0.001, shifts
    finally:
        page.close()
