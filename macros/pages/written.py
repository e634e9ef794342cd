"""Render a written page (content/**/*.md) into the finished Markdown the generator builds: its Jinja run with the page
macros (macros/pages/page_macros.py), its front matter and the one site variable pages read (`config.repo_url`), then
its numbered sources and the hover definitions of the glossary forms it uses.

The staging step renders every page this way, in `make check` and in the build alike, so MkDocs and Zensical receive
plain Markdown and need no macros plugin. A page whose call fails is reported on its line, never published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jinja2 import Environment, UndefinedError

from ..base.errors import ContentError
from ..base.fragments import bytecode_cache, environment
from ..content import glossary
from ..content.load import Content
from .context import PageContext
from .page_macros import page_macros
from .renderers import MacroError, page_sources

# Markdown's heading ids ({#id}) must not open a Jinja comment, so a page's Jinja comments are written {## ... ##}.
PAGE_SYNTAX = {"comment_start_string": "{##", "comment_end_string": "##}"}
CALL_FIX = "See CONTRIBUTING.md for the macros and how to call each."
UNDEFINED_FIX = "check the spelling of the macro or variable. To show '{{' as text, write {{ '{{' }}."
_JINJA = str(Path(__import__("jinja2").__file__).parent)


class PageRenderError(Exception):
    """A page's render failed with this problem (its `error`)."""

    def __init__(self, error: ContentError):
        self.error = error
        super().__init__(str(error))


@cache
def page_environment() -> Environment:
    """The fragments' environment (macros/base/fragments.py) as an overlay for Markdown pages: the same strict undefined
    names and filters, but no autoescaping (a page is Markdown its author writes, and macro output is HTML already
    escaped by the fragments), Jinja's default whitespace, and the page comment syntax. Its compiled templates are
    cached apart from the fragments' (fragments.bytecode_cache says why)."""
    settings = {"autoescape": False, "trim_blocks": False, "lstrip_blocks": False, **PAGE_SYNTAX}
    return environment().overlay(bytecode_cache=bytecode_cache("pages", sorted(settings.items())), **settings)


def site_variables(repo_url: str) -> dict:
    """The site variables a page may read: `config.repo_url` (the repository, e.g. for 'open an issue' links)."""
    return {"repo_url": repo_url}


def call_problem(exc: TypeError, path: str, line: int) -> ContentError:
    """A macro called with missing, extra or unknown arguments, as a problem on its line."""
    problem = str(exc).replace("page_macros.<locals>.", "")
    name = re.match(r"(\w+)\(\)", problem)
    called = f"{name.group(1)}()" if name else "a macro"
    return ContentError(path, f"{called} was called wrongly: {problem}.", line=line, fix=CALL_FIX)


def macro_problem(exc: MacroError, line: int) -> ContentError:
    """A MacroError (its text names the page, the problem and the fix) as a problem on its line."""
    error = ContentError.parse(str(exc), line)
    return error if error.fix else ContentError(error.path, error.message, line=line, fix=CALL_FIX)


def _template_frames(exc: BaseException) -> tuple[int | None, bool]:
    """The page line the exception left the page's template from, and whether it was raised at the call itself
    (only Jinja's own frames after the page's: a TypeError there is the call's arguments, not a bug in a macro)."""
    line, at_call = None, False
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename == "<template>":
            line, at_call = tb.tb_lineno, True
        elif not filename.startswith(_JINJA):
            at_call = False
        tb = tb.tb_next
    return line, at_call


def render_error(exc: Exception, path: str, first_line: int) -> ContentError | None:
    """The problem a failed render names, on the line of the file it is on; None for an error that is a bug in our
    code rather than in the page (the caller re-raises it)."""
    line, at_call = _template_frames(exc)
    where = first_line + (line or 1) - 1
    if isinstance(exc, MacroError):
        return macro_problem(exc, where)
    if isinstance(exc, UndefinedError):
        return ContentError(path, f"{exc.message}.", line=where, fix=UNDEFINED_FIX)
    if isinstance(exc, TypeError) and at_call:
        return call_problem(exc, path, where)
    return None


@dataclass(frozen=True)
class RenderedPage:
    markdown: str  # the finished Markdown, without front matter
    scripts: list[str]  # the feature scripts its macros' markup needs (PageContext.needs), in order


def render_written_page(
    content: Content, repo_url: str, path: str, src: str, meta: dict, body: str, first_line: int
) -> RenderedPage:
    """The page rendered. Raises PageRenderError when a call or name fails. `path` is the file in the repository,
    `src` its staged path, `body` the text after the front matter, which starts on line `first_line` of the file."""
    context = PageContext(src, path)
    variables = {**page_macros(lambda: content, lambda: context), "config": site_variables(repo_url), **meta}
    try:
        # Rendered from the body's first line, so that Jinja's line numbers are the page's; leading blank lines go.
        text = page_environment().from_string(body.rstrip("\n")).render(variables).lstrip("\n")
    except (MacroError, UndefinedError, TypeError) as exc:
        error = render_error(exc, path, first_line)
        if error is None:
            raise
        raise PageRenderError(error) from exc
    forms = glossary.used_forms(content.glossary, body)  # the source text: the abbr extension never marks macro HTML
    sources = page_sources(content, context.ledger)
    markdown = f"{text}\n\n\n{sources}\n\n{glossary.abbreviation_lines(content.glossary, forms)}\n"
    return RenderedPage(markdown, context.scripts)
