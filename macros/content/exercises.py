"""Exercise cards: load content/exercises/*.yml, check cross-references, and filter them for guide pages."""

from __future__ import annotations

from pathlib import Path

from ..base.errors import ContentError
from .collection import Item, load_folder
from .references import unknown_references
from .schemas import schema_file

LINK_FIELDS = ("easier", "harder", "related")
MIRROR = {"easier": "harder", "harder": "easier"}  # a ladder link must be listed on the other card the other way round
FILTERS = ("phase", "target", "tag", "equipment", "difficulty", "category")


def load_cards(content_dir: Path, root: Path) -> tuple[dict[str, Item], list[ContentError]]:
    """Every valid card by id, plus the problems found (schema, id, duplicates, placeholders)."""
    return load_folder(content_dir / "exercises", schema_file(content_dir, "exercise"), root)


def ids_on_disk(content_dir: Path) -> set[str]:
    """Ids of every card file, valid or not: a link to a card with its own errors is not reported twice."""
    return {path.stem for path in (content_dir / "exercises").glob("*.yml")}


def check_links(cards: dict[str, Item], reference_keys, existing: set[str] | None = None) -> list[ContentError]:
    """Every easier/harder/related link names a real card, and every evidence key a real reference."""
    existing = set(cards) | (existing or set())
    errors = []
    for card in cards.values():
        for field in LINK_FIELDS:
            for position, target in enumerate(card.data.get(field, [])):
                if target == card.id:
                    errors.append(
                        card.error("a card cannot link to itself.", field, position, fix="Remove this entry.")
                    )
                elif target not in existing:
                    errors.append(
                        card.error(
                            f"links to the unknown card '{target}'.",
                            field,
                            position,
                            fix=f"Use the id of a file in content/exercises/, or create {target}.yml.",
                        )
                    )
        errors += unknown_references(card, ("evidence",), reference_keys)
    return errors + ladder_errors(cards)


def ladder_errors(cards: dict[str, Item]) -> list[ContentError]:
    """Ladders go both ways: if A lists B as easier, B lists A as harder, and the reverse."""
    errors = []
    for card in cards.values():
        for field, mirror in MIRROR.items():
            for position, target in enumerate(card.data.get(field, [])):
                other = cards.get(target)
                if other is None or target == card.id or card.id in other.data.get(mirror, []):
                    continue  # unknown and self links are reported above; a card with its own errors is not loaded
                errors.append(
                    card.error(
                        f"lists '{target}' as {field}, but {other.rel} does not list '{card.id}' as {mirror}.",
                        field,
                        position,
                        fix=f"add '{card.id}' to {target}'s {mirror} list, "
                        f"or remove '{target}' from this {field} list.",
                    )
                )
    return errors


def filter_values(schema_props: dict) -> dict[str, list[str]]:
    """The allowed values of each filter, read from the card schema."""
    pick = {"phase": "phase", "target": "target", "tag": "tags", "equipment": "equipment"}
    values = {name: schema_props[field]["items"]["enum"] for name, field in pick.items()}
    values["difficulty"] = schema_props["difficulty"]["enum"]
    values["category"] = schema_props["category"]["enum"]
    return values


def matches(card: dict, **wanted: str) -> bool:
    """True when the card has every wanted filter value (tag matches the card's tags list)."""
    for name, value in wanted.items():
        have = card.get("tags" if name == "tag" else name, [])
        if value not in (have if isinstance(have, list) else [have]):
            return False
    return True


def exercise_plan(card: dict) -> dict:
    """schema.org ExercisePlan for a card page's JSON-LD: the exercise and its dose, as search engines read them."""
    dose = card["dose"]
    plan = {
        "@type": "ExercisePlan",
        "name": card["name"],
        "description": card["purpose"],
        "exerciseType": ", ".join(card["target"]),
        "activityFrequency": f"{dose['frequency']['times']} times a {dose['frequency']['per']}",
        "repetitions": f"{dose['sets']} sets of {dose['reps']}" if "reps" in dose else f"{dose['sets']} sets",
        "restPeriods": f"{dose['rest_seconds']} seconds" if "rest_seconds" in dose else None,
        "activityDuration": f"{dose['hold_seconds']} seconds per hold" if "hold_seconds" in dose else None,
    }
    return {key: value for key, value in plan.items() if value is not None}
