"""The one Jinja environment for our HTML: templates in site_overrides/fragments/, apart from the theme's partials.

Theme overrides (site_overrides/partials/, main.html) are rendered by the site generator; everything the pipeline
writes (macro output, generated card and programme pages, figures) is rendered here, autoescaped and strict, and
written pages' own Jinja through an overlay of it (macros/pages/written.py).

The price of running without MkDocs: the fragments folder is found from this file (FRAGMENTS), not through the theme's
template loader, so a theme cannot override a fragment; and links between pages are made relative by urls.relative,
not by MkDocs' get_relative_url. Both are small, and let the stage render every page before any generator runs.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

FRAGMENTS = Path(__file__).resolve().parents[2] / "site_overrides" / "fragments"
# The week as every fragment shows it (print logs, My plan's table and reminder days): iCalendar's day code, short name.
WEEKDAYS = (("MO", "Mon"), ("TU", "Tue"), ("WE", "Wed"), ("TH", "Thu"), ("FR", "Fri"), ("SA", "Sat"), ("SU", "Sun"))


def label(value: str) -> str:
    """A vocabulary value as readers see it: 'return-to-running' -> 'Return to running', 'achilles' -> 'Achilles'."""
    words = str(value).replace("-", " ")
    return words[:1].upper() + words[1:]


# Every ASCII punctuation character and the line break, as numeric character references (cite.html says why).
INERT = {ord(ch): f"&#{ord(ch)};" for ch in "\n!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"}


def inert(text: str) -> Markup:
    """Text no Markdown or HTML syntax can match inside an attribute: punctuation as &#NN; (str.translate, one pass;
    a Jinja loop over each character took 0.4 ms a citation)."""
    return Markup(str(text).translate(INERT))


def html_block(html: str) -> Markup:
    """HTML as one Markdown raw-HTML block: Python-Markdown ends such a block at a blank line, so drop blank lines."""
    return Markup("\n".join(line for line in str(html).strip().splitlines() if line.strip()))


def bytecode_cache(*settings: object) -> FileSystemBytecodeCache:
    """Jinja's bytecode cache for one environment. Jinja checks a cached template against its source text only, not
    against the settings that compiled it (autoescaping, whitespace, syntax): a template compiled by another
    environment, such as the pages' overlay without autoescaping, or before an edit of these settings, would be
    served as it is. So each environment's templates are kept under a name holding a digest of this module's text and
    of the settings it is given."""
    text = Path(__file__).read_text(encoding="utf-8") + repr(settings)
    return FileSystemBytecodeCache(pattern=f"__calf_{hashlib.sha256(text.encode()).hexdigest()[:16]}_%s.cache")


@cache
def environment() -> Environment:
    """Autoescaping, strict environment: card text is data, so '<b>' and '{{' arrive as literal text.

    Compiled fragments are kept in Jinja's bytecode cache (a private folder in the system's temporary folder), keyed by
    each fragment's path and checked against a checksum of its text, so an edited fragment is compiled again; under a
    name of this environment's own (bytecode_cache).
    Compiling all of them took 75 ms of every build; loading them from the cache takes 3 ms."""
    env = Environment(
        loader=FileSystemLoader(str(FRAGMENTS)),
        bytecode_cache=bytecode_cache("fragments"),
        autoescape=select_autoescape(default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["seconds"] = lambda s: f"{s // 60} min" if s >= 60 and s % 60 == 0 else f"{s} s"
    env.filters["label"] = label
    env.filters["html_block"] = html_block
    env.filters["inert"] = inert
    env.globals["weekdays"] = WEEKDAYS
    return env


def render(fragment: str, **context) -> str:
    """Render one fragment, e.g. render('exercise-summary.html', card=...), as a single HTML block."""
    return str(html_block(environment().get_template(fragment).render(**context)))


def render_page(fragment: str, **context) -> str:
    """Render a page template (Markdown headings between html_block sections) as Markdown text."""
    return environment().get_template(fragment).render(**context).strip() + "\n"
