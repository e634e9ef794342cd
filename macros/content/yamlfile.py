"""Read one YAML content file safely, keeping the line of every field for error messages.

Besides YAML syntax, the reader rejects the traps that YAML itself lets through or reports badly: a file too big to be
content, a tab in the indentation, anchors and aliases (so no "YAML bomb" can expand), a key given twice in one
mapping, and a list item that silently swallows the next one because that one is indented differently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..base.errors import ContentError, ContentErrors
from .yaml_indent import indentation_error

# The largest content file is about 180 KB (content/safety/stories.yml, the reading-walk stories);
# anything over this is not hand-written content.
MAX_BYTES = 512 * 1024

# Leading blanks of a line that hold a tab.
_TAB_INDENT = re.compile(r"^[ ]*\t", re.M)
# Where an anchor (&name) or alias (*name) could start: at a line start or after a blank, a flow indicator or ':'.
# Only a file matching this is parsed a second time, event by event, to name the line; "Q&A" or "5*3" do not match.
_ANCHOR_OR_ALIAS = re.compile(r"(?:^|[\s\[{,:\ufeff])[&*][^\s,\[\]{}]", re.M)

# The line breaks YAML counts in its marks (str.splitlines also splits at form feeds and other characters).
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")

ANCHOR_FIX = "Write the value out in full where it is needed; anchors (&name) and aliases (*name) are not used here."


# libyaml's parser when it is installed (ten times faster), with the same safe constructor.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_BaseLoader):
    """Safe loader that keeps dates as text (duplicate keys are caught while indexing lines)."""


# Dates stay "YYYY-MM-DD" strings, as editors' YAML language servers read them; the schema checks the format.
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class LineIndex:
    """Maps a field path such as ('dose', 'sets') or ('steps', 2) to its 1-based line."""

    lines: dict[tuple, int] = field(default_factory=dict)

    def line_of(self, path: tuple) -> int | None:
        # Fall back to the nearest parent that has a line (a missing field points at its parent).
        for cut in range(len(path), -1, -1):
            if path[:cut] in self.lines:
                return self.lines[path[:cut]]
        return None


def _index(
    node: yaml.Node,
    path: tuple,
    index: LineIndex,
    rel: str,
    errors: list[ContentError],
    lines: list[str],
    seen_nodes: set[int],
    key_line: int | None = None,
) -> None:
    index.lines[path] = node.start_mark.line + 1
    # An alias makes the composer hand back the same node again: stop there, so a "YAML bomb" never expands.
    # (A backstop: _anchor_errors normally names the exact line first. The node only knows the anchor's place,
    # so the error points at the key holding the alias, or at the anchored value for a list item.)
    if id(node) in seen_nodes:
        errors.append(
            ContentError(
                rel,
                "anchors and aliases are not allowed.",
                field=_dotted(path) or None,
                line=key_line or node.start_mark.line + 1,
                fix=ANCHOR_FIX,
            )
        )
        return
    seen_nodes.add(id(node))
    if isinstance(node, yaml.MappingNode):
        seen: set = set()
        for key_node, value_node in node.value:
            # A list or mapping as a key cannot be hashed; building the data reports it ("found unhashable key").
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else f"?{key_node.start_mark.line + 1}"
            if key in seen:
                errors.append(
                    ContentError(
                        rel,
                        f"the key '{key}' appears twice.",
                        field=_dotted(path + (key,)),
                        line=key_node.start_mark.line + 1,
                        fix="Keep one of them and delete the other.",
                    )
                )
            seen.add(key)
            _index(value_node, path + (key,), index, rel, errors, lines, seen_nodes, key_node.start_mark.line + 1)
            index.lines[path + (key,)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for position, item in enumerate(node.value):
            _index(item, path + (position,), index, rel, errors, lines, seen_nodes)
            errors.extend(_folded_item_errors(item, path + (position,), rel, lines))


def _folded_item_errors(item: yaml.Node, path: tuple, rel: str, lines: list[str]) -> list[ContentError]:
    """A plain list item over several lines whose continuation starts with '- ' swallowed the next item.

    With one item indented 3 spaces instead of 2, YAML reads "- b" as more text of item "a" and shows "a - b".
    """
    # Plain scalars only (style None in PyYAML, '' in libyaml); quoted and block text may hold '- ' on purpose.
    if not isinstance(item, yaml.ScalarNode) or item.style or item.start_mark.line == item.end_mark.line:
        return []
    return [
        ContentError(
            rel,
            "this item runs onto the next line, which starts with '- '.",
            field=_dotted(path),
            line=number + 1,
            fix="Indent each item the same (two spaces before each '- '), so each '- ' starts its own item.",
        )
        for number in range(item.start_mark.line + 1, min(item.end_mark.line, len(lines) - 1) + 1)
        if lines[number].lstrip(" ").startswith("- ") or lines[number].strip(" ") == "-"
    ]


def _tab_errors(text: str, rel: str) -> list[ContentError]:
    lines = [text.count("\n", 0, match.start()) + 1 for match in _TAB_INDENT.finditer(text)]
    if not lines:
        return []
    more = f" ({len(lines) - 1} more line{'s' if len(lines) > 2 else ''} too)" if len(lines) > 1 else ""
    return [
        ContentError(
            rel,
            f"this line is indented with a tab{more}.",
            line=lines[0],
            fix="Use spaces, not tabs: two spaces per level (set your editor to insert spaces for Tab).",
        )
    ]


def _anchor_errors(text: str, rel: str) -> list[ContentError]:
    """Every anchor (&name) and alias (*name), found from the parser's events (only run when the text may hold one)."""
    if not _ANCHOR_OR_ALIAS.search(text):
        return []
    found: dict[int, str] = {}
    for event in yaml.parse(text, Loader=_StrictLoader):
        if isinstance(event, yaml.AliasEvent):
            found.setdefault(event.start_mark.line + 1, f"*{event.anchor}")
        elif getattr(event, "anchor", None):
            found.setdefault(event.start_mark.line + 1, f"&{event.anchor}")
    return [
        ContentError(rel, f"anchors and aliases are not allowed (found '{name}').", line=line, fix=ANCHOR_FIX)
        for line, name in found.items()
    ]


