"""Urgency care cards: the one place where the guide defines how urgent a sign is.

Load content/care_cards.yml and check what a schema cannot say: evidence keys exist, emergency cards name the
emergency numbers, each card's `page` exists, and one sign (the same words) never appears at two levels.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..base.errors import ContentError
from .collection import Item, load_list
from .references import unknown_references
from .schemas import schema_file

# The emergency numbers, once: tap-to-call links on emergency results, each labelled with its region, and as text
# ("999 in the UK, ...") in emergency care cards' actions, the emergency level's phrase and every page's footer.
EMERGENCY_CALLS = (
    {"number": "999", "region": "UK"},
    {"number": "911", "region": "US"},
    {"number": "112", "region": "EU"},
)
EMERGENCY_NUMBERS = ", ".join(f"{call['number']} in the {call['region']}" for call in EMERGENCY_CALLS)
LEVELS = {
    "emergency": {
        "label": "Emergency",
        "icon": "!!",
        "rank": 3,
        "meaning": "Call the emergency number or go to the emergency department now.",
        "phrase": f"call your local emergency number ({EMERGENCY_NUMBERS}) now",
    },
    "urgent": {"label": "Urgent", "icon": "!", "rank": 2, "meaning": "Get care today.", "phrase": "get care today"},
    "clinician": {
        "label": "See a clinician",
        "icon": "i",
        "rank": 1,
        "meaning": "Book an appointment soon.",
        "phrase": "book an appointment soon",
    },
    "self-care": {
        "label": "Self-care",
        "icon": "+",
        "rank": 0,
        "meaning": "You can usually look after this at home.",
        "phrase": "you can usually look after it at home",
    },
}


def load_care_cards(content_dir: Path, root: Path) -> tuple[dict[str, Item], list[ContentError]]:
    return load_list(content_dir / "care_cards.yml", schema_file(content_dir, "care_card"), root, key="id")


def sign_key(text: str) -> str:
    """A sign's words without case, punctuation or spacing differences."""
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def check_care_cards(cards: dict[str, Item], reference_keys, page_exists) -> list[ContentError]:
    """Evidence keys exist, emergency cards name the numbers, pages exist, and each sign has one level."""
    errors, levels_of_sign = [], {}
    for card in cards.values():
        errors += unknown_references(card, ("evidence",), reference_keys)
        if card.data["level"] == "emergency" and EMERGENCY_NUMBERS not in card.data["action"]:
            errors.append(
                card.error(
                    "an emergency card must name the emergency numbers.",
                    "action",
                    fix=f"Write 'your local emergency number ({EMERGENCY_NUMBERS})'.",
                )
            )
        if not page_exists(card.data["page"].partition("#")[0]):
            errors.append(
                card.error(
                    f"links to the missing page '{card.data['page']}'.",
                    "page",
                    fix="Use the path of a page in content/, e.g. red-flags.md#blood-clot-dvt.",
                )
            )
        for position, sign in enumerate(card.data["signs"]):
            first = levels_of_sign.setdefault(sign_key(sign), (card, card.data["level"]))
            if first[1] != card.data["level"]:
                errors.append(
                    card.error(
                        f"the sign '{sign}' is {card.data['level']} here but {first[1]} on card '{first[0].id}'.",
                        "signs",
                        position,
                        fix="A sign has one urgency level in the whole guide: keep it on one card, or reword the one "
                        "that differs so it describes a different sign.",
                    )
                )
    return errors
