"""Programme pages: a programme's own page and its stage cards on guide pages, from one partial; the list of
programmes. Renderers as in renderers.py: data in, HTML (or Markdown around HTML) out, through the fragments."""

from __future__ import annotations

from ..base.fragments import render, render_page
from ..base.urls import card_src, page_url, program_src, relative
from ..content.load import Content
from .context import PageContext
from .renderers import lookup, numbered_sources
from .session_page import session_href


def _stages(content: Content, program: dict, here: str) -> list[dict]:
    """A programme's stages with each exercise's card name and link, as seen from the page at `here`."""
    return [
        {
            **stage,
            "exercises": [
                {
                    **entry,
                    "name": content.cards[entry["card"]].data["name"],
                    "href": relative(here, page_url(card_src(entry["card"]))),
                }
                for entry in stage["exercises"]
            ],
        }
        for stage in program["stages"]
    ]


# "This is my current stage", on a programme's stage table wherever it is shown: guide.js first, for the storage helpers
# it shares through window.calfGuide.
STAGE_SCRIPTS = ("guide.js", "programme-stage.js")


def program_stages(content: Content, program_id: str, context: PageContext) -> str:
    """A programme's stage table on a guide page, from the same partial as the programme's own page."""
    page, from_url = context.edit_path, context.url
    call = f"program_stages('{program_id}')"
    program = lookup(
        content.programs, program_id, page, call, "no such programme", "use the id of a file in content/programs/"
    )
    context.needs(*STAGE_SCRIPTS)
    return render(
        "program-stages.html",
        program={**program, "stages": _stages(content, program, from_url)},
        program_href=relative(from_url, page_url(program_src(program_id))),
        session_href=session_href(from_url),
    )


def program_page(content: Content, program_id: str, page: PageContext) -> str:
    """A programme's own page (Markdown headings around HTML sections), without front matter."""
    here = page.url
    page.needs(*STAGE_SCRIPTS)
    program = content.programs[program_id].data
    pain, refs = numbered_sources(content, program["evidence"], program["pain_rule"], here)
    return render_page(
        "program-page.md",
        program={**program, "stages": _stages(content, program, here)},
        references=refs,
        pain=pain,
        program_href=None,
        session_href=session_href(here),
    )


def program_list(content: Content, from_url: str) -> str:
    programs = [
        {**item.data, "href": relative(from_url, page_url(program_src(pid)))}
        for pid, item in sorted(content.programs.items())
    ]
    return render("program-list.html", programs=programs)
