"""Print the printable guide (print.html of a built site) to a PDF with the system's Chromium: `make pdf`.

    python scripts/print_pdf.py [--site site] [--paper A4|Letter] [--out PATH]

The page is served on 127.0.0.1 (as the hosted site is) and printed by Chromium's own print path (Playwright's
page.pdf, which uses print media), so the PDF is exactly what a reader gets from the browser's Print command. It is
written to <site>/download/calf-pain-guide-<date>.pdf, next to the zip, with the date the build gave the zip; the
zip leaves download/ out, so the PDF never changes the zip's bytes. download/edition.js is then written again, so the
download page lists the PDF and its size. Exit status 1, with the fix, when the site or the browser is missing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from local_site import CHROMIUM, FLAGS, find_chromium, serve

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # `import macros` when run as a script without the venv's .pth

from macros.pipeline.download import DOWNLOAD, Edition, write_edition  # noqa: E402

FOOTER = (
    '<div style="font-size:8px;width:100%;text-align:center;color:#444">Calf Pain Guide, printable guide, {date}. '
    'Page <span class="pageNumber"></span> of <span class="totalPages"></span>.</div>'
)


def zip_edition(site: Path) -> Edition | None:
    """The edition the build wrote: the date in the zip's name (download/calf-pain-guide-<date>.zip)."""
    import datetime as dt

    for path in sorted((site / DOWNLOAD).glob("calf-pain-guide-*.zip")):
        return Edition(dt.date.fromisoformat(path.stem.removeprefix("calf-pain-guide-")))
    return None


def print_pdf(site: Path, out: Path, paper: str, date: str) -> int:
    """Print <site>/print.html to `out`; the number of pages."""
    from playwright.sync_api import sync_playwright

    with serve(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium() or CHROMIUM, headless=True, args=FLAGS)
        try:
            page = browser.new_page()
            page.goto(url + "print.html", wait_until="load")
            page.emulate_media(media="print")
            data = page.pdf(
                format=paper,
                print_background=True,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=FOOTER.format(date=date),
                margin={"top": "15mm", "bottom": "18mm", "left": "15mm", "right": "15mm"},
            )
        finally:
            browser.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    return data.count(b"/Type /Page\n") or data.count(b"/Type /Page") - data.count(b"/Type /Pages")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    parser.add_argument("--paper", choices=["A4", "Letter"], default="A4", help="paper size (default: A4)")
    parser.add_argument("--out", type=Path, help="where to write the PDF (default: <site>/download/<name>.pdf)")
    args = parser.parse_args(argv)
    site = args.site.resolve()
    edition = zip_edition(site) if (site / "print.html").is_file() else None
    if edition is None:
        print(f"error: no built site with its zip in {site}. Fix: run `make build` first.", file=sys.stderr)
        return 1
    if not find_chromium():
        print(
            f"error: Chromium not found at {CHROMIUM}. Fix: install it, or set CHROMIUM to its path.", file=sys.stderr
        )
        return 1
    out = args.out or site / DOWNLOAD / f"{edition.stem}.pdf"
    pages = print_pdf(site, out, args.paper, edition.date.isoformat())
    if args.out is None:
        write_edition(site, edition)
    print(f"Wrote {out} ({pages} pages, {out.stat().st_size / 1e6:.1f} MB, {args.paper}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
