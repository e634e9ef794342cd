"""The build, step by step, as `make build` runs it: stage content/, strict MkDocs build, then the CSP step.

tests/helpers.run_build and scripts/bench.py run these same commands (the Makefile spells them out for make users).
"""

from __future__ import annotations

import sys
from pathlib import Path


def build_steps(site: Path | str) -> list[list[str]]:
    """The commands that build the project in the current folder into `site`, in order."""
    python = sys.executable
    return [
        [python, "-m", "macros.stage"],
        [str(Path(python).parent / "mkdocs"), "build", "--strict", "--site-dir", str(site)],
        [python, "-m", "macros.csp", str(site)],
    ]
