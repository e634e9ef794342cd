"""The downloadable edition (macros/pipeline/download.py): the zip holds the whole site but download/, is dated by the
commit and not the wall clock, is the same bytes for the same commit, works unzipped from file://, and the download
page states its real size and date. The printable guide and its PDF are in test_print.py."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import subprocess
import zipfile

import pytest

from browser import CSP_LISTENER, settle
from helpers import ROOT, html_pages
from macros.pipeline.buildsite import build_command
from macros.pipeline.download import ZIP_EPOCH, add_download, source_epoch

EDITION_JS = re.compile(r"window\.calfEdition = (\{.*\});")


def _commit_time() -> int:
    out = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%ct"], capture_output=True, text=True)
    return int(out.stdout.strip())


def _the_zip(site):
    found = sorted((site / "download").glob("calf-pain-guide-*.zip"))
    assert len(found) == 1, f"one zip in download/: {found}"
    return found[0]


def _edition(site) -> dict:
    return json.loads(EDITION_JS.search((site / "download" / "edition.js").read_text()).group(1))


def test_the_date_comes_from_source_date_epoch_else_the_last_commit_else_today(tmp_path):
    assert source_epoch(ROOT, {"SOURCE_DATE_EPOCH": "1700000000"}) == 1700000000
    assert source_epoch(ROOT, {}) == _commit_time()
    midnight = dt.datetime.combine(dt.datetime.now(dt.UTC).date(), dt.time(), dt.UTC)
    assert source_epoch(tmp_path, {}) == int(midnight.timestamp()), "no git history: the start of today (UTC)"


def test_the_zip_holds_every_file_of_the_site_but_download_under_one_dated_folder(site):
    archive = _the_zip(site)
    commit_day = dt.datetime.fromtimestamp(int(os.environ.get("SOURCE_DATE_EPOCH") or _commit_time()), dt.UTC)
    stem = f"calf-pain-guide-{commit_day.date().isoformat()}"
    assert archive.name == f"{stem}.zip", "named by the commit's date, not the wall clock's"
    expected = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    # download/ holds the zip itself; the offline step (the worker, manifest and edition.json) runs after the zip.
    offline = {"sw.js", "manifest.webmanifest", "edition.json"}
    expected = [name for name in expected if not name.startswith("download/") and name not in offline]
    with zipfile.ZipFile(archive) as zipped:
        infos = zipped.infolist()
        names = [info.filename for info in infos]
        assert names == [f"{stem}/{name}" for name in expected], "every file, sorted, nothing of download/"
        for info in infos:
            assert zipped.read(info) == (site / info.filename.removeprefix(stem + "/")).read_bytes(), info.filename
            assert info.external_attr >> 16 == 0o100644, f"{info.filename}: mode {oct(info.external_attr >> 16)}"
            assert info.compress_type == zipfile.ZIP_DEFLATED
        assert len({info.date_time for info in infos}) == 1, "one timestamp for every entry"
    assert {"index.html", "search/search_index.js", "assets/javascripts/iframe-worker-shim.js"} <= set(expected)
    assert "offline.html" in expected and "print.html" in expected


def test_edition_js_states_the_real_size_and_checksum_of_the_zip(site):
    archive = _the_zip(site)
    edition = _edition(site)
    [entry] = [f for f in edition["files"] if f["kind"] == "zip"]
    assert entry["name"] == archive.name and entry["bytes"] == archive.stat().st_size
    assert entry["sha256"] == hashlib.sha256(archive.read_bytes()).hexdigest()
    assert archive.name == f"calf-pain-guide-{edition['date']}.zip"


def test_the_download_page_links_the_zip_and_states_this_copys_date(site):
    page = (site / "offline.html").read_text()
    archive = _the_zip(site)
    date = dt.date.fromisoformat(_edition(site)["date"])
    assert f'href="download/{archive.name}"' in page
    assert f'<time datetime="{date.isoformat()}">{date.day} {date:%B %Y}</time>' in page
    assert 'src="assets/javascripts/download.js"' in page


@pytest.mark.slow
@pytest.mark.build
def test_a_second_build_of_one_commit_gives_the_same_zip_bytes_and_site(site, tmp_path):
    """Built again on this commit, minutes after the session's site (conftest.py: the same command and environment,
    another folder): the same zip and the same site, file by file."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # what conftest's session build ran with
    again = tmp_path / "again"
    result = subprocess.run(build_command(again), cwd=ROOT, capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stderr
    one, two = _the_zip(site), _the_zip(again)
    assert one.name == two.name
    assert one.read_bytes() == two.read_bytes(), "the same commit must give the same zip bytes"
    files = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    differ = [str(f) for f in files if (site / f).read_bytes() != (again / f).read_bytes()]
    assert not differ, f"files that differ between two builds of one commit: {differ}"


def test_the_zip_is_named_and_stamped_by_source_date_epoch_not_the_wall_clock(tmp_path, monkeypatch):
    """The download step with another SOURCE_DATE_EPOCH (as buildsite.py sets it) names and stamps the zip by it."""
    (tmp_path / "index.html").write_text("<p>x</p>")
    monkeypatch.delenv("CALF_GUIDE_TODAY", raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(ZIP_EPOCH + 86400 * 10000))
    assert add_download(tmp_path) == 0
    archive = _the_zip(tmp_path)
    assert archive.name == "calf-pain-guide-2007-05-19.zip"
    with zipfile.ZipFile(archive) as zipped:
        assert [info.date_time for info in zipped.infolist()] == [(2007, 5, 19, 0, 0, 0)]
    assert _edition(tmp_path)["date"] == "2007-05-19"


@pytest.fixture(scope="module")
def unzipped(site, tmp_path_factory):
    folder = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(_the_zip(site)) as zipped:
        zipped.extractall(folder)
    [copy] = list(folder.iterdir())
    return copy


def test_the_unzipped_copy_passes_the_standalone_checks(unzipped):
    """tests/test_standalone.py's checks, run on the unzipped copy instead of the built site."""
    import test_standalone as standalone

    assert (unzipped / "index.html").is_file() and not (unzipped / "download").exists()
    for check in (
        standalone.test_html_loads_no_outside_resource,
        standalone.test_css_loads_no_outside_resource,
        standalone.test_js_loads_no_outside_resource,
        standalone.test_search_index_inlined_for_file_urls,
    ):
        check(unzipped)


@pytest.mark.browser
def test_the_unzipped_copy_works_from_file_urls(browser, unzipped):
    """Every page of the unzipped copy opened from file://: no request outside the folder, no console error, no CSP
    violation; then search, the checker, the library and My plan work (test_csp's tool walk), the pain diary and
    the figures show, and the download page says it is a downloaded copy."""
    from test_csp import NOT_FROM_DISK, _tools_work

    page = browser.new_page()
    problems: list[str] = []
    page.expose_function("__cspReport", lambda report: problems.append(f"CSP violation: {report}"))
    page.add_init_script(CSP_LISTENER)
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    inside = unzipped.as_uri()
    page.on("request", lambda r: None if r.url.startswith((inside, "data:", "blob:", "about:")) else problems.append(
        f"outside request: {r.url}"))  # fmt: skip
    url = lambda path: (unzipped / path).as_uri()  # noqa: E731
    try:
        paths = [p.relative_to(unzipped).as_posix() for p in html_pages(unzipped)]
        assert len(paths) > 40
        for path in (p for p in paths if p not in NOT_FROM_DISK):
            before = len(problems)
            page.goto(url(path), wait_until="load")
            settle(page.evaluate)
            problems[before:] = [f"{path}: {p}" for p in problems[before:]]
        _tools_work(page, url)
        page.goto(url("pain-diary.html"))
        assert page.locator("[data-calf-diary]").first.is_visible(), "the pain diary shows"
        page.goto(url("exercises/calf-raise-double.html"))
        assert page.locator("article svg").first.is_visible(), "the exercise figure shows"
        page.goto(url("exercises/index.html"))
        thumb = page.locator("article img.calf-row__thumb").first
        thumb.scroll_into_view_if_needed()
        thumb.evaluate("img => img.decode()")  # a thumbnail that is missing from the copy rejects here
        assert thumb.evaluate("img => img.naturalWidth") > 0, "the thumbnail figures load from the copy"
        page.goto(url("offline.html"))
        assert page.is_visible("[data-edition-offline]") and not page.is_visible("[data-edition-files]")
    finally:
        page.close()
    assert not problems, f"{len(problems)} problems from file://:\n" + "\n".join(problems)


@pytest.mark.browser
def test_the_served_download_page_states_the_zips_real_size_next_to_its_link(browser, base_url, site):
    archive = _the_zip(site)
    size = archive.stat().st_size
    page = browser.new_page()
    try:
        page.goto(base_url + "offline.html")
        facts = page.locator(".calf-edition__facts")
        page.wait_for_function("() => document.querySelector('[data-edition-size=zip]').textContent !== ''")
        text = facts.inner_text()
        date = dt.date.fromisoformat(_edition(site)["date"])
        assert f"{size / 1e6:.1f} MB ({size:,} bytes)" in text, text
        assert f"{date.day} {date:%B %Y}" in text, text
        link = page.locator("[data-edition-link=zip]")
        assert link.get_attribute("href") == f"download/{archive.name}"
        response = page.request.get(base_url + f"download/{archive.name}")
        assert response.ok and len(response.body()) == size, "the link leads to the zip itself"
        assert page.locator("[data-edition-sha256]").inner_text() == hashlib.sha256(archive.read_bytes()).hexdigest()
    finally:
        page.close()


def test_the_release_workflow_attaches_the_zip_and_the_pdf_built_from_the_tag():
    import yaml

    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "release.yml").read_text())
    assert flow[True]["push"]["tags"] == ["v*"], "runs on a pushed v* tag"  # YAML 1.1 reads the key `on` as True
    assert flow["permissions"] == {"contents": "write"}, "least permission: write the release, nothing else"
    runs = [step.get("run", "") for job in flow["jobs"].values() for step in job["steps"]]
    order = [next(i for i, run in enumerate(runs) if run.strip().startswith(cmd)) for cmd in ("make build", "make pdf")]
    assert order == sorted(order), "build before pdf"
    upload = next(run for run in runs if "gh release upload" in run)
    assert "calf-pain-guide-*.zip" in upload and "calf-pain-guide-*.pdf" in upload
