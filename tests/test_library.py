"""The library's filters work without JavaScript because calf.css has a rule for every option of the built form,
and the library lists each card once as a compact row (its browser behaviour is in test_plan_browser.py)."""

from __future__ import annotations

import re

from helpers import ROOT

CSS = (ROOT / "site_overrides" / "assets" / "stylesheets" / "calf.css").read_text()
RULE = re.compile(
    r'\.calf-library:has\(select\[name="([a-z]+)"\] option\[value="([a-z0-9-]+)"\]:checked\) '
    r'\.calf-row:not\(\[data-\1~="\2"\]\)'
)


def _options(html: str) -> set[tuple[str, str]]:
    found = set()
    for name, body in re.findall(r'<select name="([a-z]+)">(.*?)</select>', html, re.S):
        found |= {(name, value) for value in re.findall(r'<option value="([^"]+)"', body)}
    return found


def test_every_filter_option_has_its_no_javascript_rule(site):
    html = (site / "exercises" / "index.html").read_text()
    options = _options(html)
    assert {name for name, _ in options} == {"phase", "target", "equipment", "difficulty"}
    rules = set(RULE.findall(CSS))
    assert options - rules == set(), "options with no CSS rule: add them to calf.css"
    assert rules - options == set(), "rules for options the form no longer has"


def test_library_lists_each_card_once(site):
    html = (site / "exercises" / "index.html").read_text()
    rows = re.findall(r'<li class="calf-row" data-card="([a-z0-9-]+)"', html)
    cards = sorted(p.stem for p in (ROOT / "content" / "exercises").glob("*.yml"))
    assert sorted(rows) == cards
