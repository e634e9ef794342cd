"""The symptom checker's decision tree: load content/triage.yml and prove it is sound and testable.

Sound means: ids are unique, every answer leads somewhere real, there are no cycles, every node can be reached, and
every linked page exists. Testable means: every answer lists findings from content/findings.yml, no two answers of
one question claim the same finding, each question has a "none of these" answer unless its answers cover every age
band, every finding is asked about or listed as context-only, and each outcome takes its level from a care card.
"""

from __future__ import annotations

from ..base.errors import ContentError
from .collection import Item
from .findings import AGE_BANDS
from .references import unknown_references


def nodes(tree: Item) -> dict[str, tuple[str, int, dict]]:
    """Every node id -> (kind, position, data), kind being 'questions' or 'outcomes'."""
    found = {}
    for kind in ("questions", "outcomes"):
        for position, node in enumerate(tree.data[kind]):
            found.setdefault(node["id"], (kind, position, node))
    return found


def outcome_levels(tree: Item, care_cards) -> dict[str, str]:
    """Every outcome id -> its urgency level, which is the level of the care card it names (defined once there)."""
    return {o["id"]: care_cards[o["care_card"]].data["level"] for o in tree.data["outcomes"]}


def check_triage(tree: Item, reference_keys, findings, care_cards, page_exists) -> list[ContentError]:
    errors: list[ContentError] = []

    def error(message, kind, position, *field, fix):
        node_id = tree.data[kind][position]["id"]
        errors.append(tree.error(f"node '{node_id}': {message}", kind, position, *field, fix=fix))

    for position, node in enumerate(tree.data["outcomes"]):
        errors += unknown_references(
            tree, ("outcomes", position, "evidence"), reference_keys, about=f"node '{node['id']}': "
        )
        if node["care_card"] not in care_cards:
            error(
                f"the care card '{node['care_card']}' does not exist.",
                "outcomes",
                position,
                "care_card",
                fix="Use an id from content/care_cards.yml; the outcome takes its urgency level from that card.",
            )
    seen: dict[str, str] = {}
    for kind in ("questions", "outcomes"):
        for position, node in enumerate(tree.data[kind]):
            if node["id"] in seen:
                error("this id is used twice.", kind, position, "id", fix="Give every question and outcome its own id.")
            seen[node["id"]] = kind
    errors += _check_findings(tree, findings, error)
    table = nodes(tree)
    if tree.data["start"] not in table or table[tree.data["start"]][0] != "questions":
        errors.append(
            tree.error(
                f"start '{tree.data['start']}' is not a question.",
                "start",
                fix="Set start to the id of the first question.",
            )
        )
        return errors
    for position, node in enumerate(tree.data["questions"]):
        for a, answer in enumerate(node["answers"]):
            if answer["next"] not in table:
                error(
                    f"answer '{answer['label']}' leads to the unknown node '{answer['next']}' (a dead end).",
                    "questions",
                    position,
                    f"answers[{a}]",
                    "next",
                    fix="Point it at an existing question or outcome.",
                )
    for position, node in enumerate(tree.data["outcomes"]):
        for index, link in enumerate(node["links"]):
            if not page_exists(link["page"].partition("#")[0]):
                error(
                    f"links to the missing page '{link['page']}'.",
                    "outcomes",
                    position,
                    f"links[{index}]",
                    "page",
                    fix="Use the path of a page in content/, e.g. red-flags.md#blood-clot-dvt.",
                )
    if errors:
        return errors
    errors = _cycles_and_reach(tree, table)
    return errors or _path_lengths(tree, care_cards)


# The most answers a person gives before each kind of result: a frightened person on a phone must reach an emergency
# result fast, and a self-care result before they stop reading the questions (issue: checker round 3).
MAX_ANSWERS = {"emergency": 6, "self-care": 12}


def longest_routes(tree: Item) -> dict[str, list[str]]:
    """Every outcome id -> the longest path that reaches it (node ids, the outcome last)."""
    longest: dict[str, list[str]] = {}
    for path in paths(tree):
        if len(path) > len(longest.get(path[-1], [])):
            longest[path[-1]] = path
    return longest


