"""Search finds the page a reader needs: Material's own search UI in a real browser, on the served site.

For each symptom word the top result is the guide page that answers it (not References, the Glossary or My plan),
and no result snippet holds button text or the text labels of the exercise figures. The expected pages, and why:

- "dvt", "blood clot": Red flags, which says how to tell a clot from a strain and when to get help now.
- "achilles": Where it hurts, whose Achilles tendon section tells the two kinds of tendon pain apart and links on.
- "cramp": Cramps and night pain, the page about exactly that.
- "shin splints": Where it hurts, whose shin splints section says it is not calf pain and what to read instead.
- "soleus": Where it hurts, whose soleus section describes the deep calf muscle and how its pain feels.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest

from browser import search

pytestmark = pytest.mark.browser

EXPECTED = {
    "dvt": "red-flags.html",
    "blood clot": "red-flags.html",
    "achilles": "assess/where-it-hurts.html",
    "cramp": "assess/cramps-and-night-pain.html",
    "shin splints": "assess/where-it-hurts.html",
    "soleus": "assess/where-it-hurts.html",
}
NEVER_TOP = ("references.html", "glossary.html", "my-plan.html")
BUTTON_TEXT = ("Add to my plan", "In my plan", "Save this day", "Print my plan")
SVG_TEXT = re.compile(r"<text\b[^>]*>([^<]+)</text>")
SVG = re.compile(r"<svg\b.*?</svg>", re.S)
TAG = re.compile(r"<[^>]+>")
CONTROLS = re.compile(r"<(svg|button|template)\b.*?</\1>", re.S)


@pytest.fixture(scope="module")
def figure_labels(site):
    """Every text label drawn in an exercise or anatomy figure on the built pages."""
    labels = set()
    for page in site.rglob("*.html"):
        labels.update(t.strip() for t in SVG_TEXT.findall(page.read_text()) if len(t.strip()) > 3)
    assert labels, "the pages draw labelled figures"
    return labels


def _prose(site, href):
    """The words of a result's page outside its figures: what a snippet may quote."""
    path = urlsplit(href).path.lstrip("/")
    html = SVG.sub(" ", (site / path).read_text())
    return " ".join(TAG.sub(" ", html).split())


def _results(page, query):
    """The result list Material's search shows for `query`: each page's link and snippet text, best first. Typed key by
    key as a reader does; typed again while the search index is still loading."""
    search(page, query)
    page.wait_for_timeout(300)  # the last keystroke's results have settled
    return page.locator(".md-search-result__item").evaluate_all(
        """items => items.map(item => ({
            href: item.querySelector('a').href,
            text: Array.from(item.querySelectorAll('article')).map(a => a.innerText).join(' | '),
        }))"""
    )


@pytest.fixture(scope="module")
def searched(browser, base_url):
    page = browser.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    try:
        page.goto(base_url + "index.html")
        page.click("input[data-md-component=search-query]")
        return {query: _results(page, query) for query in EXPECTED}
    finally:
        page.close()


@pytest.mark.parametrize("query", list(EXPECTED))
def test_top_result_is_the_page_a_reader_needs(searched, base_url, query):
    results = searched[query]
    assert results, f"no results for {query!r}"
    top = urlsplit(results[0]["href"]).path.lstrip("/")
    order = [urlsplit(r["href"]).path.lstrip("/") for r in results[:5]]
    assert top == EXPECTED[query], f"{query!r}: top result {top}, expected {EXPECTED[query]}; first five: {order}"
    assert not top.endswith(NEVER_TOP)


@pytest.mark.parametrize("query", list(EXPECTED))
def test_snippets_are_prose_not_buttons_or_figure_labels(searched, figure_labels, site, query):
    """No button text, and no figure label that the result's page does not also use in its prose."""
    for result in searched[query]:
        text = result["text"]
        buttons = [b for b in BUTTON_TEXT if b in text]
        prose = _prose(site, result["href"])
        labels = sorted(label for label in figure_labels if label in text and label not in prose)
        assert not buttons and not labels, (
            f"{query!r}, {result['href']}: {buttons or labels} in {json.dumps(text)[:300]}"
        )


def test_index_holds_no_button_text_or_figure_label_runs(site):
    """The whole index, not just the snippets shown: no button text, no run of a figure's labels (the snippets once read
    "(gastrocnemius)Knee straight"), and the long References page is left out."""
    docs = json.loads((site / "search" / "search_index.json").read_text())["docs"]
    assert not [d["location"] for d in docs if d["location"].startswith("references.html")]
    by_page: dict[str, str] = {}
    for doc in docs:
        by_page[doc["location"].split("#")[0]] = by_page.get(doc["location"].split("#")[0], "") + " " + doc["text"]
    runs = []
    for page in site.rglob("*.html"):
        text = by_page.get(page.relative_to(site).as_posix(), "")
        html = page.read_text()
        prose = " ".join(
            TAG.sub(" ", CONTROLS.sub(" ", html)).split()
        )  # prose may name a button: "press Add to my plan"
        buttons = [b for b in BUTTON_TEXT if text.count(b) > prose.count(b)]
        assert not buttons, f"{page.name}: {buttons} in the search index more often than in the page's prose"
        for svg in SVG.findall(html):
            labels = [t.strip() for t in SVG_TEXT.findall(svg) if t.strip()]
            runs += [
                f"{page.name}: {a!r}+{b!r}"
                for a, b in zip(labels, labels[1:], strict=False)
                if a + b in text or f"{a} {b}" in text
            ]
    assert not runs, runs[:10]
