"""A Markdown page's front matter: the YAML mapping between the two `---` lines at its top, and the body after it.

The stage reads every written page through split_page (macros/pipeline/staged.py); the rules the front matter must
meet (the page schema, review dates, credits) are review.py's. A page without front matter, or whose front matter is
not a mapping, reads as {} here; the page schema then names what is missing.
"""

from __future__ import annotations

from pathlib import Path

import yaml

FENCE = "---\n"


def split_page(text: str) -> tuple[dict, str]:
    """A Markdown page's YAML front matter ({} if it has none or it is not a mapping) and its body."""
    if not text.startswith(FENCE) or text.count(FENCE) < 2:
        return {}, text
    _, head, body = text.split(FENCE, 2)
    try:
        meta = yaml.safe_load(head)
    except yaml.YAMLError:
        return {}, body
    return (meta if isinstance(meta, dict) else {}), body


def read_front_matter(path: Path) -> dict:
    """The YAML front matter of a Markdown page ({} if it has none or it is not a mapping)."""
    return split_page(path.read_text(encoding="utf-8"))[0]
