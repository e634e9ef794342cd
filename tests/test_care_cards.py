"""Care cards: the one urgency model. Each sign has one level everywhere, checker results take their level from a
card, pages state levels only through the card macros, and the level is in text, never colour alone."""

from __future__ import annotations

import re
from collections import defaultdict
from html.parser import HTMLParser

import pytest

from conftest import ROOT, content_errors, html_pages
from macros.content.care_cards import sign_key
from macros.content.load import load_content
from macros.pipeline.staged import page_files

LABELS = {"emergency": "Emergency", "urgent": "Urgent", "clinician": "See a clinician", "self-care": "Self-care"}
# Phrases that state how fast to get care. On guide pages they may appear only inside an element rendered from the
# urgency model (data-level: a care card, a checker result, an urgency() span, the urgency table).
LEVEL_PHRASES = re.compile(
    r"emergency number|call 999|call 911|call 112|emergency department|see a doctor today|"
    r"same day|same-day|get care today|book an appointment|urgent treatment centre",
    re.I,
)
# The one level statement that names no sign: "In an emergency, call your local emergency number (...)".
GENERIC_EMERGENCY = re.compile(r"in an emergency, call your local\s+emergency number \([^)]*\)\.?", re.I)
# Pages that describe the levels and the checker's testing rather than giving a sign a level.
ABOUT_THE_LEVELS = {
    "about/index.html",
    "about/checker-safety.html",
    "about/changes.html",
    "about/changes-2026-11.html",
    "about/changes-2026-12-content.html",
    "about/hazard-log.html",
    "about/hazard-log-design.html",
}


class _Levels(HTMLParser):
    """Text of every element, split into what sits inside a [data-level] element (with that level) and what does not."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "col", "area", "base", "embed", "track"}

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, str | None, bool]] = []
        self.signs: list[tuple[str, str]] = []
        self.loose: list[str] = []
        self._sign: list[str] | None = None

    def _level(self):
        return next((level for _, level, _ in reversed(self.stack) if level), None)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in self.VOID:
            return
        skip = tag in ("script", "style", "nav", "header", "footer") or "calf-frame" in (a.get("class") or "")
        self.stack.append((tag, a.get("data-level"), skip or any(s for *_, s in self.stack)))
        if "data-sign" in a:
            self._sign = []

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if self._sign is not None and tag == "li":
            self.signs.append((" ".join("".join(self._sign).split()), self._level()))
            self._sign = None
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self._sign is not None:
            self._sign.append(data)
        if self.stack and not self.stack[-1][2] and self._level() is None and data.strip():
            self.loose.append(data)


def _parse(path):
    parser = _Levels()
    parser.feed(path.read_text())
    return parser


def test_every_level_has_a_card():
    cards = load_content(ROOT / "content").care_cards
    assert {c.data["level"] for c in cards.values()} == set(LABELS)


def test_an_emergency_card_without_the_numbers_is_rejected(content_copy):
    path = content_copy / "care_cards.yml"
    text = path.read_text()
    changed = text.replace(
        "  action: Call your local emergency number (999 in the UK, 911 in the US, 112 in the EU) now "
        "if you have any of these\n",
        "  action: Call for help now if you have any of these\n",
        1,
    )
    assert changed != text
    path.write_text(changed)
    message = content_errors(content_copy)
    assert re.search(
        r"content/care_cards\.yml:\d+: field 'dvt-emergency\.action': an emergency card must name the "
        r"emergency numbers\. Fix: Write 'your local emergency number \(999 in the UK",
        message,
    ), message


def test_one_sign_with_two_levels_is_rejected(content_copy):
    path = content_copy / "care_cards.yml"
    text = path.read_text()
    changed = text.replace(
        "    - Cramps that are very frequent or getting worse\n",
        "    - Cramps that are very frequent or getting worse\n    - A bone that aches at rest or at night\n",
        1,
    )
    assert changed != text
    path.write_text(changed)
    message = content_errors(content_copy)
    assert re.search(
        r"content/care_cards\.yml:\d+: field 'night-pain-clinician\.signs\[\d\]': the sign 'A bone that "
        r"aches at rest or at night' is clinician here but urgent on card 'fracture-urgent'\. Fix: A sign has one "
        r"urgency level in the whole guide: keep it on one card, or reword the one that differs so it describes a "
        r"different sign\.",
        message,
    ), message


@pytest.mark.build
def test_one_sign_has_one_level_across_the_built_site(site):
    """Every rendered sign, on any page or checker result, is shown at one level only, and at its card's level."""
    levels = defaultdict(set)
    for page in html_pages(site):
        for text, level in _parse(page).signs:
            levels[sign_key(text)].add(level)
    assert levels, "no care-card signs found in the built site"
    mixed = {sign: found for sign, found in levels.items() if len(found) != 1}
    assert not mixed, f"signs shown at more than one level: {mixed}"
    cards = load_content(ROOT / "content").care_cards
    for card in cards.values():
        for sign in card.data["signs"]:
            assert levels.get(sign_key(sign), {card.data["level"]}) == {card.data["level"]}, sign


