#!/usr/bin/env python3
"""Show the built symptom checker one screen at a time, as a patient reads it: visible words only.

This is the patient reader's window in the reading walk (content/safety/README.md). It reads the built page
(site/symptom-checker.html), follows the answers chosen so far by their visible labels or numbers, and prints the
screen reached: the question, its help and list, and the numbered answers, or the result. It never shows an id, an
href or a data-* attribute, so a reader cannot see the findings tags or the levels behind an answer.

    python scripts/read_checker.py                      # the first screen
    python scripts/read_checker.py 3 1                  # answer 3, then answer 1
    python scripts/read_checker.py --label "No" --label "Yes, one or more of these"
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Tags whose text is not shown as reading text (scripts, styles) or not part of a screen's words.
SKIPPED = {"script", "style", "template"}
BLOCKS = {"h2", "p", "li"}


@dataclass
class Screen:
    """One question or result: its visible text blocks and its answers as (label, target) in order."""

    id: str
    kind: str
    blocks: list[str] = field(default_factory=list)
    answers: list[tuple[str, str]] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.screens: dict[str, Screen] = {}
        self.start: str | None = None
        self._screen: Screen | None = None
        self._depth = 0
        self._text: list[str] | None = None
        self._block_depth = 0
        self._answer: str | None = None
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in SKIPPED:
            self._skip += 1
        if self.start is None and "data-start" in a:
            self.start = a["data-start"]
        if self._screen is not None:
            self._depth += 1
            if tag == "a" and "data-findings" in a:
                self._answer, self._text = a["href"][1:], []
            elif tag in BLOCKS and self._answer is None and self._text is None:
                self._text, self._block_depth = [], self._depth
        elif "data-triage-node" in a or "data-triage-outcome" in a:
            self._screen = Screen(a["id"], "question" if "data-triage-node" in a else "result")
            self.screens[a["id"]] = self._screen
            self._depth = 1

    def handle_endtag(self, tag):
        if tag in SKIPPED:
            self._skip -= 1
        if self._screen is None:
            return
        if tag == "a" and self._answer is not None:
            self._screen.answers.append((" ".join("".join(self._text).split()), self._answer))
            self._answer, self._text = None, None
        elif self._text is not None and self._answer is None and self._depth == self._block_depth:
            words = " ".join("".join(self._text).split())
            if words and not self._screen.answers:
                self._screen.blocks.append(words)
            self._text = None
        self._depth -= 1
        if self._depth == 0:
            self._screen = None

    def handle_data(self, data):
        if self._text is not None and not self._skip:
            self._text.append(data)


def read_page(html: str) -> tuple[str, dict[str, Screen]]:
    """The first screen's id and every screen of the built checker."""
    reader = _Reader()
    reader.feed(html)
    return reader.start, reader.screens


def follow(html: str, choices: list[str]) -> tuple[Screen, list[str], list[str]]:
    """Answer each choice in turn (an answer's number from 1, or its exact label); return the screen reached, the
    labels chosen and the ids of the questions passed. Raises ValueError naming the screen when a choice does not fit.
    The ids are for the tests that compare reading and tag walks; the reader is never shown them."""
    start, screens = read_page(html)
    screen, chosen, passed = screens[start], [], []
    for choice in choices:
        if screen.kind == "result":
            raise ValueError(f"the walk already reached a result before {choice!r}")
        labels = [label for label, _ in screen.answers]
        if choice.isdigit() and 1 <= int(choice) <= len(labels):
            index = int(choice) - 1
        elif choice in labels:
            index = labels.index(choice)
        else:
            raise ValueError(f"{choice!r} is not an answer of the screen '{screen.blocks[0]}': {labels}")
        chosen.append(labels[index])
        passed.append(screen.id)
        screen = screens[screen.answers[index][1]]
    return screen, chosen, passed


def show(screen: Screen) -> str:
    lines = ["RESULT" if screen.kind == "result" else "QUESTION", *screen.blocks]
    lines += [f"  [{n}] {label}" for n, (label, _) in enumerate(screen.answers, 1)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("choices", nargs="*", help="answers so far, by number (1 is the first answer on a screen)")
    parser.add_argument("--label", action="append", default=[], help="an answer by its exact label (repeatable)")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    args = parser.parse_args(argv)
    page = args.site / "symptom-checker.html"
    if not page.exists():
        print(f"error: {page} does not exist. Run `make build` first.", file=sys.stderr)
        return 2
    try:
        screen, chosen, _ = follow(page.read_text(), args.choices + args.label)
    except ValueError as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    if chosen:
        print("Answers so far: " + " | ".join(chosen) + "\n")
    print(show(screen))
    return 0


if __name__ == "__main__":
    sys.exit(main())