def _path_lengths(tree: Item, care_cards) -> list[ContentError]:
    levels = outcome_levels(tree, care_cards)
    table = nodes(tree)
    errors = []
    for outcome, path in longest_routes(tree).items():
        limit = MAX_ANSWERS.get(levels[outcome])
        if limit is not None and len(path) - 1 > limit:
            _, position, _ = table[outcome]
            errors.append(
                tree.error(
                    f"node '{outcome}': a {levels[outcome]} result is reached after {len(path) - 1} answers "
                    f"({' -> '.join(path)}); the most allowed is {limit}.",
                    "outcomes",
                    position,
                    "id",
                    fix="Merge questions into an 'any of these' screen, or ask this route's questions earlier.",
                )
            )
    return errors


def _check_findings(tree: Item, findings, error) -> list[ContentError]:
    """Answers use known findings, once per question; a 'none of these' answer exists; every finding is covered."""
    errors: list[ContentError] = []
    used: set[str] = set()
    for position, node in enumerate(tree.data["questions"]):
        owner: dict[str, int] = {}
        for a, answer in enumerate(node["answers"]):
            for f, finding in enumerate(answer["findings"]):
                used.add(finding)
                if finding not in findings:
                    error(
                        f"answer '{answer['label']}' lists the unknown finding '{finding}'.",
                        "questions",
                        position,
                        f"answers[{a}]",
                        f"findings[{f}]",
                        fix="Use an id from content/findings.yml, or add it there first.",
                    )
                elif finding in owner:
                    error(
                        f"answers '{node['answers'][owner[finding]]['label']}' and '{answer['label']}' both claim "
                        f"the finding '{finding}'.",
                        "questions",
                        position,
                        f"answers[{a}]",
                        f"findings[{f}]",
                        fix="A finding belongs to one answer of a question; remove it from one of them.",
                    )
                owner.setdefault(finding, a)
        exhaustive = set(AGE_BANDS) <= set(owner)
        if not exhaustive and all(answer["findings"] for answer in node["answers"]):
            error(
                "no answer is the 'No' or 'None of these' answer, so a person with none of these findings cannot "
                "answer.",
                "questions",
                position,
                "answers",
                fix="Add an answer with 'findings: []', such as 'No' or 'None of these'.",
            )
    context = {entry["id"]: i for i, entry in enumerate(tree.data.get("context_only", []))}
    for finding, i in context.items():
        if finding not in findings:
            errors.append(
                tree.error(
                    f"context_only lists the unknown finding '{finding}'.",
                    "context_only",
                    i,
                    "id",
                    fix="Use an id from content/findings.yml.",
                )
            )
        elif finding in used:
            errors.append(
                tree.error(
                    f"the finding '{finding}' is both asked about and listed as context-only.",
                    "context_only",
                    i,
                    "id",
                    fix="Remove it from context_only.",
                )
            )
    for finding in sorted(set(findings) - used - set(context)):
        errors.append(
            ContentError(
                tree.rel,
                f"no answer asks about the finding '{finding}'.",
                field="context_only",
                line=tree.line("context_only") or tree.line("questions"),
                fix=f"List '{finding}' on the answer a person with it would choose, or add it to "
                "context_only with the reason it changes no route.",
            )
        )
    return errors


def _cycles_and_reach(tree: Item, table) -> list[ContentError]:
    errors, state = [], {}

    def visit(node_id: str, trail: list[str]) -> None:
        state[node_id] = "open"
        kind, position, node = table[node_id]
        for answer in node.get("answers", []):
            nxt = answer["next"]
            if state.get(nxt) == "open":
                loop = " -> ".join(trail + [node_id, nxt])
                errors.append(
                    tree.error(
                        f"node '{node_id}': the answers form a cycle: {loop}.",
                        kind,
                        position,
                        "answers",
                        fix="Every path must end at an outcome; point one answer elsewhere.",
                    )
                )
            elif nxt not in state:
                visit(nxt, trail + [node_id])
        state[node_id] = "done"

    visit(tree.data["start"], [])
    for node_id, (kind, position, _) in table.items():
        if node_id not in state:
            errors.append(
                tree.error(
                    f"node '{node_id}' cannot be reached from the start.",
                    kind,
                    position,
                    "id",
                    fix="Point an answer at it, or delete it.",
                )
            )
    return errors


def paths(tree: Item) -> list[list[str]]:
    """Every path from the start to an outcome, as node ids (the tree is acyclic once checked)."""
    table = nodes(tree)

    def walk(node_id: str, trail: list[str]):
        kind, _, node = table[node_id]
        if kind == "outcomes":
            yield trail + [node_id]
            return
        for answer in node["answers"]:
            yield from walk(answer["next"], trail + [node_id])

    return list(walk(tree.data["start"], []))
