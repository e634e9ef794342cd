"""Page addresses: where a content file ends up in the built site, and relative links between pages."""

from __future__ import annotations

import posixpath


def page_url(src_uri: str) -> str:
    """'exercises/calf-raise-double.md' -> 'exercises/calf-raise-double.html'.

    The offline build has no directory URLs.
    """
    return src_uri[:-3] + ".html" if src_uri.endswith(".md") else src_uri


def relative(from_url: str, to_url: str) -> str:
    """A link from one built page to another file of the site, relative so it works from file://."""
    target, _, fragment = to_url.partition("#")
    base = posixpath.dirname(from_url) or "."
    link = posixpath.relpath(target, base) if target else ""
    return f"{link}#{fragment}" if fragment else link


def card_src(card_id: str) -> str:
    return f"exercises/{card_id}.md"


def program_src(program_id: str) -> str:
    return f"programs/{program_id}.md"


def thumb_url(card_id: str) -> str:
    """The card's thumbnail figure, a generated SVG file (listing pages link it instead of inlining it)."""
    return f"figures/{card_id}-thumb.svg"


def page_exists(content_dir, page: str) -> bool:
    """A written page, or a page generated from data (exercises/<id>.md, programs/<id>.md); never a folder."""
    if page.endswith(".md") and (content_dir / page).is_file():
        return True
    folder, _, name = page.partition("/")
    return (
        folder in ("exercises", "programs")
        and name.endswith(".md")
        and (content_dir / folder / f"{name[:-3]}.yml").exists()
    )


DOWNLOAD_DIR = "download"  # the site folder of the downloadable edition (the zip, the PDF, edition.js)


def edition_stem(date) -> str:
    """The downloadable edition's file name without its suffix: 'calf-pain-guide-2026-12-07' (.zip, .pdf)."""
    return f"calf-pain-guide-{date.isoformat()}"