def _dotted(path: tuple) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def dotted(path) -> str:
    """Render a field path as 'dose.sets' or 'steps[2]'."""
    return _dotted(tuple(path))


def read_yaml(path: Path, rel: str) -> tuple[Any, LineIndex]:
    """Parse a YAML file into data plus a line index. Raises ContentErrors with a readable message."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ContentErrors(
            [
                ContentError(
                    rel,
                    f"the file is {size // 1024} KB, over the {MAX_BYTES // 1024} KB limit for a content file.",
                    fix="Split it into smaller files; a content file is hand-written text, far below this size.",
                )
            ]
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentErrors(
            [
                ContentError(
                    rel,
                    f"is not UTF-8 text (byte 0x{raw[exc.start]:02x} cannot be read).",
                    line=line,
                    fix="Save the file with UTF-8 encoding.",
                )
            ]
        ) from None
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise ContentErrors(
            [ContentError(rel, "the file is empty.", fix="Fill it in (see CONTRIBUTING.md) or delete it.")]
        )
    tabs = _tab_errors(text, rel)
    if tabs:
        raise ContentErrors(tabs)
    loader = _StrictLoader(text)
    try:
        anchors = _anchor_errors(text, rel)
        if anchors:
            raise ContentErrors(anchors)
        node = loader.get_single_node()
        errors: list[ContentError] = []
        index = LineIndex()
        if node is not None:
            # Checked on the node tree before anything is built from it, so an alias is never expanded.
            _index(node, (), index, rel, errors, _LINE_BREAK.split(text), set())
        if errors:
            raise ContentErrors(errors)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        # An indentation mistake: the line where it goes wrong, in plain words (PyYAML may name the line after it).
        misfit = indentation_error(_LINE_BREAK.split(text), mark.line + 1, rel) if mark else None
        if misfit:
            raise ContentErrors([misfit]) from None
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        raise ContentErrors(
            [
                ContentError(
                    rel,
                    f"invalid YAML: {problem}.",
                    line=mark.line + 1 if mark else None,
                    fix="Check the indentation on this line and the one above; "
                    "put text that contains ': ' or starts with a symbol in quotes.",
                )
            ]
        ) from None
    except yaml.YAMLError as exc:
        raise ContentErrors([ContentError(rel, f"invalid YAML: {exc}.", fix="Check the file's syntax.")]) from None
    finally:
        loader.dispose()
    return data, index
