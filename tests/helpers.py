"""Plain helpers shared by the test modules: paths, the real build command, content errors, built pages.

Fixtures live in conftest.py; import these with `from helpers import ...` (pytest's advice: conftest is for fixtures).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from macros.pipeline.buildsite import build_command

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).parent / "mkdocs"
ZENSICAL = Path(sys.executable).parent / "zensical"
PROJECT_PARTS = ("mkdocs.yml", "content")  # copied into a throwaway project: the failure cases break these
LINKED_PARTS = ("macros", "site_overrides", "node_modules")  # only read by a build: linked, never written


def copy_project(copy: Path, source_root: Path = ROOT) -> Path:
    """A throwaway project at `copy`: content/ and mkdocs.yml copied from `source_root` (to break on purpose), the
    code linked to the real tree."""
    copy.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = source_root / part
        if source.is_dir():
            shutil.copytree(source, copy / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, copy / part)
    for part in LINKED_PARTS:
        (copy / part).symlink_to(ROOT / part)
    return copy


def in_ci() -> bool:
    """True on CI (CI=true), where a missing browser or Java is a failure instead of a skip."""
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def run_build(project: Path, site: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Build `project` into `site` exactly as `make build` does (macros/pipeline/buildsite.py: stage, strict MkDocs, CSP
    step, in one process)."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        build_command(site), cwd=project, capture_output=True, text=True, env=environment, timeout=600
    )


def run_check(project: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Validate `project` exactly as `make check` (and pre-commit) does: python -m macros.pipeline.stage --check."""
    return subprocess.run(
        [sys.executable, "-m", "macros.pipeline.stage", "--check"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


def content_errors(content_dir: Path) -> str:
    """The validator's message for a content folder that must be rejected."""
    from macros.base.errors import ContentErrors
    from macros.content.load import load_content

    with pytest.raises(ContentErrors) as caught:
        load_content(content_dir)
    message = str(caught.value)
    assert "Traceback" not in message
    return message


def html_pages(site: Path) -> list[Path]:
    """Every built HTML page, sorted."""
    return sorted(site.rglob("*.html"))
