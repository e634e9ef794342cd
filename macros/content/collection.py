"""Generic loaders for the two shapes of content data: one item per file, or a list of items in one file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..base.errors import ContentError, ContentErrors
from .schemas import schema_errors
from .yamlfile import LineIndex, dotted, read_yaml

PLACEHOLDER = "TODO"


@dataclass(frozen=True)
class Item:
    """One validated content item with where it came from."""

    id: str
    data: dict
    rel: str
    lines: LineIndex
    path: tuple = ()

    def line(self, *field) -> int | None:
        return self.lines.line_of(self.path + tuple(field))

    def error(self, message: str, *at, fix: str, field: tuple | None = None) -> ContentError:
        """A problem at the field path `at` of this item, reported on that field's line. The field is named as a
        contributor finds it: 'steps[2]' in a file of its own, 'dubois-2020.year' in a list of entries. `field` names
        another path when the line shown is not the field's own (a field that is missing is shown at its neighbour)."""
        name = dotted(field if field is not None else at)
        return ContentError(
            self.rel, message, field=f"{self.id}.{name}" if self.path else name, line=self.line(*at), fix=fix
        )


def relpath(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _placeholders(value: Any, trail: tuple = ()):
    """Yield the path of every string that still holds the scaffold placeholder."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _placeholders(inner, trail + (key,))
    elif isinstance(value, list):
        for position, inner in enumerate(value):
            yield from _placeholders(inner, trail + (position,))
    elif isinstance(value, str) and PLACEHOLDER in value:
        yield trail


def placeholder_errors(item: Item) -> list[ContentError]:
    return [
        item.error(
            f"still holds the scaffold placeholder '{PLACEHOLDER}'.", *trail, fix="Replace it with real content."
        )
        for trail in _placeholders(item.data)
    ]


def load_folder(folder: Path, schema: Path, root: Path) -> tuple[dict[str, Item], list[ContentError]]:
    """Load every <id>.yml in `folder`; the file name must equal the item's id."""
    items: dict[str, Item] = {}
    errors: list[ContentError] = []
    for path in sorted(folder.glob("*.yaml")):
        errors.append(
            ContentError(relpath(path, root), "content files end in .yml.", fix=f"Rename it to {path.stem}.yml.")
        )
    for path in sorted(folder.glob("*.yml")):
        rel = relpath(path, root)
        try:
            data, lines = read_yaml(path, rel)
        except ContentErrors as exc:
            errors.extend(exc.errors)
            continue
        if not isinstance(data, dict):
            errors.append(
                ContentError(
                    rel,
                    f"expected fields such as 'id: {path.stem}', found {type(data).__name__}.",
                    line=1,
                    fix="Write one 'field: value' per line, as in the template.",
                )
            )
            continue
        # A scaffold field still marked TODO is reported by name; schema errors inside it would only add noise.
        todo = list(_placeholders(data))
        found = [
            e
            for e in schema_errors(data, schema, rel, lines)
            if not any(
                e.field
                and (e.field == dotted(t) or e.field.startswith(dotted(t) + ".") or e.field.startswith(dotted(t) + "["))
                for t in todo
            )
        ]
        if todo:
            errors.extend(placeholder_errors(Item(path.stem, data, rel, lines)))
        if found or todo:
            errors.extend(found)
            continue
        item = Item(data["id"], data, rel, lines)
        if item.id != path.stem:
            errors.append(
                item.error(
                    f"the id '{item.id}' does not match the file name '{path.name}'.",
                    "id",
                    fix=f"Rename the file to {item.id}.yml or set 'id: {path.stem}'.",
                )
            )
        elif item.id in items:
            errors.append(
                item.error(
                    f"the id '{item.id}' is already used by {items[item.id].rel}.", "id", fix="Choose a new, unique id."
                )
            )
        else:
            items[item.id] = item
    return items, errors


def load_list(path: Path, schema: Path, root: Path, key: str) -> tuple[dict[str, Item], list[ContentError]]:
    """Load a YAML list of items, each identified by its `key` field, which must be unique."""
    rel = relpath(path, root)
    if not path.exists():
        return {}, [ContentError(rel, "the file is missing.", fix="Restore it from git.")]
    try:
        data, lines = read_yaml(path, rel)
    except ContentErrors as exc:
        return {}, exc.errors
    if not isinstance(data, list):
        return {}, [
            ContentError(
                rel,
                f"expected a list of entries ('- {key}: ...'), found {type(data).__name__}.",
                line=1,
                fix=f"Start each entry with '- {key}:'.",
            )
        ]
    labels = {
        i: entry[key] for i, entry in enumerate(data) if isinstance(entry, dict) and isinstance(entry.get(key), str)
    }
    errors = schema_errors(data, schema, rel, lines, labels)
    if errors:
        return {}, errors
    items: dict[str, Item] = {}
    for position, entry in enumerate(data):
        item = Item(entry[key], entry, rel, lines, (position,))
        if item.id in items:
            errors.append(
                item.error(
                    f"the {key} '{item.id}' is used twice (first on line {items[item.id].line()}).",
                    key,
                    fix=f"Give each entry a unique {key}.",
                )
            )
            continue
        errors.extend(placeholder_errors(item))
        items[item.id] = item
    return items, errors


def load_single(path: Path, schema: Path, root: Path) -> tuple[Item | None, list[ContentError]]:
    """Load one YAML mapping file (such as the symptom checker tree)."""
    rel = relpath(path, root)
    if not path.exists():
        return None, [ContentError(rel, "the file is missing.", fix="Restore it from git.")]
    try:
        data, lines = read_yaml(path, rel)
    except ContentErrors as exc:
        return None, exc.errors
    if not isinstance(data, dict):
        return None, [
            ContentError(
                rel, f"expected fields, found {type(data).__name__}.", line=1, fix="Write one 'field: value' per line."
            )
        ]
    errors = schema_errors(data, schema, rel, lines)
    return (None, errors) if errors else (Item(path.stem, data, rel, lines), [])
