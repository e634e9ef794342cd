"""The public review record: every finding of the December 2026 clinical review and every reference-check row that
needed action has a row saying what was done, on the built "How we responded to review" pages."""

from __future__ import annotations

import re
from html.parser import HTMLParser

RECORD_PAGES = ("about/changes.html", "about/changes-2026-12-content.html")
# The December 2026 clinical review (../shared/reviews/clinical-review-2026-12.md): critical C1-C3, major M1-M9 and
# minor m1-m23. The December 2026 reference check (reference-check-2026-12.md, section 2): the rows it found not
# supported (16, 17, 22), partly supported (6, 12, 14, 18, 20, 23, 24, 35, 36, 50) and could not judge (26, 27, 29,
# 34, 37). Its card repeats (rows 57 and 58) are counted with rows 17 and 22, as the check itself counts them.
FINDINGS = {f"C{n}" for n in range(1, 4)} | {f"M{n}" for n in range(1, 10)} | {f"m{n}" for n in range(1, 24)}
ROWS = {16, 17, 22} | {6, 12, 14, 18, 20, 23, 24, 35, 36, 50} | {26, 27, 29, 34, 37}


class _FirstCells(HTMLParser):
    """The text of the first cell of every table body row."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.cells: list[str] = []
        self._column = -1
        self._text: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self._column = -1
        elif tag == "td":
            self._column += 1
            self._text = [] if self._column == 0 else None

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "td" and self._text is not None:
            self.cells.append(" ".join("".join(self._text).split()))
            self._text = None


def _first_cells(site) -> list[str]:
    cells = []
    for rel in RECORD_PAGES:
        parser = _FirstCells()
        parser.feed((site / rel).read_text(encoding="utf-8"))
        cells += parser.cells
    return cells


def test_every_december_finding_and_reference_row_has_a_row_in_the_review_record(site):
    cells = _first_cells(site)
    findings = {m for cell in cells for m in re.findall(r"\b([CMm]\d+)\b", cell)}
    rows = set()
    for cell in cells:
        for numbers in re.findall(r"\b[Rr]ows? ((?:\d+|, | and |\(and \d+\)|\s)+)", cell):
            rows |= {int(n) for n in re.findall(r"\d+", numbers)}
    assert FINDINGS <= findings, f"review findings with no row on {RECORD_PAGES}: {sorted(FINDINGS - findings)}"
    assert ROWS <= rows, f"reference-check rows with no row on {RECORD_PAGES}: {sorted(ROWS - rows)}"
