"""Walk a written patient through the symptom checker's tree, answering literally.

The rules are the checker's test contract: at each question, among the answers that list findings, take the first
with the largest overlap with the patient's findings; if none overlaps, take the first answer with no findings.
A reading-walk story may also list findings its patient would be unsure of: where nothing else fits but an answer
lists one of those, the patient takes the "Not sure" answer, as a reader does (content/safety/README.md).
A link to a missing node, a question reached twice or 50 steps without an outcome is a failed walk.
The same rules walk the built HTML in tests/test_vignettes.py; this copy works on the tree's data, so the build can
publish how the checker performs.
"""

from __future__ import annotations

from dataclasses import dataclass

LEVELS = ("self-care", "clinician", "urgent", "emergency")
MAX_STEPS = 50


@dataclass(frozen=True)
class Walk:
    """Where a patient ended: the outcome id (None if the walk failed), the path taken and why it failed."""

    outcome: str | None
    path: tuple[str, ...]
    failure: str | None = None


NOT_SURE = "Not sure"


def choose(answers: list[dict], findings: set[str], unsure: frozenset[str] = frozenset()) -> dict | None:
    """The answer a patient with these findings would pick, or None when no answer fits."""
    best, best_overlap = None, 0
    for answer in answers:
        overlap = len(findings & set(answer["findings"]))
        if overlap > best_overlap:
            best, best_overlap = answer, overlap
    if best is not None:
        return best
    blank = [answer for answer in answers if not answer["findings"]]
    if any(unsure & set(answer["findings"]) for answer in answers):
        blank = [a for a in blank if a["label"].startswith(NOT_SURE)] or blank
    return blank[0] if blank else None


def walk(tree: dict, findings: set[str], unsure: frozenset[str] = frozenset()) -> Walk:
    """Follow the tree from its start for one patient."""
    questions = {q["id"]: q for q in tree["questions"]}
    outcomes = {o["id"] for o in tree["outcomes"]}
    node, path = tree["start"], []
    while len(path) < MAX_STEPS:
        if node in outcomes:
            return Walk(node, tuple(path))
        if node not in questions:
            return Walk(None, tuple(path), f"an answer leads to the missing node '{node}'")
        if node in path:
            return Walk(None, tuple(path), f"the question '{node}' is reached twice")
        path.append(node)
        answer = choose(questions[node]["answers"], findings, unsure)
        if answer is None:
            return Walk(None, tuple(path), f"no answer of '{node}' fits and it has no 'none of these' answer")
        node = answer["next"]
    return Walk(None, tuple(path), f"no outcome after {MAX_STEPS} steps")


def rank(level: str) -> int:
    return LEVELS.index(level)
