"""References: a valid list of 20+ real sources, each cited somewhere, numbered per page, and listed on the References page."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import ROOT
from macros.content import load_content
from macros.errors import ContentErrors

CITE = re.compile(r"""cite\(([^)]*)\)""")


def _cited_keys() -> set[str]:
    keys: set[str] = set()
    for page in (ROOT / "content").rglob("*.md"):
        for args in CITE.findall(page.read_text()):
            keys |= set(re.findall(r"""["']([a-z0-9-]+)["']""", args))
    content = load_content(ROOT / "content")
    for group in (content.cards, content.care_cards, content.programs):
        for item in group.values():
            keys |= set(item.data["evidence"])
    return keys


def test_at_least_20_sources_with_types_and_links():
    references = load_content(ROOT / "content").references
    assert len(references) >= 20
    for ref in references.values():
        assert ref.data.get("doi") or ref.data.get("url")


def test_every_reference_is_cited_somewhere():
    unused = set(load_content(ROOT / "content").references) - _cited_keys()
    assert not unused, f"references cited nowhere: {sorted(unused)}"


def test_every_cited_key_exists():
    missing = _cited_keys() - set(load_content(ROOT / "content").references)
    assert not missing, f"unknown keys: {sorted(missing)}"


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
    html = (site / "treat" / "first-days.html").read_text()
    numbers = [int(n) for n in re.findall(r'<sup class="calf-cite">\[<a href="#ref-[a-z0-9-]+"[^>]*>(\d+)</a>', html)]
    assert numbers and numbers[0] == 1 and max(numbers) == len(set(numbers))
    for key in set(re.findall(r'href="#ref-([a-z0-9-]+)"', html)):
        assert f'<li id="ref-{key}">' in html


def test_references_page_lists_every_source(site):
    html = (site / "references.html").read_text()
    for key in load_content(ROOT / "content").references:
        assert f'id="ref-{key}"' in html
