"""Exact, documented patches to Material's HTML for accessibility and validity, applied to every built page.

Each patch names the markup it expects; if Material changes that markup the build fails, so a theme upgrade
cannot silently bring the problem back.
"""

from __future__ import annotations

# (expected markup, replacement, why)
PATCHES = [
    ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
     '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">',
     "Nu HTML checker: 'autocomplete' is not allowed on a checkbox."),
    ('<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">',
     '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">',
     "Nu HTML checker: 'autocomplete' is not allowed on a checkbox."),
    ('<div class="md-search" data-md-component="search" role="dialog">',
     '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search this guide">',
     "axe aria-dialog-name: a dialog needs an accessible name."),
    ('<label class="md-header__button md-icon" for="__drawer">',
     '<label class="md-header__button md-icon" for="__drawer" tabindex="0" data-calf-key-toggle>'
     '<span class="calf-visually-hidden">Open the navigation menu</span>',
     "Keyboard: the menu button is a label; make it focusable and named (calf.js opens it with Enter or Space)."),
    ('<label class="md-header__button md-icon" for="__search">',
     '<label class="md-header__button md-icon" for="__search" tabindex="0" data-calf-key-toggle>'
     '<span class="calf-visually-hidden">Open search</span>',
     "Keyboard: the search button is a label; make it focusable and named (calf.js opens it with Enter or Space)."),
    (' tabindex="">', '>',
     "Nu HTML checker: an empty tabindex on navigation section labels is not a valid integer."),
]


class ThemeChanged(RuntimeError):
    """Material's markup no longer matches a patch."""


def apply(html: str, page: str) -> str:
    """Apply every patch (all occurrences of each)."""
    for old, new, why in PATCHES:
        if old not in html:
            raise ThemeChanged(f"{page}: expected Material markup not found ({why}). "
                               "Fix: update macros/html_fixes.py for the new theme version.")
        html = html.replace(old, new)
    return html