@pytest.mark.build
def test_guide_pages_state_levels_only_through_care_cards(site):
    """A written page never types 'see a doctor today' or 'call 999' itself: it shows a card or urgency()."""
    written = {p.relative_to(ROOT / "content").with_suffix(".html").as_posix() for p in page_files(ROOT / "content")}
    found = []
    for rel in sorted(written - ABOUT_THE_LEVELS):
        article = (site / rel).read_text()
        loose = GENERIC_EMERGENCY.sub("", " ".join(_parse_article(article)))
        for match in LEVEL_PHRASES.finditer(loose):
            found.append(f"{rel}: …{loose[max(0, match.start() - 60) : match.end() + 20]}…")
    assert not found, "level phrases written by hand:\n" + "\n".join(found)


def _parse_article(html: str) -> list[str]:
    start = html.find("<article")
    parser = _Levels()
    parser.feed(html[start : html.find("</article>", start)])
    return parser.loose


@pytest.mark.build
def test_outcomes_take_their_level_from_their_care_card(site):
    content = load_content(ROOT / "content")
    html = (site / "symptom-checker.html").read_text()
    for outcome in content.triage.data["outcomes"]:
        card = content.care_cards[outcome["care_card"]].data
        assert re.search(
            rf'data-triage-outcome="{card["level"]}" data-care-card="{card["id"]}" '
            rf'data-level="{card["level"]}" id="{outcome["id"]}"',
            html,
        ), outcome["id"]


@pytest.mark.build
def test_self_care_and_clinician_results_repeat_the_safety_net(site):
    content = load_content(ROOT / "content")
    net = " ".join(content.triage.data["safety_net"].split())
    html = (site / "symptom-checker.html").read_text()
    for section in re.findall(r'<section [^>]*data-triage-outcome="([a-z-]+)"[^>]*>(.*?)</section>', html, re.S):
        level, body = section
        text = " ".join(re.sub(r"<[^>]+>", " ", body).split())
        assert (net in text) == (level in ("self-care", "clinician")), f"{level}: {text[:80]}"
        for phrase in ("dark brown pee", "cold or pale", "chest pain", "fever"):
            assert level not in ("self-care", "clinician") or phrase in text


@pytest.mark.build
def test_emergency_results_offer_tap_to_call(site):
    html = (site / "symptom-checker.html").read_text()
    sections = re.findall(r'<section [^>]*data-triage-outcome="emergency"[^>]*>(.*?)</section>', html, re.S)
    assert sections
    for body in sections:
        calls = re.findall(r'<a [^>]*href="tel:(\d+)"[^>]*>Call \1 <span[^>]*>\((UK|US|EU)\)</span></a>', body)
        assert calls == [("999", "UK"), ("911", "US"), ("112", "EU")], body[:200]


