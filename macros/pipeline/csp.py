"""Content Security Policy: a post-build step that gives every built page a CSP <meta> as the first element of <head>.

Run after `mkdocs build` (`make build` and the tests' builds do): `python -m macros.pipeline.csp SITE_DIR`.

The policy allows only the site's own files ('self'; Chromium lets 'self' match file: URLs when the page itself was
opened from disk) and, for inline scripts, exactly the ones on that page, by their sha256 hash. On file:// the
pinned iframe-worker shim runs the search worker in a hidden iframe whose document it writes itself, with one inline
bootstrap script; that iframe inherits the page's policy, so the bootstrap's hash is computed from the shim and the
page's worker address and allowed too. Nothing else in a page is rewritten: the meta is inserted, and that is all.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import sys
from dataclasses import dataclass, field
from functools import cache
from html import unescape as html_unescape
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from ..base.fragments import render

# Script types a browser runs (HTML's JavaScript MIME type essences, plus "module"); any other type is data.
JS_TYPES = (
    {"", "module"}
    | {
        f"{kind}/{name}"
        for kind, names in (
            ("application", "javascript ecmascript x-ecmascript x-javascript"),
            ("text", "javascript ecmascript jscript livescript x-ecmascript x-javascript"),
        )
        for name in names.split()
    }
    | {f"text/javascript1.{minor}" for minor in range(6)}
)
SHIM_NAME = "iframe-worker-shim.js"
# Directives in order. script-src gets the page's hashes; nothing else may reach outside the site.
# style-src: no inline <style> and no style="" attribute in the built pages; the theme sets styles through the DOM
# (element.style), which CSP does not restrict. img-src data:: the theme's icons are data: SVGs in its CSS.
# object-src, base-uri and form-action do not fall back to default-src, so they are set explicitly.
BASE_POLICY = (
    ("default-src", ("'self'",)),
    ("script-src", ("'self'",)),
    ("style-src", ("'self'",)),
    ("img-src", ("'self'", "data:")),
    ("object-src", ("'none'",)),
    ("base-uri", ("'self'",)),
    ("form-action", ("'self'",)),
)


class CspError(Exception):
    """A page or the shim is not in the shape this step expects; the message names the file and the fix."""


@dataclass
class Script:
    """One <script> element: its attributes (lower-case names) and its raw text."""

    attrs: dict[str, str]
    text: str = ""

    @property
    def executes(self) -> bool:
        """An inline script the browser runs: no src, and no type or a JavaScript type (JSON, JSON-LD do not run)."""
        kind = (self.attrs.get("type") or "").split(";")[0].strip().lower()
        return "src" not in self.attrs and kind in JS_TYPES


@dataclass
class PageParts:
    """What the policy needs from a page: its scripts, where <head>'s start tag ends, any CSP meta already there."""

    scripts: list[Script] = field(default_factory=list)
    head_end: int | None = None
    csp_metas: list[tuple[int, int]] = field(default_factory=list)  # (start, end) offsets


# One pass over the page finds what the policy needs. Comments are matched (and skipped) so a tag inside one does not
# count; a script's text runs to the first '</script', as the HTML tokenizer ends it; attribute values may hold '>'
# inside quotes. A regular-expression scan, not a full parser: the whole build's pages in a few milliseconds.
# The attribute run is possessive (++, *+: Python 3.11+), so it never gives back what it matched: a start tag with an
# unbalanced quote fails in one pass instead of backtracking through every split of its text (exponential time).
_TAGS = re.compile(
    r"<(?:!--.*?-->|(?P<tag>head|meta|script)(?=[\s/>])(?P<attrs>(?:[^>\"']++|\"[^\"]*+\"|'[^']*+')*+)>)",
    re.I | re.S,
)
_SCRIPT_END = re.compile(r"</script[\s/>]", re.I)
_ATTR = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")


def _attributes(text: str) -> dict[str, str]:
    """A start tag's attributes by lower-case name, values with character references decoded (as a parser does)."""
    attributes: dict[str, str] = {}
    for name, double, single, bare in _ATTR.findall(text):
        attributes.setdefault(name.lower(), html_unescape(double or single or bare))
    return attributes


