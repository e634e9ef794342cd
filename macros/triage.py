"""The symptom checker's decision tree: load content/triage.yml and prove it is sound.

Sound means: ids are unique, every answer leads somewhere real, there are no cycles, every node can be
reached from the start, and every linked guide page exists.
"""

from __future__ import annotations

from pathlib import Path

from .collection import Item, load_single
from .errors import ContentError
from .references import unknown_references


def load_triage(content_dir: Path, root: Path, reference_keys) -> tuple[Item | None, list[ContentError]]:
    tree, errors = load_single(content_dir / "triage.yml", "triage", root)
    if tree is None:
        return None, errors
    for position, node in enumerate(tree.data["outcomes"]):
        errors += unknown_references(tree, ("outcomes", position, "evidence"), reference_keys,
                                     about=f"node '{node['id']}': ")
    return tree, errors + check_tree(tree, content_dir)


def nodes(tree: Item) -> dict[str, tuple[str, int, dict]]:
    """Every node id -> (kind, position, data), kind being 'questions' or 'outcomes'."""
    found = {}
    for kind in ("questions", "outcomes"):
        for position, node in enumerate(tree.data[kind]):
            found.setdefault(node["id"], (kind, position, node))
    return found


def page_exists(content_dir: Path, page: str) -> bool:
    """A written page, or a page generated from data (exercises/<id>.md, programs/<id>.md)."""
    if (content_dir / page).exists():
        return True
    folder, _, name = page.partition("/")
    return folder in ("exercises", "programs") and name.endswith(".md") and (content_dir / folder / f"{name[:-3]}.yml").exists()


def check_tree(tree: Item, content_dir: Path) -> list[ContentError]:
    errors: list[ContentError] = []

    def error(message, kind, position, *field, fix):
        node_id = tree.data[kind][position]["id"]
        errors.append(ContentError(tree.rel, f"node '{node_id}': {message}", field=".".join([f"{kind}[{position}]", *field]),
                                   line=tree.line(kind, position, *field), fix=fix))

    seen: dict[str, str] = {}
    for kind in ("questions", "outcomes"):
        for position, node in enumerate(tree.data[kind]):
            if node["id"] in seen:
                error("this id is used twice.", kind, position, "id", fix="Give every question and outcome its own id.")
            seen[node["id"]] = kind
    table = nodes(tree)
    if tree.data["start"] not in table or table[tree.data["start"]][0] != "questions":
        errors.append(ContentError(tree.rel, f"start '{tree.data['start']}' is not a question.", field="start",
                                   line=tree.line("start"), fix="Set start to the id of the first question."))
        return errors
    for position, node in enumerate(tree.data["questions"]):
        for a, answer in enumerate(node["answers"]):
            if answer["next"] not in table:
                error(f"answer '{answer['label']}' leads to the unknown node '{answer['next']}' (a dead end).",
                      "questions", position, f"answers[{a}]", "next", fix="Point it at an existing question or outcome.")
    for position, node in enumerate(tree.data["outcomes"]):
        for index, link in enumerate(node["links"]):
            if not page_exists(content_dir, link["page"].partition("#")[0]):
                error(f"links to the missing page '{link['page']}'.", "outcomes", position, f"links[{index}]", "page",
                      fix="Use the path of a page in content/, e.g. red-flags.md#blood-clot-dvt.")
    if errors:
        return errors
    errors += _cycles_and_reach(tree, table)
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
                errors.append(ContentError(tree.rel, f"node '{node_id}': the answers form a cycle: {loop}.",
                                           field=f"{kind}[{position}].answers", line=tree.line(kind, position, "answers"),
                                           fix="Every path must end at an outcome; point one answer elsewhere."))
            elif nxt not in state:
                visit(nxt, trail + [node_id])
        state[node_id] = "done"

    visit(tree.data["start"], [])
    for node_id, (kind, position, _) in table.items():
        if node_id not in state:
            errors.append(ContentError(tree.rel, f"node '{node_id}' cannot be reached from the start.",
                                       field=f"{kind}[{position}].id", line=tree.line(kind, position, "id"),
                                       fix="Point an answer at it, or delete it."))
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
