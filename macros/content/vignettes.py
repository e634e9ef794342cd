"""Standardized-patient vignettes: load content/safety/vignettes.yml, check them, and walk them through the checker.

Each vignette is a written patient (findings from content/findings.yml) with the lowest and highest acceptable
urgency. The build walks them through the tree's data (macros.content.triage_walk) to publish how the checker performs;
tests/test_vignettes.py walks the same patients through the built HTML and fails on any under-triage.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..base.errors import ContentError
from .collection import Item, load_list
from .findings import AGE_BANDS
from .references import unknown_references
from .schemas import schema_file
from .stories import read_path
from .triage import outcome_levels
from .triage_walk import LEVELS, rank, walk


def load_vignettes(content_dir: Path, root: Path) -> tuple[dict[str, Item], list[ContentError]]:
    return load_list(content_dir / "safety" / "vignettes.yml", schema_file(content_dir, "vignette"), root, key="id")


def check_vignettes(vignettes: dict[str, Item], findings, reference_keys) -> list[ContentError]:
    """Known findings, exactly one age band, a range that does not run backwards, and real sources."""
    errors = []
    for v in vignettes.values():
        errors += unknown_references(v, ("sources",), reference_keys)
        for field in ("findings", "unsure"):  # a reading-walk story may also list findings its patient is unsure of
            for position, finding in enumerate(v.data.get(field, [])):
                if finding not in findings:
                    errors.append(
                        v.error(
                            f"the finding '{finding}' is not in the vocabulary.",
                            field,
                            position,
                            fix="Use an id from content/findings.yml, or add it there first.",
                        )
                    )
        bands = [f for f in v.data["findings"] if f in AGE_BANDS]
        if len(bands) != 1:
            errors.append(
                v.error(
                    f"lists {len(bands)} age bands; a patient has exactly one.",
                    "findings",
                    fix=f"Keep one of {', '.join(AGE_BANDS)}.",
                )
            )
        if rank(v.data["expected_min"]) > rank(v.data["expected_max"]):
            errors.append(
                v.error("expected_min is above expected_max.", "expected_min", fix="Swap them, or widen the range.")
            )
    return errors


@dataclass(frozen=True)
class Result:
    """One vignette walked: where it ended, at which level, and how that compares with its range."""

    vignette: dict
    outcome: str | None
    level: str | None
    failure: str | None

    @property
    def verdict(self) -> str:
        if self.level is None:
            return "failed"
        if rank(self.level) < rank(self.vignette["expected_min"]):
            return "under"
        return "over" if rank(self.level) > rank(self.vignette["expected_max"]) else "within"


def results(tree: Item, care_cards, vignettes: dict[str, Item]) -> list[Result]:
    """Walk every vignette through the tree's data."""
    levels = outcome_levels(tree, care_cards)
    walked = []
    for item in vignettes.values():
        route = walk(tree.data, set(item.data["findings"]))
        walked.append(Result(item.data, route.outcome, levels.get(route.outcome), route.failure))
    return walked


def summary(walked: list[Result], today: dt.date) -> dict:
    """The figures the checker-testing page publishes."""
    count = {verdict: sum(r.verdict == verdict for r in walked) for verdict in ("within", "under", "over", "failed")}
    by_level = {level: sum(r.vignette["expected_min"] == level for r in walked) for level in reversed(LEVELS)}
    return {
        "total": len(walked),
        **count,
        "by_level": by_level,
        "date": today.isoformat(),
        "over_percent": round(100 * count["over"] / len(walked), 1) if walked else 0.0,
        "outcomes": len({r.outcome for r in walked if r.outcome}),
        "misses": [r for r in walked if r.verdict != "within"],
    }


def reading_summary(tree: Item, care_cards, stories: dict[str, Item]) -> dict:
    """The reading walk's figures: each story's recorded reading result against its graded range, and how many tag
    walks took the reader's path."""
    levels = outcome_levels(tree, care_cards)
    count = {"total": len(stories), "within": 0, "under": 0, "over": 0, "agree": 0}
    for item in stories.values():
        story, reading = item.data, item.data["reading"]
        level = levels[reading["outcome"]]
        if rank(level) < rank(story["expected_min"]):
            count["under"] += 1
        elif rank(level) > rank(story["expected_max"]):
            count["over"] += 1
        else:
            count["within"] += 1
        passed, _, _ = read_path(tree.data, reading["path"])
        tagged = walk(tree.data, set(story["findings"]), frozenset(story.get("unsure", [])))
        count["agree"] += tagged.outcome == reading["outcome"] and list(tagged.path) == passed
    return count
