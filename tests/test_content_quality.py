"""Content quality on the built site: every topic present and cited, plain reading level, review dates, no old errors."""

from __future__ import annotations

import datetime as dt
import re
import statistics
from pathlib import Path

import pytest
import textstat
import yaml

from helpers import ROOT, html_pages
from macros.content import load_content
from macros.review import read_front_matter, review_errors
from site_html import prose

TOPICS = yaml.safe_load((ROOT / "tests" / "topics.yml").read_text())
EXCLUDED_FROM_GRADE = {"references.html", "glossary.html", "404.html"}
# Listing pages repeat card summaries; the cards they list carry the citations on their own pages.
LISTINGS = {"exercises/index.html", "my-plan.html", "programs/index.html"}
HEADING = re.compile(r"<h([1-6])[^>]*>")


def _section(html: str, heading_id: str) -> str:
    """HTML from the heading with this id up to the next heading of the same or a higher level."""
    match = re.search(rf'<h([1-6])[^>]*id="{re.escape(heading_id)}"', html)
    assert match, f"heading #{heading_id} missing"
    level = int(match.group(1))
    for nxt in HEADING.finditer(html, match.end()):
        if int(nxt.group(1)) <= level:
            return html[match.start():nxt.start()]
    return html[match.start():html.find("</article>", match.end())]


@pytest.mark.parametrize("topic", TOPICS, ids=[t["topic"] for t in TOPICS])
def test_topic_is_present_long_enough_and_cited(site, tmp_path, topic):
    html = (site / topic["page"]).read_text()
    section = _section(html, topic["id"])
    piece = tmp_path / "section.html"
    piece.write_text(f"<article>{section}</article>")
    words = len(prose(piece).split())
    cites = section.count('class="calf-cite"')
    assert words >= topic["words"], f"{topic['topic']}: {words} words < {topic['words']}"
    assert cites >= topic["cites"], f"{topic['topic']}: {cites} citations < {topic['cites']}"


def test_reading_grade(site):
    grades = {}
    for page in html_pages(site):
        rel = page.relative_to(site).as_posix()
        if rel in EXCLUDED_FROM_GRADE:
            continue
        grades[rel] = textstat.flesch_kincaid_grade(prose(page))
    report = "\n".join(f"  {grade:5.1f}  {rel}" for rel, grade in sorted(grades.items(), key=lambda kv: -kv[1]))
    print(f"\nFlesch-Kincaid grade per page (median {statistics.median(grades.values()):.1f}):\n{report}")
    assert statistics.median(grades.values()) <= 7, report
    assert max(grades.values()) <= 9, report


def test_long_pages_cite_sources(site):
    for page in html_pages(site):
        rel = page.relative_to(site).as_posix()
        if rel in EXCLUDED_FROM_GRADE | LISTINGS:
            continue
        words = len(prose(page).split())
        if words >= 300:
            assert 'class="calf-cite"' in page.read_text() or 'class="calf-references"' in page.read_text(), \
                f"{rel}: {words} words and no citation"


def _front_matter(path: Path) -> dict:
    meta = read_front_matter(path)
    assert meta, f"{path}: no front matter"
    return meta


def test_every_page_has_valid_review_front_matter():
    today = dt.date.today()
    people = load_content(ROOT / "content").people
    for page in (ROOT / "content").rglob("*.md"):
        meta = _front_matter(page)
        assert not review_errors(meta, str(page), today, people), review_errors(meta, str(page), today, people)


def test_every_built_page_shows_review_dates_disclaimer_and_links(site):
    for page in html_pages(site):
        if page.name == "404.html":
            continue
        html = page.read_text()
        for text in ("Last reviewed:", "Next review due:", "cannot diagnose you", "Edit this page",
                     "Report a problem with this page"):
            assert text in html, f"{page.relative_to(site)}: missing {text!r}"


# The original article's two errors, in the forms they could come back in.
WRONG = [
    re.compile(r"plantar fascia[^.]{0,80}(joins|connects|attaches|links)[^.]{0,40}(calf|achilles)", re.I),
    re.compile(r"(calf|achilles)[^.]{0,40}(joined|connected|attached) (to|by)[^.]{0,30}plantar fascia", re.I),
    re.compile(r"barefoot[^.]{0,80}(reduc|lower|less)\w*[^.]{0,30}(stress|load|strain|work)[^.]{0,30}(calf|calves|achilles)", re.I),
]


def test_no_page_repeats_the_original_errors(site):
    for page in html_pages(site):
        text = prose(page)
        for pattern in WRONG:
            match = pattern.search(text)
            assert not match, f"{page.relative_to(site)}: repeats an old error: {match.group(0)!r}"


def test_corrections_are_stated(site):
    anatomy = prose(site / "assess" / "where-it-hurts.html").lower()
    # A word boundary: "soleus" contains "sole".
    assert re.search(r"plantar fascia[^.]*\bsole\b", anatomy), "the plantar fascia is placed on the sole of the foot"
    assert "heel bone" in anatomy
    barefoot = prose(site / "running" / "barefoot.html").lower()
    more = r"(more|increase|extra|harder)"
    assert re.search(rf"{more}[^.]{{0,60}}(calf|achilles)|(calf|achilles)[^.]{{0,60}}{more}", barefoot)
