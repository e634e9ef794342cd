"""Shared fixtures: a real strict build of the site (once per session), project copies to break, a browser.

Plain helpers are in helpers.py.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

# Helpers live in helpers.py. These names are imported here too, because some modules still use
# `from conftest import ROOT, content_errors`; new code imports from helpers.
from helpers import ROOT, content_errors, copy_project, html_pages, run_build  # noqa: F401
from macros.pipeline.buildsite import build_command

SITE_FIXTURES = {"site", "site_build", "base_url"}  # the tests that need the session's built site


def pytest_collection_modifyitems(items):
    """Mark every test that runs a real build (the session site, a served site or a project copy) with `build`,
    and every test that uses the browser or the served site with `browser`, so `make test-fast` leaves it out."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if (SITE_FIXTURES | {"project_copy"}) & fixtures:
            item.add_marker(pytest.mark.build)
        if {"browser", "base_url", "driver"} & fixtures:
            item.add_marker(pytest.mark.browser)


def pytest_sessionstart(session):
    """Each session loads content/ and its schemas afresh, then reuses them (the loader caches both until a file
    changes). mutmut forks every mutant's run from a process whose caches hold the unmutated content: without this,
    a mutant in the loader would be invisible to every test that reads the real content."""
    from macros.content import load, schemas

    load._cache.clear()
    schemas._validator.cache_clear()


def pytest_runtest_setup(item):
    """While mutmut maps tests to the functions they reach (MUTANT_UNDER_TEST=stats), every test loads content/ itself,
    so each one is mapped to the loader's functions, not only the first test that filled the cache."""
    if os.environ.get("MUTANT_UNDER_TEST") == "stats":
        from macros.content import load, schemas

        load._cache.clear()
        schemas._validator.cache_clear()


# Run by a small Python process beside the build: it writes the build's exit status and output to a JSON file, whole
# (written under another name, then renamed), so whoever needs the site only waits for that file to appear.
_RECORD = (
    "import json, os, subprocess, sys; r = subprocess.run(sys.argv[2:], capture_output=True, text=True); "
    "open(sys.argv[1] + '.part', 'w').write(json.dumps([r.returncode, r.stdout, r.stderr])); "
    "os.replace(sys.argv[1] + '.part', sys.argv[1])"
)
_STARTED: list[subprocess.Popen] = []


def _shared(config) -> Path:
    """The folder of this run that every xdist worker sees (the pattern pytest-xdist documents), else the session's."""
    base = config._tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def _start_site_build(config) -> Path:
    """Start the one build of the site for this run, in the background, unless a worker already has."""
    shared = _shared(config)
    with open(shared / "site-build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (shared / "site-build.started").exists():
            (shared / "site-build.started").touch()
            command = [sys.executable, "-c", _RECORD, str(shared / "site-build.json"), *build_command(shared / "site")]
            env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
            _STARTED.append(subprocess.Popen(command, cwd=ROOT, env=env))
    return shared


def pytest_collection_finish(session):
    """When a selected test needs the built site, its build starts now, while the tests that do not need it run."""
    needed = any(SITE_FIXTURES & set(getattr(item, "fixturenames", ())) for item in session.items)
    if needed and not session.config.option.collectonly:
        _start_site_build(session.config)


def pytest_sessionfinish(session):
    for process in _STARTED:
        process.wait()  # another worker may still be waiting for it


@pytest.fixture(scope="session")
def site_build(request):
    """The real site, built once per run from content/ with the real CLI (helpers.run_build's command): (site
    folder, the build's output). Started in the background as soon as the tests are collected, and shared by the
    xdist workers of the run, so `make test` builds the site once, not once per core, and no core waits idle for it.
    Tests only read it."""
    shared = _start_site_build(request.config)
    record, waited = shared / "site-build.json", time.monotonic()
    while not record.exists():
        assert time.monotonic() - waited < 900, "the site build did not finish within 15 minutes"
        time.sleep(0.1)
    returncode, stdout, stderr = json.loads(record.read_text())
    assert returncode == 0, f"strict build failed:\n{stdout}\n{stderr}"
    return shared / "site", stdout + stderr


@pytest.fixture(scope="session")
def site(site_build) -> Path:
    """The real site, built once from content/ with the real CLI."""
    return site_build[0]


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A throwaway copy of the project to break on purpose: content/ and mkdocs.yml copied, the code linked."""
    return copy_project(tmp_path / "project")


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A throwaway copy of content/ for the loader tests to break."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path / "content"


@pytest.fixture(scope="session")
def driver():
    """Playwright's sync API, started once per session: the shared browser and any test's own browser come from it."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(driver):
    """Debian's Chromium through Playwright, shared by the browser test modules (skips or fails if missing)."""
    from browser import launched_browser

    with launched_browser(driver) as context:
        yield context


@pytest.fixture(scope="session")
def base_url(site):
    """The built site served on 127.0.0.1."""
    from browser import served

    with served(site) as url:
        yield url
