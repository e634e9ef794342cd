"""The trust layer: honest credits (content/people.yml), the page frame, and the schema.org JSON-LD on every page."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from conftest import ROOT, html_pages, run_build
from macros.content.front_matter import read_front_matter
from macros.content.load import load_content
from macros.content.people import CLINICAL_REVIEWER
from macros.content.review import page_errors
from macros.pipeline.staged import page_files

JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)
REQUIRED = (
    "@context",
    "@type",
    "name",
    "description",
    "lastReviewed",
    "author",
    "about",
    "audience",
    "medicalAudience",
    "inLanguage",
)
PENDING = "not yet reviewed by a clinician (pending)"
TODAY = dt.date(2026, 12, 1)


def _jsonld(html: str) -> list[dict]:
    return [json.loads(block) for block in JSONLD.findall(html)]


def _built_pages(site):
    """Every page built from a page source (the 404 page is a theme template and has no front matter)."""
    return [p for p in html_pages(site) if p.name != "404.html"]


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _clinicians() -> set[str]:
    people = load_content(ROOT / "content").people
    return {pid for pid, person in people.items() if CLINICAL_REVIEWER in person.data["roles"]}


def test_every_built_page_has_medical_web_page_jsonld(site):
    pages = _built_pages(site)
    assert len(pages) > 40, "the site should have its pages, cards and programs"
    for page in pages:
        rel = page.relative_to(site).as_posix()
        blocks = _jsonld(page.read_text())
        assert len(blocks) == 1, f"{rel}: expected one JSON-LD block, found {len(blocks)}"
        data = blocks[0]
        missing = [field for field in REQUIRED if not data.get(field)]
        assert not missing, f"{rel}: JSON-LD lacks {missing}"
        assert data["@type"] == "MedicalWebPage" and data["@context"] == "https://schema.org", rel
        dt.date.fromisoformat(data["lastReviewed"])
        assert all(author.get("name") for author in data["author"]), rel


def test_card_pages_carry_the_exercise_as_structured_data(site):
    """Each card page's JSON-LD holds its exercise as a schema.org ExercisePlan with the card's dose."""
    for card in load_content(ROOT / "content").cards.values():
        data = _jsonld((site / "exercises" / f"{card.id}.html").read_text())[0]
        plan = data.get("mainEntity", {})
        dose = card.data["dose"]
        assert plan.get("@type") == "ExercisePlan" and plan["name"] == card.data["name"], card.id
        assert plan["activityFrequency"] == f"{dose['frequency']['times']} times a {dose['frequency']['per']}", card.id
        assert plan["repetitions"].startswith(f"{dose['sets']} sets"), card.id


def test_no_page_claims_a_clinical_review_that_is_not_listed(site):
    clinicians = _clinicians()
    for page in _built_pages(site):
        rel = page.relative_to(site).as_posix()
        html = page.read_text()
        data = _jsonld(html)[0]
        source = ROOT / "content" / rel.replace(".html", ".md")
        listed = read_front_matter(source).get("clinical_reviewers") if source.exists() else None
        if not listed or not clinicians:
            assert "reviewedBy" not in data, f"{rel}: reviewedBy but no clinical reviewer is listed"
        text = _text(html)
        if "reviewedBy" in data:
            assert "Clinically reviewed by:" in text and PENDING not in text, rel
        else:
            assert f"Clinical review: {PENDING}" in text and "Clinically reviewed by" not in text, rel
        assert "Written by: " in text, f"{rel}: no 'Written by'"


def test_no_built_page_claims_the_editorial_team_reviewed_it(site):
    for page in html_pages(site):
        html = page.read_text()
        assert "Reviewed by: Editorial team" not in _text(html), page.relative_to(site)
        assert "Editorial team (physiotherapy)" not in html, page.relative_to(site)


def test_every_page_description_is_a_full_sentence():
    """Search results show the description: at least 30 characters, more than make check's minimum of 10 (the
    schema). A missing description or author fails make check (test_front_matter_credit_errors_...)."""
    for page in page_files(ROOT / "content"):
        description = read_front_matter(page).get("description")
        assert isinstance(description, str) and len(description.strip()) >= 30, f"{page}: description {description!r}"


def test_registry_has_no_invented_clinical_reviewer():
    """Today no clinician has reviewed the guide: adding one is a deliberate edit of this test."""
    assert _clinicians() == set()


PAGE_META = {
    "title": "T",
    "description": "A page for the tests.",
    "reviewed": dt.date(2026, 11, 25),
    "next_review": dt.date(2027, 11, 25),
    "authors": ["maintainers"],
}


@pytest.mark.parametrize(
    "change, expected",
    [
        ({"authors": None}, ["content/x.md", "field 'authors': this required field is missing", "Fix:"]),
        ({"description": None}, ["content/x.md", "field 'description': this required field is missing"]),
        ({"authors": ["nobody"]}, ["content/x.md", "'authors'", "'nobody'", "content/people.yml", "maintainers"]),
        ({"authors": "maintainers"}, ["field 'authors': expected a list, found text"]),
        (
            {"clinical_reviewers": ["maintainers"]},
            ["'clinical_reviewers'", "'maintainers'", "role 'clinical-reviewer'"],
        ),
        ({"reviewer": "Editorial team (physiotherapy)"}, ["'reviewer' is no longer used", "authors: [maintainers]"]),
    ],
)
def test_front_matter_credit_errors_name_page_field_and_fix(change, expected):
    people = load_content(ROOT / "content").people
    meta = {k: v for k, v in {**PAGE_META, **change}.items() if v is not None}
    schema = ROOT / "content" / "schemas" / "page.schema.json"  # the schema requires fields, review.py the rest
    message = "\n".join(page_errors(meta, "content/x.md", TODAY, people, schema))
    for text in expected:
        assert text in message, f"{text!r} not in {message!r}"
    assert not page_errors(PAGE_META, "content/x.md", TODAY, people, schema)


def test_a_clinical_reviewer_needs_a_profession(content_copy):
    from conftest import content_errors

    with (content_copy / "people.yml").open("a", encoding="utf-8") as f:
        f.write(
            "- id: test-clinician\n  name: Test Clinician\n  roles: [clinical-reviewer]\n"
            "  conflicts_of_interest: None declared\n"
        )
    message = content_errors(content_copy)
    assert "content/people.yml" in message and "test-clinician.profession" in message


@pytest.mark.slow  # a second real build
def test_listed_clinical_reviewer_and_hostile_title_in_a_build(project_copy, tmp_path):
    """A fictional reviewer (only in this throwaway copy) shows in the frame and reviewedBy; a title with
    '</script>' stays inside the JSON-LD."""
    with (project_copy / "content" / "people.yml").open("a", encoding="utf-8") as f:
        f.write(
            "- id: test-clinician\n  name: Test Clinician\n  roles: [clinical-reviewer]\n"
            "  profession: Physiotherapist\n  conflicts_of_interest: None declared\n"
        )
    page = project_copy / "content" / "prevent.md"
    text = page.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^title: .*$", "title: 'Bad </script><script>alert(1)</script> & \"title\"'", text, count=1)
    text = text.replace("authors: [maintainers]\n", "authors: [maintainers]\nclinical_reviewers: [test-clinician]\n", 1)
    page.write_text(text, encoding="utf-8")
    result = run_build(project_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr[-3000:]
    html = (tmp_path / "out" / "prevent.html").read_text()
    data = _jsonld(html)[0]
    assert data["name"] == 'Bad </script><script>alert(1)</script> & "title"'
    assert data["reviewedBy"] == [{"@type": "Person", "name": "Test Clinician", "jobTitle": "Physiotherapist"}]
    assert "Clinically reviewed by: Test Clinician, Physiotherapist" in _text(html)
    assert PENDING not in _text(html)
    block = JSONLD.search(html).group(1)
    assert "</" not in block and "\\u003c/script\\u003e" in block, "the title must stay inside the JSON-LD, escaped"
    other = _jsonld((tmp_path / "out" / "index.html").read_text())[0]
    assert "reviewedBy" not in other


def test_the_about_page_credits_every_package_the_site_ships():
    """Each npm package whose code the site ships (package.json `dependencies`) is named on the About page, with the
    notice of its licence, and that notice file is one the build copies into the site."""
    from macros.pipeline.staged import VENDORED

    about = (ROOT / "content" / "about" / "index.md").read_text(encoding="utf-8")
    shipped = json.loads((ROOT / "package.json").read_text())["dependencies"]
    families = {name.split("-")[0] if name.startswith("workbox-") else name for name in shipped}
    missing = [name for name in sorted(families) if name.lower() not in about.lower()]
    assert not missing, f"the About page does not name {missing}, whose code the site ships"
    notices = re.findall(r"notice is in `([^`]+)`", about)
    assert notices and all(path in VENDORED for path in notices), f"{notices} are not all files the build copies"
