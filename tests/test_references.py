"""References: a valid list of 20+ real sources, each cited somewhere, numbered per page,
and listed on the References page.

Also the reference checks: no search URLs, a DOI on every journal article, no `unverified:` entry under CI,
and no "et al.." on the References page.
"""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import ROOT, content_errors
from macros.base.errors import ContentErrors
from macros.content.load import load_content
from macros.pipeline.stage import stage
from macros.pipeline.staged import page_files

CITE = re.compile(r"""cite\(([^)]*)\)""")


def _cited_keys() -> set[str]:
    keys: set[str] = set()
    for page in page_files(ROOT / "content"):
        for args in CITE.findall(page.read_text()):
            keys |= set(re.findall(r"""["']([a-z0-9-]+)["']""", args))
    content = load_content(ROOT / "content")
    for group in (content.cards, content.care_cards, content.programs, content.pain_rules):
        for item in group.values():
            keys |= set(item.data["evidence"])
    for outcome in content.triage.data["outcomes"]:
        keys |= set(outcome["evidence"])
    return keys


def test_at_least_20_sources_with_types_and_links():
    references = load_content(ROOT / "content").references
    assert len(references) >= 20
    for ref in references.values():
        assert ref.data.get("doi") or ref.data.get("url")


def test_every_reference_is_cited_somewhere():
    """Every entry is cited, except one kept only to show what replaced it (its `replaced_by`)."""
    references = load_content(ROOT / "content").references
    unused = {key for key, item in references.items() if "replaced_by" not in item.data} - _cited_keys()
    assert not unused, f"references cited nowhere: {sorted(unused)}"
    for key, item in references.items():
        if "replaced_by" in item.data:
            assert key not in _cited_keys(), f"{key} was replaced by {item.data['replaced_by']}: cite those instead"


# Every place data cites sources: an unknown key there is rejected (make check runs this loader), naming the file,
# the line and the fix. A page's cite() is checked by test_pipeline's BAD_CALLS.
EVIDENCE_FILES = [
    "exercises/calf-raise-double.yml",
    "programs/walk-run-return.yml",
    "pain_rules.yml",
    "care_cards.yml",
    "triage.yml",
]


@pytest.mark.parametrize("rel", EVIDENCE_FILES)
def test_an_unknown_evidence_key_is_rejected_naming_file_line_and_fix(content_copy, rel):
    path = content_copy / rel
    text = path.read_text()
    assert "evidence: [" in text, rel
    path.write_text(text.replace("evidence: [", "evidence: [no-such-source, ", 1))
    message = content_errors(content_copy)
    pattern = rf"content/{re.escape(rel)}:\d+: field '[^']*evidence\[0\]': (node '[a-z0-9-]+': )?cites the unknown "
    assert re.search(pattern + r"reference 'no-such-source'\.", message), message
    assert "Fix: Use a key from content/references.yml" in message, message


def test_duplicate_key_is_rejected(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    path = tmp_path / "content" / "references.yml"
    text = path.read_text()
    path.write_text(text.replace("- key: behm-2016", "- key: ahn-2014", 1))
    with pytest.raises(ContentErrors) as caught:
        load_content(tmp_path / "content")
    assert "content/references.yml" in str(caught.value) and "'ahn-2014' is used twice" in str(caught.value)


def test_bad_reference_field_names_the_entry(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    path = tmp_path / "content" / "references.yml"
    path.write_text(path.read_text().replace("  type: systematic-review", "  type: hearsay", 1))
    with pytest.raises(ContentErrors) as caught:
        load_content(tmp_path / "content")
    assert re.search(r"content/references\.yml:\d+: field '[a-z0-9-]+\.type'", str(caught.value))


def test_citations_are_numbered_and_link_to_the_page_source_list(site):
    """Each citation's number is its key's place in the page's numbered source list, which is in order of first
    citation; a key cited again keeps its first number."""
    html = (site / "treat" / "first-days.html").read_text()
    cited = re.findall(r'<sup class="calf-cite">\[(.*?)\]</sup>', html)
    link = re.compile(r'<a href="#ref-([a-z0-9-]+)"[^>]*>(\d+)</a>')
    pairs = [(key, int(n)) for sup in cited for key, n in link.findall(sup)]
    listed = re.findall(r'<li id="ref-([a-z0-9-]+)">', html.split('<ol class="calf-references">', 1)[1])
    keys = [key for key, _ in pairs]
    assert len(keys) > len(set(keys)) >= 3, f"the page should cite at least 3 sources, some twice: {keys}"
    for key, number in pairs:
        assert key in listed and number == listed.index(key) + 1, f"#ref-{key} is numbered {number}; list: {listed}"
    first_cited = list(dict.fromkeys(keys))
    assert listed[: len(first_cited)] == first_cited, "the source list follows the order of first citation"


def test_references_page_lists_every_source(site):
    html = (site / "references.html").read_text()
    for key in load_content(ROOT / "content").references:
        assert f'id="ref-{key}"' in html


def _break(content_dir, old: str, new: str) -> None:
    path = content_dir / "references.yml"
    text = path.read_text()
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new))


