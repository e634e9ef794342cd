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
