"""The symptom checker: the tree is sound, every path ends in an outcome, and the static page works without JavaScript."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
import yaml

from conftest import ROOT, content_errors
from macros.content import load_content
from macros.triage import paths

LEVELS = {"emergency", "urgent", "clinician", "self-care"}


def _edit_tree(content_dir, change):
    path = content_dir / "triage.yml"
    tree = yaml.safe_load(path.read_text())
    change(tree)
    path.write_text(yaml.safe_dump(tree, sort_keys=False))


def test_tree_questions_come_before_outcomes_and_red_flags_first():
    tree = load_content(ROOT / "content").triage
    first = next(q for q in tree.data["questions"] if q["id"] == tree.data["start"])
    outcomes = {o["id"]: o["level"] for o in tree.data["outcomes"]}
    assert any(outcomes.get(a["next"]) == "emergency" for a in first["answers"]), "the first question screens for an emergency"


def test_emergency_outcome_within_two_answers():
    tree = load_content(ROOT / "content").triage
    levels = {o["id"]: o["level"] for o in tree.data["outcomes"]}
    shortest = min(len(p) - 1 for p in paths(tree) if levels[p[-1]] == "emergency")
    assert shortest <= 2


def test_every_level_is_reachable_and_valid():
    tree = load_content(ROOT / "content").triage
    levels = {o["id"]: o["level"] for o in tree.data["outcomes"]}
    assert set(levels.values()) == LEVELS
    assert {p[-1] for p in paths(tree)} == set(levels), "every outcome ends some path"


@pytest.mark.parametrize("name, change, expected", [
    ("dead end", lambda t: t["questions"][0]["answers"][0].update(next="out-nowhere"),
     ["dead end", "out-nowhere", "answers[0].next"]),
    ("cycle", lambda t: t["questions"][1]["answers"][-1].update(next=t["start"]), ["cycle"]),
    ("unknown level", lambda t: t["outcomes"][0].update(level="whenever"), ["level", "emergency, urgent, clinician, self-care"]),
    ("unreachable node", lambda t: t["questions"].append(
        {"id": "q-orphan", "question": "Is this reachable?", "answers": [{"label": "Yes", "next": t["outcomes"][0]["id"]},
                                                                          {"label": "No", "next": t["outcomes"][1]["id"]}]}),
     ["q-orphan", "cannot be reached"]),
    ("missing page", lambda t: t["outcomes"][0]["links"][0].update(page="no-such-page.md"), ["no-such-page.md"]),
    ("duplicate id", lambda t: t["outcomes"][1].update(id=t["outcomes"][0]["id"]), ["used twice"]),
])
def test_bad_tree_is_rejected_naming_file_and_node(content_copy, name, change, expected):
    _edit_tree(content_copy, change)
    message = content_errors(content_copy)
    assert "content/triage.yml" in message, message
    for part in expected:
        assert part in message, f"{name}: expected {part!r} in:\n{message}"


class _Triage(HTMLParser):
    """Collects questions (id -> answer targets) and outcomes (id -> level) from the static page."""

    def __init__(self):
        super().__init__()
        self.questions, self.outcomes, self._current = {}, {}, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "data-triage-node" in a:
            assert a["id"] == a["data-triage-node"]
            self._current = a["id"]
            self.questions[self._current] = []
        elif "data-triage-outcome" in a:
            self.outcomes[a["id"]] = a["data-triage-outcome"]
            self._current = None
        elif tag == "a" and self._current and a.get("data-next"):
            assert a["href"] == "#" + a["data-next"], "answers are plain anchor links"
            self.questions[self._current].append(a["data-next"])


def test_static_page_walks_every_path_to_an_outcome(site):
    html = (site / "symptom-checker.html").read_text()
    parser = _Triage()
    parser.feed(html)
    start = re.search(r'data-start="([a-z0-9-]+)"', html).group(1)
    assert set(parser.outcomes.values()) <= LEVELS
    ended = []

    def walk(node, depth):
        assert depth < 40, "a path loops"
        if node in parser.outcomes:
            ended.append(node)
            return
        assert node in parser.questions, f"answer leads to missing node {node}"
        for nxt in parser.questions[node]:
            walk(nxt, depth + 1)

    walk(start, 0)
    assert len(ended) >= len(parser.outcomes) and set(ended) == set(parser.outcomes)
    assert "not a diagnosis" in html.lower()
