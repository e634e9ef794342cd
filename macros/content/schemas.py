"""Validate content data against its JSON Schema and turn each failure into a plain ContentError."""

from __future__ import annotations

import difflib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft7Validator
from jsonschema.exceptions import ValidationError

from ..base.errors import ContentError
from .yamlfile import LineIndex, dotted

ANNOTATIONS = ("title", "description", "default", "examples", "$comment")  # no effect on what is valid
SCHEMAS = "schemas"  # the folder inside the content folder that holds <name>.schema.json
_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a group of fields (a mapping)",
    "null": "nothing",
}
_FOUND_WORDS = {
    "str": "text",
    "int": "a whole number",
    "float": "a decimal number",
    "bool": "true or false",
    "list": "a list",
    "dict": "a group of fields ('name: value')",
    "NoneType": "nothing",
}


def schema_file(content_dir: Path, name: str) -> Path:
    """Where the schema of one content type lives: <content>/schemas/<name>.schema.json (editors read it there)."""
    return Path(content_dir) / SCHEMAS / f"{name}.schema.json"


def validator(schema: Path) -> Draft7Validator:
    """The validator for one schema file, rebuilt when the file changes (live preview)."""
    stat = schema.stat()
    return _validator(schema.resolve(), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _validator(schema: Path, mtime_ns: int, size: int) -> Draft7Validator:
    schema = json.loads(schema.read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    return Draft7Validator(inline_refs(schema))


def inline_refs(schema: dict) -> dict:
    """The schema with each local "$ref" replaced by what it points to, when no reference leads back to itself.

    jsonschema resolves a "$ref" on every use: that took 40% of a card's validation time. Draft 7 ignores the
    keywords beside a "$ref" when validating, so the result accepts and rejects exactly what the schema does, and
    annotations are those of the place of use, as before (a missing field's message quotes the description written
    beside its "$ref", not the target's). A schema with a remote or circular reference is returned as it is.
    tests/test_schemas.py checks that every content file, broken at its fields, gets the same messages."""

    def resolve(node, trail: tuple):
        if isinstance(node, list):
            return [resolve(item, trail) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str):
            if not ref.startswith("#/") or ref in trail:
                raise LookupError(ref)
            target = schema
            for part in ref[2:].split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            resolved = resolve(target, trail + (ref,))
            if not isinstance(resolved, dict):
                return resolved
            # The place of use keeps its own annotations (a message quotes a field's description from there).
            kept = {key: value for key, value in resolved.items() if key not in ANNOTATIONS}
            return kept | {key: node[key] for key in ANNOTATIONS if key in node}
        return {key: value if key == "definitions" else resolve(value, trail) for key, value in node.items()}

    try:
        return resolve(schema, ())
    except (LookupError, TypeError):
        return schema


def _suggest(word: str, options) -> str:
    close = difflib.get_close_matches(str(word), [str(o) for o in options], n=1)
    return f" Did you mean '{close[0]}'?" if close else ""


def _explain(err: ValidationError) -> list[tuple[tuple, str, str]]:
    """Return (field path, message, fix) for each problem in one schema failure."""
    if err.validator == "additionalProperties":
        allowed = sorted(err.schema.get("properties", {}))
        return [
            (
                tuple(err.absolute_path) + (name,),
                f"unknown field '{name}'.",
                f"Remove it or fix the spelling.{_suggest(name, allowed)} Allowed fields here: {', '.join(allowed)}.",
            )
            for name in sorted(set(err.instance) - set(allowed))
        ]
    return [_explain_one(err)]


def _explain_one(err: ValidationError) -> tuple[tuple, str, str]:
    path = tuple(err.absolute_path)
    kind, value, schema = err.validator, err.instance, err.schema
    if kind == "required":
        # jsonschema reports each missing field as its own failure ("'name' is a required property"): name that one,
        # not the first missing field every time.
        absent = [name for name in err.validator_value if isinstance(value, dict) and name not in value]
        missing = next((name for name in absent if err.message.startswith(f"{name!r} ")), absent[0])
        about = schema.get("properties", {}).get(missing, {})
        hint = about.get("description", "")
        return path + (missing,), "this required field is missing.", f"Add '{missing}:'. {hint}".strip()
    if kind == "enum":
        options = ", ".join(str(o) for o in err.validator_value)
        return (
            path,
            f"'{value}' is not one of the allowed values.",
            f"Use one of: {options}.{_suggest(value, err.validator_value)}",
        )
    if kind == "type":
        want = err.validator_value if isinstance(err.validator_value, str) else err.validator_value[0]
        got = _FOUND_WORDS.get(type(value).__name__, type(value).__name__)
        fix = f"Write {_TYPE_WORDS.get(want, want)} here."
        if want == "string" and isinstance(value, dict):
            fix = "Text that contains ': ' must be in double quotes, e.g. \"Stand tall: keep your knees soft.\""
        elif want == "string" and value is None:
            fix = "Write the text after the colon, on the same line."
        return path, f"expected {_TYPE_WORDS.get(want, want)}, found {got}.", fix
    if kind == "pattern":
        if "a-z0-9" in err.validator_value:
            return (
                path,
                f"'{value}' is not kebab-case.",
                "Use lowercase letters, digits and single hyphens, e.g. calf-raise-double.",
            )
        if "\\d{4}" in err.validator_value:
            return path, f"'{value}' is not a date.", "Write the date as YYYY-MM-DD, e.g. 2026-11-25."
        return path, f"'{value}' does not have the expected form.", f"Match the pattern {err.validator_value}."
    if kind in ("minItems", "maxItems"):
        return path, f"has {len(value)} item(s); {kind[:3]}imum is {err.validator_value}.", "Add or remove items."
    if kind in ("minLength", "maxLength"):
        return (
            path,
            f"is {len(value)} characters; {kind[:3]}imum is {err.validator_value}.",
            "Lengthen or shorten the text.",
        )
    if kind in ("minimum", "maximum"):
        return path, f"{value} is out of range; {kind} is {err.validator_value}.", "Use a value in the allowed range."
    if kind == "uniqueItems":
        return path, "lists the same item twice.", "Remove the repeated item."
    if kind == "anyOf":
        options = " or ".join("/".join(o.get("required", [])) for o in err.validator_value)
        return path, "is missing one of the alternatives.", f"Give {options}."
    return path, err.message, "See the schema's description for this field."


def schema_errors(
    data: Any, schema: Path, rel: str, lines: LineIndex, labels: dict[int, str] | None = None
) -> list[ContentError]:
    """Every failure of `data` against the schema file `schema`, one ContentError each, sorted by position.

    `labels` names the items of a list file (e.g. {3: 'dubois-2020'}) so a field reads 'dubois-2020.year'.
    """
    errors = []
    for err in validator(schema).iter_errors(data):
        for path, message, fix in _explain(err):
            shown = path
            if labels and path and isinstance(path[0], int) and path[0] in labels:
                shown = (labels[path[0]],) + path[1:]
            errors.append(ContentError(rel, message, field=dotted(shown) or None, line=lines.line_of(path), fix=fix))
    return sorted(errors, key=lambda e: (e.line or 0, e.field or ""))
