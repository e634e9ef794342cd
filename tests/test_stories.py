"""The reading walk (content/safety/README.md): stories walked by a reader who saw only the page's words, and the same
stories walked by their findings tags, on the BUILT symptom checker.

No story is under-triaged by reading or by tags, over-triage is at most 15%, every recorded reading path still reaches
its result when replayed by its visible labels, and the tag walk takes the reading walk's path: where they differ, the
words and the tags disagree (a wording defect).
"""

from __future__ import annotations

import re

import pytest
from checker_html import parse_checker, walk

from conftest import ROOT, content_errors
from macros.content.load import load_content
from macros.content.triage_walk import rank
from scripts.read_checker import follow

pytestmark = pytest.mark.build

MAX_OVER_TRIAGE = 0.15


@pytest.fixture(scope="module")
def walks(site):
    """Per story: its data, the reading replay (outcome, question ids) and the tag walk (outcome, question ids)."""
    html = (site / "symptom-checker.html").read_text()
    checker = parse_checker(html)
    rows = []
    for story in load_content(ROOT / "content").stories.values():
        screen, _, passed = follow(html, story.data["reading"]["path"])
        outcome, tag_path, failure = walk(checker, set(story.data["findings"]), frozenset(story.data.get("unsure", [])))
        rows.append(
            {
                "story": story.data,
                "reading": (screen.id, passed),
                "tags": (outcome, tag_path, failure),
                "levels": checker.outcomes,
            }
        )
    return rows


def _level(row, outcome):
    return row["levels"].get(outcome)


def test_there_are_enough_stories_of_every_kind(walks):
    stories = [row["story"] for row in walks]
    assert len(stories) >= 60
    assert {s["english"] for s in stories} == {"british", "american"}
    assert {s["answerer"] for s in stories} == {"plain", "vague", "anxious", "stoic"}
    findings = [set(s["findings"]) for s in stories]
    for group in ("child-under-5", "age-under-16", "age-16-to-49", "age-50-to-59", "age-60-plus", "pregnant"):
        assert any(group in f for f in findings), f"no story with {group}"
    assert any(f & {"postpartum", "postpartum-12-weeks"} for f in findings), "no story after a birth"


def test_each_reading_path_replays_to_its_recorded_result(walks):
    stale = [
        f"{row['story']['id']}: recorded {row['story']['reading']['outcome']}, replay reaches {row['reading'][0]}"
        for row in walks
        if row["reading"][0] != row["story"]["reading"]["outcome"]
    ]
    assert not stale, "\n".join(stale)


def test_no_story_is_under_triaged_by_reading_or_by_tags(walks):
    under = []
    for row in walks:
        story, floor = row["story"], rank(row["story"]["expected_min"])
        reading_level, tag_level = _level(row, row["reading"][0]), _level(row, row["tags"][0])
        if row["tags"][2]:
            under.append(f"{story['id']}: the tag walk failed: {row['tags'][2]}")
        if reading_level is None or rank(reading_level) < floor:
            under.append(f"{story['id']}: by reading reached {reading_level}, needs {story['expected_min']}")
        if tag_level is not None and rank(tag_level) < floor:
            under.append(f"{story['id']}: by tags reached {tag_level}, needs {story['expected_min']}")
    assert not under, f"{len(under)} under-triaged:\n" + "\n".join(under)


def test_over_triage_is_at_most_fifteen_percent(walks):
    for walker in ("reading", "tags"):
        over = [
            row["story"]["id"]
            for row in walks
            if rank(_level(row, row[walker][0])) > rank(row["story"]["expected_max"])
        ]
        print(f"\nover-triage by {walker}: {len(over)} of {len(walks)}: {over}")
        assert len(over) <= MAX_OVER_TRIAGE * len(walks), (walker, over)


def test_the_tag_walk_takes_the_reading_walks_path(walks):
    """Where a reader and the tags part ways, the words and the tags disagree: fix one until they agree."""
    defects = [
        f"{row['story']['id']}: reading {row['reading'][1]} -> {row['reading'][0]}; "
        f"tags {row['tags'][1]} -> {row['tags'][0]}"
        for row in walks
        if (row["reading"][1], row["reading"][0]) != (row["tags"][1], row["tags"][0])
    ]
    assert not defects, f"{len(defects)} wording defects:\n" + "\n".join(defects)


def test_a_stale_reading_walk_fails_the_build_naming_the_story(content_copy):
    """Changing a label that a recorded reading path uses fails validation, on the story's line, with the fix."""
    path = content_copy / "triage.yml"
    text = path.read_text()
    changed = text.replace("      - label: An adult, 16 or older\n", "      - label: An adult (16 or older)\n", 1)
    assert changed != text
    path.write_text(changed)
    message = content_errors(content_copy)
    assert "content/safety/stories.yml:" in message, message
    expected = "the reading walk no longer fits the checker: the question 'q-who' has no answer 'An adult, 16 or older'"
    assert expected in message, message
    assert "Fix: Walk this story again by reading" in message, message


def test_published_reading_figures_are_this_walk(site, walks):
    """The checker-testing page's reading-walk figures are the ones this walk of the built page gives."""
    html = (site / "about" / "checker-safety.html").read_text()
    published = dict(re.findall(r'data-reading="([a-z]+)">(\d+)<', html))
    levels = [(row, _level(row, row["reading"][0])) for row in walks]
    under = sum(rank(level) < rank(row["story"]["expected_min"]) for row, level in levels)
    over = sum(rank(level) > rank(row["story"]["expected_max"]) for row, level in levels)
    agree = sum((row["reading"][1], row["reading"][0]) == (row["tags"][1], row["tags"][0]) for row in walks)
    assert published == {
        "within": str(len(walks) - under - over),
        "under": str(under),
        "over": str(over),
        "agree": str(agree),
    }, published
