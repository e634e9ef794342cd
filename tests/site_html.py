"""Read the built site's HTML: every link and resource reference, and every id, for the link and standalone checks."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Attributes that make the browser fetch something (resources), versus links a reader follows.
RESOURCE_ATTRS = {
    ("script", "src"),
    ("img", "src"),
    ("iframe", "src"),
    ("source", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("input", "src"),
    ("track", "src"),
}
# <link rel=...> values that make the browser fetch the href (canonical and alternate links are not fetched).
FETCHED_RELS = {
    "stylesheet",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "preload",
    "modulepreload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "manifest",
    "mask-icon",
}
SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "blob:")


@dataclass
class PageRefs:
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)  # <a href>, <area href>
    resources: list[str] = field(default_factory=list)  # fetched by the browser
    inline_styles: list[str] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.refs = PageRefs()
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if a.get(key):
                self.refs.ids.add(a[key])
        if tag in ("a", "area") and a.get("href") is not None:
            self.refs.links.append(a["href"])
        if tag == "link" and a.get("href") and set((a.get("rel") or "").lower().split()) & FETCHED_RELS:
            self.refs.resources.append(a["href"])
        for t, attr in RESOURCE_ATTRS:
            if tag == t and a.get(attr):
                self.refs.resources.append(a[attr])
        if a.get("srcset"):
            self.refs.resources += [part.strip().split(" ")[0] for part in a["srcset"].split(",")]
        if a.get("style"):
            self.refs.inline_styles.append(a["style"])
        self._in_style = tag == "style"

    def handle_data(self, data):
        if self._in_style:
            self.refs.inline_styles.append(data)

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False


def parse(path: Path) -> PageRefs:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector.refs


def is_external(url: str) -> bool:
    return url.startswith(("http://", "https://", "//"))


def resolve(site: Path, page: Path, url: str) -> tuple[Path | None, str]:
    """The file a relative URL points at (None for skipped schemes) and its fragment."""
    if url.startswith(SKIP_SCHEMES) or is_external(url):
        return None, ""
    parts = urlsplit(url)
    target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
    if parts.path.endswith("/") or (target.exists() and target.is_dir()):
        target = target / "index.html"
    return target, unquote(parts.fragment)


class _Prose(HTMLParser):
    """Visible prose of a page's article: paragraphs, list items, table cells and headings, one block per line.

    Left out: citation numbers, source lists, the page frame, scripts, templates, figures, the page's tooltips and the
    programme stages' buttons.
    """

    SKIP_CLASSES = (
        "calf-cite",
        "calf-references",
        "calf-frame",
        "calf-print-log",
        "headerlink",
        "calf-visually-hidden",
        "calf-stage__actions",  # a stage's buttons ("Do this stage's session"): controls, not reading text
    )
    BLOCKS = {"p", "li", "td", "th", "h1", "h2", "h3", "h4", "dt", "dd", "caption", "figcaption"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth_article = 0
        self.skip_stack: list[str] = []
        self.blocks: list[str] = []
        self.current: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article":
            self.depth_article += 1
        classes = (a.get("class") or "").split()
        if (
            self.skip_stack
            or tag in ("script", "style", "template", "svg", "aside", "nav")
            or any(c in classes for c in self.SKIP_CLASSES)
            or a.get("hidden") is not None
        ):
            if tag not in ("br", "img", "input", "hr", "meta", "link"):
                self.skip_stack.append(tag)
            return
        if tag in self.BLOCKS:
            self._flush()

    def handle_endtag(self, tag):
        if self.skip_stack:
            if self.skip_stack[-1] == tag:
                self.skip_stack.pop()
            return
        if tag in self.BLOCKS:
            self._flush()
        if tag == "article":
            self.depth_article -= 1

    def handle_data(self, data):
        if self.depth_article and not self.skip_stack:
            self.current.append(data)

    def _flush(self):
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text if text[-1] in ".!?:" else text + ".")
        self.current = []


def prose(path: Path) -> str:
    """The reading text of a built page, for readability and word counts (parsed once per version of the file:
    test_content_quality.py reads every page's prose in four tests)."""
    stat = path.stat()
    return _prose(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=1024)
def _prose(path: Path, mtime_ns: int, size: int) -> str:
    parser = _Prose()
    parser.feed(path.read_text(encoding="utf-8"))
    parser._flush()
    return "\n".join(parser.blocks)


class _Paragraphs(_Prose):
    """Only the explanations: paragraphs and list items outside tables and components (care cards, exercise
    summaries, the checker, pain-rule boxes, programme stages, admonitions), where short items are the point."""

    COMPONENTS = (
        "calf-care",
        "calf-exercise",
        "calf-triage",
        "calf-pain-rule",
        "calf-stages",
        "calf-program",
        "calf-urgency",
        "admonition",
    )
    VOID = ("br", "img", "input", "hr", "meta", "link", "wbr")

    def __init__(self):
        super().__init__()
        self.inside: list[tuple[str, bool]] = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag not in self.VOID:
            component = tag in ("td", "th", "table") or any(c.startswith(self.COMPONENTS) for c in classes)
            self.inside.append((tag, component))
        super().handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        super().handle_endtag(tag)
        while self.inside:
            if self.inside.pop()[0] == tag:
                break

    def handle_data(self, data):
        tags = [t for t, _ in self.inside]
        if ("p" in tags or "li" in tags) and not any(flag for _, flag in self.inside):
            super().handle_data(data)


def paragraphs(path: Path) -> str:
    """The explanatory paragraphs and list items of a built page, for sentence length."""
    parser = _Paragraphs()
    parser.feed(path.read_text(encoding="utf-8"))
    parser._flush()
    return "\n".join(parser.blocks)


class _CheckerProse(_Prose):
    """The checker page's prose, split into each question or result (a tree node) and the text around the tree."""

    def __init__(self):
        super().__init__()
        self.nodes: dict[str, list[str]] = {}
        self.node: str | None = None
        self.node_depth = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self.node is not None and tag == "section":
            self.node_depth += 1
        elif self.node is None and ("data-triage-node" in a or "data-triage-outcome" in a):
            self._flush()
            self.node, self.node_depth = a["id"], 1
            self.nodes[self.node] = []
        super().handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        super().handle_endtag(tag)
        if self.node is not None and tag == "section":
            self.node_depth -= 1
            if not self.node_depth:
                self._flush()
                self.node = None

    def _flush(self):
        before = len(self.blocks)
        super()._flush()
        if self.node is not None and len(self.blocks) > before:
            self.nodes[self.node].append(self.blocks.pop())


def checker_prose(path: Path) -> tuple[str, dict[str, str]]:
    """The symptom checker page's prose outside the tree, and the prose of each question and result by its id."""
    parser = _CheckerProse()
    parser.feed(path.read_text(encoding="utf-8"))
    parser._flush()
    return "\n".join(parser.blocks), {node: "\n".join(blocks) for node, blocks in parser.nodes.items()}
