"""Care cards: one call to action, at most five signs, the level in text for screen readers, never colour alone."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import ROOT
from macros.content import load_content
from macros.errors import ContentErrors

NUMBERS = "your local emergency number (999 in the UK, 911 in the US, 112 in the EU)"


def test_every_level_exists_and_emergency_cards_name_the_numbers():
    cards = load_content(ROOT / "content").care_cards
    assert {c.data["level"] for c in cards.values()} == {"emergency", "urgent", "clinician", "self-care"}
    for card in cards.values():
        assert 1 <= len(card.data["signs"]) <= 5
        if card.data["level"] == "emergency":
            assert NUMBERS in card.data["action"].lower().replace("call ", "", 1) or NUMBERS in card.data["action"]


def test_too_many_signs_is_rejected(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    path = tmp_path / "content" / "care_cards.yml"
    text = path.read_text()
    first_signs = text.index("  signs:\n") + len("  signs:\n")
    path.write_text(text[:first_signs] + "    - Extra sign one\n" * 6 + text[first_signs:])
    with pytest.raises(ContentErrors) as caught:
        load_content(tmp_path / "content")
    assert re.search(r"content/care_cards\.yml:\d+: field '[a-z0-9-]+\.signs'", str(caught.value))


def test_rendered_card_announces_its_level_in_text(site):
    html = (site / "red-flags.html").read_text()
    cards = re.findall(r'<section class="calf-care calf-care--([a-z-]+)" aria-labelledby="(care-[a-z0-9-]+)">(.*?)</section>',
                       html, re.S)
    assert cards
    labels = {"emergency": "Emergency", "urgent": "Urgent", "clinician": "See a clinician", "self-care": "Self-care"}
    for level, heading_id, body in cards:
        # The level is spoken inside the heading and shown as a word and an icon, not only as a colour.
        assert f'<span class="calf-visually-hidden">{labels[level]}. </span>' in body
        assert f"<strong>{labels[level]}:</strong>" in body and 'class="calf-care__icon"' in body
        assert len(re.findall(r"<li>", body)) <= 5


def test_red_flags_are_prominent_on_home_assess_and_treat_pages(site):
    for page in ("index.html", "assess/where-it-hurts.html", "assess/how-severe.html", "treat/first-days.html"):
        html = (site / page).read_text()
        article = html[html.index("<article"):]
        first_h2 = article.find("<h2")
        early = article[: first_h2 if first_h2 > 0 else 4000]
        second_h2 = article.find("<h2", first_h2 + 1)
        early_or_first_section = article[: second_h2 if second_h2 > 0 else len(article)]
        assert ("calf-care--emergency" in early_or_first_section or "red-flags.html" in early), page
