"""Shared fixtures: a real strict build of the site (once per session), project copies to break, a browser.

Plain helpers are in helpers.py.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from pathlib import Path

import pytest

# Helpers live in helpers.py. These names are imported here too, because some modules still use
# `from conftest import ROOT, content_errors`; new code imports from helpers.
from helpers import ROOT, content_errors, copy_project, html_pages, run_build  # noqa: F401


def pytest_collection_modifyitems(items):
    """Mark every test that runs a real build (the session site, a served site or a project copy) with `build`,
    and every test that uses the browser or the served site with `browser`, so `make test-fast` leaves it out."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if {"site", "site_build", "base_url", "project_copy"} & fixtures:
            item.add_marker(pytest.mark.build)
        if {"browser", "base_url"} & fixtures:
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


@pytest.fixture(scope="session")
def site_build(tmp_path_factory):
    """The real site, built once per run from content/ with the real CLI: (site folder, the build's output).

    The xdist workers of one run share it (the pattern pytest-xdist documents): the first worker to ask builds it
    while the others wait on a lock, so `make test` builds the site once, not once per core. Tests only read it."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = tmp_path_factory.getbasetemp().parent  # the run's folder, above each worker's own
    else:
        shared = tmp_path_factory.mktemp("shared")
    out, record = shared / "site", shared / "site-build.json"
    with open(shared / "site-build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not record.exists():
            result = run_build(ROOT, out)
            record.write_text(json.dumps([result.returncode, result.stdout, result.stderr]))
        returncode, stdout, stderr = json.loads(record.read_text())
    assert returncode == 0, f"strict build failed:\n{stdout}\n{stderr}"
    return out, stdout + stderr


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
def browser():
    """Debian's Chromium through Playwright, shared by the browser test modules (skips or fails if missing)."""
    from browser import launched_browser

    with launched_browser() as context:
        yield context


@pytest.fixture(scope="session")
def base_url(site):
    """The built site served on 127.0.0.1."""
    from browser import served

    with served(site) as url:
        yield url
