#!/usr/bin/env python3
"""Validate every content file (cards, references, care cards, glossary, programs, symptom checker, page review dates).

Prints one line per problem (file, line, field, fix) and exits 1 if there is any, 0 if all is well.
The build and the tests use the same code (macros.content.load_content).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.content import load_content  # noqa: E402
from macros.errors import ContentErrors  # noqa: E402
from macros.review import pages_review_errors  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=ROOT / "content", help="the content folder (default: content/)")
    args = parser.parse_args(argv)
    problems = pages_review_errors(args.content.resolve(), dt.date.today())
    try:
        content = load_content(args.content)
    except ContentErrors as exc:
        problems = [str(error) for error in exc.errors] + problems
    if problems:
        print(f"{len(problems)} content error{'s' if len(problems) != 1 else ''}:", *(f"  - {p}" for p in problems),
              sep="\n", file=sys.stderr)
        return 1
    print(f"OK: {len(content.cards)} exercise cards, {len(content.references)} references, "
          f"{len(content.care_cards)} care cards, {len(content.glossary)} glossary terms, "
          f"{len(content.programs)} programs, {len(content.triage.data['questions'])} checker questions.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