@pytest.mark.parametrize(
    "url",
    [
        "https://pubmed.ncbi.nlm.nih.gov/?term=venous+thromboembolic",
        "https://scholar.google.com/scholar?q=NG158",
        "https://www.nice.org.uk/search?q=ng158",
        "https://www.nice.org.uk/search/guidance/ng158",
        "https://www.google.co.uk/url?q=https://www.nice.org.uk/guidance/ng158",
    ],
)
def test_search_url_is_rejected_naming_file_line_and_field(content_copy, url):
    _break(content_copy, "  url: https://www.nice.org.uk/guidance/ng158\n", f"  url: {url}\n")
    message = content_errors(content_copy)
    assert re.search(r"content/references\.yml:\d+: field 'nice-ng158\.url': '[^']+' is a search", message), message
    assert "Fix: Link the source itself" in message


def test_journal_article_without_doi_is_rejected(content_copy):
    _break(
        content_copy, "  doi: 10.1139/apnm-2015-0235\n", "  url: https://cdnsciencepub.com/doi/10.1139/apnm-2015-0235\n"
    )
    message = content_errors(content_copy)
    assert re.search(
        r"content/references\.yml:\d+: field 'behm-2016\.doi': is a 'systematic-review', "
        r"a journal article, but has no DOI",
        message,
    ), message


def test_guideline_in_a_journal_volume_needs_a_doi_but_a_web_guideline_does_not(content_copy):
    _break(content_copy, "  doi: 10.7326/M19-3602\n", "  url: https://www.acpjournals.org/doi/10.7326/M19-3602\n")
    message = content_errors(content_copy)
    assert "field 'qaseem-2020.doi'" in message and "nice-ng158" not in message


def _mark_unverified(content_dir) -> None:
    _break(content_dir, "- key: behm-2016\n", "- key: behm-2016\n  unverified: issue number of volume X.\n")


def test_unverified_entry_fails_the_build_under_ci(content_copy, monkeypatch):
    monkeypatch.setenv("CI", "true")
    _mark_unverified(content_copy)
    message = content_errors(content_copy)
    assert re.search(
        r"content/references\.yml:\d+: field 'behm-2016\.unverified': is marked unverified: issue number of volume "
        r"X\. Fix: Confirm the details at doi\.org or the publisher's page, correct them, then delete the "
        r"'unverified:' line\.$",
        message,
        re.M,
    ), message


def test_unverified_entry_only_warns_outside_ci(content_copy, monkeypatch):
    """Outside CI an unverified entry is one of the stage's warnings (printed with the overdue reviews), not an
    error, and nothing else prints it."""
    monkeypatch.delenv("CI", raising=False)
    _mark_unverified(content_copy)
    content = load_content(content_copy)
    assert "behm-2016" in content.references
    staged = stage(ROOT, check=True, source=content_copy)
    warning = [w for w in staged.warnings if "field 'behm-2016.unverified': is marked unverified" in w]
    assert warning and warning[0].startswith("content/references.yml:"), staged.warnings


def test_no_entry_is_unverified_or_commented_as_unverified():
    text = (ROOT / "content" / "references.yml").read_text()
    assert "# unverified" not in text and "\n  unverified:" not in text


def test_references_page_has_no_double_full_stop(site):
    html = (site / "references.html").read_text()
    assert "et al. " in html and "et al.." not in html


def test_reference_links_are_separated_from_the_text(site):
    """A space, not a run-on, between an entry's last field and its link: 'Updated 2023. https://...'."""
    text = " ".join(re.sub(r"<[^>]+>", "", (site / "references.html").read_text()).split())
    assert not re.search(r"[.;:](?:https?://|doi:)", text), re.search(r".{40}[.;:](?:https?://|doi:).{20}", text)


def test_a_replacement_that_is_not_in_the_list_is_rejected(content_copy):
    _break(content_copy, "  replaced_by: [nice-ng253, nice-ng254]\n", "  replaced_by: [nice-ng999]\n")
    message = content_errors(content_copy)
    assert "field 'nice-ng51.replaced_by[0]'" in message and "'nice-ng999'" in message, message


def test_the_references_page_says_how_each_entry_was_confirmed(site):
    """Every entry says how and when it was checked; exactly the secondary-only and unconfirmed ones are flagged."""
    html = (site / "references.html").read_text()
    references = load_content(ROOT / "content").references
    flagged = set(re.findall(r'<li id="ref-([a-z0-9-]+)" data-secondary-only>', html))
    weak = {key for key, item in references.items() if item.data["confirmed"]["how"] in ("secondary", "unconfirmed")}
    assert flagged == weak
    assert html.count('class="calf-reference-checked"') == len(references)


