"""The wording fixes of the clinical review stay fixed: unsafe phrases never return, and required safety statements
stay on their pages. Checked on the built HTML, with the text as a reader sees it."""

from __future__ import annotations

import re

import pytest

from conftest import html_pages

pytestmark = pytest.mark.build

# Each phrase made a reader wait or misread a sign; the review finding that removed it.
UNSAFE = {
    "with skin that looks red or darker than the other leg": "F1: a clot needs no colour change",
    "does not ease with rest": "F7: clot pain often eases at rest",
    "mainly if you had an operation": "F6: many clots have other or no risk factors",
    "and now you cannot stand on tiptoe": "F5: a pop alone is enough",
    "get help today if your foot turns cold": "F2: a suddenly cold foot is an emergency",
    "exertional compartment syndrome is not an emergency.": "F11a: it needs its safety net",
    "needs a doctor soon": "F8: fever with spreading redness needs a doctor today",
    "keep walking as much as you can": "F25: relative rest in the first days",
    "you are older": "F49: give the age",
    "scans with the foot pushed down": "F50: ambiguous",
    "your calf has lost strength": "diagnosis-like wording",
    "swollen, warm and red": "F1: swelling or warmth alone is enough; a clot needs no colour change",
}

# (page, phrase that must be there, why)
REQUIRED = [
    ("red-flags.html", "especially if", "F6: the risk list is not a gate"),
    ("red-flags.html", "maternity unit", "F6: pregnancy and after birth"),
    ("red-flags-injuries.html", "even if you can still walk", "F5: rupture with walking"),
    ("red-flags-injuries.html", "thompson", "F5: name the calf squeeze test"),
    ("red-flags-injuries.html", "if the pain does not settle after you stop", "F11a: exertional safety net"),
    ("red-flags.html", "written for adults", "F13: scope"),
    ("index.html", "written for adults", "F13: scope"),
    ("treat/first-days.html", "poor circulation", "F19: compression, ice and heat"),
    ("treat/first-days.html", "reduced feeling", "F19: compression, ice and heat"),
    ("treat/first-days.html", "with or without a colour change", "F1: clot signs"),
]


def _text(path) -> str:
    html = path.read_text()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split()).lower()


def test_unsafe_wordings_from_the_review_are_gone(site):
    found = []
    for page in html_pages(site):
        text = _text(page)
        found += [f"{page.relative_to(site)}: '{phrase}' ({why})" for phrase, why in UNSAFE.items() if phrase in text]
    assert not found, "\n".join(found)


def test_safety_statements_are_on_their_pages(site):
    missing = [f"{page}: '{phrase}' ({why})" for page, phrase, why in REQUIRED if phrase not in _text(site / page)]
    assert not missing, "\n".join(missing)
