"""The printable guide (content/print.md): its parts in print order, and on paper no navigation, buttons or other
chrome, a new sheet for each part, links with their address; and its PDF (`make pdf`, scripts/print_pdf.py), printed by
the same Chromium, has several pages and the red flags' actions and emergency numbers."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from helpers import ROOT

PARTS = ["red-flags", "first-days", "pain-rules", "how-severe", "return-to-running"]  # the order the issue asks for
# The site's chrome: none of it may print. Material's header (with search), both sidebars (the menu and the contents),
# the footer, the back-to-top button, the edit and view buttons, and our frame's edit and report links.
CHROME = [
    ".md-header",
    ".md-search",
    ".md-sidebar--primary",
    ".md-sidebar--secondary",
    ".md-footer",
    ".md-top",
    ".md-content__button",
    ".calf-frame__links",
    "button",
    "input",
]


def _care_card(card_id: str) -> dict:
    cards = yaml.safe_load((ROOT / "content" / "care_cards.yml").read_text())
    return next(card for card in cards if card["id"] == card_id)


def test_the_parts_come_in_print_order_with_the_shared_cards_and_rules(site):
    html = (site / "print.html").read_text()
    where = [html.find(f'<h2 id="{part}"') for part in PARTS]
    found = dict(zip(PARTS, where, strict=True))
    assert -1 not in where and where == sorted(where), f"parts missing or out of order: {found}"
    emergency = [c["id"] for c in yaml.safe_load((ROOT / "content" / "care_cards.yml").read_text())]
    shown = {card for card in emergency if f'data-care-card="{card}" data-level="emergency"' in html}
    assert {"dvt-emergency", "limb-blood-supply-emergency", "very-unwell-emergency"} <= shown
    assert 'data-pain-rule="muscle"' in html and 'data-pain-rule="tendon"' in html


@pytest.fixture
def printed(browser, base_url):
    page = browser.new_page()
    page.goto(base_url + "print.html")
    page.emulate_media(media="print")
    yield page
    page.close()


@pytest.mark.browser
def test_on_paper_no_chrome_prints(printed):
    shown = printed.evaluate(
        """selectors => selectors.flatMap(s => Array.from(document.querySelectorAll(s))
            .filter(el => el.checkVisibility()).map(el => s + ' ' + (el.className || el.tagName)))""",
        CHROME,
    )
    assert not shown, f"chrome that prints: {shown}"
    assert printed.locator("article h1").is_visible() and printed.locator(".calf-care").first.is_visible()


@pytest.mark.browser
def test_on_paper_each_part_starts_a_new_sheet_and_links_show_their_address(printed):
    breaks = printed.evaluate(
        """() => Array.from(document.querySelectorAll('article h2'))
            .map(h => [h.id, getComputedStyle(h).breakBefore])"""
    )
    assert breaks[0] == ["red-flags", "auto"], "the red flags follow the title on the first sheet"
    assert all(value == "page" for _, value in breaks[1:]), f"parts that do not start a new sheet: {breaks}"
    after = printed.evaluate(
        """() => Array.from(document.querySelectorAll('article p > a[href]:not([href^="#"])'))
            .map(a => [a.getAttribute('href'), getComputedStyle(a, '::after').content])"""
    )
    assert after, "the page has links in its text"
    missing = [href for href, content in after if f"({href})" not in content]
    assert not missing, f"links printed without their address: {missing}"


@pytest.mark.browser
@pytest.mark.slow
def test_make_pdf_prints_several_pages_with_the_red_flag_actions(site, tmp_path):
    """scripts/print_pdf.py as `make pdf` runs it (here into a temporary file, so the session site is not changed),
    read back by pypdf: more than one page, the emergency action and numbers, and none of the menu."""
    from pypdf import PdfReader

    from browser import chromium_or_skip

    chromium_or_skip()
    out = tmp_path / "guide.pdf"
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "print_pdf.py"), "--site", str(site), "--out", str(out)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    reader = PdfReader(out)
    assert len(reader.pages) > 1
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    action = _care_card("dvt-emergency")["action"]
    assert action in text, f"the red-flag action is missing from the PDF: {action!r}"
    assert "999" in text and "911" in text and "112" in text
    for chrome in ("Skip to content", "Cramps and night pain", "Edit this page"):
        assert chrome not in text, f"the PDF prints the site's chrome: {chrome!r}"
