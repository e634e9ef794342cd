"""Urgency care cards: load content/care_cards.yml and check that their evidence exists."""

from __future__ import annotations

from pathlib import Path

from .collection import Item, load_list
from .errors import ContentError
from .references import unknown_references

LEVELS = {
    "emergency": {"label": "Emergency", "icon": "!!", "meaning": "Call the emergency number or go to the emergency department now."},
    "urgent": {"label": "Urgent", "icon": "!", "meaning": "See a doctor today."},
    "clinician": {"label": "See a clinician", "icon": "i", "meaning": "Book an appointment soon."},
    "self-care": {"label": "Self-care", "icon": "+", "meaning": "You can usually look after this at home."},
}
EMERGENCY_NUMBERS = "999 in the UK, 911 in the US, 112 in the EU"


def load_care_cards(content_dir: Path, root: Path) -> tuple[dict[str, Item], list[ContentError]]:
    return load_list(content_dir / "care_cards.yml", "care_card", root, key="id")


def check_care_cards(cards: dict[str, Item], reference_keys) -> list[ContentError]:
    """Evidence keys exist, and emergency cards name the emergency numbers neutrally."""
    errors = []
    for card in cards.values():
        errors += unknown_references(card, ("evidence",), reference_keys, label=f"{card.id}.evidence")
        if card.data["level"] == "emergency" and EMERGENCY_NUMBERS not in card.data["action"]:
            errors.append(ContentError(card.rel, "an emergency card must name the emergency numbers.",
                                       field=f"{card.id}.action", line=card.line("action"),
                                       fix=f"Write 'your local emergency number ({EMERGENCY_NUMBERS})'."))
    return errors
