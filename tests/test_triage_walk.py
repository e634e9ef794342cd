"""The literal walker of the symptom checker's tree (macros/content/triage_walk.py), on small trees written here: which
answer a patient picks, where the walk ends, and each way a walk fails."""

from __future__ import annotations

import pytest

from macros.content.triage_walk import LEVELS, MAX_STEPS, Walk, choose, rank, walk

CHEST = {"findings": ["chest-pain", "breathless"], "next": "out-emergency"}
SWOLLEN = {"findings": ["swelling"], "next": "q-two"}
NONE = {"findings": [], "next": "out-self-care"}


def test_the_answer_with_the_largest_overlap_wins():
    assert choose([SWOLLEN, CHEST, NONE], {"chest-pain", "breathless", "swelling"}) is CHEST


def test_on_a_tie_the_first_answer_wins():
    other = {"findings": ["swelling", "redness"], "next": "q-three"}
    assert choose([SWOLLEN, other], {"swelling"}) is SWOLLEN
    assert choose([other, SWOLLEN], {"swelling"}) is other


def test_with_no_overlap_the_first_answer_without_findings_is_taken():
    second_none = {"findings": [], "next": "elsewhere"}
    assert choose([CHEST, NONE, second_none], {"cramp"}) is NONE
    assert choose([CHEST, SWOLLEN], {"cramp"}) is None
    assert choose([], set()) is None


def test_a_reader_unsure_of_a_finding_takes_not_sure_only_where_an_answer_lists_it():
    """A story's unsure findings (content/safety/README.md): where nothing overlaps but an answer lists one of them,
    the first "Not sure" answer is taken, not the first answer without findings; with no "Not sure" answer, that one."""
    clot = {"label": "Yes", "findings": ["calf-swollen"], "next": "out-urgent"}
    no = {"label": "No", "findings": [], "next": "out-self-care"}
    unsure = {"label": "Not sure (we will treat it as yes)", "findings": [], "next": "out-urgent"}
    assert choose([clot, no, unsure], set(), frozenset({"calf-swollen"})) is unsure
    assert choose([clot, no, unsure], set(), frozenset({"cramp"})) is no, "unsure of a finding no answer lists"
    assert choose([clot, no, unsure], set()) is no
    assert choose([clot, no], set(), frozenset({"calf-swollen"})) is no, "no 'Not sure' answer: the first blank one"
    tree = _tree(**{"q-one": [clot, no, unsure]})
    assert walk(tree, set(), frozenset({"calf-swollen"})) == Walk("out-urgent", ("q-one",))
    assert walk(tree, set()) == Walk("out-self-care", ("q-one",))


def _tree(**answers_by_question):
    return {
        "start": "q-one",
        "questions": [{"id": q, "answers": answers} for q, answers in answers_by_question.items()],
        "outcomes": [{"id": "out-emergency"}, {"id": "out-self-care"}, {"id": "out-urgent"}],
    }


def test_a_walk_ends_at_the_outcome_with_the_path_taken():
    tree = _tree(**{"q-one": [CHEST, SWOLLEN, NONE], "q-two": [{"findings": ["swelling"], "next": "out-urgent"}]})
    assert walk(tree, {"swelling"}) == Walk("out-urgent", ("q-one", "q-two"))
    assert walk(tree, {"breathless"}) == Walk("out-emergency", ("q-one",))
    assert walk(tree, set()) == Walk("out-self-care", ("q-one",), None)


@pytest.mark.parametrize(
    "tree, path, failure",
    [
        (_tree(**{"q-one": [{"findings": [], "next": "q-gone"}]}), ("q-one",), "leads to the missing node 'q-gone'"),
        (
            _tree(**{"q-one": [{"findings": [], "next": "q-two"}], "q-two": [{"findings": [], "next": "q-one"}]}),
            ("q-one", "q-two"),
            "the question 'q-one' is reached twice",
        ),
        (_tree(**{"q-one": [CHEST]}), ("q-one",), "no answer of 'q-one' fits and it has no 'none of these' answer"),
    ],
)
def test_a_failed_walk_says_why(tree, path, failure):
    result = walk(tree, {"cramp"})
    assert result.outcome is None and result.path == path and failure in result.failure, result


def test_a_walk_stops_after_max_steps():
    chain = {f"q-{i}": [{"findings": [], "next": f"q-{i + 1}"}] for i in range(MAX_STEPS + 5)}
    tree = {"start": "q-0", "questions": [{"id": q, "answers": a} for q, a in chain.items()], "outcomes": []}
    result = walk(tree, set())
    assert result == Walk(None, tuple(f"q-{i}" for i in range(MAX_STEPS)), f"no outcome after {MAX_STEPS} steps")
    assert MAX_STEPS == 50


def test_a_chain_of_49_questions_reaches_its_outcome():
    last = MAX_STEPS - 2
    chain = {f"q-{i}": [{"findings": [], "next": f"q-{i + 1}"}] for i in range(last)}
    chain[f"q-{last}"] = [{"findings": [], "next": "out-self-care"}]
    questions = [{"id": q, "answers": a} for q, a in chain.items()]
    tree = {"start": "q-0", "questions": questions, "outcomes": [{"id": "out-self-care"}]}
    assert walk(tree, set()) == Walk("out-self-care", tuple(chain))


def test_levels_rank_from_self_care_to_emergency():
    assert LEVELS == ("self-care", "clinician", "urgent", "emergency")
    assert [rank(level) for level in LEVELS] == [0, 1, 2, 3]
    with pytest.raises(ValueError):
        rank("whenever")
