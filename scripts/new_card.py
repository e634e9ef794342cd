#!/usr/bin/env python3
"""Scaffold a new exercise card: writes a commented template to content/exercises/<id>.yml.

The template fails validation, naming each field still marked TODO, until it is filled in.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).resolve().parent / "templates" / "exercise.yml"
KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("id", help="the new card's id in kebab-case, e.g. heel-walk")
    parser.add_argument("--content", type=Path, default=ROOT / "content", help="the content folder (default: content/)")
    args = parser.parse_args(argv)
    if not KEBAB.match(args.id):
        print(
            f"error: '{args.id}' is not kebab-case. Use lowercase letters, digits and single hyphens, e.g. heel-walk.",
            file=sys.stderr,
        )
        return 2
    target = args.content / "exercises" / f"{args.id}.yml"
    if target.exists():
        print(
            f"error: {target.relative_to(args.content.parent)} already exists. Choose another id or edit that card.",
            file=sys.stderr,
        )
        return 2
    target.write_text(TEMPLATE.read_text(encoding="utf-8").replace("{id}", args.id), encoding="utf-8")
    print(
        f"Wrote {target.relative_to(args.content.parent)}. Next: replace every TODO, run `make check`, "
        "then preview with `make serve`."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
