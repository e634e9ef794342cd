"""Hostile text in free-text fields of every content type never becomes markup: the generated (Hypothesis) examples.

test_hostile_content.py says how the check works and holds the explicit example (every fragment in the first field
of every kind). Here each example draws one to three fields of each of the nine content types and a hostile value
for each, writes them all into one copy of the project and builds it once: each field has its own marker, so a
finding still names the field and the file, and a field the build rejects is left out and the rest built again
(test_hostile_content.check_hostile). Two examples: as many random fields per type as two examples per type gave,
in two site builds instead of eighteen. A module of its own, so `make test`'s two workers (--dist loadfile) share
the builds with test_hostile_content.py.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from test_hostile_content import KINDS, check_hostile, hostile_picks, kinds_of, template  # noqa: F401 (the fixture)


@settings(
    max_examples=2,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=False,
    phases=(Phase.generate,),  # no shrinking: each example is a full site build
    suppress_health_check=(HealthCheck.too_slow,),
)
@pytest.mark.slow
@pytest.mark.build
@given(picks=hostile_picks())
def test_hostile_text_in_every_content_type_is_rejected_or_inert(template, tmp_path_factory, picks):  # noqa: F811
    """Random hostile strings in one to three random free-text fields of each content type: each is rejected by
    name or published as text only."""
    assert kinds_of(picks) == set(KINDS)
    check_hostile(template, tmp_path_factory, picks)
