"""Render Jinja partials from site_overrides/partials: the only place our HTML is written."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

PARTIALS = Path(__file__).resolve().parent.parent / "site_overrides" / "partials"


def label(value: str) -> str:
    """A vocabulary value as readers see it: 'return-to-running' -> 'Return to running', 'achilles' -> 'Achilles'."""
    words = str(value).replace("-", " ")
    return words[:1].upper() + words[1:]


@lru_cache(maxsize=None)
def environment() -> Environment:
    """Autoescaping, strict environment: card text is data, so '<b>' and '{{' arrive as literal text."""
    env = Environment(loader=FileSystemLoader(str(PARTIALS)), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)
    env.filters["seconds"] = lambda s: f"{s // 60} min" if s >= 60 and s % 60 == 0 else f"{s} s"
    env.filters["label"] = label
    return env


def render(partial: str, **context) -> str:
    """Render one partial, e.g. render('exercise-summary.html', card=...), as a single HTML block."""
    html = environment().get_template(partial).render(**context).strip()
    # Python-Markdown ends a raw HTML block at a blank line in some cases; keep the block contiguous.
    return "\n".join(line for line in html.splitlines() if line.strip())
