"""Week-by-week programs: load content/programs/*.yml and check their cards and sources exist."""

from __future__ import annotations

from pathlib import Path

from ..base.errors import ContentError
from .collection import Item, load_folder
from .references import unknown_references
from .schemas import schema_file


def load_programs(content_dir: Path, root: Path) -> tuple[dict[str, Item], list[ContentError]]:
    return load_folder(content_dir / "programs", schema_file(content_dir, "program"), root)


def check_programs(programs: dict[str, Item], cards: set[str], reference_keys) -> list[ContentError]:
    """Every stage names real cards; every evidence key is in the reference list."""
    errors = []
    for program in programs.values():
        for s, stage in enumerate(program.data["stages"]):
            for e, entry in enumerate(stage["exercises"]):
                if entry["card"] not in cards:
                    errors.append(
                        program.error(
                            f"names the unknown card '{entry['card']}'.",
                            "stages",
                            s,
                            "exercises",
                            e,
                            "card",
                            fix="Use the id of a file in content/exercises/.",
                        )
                    )
        errors += unknown_references(program, ("evidence",), reference_keys)
    return errors
