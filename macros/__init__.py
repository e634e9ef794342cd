"""The Calf Pain Guide's macros package. `define_env` only registers macros; the logic lives beside it."""

from __future__ import annotations

from pathlib import Path

from . import figures, macro_errors, renderers
from .content import current_content
from .references import PageCitations
from .render import render


def define_env(env):
    """Register the macros guide pages call. Content is loaded once per build and cached."""
    macro_errors.register()
    docs = Path(env.conf["docs_dir"])
    ledgers: dict[str, PageCitations] = {}

    def content():
        return current_content(docs)

    def page():
        return f"content/{env.page.file.src_uri}"

    def ledger() -> PageCitations:
        return ledgers.setdefault(env.page.file.src_uri, PageCitations())

    env.variables["calf_ledgers"] = ledgers

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
    def program_stages(program_id: str) -> str:
        return renderers.program_stages(content(), program_id, env.page.url, page())

    @env.macro
    def urgency_table() -> str:
        return renderers.urgency_table(content(), env.page.url)

    @env.macro
    def checker_testing() -> str:
        return renderers.checker_testing(content())

    @env.macro
    def hazard_log() -> str:
        return renderers.hazard_log(content())

    @env.macro
    def exercise_card(card_id: str) -> str:
        return renderers.exercise_card(content(), card_id, env.page.url, page())

    @env.macro
    def exercise_list(**filters: str) -> str:
        return renderers.exercise_list(content(), env.page.url, page(), **filters)

    @env.macro
    def exercise_library() -> str:
        return renderers.exercise_library(content(), env.page.url)

    @env.macro
    def my_plan() -> str:
        return renderers.my_plan(content(), env.page.url)

    @env.macro
    def program_list() -> str:
        return renderers.program_list(content(), env.page.url)

    @env.macro
    def symptom_checker() -> str:
        return renderers.symptom_checker(content(), env.page.url, ledger(), page())

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
    """Each page numbers its citations from 1."""
    env.variables["calf_ledgers"].pop(env.page.file.src_uri, None)


def on_post_page_macros(env):
    """End the page with its own numbered sources."""
    ledger = env.variables["calf_ledgers"].get(env.page.file.src_uri)
    tail = renderers.page_references(current_content(Path(env.conf["docs_dir"])), ledger) if ledger else ""
    if tail:
        env.markdown += "\n\n## Sources {#sources}\n\n" + tail + "\n"
