"""Read one YAML content file safely, keeping the line of every field for error messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError, ContentErrors


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


def _index(node: yaml.Node, path: tuple, index: LineIndex, rel: str, errors: list[ContentError]) -> None:
    index.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                errors.append(ContentError(rel, f"the key '{key}' appears twice.", field=_dotted(path + (key,)),
                                           line=key_node.start_mark.line + 1, fix="Keep one of them and delete the other."))
            seen.add(key)
            _index(value_node, path + (key,), index, rel, errors)
            index.lines[path + (key,)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for position, item in enumerate(node.value):
            _index(item, path + (position,), index, rel, errors)


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
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentErrors([ContentError(rel, f"is not UTF-8 text (byte 0x{raw[exc.start]:02x} cannot be read).",
                                          line=line, fix="Save the file with UTF-8 encoding.")]) from None
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise ContentErrors([ContentError(rel, "the file is empty.",
                                          fix="Fill it in (see CONTRIBUTING.md) or delete it.")])
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        raise ContentErrors([ContentError(rel, f"invalid YAML: {problem}.", line=mark.line + 1 if mark else None,
                                          fix="Check the indentation on this line and the one above; "
                                              "put text that contains ': ' or starts with a symbol in quotes.")]) from None
    except yaml.YAMLError as exc:
        raise ContentErrors([ContentError(rel, f"invalid YAML: {exc}.", fix="Check the file's syntax.")]) from None
    finally:
        loader.dispose()
    errors: list[ContentError] = []
    index = LineIndex()
    if node is not None:
        _index(node, (), index, rel, errors)
    if errors:
        raise ContentErrors(errors)
    return data, index
