"""CONTRIBUTING.md's card field table and contents list, tested against the schema and the headings they describe,
so the contributor guide cannot drift from the code again (it named `reviewer` long after the schema wanted
`authors`, and left out three required fields)."""

from __future__ import annotations

import json
import re

from helpers import ROOT

CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
SCHEMA = json.loads((ROOT / "content" / "schemas" / "exercise.schema.json").read_text(encoding="utf-8"))


def _field_table() -> dict[str, str]:
    """The rows of the card field table ('| Field | What to write | Example |'), by field name."""
    table = CONTRIBUTING.split("| Field | What to write | Example |", 1)[1].split("\n\n", 1)[0]
    rows = {}
    for line in table.splitlines()[2:]:
        names, what = line.split("|")[1:3]
        # A row may name several fields ("`easier`, `harder`") or a sub-field ("`illustration.alt`").
        for name in re.findall(r"`([a-z_.]+)`", names):
            rows[name.split(".")[0]] = what
    return rows


def test_the_card_field_table_lists_exactly_the_schema_fields():
    documented, defined = set(_field_table()), set(SCHEMA["properties"])
    assert documented == defined, (
        f"CONTRIBUTING.md's field table and exercise.schema.json differ. Missing from the table: "
        f"{sorted(defined - documented)}; not in the schema: {sorted(documented - defined)}"
    )


def test_the_table_marks_optional_fields_and_only_those():
    rows = _field_table()
    required = set(SCHEMA["required"])
    # "Optional" marks an optional field; "Optional: `per_side: true`" in a required row names optional sub-fields.
    said_optional = {name for name, what in rows.items() if re.search(r"Optional(?!: `[a-z_]+:)", what)}
    optional = set(rows) - required
    assert not said_optional & required, f"required fields called optional: {sorted(said_optional & required)}"
    assert optional <= said_optional, f"optional fields not marked 'Optional': {sorted(optional - said_optional)}"


def test_the_review_row_names_the_review_fields_the_schema_wants():
    review = SCHEMA["properties"]["review"]
    row = _field_table()["review"]
    named = set(re.findall(r"`([a-z_]+)`", row))
    assert set(review["required"]) <= named, f"the review row leaves out {sorted(set(review['required']) - named)}"
    unknown = named - set(review["properties"]) - {"content", "people", "yml", "maintainers"}
    assert not unknown, f"the review row names fields the schema rejects: {sorted(unknown)}"


def _slug(heading: str) -> str:
    return re.sub(r"[^a-z0-9 -]", "", heading.lower()).strip().replace(" ", "-")


def test_the_contents_list_links_every_section():
    sections = set()
    for title, given in re.findall(r"(?m)^## (.+?)(?: \{#([a-z0-9-]+)\})?$", CONTRIBUTING):
        sections.add(given or _slug(title))
    contents = CONTRIBUTING.split("Contents", 1)[1].split("\n\n", 1)[0]
    listed = set(re.findall(r"\]\(#([a-z0-9-]+)\)", contents))
    missing, stray = sorted(sections - listed), sorted(listed - sections)
    assert listed == sections, f"Contents lacks {missing}; links to no section {stray}"
