"""The symptom checker's tree: sound, testable and red flags first.

It is published as the static page the contract describes.
"""

from __future__ import annotations

import re

import pytest
import yaml
from checker_html import parse_checker

from conftest import ROOT, content_errors
from macros.content.load import load_content
from macros.content.triage import longest_routes, outcome_levels, paths

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
    assert not direct(first), "the first question asks who the checker is for, and gives no result"
    for answer in first["answers"]:
        assert "emergency" in direct(questions[answer["next"]]), f"{answer['label']!r} leads to an emergency screen"


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


def _insert_questions(tree, node_id, answer, count):
    """Put `count` extra yes/no questions between one answer and where it led, making every route through it longer."""
    chosen = _question(tree, node_id)["answers"][answer]
    following = chosen["next"]
    chosen["next"] = "q-extra-1"
    for n in range(1, count + 1):
        later = f"q-extra-{n + 1}" if n < count else following
        tree["questions"].append(
            {
                "id": f"q-extra-{n}",
                "question": "Is this one more question?",
                "answers": [
                    {"label": "Yes", "findings": ["chest-pain"], "next": "out-emergency-lungs"},
                    {"label": "No", "findings": [], "next": later},
                ],
            }
        )


@pytest.mark.parametrize(
    "name, change, expected",
    [
        (
            "dead end",
            lambda t: t["questions"][0]["answers"][0].update(next="out-nowhere"),
            [
                "field 'questions[0].answers[0].next': node 'q-who': answer '",
                "' leads to the unknown node 'out-nowhere' (a dead end). Fix: Point it at an existing question or "
                "outcome.",
            ],
        ),
        (
            "cycle",
            lambda t: _question(t, "q-breath")["answers"][1].update(next=t["start"]),
            [
                "field 'questions[7].answers': node 'q-breath': the answers form a cycle: q-who -> q-breath -> q-who. "
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
                "field 'questions[19].id': node 'q-orphan' cannot be reached from the start. Fix: Point an answer at "
                "it, or delete it."
            ],
        ),
        ("missing page", lambda t: t["outcomes"][0]["links"][0].update(page="no-such-page.md"), ["no-such-page.md"]),
        ("duplicate id", lambda t: t["outcomes"][1].update(id=t["outcomes"][0]["id"]), ["used twice"]),
        (
            "unknown finding",
            lambda t: _question(t, "q-breath")["answers"][0]["findings"].append("chest-ache"),
            ["node 'q-breath'", "unknown finding 'chest-ache'", "findings[5]"],
        ),
        (
            "finding claimed twice",
            lambda t: _question(t, "q-breath")["answers"][1]["findings"].append("chest-pain"),
            ["node 'q-breath'", "both claim the finding 'chest-pain'"],
        ),
        (
            "no none-of-these answer",
            lambda t: [a.update(findings=["runner"]) for a in _question(t, "q-breath")["answers"] if not a["findings"]],
            ["node 'q-breath'", "no answer is the 'No' or 'None of these' answer"],
        ),
        (
            "finding asked nowhere",
            lambda t: t.update(context_only=[c for c in t["context_only"] if c["id"] != "runner"]),
            ["no answer asks about the finding 'runner'", "context_only"],
        ),
        (
            "self-care route too long",
            lambda t: _insert_questions(t, "q-see-someone", 1, 1),
            ["a self-care result is reached after 13 answers", "the most allowed is 12", "Fix: Merge questions"],
        ),
        (
            "emergency route too long",
            lambda t: _insert_questions(t, "q-breath", 1, 2),
            ["a emergency result is reached after 7 answers", "the most allowed is 6"],
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


def test_a_route_too_long_is_reported_word_for_word_on_its_outcome(content_copy):
    """The whole message: the outcome's own line and field, the count, the route taken (the first of the longest),
    the limit and the fix."""
    outcome = "out-emergency-back"
    _edit_tree(content_copy, lambda t: _insert_questions(t, "q-breath", 1, 2))
    text = (content_copy / "triage.yml").read_text()
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.strip() == f"- id: {outcome}")
    index = [o["id"] for o in yaml.safe_load(text)["outcomes"]].index(outcome)
    route = "q-who -> q-breath -> q-extra-1 -> q-extra-2 -> q-leg-emergency -> q-body -> q-back-emergency"
    expected = (
        f"content/triage.yml:{line}: field 'outcomes[{index}].id': node '{outcome}': a emergency result is reached "
        f"after 7 answers ({route} -> {outcome}); the most allowed is 6. Fix: Merge questions into an 'any of these' "
        "screen, or ask this route's questions earlier."
    )
    message = content_errors(content_copy)
    assert expected in [row.strip(" -") for row in message.splitlines()], message


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


@pytest.mark.build
def test_routes_to_emergency_and_self_care_are_short_on_the_built_page(site):
    """Counted on the built HTML over every route: an emergency result within 6 answers, self-care within 12."""
    checker = parse_checker((site / "symptom-checker.html").read_text())
    longest: dict[str, int] = {}

    def follow(node, answers):
        if node in checker.outcomes:
            longest[node] = max(longest.get(node, 0), answers)
            return
        for answer in checker.questions[node]:
            follow(answer.next, answers + 1)

    follow(checker.start, 0)
    assert set(longest) == set(checker.outcomes)
    worst = {level: max(n for o, n in longest.items() if checker.outcomes[o] == level) for level in LEVELS}
    print(f"\nmost answers to reach each level: {worst}")
    assert worst["emergency"] <= 6, worst
    assert worst["self-care"] <= 12, worst


@pytest.mark.build
def test_not_sure_says_what_it_does(site):
    """Every 'Not sure' answer that leads to a more cautious result says, before it is tapped, that it counts as yes."""
    checker = (site / "symptom-checker.html").read_text()
    labels = re.findall(r'data-findings="">(Not sure[^<]*)</a>', checker)
    assert labels, "no 'Not sure' answers found"
    assert all(label == "Not sure (we will treat it as yes)" for label in labels), labels


def test_of_equally_long_routes_the_first_found_is_reported():
    """longest_routes keeps, for each outcome, the first of its longest routes in the order answers are listed, so a
    too-long message names a route a contributor finds by reading the tree from the top."""
    tree = load_content(ROOT / "content").triage
    every = paths(tree)
    rivals = 0
    for outcome, route in longest_routes(tree).items():
        reaching = [p for p in every if p[-1] == outcome]
        longest = max(len(p) for p in reaching)
        rivals += sum(len(p) == longest for p in reaching) > 1
        assert route == next(p for p in reaching if len(p) == longest), outcome
    assert rivals, "no outcome has two routes of the same longest length: this test could not tell first from last"


# The tree's own checks, whole messages: field, node, words and fix (the field and fix are what a contributor acts on).
WHOLE_MESSAGES = {
    "unknown reference": (
        lambda t: t["outcomes"][0].update(evidence=["no-such-ref"]),
        "field 'outcomes[0].evidence[0]': node 'out-emergency-lungs': cites the unknown reference 'no-such-ref'. Fix: "
        "Use a key from content/references.yml, or add the source there first.",
    ),
    "unknown care card": (
        lambda t: t["outcomes"][0].update(care_card="no-such-card"),
        "field 'outcomes[0].care_card': node 'out-emergency-lungs': the care card 'no-such-card' does not exist. Fix: "
        "Use an id from content/care_cards.yml; the outcome takes its urgency level from that card.",
    ),
    "id used twice": (
        lambda t: t["outcomes"][1].update(id=t["outcomes"][0]["id"]),
        "field 'outcomes[1].id': node 'out-emergency-lungs': this id is used twice. Fix: Give every question and "
        "outcome its own id.",
    ),
    "missing page": (
        lambda t: t["outcomes"][0]["links"][0].update(page="no-such-page.md"),
        "field 'outcomes[0].links[0].page': node 'out-emergency-lungs': links to the missing page 'no-such-page.md'. "
        "Fix: Use the path of a page in content/, e.g. red-flags.md#blood-clot-dvt.",
    ),
    "unknown finding": (
        lambda t: _question(t, "q-breath")["answers"][0]["findings"].append("chest-ache"),
        "field 'questions[7].answers[0].findings[5]': node 'q-breath': answer 'Yes, one or more of these' lists the "
        "unknown finding 'chest-ache'. Fix: Use an id from content/findings.yml, or add it there first.",
    ),
    "finding claimed twice": (
        lambda t: _question(t, "q-breath")["answers"][1]["findings"].append("chest-pain"),
        "field 'questions[7].answers[1].findings[0]': node 'q-breath': answers 'Yes, one or more of these' and 'No' "
        "both claim the finding 'chest-pain'. Fix: A finding belongs to one answer of a question; remove it from one "
        "of them.",
    ),
    "no none-of-these answer": (
        lambda t: [a.update(findings=["runner"]) for a in _question(t, "q-breath")["answers"] if not a["findings"]],
        "field 'questions[7].answers': node 'q-breath': no answer is the 'No' or 'None of these' answer, so a person "
        "with none of these findings cannot answer. Fix: Add an answer with 'findings: []', such as 'No' or 'None of "
        "these'.",
    ),
    "finding asked nowhere": (
        lambda t: t.update(context_only=[c for c in t["context_only"] if c["id"] != "runner"]),
        "field 'context_only': no answer asks about the finding 'runner'. Fix: List 'runner' on the answer a person "
        "with it would choose, or add it to context_only with the reason it changes no route.",
    ),
    "finding asked and context-only": (
        lambda t: _question(t, "q-breath")["answers"][1]["findings"].append("runner"),
        "field 'context_only[0].id': the finding 'runner' is both asked about and listed as context-only. Fix: Remove "
        "it from context_only.",
    ),
    "start is an outcome": (
        lambda t: t.update(start=t["outcomes"][0]["id"]),
        "field 'start': start 'out-emergency-lungs' is not a question. Fix: Set start to the id of the first question.",
    ),
    "start is unknown": (
        lambda t: t.update(start="q-nowhere"),
        "field 'start': start 'q-nowhere' is not a question. Fix: Set start to the id of the first question.",
    ),
}


@pytest.mark.parametrize("change, expected", list(WHOLE_MESSAGES.values()), ids=list(WHOLE_MESSAGES))
def test_a_bad_tree_gets_its_whole_message(content_copy, change, expected):
    _edit_tree(content_copy, change)
    message = content_errors(content_copy)
    assert re.search(r"content/triage\.yml:\d+: " + re.escape(expected), message), message


def test_a_question_whose_answers_cover_every_age_needs_no_none_answer(content_copy):
    """Every person has an age: a question whose answers claim exactly the age bands needs no 'None of these'."""

    def ages_only(tree):
        who = _question(tree, tree["start"])
        bands = (["age-under-16"], ["age-16-to-49"], ["age-50-to-59", "age-60-plus"])
        for answer, claimed in zip(who["answers"], bands, strict=True):
            answer["findings"] = claimed

    _edit_tree(content_copy, ages_only)
    load_content(content_copy)  # accepted: no "None of these" answer is asked for
