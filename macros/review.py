"""Review dates in page front matter: required and valid; an overdue review is reported but does not fail."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

REQUIRED = {"reviewed": "the date of the last review", "next_review": "the date the next review is due",
            "reviewer": "who reviewed the page"}


def _date(value) -> dt.date | None:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def review_errors(meta: dict, page: str, today: dt.date) -> list[str]:
    """Problems that must fail the build, each naming the page, the field and the fix."""
    errors = []
    for field, what in REQUIRED.items():
        if meta.get(field) in (None, ""):
            errors.append(f"{page}: front matter field '{field}' is missing. Fix: add '{field}:' ({what}) "
                          "between the '---' lines at the top of the page.")
    for field in ("reviewed", "next_review"):
        if meta.get(field) not in (None, "") and _date(meta[field]) is None:
            errors.append(f"{page}: front matter field '{field}' is '{meta[field]}', not a date. "
                          "Fix: write it as YYYY-MM-DD, e.g. 2026-11-25.")
    if "reviewer" in meta and meta["reviewer"] not in (None, "") and not isinstance(meta["reviewer"], str):
        errors.append(f"{page}: front matter field 'reviewer' must be text. Fix: write a name, e.g. 'Editorial team'.")
    reviewed, due = _date(meta.get("reviewed")), _date(meta.get("next_review"))
    if reviewed and due and due <= reviewed:
        errors.append(f"{page}: 'next_review' ({due}) is not after 'reviewed' ({reviewed}). "
                      "Fix: set the next review after the last one, usually a year later.")
    if reviewed and reviewed > today:
        errors.append(f"{page}: 'reviewed' ({reviewed}) is in the future. Fix: use the date the review happened.")
    return errors


def overdue(meta: dict, today: dt.date) -> dt.date | None:
    """The due date if the page's review is overdue, else None."""
    due = _date(meta.get("next_review"))
    return due if due and due < today else None


def read_front_matter(path: Path) -> dict:
    """The YAML front matter of a Markdown page ({} if it has none or it is not a mapping)."""
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}
    try:
        meta = yaml.safe_load(text.split("---\n", 2)[1])
    except yaml.YAMLError:
        return {}
    return meta if isinstance(meta, dict) else {}


def pages_review_errors(content_dir: Path, today: dt.date) -> list[str]:
    """Review-date problems in every Markdown page under content/ (what the build would refuse)."""
    root = content_dir.parent
    errors: list[str] = []
    for page in sorted(content_dir.rglob("*.md")):
        errors += review_errors(read_front_matter(page), page.relative_to(root).as_posix(), today)
    return errors
