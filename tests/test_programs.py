"""Programmes: the four exist, bad programmes are rejected naming the file, and pages show the weeks."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from conftest import ROOT
from macros.base.errors import ContentErrors
from macros.content.load import load_content

REQUIRED = {"calf-strain-rehab", "achilles-loading", "walk-run-return", "minimalist-transition"}


def test_the_four_programmes_exist():
    """The set of programmes the guide links to exists (their fields and card links are the loader's job, tested
    by the rejection cases below)."""
    assert REQUIRED <= set(load_content(ROOT / "content").programs)


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("card: calf-raise-seated", "card: moon-walk", ["unknown card 'moon-walk'", "stages[0].exercises"]),
        ('weeks: "1"', "weeks: first", ["weeks"]),
        ("evidence: [", "evidence: [nobody-1900, ", ["unknown reference 'nobody-1900'"]),
    ],
)
def test_bad_program_is_rejected_naming_the_file(content_copy, old, new, expected):
    path = content_copy / "programs" / "calf-strain-rehab.yml"
    text = path.read_text()
    assert old in text, f"fixture text {old!r} not in the program"
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(ContentErrors) as caught:
        load_content(content_copy)
    message = str(caught.value)
    assert "content/programs/calf-strain-rehab.yml" in message
    for part in expected:
        assert part in message, message


def _weeks(stage: dict) -> str:
    return f"Weeks {stage['weeks']}" if "-" in stage["weeks"] else f"Week {stage['weeks']}"


def test_program_pages_show_a_card_per_stage_and_a_print_table_with_card_links(site):
    """Each stage is a card (a list item, not a wide table) with its weeks, goal, linked exercises with their dose and
    move-on checks; print gets the same plan as one table with a tick box per exercise and check."""
    content = load_content(ROOT / "content")
    for program_id, program in content.programs.items():
        html = (site / "programs" / f"{program_id}.html").read_text()
        assert f'<div class="calf-stages" data-calf-stages="{program_id}">' in html
        assert '<table class="calf-stages__print" data-search-exclude>' in html
        cards, table = html.split('<table class="calf-stages__print"', 1)
        for n, stage in enumerate(program.data["stages"], start=1):
            card = cards.split(f'<li class="calf-stage" id="{program_id}-stage-{n}" data-stage="{n}">', 1)[1]
            card = card.split("</li>\n  <li class=", 1)[0].split("</ol>", 1)[0]
            assert f'<span class="calf-stage__weeks">{_weeks(stage)}</span>' in card, stage["name"]
            assert "<strong>Goal:</strong>" in card and "<strong>Move on when:</strong>" in card
            for entry in stage["exercises"]:
                assert f'href="../exercises/{entry["card"]}.html"' in card, (program_id, entry["card"])
                assert f"{entry['sets']} × " in card and f"{entry['times_per_week']} times a week" in card
            assert f"{_weeks(stage)}</th>" in table
        ticks = table.split("</table>", 1)[0].count('<span class="calf-tick" aria-hidden="true">☐</span>')
        stages = program.data["stages"]
        assert ticks == sum(1 + len(s["exercises"]) + len(s["move_on_when"]) for s in stages)
    index = (site / "programs" / "index.html").read_text()
    assert all(f'href="{pid}.html"' in index for pid in REQUIRED)


@pytest.mark.build
@pytest.mark.parametrize(
    "page, program_id", [("return-to-running", "walk-run-return"), ("running/barefoot", "minimalist-transition")]
)
def test_guide_pages_render_their_programme_instead_of_a_table_of_their_own(site, page, program_id):
    """F20a, F21: the page and the programme agree because the page shows the programme's own stages."""
    source = (ROOT / "content" / f"{page}.md").read_text(encoding="utf-8")
    assert f'{{{{ program_stages("{program_id}") }}}}' in source
    assert "|---" not in source, f"{page}.md types a table of its own: show the programme's stages instead"
    html = (site / f"{page}.html").read_text(encoding="utf-8")
    for n, stage in enumerate(load_content(ROOT / "content").programs[program_id].data["stages"], start=1):
        assert f'<li class="calf-stage" id="{program_id}-stage-{n}"' in html, stage["name"]
        assert f'<span class="calf-stage__weeks">{_weeks(stage)}</span>' in html, stage["name"]


