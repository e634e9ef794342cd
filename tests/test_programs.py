"""Programs: four valid programs, card references resolve, bad programs are rejected naming the file, pages show the weeks."""

from __future__ import annotations


import pytest

from conftest import ROOT
from macros.content import load_content
from macros.errors import ContentErrors

REQUIRED = {"calf-strain-rehab", "achilles-loading", "walk-run-return", "minimalist-transition"}


def test_the_four_programs_exist_with_criteria_and_citations():
    programs = load_content(ROOT / "content").programs
    assert REQUIRED <= set(programs)
    for program in programs.values():
        assert program.data["evidence"]
        for stage in program.data["stages"]:
            assert stage["move_on_when"] and stage["exercises"]


def test_every_program_card_reference_resolves():
    content = load_content(ROOT / "content")
    for program in content.programs.values():
        for stage in program.data["stages"]:
            for entry in stage["exercises"]:
                assert entry["card"] in content.cards, f"{program.id}: {entry['card']}"


@pytest.mark.parametrize("old, new, expected", [
    ("card: calf-raise-seated", "card: moon-walk", ["unknown card 'moon-walk'", "stages[0].exercises"]),
    ("weeks: \"1\"", "weeks: first", ["weeks"]),
    ("evidence: [", "evidence: [nobody-1900, ", ["unknown reference 'nobody-1900'"]),
])
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


def test_program_pages_show_a_week_by_week_table_with_card_links(site):
    content = load_content(ROOT / "content")
    for program_id, program in content.programs.items():
        html = (site / "programs" / f"{program_id}.html").read_text()
        assert '<table class="calf-program">' in html
        for stage in program.data["stages"]:
            assert f"Week {stage['weeks']}</th>" in html
            for entry in stage["exercises"]:
                assert f'href="../exercises/{entry["card"]}.html"' in html
    index = (site / "programs" / "index.html").read_text()
    assert all(f'href="{pid}.html"' in index for pid in REQUIRED)


def test_minimalist_programme_is_no_faster_than_the_barefoot_page():
    """F21: each stage of the programme gives the page's share of running in minimal shoes for the same weeks."""
    import re
    page = (ROOT / "content" / "running" / "barefoot.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d+) to (\d+) \| (\d+ to \d+%) \|", page, flags=re.M)
    assert rows, "the page's transition table was found"
    stages = {s["weeks"]: " ".join(s["goal"].split())
              for s in load_content(ROOT / "content").programs["minimalist-transition"].data["stages"]}
    for first, last, share in rows:
        assert f"{first}-{last}" in stages, f"weeks {first}-{last} of the page have no stage"
        assert share in stages[f"{first}-{last}"], f"weeks {first}-{last}: the page says {share}"
    assert max(int(w.split("-")[-1]) for w in stages) == 12 and "50%" in stages["9-12"]


def test_walk_run_programme_matches_the_page_table_and_move_on_rule():
    """F20a: the walk-run stages repeat 5 times, as on the page, and each step is done twice before moving on."""
    program = load_content(ROOT / "content").programs["walk-run-return"].data
    page = (ROOT / "content" / "return-to-running.md").read_text(encoding="utf-8")
    for walk in (4, 3, 2, 1):
        assert f"Walk {walk} minute{'s' if walk > 1 else ''}, run {5 - walk} minute{'s' if walk < 4 else ''}, 5 times" in page
        stage = next(s for s in program["stages"] if s["name"].startswith("Step") and f"walk {walk}," in s["name"])
        assert stage["exercises"][0]["sets"] == 5, stage["name"]
    assert "done it twice" in page
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
