"""Every page in Debian's Chromium, one visit per page and width, under the page's own Content Security Policy:
axe (WCAG 2.2 AA and best practice) finds nothing, no CSP violation, no outside request, no console error, no
sideways scroll on a phone, and every exercise figure's labels at 12 px or more on a phone. Every page at phone width;
one page of each kind at desktop width and in the dark scheme.

The visits are tests/browser.py's visit_pages: two tabs of one Chromium, axe reporting violations only, added from
the site's own origin so the policy stays on. The phone visit of every page is made once for this module and read
by two tests. A module of its own, so `make test`'s two workers (--dist loadfile) share the browser work.
"""

from __future__ import annotations

import pytest

from browser import check_pages, visit_pages
from helpers import ROOT, html_pages

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CARD_IDS = sorted(p.stem for p in (ROOT / "content" / "exercises").glob("*.yml"))
# The rendered size in CSS px of each label of the page's exercise figure (null on a page without one).
LABEL_PX = """() => { const svg = document.querySelector('.calf-figure-box svg.calf-figure');
  if (!svg) return null;
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll('text')].map(t => parseFloat(t.getAttribute('font-size')) * scale); }"""

# At desktop width one page of each template or kind.
DESKTOP_SAMPLE = {
    "home": "index.html",
    "guide page": "treat/first-days.html",
    "checker": "symptom-checker.html",
    "library": "exercises/index.html",
    "my plan": "my-plan.html",
    "card": "exercises/calf-raise-double.html",
    "program": "programs/calf-strain-rehab.html",
    "references": "references.html",
    "glossary": "glossary.html",
    "404": "404.html",
}


@pytest.fixture(scope="module")
def on_a_phone(base_url, site):
    """Every page visited once at 375 px: {path: PageCheck}."""
    pages = [p.relative_to(site).as_posix() for p in html_pages(site)]
    assert len(pages) > 40
    return visit_pages(base_url, pages, 375, probe=LABEL_PX)


def test_every_page_is_accessible_standalone_and_clean_on_a_phone(on_a_phone):
    problems = sorted(p for check in on_a_phone.values() for p in check.problems)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


def test_figure_labels_are_at_least_12px_on_a_phone_on_every_card(on_a_phone):
    small = {}
    for card_id in CARD_IDS:
        sizes = on_a_phone[f"exercises/{card_id}.html"].probe
        assert sizes, f"{card_id}: no figure label on its page"
        if min(sizes) < 12:
            small[card_id] = round(min(sizes), 1)
    assert not small, f"labels under 12 px at 375 px: {small}"


def test_one_page_of_each_kind_is_accessible_standalone_and_clean_on_a_desktop(base_url, site):
    assert all((site / path).is_file() for path in DESKTOP_SAMPLE.values()), "a sampled page no longer exists"
    problems = check_pages(base_url, list(DESKTOP_SAMPLE.values()), 1280)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


DARK_SAMPLE = [
    "index.html",
    "red-flags.html",
    "symptom-checker.html",
    "exercises/index.html",
    "exercises/calf-raise-double.html",
    "programs/calf-strain-rehab.html",
    "my-plan.html",
    "glossary.html",
]


def test_dark_scheme_is_accessible(base_url):
    """The slate (dark) scheme that follows the reader's system setting passes axe too."""
    problems = check_pages(base_url, DARK_SAMPLE, 1280, scheme="dark")
    assert not problems, "\n".join(problems)
