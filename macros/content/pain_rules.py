"""Pain rules: the one place where the guide says how much pain is acceptable while you exercise.

Load content/pain_rules.yml (one rule per tissue) and check what a schema cannot say: the evidence keys exist and
each summary states the rule's own number. Cards and programmes name a rule by id; pages show it with pain_rule().
"""

from __future__ import annotations

from pathlib import Path

from ..base.errors import ContentError
from .collection import Item, load_list
from .references import unknown_references
from .schemas import schema_file

# The evidence type in words, for the rule box.
EVIDENCE_WORDS = {
    "expert-opinion": "expert opinion",
    "trial": "a randomised trial",
    "systematic-review": "a systematic review",
    "guideline": "a clinical guideline",
}


def load_pain_rules(content_dir: Path, root: Path) -> tuple[dict[str, Item], list[ContentError]]:
    return load_list(content_dir / "pain_rules.yml", schema_file(content_dir, "pain_rule"), root, key="id")


def score_text(rule: dict) -> str:
    """How a rule's number is written in words, e.g. '3 out of 10'."""
    return f"{rule['during']} out of 10"


def check_pain_rules(rules: dict[str, Item], reference_keys) -> list[ContentError]:
    """Evidence keys exist, and each summary states the same number as its `during` field."""
    errors = []
    for rule in rules.values():
        errors += unknown_references(rule, ("evidence",), reference_keys)
        if score_text(rule.data) not in rule.data["summary"]:
            errors.append(
                rule.error(
                    f"the summary does not state the rule's number '{score_text(rule.data)}'.",
                    "summary",
                    fix=f"Write '{score_text(rule.data)}' in the summary, or change 'during'.",
                )
            )
    return errors
