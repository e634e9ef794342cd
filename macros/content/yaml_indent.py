"""Find the line where a YAML file's indentation goes wrong, and say in plain words what to change.

PyYAML reports an indentation mistake in its own words ("did not find expected key", "mapping values are not allowed
here"), and often on the line after the mistake: a field moved left ends its block early, and only the next line,
still indented for that block, fails. This module walks the lines up to the line PyYAML names, tracking the
indentation of each open block, and names the first line that does not fit. macros/yamlfile.py asks it only when the
file fails to parse; when it finds nothing, PyYAML's own message stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..base.errors import ContentError

# The start of a line's content that is a field: 'name:' or a quoted key, then a blank or the end of the line.
_KEY = re.compile(r"""^(?:"[^"]*"|'[^']*'|[^\s#'"\[\]{}|>&*!%@`-][^#]*?|-[^\s#][^#]*?)\s*:(?:\s|$)""")
# A field whose value is a block of text on the lines below: 'note: |', 'note: >-'.
_BLOCK_TEXT = re.compile(r":\s+[|>][+-]?\d*\s*$|^-\s+[|>][+-]?\d*\s*$")
_QUOTED = re.compile(r""""(?:[^"\\]|\\.)*"|'(?:[^']|'')*'""")
_COMMENT = re.compile(r"(?:^|\s)#.*$")


@dataclass
class _Line:
    number: int  # 1-based
    indent: int
    text: str  # without indentation and comment

    @property
    def is_item(self) -> bool:
        return self.text == "-" or self.text.startswith("- ")

    @property
    def opens(self) -> bool:
        """True when the lines below may be indented further: 'name:' with no value, or a bare '-'."""
        return self.text == "-" or (self.text.endswith(":") and bool(_KEY.match(self.text.lstrip("- "))))


def _spaces(count: int) -> str:
    return f"{count} space{'s' if count != 1 else ''}"


def indentation_error(lines: list[str], up_to: int, rel: str) -> ContentError | None:
    """The first line, up to line `up_to` (1-based), whose indentation does not fit the blocks above it."""
    levels: list[tuple[int, str]] = []  # each open block: its indentation and "field" or "item", outermost first
    previous: _Line | None = None
    closed: list[int] = []  # levels the previous line closed by moving left
    text_block, depth = None, 0  # inside a block of text (its field's indentation); open [ or { brackets
    for number, raw in enumerate(lines[:up_to], start=1):
        content = raw.strip(" ")
        indent = len(raw) - len(raw.lstrip(" "))
        if not content or content.startswith("#"):
            continue
        if text_block is not None and indent > text_block:
            continue
        text_block = None
        bare = _COMMENT.sub("", _QUOTED.sub('""', content)).rstrip()
        if depth > 0:  # a [list] or {mapping} written over several lines: any indentation is allowed inside
            depth += bare.count("[") + bare.count("{") - bare.count("]") - bare.count("}")
            continue
        line = _Line(number, indent, bare)
        depth = max(0, bare.count("[") + bare.count("{") - bare.count("]") - bare.count("}"))
        problem = _misfit(line, previous, levels, closed)
        if problem:
            return ContentError(rel, problem[0], line=problem[1], fix=problem[2])
        if _BLOCK_TEXT.search(bare):
            text_block = indent
        previous = line
    return None


def _misfit(line: _Line, previous: _Line | None, levels: list[tuple[int, str]], closed: list[int]):
    """(message, line number, fix) when `line` does not fit the open blocks; otherwise None, with `levels` (each open
    block's indentation and whether it holds fields or list items) and `closed` (what this line closed) updated."""
    kind = "item" if line.is_item else "field"
    if previous is None:
        levels[:] = [(line.indent, kind)]
    elif previous.opens and (line.indent > previous.indent or (line.is_item and line.indent == previous.indent)):
        levels.append((line.indent, kind))  # the first line of a new block (a list may sit at its field's column)
        closed.clear()
    elif line.indent > levels[-1][0]:
        if not line.is_item and not _KEY.match(line.text):
            return None  # more text of the value above (a long value may run onto indented lines)
        if line.indent in closed:  # the line above moved left and ended its block early
            return (
                f"this line is indented {_spaces(previous.indent)}, less than the lines around it "
                f"({_spaces(line.indent)}), so it ends the block it belongs to early.",
                previous.number,
                f"Indent it {_spaces(line.indent)}, like line {line.number} below it.",
            )
        return (
            f"this line is indented {_spaces(line.indent)}, more than the {_spaces(levels[-1][0])} of its block, "
            f"but line {previous.number} above it does not end with ':', so no new block starts there.",
            line.number,
            f"Indent it {_spaces(levels[-1][0])}, like line {previous.number}, to make it the next "
            + ("item of the same list." if line.is_item else "field of the same block."),
        )
    else:
        closed[:] = [level for level, _ in levels if level > line.indent]
        del levels[len(levels) - len(closed) :]
        if levels[-1][0] != line.indent:  # between two levels: left of its block, right of the block holding it
            inner, outer = closed[0], levels[-1][0]
            return (
                f"this line is indented {_spaces(line.indent)}: less than the {_spaces(inner)} of the lines above "
                f"it, and more than the {_spaces(outer)} of the field that holds them.",
                line.number,
                f"Indent it {_spaces(inner)} to keep it with the lines above it (line {previous.number}), "
                f"or {_spaces(outer)} to end that block.",
            )
        if levels[-1][1] != kind and len(levels) > 1 and levels[-2] == (line.indent, kind):
            levels.pop()  # the end of a list written at its field's column
            closed.append(line.indent)
        elif levels[-1][1] != kind:
            if line.is_item:
                return (
                    f"this line starts a list item ('- ') at {_spaces(line.indent)}, where the lines at "
                    f"{_spaces(line.indent)} are fields ('name: value').",
                    line.number,
                    "Indent it like the items of the list it belongs to (two spaces more than their field).",
                )
            return (
                f"this line is a field ('name: value') at {_spaces(line.indent)}, where the lines at "
                f"{_spaces(line.indent)} are list items ('- ').",
                line.number,
                "Start it with '- ' if it is an item, or indent it like the other fields of its block.",
            )
    column = line.indent + len(line.text) - len(line.text.lstrip("- "))
    if line.is_item and _KEY.match(line.text.lstrip("- ")):
        levels.append((column, "field"))  # '- name: value' opens a block of fields at the column after '- '
    return None
