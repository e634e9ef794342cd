"""Pain rules: one rule per tissue in content/pain_rules.yml, and no page types a pain threshold of its own.

A score such as "3 out of 10", "3/10" or "0 to 3" may appear only inside a rendered pain rule box
(an element with data-pain-rule); cards and programmes name a rule by id, and a wrong id is rejected.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from helpers import ROOT, content_errors, html_pages
from macros.content.load import load_content
from macros.content.references import PageCitations
from macros.pages.renderers import MacroError, pain_rule

# A pain score threshold. "0 to 10" and "10 out of 10" are the ends of the scale itself, not thresholds.
SCORE = re.compile(r"\b(?!10\b)\d+(?:\.\d+)?\s+out\s+of\s+10\b|\b(?!10/)\d+(?:\.\d+)?/10\b")
# "0 to 4" is a pain threshold only next to words about pain (not, say, a grading "from 0 to 4 by MRI extent").
RANGE = re.compile(r"\b0\s+to\s+(?!10\b)\d+\b")
PAIN_WORDS = re.compile(r"\b(pain|painful|sore|soreness|ache|hurts?|discomfort)\b", re.I)
# An effort score ("about 3 out of 10 effort", "an effort of about 3 out of 10") grades how hard you push.
EFFORT = re.compile(r"\beffort\s+of\s+(about\s+)?$|^\s*effort\b", re.I)


class _Loose(HTMLParser):
    """Text outside any [data-pain-rule] element, skipping scripts and styles."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "col", "area", "base", "embed", "track"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.loose: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        inside = "data-pain-rule" in dict(attrs) or tag in ("script", "style")
        self.stack.append((tag, inside or any(flag for _, flag in self.stack)))

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not (self.stack and self.stack[-1][1]):
            self.loose.append(data)


def stray_thresholds(html: str) -> list[str]:
    """Every pain threshold written outside a pain rule box, with a little context."""
    parser = _Loose()
    parser.feed(html)
    text = " ".join(" ".join(parser.loose).split())
    found = []
    for match in [*SCORE.finditer(text), *RANGE.finditer(text)]:
        if EFFORT.search(text[max(0, match.start() - 20) : match.start()]) or EFFORT.search(
            text[match.end() : match.end() + 8]
        ):
            continue
        # The sentence before counts too: "Score your pain from 0 to 10. Keep it at 0 to 2 at first."
        start = max(text.rfind(". ", 0, max(text.rfind(". ", 0, match.start()), 0)), 0)
        end = text.find(". ", match.end())
        if match.re is RANGE and not PAIN_WORDS.search(text[start : end if end != -1 else len(text)]):
            continue
        found.append(f"…{text[max(0, match.start() - 60) : match.end() + 20]}…")
    return found


def test_two_rules_one_per_tissue_with_their_numbers():
    rules = {rid: item.data for rid, item in load_content(ROOT / "content").pain_rules.items()}
    assert set(rules) == {"muscle", "tendon"}
    assert (rules["muscle"]["during"], rules["muscle"]["evidence_type"]) == (3, "expert-opinion")
    assert (rules["tendon"]["during"], rules["tendon"]["evidence_type"]) == (5, "trial")
    assert {"hickey-2020", "green-2022"} <= set(rules["muscle"]["evidence"])
    assert "silbernagel-2007" in rules["tendon"]["evidence"]


def test_card_and_programme_schemas_offer_exactly_the_rule_ids():
    ids = set(load_content(ROOT / "content").pain_rules)
    for name in ("exercise", "program"):
        schema = json.loads((ROOT / "content" / "schemas" / f"{name}.schema.json").read_text())
        assert set(schema["properties"]["pain_rule"]["enum"]) == ids, name


