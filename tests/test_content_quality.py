"""Content quality on the built site.

Every topic present and cited, a plain reading level, review dates, and no old errors.
"""

from __future__ import annotations

import re
import statistics

import pytest
import textstat
import yaml
from checker_html import MAX_STEPS, parse_checker

from helpers import ROOT, copy_project, html_pages, run_check
from macros.pipeline.siteconfig import load_config
from site_html import checker_prose, paragraphs, prose

TOPICS = yaml.safe_load((ROOT / "tests" / "topics.yml").read_text())
# Records and lists, not explanations: the reference list, the glossary, the 404 page and the review record.
EXCLUDED_FROM_GRADE = {
    "references.html",
    "glossary.html",
    "404.html",
    "about/changes.html",
    "about/changes-2026-11.html",
    "about/changes-2026-12-content.html",
    "about/hazard-log.html",
    "about/hazard-log-design.html",
}
# Listing pages repeat card summaries; the cards they list carry the citations on their own pages.
LISTINGS = {"exercises/index.html", "my-plan.html", "programs/index.html"}
# How to download and open the guide: no health claim to cite (the content standard cites clinical claims only).
NOT_CLINICAL = {"offline.html"}
HEADING = re.compile(r"<h([1-6])[^>]*>")


def _section(html: str, heading_id: str) -> str:
    """HTML from the heading with this id up to the next heading of the same or a higher level."""
    match = re.search(rf'<h([1-6])[^>]*id="{re.escape(heading_id)}"', html)
    assert match, f"heading #{heading_id} missing"
    level = int(match.group(1))
    for nxt in HEADING.finditer(html, match.end()):
        if int(nxt.group(1)) <= level:
            return html[match.start() : nxt.start()]
    return html[match.start() : html.find("</article>", match.end())]


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


# The band the content standard sets for explanations: a median Flesch-Kincaid grade of 5 to 7 over the guide pages,
# none above 9, and 12 to 16 words a sentence on average. Exercise-card and programme pages are instructions, where
# short steps are the point ("short sentences belong in instructions, not explanations"): they keep the upper
# bound only. Sentence length is measured on explanatory paragraphs, not on list items, table cells or components.
GRADE_BAND, GRADE_MAX, WORDS_BAND = (5.0, 7.0), 9.0, (12.0, 16.0)
INSTRUCTIONS = ("exercises/", "programs/")


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if len(s.split()) >= 1]


def test_reading_level_is_in_the_band(site):
    """Guide pages read at grade 5-7 (median) with 12-16 words a sentence, none above grade 9; instructions <= 9."""
    guide, instructions, sentences = {}, {}, []
    for page in html_pages(site):
        rel = page.relative_to(site).as_posix()
        if rel in EXCLUDED_FROM_GRADE:
            continue
        text = prose(page)
        words = [len(s.split()) for s in _sentences(paragraphs(page))] or [0]
        figures = (textstat.flesch_kincaid_grade(text), statistics.mean(words))
        if rel.startswith(INSTRUCTIONS) and rel not in LISTINGS:
            instructions[rel] = figures
        else:
            guide[rel] = figures
            sentences += words
    report = "\n".join(
        f"  {grade:5.1f}  {mean:5.1f} words  {rel}"
        for rel, (grade, mean) in sorted({**guide, **instructions}.items(), key=lambda kv: -kv[1][0])
    )
    median = statistics.median(grade for grade, _ in guide.values())
    mean_words = statistics.mean(sentences)
    print(
        f"\nFlesch-Kincaid grade and mean sentence length per page; guide pages: median grade {median:.1f}, "
        f"{mean_words:.1f} words a sentence:\n{report}"
    )
    assert GRADE_BAND[0] <= median <= GRADE_BAND[1], f"median grade {median:.1f} outside {GRADE_BAND}\n{report}"
    assert WORDS_BAND[0] <= mean_words <= WORDS_BAND[1], f"{mean_words:.1f} words a sentence outside {WORDS_BAND}"
    too_hard = {rel: grade for rel, (grade, _) in {**guide, **instructions}.items() if grade > GRADE_MAX}
    assert not too_hard, f"pages above grade {GRADE_MAX}: {too_hard}"


