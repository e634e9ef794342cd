"""Plain helpers shared by the test modules: paths, the real build command, content errors, built pages.

Fixtures live in conftest.py; import these with `from helpers import ...` (pytest's advice: conftest is for fixtures).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).parent / "mkdocs"
PROJECT_PARTS = ("mkdocs.yml", "content")  # copied into a throwaway project: the failure cases break these
LINKED_PARTS = ("macros", "site_overrides", "node_modules")  # only read by a build: linked, never written


def in_ci() -> bool:
    """True on CI (CI=true), where a missing browser or Java is a failure instead of a skip."""
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def run_build(project: Path, site: Path, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real MkDocs CLI, strict, then the CSP step (macros/csp.py), exactly as `make build` does.

    A failed MkDocs build is returned as it is; after a good one, the result carries both steps' output and the
    CSP step's exit status."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    built = subprocess.run([str(MKDOCS), "build", "--strict", "--site-dir", str(site), *extra], cwd=project,
                           capture_output=True, text=True, env=environment, timeout=600)
    if built.returncode != 0:
        return built
    secured = subprocess.run([sys.executable, "-m", "macros.csp", str(site)], cwd=project, capture_output=True,
                             text=True, env=environment, timeout=600)
    return subprocess.CompletedProcess(built.args, secured.returncode, built.stdout + secured.stdout,
                                       built.stderr + secured.stderr)


def content_errors(content_dir: Path) -> str:
    """The validator's message for a content folder that must be rejected."""
    from macros.content import load_content
    from macros.errors import ContentErrors

    with pytest.raises(ContentErrors) as caught:
        load_content(content_dir)
    message = str(caught.value)
    assert "Traceback" not in message
    return message


def html_pages(site: Path) -> list[Path]:
    """Every built HTML page, sorted."""
    return sorted(site.rglob("*.html"))
