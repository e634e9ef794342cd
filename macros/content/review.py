"""Page front matter: review dates, description and credits (authors, clinical reviewers from content/people.yml).

Problems fail the build; an overdue review is reported but does not fail.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from .people import AUTHOR, CLINICAL_REVIEWER, DEFAULT_AUTHORS
from .schemas import schema_errors
from .yamlfile import LineIndex

DATE_TEXT = re.compile(r"^\d{4}-\d{2}-\d{2}$")  # the form the schemas require of a date
# Front-matter list of ids -> the role each person listed there must hold in content/people.yml.
CREDITS = {"authors": AUTHOR, "clinical_reviewers": CLINICAL_REVIEWER}


def _date(value) -> dt.date | None:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def credit_errors(meta: dict, page: str, people: dict) -> list[str]:
    """`authors` and `clinical_reviewers` list known ids with the right role; the old `reviewer` text is gone."""
    errors = []
    if "reviewer" in meta:
        errors.append(
            f"{page}: front matter field 'reviewer' is no longer used. Fix: replace it with "
            "'authors: [maintainers]'; add 'clinical_reviewers: [<id>]' only after a clinician listed in "
            "content/people.yml has reviewed the page."
        )
    for field, role in CREDITS.items():
        ids = meta.get(field)
        if ids in (None, ""):
            continue
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            continue  # not a list of ids: the page or card schema says so
        for person in ids:
            if person not in people:
                known = ", ".join(sorted(people)) or "none yet"
                errors.append(
                    f"{page}: front matter field '{field}' lists '{person}', who is not in "
                    f"content/people.yml. Fix: use a listed id ({known}) or add them to content/people.yml."
                )
            elif role not in people[person].data["roles"]:
                errors.append(
                    f"{page}: front matter field '{field}' lists '{person}', who does not have the role "
                    f"'{role}' in content/people.yml. Fix: list only people with that role"
                    + (", and only once they have reviewed this page." if role == CLINICAL_REVIEWER else ".")
                )
    return errors


def review_errors(meta: dict, page: str, today: dt.date, people: dict) -> list[str]:
    """Problems that must fail the build that a schema cannot see (the page and card schemas require the fields and
    their form), each naming the page, the field and the fix. `people`: the registry."""
    errors = []
    for field in ("reviewed", "next_review"):  # the schemas require them, written as YYYY-MM-DD: is each a real date?
        if DATE_TEXT.match(str(meta.get(field, ""))) and _date(meta[field]) is None:
            errors.append(
                f"{page}: front matter field '{field}' is '{meta[field]}', not a date. "
                "Fix: write it as YYYY-MM-DD, e.g. 2026-11-25."
            )
    errors += credit_errors(meta, page, people)
    reviewed, due = _date(meta.get("reviewed")), _date(meta.get("next_review"))
    if reviewed and due and due <= reviewed:
        errors.append(
            f"{page}: 'next_review' ({due}) is not after 'reviewed' ({reviewed}). "
            "Fix: set the next review after the last one, usually a year later."
        )
    if reviewed and reviewed > today:
        errors.append(f"{page}: 'reviewed' ({reviewed}) is in the future. Fix: use the date the review happened.")
    return errors


def generated_page_review(review: dict) -> dict:
    """Front matter for a card or program page from its YAML `review`: the dates and the authors.

    The YAML's free-text `reviewer` is not passed on: it named a review that did not happen.
    """
    meta = {
        "reviewed": review["reviewed"],
        "next_review": review["next_review"],
        "authors": list(review.get("authors", DEFAULT_AUTHORS)),
    }
    if review.get("clinical_reviewers"):
        meta["clinical_reviewers"] = list(review["clinical_reviewers"])
    return meta


def overdue(meta: dict, today: dt.date) -> dt.date | None:
    """The due date if the page's review is overdue, else None."""
    due = _date(meta.get("next_review"))
    return due if due and due < today else None


def page_errors(meta: dict, page: str, today: dt.date, people: dict, schema: Path) -> list[str]:
    """Front matter against the page schema (content/schemas/page.schema.json), then the review and credit rules."""
    # YAML reads 2026-11-25 as a date; the schema checks dates as the YYYY-MM-DD text the author wrote.
    written = {key: value.isoformat() if isinstance(value, dt.date) else value for key, value in meta.items()}
    found = [
        f"{page}: front matter"
        + (f" field '{error.field}'" if error.field else "")
        + f": {error.message} Fix: {error.fix}"
        + (" Write it between the '---' lines at the top of the page." if "required" in error.message else "")
        for error in schema_errors(written, schema, page, LineIndex())
    ]
    return found + review_errors(meta, page, today, people)
