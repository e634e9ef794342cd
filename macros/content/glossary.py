"""The glossary: load content/glossary.yml and turn it into site-wide hover definitions."""

from __future__ import annotations

import re
from pathlib import Path

from ..base.errors import ContentError
from .collection import Item, load_list
from .schemas import schema_file


def load_glossary(content_dir: Path, root: Path) -> tuple[dict[str, Item], list[ContentError]]:
    """The glossary by term; a spelling may belong to one term only, or its hover text would be ambiguous."""
    glossary, errors = load_list(content_dir / "glossary.yml", schema_file(content_dir, "glossary"), root, key="term")
    owner: dict[str, str] = {}
    for item in glossary.values():
        for form in item.data.get("forms") or [item.id]:
            if form in owner:
                errors.append(
                    item.error(
                        f"the form '{form}' is also listed under '{owner[form]}'.",
                        "forms",
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


def used_forms(glossary: dict[str, Item], text: str) -> list[str]:
    """The forms that occur in a page's Markdown, matched as Python-Markdown's abbr extension matches them (whole
    words, case as written). Macro output is HTML, which the extension never marks, so the source text is enough."""
    forms = abbreviations(glossary)
    if not forms:
        return []
    found = set(re.findall(r"\b(?:" + "|".join(map(re.escape, forms)) + r")\b", text))
    return [form for form in forms if form in found]


def abbreviation_lines(glossary: dict[str, Item], forms: list[str]) -> str:
    """The definitions of `forms` as Python-Markdown abbreviations ('*[DOMS]: Delayed-onset ...'), one per line.

    Only the forms a page uses: each definition line costs Python-Markdown a block to parse, and all 90 on every page
    made abbreviations most of the build's Markdown time. Term and form spellings cannot hold ']' or line breaks
    (content/schemas/glossary.schema.json), so each line stays a definition."""
    every = abbreviations(glossary)
    return "\n".join(f"*[{form}]: {every[form]}" for form in forms if form in every)
