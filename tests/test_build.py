"""The strict build: it succeeds on the real content.

Each kind of mistake fails it with a message naming the file.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from helpers import ROOT, run_build
from macros.pipeline.buildsite import mkdocs_args

PAGE = "content/treat/pain-monitoring.md"


def _break(project, path, old, new):
    target = project / path
    text = target.read_text(encoding="utf-8")
    assert old in text, f"fixture anchor text not found in {path}"
    target.write_text(text.replace(old, new, 1), encoding="utf-8")


def _append(project, path, text):
    target = project / path
    target.write_text(target.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_real_site_builds_strictly(site_build, tmp_path):
    """The real site builds with MkDocs' --strict, and MkDocs warns about nothing (a warning is a broken link or
    anchor, which --strict turns into a failure; the stage's own notes, e.g. an overdue review, are not MkDocs')."""
    site, output = site_build
    assert (site / "index.html").is_file()
    assert (site / "exercises" / "calf-raise-double.html").is_file()
    assert "--strict" in mkdocs_args(ROOT, tmp_path), "the build must run MkDocs with --strict"
    warnings = [line for line in output.splitlines() if line.startswith(("WARNING -", "ERROR   -"))]
    assert not warnings, "MkDocs warned while building the real site:\n" + "\n".join(warnings)


@pytest.mark.slow  # one real build per case
@pytest.mark.parametrize(
    "name, change, expected",
    [
        (
            "broken link",
            lambda p: _append(p, PAGE, "\n[gone](no-such-page.md)\n"),
            ["treat/pain-monitoring.md", "no-such-page.md"],
        ),
        (
            "broken anchor",
            lambda p: _append(p, PAGE, "\n[gone](../red-flags.md#no-such-anchor)\n"),
            ["treat/pain-monitoring.md", "no-such-anchor"],
        ),
        (
            "undefined macro variable",
            lambda p: _append(p, PAGE, "\n{{ no_such_variable }}\n"),
            ["pain-monitoring.md", "no_such_variable"],
        ),
        (
            "unknown reference key",
            lambda p: _append(p, PAGE, '\nA claim {{ cite("no-such-source") }}.\n'),
            ["content/treat/pain-monitoring.md", "no-such-source", "content/references.yml"],
        ),
        (
            "unknown care card",
            lambda p: _append(p, PAGE, '\n{{ care_card("no-such-card") }}\n'),
            ["content/treat/pain-monitoring.md", "no-such-card"],
        ),
        (
            "unknown exercise card",
            lambda p: _append(p, PAGE, '\n{{ exercise_card("no-such-exercise") }}\n'),
            ["content/treat/pain-monitoring.md", "no-such-exercise"],
        ),
        (
            "unknown filter value",
            lambda p: _append(p, PAGE, '\n{{ exercise_list(tag="no-such-tag") }}\n'),
            ["content/treat/pain-monitoring.md", "no-such-tag", "warm-up"],
        ),
        ("jinja syntax error", lambda p: _append(p, PAGE, "\n{{ cite( }}\n"), ["pain-monitoring.md"]),
        (
            "missing review date",
            lambda p: _break(p, PAGE, "reviewed: 2026-11-25\n", ""),
            ["content/treat/pain-monitoring.md", "field 'reviewed': this required field is missing"],
        ),
        (
            "invalid review date",
            lambda p: _break(p, PAGE, "next_review: 2027-11-25", "next_review: soon"),
            ["content/treat/pain-monitoring.md", "'next_review'", "YYYY-MM-DD"],
        ),
        (
            "review dates out of order",
            lambda p: _break(p, PAGE, "next_review: 2027-11-25", "next_review: 2020-01-01"),
            ["content/treat/pain-monitoring.md", "not after 'reviewed'"],
        ),
        (
            "bad card",
            lambda p: _break(p, "content/exercises/calf-raise-double.yml", "sets: 3", "sets: three"),
            ["content/exercises/calf-raise-double.yml", "dose.sets", "whole number"],
        ),
    ],
)
def test_bad_input_fails_the_build_naming_the_file(project_copy, tmp_path, name, change, expected):
    change(project_copy)
    result = run_build(project_copy, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"{name}: the build passed but should fail"
    for text in expected:
        assert text in output, f"{name}: expected {text!r} in the build output:\n{output[-3000:]}"
    assert "Traceback" not in output, f"{name}: a traceback is not a message:\n{output[-3000:]}"


@pytest.mark.slow
def test_overdue_review_warns_but_builds(project_copy, tmp_path):
    result = run_build(project_copy, tmp_path / "out", env={"CALF_GUIDE_TODAY": "2030-01-01"})
    assert result.returncode == 0, result.stderr[-3000:]
    assert "content/treat/pain-monitoring.md: review overdue since 2027-11-25" in result.stderr


@pytest.mark.slow
def test_stray_jinja_in_card_text_is_shown_literally(project_copy, tmp_path):
    _break(
        project_copy,
        "content/exercises/calf-raise-double.yml",
        "Hold the top for one second.",
        "'Hold the top <b>for</b> {{ one }} {# second #}.'",
    )  # quoted: in YAML ' #' starts a comment
    result = run_build(project_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr[-3000:]
    html = (tmp_path / "out" / "exercises" / "calf-raise-double.html").read_text()
    assert "Hold the top &lt;b&gt;for&lt;/b&gt; {{ one }} {# second #}." in html
    assert "<b>for</b>" not in html


@pytest.mark.slow
def test_make_build_keeps_old_site_when_build_fails(project_copy):
    """`make build` builds into a temporary folder; a failed build leaves the previous site/ untouched."""
    for name in ("Makefile", "requirements-build.txt", "package.json", "package-lock.json"):
        shutil.copy2(ROOT / name, project_copy / name)
    (project_copy / ".venv").symlink_to(ROOT / ".venv")
    (project_copy / "site").mkdir()
    (project_copy / "site" / "marker.txt").write_text("previous good build")
    _append(project_copy, PAGE, "\n{{ no_such_variable }}\n")
    # -o: never redo setup here; node_modules and .venv are links to the real ones, and `npm ci` through the link
    # would empty the real node_modules.
    make = ["make", "-o", ".venv/.installed-build", "-o", "node_modules/.installed-ship", "build"]
    result = subprocess.run(
        make, cwd=project_copy, capture_output=True, text=True, timeout=600, env={**os.environ, "MAKEFLAGS": ""}
    )
    assert result.returncode != 0 and "no_such_variable" in result.stdout + result.stderr, result.stderr[-3000:]
    assert (project_copy / "site" / "marker.txt").read_text() == "previous good build"
