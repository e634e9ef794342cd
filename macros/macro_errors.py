"""Plain messages, without a traceback, when a macro call on a page fails.

Hooked into mkdocs-macros' error formatter.
"""

from __future__ import annotations

from jinja2 import UndefinedError
from mkdocs_macros.errors import format_error

from .renderers import MacroError


def _message(page, text: str, fix: str) -> str:
    return f"# _Macro Error_\n\n{page.meta.get('edit_path', page.file.src_path)}: {text} Fix: {fix}"


def register() -> None:
    """Teach mkdocs-macros to print our errors plainly. Safe to call more than once."""

    @format_error.register
    def _macro_error(error: MacroError, markdown: str, page) -> str:
        return f"# _Macro Error_\n\n{error}"

    @format_error.register
    def _undefined(error: UndefinedError, markdown: str, page) -> str:
        return _message(
            page,
            f"{error.message}.",
            "check the spelling of the macro or variable; available macros are listed in CONTRIBUTING.md. "
            "To show '{{' as text, write {{ '{{' }}.",
        )
