"""Page weight for the benchmark: which files a page loads as it opens, and their sizes raw and gzipped.

Used by scripts/bench.py.
"""

from __future__ import annotations

import gzip
import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

from bench_sites import BenchError


class PageRefs(HTMLParser):
    """What a page loads as it opens: local stylesheets, icons, scripts and images; and Material's config."""

    def __init__(self):
        super().__init__()
        self.urls, self.config, self._in_config = [], "", False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and set((attrs.get("rel") or "").split()) & {"stylesheet", "icon", "preload", "modulepreload"}:
            self.urls.append(attrs.get("href"))
        elif tag in ("script", "img") and attrs.get("src"):
            self.urls.append(attrs["src"])
        self._in_config = tag == "script" and attrs.get("id") == "__config"

    def handle_endtag(self, tag):
        self._in_config = False

    def handle_data(self, data):
        self.config += data if self._in_config else ""


def local(site: Path, page: str, url: str | None) -> Path | None:
    """The site file a reference from `page` points at; None for data: and off-site URLs."""
    if not url or re.match(r"^([a-z][a-z0-9+.-]*:|//)", url):
        return None
    path = site / posixpath.normpath(posixpath.join(posixpath.dirname(page), re.split(r"[?#]", url)[0]))
    if not path.is_file():
        raise BenchError(f"{page} references {url}, which is not in the built site {site}.")
    return path


def first_view(site: Path, page: str) -> tuple[list[Path], list[Path]]:
    """The page and the files its HTML references; then the search worker and index, which Material's
    bundle fetches as the page opens when it has a search form."""
    refs = PageRefs()
    refs.feed((site / page).read_text(encoding="utf-8"))
    static = [site / page, *sorted({p for p in (local(site, page, u) for u in refs.urls) if p})]
    config = json.loads(refs.config or "{}")
    if not config.get("search"):
        return static, []
    index = posixpath.join(config.get("base", "."), "search/search_index.json")
    return static, [local(site, page, config["search"]), local(site, page, index)]


def kb(paths: list[Path], gzipped: bool) -> float:
    """Total size in KB, raw or with each file gzipped at level 9."""
    return sum(len(gzip.compress(p.read_bytes(), 9, mtime=0)) if gzipped else p.stat().st_size for p in paths) / 1024
