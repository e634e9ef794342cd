"""The downloadable edition's box on the "Use it offline" page: this copy's date and the links to the zip and the PDF.

The date is the build date (macros/base/clock.py: the last commit's date under `make build`), so the page, the zip's
name and the zip's contents agree, and the same commit renders the same page. The sizes are filled in by
assets/javascripts/download.js from download/edition.js, which macros/pipeline/download.py writes after the zip.
"""

from __future__ import annotations

from ..base.clock import build_date
from ..base.fragments import render
from ..base.urls import DOWNLOAD_DIR, edition_stem, relative
from .context import PageContext


def date_text(date) -> str:
    """A date as readers write it: '7 December 2026'."""
    return f"{date.day} {date:%B %Y}"


def download_edition(page: PageContext) -> str:
    """The box: the edition's date, the zip's link, the PDF's (filled in when there is one) and download.js."""
    date = build_date()
    page.needs("download.js")
    return render(
        "download-edition.html",
        date_iso=date.isoformat(),
        date_text=date_text(date),
        zip_href=relative(page.url, f"{DOWNLOAD_DIR}/{edition_stem(date)}.zip"),
        edition_src=relative(page.url, f"{DOWNLOAD_DIR}/edition.js"),
        print_href=relative(page.url, "print.html"),
    )
