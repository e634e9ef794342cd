"""Every written page is in the menu (mkdocs.yml `nav:`) or listed as kept out of it (`not_in_nav:`), checked by the
staging step so that `make check` rejects a page missing from the menu as the strict build does."""

from __future__ import annotations

from pathspec.gitignore import GitIgnoreSpec

from .errors import ContentError


def omitted_page_errors(pages: list[tuple[str, str]], nav_pages: frozenset, not_in_nav: str) -> list[ContentError]:
    """A ContentError for each (file, path in the docs folder) of `pages` that the menu leaves out, matched the way
    MkDocs matches `not_in_nav` (gitignore patterns)."""
    kept_out = GitIgnoreSpec.from_lines(not_in_nav.splitlines())
    return [
        ContentError(
            path,
            "this page is not in the menu.",
            fix=f"add '{src}' to `nav:` in mkdocs.yml, in the section where a reader would look for it.",
        )
        for path, src in pages
        if src not in nav_pages and not kept_out.match_file(src)
    ]
