"""The clinical hazard log (content/safety/hazards.yml), modelled on DCB0129: load it, check that every control is
verified by vignettes or tests, and rate each risk with the standard's severity-by-likelihood matrix."""

from __future__ import annotations

from pathlib import Path

from ..base.errors import ContentError
from .collection import Item, load_list
from .schemas import schema_file

SEVERITY = ("minor", "significant", "considerable", "major", "catastrophic")
# DCB0129 risk matrix: rows are likelihood from very low to very high, columns severity from minor to catastrophic.
MATRIX = {
    "very low": (1, 1, 2, 2, 3),
    "low": (1, 2, 2, 3, 4),
    "medium": (2, 2, 3, 3, 4),
    "high": (2, 3, 3, 4, 5),
    "very high": (3, 4, 4, 5, 5),
}


def load_hazards(content_dir: Path, root: Path) -> tuple[dict[str, Item], list[ContentError]]:
    return load_list(content_dir / "safety" / "hazards.yml", schema_file(content_dir, "hazard"), root, key="id")


def risk(severity: str, likelihood: str) -> int:
    """The DCB0129 risk rating, 1 (acceptable) to 5 (unacceptable)."""
    return MATRIX[likelihood][SEVERITY.index(severity)]


def check_hazards(hazards: dict[str, Item], vignettes) -> list[ContentError]:
    """Every control names at least one verifying vignette or test, and every named vignette exists."""
    errors = []
    for hazard in hazards.values():
        for c, control in enumerate(hazard.data["controls"]):
            if not control.get("vignettes") and not control.get("tests"):
                errors.append(
                    hazard.error(
                        "this control is not verified by any vignette or test.",
                        "controls",
                        c,
                        fix="Add 'vignettes:' ids or 'tests:' pytest ids that fail if the control breaks.",
                    )
                )
            for v, vignette in enumerate(control.get("vignettes", [])):
                if vignette not in vignettes:
                    errors.append(
                        hazard.error(
                            f"names the vignette '{vignette}', which does not exist.",
                            "controls",
                            c,
                            "vignettes",
                            v,
                            fix="Use an id from content/safety/vignettes.yml.",
                        )
                    )
    return errors
