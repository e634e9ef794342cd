"""The reference list: load content/references.yml and number citations page by page."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .collection import Item, load_list
from .errors import ContentError

TYPE_LABELS = {"guideline": "Guideline", "systematic-review": "Systematic review", "trial": "Trial",
               "cohort": "Cohort study", "lab-study": "Laboratory study", "review": "Narrative review",
               "expert-opinion": "Expert opinion", "anatomy-text": "Anatomy text"}


def load_references(content_dir: Path, root: Path) -> tuple[dict[str, Item], list[ContentError]]:
    return load_list(content_dir / "references.yml", "reference", root, key="key")


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
