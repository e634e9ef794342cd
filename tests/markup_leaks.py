"""Where a marked string became markup in a built site (the hostile-content tests' scanner, tests/test_hostile_*.py).

The built site is parsed, not searched: every HTML page and SVG file (html.parser): no element, attribute, comment
or declaration came from the string, no `javascript:` URL and no event handler or style holds it, no plain inline
script holds it, and every JSON script parses and holds it only as string data; every JSON file and the search index
script: they parse, the string is only ever a string value, and the search index's titles and texts hold no element
from it; no file shows a Jinja expression from the string evaluated.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

MARKER = "calfxss"  # never in the real site; each injected field gets MARKER + its number
EVALUATED = "evaluated"  # `{{ "calfxss0" ~ "evaluated" }}` rendered by Jinja would print calfxss0evaluated


URL_ATTRS = {
    "href",
    "src",
    "action",
    "formaction",
    "srcset",
    "poster",
    "data",
    "xlink:href",
    "cite",
    "background",
    "ping",
    "manifest",
}
JSON_TYPES = {"application/json", "application/ld+json", "importmap", "speculationrules"}


def _markers_in(text: str, markers: list[str]) -> list[str]:
    low = text.lower()
    if MARKER not in low:  # the common case, checked once instead of once per marker (every marker starts with it)
        return []
    return [m for m in markers if m in low]


def _json_problems(value, markers: list[str], where: str, html_strings: bool = False) -> list[str]:
    """The marker only as JSON string data: never in a key; in HTML strings (search index) never as markup."""
    problems = []
    if isinstance(value, dict):
        for key, item in value.items():
            problems += [f"{where}: marker {m} in a JSON key {key!r}" for m in _markers_in(key, markers)]
            problems += _json_problems(item, markers, f"{where}.{key}", html_strings)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            problems += _json_problems(item, markers, f"{where}[{index}]", html_strings)
    elif isinstance(value, str) and html_strings and _markers_in(value, markers):
        problems += _html_problems(value, markers, where)
    return problems


class _Page(HTMLParser):
    """Everything the browser would create from one page, checked for markup that came from the markers."""

    def __init__(self, markers: list[str], where: str):
        super().__init__(convert_charrefs=True)
        self.markers, self.where, self.problems = markers, where, []
        self._script: dict | None = None
        self._style = False

    def _flag(self, text: str, what: str) -> None:
        for marker in _markers_in(text, self.markers):
            self.problems.append(f"{self.where}: {what} from {marker}: {text[:160]!r}")

    def handle_starttag(self, tag, attrs):
        self._flag(tag, "an element")
        for name, value in attrs:
            self._flag(name, f"an attribute on <{tag}>")
            value = value or ""
            if name.startswith("on") or name == "style":
                self._flag(value, f"a {name} attribute on <{tag}>")
            if name in URL_ATTRS and "".join(value.split()).lower().startswith(("javascript:", "vbscript:", "data:")):
                self._flag(value, f"a script URL in <{tag} {name}>")
        if tag == "script":
            self._script = {"type": (dict(attrs).get("type") or "").lower(), "text": ""}
        self._style = tag == "style"

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_endtag(self, tag):
        self._flag(tag, "an end tag")
        if tag == "script" and self._script is not None:
            self._check_script(self._script["type"], self._script["text"])
            self._script = None
        if tag == "style":
            self._style = False

    def handle_data(self, data):
        if self._script is not None:
            self._script["text"] += data
        elif self._style:
            self._flag(data, "a style sheet")

    def _check_script(self, kind: str, text: str) -> None:
        if kind in JSON_TYPES:
            try:
                parsed = json.loads(text)
            except json.JSONDecodeError as exc:
                self.problems.append(
                    f"{self.where}: a <script type={kind}> does not parse as JSON ({exc}): {text[:160]!r}"
                )
                return
            self.problems += _json_problems(parsed, self.markers, f"{self.where} <script type={kind}>")
            lowered = text.lower()
            if "<!--" in lowered or "<script" in lowered:
                self.problems.append(f"{self.where}: a <script type={kind}> holds '<!--' or '<script'")
        else:
            self._flag(text, "an inline script")

    def handle_comment(self, data):
        self._flag(data, "a comment")

    def handle_decl(self, decl):
        self._flag(decl, "a declaration")

    def unknown_decl(self, data):
        self._flag(data, "a CDATA or other declaration")

    def handle_pi(self, data):
        self._flag(data, "a processing instruction")


def _html_problems(text: str, markers: list[str], where: str) -> list[str]:
    page = _Page(markers, where)
    page.feed(text)
    page.close()
    if page._script is not None:  # a script left open: everything after a breakout would be swallowed
        page._check_script(page._script["type"], page._script["text"])
    return page.problems


def _evaluated(text: str) -> str:
    """The markers that Jinja printed with EVALUATED after them (`{{ "calfxss0" ~ "evaluated" }}` rendered)."""
    return " ".join(re.findall(f"({MARKER}\\w*?){EVALUATED}", text, flags=re.IGNORECASE))


def site_problems(site: Path, markers: list[str]) -> list[str]:
    """Every place where a marked string became markup anywhere in the built site."""
    problems = []
    for file in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = file.relative_to(site).as_posix()
        if file.suffix not in {".html", ".svg", ".json", ".js", ".xml", ".txt", ".css"}:
            continue
        text = file.read_text(encoding="utf-8")
        problems += [
            f"{rel}: a Jinja expression from {m} was evaluated" for m in _markers_in(_evaluated(text), markers)
        ]
        if file.suffix in {".html", ".svg"}:
            problems += _html_problems(text, markers, rel)
        elif file.suffix == ".json" or rel == "search/search_index.js":
            body = text.split("=", 1)[1].strip().rstrip(";") if file.suffix == ".js" else text
            try:
                parsed = json.loads(body)
            except json.JSONDecodeError as exc:
                problems.append(f"{rel}: does not parse as JSON ({exc})")
                continue
            if rel.startswith("search/search_index"):
                problems += _json_problems(parsed.get("config", {}), markers, rel)
                for index, doc in enumerate(parsed.get("docs", [])):
                    problems += _json_problems(
                        {k: v for k, v in doc.items() if k not in ("title", "text")}, markers, f"{rel} docs[{index}]"
                    )
                    for key in ("title", "text"):
                        problems += _json_problems(
                            doc.get(key, ""), markers, f"{rel} docs[{index}].{key}", html_strings=True
                        )
            else:
                problems += _json_problems(parsed, markers, rel)
        else:  # JavaScript, CSS, sitemaps and text files are not generated from content text
            problems += [f"{rel}: holds {m} outside any JSON or HTML text" for m in _markers_in(text, markers)]
    return problems
