"""The installable site in the built output, without a browser: the manifest Chromium reads, and the service worker's
precache list (macros/pipeline/offline.py), which must hold every page, script, style, figure and the search index,
each with a content hash, none of what a reader never needs, and stay under about 2 MB compressed.
The browser side (offline after one visit, the update offer, the 30-day note) is tests/test_offline_browser.py."""

from __future__ import annotations

import gzip
import json
import re

from macros.pipeline.offline import EDITION, MANIFEST, WORKER

# The precache list in the generated worker: precacheAndRoute([{"url": "about/index.html", "revision": "0764…"}, …], …)
# (revision null when the name already carries the hash).
ENTRIES = re.compile(r"precacheAndRoute\((\[.*?\]), \{", re.S)
INSTALL_LIMIT = 2 * 1024 * 1024  # the "about 2 MB compressed"


def precached(site) -> dict[str, str]:
    """The worker's precache list: address -> revision ('null' for fingerprinted files)."""
    found = ENTRIES.search((site / WORKER).read_text(encoding="utf-8"))
    assert found, f"{WORKER}: no precache list found (has site_overrides/fragments/service-worker.js changed?)"
    entries = {entry["url"]: entry["revision"] or "null" for entry in json.loads(found.group(1))}
    assert entries, f"{WORKER}: an empty precache list"
    return entries


def test_manifest_is_installable_and_relative(site):
    """Name, icons from our SVG, colours, start_url and display; every address relative, so a project site's sub-path
    works. (offline.js links it over http(s): test_offline_browser.py checks Chromium reads it.)"""
    data = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
    assert data["name"] == "Calf Pain Guide" and data["short_name"]
    assert data["display"] == "standalone" and data["theme_color"].startswith("#")
    assert (site / data["start_url"]).is_file(), "start_url is a built page"
    assert not any(value.startswith("/") for value in (data["start_url"], data["scope"], data["id"]))
    purposes = {icon["purpose"] for icon in data["icons"]}
    assert purposes == {"any", "maskable"}
    for icon in data["icons"]:
        assert (site / icon["src"]).read_text(encoding="utf-8").lstrip().startswith("<svg"), icon["src"]


def test_worker_precaches_every_page_script_style_figure_and_the_search_index(site):
    entries = precached(site)
    wanted = {
        path.relative_to(site).as_posix()
        for pattern in ("**/*.html", "assets/**/*.js", "assets/**/*.css", "figures/*.svg", "assets/images/*")
        for path in site.glob(pattern)
        # Lunr's other languages are left out; Workbox's modules are the worker's own scripts (importScripts).
        if not path.relative_to(site).as_posix().startswith(("assets/javascripts/lunr/", "assets/javascripts/workbox/"))
    } | {"search/search_index.json", MANIFEST, EDITION}
    assert wanted - set(entries) == set(), "missing from the offline copy"
    for url, revision in entries.items():
        # Content hashes: an md5 revision, or a fingerprinted name (Material's bundle.a5f9d56c.min.js).
        assert revision != "null" or re.search(r"\.[0-9a-f]{8}\.min\.(js|css)$", url), url


def test_worker_leaves_out_what_readers_never_need(site):
    entries = precached(site)
    needless = [u for u in entries if u.endswith((".map", ".zip", ".pdf")) or u.startswith("api/")]
    needless += [u for u in entries if "/lunr/" in u or u in ("sw.js", "search/search_index.js")]
    assert needless == []
    assert all((site / url).is_file() for url in entries), "every precached address is a built file"


def test_installing_downloads_at_most_about_2_mb_compressed(site):
    compressed = sum(len(gzip.compress((site / url).read_bytes(), 6)) for url in precached(site))
    worker = [site / WORKER, *sorted((site / "assets/javascripts/workbox").glob("*.js"))]
    assert len(worker) == 5, "the worker and Workbox's four modules"
    compressed += sum(len(gzip.compress(path.read_bytes(), 6)) for path in worker)
    print(f"offline copy: {compressed / 1024:.0f} KiB gzip")
    assert compressed <= INSTALL_LIMIT, f"the offline copy is {compressed / 1024:.0f} KiB compressed"


def test_edition_date_is_the_build_date(site_build):
    site, output = site_build
    built = json.loads((site / EDITION).read_text(encoding="utf-8"))["built"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", built)
    assert f"{WORKER} precaches" in output, "the build reports the offline step"
