"""Glossary: every term has a plain definition on the Glossary page, and pages that use a term show its own
definition as a hover/focus tooltip."""

from __future__ import annotations

import html as html_lib
import re
from collections import defaultdict

from helpers import ROOT, html_pages
from macros.content.glossary import abbreviations
from macros.content.load import load_content


def test_glossary_page_lists_every_term(site):
    page = (site / "glossary.html").read_text()
    for item in load_content(ROOT / "content").glossary.values():
        assert f">{html_lib.escape(item.data['term'], quote=False)}</dt>" in page


ABBR = re.compile(r'<abbr title="([^"]*)">([^<]+)</abbr>')
# Terms the guide uses on many pages: each must get its tooltip on more than one page.
WIDELY_USED = ("Achilles tendon", "soleus", "gastrocnemius", "compartment syndrome", "DVT")


def test_terms_get_their_own_definition_as_a_tooltip_across_pages(site):
    definitions = abbreviations(load_content(ROOT / "content").glossary)
    pages_by_form: dict[str, set[str]] = defaultdict(set)
    for page in html_pages(site):
        rel = page.relative_to(site).as_posix()
        for title, text in ABBR.findall(page.read_text(encoding="utf-8")):
            form = html_lib.unescape(text)
            assert form in definitions, f"{rel}: a tooltip on {form!r}, which the glossary does not list"
            assert html_lib.unescape(title) == definitions[form], f"{rel}: {form!r} shows the wrong definition"
            pages_by_form[form].add(rel)
    assert "assess/where-it-hurts.html" in pages_by_form["soleus"] | pages_by_form["Soleus"]
    assert len(set().union(*pages_by_form.values())) >= 8, f"tooltips on only {dict(pages_by_form)}"
    for form in WIDELY_USED:
        assert len(pages_by_form[form]) >= 2, f"{form!r} has a tooltip on {sorted(pages_by_form[form])} only"


def test_required_terms_exist():
    terms = {t.lower() for t in load_content(ROOT / "content").glossary}
    for term in (
        "gastrocnemius",
        "soleus",
        "achilles tendon",
        "plantar fascia",
        "dvt",
        "compartment syndrome",
        "claudication",
        "popliteal artery entrapment",
        "eccentric",
        "isometric",
        "dorsiflexion",
    ):
        assert term in terms, term