def test_minimalist_programme_reaches_about_half_by_week_12():
    """F21: the cautious plan builds from 5 to 10% to about half of weekly running over 12 weeks."""
    stages = {
        s["weeks"]: " ".join(s["goal"].split())
        for s in load_content(ROOT / "content").programs["minimalist-transition"].data["stages"]
    }
    assert "5 to 10%" in stages["1-2"]
    assert max(int(w.split("-")[-1]) for w in stages) == 12 and "50%" in stages["9-12"]


def test_walk_run_steps_repeat_5_times_and_each_is_done_twice():
    """F20a: one move-on rule: each step is done twice (or 2 runs) before moving on."""
    program = load_content(ROOT / "content").programs["walk-run-return"].data
    for walk in (4, 3, 2, 1):
        stage = next(s for s in program["stages"] if s["name"].startswith("Step") and f"walk {walk}," in s["name"])
        assert stage["exercises"][0]["sets"] == 5, stage["name"]
    for stage in program["stages"][1:]:
        assert any("twice" in c or c.startswith("You have done 2 ") for c in stage["move_on_when"]), stage["name"]


def test_pogo_hops_start_when_the_card_says_in_every_programme():
    """F20c: the card's start rule (20 single-leg raises) is met by the stage before hops, or by who_for."""
    content = load_content(ROOT / "content")
    assert "20 or more single-leg calf raises" in content.cards["pogo-hops"].data["start_position"]
    for program in content.programs.values():
        stages = program.data["stages"]
        first = next((i for i, s in enumerate(stages) if any(e["card"] == "pogo-hops" for e in s["exercises"])), None)
        if first is None:
            continue
        gate = " ".join(stages[first - 1]["move_on_when"]) if first else program.data["who_for"]
        assert "20 or more single-leg" in gate or "20 single-leg" in gate, program.id


class _ReaderText(HTMLParser):
    """The words a reader sees or hears: text nodes and the alt, title and aria-label attributes, without scripts,
    styles, code, or the titles of published sources (kept as their authors wrote them)."""

    SKIP = ("script", "style", "code", "pre", "template")
    VOID = ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr")

    def __init__(self):
        super().__init__()
        self.stack: list[bool] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        source = "calf-references" in classes or "calf-cite" in classes  # a source's list entry or citation tooltip
        skipped = (self.stack and self.stack[-1]) or tag in self.SKIP or source
        if not skipped:
            self.text += [a[name] for name in ("alt", "title", "aria-label") if a.get(name)]
        if tag not in self.VOID:
            self.stack.append(bool(skipped))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.text.append(data)


# "Program" in the software sense, where the guide means a computer program, not a plan.
SOFTWARE_SENSE = ("A program answers the checker's questions",)
# Not inside quotation marks: the page on how we responded to review quotes the old spelling it fixed.
PLAN_SPELLING = re.compile(r"(?<![\"“‘'])\bprograms?\b(?![\"”’'])", re.I)


@pytest.mark.build
def test_reader_facing_text_spells_the_plan_programme(site):
    """One spelling for a plan: UK 'programme'. URLs, ids and file names (programs/) are not reader text."""
    found = []
    for page in sorted(site.rglob("*.html")):
        parser = _ReaderText()
        parser.feed(page.read_text(encoding="utf-8"))
        text = " ".join(" ".join(parser.text).split())
        for phrase in SOFTWARE_SENSE:
            text = text.replace(phrase, "")
        found += [
            f"{page.relative_to(site)}: …{text[max(0, m.start() - 40) : m.end() + 40]}…"
            for m in PLAN_SPELLING.finditer(text)
        ]
    assert not found, "write 'programme' for a plan:\n" + "\n".join(found)