@pytest.mark.parametrize(
    "html, strays",
    [
        ("<p>Keep pain at 3 out of 10 or less.</p>", 1),
        ("<p>Score your pain. Keep it at 0 to 2 when you move, and under 4/10 later.</p>", 2),
        ('<aside data-pain-rule="muscle"><p>Up to <b>3 out of 10</b>.</p></aside>', 0),
        ("<p>Score your pain from 0 to 10; 10 out of 10 is the worst.</p>", 0),
        ("<p>Start with about 3 out of 10 effort.</p>", 0),
        ("<p>Mild effort and some ache are fine, up to 3 out of 10.</p>", 1),
        ("<p>Grading of muscle injuries from 0 to 4 by MRI extent.</p>", 0),
        ("<script>var a = '3 out of 10';</script>", 0),
    ],
)
def test_the_detector_finds_thresholds_only_outside_a_rule_box(html, strays):
    assert len(stray_thresholds(html)) == strays, stray_thresholds(html)


@pytest.mark.build
def test_no_page_types_a_pain_threshold_outside_a_rule_box(site):
    found = [
        f"{page.relative_to(site)}: {stray}"
        for page in html_pages(site)
        for stray in stray_thresholds(page.read_text(encoding="utf-8"))
    ]
    assert not found, (
        'pain thresholds typed outside a pain_rule box (use {{ pain_rule("muscle") }} or the card\'s '
        "pain_rule id):\n" + "\n".join(found)
    )


@pytest.mark.build
def test_cards_and_programmes_show_their_rule_from_the_data(site):
    content = load_content(ROOT / "content")
    pages = [(site / "exercises" / f"{cid}.html", card.data["pain_rule"]) for cid, card in content.cards.items()]
    pages += [
        (site / "programs" / f"{pid}.html", program.data["pain_rule"]) for pid, program in content.programs.items()
    ]
    for path, rule_id in pages:
        html = path.read_text(encoding="utf-8")
        during = content.pain_rules[rule_id].data["during"]
        box = re.search(
            rf'<aside [^>]*data-pain-rule="{rule_id}" data-during="{during}"[^>]*>(.*?)</aside>', html, re.S
        )
        assert box, f"{path.name}: no pain rule box for '{rule_id}' with its number {during}"
        assert f"<strong>During exercise:</strong> up to {during} out of 10." in box.group(1), path.name
        assert 'href="#ref-' in box.group(1), f"{path.name}: the rule's sources are not cited"


@pytest.mark.build
def test_guide_pages_show_the_rule_boxes(site):
    for rel, rule_id in [
        ("treat/pain-monitoring.html", "muscle"),
        ("treat/pain-monitoring.html", "tendon"),
        ("return-to-running.html", "muscle"),
        ("running/barefoot.html", "muscle"),
    ]:
        assert f'data-pain-rule="{rule_id}"' in (site / rel).read_text(encoding="utf-8"), (rel, rule_id)


@pytest.mark.parametrize("folder, name", [("exercises", "calf-raise-double"), ("programs", "achilles-loading")])
def test_an_unknown_rule_id_is_rejected_naming_file_line_field_and_fix(content_copy, folder, name):
    path = content_copy / folder / f"{name}.yml"
    text = path.read_text()
    assert re.search(r"^pain_rule: \w+$", text, re.M)
    path.write_text(re.sub(r"^pain_rule: \w+$", "pain_rule: tendn", text, count=1, flags=re.M))
    message = content_errors(content_copy)
    assert re.search(
        rf"content/{folder}/{name}\.yml:\d+: field 'pain_rule': 'tendn' is not one of the allowed "
        r"values\. Fix: Use one of: muscle, tendon\. Did you mean 'tendon'\?",
        message,
    ), message


def test_a_summary_that_states_another_number_is_rejected(content_copy):
    path = content_copy / "pain_rules.yml"
    text = path.read_text()
    assert "  during: 5\n" in text
    path.write_text(text.replace("  during: 5\n", "  during: 4\n", 1))
    message = content_errors(content_copy)
    assert re.search(
        r"content/pain_rules\.yml:\d+: field 'tendon\.summary': the summary does not state the rule's "
        r"number '4 out of 10'\. Fix:",
        message,
    ), message


def test_an_unknown_rule_in_a_page_names_the_page_and_the_fix():
    content = load_content(ROOT / "content")
    with pytest.raises(
        MacroError,
        match=r"content/x\.md: pain_rule\('tendn'\): no such pain rule\. Fix: use an id "
        r"from content/pain_rules\.yml \(did you mean tendon\?\)\.",
    ):
        pain_rule(content, PageCitations(), "tendn", "content/x.md")
