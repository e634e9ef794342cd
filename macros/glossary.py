"""The glossary: load content/glossary.yml and turn it into site-wide hover definitions."""

from __future__ import annotations

from pathlib import Path

from .collection import Item, load_list
from .errors import ContentError


def load_glossary(content_dir: Path, root: Path) -> tuple[dict[str, Item], list[ContentError]]:
    """The glossary by term; a spelling may belong to one term only, or its hover text would be ambiguous."""
    glossary, errors = load_list(content_dir / "glossary.yml", "glossary", root, key="term")
    owner: dict[str, str] = {}
    for item in glossary.values():
        for form in item.data.get("forms") or [item.id]:
            if form in owner:
                errors.append(
                    ContentError(
                        item.rel,
                        f"the form '{form}' is also listed under '{owner[form]}'.",
                        field=f"{item.id}.forms",
                        line=item.line("forms"),
                        fix="List each spelling under one term only.",
                    )
                )
            owner.setdefault(form, item.id)
    return glossary, errors


def abbreviations(glossary: dict[str, Item]) -> dict[str, str]:
    """Every form of every term with its definition, for Python-Markdown's abbr extension (its `glossary`)."""
    return {
        form: " ".join(item.data["definition"].split())
        for item in glossary.values()
        for form in item.data.get("forms") or [item.id]
    }


def abbreviation_lines(glossary: dict[str, Item]) -> str:
    """The glossary as Python-Markdown abbreviation definitions ('*[DOMS]: Delayed-onset ...'), one per line.

    The staging step ends each written page with a macro that prints these (no config hook is needed); term and form
    spellings cannot hold ']' or line breaks (content/schemas/glossary.schema.json), so each line stays a definition."""
    return "\n".join(f"*[{form}]: {text}" for form, text in abbreviations(glossary).items())
