"""Reading-walk stories: load content/safety/stories.yml and check that each recorded reading walk still fits the tree.

A story is written by someone who never saw the checker, graded by a clinical grader before any walk, tagged with
findings by someone who never saw the tree, and walked by a patient reader who saw only the page's words
(content/safety/README.md). Each story is also a tagged vignette, walked by the contract's rules on every build.
The reading path is kept as the labels the reader chose, so any change to a question's wording or routing that the
path goes through fails the build until the story is walked again by reading.
"""

from __future__ import annotations

from pathlib import Path

from ..base.errors import ContentError
from .collection import Item, load_list
from .schemas import schema_file
from .triage import nodes

PROTOCOL = "content/safety/README.md"


def load_stories(content_dir: Path, root: Path) -> tuple[dict[str, Item], list[ContentError]]:
    return load_list(content_dir / "safety" / "stories.yml", schema_file(content_dir, "story"), root, key="id")


def read_path(tree: dict, labels: list[str]) -> tuple[list[str], str | None, str | None]:
    """Follow answer labels from the start: (question ids passed, node reached, why it stopped early or None)."""
    table = {q["id"]: q for q in tree["questions"]}
    node, passed = tree["start"], []
    for label in labels:
        if node not in table:
            return passed, node, f"the walk reached the result '{node}' before the answer '{label}'"
        answer = next((a for a in table[node]["answers"] if a["label"] == label), None)
        if answer is None:
            return passed, node, f"the question '{node}' has no answer '{label}' now"
        passed.append(node)
        node = answer["next"]
    return passed, node, None


def check_stories(stories: dict[str, Item], tree: Item | None) -> list[ContentError]:
    """Every recorded reading path is made of today's labels and ends at the outcome it records. `tree` is None when
    the tree itself has errors: those come first, not once more for every story."""
    if tree is None:
        return []
    errors, table = [], nodes(tree)
    for story in stories.values():
        reading = story.data["reading"]
        _, reached, problem = read_path(tree.data, reading["path"])
        if problem is None and reached != reading["outcome"]:
            kind = "the question" if table[reached][0] == "questions" else "the result"
            problem = f"the path now ends at {kind} '{reached}'"
        if problem:
            errors.append(
                story.error(
                    f"the reading walk no longer fits the checker: {problem} (its labels are in {tree.rel}).",
                    "reading",
                    "path",
                    fix=f"Walk this story again by reading, as {PROTOCOL} describes, and record the new path and "
                    "outcome; a change to the words a reader sees needs a new reading walk.",
                )
            )
    return errors
