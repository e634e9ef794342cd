"""The Nu HTML Checker (vnu-jar, pinned in package.json, run with Java) reports zero errors on the built site."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from helpers import ROOT, in_ci

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Messages we filter, each with its reason.
FILTERED: dict[str, str] = {
    "Attribute \u201cautocomplete\u201d is only allowed when the input type is": "Material's base.html sets "
    "autocomplete=off on its drawer and search checkboxes on purpose: some browsers "
    "restore a checked drawer on back navigation otherwise. The override keeps the theme's markup.",
}


def _java() -> str:
    java = shutil.which("java")
    if java:
        return java
    message = "Java not found: install it (apt-get install default-jre-headless) to run the Nu HTML checker."
    if in_ci():
        pytest.fail(message)
    pytest.skip(message)


@pytest.mark.slow
def test_nu_html_checker_reports_no_errors(site):
    assert VNU.is_file(), "vnu.jar missing: run `make setup` (npm ci)"
    command = [_java(), "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", str(site)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert checked_pages(site) > 40
    messages = nu_messages(result)
    errors = [m for m in messages if not any(key in m.get("message", "") for key in FILTERED)]
    report = "\n".join(
        f"{m.get('url', '?').split(str(site))[-1]}:{m.get('lastLine', '?')}: {m.get('message')}" for m in errors
    )
    assert not errors, f"{len(errors)} HTML errors:\n{report}"
    assert result.returncode == 0 or messages, f"the Nu checker exited {result.returncode} without reporting why"


def checked_pages(site) -> int:
    return len(list(site.rglob("*.html")))


def nu_messages(result: subprocess.CompletedProcess) -> list[dict]:
    """The checker's JSON messages. It always prints a JSON object, even with nothing to report, so output that does
    not parse (a crash, a missing jar, a wrong Java) or an exit code other than 0 (valid) or 1 (errors) fails."""
    output = f"exit {result.returncode}\nstdout: {result.stdout[-2000:]}\nstderr: {result.stderr[-2000:]}"
    assert result.returncode in (0, 1), f"the Nu checker failed:\n{output}"
    try:
        messages = json.loads(result.stderr)["messages"]
    except (ValueError, KeyError, TypeError):
        pytest.fail(f"the Nu checker printed nothing parseable:\n{output}")
    assert isinstance(messages, list), output
    if result.returncode == 1:
        assert messages, f"the Nu checker exited 1 with no messages:\n{output}"
    return messages


@pytest.mark.parametrize(
    "returncode, stderr, problem",
    [
        (0, "", "nothing parseable"),
        (1, "", "nothing parseable"),
        (1, '{"messages": []}', "exited 1 with no messages"),
        (2, '{"messages": []}', "the Nu checker failed"),
        (0, "Error: Unable to access jarfile", "nothing parseable"),
    ],
)
def test_a_checker_that_fails_or_prints_nothing_fails_the_test(returncode, stderr, problem):
    result = subprocess.CompletedProcess([], returncode, "", stderr)
    with pytest.raises((AssertionError, pytest.fail.Exception), match=problem):
        nu_messages(result)
