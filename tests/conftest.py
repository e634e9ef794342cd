"""Shared fixtures: a real strict build of the site (once per session) and throwaway project copies for failure cases."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).parent / "mkdocs"
PROJECT_PARTS = ("mkdocs.yml", "content")  # copied: the failure cases break these
LINKED_PARTS = ("macros", "site_overrides", "node_modules")  # only read by a build: linked, never written


def run_build(project: Path, site: Path, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real MkDocs CLI, strict, exactly as `make build` does."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run([str(MKDOCS), "build", "--strict", "--site-dir", str(site), *extra], cwd=project,
                          capture_output=True, text=True, env=environment, timeout=600)


def pytest_collection_modifyitems(items):
    """Mark every test that runs a real build (the session site, a served site or a project copy) with `build`."""
    for item in items:
        if {"site", "base_url", "project_copy"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.build)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once from content/ with the real CLI."""
    out = tmp_path_factory.mktemp("site")
    result = run_build(ROOT, out)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return out


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A throwaway copy of the project to break on purpose: content/ and mkdocs.yml copied, the code linked."""
    copy = tmp_path / "project"
    copy.mkdir()
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, copy / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, copy / part)
    for part in LINKED_PARTS:
        (copy / part).symlink_to(ROOT / part)
    return copy


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A throwaway copy of content/ for the loader tests to break."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path / "content"


def content_errors(content_dir: Path) -> str:
    """The validator's message for a content folder that must be rejected."""
    from macros.content import load_content
    from macros.errors import ContentErrors

    with pytest.raises(ContentErrors) as caught:
        load_content(content_dir)
    message = str(caught.value)
    assert "Traceback" not in message
    return message


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


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html"))
