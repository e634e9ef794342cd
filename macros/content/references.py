"""The reference list: load and check content/references.yml, and number citations page by page.

Beyond the schema, every entry is checked for three things a schema cannot say well:
- its url is a publisher's page, not a search (Google Scholar, PubMed ?term=, /search/);
- a journal article has a DOI (or a no_doi reason, for journals that assign none);
- it is not still marked `unverified:` (an error when the CI environment variable is set; otherwise a warning the
  staging step prints with the overdue reviews, through Content.warnings).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..base.errors import ContentError
from .collection import Item, load_list
from .schemas import schema_file

TYPE_LABELS = {
    "guideline": "Guideline",
    "systematic-review": "Systematic review",
    "trial": "Trial",
    "cohort": "Cohort study",
    "audit": "Audit study",
    "lab-study": "Laboratory study",
    "review": "Narrative review",
    "expert-opinion": "Expert opinion",
    "anatomy-text": "Anatomy text",
    "standard": "Standard",
    "patient-information": "Patient information",
}

# How a reference was confirmed, in words for the references page.
CONFIRMED_TEXT = {
    "doi": "Checked: the DOI record matches",
    "publisher": "Checked on the publisher's or PubMed page",
    "guideline-page": "Checked on the guideline's own page",
    "secondary": "Rests on secondary citations only",
    "unconfirmed": "Not yet confirmed",
}

# Types that are never journal articles; every other type is, and so is any entry with a volume.
NOT_ARTICLES = {"guideline", "anatomy-text", "standard", "patient-information"}
SEARCH_URL = re.compile(r"\?term=|scholar\.|search\?|/search/|google\.", re.IGNORECASE)


def in_ci() -> bool:
    """True when the CI environment variable is set (CI=true on every common CI service)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def is_article(entry: dict) -> bool:
    return entry["type"] not in NOT_ARTICLES or "volume" in entry


def entry_errors(item: Item) -> list[ContentError]:
    """Problems with one valid entry: a search url, an article without a DOI."""
    entry, errors = item.data, []
    url = entry.get("url", "")
    if SEARCH_URL.search(url):
        errors.append(
            item.error(
                f"'{url}' is a search, not the source.",
                "url",
                fix="Link the source itself: add its 'doi:' and remove 'url:', or use the "
                "publisher's own page for it (e.g. https://www.nice.org.uk/guidance/ng158).",
            )
        )
    if is_article(entry) and not entry.get("doi") and not entry.get("no_doi"):
        kind = f"a '{entry['type']}'" if entry["type"] not in NOT_ARTICLES else "published in a journal volume"
        errors.append(
            item.error(
                f"is {kind}, a journal article, but has no DOI.",
                "key",
                field=("doi",),
                fix="Add 'doi: 10.xxxx/...' from the publisher's page or doi.org. Only if the "
                "journal assigns no DOIs, add 'no_doi:' saying so and link its PubMed record.",
            )
        )
    return errors


def unverified(items: dict[str, Item]) -> list[ContentError]:
    """Entries still marked unverified: errors under CI (load_references), warnings otherwise (load_content)."""
    return [
        item.error(
            f"is marked unverified: {item.data['unverified'].rstrip('.')}.",
            "unverified",
            fix="Confirm the details at doi.org or the publisher's page, correct them, then delete "
            "the 'unverified:' line.",
        )
        for item in items.values()
        if "unverified" in item.data
    ]


def load_references(content_dir: Path, root: Path) -> tuple[dict[str, Item], list[ContentError]]:
    items, errors = load_list(content_dir / "references.yml", schema_file(content_dir, "reference"), root, key="key")
    for item in items.values():
        errors += entry_errors(item)
        if "replaced_by" in item.data:
            errors += unknown_references(item, ("replaced_by",), items, about="'replaced_by' ")
    return items, errors + (unverified(items) if in_ci() else [])


def unknown_references(item: Item, at: tuple, reference_keys, about: str = "") -> list[ContentError]:
    """One error per citation key at `at` in the item's data (e.g. ('evidence',)) missing from the reference list."""
    keys = item.data
    for step in at:
        keys = keys[step]
    return [
        item.error(
            f"{about}cites the unknown reference '{key}'.",
            *at,
            position,
            fix="Use a key from content/references.yml, or add the source there first.",
        )
        for position, key in enumerate(keys)
        if key not in reference_keys
    ]


def link(entry: dict) -> str:
    """The address a reader follows for a source: its DOI, else its URL."""
    return f"https://doi.org/{entry['doi']}" if entry.get("doi") else entry["url"]


def sort_key(entry: dict) -> tuple:
    return (entry["authors"][0].lower(), entry["year"], entry["key"])


def view(entry: dict, number: int | None = None) -> dict:
    """What a reference partial needs to show one entry."""
    optional = {field: None for field in ("volume", "issue", "pages", "doi", "url", "updated", "isbn", "replaced_by")}
    return {
        **optional,
        **entry,
        "number": number,
        "href": link(entry),
        "type_label": TYPE_LABELS[entry["type"]],
        "author_text": ", ".join(entry["authors"]),
        # Flag on the page the entries that only independent citations confirm, and when each was checked.
        "secondary_only": entry["confirmed"]["how"] in ("secondary", "unconfirmed"),
        "confirmed_text": CONFIRMED_TEXT[entry["confirmed"]["how"]],
        "confirmed_date": entry["confirmed"]["date"],
    }


@dataclass
class PageCitations:
    """Numbers the sources cited on one page in order of first citation."""

    order: list[str] = field(default_factory=list)

    def number(self, key: str) -> int:
        if key not in self.order:
            self.order.append(key)
        return self.order.index(key) + 1
