"""Every page is accessible, standalone and clean in Debian's Chromium: axe (WCAG 2.2 AA and best practice), no
outside request, no console error, no sideways scroll on a phone; every page at phone width, one page of each kind at
desktop width and in the dark scheme.

Each page is checked once per width (tests/browser.py check_pages: two tabs of one Chromium, axe reporting
violations only). A module of its own, so `make test`'s two workers (--dist loadfile) share the browser work.
"""

from __future__ import annotations

import pytest

from browser import check_pages
from helpers import html_pages

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Every page at phone width; at desktop width one page of each template or kind.
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


def test_every_page_is_accessible_standalone_and_clean_on_a_phone(base_url, site):
    pages = [p.relative_to(site).as_posix() for p in html_pages(site)]
    assert len(pages) > 40
    problems = check_pages(base_url, pages, 375)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


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
