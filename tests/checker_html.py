"""Read the built symptom checker exactly as its test contract describes, and walk a patient through it.

A question is an element with data-triage-node="ID" and id="ID"; its answers are the links inside it that carry
data-findings (citation links carry none; "Start again" has data-restart). An outcome has an id and
data-triage-outcome="LEVEL". This module knows nothing of the YAML: it reads only the HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

MAX_STEPS = 50


@dataclass(frozen=True)
class Answer:
    next: str
    findings: tuple[str, ...]
    label: str = ""


@dataclass
class Checker:
    start: str | None = None
    questions: dict[str, list[Answer]] = field(default_factory=dict)
    outcomes: dict[str, str] = field(default_factory=dict)


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.checker, self._question, self._depth = Checker(), None, 0
        self._label: list[str] | None = None
        self._answer: tuple[str, tuple[str, ...]] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "data-start" in a and self.checker.start is None:
            self.checker.start = a["data-start"]
        if self._question is not None:
            self._depth += 1
        if "data-triage-node" in a:
            assert a.get("id") == a["data-triage-node"], f"question id and data-triage-node differ: {a}"
            self._question, self._depth = a["id"], 1
            self.checker.questions[a["id"]] = []
        elif "data-triage-outcome" in a:
            self.checker.outcomes[a["id"]] = a["data-triage-outcome"]
        elif tag == "a" and self._question is not None and "data-findings" in a:
            href = a.get("href", "")
            assert href.startswith("#"), f"an answer is an in-page link: {href}"
            self._answer, self._label = (href[1:], tuple(a["data-findings"].split())), []

    def handle_data(self, data):
        if self._label is not None:
            self._label.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._answer is not None:
            label = " ".join("".join(self._label).split())
            self.checker.questions[self._question].append(Answer(*self._answer, label))
            self._answer, self._label = None, None
        if self._question is not None:
            self._depth -= 1
            if self._depth == 0:
                self._question = None


def parse_checker(html: str) -> Checker:
    parser = _Parser()
    parser.feed(html)
    return parser.checker


def walk(
    checker: Checker, findings: set[str], unsure: frozenset[str] = frozenset()
) -> tuple[str | None, list[str], str | None]:
    """(outcome id or None, question ids on the way, why the walk failed or None), by the contract's rules. A story's
    `unsure` findings send it to the "Not sure" answer where nothing else fits but an answer lists one of them."""
    node, path = checker.start, []
    while len(path) < MAX_STEPS:
        if node in checker.outcomes:
            return node, path, None
        if node not in checker.questions:
            return None, path, f"a link leads to the missing node {node!r}"
        if node in path:
            return None, path, f"{node!r} is reached twice"
        path.append(node)
        answers = checker.questions[node]
        scored = [(len(findings & set(a.findings)), i) for i, a in enumerate(answers) if a.findings]
        best = max(scored, key=lambda s: (s[0], -s[1]), default=(0, -1))
        if best[0] > 0:
            node = answers[best[1]].next
            continue
        blank = [a for a in answers if not a.findings]
        if any(unsure & set(a.findings) for a in answers):
            blank = [a for a in blank if a.label.startswith("Not sure")] or blank
        fallback = blank[0] if blank else None
        if fallback is None:
            return None, path, f"no answer of {node!r} fits and none is 'none of these'"
        node = fallback.next
    return None, path, f"no outcome after {MAX_STEPS} steps"
