"""How readers reach the written pages: every link in them leads to a page or file the build will have, and every
page is in the menu (mkdocs.yml `nav:`) or listed as kept out of it (`not_in_nav:`).

The staging step checks them against the files it stages, in `make check` and in the build alike, so a broken link
(or one written from the site's root, which MkDocs warns about) is named on its line before MkDocs runs. Links to a
section (`page.md#section`) are checked for the page here; the section itself is left to the build, which knows
every heading's id only once the page is rendered. Links in code, links to other sites, and links built by a macro
(`{{ ... }}`) are not checked here. Pages are matched against `not_in_nav` as MkDocs compiled it, so a page missing
from the menu is named as the strict build would reject it.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from urllib.parse import unquote

from ..base.errors import ContentError

# [text](target) and ![alt](target), with an optional "title"; the target may be written <like this>.
LINK = re.compile(r"!?\[(?:[^\]\\\n]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,}).*?^[ ]{0,3}\1[ \t]*$", re.M | re.S)
CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1", re.S)
NOT_CHECKED = ("#", "mailto:", "tel:", "data:", "//")


def _blank(match: re.Match) -> str:
    """Code as spaces (newlines kept), so links shown as code are skipped and line numbers stay right."""
    return re.sub(r"[^\n]", " ", match.group(0))


def link_errors(path: str, src: str, body: str, first_line: int, files: set[str]) -> list[ContentError]:
    """A ContentError for each link in `body` (the page `src` in the staged folder, shown as `path`) whose file is
    not among `files` (the staged folder's files, by their path there)."""
    text = CODE_SPAN.sub(_blank, FENCE.sub(_blank, body))
    errors = []
    for match in LINK.finditer(text):
        target = match.group(1)
        if "://" in target or target.startswith(NOT_CHECKED) or "{{" in target or "{%" in target:
            continue
        line = first_line + text.count("\n", 0, match.start())
        if target.startswith("/"):  # MkDocs warns (validation: absolute_links), so the strict build fails
            relative = posixpath.relpath(target.lstrip("/"), posixpath.dirname(src) or ".")
            fix = f"write it from this page, e.g. '{relative}'."
            errors.append(ContentError(path, f"the link to '{target}' starts at the site's root.", line=line, fix=fix))
            continue
        file = unquote(target.split("#", 1)[0].split("?", 1)[0])
        if not file or "." not in posixpath.basename(file):  # a folder address: left to the build
            continue
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(src), file))
        if resolved in files:
            continue
        pages = sorted(f for f in files if f.endswith(posixpath.splitext(resolved)[1]))
        close = difflib.get_close_matches(resolved, pages, n=1, cutoff=0.8)
        wanted = posixpath.relpath(close[0], posixpath.dirname(src) or ".") if close else ""
        errors.append(
            ContentError(
                path,
                f"the link to '{target}' leads nowhere: the site has no {resolved}.",
                line=line,
                fix=(f"did you mean '{wanted}'? A link" if wanted else "a link")
                + " is relative to its page (from treat/, ../red-flags.md); card pages are "
                "exercises/<id>.md and programmes programs/<id>.md.",
            )
        )
    return errors


def omitted_page_errors(pages: list[tuple[str, str]], nav_pages: frozenset, not_in_nav) -> list[ContentError]:
    """A ContentError for each (file, path in the docs folder) of `pages` that the menu leaves out. `not_in_nav` is
    mkdocs.yml's `not_in_nav:` as MkDocs compiled it (macros/pipeline/siteconfig.py), or None."""
    return [
        ContentError(
            path,
            "this page is not in the menu.",
            fix=f"add '{src}' to `nav:` in mkdocs.yml, in the section where a reader would look for it.",
        )
        for path, src in pages
        if src not in nav_pages and not (not_in_nav and not_in_nav.match_file(src))
    ]
