"""The Calf Pain Guide's macros package. `define_env` only registers macros; the logic lives beside it.

mkdocs-macros and Zensical both load it as a pluglet (`modules: [macros]` in mkdocs.yml). MkDocs calls define_env
once per build, Zensical once per page: nothing here may depend on which.
"""

from __future__ import annotations

import logging
from pathlib import Path

from . import glossary, macro_errors, renderers
from .content import current_content
from .page_macros import PageContext, page_macros
from .references import PageCitations
from .siteconfig import load_config

# mkdocs-macros prints eight 'INFO - [macros] - Found ...' lines per build; its warnings and errors still show.
logging.getLogger("mkdocs.plugins.mkdocs_macros.util").setLevel(logging.WARNING)


def _project(conf) -> Path:
    """The folder holding mkdocs.yml: MkDocs gives the config file's path, Zensical its root_dir."""
    if conf.get("config_file_path"):
        return Path(conf["config_file_path"]).parent
    return Path(conf.get("root_dir") or ".")


def _src(page, staged: Path) -> str:
    """The page's path in the staged folder ('treat/first-days.md'): MkDocs pages have .file, Zensical's .path."""
    file = getattr(page, "file", None)
    if file is not None:
        return file.src_uri
    path = Path(page.path)
    return (path.relative_to(staged) if path.is_absolute() else path).as_posix()


def define_env(env):
    """Register the macros guide pages call. Content is loaded and validated by the staging step, and cached."""
    macro_errors.register()
    config = load_config(_project(env.conf))
    ledgers: dict[str, PageCitations] = env.variables.setdefault("calf_ledgers", {})

    def content():
        return current_content(config.source)

    def page() -> PageContext:
        src = _src(env.page, config.staged)
        return PageContext(src, env.page.meta.get("edit_path") or src, ledgers.setdefault(src, PageCitations()))

    for name, macro in page_macros(content, page).items():
        env.macro(macro, name)

    @env.macro
    def page_end() -> str:
        """Added by the staging step at the end of each written page: its numbered sources, then the hover
        definitions of the glossary forms the page uses (listed by the stage in its front matter)."""
        src = _src(env.page, config.staged)
        sources = renderers.page_sources(content(), ledgers.pop(src, None))
        forms = env.page.meta.get("calf", {}).get("abbreviations") or []
        return sources + "\n\n" + glossary.abbreviation_lines(content().glossary, forms) + "\n"


def on_pre_page_macros(env):
    """Each page numbers its citations from 1 (MkDocs keeps one env for the whole build)."""
    env.variables["calf_ledgers"].pop(_src(env.page, load_config(_project(env.conf)).staged), None)
