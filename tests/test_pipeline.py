"""One validator: `make check` (python -m macros.stage --check) rejects exactly what the build rejects."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from helpers import run_build

CARD = "content/exercises/calf-raise-double.yml"


def test_a_bad_card_review_date_fails_check_and_build_alike(project_copy, tmp_path):
    card = project_copy / CARD
    source = card.read_text(encoding="utf-8")
    text, count = re.subn(r"(?m)^(\s*)reviewed: .*$", r"\1reviewed: 2099-01-01", source, count=1)
    assert count == 1
    card.write_text(text, encoding="utf-8")
    env = {"CALF_GUIDE_TODAY": "2026-11-30"}
    check = subprocess.run(
        [sys.executable, "-m", "macros.stage", "--check"],
        cwd=project_copy,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **env},
    )
    built = run_build(project_copy, tmp_path / "site", env=env)
    assert check.returncode == 1 and "'reviewed' (2099-01-01) is in the future" in check.stderr, check.stderr
    assert built.returncode != 0 and "'reviewed' (2099-01-01) is in the future" in built.stderr, built.stderr
    assert CARD in check.stderr and CARD in built.stderr
