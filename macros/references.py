"""The reference list: load content/references.yml and number citations page by page."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .collection import Item, load_list
from .errors import ContentError
from .yamlfile import dotted

TYPE_LABELS = {"guideline": "Guideline", "systematic-review": "Systematic review", "trial": "Trial",
               "cohort": "Cohort study", "lab-study": "Laboratory study", "review": "Narrative review",
               "expert-opinion": "Expert opinion", "anatomy-text": "Anatomy text"}


def load_references(content_dir: Path, root: Path) -> tuple[dict[str, Item], list[ContentError]]:
    return load_list(content_dir / "references.yml", "reference", root, key="key")


def unknown_references(item: Item, at: tuple, reference_keys, label: str | None = None,
                       about: str = "") -> list[ContentError]:
    """One error per citation key at `at` in the item's data (e.g. ('evidence',)) missing from the reference list."""
    keys = item.data
    for step in at:
        keys = keys[step]
    field = label or dotted(at)
    return [ContentError(item.rel, f"{about}cites the unknown reference '{key}'.", field=f"{field}[{position}]",
                         line=item.line(*at, position),
                         fix="Use a key from content/references.yml, or add the source there first.")
            for position, key in enumerate(keys) if key not in reference_keys]


def link(entry: dict) -> str:
    """The address a reader follows for a source: its DOI, else its URL."""
    return f"https://doi.org/{entry['doi']}" if entry.get("doi") else entry["url"]


def sort_key(entry: dict) -> tuple:
    return (entry["authors"][0].lower(), entry["year"], entry["key"])


def view(entry: dict, number: int | None = None) -> dict:
    """What a reference partial needs to show one entry."""
    optional = {field: None for field in ("volume", "issue", "pages", "doi", "url")}
    return {**optional, **entry, "number": number, "href": link(entry), "type_label": TYPE_LABELS[entry["type"]],
            "author_text": ", ".join(entry["authors"])}


@dataclass
class PageCitations:
    """Numbers the sources cited on one page in order of first citation."""

    order: list[str] = field(default_factory=list)

    def number(self, key: str) -> int:
        if key not in self.order:
            self.order.append(key)
        return self.order.index(key) + 1
