"""The hazard log: every critical and major safety finding has a hazard, every control is verified, and every
vignette or test a control names exists."""

from __future__ import annotations

import ast
import re

import pytest

from conftest import ROOT, content_errors
from macros.content.load import load_content

# The November 2026 clinical review's critical (F1-F4) and major safety findings (section 2), and the December 2026
# review's critical (C1-C3) and major checker findings (M1-M7).
NOVEMBER = {f"F{n}" for n in range(1, 15)} | {"F19"}
DECEMBER = {f"C{n}" for n in range(1, 4)} | {f"M{n}" for n in range(1, 8)}
SAFETY_FINDINGS = NOVEMBER | DECEMBER


def _tests_defined() -> set[str]:
    """Every 'tests/test_x.py::test_name' defined at module level, read from the source, not imported."""
    found = set()
    for path in (ROOT / "tests").glob("test_*.py"):
        tree = ast.parse(path.read_text())
        found |= {
            f"tests/{path.name}::{node.name}"
            for node in tree.body
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
        }
    return found


def test_every_safety_finding_has_a_hazard():
    hazards = load_content(ROOT / "content").hazards
    covered = {f for h in hazards.values() for f in h.data["review_findings"]}
    assert SAFETY_FINDINGS <= covered, f"no hazard for {sorted(SAFETY_FINDINGS - covered)}"


def test_every_control_names_tests_that_exist():
    defined = _tests_defined()
    for hazard in load_content(ROOT / "content").hazards.values():
        for control in hazard.data["controls"]:
            assert control.get("vignettes") or control.get("tests"), f"{hazard.id}: unverified control"
            for name in control.get("tests", []):
                assert name in defined, f"{hazard.id} names the test {name}, which does not exist"


@pytest.mark.parametrize(
    "name, edit, expected",
    [
        (
            "unverified control",
            lambda text: text.replace(
                "      tests: [tests/test_safety_wording.py::test_unsafe_wordings_from_the_review_are_gone]\n"
                "  residual_likelihood: very low\n\n- id: haz-08",
                "  residual_likelihood: very low\n\n- id: haz-08",
                1,
            ),
            ["haz-07.controls[0]", "not verified by any vignette or test"],
        ),
        (
            "unknown vignette",
            lambda text: text.replace("dvt-one-swollen-calf-alone,", "dvt-one-swollen-calf-alone-typo,", 1),
            ["haz-01.controls[0].vignettes[1]", "dvt-one-swollen-calf-alone-typo", "does not exist"],
        ),
        (
            "bad severity",
            lambda text: text.replace("severity: major", "severity: bad", 1),
            ["haz-01.severity", "catastrophic"],
        ),
    ],
)
def test_bad_hazard_log_is_rejected_naming_file_and_field(content_copy, name, edit, expected):
    path = content_copy / "safety" / "hazards.yml"
    text = path.read_text()
    changed = edit(text)
    assert changed != text, f"{name}: the fixture did not change the file"
    path.write_text(changed)
    message = content_errors(content_copy)
    assert re.search(r"content/safety/hazards\.yml:\d+:", message), message
    for part in expected:
        assert part in message, f"{name}: expected {part!r} in:\n{message}"


HAZARD_PAGES = ("about/hazard-log.html", "about/hazard-log-design.html")


def test_every_hazard_is_on_exactly_one_hazard_log_page(site):
    """The log is split by topic over two pages: each hazard is shown once, on the page of its topic."""
    hazards = load_content(ROOT / "content").hazards
    shown = {
        page: set(re.findall(r'<section class="calf-hazard" id="(haz-\d\d)"', (site / page).read_text()))
        for page in HAZARD_PAGES
    }
    clinical, design = (shown[page] for page in HAZARD_PAGES)
    assert not clinical & design, f"on both pages: {sorted(clinical & design)}"
    assert clinical | design == set(hazards), f"on neither page: {sorted(set(hazards) - clinical - design)}"
    for page, topic in zip(HAZARD_PAGES, ("clinical", "design"), strict=True):
        wrong = sorted(h for h in shown[page] if hazards[h].data["topic"] != topic)
        assert not wrong, f"{page} shows hazards of another topic: {wrong}"
