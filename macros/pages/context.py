"""The page a renderer draws for: its address, its file, its numbered sources and the feature scripts its markup needs.

One PageContext per page: the stage makes one for each written page it renders (macros/pages/written.py) and for each
card and programme page (macros/pipeline/staged.py). Renderers that emit a feature's markup record the feature's scripts
on it, and the stage writes that list into the page's front matter, where main.html loads it at the end of the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..base.urls import page_url
from ..content.references import PageCitations


@dataclass
class PageContext:
    """The page a macro or renderer is called for."""

    src: str  # its path in the staged folder, e.g. 'treat/first-days.md'
    edit_path: str  # its file in the repository, e.g. 'content/treat/first-days.md' (what messages name)
    ledger: PageCitations = field(default_factory=PageCitations)  # its numbered sources so far
    scripts: list[str] = field(default_factory=list)  # the feature scripts its markup needs, in the order needed

    @property
    def url(self) -> str:
        return page_url(self.src)

    def needs(self, *scripts: str) -> None:
        """Record the scripts a piece of markup needs (assets/javascripts/<name>), each once, in order."""
        self.scripts.extend(script for script in scripts if script not in self.scripts)