# The clinical pages, named once: the 15 pages the December 2026 clinical review measured for its finding m19
# (appendix A), then the three pages later split off the red-flags page. Their median grade must sit in the band on
# its own, without the About, listing and tool pages that pull the guide-wide median into it. The measure is the
# reviewer's: Flesch-Kincaid grade (textstat 0.7.8) of prose(), the page's visible article text without the
# navigation, the page frame, citation numbers and source lists.
CLINICAL_PAGES = (
    "index.html",
    "red-flags.html",
    "see-a-clinician.html",
    "symptom-checker.html",
    "assess/where-it-hurts.html",
    "assess/how-severe.html",
    "assess/cramps-and-night-pain.html",
    "treat/first-days.html",
    "treat/pain-monitoring.html",
    "return-to-running.html",
    "everyday-strength.html",
    "prevent.html",
    "running/warm-up.html",
    "running/technique.html",
    "running/barefoot.html",
    "red-flags-injuries.html",
    "other-causes.html",
    "children.html",
)
REVIEWED_IN_M19 = CLINICAL_PAGES[:15]


def test_clinical_pages_are_in_the_reading_band_on_their_own(site):
    grades = {rel: textstat.flesch_kincaid_grade(prose(site / rel)) for rel in CLINICAL_PAGES}
    report = "\n".join(f"  {grade:4.1f}  {rel}" for rel, grade in sorted(grades.items(), key=lambda kv: kv[1]))
    for name, pages in (("clinical pages", CLINICAL_PAGES), ("pages the review measured (m19)", REVIEWED_IN_M19)):
        median = statistics.median(grades[rel] for rel in pages)
        print(f"\n{name}: median grade {median:.2f}")
        assert GRADE_BAND[0] <= median <= GRADE_BAND[1], (
            f"{name}: median grade {median:.1f} outside {GRADE_BAND}\n{report}"
        )


def test_long_pages_cite_sources(site):
    for page in html_pages(site):
        rel = page.relative_to(site).as_posix()
        if rel in EXCLUDED_FROM_GRADE | LISTINGS | NOT_CLINICAL:
            continue
        words = len(prose(page).split())
        if words >= 300:
            assert 'class="calf-cite"' in page.read_text() or 'class="calf-references"' in page.read_text(), (
                f"{rel}: {words} words and no citation"
            )


# Each review problem in a page of its own, so one `make check` of one copy reports all three (errors are collected).
REVIEW_PROBLEMS = [
    ("treat/pain-monitoring.md", "reviewed: 2026-11-25\n", "", "field 'reviewed': this required field is missing"),
    ("everyday-strength.md", "next_review: 2027-11-25", "next_review: soon", "YYYY-MM-DD"),
    ("glossary.md", "authors: [maintainers]", "authors: [nobody]", "'nobody'"),
]


@pytest.fixture(scope="module")
def review_check(tmp_path_factory) -> str:
    """make check's output on one copy of the project with every REVIEW_PROBLEMS change made."""
    project = copy_project(tmp_path_factory.mktemp("review-problems") / "project")
    for rel, old, new, _ in REVIEW_PROBLEMS:
        page = project / "content" / rel
        text = page.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        page.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = run_check(project)
    assert result.returncode != 0, result.stdout + result.stderr
    return result.stdout + result.stderr


@pytest.mark.build
@pytest.mark.parametrize("rel, old, new, expected", REVIEW_PROBLEMS)
def test_a_page_review_problem_fails_make_check_naming_the_page(review_check, rel, old, new, expected):
    """make check reads every page's review front matter (macros/content/review.py): a bad page fails it, named."""
    named = [line for line in review_check.splitlines() if f"content/{rel}" in line]
    assert any(expected in line for line in named), review_check


