"""The built site loads nothing from outside itself: no CDN, no fonts, no analytics, no outside API."""

from __future__ import annotations

import re

from helpers import html_pages
from site_html import is_external, parse

CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*((?:https?:)?//[^'")\s]+)""", re.I)
# In scripts: an outside address a browser would load (a script, style, font, image or a known CDN or API host).
JS_FETCH = re.compile(
    r"""["'`]((?:https?:)?//[^"'`\s]*(?:\.(?:js|mjs|css|woff2?|ttf|otf|png|jpe?g|svg|gif|webp)\b|"""
    r"""unpkg\.com|jsdelivr|googleapis|gstatic|cdnjs|google-analytics|googletagmanager|api\.github)[^"'`\s]*)""",
    re.I,
)


def test_html_loads_no_outside_resource(site):
    found = []
    for page in html_pages(site):
        refs = parse(page)
        found += [f"{page.relative_to(site)}: {url}" for url in refs.resources if is_external(url)]
        found += [f"{page.relative_to(site)}: {m}" for style in refs.inline_styles for m in CSS_URL.findall(style)]
    assert not found, "outside resources:\n" + "\n".join(found)


def test_css_loads_no_outside_resource(site):
    found = [f"{css.relative_to(site)}: {m}" for css in site.rglob("*.css") for m in CSS_URL.findall(css.read_text())]
    assert not found, "\n".join(found)


# Addresses inside Material's bundle that our site never reaches, each with the reason and the test that proves it.
THEME_ALLOWED = {
    "https://unpkg.com/resize-observer-polyfill": "loaded only by browsers without ResizeObserver (none since 2020)",
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js": "loaded only for Mermaid diagrams; test_no_mermaid_diagrams",
    "https://api.github.com/repos/${e}/${t}": "repository facts; our source partial drops the component (test below)",
    "https://api.github.com/users/${e}": "repository facts; our source partial drops the component (test below)",
}


def test_js_loads_no_outside_resource(site):
    found = []
    for js in site.rglob("*.js"):
        for url in JS_FETCH.findall(js.read_text()):
            theme_bundle = js.name.startswith("bundle.") and js.parent.name == "javascripts"
            if not (theme_bundle and url in THEME_ALLOWED):
                found.append(f"{js.relative_to(site)}: {url}")
    assert not found, "\n".join(found)


def test_no_mermaid_diagrams(site):
    for page in html_pages(site):
        assert 'class="mermaid"' not in page.read_text(), page


def test_search_index_inlined_for_file_urls(site):
    """The offline plugin's inlined index and our pinned worker shim are both present."""
    assert (site / "search" / "search_index.js").read_text().startswith("var __index =")
    shim = site / "assets" / "javascripts" / "iframe-worker-shim.js"
    assert shim.is_file()
    index = (site / "index.html").read_text()
    assert "assets/javascripts/iframe-worker-shim.js" in index and "unpkg" not in index


def test_no_repository_api_component(site):
    """The repository link must not ask the theme to fetch facts from an outside API."""
    for page in html_pages(site):
        assert 'data-md-component="source"' not in page.read_text(), page
