"""Every link and resource in the built site resolves: files exist and #fragments match an id on the target page."""

from __future__ import annotations

from functools import lru_cache

from helpers import html_pages
from site_html import parse, resolve


def test_every_href_and_src_resolves(site):
    cache = lru_cache(maxsize=None)(parse)
    broken = []
    checked = 0
    # 404.html is served by the host at any missing address, so the theme gives it absolute links on purpose.
    for page in (p for p in html_pages(site) if p.name != "404.html"):
        refs = cache(page)
        for url in refs.links + refs.resources:
            if not (url or "").strip():  # href="" reloads the page itself: a link that goes nowhere
                broken.append(f"{page.relative_to(site)}: an empty link or resource address")
                continue
            target, fragment = resolve(site, page, url)
            if target is None:
                continue
            checked += 1
            rel = page.relative_to(site)
            if not str(target).startswith(str(site.resolve())):
                broken.append(f"{rel}: '{url}' points outside the site")
            elif not target.is_file():
                broken.append(f"{rel}: '{url}' -> missing file {target.relative_to(site.resolve())}")
            elif fragment and target.suffix == ".html" and fragment not in cache(target).ids:
                broken.append(f"{rel}: '{url}' -> no id '{fragment}' on {target.relative_to(site.resolve())}")
    assert checked > 1000, f"only {checked} links checked: is the site empty?"
    assert not broken, "broken links:\n" + "\n".join(broken)
