"""Shared fixtures: a real strict build of the site (once per session), project copies to break, a browser.

Plain helpers are in helpers.py.
"""

from __future__ import annotations

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
        if {"browser", "base_url", "driver"} & fixtures:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def site_build(tmp_path_factory):
    """The real site, built once from content/ with the real CLI: (site folder, the build's output)."""
    out = tmp_path_factory.mktemp("site")
    result = run_build(ROOT, out)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return out, result.stdout + result.stderr


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
