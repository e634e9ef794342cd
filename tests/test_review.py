"""Page front matter rules (macros/content/review.py) on small inputs: every message in full, each date boundary,
the credits, the front matter of generated pages, overdue reviews and how a page's front matter is split off."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from helpers import ROOT
from macros.content.front_matter import read_front_matter, split_page
from macros.content.review import (
    _date,
    credit_errors,
    generated_page_review,
    overdue,
    page_errors,
    review_errors,
)
from macros.content.schemas import schema_file

TODAY = dt.date(2026, 12, 7)
PEOPLE = {
    "maintainers": SimpleNamespace(data={"roles": ["author", "editor"]}),
    "dr-x": SimpleNamespace(data={"roles": ["clinical-reviewer"]}),
}
GOOD = {
    "title": "T",
    "description": "A page for the tests, long enough.",
    "reviewed": "2026-11-25",
    "next_review": "2027-11-25",
    "authors": ["maintainers"],
}
PAGE = "content/x.md"


def _errors(**change):
    meta = {k: v for k, v in {**GOOD, **change}.items() if v is not None}
    return review_errors(meta, PAGE, TODAY, PEOPLE)


def test_a_good_page_has_no_problem():
    assert _errors() == []
    assert _errors(reviewed=TODAY.isoformat()) == [], "reviewed today is not in the future"
    assert _errors(reviewed=dt.date(2026, 11, 25), next_review=dt.date(2027, 1, 1)) == [], "dates as YAML dates"


@pytest.mark.parametrize(
    "field, what",
    [
        ("description", "One or two plain sentences saying what the page is for (search results show it)."),
        ("reviewed", "The date of the last review, YYYY-MM-DD."),
        ("next_review", "The date the next review is due, YYYY-MM-DD."),
        ("authors", "Who wrote the page: ids from content/people.yml, e.g. [maintainers]."),
    ],
)
def test_a_missing_field_names_what_to_write(field, what):
    """The page schema requires the fields (one place for the rule); its message says what to write and where."""
    meta = {k: v for k, v in GOOD.items() if k != field}
    assert page_errors(meta, PAGE, TODAY, PEOPLE, schema_file(ROOT / "content", "page")) == [
        f"{PAGE}: front matter field '{field}': this required field is missing. Fix: Add '{field}:'. {what} Write it "
        "between the '---' lines at the top of the page."
    ]


@pytest.mark.parametrize("field", ["reviewed", "next_review"])
def test_a_date_that_is_not_a_date(field):
    """Text that is not YYYY-MM-DD is the schema's to reject; a YYYY-MM-DD that is no calendar date is the rules'."""
    schema = schema_file(ROOT / "content", "page")
    assert page_errors({**GOOD, field: "soon"}, PAGE, TODAY, PEOPLE, schema) == [
        f"{PAGE}: front matter field '{field}': 'soon' is not a date. "
        "Fix: Write the date as YYYY-MM-DD, e.g. 2026-11-25."
    ]
    assert (
        f"{PAGE}: front matter field '{field}' is '2026-02-30', not a date. "
        "Fix: write it as YYYY-MM-DD, e.g. 2026-11-25."
    ) in _errors(**{field: "2026-02-30"})


@pytest.mark.parametrize("due", ["2026-11-25", "2026-01-01"])
def test_the_next_review_must_come_after_the_last(due):
    assert _errors(next_review=due) == [
        f"{PAGE}: 'next_review' ({due}) is not after 'reviewed' (2026-11-25). Fix: set the next review after the "
        "last one, usually a year later."
    ]


def test_a_review_in_the_future():
    assert _errors(reviewed="2026-12-08", next_review="2027-12-08") == [
        f"{PAGE}: 'reviewed' (2026-12-08) is in the future. Fix: use the date the review happened."
    ]


def test_dates_are_read_strictly():
    assert _date("2026-11-25") == dt.date(2026, 11, 25)
    assert _date(dt.date(2026, 11, 25)) == dt.date(2026, 11, 25)
    assert _date(dt.datetime(2026, 11, 25, 10, 0)) is None, "a time of day is not a review date"
    assert _date("2026-02-30") is None and _date(None) is None and _date("soon") is None


def test_credit_errors_in_full():
    assert credit_errors({"reviewer": "Someone"}, PAGE, PEOPLE) == [
        f"{PAGE}: front matter field 'reviewer' is no longer used. Fix: replace it with 'authors: [maintainers]'; "
        "add 'clinical_reviewers: [<id>]' only after a clinician listed in content/people.yml has reviewed the page."
    ]
    for value in ("maintainers", ["maintainers", 3]):
        assert credit_errors({"authors": value}, PAGE, PEOPLE) == [], "not a list of ids: the schema says so"
    assert credit_errors({"authors": ["nobody"]}, PAGE, PEOPLE) == [
        f"{PAGE}: front matter field 'authors' lists 'nobody', who is not in content/people.yml. Fix: use a listed "
        "id (dr-x, maintainers) or add them to content/people.yml."
    ]
    assert "(none yet)" in credit_errors({"authors": ["nobody"]}, PAGE, {})[0]
    assert credit_errors({"authors": ["dr-x"]}, PAGE, PEOPLE) == [
        f"{PAGE}: front matter field 'authors' lists 'dr-x', who does not have the role 'author' in "
        "content/people.yml. Fix: list only people with that role."
    ]
    assert credit_errors({"clinical_reviewers": ["maintainers"]}, PAGE, PEOPLE) == [
        f"{PAGE}: front matter field 'clinical_reviewers' lists 'maintainers', who does not have the role "
        "'clinical-reviewer' in content/people.yml. Fix: list only people with that role, and only once they have "
        "reviewed this page."
    ]
    assert credit_errors({"authors": ["maintainers"], "clinical_reviewers": ["dr-x"]}, PAGE, PEOPLE) == []
    assert credit_errors({"authors": "", "clinical_reviewers": None}, PAGE, PEOPLE) == []
    both = credit_errors({"authors": "maintainers", "clinical_reviewers": ["maintainers"]}, PAGE, PEOPLE)
    assert len(both) == 1 and "'clinical_reviewers' lists 'maintainers'" in both[0], "a bad list stops nothing"


def test_generated_pages_take_dates_and_credits_from_the_review_block():
    review = {"reviewed": "2026-11-25", "next_review": "2027-11-25", "reviewer": "old text"}
    assert generated_page_review(review) == {
        "reviewed": "2026-11-25",
        "next_review": "2027-11-25",
        "authors": ["maintainers"],
    }
    meta = generated_page_review({**review, "authors": ("a", "b"), "clinical_reviewers": ("dr-x",)})
    assert meta["authors"] == ["a", "b"] and meta["clinical_reviewers"] == ["dr-x"]
    assert "clinical_reviewers" not in generated_page_review({**review, "clinical_reviewers": []})


def test_overdue_only_after_the_due_date():
    assert overdue({"next_review": "2026-12-06"}, TODAY) == dt.date(2026, 12, 6)
    assert overdue({"next_review": "2026-12-07"}, TODAY) is None
    assert overdue({"next_review": "soon"}, TODAY) is None and overdue({}, TODAY) is None


@pytest.mark.parametrize(
    "text, meta, body",
    [
        ("---\ntitle: T\n---\nBody\n", {"title": "T"}, "Body\n"),
        ("Body only\n", {}, "Body only\n"),
        ("---\ntitle: T\nno end\n", {}, "---\ntitle: T\nno end\n"),
        ("---\n- a list\n---\nBody\n", {}, "Body\n"),
        ("---\ntitle: [broken\n---\nBody\n", {}, "Body\n"),
        ("\n---\ntitle: T\n---\nBody\n", {}, "\n---\ntitle: T\n---\nBody\n"),
        ("---\ntitle: T\n---\nA rule\n---\nmore\n", {"title": "T"}, "A rule\n---\nmore\n"),
    ],
)
def test_split_page(text, meta, body):
    assert split_page(text) == (meta, body)


def test_read_front_matter(tmp_path):
    page = tmp_path / "p.md"
    page.write_text("---\ntitle: Café\n---\nBody\n", encoding="utf-8")
    assert read_front_matter(page) == {"title": "Café"}


def test_page_errors_check_the_schema_then_the_review_rules():
    schema = schema_file(ROOT / "content", "page")
    assert page_errors(GOOD, PAGE, TODAY, PEOPLE, schema) == []
    found = page_errors({**GOOD, "colour": "red", "next_review": "2027-02-30"}, PAGE, TODAY, PEOPLE, schema)
    assert len(found) == 2, found
    assert found[0].startswith(f"{PAGE}: front matter field 'colour': ") and " Fix: " in found[0], found
    assert found[1] == (
        f"{PAGE}: front matter field 'next_review' is '2027-02-30', not a date. Fix: write it as YYYY-MM-DD, "
        "e.g. 2026-11-25."
    )