def test_every_built_page_shows_review_dates_disclaimer_and_links(site):
    """The frame on every page; its 'Edit this page' link opens the page's own source file in content/."""
    config = load_config(ROOT)
    for page in html_pages(site):
        if page.name == "404.html":
            continue
        html = page.read_text()
        for text in (
            "Last reviewed:",
            "Next review due:",
            "cannot diagnose you",
            "Edit this page",
            "Report a problem with this page",
        ):
            assert text in html, f"{page.relative_to(site)}: missing {text!r}"
        rel = page.relative_to(site).with_suffix("").as_posix()
        source = next(f"{rel}{ext}" for ext in (".md", ".yml") if (ROOT / "content" / f"{rel}{ext}").is_file())
        edit = re.findall(r'<a href="([^"]*)">Edit this page</a>', html)
        assert edit == [config.edit_url(source)], f"{page.relative_to(site)}: 'Edit this page' links to {edit}"


# The original article's two errors, in the forms they could come back in.
WRONG = [
    re.compile(r"plantar fascia[^.]{0,80}(joins|connects|attaches|links)[^.]{0,40}(calf|achilles)", re.I),
    re.compile(r"(calf|achilles)[^.]{0,40}(joined|connected|attached) (to|by)[^.]{0,30}plantar fascia", re.I),
    re.compile(
        r"barefoot[^.]{0,80}(reduc|lower|less)\w*[^.]{0,30}(stress|load|strain|work)[^.]{0,30}(calf|calves|achilles)",
        re.I,
    ),
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


# A reader on a phone should be able to finish a page: none longer than about 2,500 words of prose.
MAX_PAGE_WORDS = 2500
# The symptom checker is the one page nobody reads top to bottom. With JavaScript it shows one question or result at a
# time and hides the rest; without JavaScript each answer is a link that jumps to the next question. Its page text
# is about 7,000 words, and almost all of it (about 6,800) is the tree's own questions and results from
# content/triage.yml, which were validated word for word by the reading walk and the vignette suite, so they are not
# cut to fit. What a phone reader can meet on it is one walk: the text around the tree, the questions on one route
# from the first question, and that route's result. So for this page the limit applies to its wordiest walk, and a
# separate bound on the whole page's text stops the tree growing unnoticed (raise it only with a reading walk).
CHECKER = "symptom-checker.html"
MAX_CHECKER_PAGE_WORDS = 8000


def _wordiest_walk(site) -> tuple[int, list[str]]:
    """Words of the text around the tree plus the wordiest route through it (questions, then one result)."""
    page = site / CHECKER
    around, nodes = checker_prose(page)
    checker = parse_checker(page.read_text(encoding="utf-8"))
    words = {node: len(text.split()) for node, text in nodes.items()}

    def longest(node: str, seen: tuple[str, ...]) -> tuple[int, list[str]]:
        assert node not in seen and len(seen) < MAX_STEPS, f"{CHECKER}: the tree loops at {node}"
        if node in checker.outcomes:
            return words[node], [node]
        best = max((longest(a.next, (*seen, node)) for a in checker.questions[node]), key=lambda walk: walk[0])
        return words[node] + best[0], [node, *best[1]]

    total, route = longest(checker.start, ())
    return len(around.split()) + total, route


def test_no_page_is_longer_than_a_phone_reader_can_finish(site):
    too_long = [
        f"{rel}: {words} words"
        for page in html_pages(site)
        if (rel := page.relative_to(site).as_posix()) != CHECKER
        and (words := len(prose(page).split())) > MAX_PAGE_WORDS
    ]
    assert not too_long, f"pages over {MAX_PAGE_WORDS} words (split them by topic):\n" + "\n".join(too_long)


def test_the_checker_s_longest_walk_is_short_enough_to_finish(site):
    walk, route = _wordiest_walk(site)
    print(f"\n{CHECKER}: wordiest walk {walk} words: {' > '.join(route)}")
    assert walk <= MAX_PAGE_WORDS, f"{CHECKER}: the wordiest walk is {walk} words, over {MAX_PAGE_WORDS}: {route}"
    whole = len(prose(site / CHECKER).split())
    assert whole <= MAX_CHECKER_PAGE_WORDS, (
        f"{CHECKER}: {whole} words in all, over {MAX_CHECKER_PAGE_WORDS}: shorten the tree or walk it again"
    )