def page_parts(html: str) -> PageParts:
    """The page's scripts (each script's text raw, exactly as the browser hashes it), where <head>'s start tag ends,
    and any CSP meta."""
    parts = PageParts()
    position = 0
    while (match := _TAGS.search(html, position)) is not None:
        position = match.end()
        tag = (match.group("tag") or "").lower()
        if not tag:
            continue  # a comment
        attributes = _attributes(match.group("attrs"))
        if tag == "head" and parts.head_end is None:
            parts.head_end = match.end()
        elif tag == "meta" and attributes.get("http-equiv", "").lower() == "content-security-policy":
            parts.csp_metas.append((match.start(), match.end()))
        elif tag == "script":
            end = _SCRIPT_END.search(html, position)
            stop = end.start() if end else len(html)
            parts.scripts.append(Script(attributes, html[position:stop]))
            position = stop
    return parts


def script_hash(text: str) -> str:
    """The CSP source for an inline script: 'sha256-…' of its UTF-8 text, line ends normalised as HTML parses them."""
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(normalised.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _function_source(source: str, name: str, where: str) -> str:
    """The exact text of `function name(...){...}` in minified JS: what Function.prototype.toString returns."""
    start = source.find(f"function {name}(")
    if start < 0:
        raise CspError(
            f"{where}: no `function {name}(` for the shim's ${{{name}}}. Fix: update macros/pipeline/csp.py "
            "for the new iframe-worker version (package-lock.json)."
        )
    depth, quote, index = 0, None, source.index("{", start)
    while index < len(source):
        char = source[index]
        if quote:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = None
        elif char in "\"'`":
            quote = char
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return source[start : index + 1]
        index += 1
    raise CspError(f"{where}: `function {name}` never closes. Fix: check the shim file is complete.")


def shim_bootstrap(shim_source: str, worker_url: str, where: str = SHIM_NAME) -> str:
    """The inline script the iframe-worker shim writes into its iframe for the worker at `worker_url`.

    The shim writes `<script>postMessage=${c};importScripts=${d};…filename:"${e}"…</script>`: each ${name} of a
    function is that function's source text, the one other ${name} is the worker address the page passed.
    """
    template = re.search(r"document\.write\(`(.*?)`\)", shim_source, re.S)
    first = re.search(r"<script>(.*?)<\\/script>", template.group(1), re.S) if template else None
    if not first:
        raise CspError(
            f"{where}: no document.write(`<script>…<\\/script>…`) found. Fix: update macros/pipeline/csp.py for "
            "the new iframe-worker version (package-lock.json)."
        )
    body = first.group(1)
    escapes = re.findall(r"\\(.)", body)
    if any(char not in "/\\`$" for char in escapes):
        raise CspError(
            f"{where}: the bootstrap template has escapes this step does not read ({escapes}). "
            "Fix: extend shim_bootstrap in macros/pipeline/csp.py."
        )
    body = re.sub(r"\\(.)", r"\1", body)
    names = set(re.findall(r"\$\{(\w+)\}", body))
    values = {name: _function_source(shim_source, name, where) for name in names if f"function {name}(" in shim_source}
    others = names - set(values)
    if len(others) != 1:
        raise CspError(
            f"{where}: expected one worker-address placeholder in the bootstrap, found {sorted(others)}. "
            "Fix: update shim_bootstrap in macros/pipeline/csp.py."
        )
    values[others.pop()] = worker_url
    return re.sub(r"\$\{(\w+)\}", lambda m: values[m.group(1)], body)


def _worker_url(parts: PageParts) -> str | None:
    """The theme's search worker address on this page, from its __config JSON (None without search)."""
    for script in parts.scripts:
        if script.attrs.get("id") == "__config":
            return json.loads(script.text).get("search")
    return None


def _shim_file(parts: PageParts, page: Path, site_dir: Path) -> Path | None:
    """The shim file this page loads, resolved on disk (None if the page does not load it)."""
    for script in parts.scripts:
        src = urlsplit(script.attrs.get("src", "")).path
        if PurePosixPath(src).name == SHIM_NAME:
            root = site_dir if src.startswith("/") else page.parent
            return (root / src.lstrip("/")).resolve()
    return None


@cache
def _bootstrap_hash(shim: Path, worker: str) -> str:
    """The hash of the shim's bootstrap for one worker address (pages in one folder share it)."""
    if not shim.is_file():
        raise CspError(f"Pages load {shim}, which is not in the site. Fix: check extra.polyfills in mkdocs.yml.")
    return script_hash(shim_bootstrap(shim.read_text(encoding="utf-8"), worker, str(shim)))


def page_hashes(parts: PageParts, page: Path, site_dir: Path) -> list[str]:
    """Sorted hashes of every inline script that runs on the page, plus the shim's bootstrap when the page uses it."""
    hashes = {script_hash(s.text) for s in parts.scripts if s.executes}
    shim, worker = _shim_file(parts, page, site_dir), _worker_url(parts)
    if shim and worker:
        hashes.add(_bootstrap_hash(shim, worker))
    return sorted(hashes)


def build_policy(hashes: list[str]) -> str:
    """The policy text: BASE_POLICY with the hashes added to script-src."""
    directives = [(name, (*sources, *hashes) if name == "script-src" else sources) for name, sources in BASE_POLICY]
    return "; ".join(" ".join((name, *sources)) for name, sources in directives)


def meta_tag(policy: str) -> str:
    """The <meta http-equiv> element, rendered from its partial (attribute-escaped)."""
    return render("csp-meta.html", policy=policy)


def with_policy(html: str, policy: str, where: str = "page", parts: PageParts | None = None) -> str:
    """The page with the CSP meta inserted right after <head>'s start tag; every other byte unchanged.

    A page that already has our meta first in <head> (the step ran before) gets it replaced; a CSP meta anywhere else
    is an error, because two policies would both apply. `parts` is the page already parsed (parsed here if not).
    """
    parts = parts or page_parts(html)
    if parts.head_end is None:
        raise CspError(f"{where}: no <head> start tag. Fix: the theme's base template must write <head>.")
    ours = [m for m in parts.csp_metas if html[parts.head_end : m[0]].strip() == ""]
    if len(parts.csp_metas) > len(ours[:1]):
        raise CspError(
            f"{where}: already has a Content-Security-Policy meta of its own. Fix: remove it; "
            "macros/pipeline/csp.py writes the only one."
        )
    if ours:
        html = html[: parts.head_end] + html[ours[0][1] :]
    return html[: parts.head_end] + meta_tag(policy) + html[parts.head_end :]


def secure_page(page: Path, site_dir: Path) -> str:
    """Add the page's policy to one built page in place; returns the policy."""
    html = page.read_text(encoding="utf-8")
    parts = page_parts(html)  # parsed once: the hashes and the insertion point both come from it
    policy = build_policy(page_hashes(parts, page, site_dir))
    page.write_text(with_policy(html, policy, str(page), parts), encoding="utf-8")
    return policy


def policy_hashes(policy: str) -> list[str]:
    """The 'sha256-…' sources in a policy's script-src."""
    for directive in policy.split(";"):
        name, *sources = directive.split()
        if name == "script-src":
            return [s for s in sources if s.startswith("'sha256-")]
    return []


def main(site_dir: str | Path) -> int:
    """Secure every HTML page under site_dir; print a one-line summary. Returns the exit status."""
    site = Path(site_dir)
    pages = sorted(site.rglob("*.html"))
    if not pages:
        print(f"macros.pipeline.csp: no HTML pages in {site}. Fix: build the site first.", file=sys.stderr)
        return 1
    try:
        hashes = {h for page in pages for h in policy_hashes(secure_page(page, site))}
    except CspError as error:
        print(f"macros.pipeline.csp: {error}", file=sys.stderr)
        return 1
    added = f"Content-Security-Policy added to {len(pages)} pages ({len(hashes)} distinct script hashes)"
    print(f"macros.pipeline.csp: {added}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("Usage: python -m macros.pipeline.csp SITE_DIR", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
