"""The installable, offline site: a post-build step that writes the web app manifest, the edition file and the service
worker into a built site. Run after the CSP step (make build does): `python -m macros.pipeline.offline SITE_DIR`.

The worker is Workbox's: its precaching modules (workbox-core, -routing, -strategies, -precaching, pinned in
package.json and shipped with the site, see staged.VENDORED) do the caching, the cleanup of outdated caches and the
routing. This step writes only what Workbox's `workbox-build` would add: the precache list, every page, script, style,
figure and the search index, each with an md5 of its bytes (the revision), so a new deploy downloads only the files that
changed. `workbox-build` itself (about 180 npm packages, 75 MB with its bundler) is not needed for that, and every
`make build` and `make serve` would install it. What the copy may not hold (source maps, the unused search languages,
the JSON API, the downloadable edition) is listed here; tests/test_offline.py checks the list against the built site.

The site's own script (site_overrides/assets/javascripts/offline.js) registers the worker over http(s) only; from
file:// the site already works and nothing here runs. Under `mkdocs serve` (live preview) hooks.py writes a worker that
removes itself instead, so a preview is never served from a cache.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import re
import sys
from pathlib import Path

from ..base import clock
from ..base.fragments import environment

MANIFEST = "manifest.webmanifest"
EDITION = "edition.json"  # the copy's date, read by offline.js for the 30-day banner (precached with the pages)
WORKER = "sw.js"
ICON = "assets/images/icon.svg"
THEME_COLOUR = "#303f9f"  # the header's indigo, as the icon's background
# What goes into the offline copy, by file type ...
PRECACHE = (".html", ".js", ".css", ".svg", ".png", ".ico", ".json", ".webmanifest", ".woff", ".woff2")
# ... and what does not: debugging maps, Lunr's other languages (the guide is English), the JSON API (for programs,
# not pages), the search index's file:// twin (iframe-worker reads it; over http the worker fetches the .json), the
# downloadable edition and print PDF (download/edition.js, which describes them, is kept), and the worker itself with
# Workbox's modules (the browser keeps those with the worker).
NOT_PRECACHED = (
    "*.map",
    "assets/javascripts/lunr/*",
    "api/*",
    "search/search_index.js",
    "*.zip",
    "*.pdf",
    "sitemap.xml*",
    WORKER,
    "assets/javascripts/workbox/*",
)
# Material's fingerprinted bundle and stylesheets (a hash in each name): their name changes with their content.
HASHED_NAMES = re.compile(r"\.[0-9a-f]{8}\.min\.(js|css)$")
# A file this large is a mistake (the search index is 0.6 MB at 33 cards, 5.5 MB at 1,000): the build stops, naming it.
LARGEST = 16 * 1024 * 1024


def manifest(site_name: str, description: str) -> dict:
    """The web app manifest. Every address is relative to the manifest, so it works under a project site's sub-path."""
    icon = {"src": ICON, "sizes": "any", "type": "image/svg+xml"}
    return {
        "id": "./",
        "name": site_name,
        "short_name": "Calf Guide",
        "description": description,
        "lang": "en",
        "start_url": "./index.html",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": [{**icon, "purpose": "any"}, {**icon, "purpose": "maskable"}],
    }


def precache_list(site: Path) -> list[dict]:
    """Workbox's precache entries, sorted by address: {url, revision}; revision None when the name carries the hash."""
    entries = []
    for path in sorted(site.rglob("*")):
        url = path.relative_to(site).as_posix()
        if not path.is_file() or not url.endswith(PRECACHE):
            continue
        if any(fnmatch.fnmatch(url, pattern) for pattern in NOT_PRECACHED):
            continue
        data = path.read_bytes()
        if len(data) > LARGEST:
            raise ValueError(
                f"{url} is {len(data) / 2**20:.1f} MB, too large for the offline copy (at most 16 MB). "
                "Fix: make the file smaller, or add it to NOT_PRECACHED in macros/pipeline/offline.py."
            )
        revision = None if HASHED_NAMES.search(url) else hashlib.md5(data, usedforsecurity=False).hexdigest()
        entries.append({"url": url, "revision": revision})
    return entries


def write(site: Path, site_name: str, description: str) -> dict:
    """Write the manifest, the edition file and the worker into `site`; a summary (count, size in bytes)."""
    (site / MANIFEST).write_text(json.dumps(manifest(site_name, description), indent=2) + "\n", encoding="utf-8")
    (site / EDITION).write_text(json.dumps({"built": clock.build_date().isoformat()}) + "\n", encoding="utf-8")
    entries = precache_list(site)
    worker = environment().get_template("service-worker.js").render(entries=entries)
    (site / WORKER).write_text(worker, encoding="utf-8")
    return {"count": len(entries), "size": sum((site / entry["url"]).stat().st_size for entry in entries)}


def main(site_dir: str | Path, project: str | Path = ".") -> int:
    """The offline step for a site built from `project`; prints a one-line summary. Returns the exit status."""
    from .siteconfig import load_config

    site = Path(site_dir)
    if not (site / "index.html").is_file():
        print(f"macros.pipeline.offline: no index.html in {site}. Fix: build the site first.", file=sys.stderr)
        return 1
    config = load_config(Path(project))
    try:
        summary = write(site, config.site_name, config.site_description)
    except ValueError as error:
        print(f"macros.pipeline.offline: {error}", file=sys.stderr)
        return 1
    kib = summary["size"] / 1024
    print(f"macros.pipeline.offline: {WORKER} precaches {summary['count']} files ({kib:.0f} KiB uncompressed)")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("Usage: python -m macros.pipeline.offline SITE_DIR", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
