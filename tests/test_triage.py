"""The symptom checker's tree: sound, testable and red flags first.

It is published as the static page the contract describes.
"""

from __future__ import annotations

import re

import pytest
import yaml
from checker_html import parse_checker

from conftest import ROOT, content_errors
from macros.content import load_content
from macros.triage import outcome_levels, paths

LEVELS = {"emergency", "urgent", "clinician", "self-care"}


def _edit_tree(content_dir, change):
    path = content_dir / "triage.yml"
    tree = yaml.safe_load(path.read_text())
    change(tree)
    path.write_text(yaml.safe_dump(tree, sort_keys=False))


def _levels(content):
    return outcome_levels(content.triage, content.care_cards)


def test_emergency_questions_are_asked_before_same_day_ones():
    """On every path, no question that can lead to a same-day result comes before one that leads to an emergency."""
    content = load_content(ROOT / "content")
    levels = _levels(content)
    questions = {q["id"]: q for q in content.triage.data["questions"]}

    def direct(question):
        return {levels[a["next"]] for a in question["answers"] if a["next"] in levels}

    for path in paths(content.triage):
        seen_urgent = False
        for node in path[:-1]:
            reached = direct(questions[node])
            assert not (seen_urgent and "emergency" in reached), (
                f"{node} asks an emergency after a same-day question: {path}"
            )
            seen_urgent = seen_urgent or "urgent" in reached
    first = questions[content.triage.data["start"]]
    assert "emergency" in direct(first), "the first question screens for an emergency"


def test_every_urgency_level_is_an_outcome_of_the_checker():
    """The checker can end at each of the four levels (the loader only checks each outcome's care card exists; an
    unreachable outcome is rejected by the loader: the 'unreachable node' case below)."""
    levels = _levels(load_content(ROOT / "content"))
    assert set(levels.values()) == LEVELS, f"levels the checker can give: {sorted(set(levels.values()))}"


def test_paths_run_from_the_start_to_every_outcome():
    """paths() (used by the ordering rules above) lists a route per answer; each ends at an outcome, the last node."""
    tree = load_content(ROOT / "content").triage
    found = paths(tree)
    outcomes = {o["id"] for o in tree.data["outcomes"]}
    questions = {q["id"] for q in tree.data["questions"]}
    assert found and all(p[0] == tree.data["start"] for p in found)
    assert all(p[-1] in outcomes and set(p[:-1]) <= questions for p in found)
    assert {p[-1] for p in found} == outcomes


def _question(tree, node_id):
    return next(q for q in tree["questions"] if q["id"] == node_id)


@pytest.mark.parametrize(
    "name, change, expected",
    [
        (
            "dead end",
            lambda t: t["questions"][0]["answers"][0].update(next="out-nowhere"),
            [
                "field 'questions[0].answers[0].next': node 'q-chest': answer '",
                "' leads to the unknown node 'out-nowhere' (a dead end). Fix: Point it at an existing question or "
                "outcome.",
            ],
        ),
        (
            "cycle",
            lambda t: _question(t, "q-limb")["answers"][1].update(next=t["start"]),
            [
                "field 'questions[1].answers': node 'q-limb': the answers form a cycle: q-chest -> q-limb -> q-chest. "
                "Fix: Every path must end at an outcome; point one answer elsewhere."
            ],
        ),
        (
            "unknown care card",
            lambda t: t["outcomes"][0].update(care_card="whenever"),
            ["care card 'whenever'", "care_card"],
        ),
        (
            "unreachable node",
            lambda t: t["questions"].append(
                {
                    "id": "q-orphan",
                    "question": "Is this reachable?",
                    "answers": [
                        {"label": "Yes", "findings": ["chest-pain"], "next": t["outcomes"][0]["id"]},
                        {"label": "No", "findings": [], "next": t["outcomes"][1]["id"]},
                    ],
                }
            ),
            [
                "field 'questions[25].id': node 'q-orphan' cannot be reached from the start. Fix: Point an answer at "
                "it, or delete it."
            ],
        ),
        ("missing page", lambda t: t["outcomes"][0]["links"][0].update(page="no-such-page.md"), ["no-such-page.md"]),
        ("duplicate id", lambda t: t["outcomes"][1].update(id=t["outcomes"][0]["id"]), ["used twice"]),
        (
            "unknown finding",
            lambda t: t["questions"][0]["answers"][0]["findings"].append("chest-ache"),
            ["node 'q-chest'", "unknown finding 'chest-ache'", "findings[4]"],
        ),
        (
            "finding claimed twice",
            lambda t: t["questions"][0]["answers"][1]["findings"].append("chest-pain"),
            ["node 'q-chest'", "both claim the finding 'chest-pain'"],
        ),
        (
            "no none-of-these answer",
            lambda t: [a.update(findings=["runner"]) for a in t["questions"][0]["answers"] if not a["findings"]],
            ["node 'q-chest'", "no answer is the 'No' or 'None of these' answer"],
        ),
        (
            "finding asked nowhere",
            lambda t: t.update(context_only=[c for c in t["context_only"] if c["id"] != "runner"]),
            ["no answer asks about the finding 'runner'", "context_only"],
        ),
        (
            "answer without findings field",
            lambda t: t["questions"][0]["answers"][0].pop("findings"),
            ["questions[0].answers[0]", "findings"],
        ),
    ],
)
def test_bad_tree_is_rejected_naming_file_and_node(content_copy, name, change, expected):
    _edit_tree(content_copy, change)
    message = content_errors(content_copy)
    assert "content/triage.yml:" in message, message
    for part in expected:
        assert part in message, f"{name}: expected {part!r} in:\n{message}"


@pytest.mark.build
def test_answers_carry_their_findings_in_the_built_page(site):
    """Every answer link carries data-findings, and the built page holds exactly the tree's nodes and answers."""
    content = load_content(ROOT / "content")
    checker = parse_checker((site / "symptom-checker.html").read_text())
    tree = content.triage.data
    assert checker.start == tree["start"]
    assert set(checker.outcomes) == {o["id"] for o in tree["outcomes"]}
    assert checker.outcomes == _levels(content)
    for question in tree["questions"]:
        built = checker.questions[question["id"]]
        assert [(a.next, a.findings) for a in built] == [(a["next"], tuple(a["findings"])) for a in question["answers"]]


@pytest.mark.build
def test_checker_states_its_intended_purpose(site):
    """The checker and About pages say it signposts care and never diagnoses; results say 'could be', not 'you have'."""
    for page in ("symptom-checker.html", "about/index.html", "about/checker-safety.html"):
        text = " ".join((site / page).read_text().split()).lower()
        assert "never names a diagnosis" in text or "never name a diagnosis" in text, page
    checker = (site / "symptom-checker.html").read_text().lower()
    results = re.findall(r'<section [^>]*data-triage-outcome="[a-z-]+"[^>]*>(.*?)</section>', checker, re.S)
    assert results
    for body in results:
        assert "you have a " not in body and "you have an " not in body and "diagnosis:" not in body, body[:120]
