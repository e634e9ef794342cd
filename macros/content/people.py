"""The registry of people (content/people.yml): who writes, edits and clinically reviews the guide's pages.

Pages name people by id in their front matter (`authors`, `clinical_reviewers`); macros.content.review checks the
ids and the page frame and the JSON-LD in the page head show them.
"""

from __future__ import annotations

from pathlib import Path

from ..base.errors import ContentError
from .collection import Item, load_list
from .schemas import schema_file

AUTHOR, CLINICAL_REVIEWER, EDITOR = "author", "clinical-reviewer", "editor"
# Card and program pages are written from YAML that has no `authors` yet; the maintainers wrote all of them.
DEFAULT_AUTHORS = ("maintainers",)
ABOUT = {"@type": "MedicalSignOrSymptom", "name": "Calf pain when walking or running"}


def load_people(content_dir: Path, root: Path) -> tuple[dict[str, Item], list[ContentError]]:
    """The people by id; a clinical reviewer must name their profession, so pages can show it."""
    people, errors = load_list(content_dir / "people.yml", schema_file(content_dir, "person"), root, key="id")
    for person in people.values():
        if CLINICAL_REVIEWER in person.data["roles"] and not person.data.get("profession"):
            errors.append(
                person.error(
                    "a clinical reviewer must name their profession.",
                    "roles",
                    field=("profession",),
                    fix="Add 'profession:' (e.g. 'Physiotherapist') and 'registration:' "
                    "if they are registered, or remove the role 'clinical-reviewer'.",
                )
            )
    return people, errors


def _listed(meta: dict, field: str, people: dict[str, Item]) -> list[dict]:
    ids = meta.get(field) or []
    return [people[i].data for i in ids if isinstance(i, str) and i in people] if isinstance(ids, list) else []


def credits(meta: dict, people: dict[str, Item]) -> dict:
    """Who wrote the page and which clinicians reviewed it (empty when none has), as registry entries."""
    return {
        "authors": _listed(meta, "authors", people),
        "clinical_reviewers": _listed(meta, "clinical_reviewers", people),
    }


def _agent(person: dict) -> dict:
    if person.get("kind") == "group":
        return {"@type": "Organization", "name": person["name"]}
    agent = {"@type": "Person", "name": person["name"]}
    if person.get("profession"):
        agent["jobTitle"] = person["profession"]
    return agent


def medical_web_page(title: str, meta: dict, people: dict[str, Item], language: str, url: str | None) -> dict:
    """schema.org MedicalWebPage data for one page; `reviewedBy` only when a clinician has reviewed it."""
    who = credits(meta, people)
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": title,
        "description": meta.get("description", ""),
        "inLanguage": language,
        "lastReviewed": str(meta.get("reviewed", "")),
        "author": [_agent(person) for person in who["authors"]],
        "about": ABOUT,
        "audience": {"@type": "Patient"},
        "medicalAudience": {"@type": "MedicalAudience", "audienceType": "Patient"},
    }
    if who["clinical_reviewers"]:
        data["reviewedBy"] = [_agent(person) for person in who["clinical_reviewers"]]
    if url:
        data["url"] = url
    return data
