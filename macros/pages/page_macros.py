"""The macros a written page calls, bound to one page. Defined once: the stage renders each page with them
(macros/pages/written.py) and makes the calls a page writes out in full to list its problems
(macros/pages/checks.py)."""

from __future__ import annotations

from collections.abc import Callable

from ..base.fragments import render
from ..content.load import Content
from ..figures import draw as figures
from . import edition, exercise_pages, program_pages, renderers, session_page
from .context import PageContext


def page_macros(content: Callable[[], Content], page: Callable[[], PageContext]) -> dict[str, Callable]:
    """Every macro a page may call, by name."""

    def cite(*keys: str) -> str:
        return renderers.cite(content(), page().ledger, keys, page().edit_path)

    def care_card(card_id: str) -> str:
        return renderers.care_card(content(), page().ledger, card_id, page().edit_path)

    def urgency(card_id: str) -> str:
        return renderers.urgency(content(), card_id, page().edit_path)

    def pain_rule(rule_id: str) -> str:
        return renderers.pain_rule(content(), page().ledger, rule_id, page().edit_path)

    def pain_diary() -> str:
        return renderers.pain_diary(content(), page().ledger, page().url, page().edit_path)

    def program_stages(program_id: str) -> str:
        return program_pages.program_stages(content(), program_id, page())

    def urgency_table() -> str:
        return renderers.urgency_table(content(), page().url)

    def checker_testing() -> str:
        return renderers.checker_testing(content())

    def hazard_log(topic: str) -> str:
        return renderers.hazard_log(content(), topic)

    def exercise_card(card_id: str) -> str:
        return exercise_pages.exercise_card(content(), card_id, page())

    def exercise_list(**filters: str) -> str:
        return exercise_pages.exercise_list(content(), page(), **filters)

    def exercise_library() -> str:
        return exercise_pages.exercise_library(content(), page())

    def my_plan() -> str:
        return exercise_pages.my_plan(content(), page().url)

    def exercise_session() -> str:
        return session_page.exercise_session(content(), page())

    def program_list() -> str:
        return program_pages.program_list(content(), page().url)

    def symptom_checker() -> str:
        return renderers.symptom_checker(content(), page().url, page().ledger, page().edit_path)

    def reference_list() -> str:
        return renderers.references_page(content())

    def glossary_list() -> str:
        return renderers.glossary_page(content())

    def people_list() -> str:
        return render("people-list.html", people=[person.data for person in content().people.values()])

    def anatomy_figure() -> str:
        return figures.anatomy_figure()

    def download_edition() -> str:
        return edition.download_edition(page())

    def offline_copy() -> str:
        return render("offline-copy.html")

    return {
        macro.__name__: macro
        for macro in (
            cite,
            care_card,
            urgency,
            pain_rule,
            pain_diary,
            program_stages,
            urgency_table,
            checker_testing,
            hazard_log,
            exercise_card,
            exercise_list,
            exercise_library,
            my_plan,
            exercise_session,
            program_list,
            symptom_checker,
            reference_list,
            glossary_list,
            people_list,
            anatomy_figure,
            download_edition,
            offline_copy,
        )
    }