def test_a_source_links_to_its_doi_else_its_url_and_sorts_by_first_author():
    from macros.content.references import link, sort_key

    assert link({"doi": "10.1/x", "url": "https://example.org/x"}) == "https://doi.org/10.1/x"
    assert link({"doi": "", "url": "https://example.org/x"}) == "https://example.org/x"
    assert sort_key({"authors": ["Smith J", "Brown A"], "year": 2020, "key": "smith-2020"}) == (
        "smith j",
        2020,
        "smith-2020",
    )


def test_a_source_as_the_partial_sees_it():
    from macros.content.references import CONFIRMED_TEXT as CONFIRMED
    from macros.content.references import view

    entry = {
        "key": "a-2020",
        "type": "trial",
        "authors": ["Ahn B", "Cole D"],
        "year": 2020,
        "title": "T",
        "url": "https://example.org/a",
        "confirmed": {"how": "publisher", "date": "2026-12-07"},
    }
    assert view(entry, 3) == {
        **entry,
        "volume": None,
        "issue": None,
        "pages": None,
        "doi": None,
        "updated": None,
        "isbn": None,
        "replaced_by": None,
        "number": 3,
        "href": "https://example.org/a",
        "type_label": "Trial",
        "author_text": "Ahn B, Cole D",
        "secondary_only": False,
        "confirmed_text": "Checked on the publisher's or PubMed page",
        "confirmed_date": "2026-12-07",
    }
    assert view({**entry, "doi": "10.1/a", "volume": "4"})["href"] == "https://doi.org/10.1/a"
    assert view({**entry, "volume": "4"})["volume"] == "4" and view(entry)["number"] is None
    # Only a source confirmed by secondary citations, or not yet confirmed, is flagged on the page.
    flagged = {
        how: view({**entry, "confirmed": {"how": how, "date": "2026-12-07"}})["secondary_only"] for how in CONFIRMED
    }
    assert flagged == {
        "doi": False,
        "publisher": False,
        "guideline-page": False,
        "secondary": True,
        "unconfirmed": True,
    }


def test_page_citations_number_each_key_by_its_first_citation():
    from macros.content.references import PageCitations

    cites = PageCitations()
    assert [cites.number(k) for k in ("b", "a", "b", "c", "a")] == [1, 2, 1, 3, 2]
    assert cites.order == ["b", "a", "c"]
    assert PageCitations().order == [], "each page starts its own numbering"


def _key_line(content_dir, key: str) -> int:
    lines = (content_dir / "references.yml").read_text().splitlines()
    return lines.index(f"- key: {key}") + 1


def test_reference_problems_word_for_word(content_copy):
    """Each reference check's message and fix in full, on the line of the entry's key."""
    _break(content_copy, "  url: https://www.nice.org.uk/guidance/ng158\n", "  url: https://scholar.google.com/x\n")
    _break(
        content_copy, "  doi: 10.1139/apnm-2015-0235\n", "  url: https://cdnsciencepub.com/doi/10.1139/apnm-2015-0235\n"
    )
    message = content_errors(content_copy)
    assert (
        "field 'nice-ng158.url': 'https://scholar.google.com/x' is a search, not the source. Fix: Link the source "
        "itself: add its 'doi:' and remove 'url:', or use the publisher's own page for it "
        "(e.g. https://www.nice.org.uk/guidance/ng158)." in message
    ), message
    assert (
        f"content/references.yml:{_key_line(content_copy, 'behm-2016')}: field 'behm-2016.doi': is a "
        "'systematic-review', a journal article, but has no DOI. Fix: Add 'doi: 10.xxxx/...' from the publisher's "
        "page or doi.org. Only if the journal assigns no DOIs, add 'no_doi:' saying so and link its PubMed record."
        in message
    ), message


def test_a_guideline_in_a_journal_volume_needs_a_doi_too(content_copy):
    _break(
        content_copy,
        "  url: https://www.nice.org.uk/guidance/ng158\n",
        "  url: https://www.nice.org.uk/guidance/ng158\n  volume: '3'\n",
    )
    message = content_errors(content_copy)
    assert (
        f"content/references.yml:{_key_line(content_copy, 'nice-ng158')}: field 'nice-ng158.doi': is published in a "
        "journal volume, a journal article, but has no DOI." in message
    ), message


@pytest.mark.parametrize(
    "value, ci",
    [
        ("true", True),
        ("1", True),
        (" TRUE ", True),
        ("yes", True),
        ("", False),
        ("0", False),
        ("false", False),
        ("False", False),
        ("no", False),
        ("NO", False),
    ],
)
def test_ci_is_read_from_the_environment_variable(monkeypatch, value, ci):
    from macros.content.references import in_ci

    monkeypatch.setenv("CI", value)
    assert in_ci() is ci
