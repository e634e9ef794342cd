"""The Nu HTML Checker (vnu-jar, pinned in package.json, run with Java) reports zero errors on the built site."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Messages we filter, each with its reason. Empty today: every page must validate as it is.
FILTERED: dict[str, str] = {}


def _java() -> str:
    java = shutil.which("java")
    if java:
        return java
    message = "Java not found: install it (apt-get install default-jre-headless) to run the Nu HTML checker."
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.mark.slow
def test_nu_html_checker_reports_no_errors(site):
    assert VNU.is_file(), "vnu.jar missing: run `make setup` (npm ci)"
    result = subprocess.run([_java(), "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", str(site)],
                            capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    checked = len(list(site.rglob("*.html")))
    errors = [m for m in messages if not any(key in m.get("message", "") for key in FILTERED)]
    report = "\n".join(f"{m.get('url', '?').split(str(site))[-1]}:{m.get('lastLine', '?')}: {m.get('message')}" for m in errors)
    assert checked > 40
    assert not errors, f"{len(errors)} HTML errors:\n{report}"
