"""The Calf Pain Guide's macros package. `define_env` only registers macros; the logic lives beside it.

mkdocs-macros and Zensical both load it as a pluglet (`modules: [macros]` in mkdocs.yml). MkDocs calls define_env
once per build, Zensical once per page: nothing here may depend on which.
"""

from __future__ import annotations

import logging
from pathlib import Path

from . import figures, glossary, macro_errors, program_pages, renderers
from .content import current_content
from .references import PageCitations
from .render import render
from .siteconfig import load_config
from .urls import page_url

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

    def src() -> str:
        return _src(env.page, config.staged)

    def page() -> str:
        return env.page.meta.get("edit_path") or src()

    def here() -> str:
        return page_url(src())

    def ledger() -> PageCitations:
        return ledgers.setdefault(src(), PageCitations())

    @env.macro
    def page_end() -> str:
        """Added by the staging step at the end of each written page: its numbered sources, then the hover
        definitions of the glossary forms the page uses (listed by the stage in its front matter)."""
        sources = renderers.page_sources(content(), ledgers.pop(src(), None))
        forms = env.page.meta.get("calf", {}).get("abbreviations") or []
        return sources + "\n\n" + glossary.abbreviation_lines(content().glossary, forms) + "\n"

    @env.macro
    def cite(*keys: str) -> str:
        return renderers.cite(content(), ledger(), keys, page())

    @env.macro
    def care_card(card_id: str) -> str:
        return renderers.care_card(content(), card_id, page())

    @env.macro
    def urgency(card_id: str) -> str:
        return renderers.urgency(content(), card_id, page())

    @env.macro
    def pain_rule(rule_id: str) -> str:
        return renderers.pain_rule(content(), ledger(), rule_id, page())

    @env.macro
    def pain_diary() -> str:
        return renderers.pain_diary(content(), ledger(), here(), page())

    @env.macro
    def program_stages(program_id: str) -> str:
        return program_pages.program_stages(content(), program_id, here(), page())

    @env.macro
    def urgency_table() -> str:
        return renderers.urgency_table(content(), here())

    @env.macro
    def checker_testing() -> str:
        return renderers.checker_testing(content())

    @env.macro
    def hazard_log() -> str:
        return renderers.hazard_log(content())

    @env.macro
    def exercise_card(card_id: str) -> str:
        return renderers.exercise_card(content(), card_id, here(), page())

    @env.macro
    def exercise_list(**filters: str) -> str:
        return renderers.exercise_list(content(), here(), page(), **filters)

    @env.macro
    def exercise_library() -> str:
        return renderers.exercise_library(content(), here())

    @env.macro
    def my_plan() -> str:
        return renderers.my_plan(content(), here())

    @env.macro
    def program_list() -> str:
        return program_pages.program_list(content(), here())

    @env.macro
    def symptom_checker() -> str:
        return renderers.symptom_checker(content(), here(), ledger(), page())

    @env.macro
    def reference_list() -> str:
        return renderers.references_page(content())

    @env.macro
    def glossary_list() -> str:
        return renderers.glossary_page(content())

    @env.macro
    def people_list() -> str:
        return render("people-list.html", people=[person.data for person in content().people.values()])

    @env.macro
    def anatomy_figure() -> str:
        return figures.anatomy_figure()


def on_pre_page_macros(env):
    """Each page numbers its citations from 1 (MkDocs keeps one env for the whole build)."""
    env.variables["calf_ledgers"].pop(_src(env.page, load_config(_project(env.conf)).staged), None)
