"""Glossary: every term has a plain definition on the Glossary page and a hover/focus tooltip on every page that uses it."""

from __future__ import annotations

import html as html_lib

from conftest import ROOT
from macros.content import load_content


def test_glossary_page_lists_every_term(site):
    page = (site / "glossary.html").read_text()
    for item in load_content(ROOT / "content").glossary.values():
        assert f">{html_lib.escape(item.data['term'], quote=False)}</dt>" in page


def test_terms_get_tooltips_across_pages(site):
    page = (site / "assess" / "where-it-hurts.html").read_text()
    glossary = load_content(ROOT / "content").glossary
    soleus = html_lib.escape(glossary["soleus"].data["definition"])
    assert f'<abbr title="{soleus}">soleus</abbr>' in page or f'<abbr title="{soleus}">Soleus</abbr>' in page


def test_required_terms_exist():
    terms = {t.lower() for t in load_content(ROOT / "content").glossary}
    for term in ("gastrocnemius", "soleus", "achilles tendon", "plantar fascia", "dvt", "compartment syndrome",
                 "claudication", "popliteal artery entrapment", "eccentric", "isometric", "dorsiflexion"):
        assert term in terms, term
