"""The symptom checker's controlled vocabulary: load content/findings.yml (ids, labels, kinds, notes)."""

from __future__ import annotations

from pathlib import Path

from ..base.errors import ContentError
from .collection import Item, load_list
from .schemas import schema_file

AGE_BANDS = ("age-under-16", "age-16-to-49", "age-50-to-59", "age-60-plus")


def load_findings(content_dir: Path, root: Path) -> tuple[dict[str, Item], list[ContentError]]:
    findings, errors = load_list(content_dir / "findings.yml", schema_file(content_dir, "findings"), root, key="id")
    missing = [band for band in AGE_BANDS if band not in findings]
    if findings and missing:
        errors.append(
            ContentError(
                f"{content_dir.name}/findings.yml",
                f"the age bands {', '.join(missing)} are missing.",
                fix=f"Keep all four age bands: {', '.join(AGE_BANDS)}.",
            )
        )
    return findings, errors