# The red flags are split by topic over these pages, so each stays short enough to finish on a phone.
RED_FLAG_PAGES = ("red-flags.html", "red-flags-injuries.html", "other-causes.html", "children.html")


@pytest.mark.build
def test_rendered_card_announces_its_level_in_text(site):
    html = "".join((site / page).read_text() for page in RED_FLAG_PAGES)
    cards = re.findall(
        r'<section class="calf-care calf-care--([a-z-]+)" data-care-card="([a-z0-9-]+)" '
        r'data-level="\1" aria-labelledby="care-\2">(.*?)</section>',
        html,
        re.S,
    )
    assert len(cards) >= 10
    for level, _, body in cards:
        # The level is spoken inside the heading and shown as a word and an icon, not only as a colour.
        assert f'<span class="calf-visually-hidden">{LABELS[level]}. </span>' in body
        assert f"<strong>{LABELS[level]}:</strong>" in body and 'class="calf-care__icon"' in body


@pytest.mark.build
def test_each_card_is_shown_in_its_own_section(site):
    """A card whose page is a red-flags section is shown inside that section, so its anchor leads to the card."""
    for card in load_content(ROOT / "content").care_cards.values():
        page, _, anchor = card.data["page"].partition("#")
        if page.replace(".md", ".html") not in RED_FLAG_PAGES:
            continue
        html = (site / page.replace(".md", ".html")).read_text()
        start = html.find(f'id="{anchor}"')
        assert start != -1, f"{card.id}: no section '{anchor}' on {page}"
        following = html.find("<h2", start + 1)
        section = html[start : following if following != -1 else len(html)]
        assert f'data-care-card="{card.id}"' in section, f"{card.id} is not shown in section #{anchor}"


@pytest.mark.build
def test_red_flags_are_prominent_on_home_assess_and_treat_pages(site):
    for page in ("index.html", "assess/where-it-hurts.html", "assess/how-severe.html", "treat/first-days.html"):
        html = (site / page).read_text()
        article = html[html.index("<article") :]
        first_h2 = article.find("<h2")
        second_h2 = article.find("<h2", first_h2 + 1)
        early = article[: second_h2 if second_h2 > 0 else len(article)]
        assert (
            "calf-care--emergency" in early or 'href="../red-flags.html' in early or 'href="red-flags.html' in early
        ), page


def test_a_sign_is_compared_without_case_punctuation_or_spacing():
    from macros.content.care_cards import sign_key

    assert sign_key("  Sudden, SHARP pain -- in the calf!  ") == "sudden sharp pain in the calf"
    assert sign_key("Calf: hot/red") == sign_key("calf hot red") == "calf hot red"
    assert sign_key("X-ray") != sign_key("Xray")


def test_a_care_card_linking_to_a_missing_page_is_rejected_and_a_page_without_a_section_is_fine(content_copy):
    path = content_copy / "care_cards.yml"
    text = path.read_text()
    first = text.index("  page: red-flags.md#blood-clot-dvt\n")  # the first card, dvt-emergency
    assert text.rindex("- id: ", 0, first) == text.index("- id: dvt-emergency")
    path.write_text(text.replace("  page: red-flags.md#blood-clot-dvt\n", "  page: no-such-page.md#x\n", 1))
    message = content_errors(content_copy)
    assert re.search(
        r"content/care_cards\.yml:\d+: field 'dvt-emergency\.page': links to the missing page 'no-such-page\.md#x'\. "
        r"Fix: Use the path of a page in content/, e.g\. red-flags\.md#blood-clot-dvt\.",
        message,
    ), message
    path.write_text(text.replace("  page: red-flags.md#blood-clot-dvt\n", "  page: red-flags.md\n", 1))
    load_content(content_copy)  # the page itself, no section: accepted
