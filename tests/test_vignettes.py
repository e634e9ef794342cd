"""The vignette suite: written patients walked through the BUILT symptom checker by the contract's rules.

The patients are the maintainers' vignettes and the reading-walk stories (content/safety/), each walked by its tags.
Zero under-triage, no failed walk, over-triage at most 15%, every outcome and level reached, every review
scenario present, and the build's own published figures agree with this walk of the HTML.
"""

from __future__ import annotations

import re

import pytest
from checker_html import parse_checker, walk

from conftest import ROOT
from macros.content.load import load_content
from macros.content.triage_walk import rank

pytestmark = pytest.mark.build

REVIEW_SCENARIOS = {
    "S1",
    "S2a",
    "S2b",
    "S3",
    "S3b",
    "S4",
    "S5",
    "S6",
    "S7",
    "S7b",
    "S8",
    "S8b",
    "S9",
    "S10",
    "S11",
    "S12",
    "S13",
    "S14",
    "S15",
    "S16",
    "S17",
}
MAX_OVER_TRIAGE = 0.15


@pytest.fixture(scope="module")
def walked(site):
    """(vignette, outcome id, level, failure) for every vignette, walked through the built page."""
    checker = parse_checker((site / "symptom-checker.html").read_text())
    rows = []
    content = load_content(ROOT / "content")
    for item in [*content.vignettes.values(), *content.stories.values()]:
        outcome, _, failure = walk(checker, set(item.data["findings"]))
        rows.append((item.data, outcome, checker.outcomes.get(outcome), failure))
    return rows


def _describe(v, level, outcome):
    return f"{v['id']}: reached {level} ({outcome}), safe range {v['expected_min']}..{v['expected_max']}"


def test_no_vignette_is_under_triaged_on_the_built_page(walked):
    failed = [f"{v['id']}: {failure}" for v, _, _, failure in walked if failure]
    assert not failed, "walks that failed:\n" + "\n".join(failed)
    under = [_describe(v, level, outcome) for v, outcome, level, _ in walked if rank(level) < rank(v["expected_min"])]
    assert not under, f"{len(under)} vignettes under-triaged:\n" + "\n".join(under)
    assert len(walked) >= 100


def test_over_triage_stays_at_or_below_fifteen_percent(walked):
    over = [
        _describe(v, level, outcome)
        for v, outcome, level, _ in walked
        if level and rank(level) > rank(v["expected_max"])
    ]
    print(f"\nover-triage: {len(over)} of {len(walked)} ({100 * len(over) / len(walked):.1f}%)\n" + "\n".join(over))
    assert len(over) <= MAX_OVER_TRIAGE * len(walked), "\n".join(over)


def test_every_outcome_and_level_is_reached_by_a_vignette(site, walked):
    checker = parse_checker((site / "symptom-checker.html").read_text())
    assert {outcome for _, outcome, _, _ in walked} == set(checker.outcomes)
    assert {v["expected_min"] for v, _, _, _ in walked} == {"emergency", "urgent", "clinician", "self-care"}


def test_every_review_scenario_is_a_vignette(walked):
    assert {v.get("scenario") for v, _, _, _ in walked} >= REVIEW_SCENARIOS


def test_built_page_and_data_walks_agree(site, walked):
    """The figures the About pages publish are the figures of this walk of the built HTML."""
    html = (site / "about" / "checker-safety.html").read_text()
    published = dict(re.findall(r'data-stat="([a-z]+)">(\d+)<', html))
    under = sum(1 for v, _, level, _ in walked if level and rank(level) < rank(v["expected_min"]))
    over = sum(1 for v, _, level, _ in walked if level and rank(level) > rank(v["expected_max"]))
    failed = sum(1 for *_, failure in walked if failure)
    assert published == {
        "total": str(len(walked)),
        "within": str(len(walked) - under - over - failed),
        "under": str(under),
        "over": str(over),
        "failed": str(failed),
    }
