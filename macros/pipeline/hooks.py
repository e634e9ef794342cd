"""MkDocs hook for live preview only: under `mkdocs serve`, restage content/ before each rebuild and keep serving
through mistakes. `mkdocs build` (and so `make build`, the tests and Zensical, which runs no hooks) is untouched.

Under serve:
- a content change (on_serve watches content/) restages; a content error (the stage also names a page's bad
  macro call or link to a missing page, on its line) is printed in the terminal and shown in a box at the top of
  every page, over the last good staged pages, until a save fixes it;
- a link to a missing section is a warning in the terminal, not a failed rebuild that leaves the browser on stale
  pages (strict mode is the `--strict` that `make build` passes, not a mkdocs.yml setting). Nothing of this reaches
  a published site.
"""

from __future__ import annotations

import logging
from pathlib import Path

log = logging.getLogger("mkdocs.hooks.calf_guide")
_state = {"command": "", "error": ""}


def on_startup(command, dirty):
    _state["command"] = command


def _serving() -> bool:
    return _state["command"] == "serve"


def on_serve(server, config, builder):
    """Rebuild when a file in content/ is saved (the folder the stage reads, macros/siteconfig.SOURCE)."""
    from macros.pipeline.siteconfig import SOURCE  # imported under serve only: `mkdocs build` loads none of ours

    server.watch(str(Path(config["config_file_path"]).parent / SOURCE))
    return server


def on_pre_build(config):
    if not _serving():
        return  # make build and the tests stage before MkDocs starts
    from macros.base.errors import ContentErrors
    from macros.pipeline.stage import stage

    try:
        staged = stage(Path(config["config_file_path"]).parent)
    except (ContentErrors, FileNotFoundError) as exc:
        _state["error"] = str(exc)
        log.error("Content error; still serving the last good pages until you fix it:\n%s", exc)
        return
    _state["error"] = ""
    for warning in staged.warnings:
        log.info("%s", warning)


def on_page_markdown(markdown, page, config, files):
    """While content has an error, every page opens with it (an indented code block: shown as text, never markup)."""
    if not (_serving() and _state["error"]):
        return markdown
    message = "\n".join("        " + line for line in _state["error"].splitlines())
    box = f'!!! failure "Content error: this preview shows the last good content"\n\n{message}\n\n'
    return box + markdown
