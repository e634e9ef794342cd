"""The schema validator: macros/content/schemas.py validates with each schema's local "$ref"s inlined (for speed). Every
place in a schema that the content files reach (each field and list item, list positions aside), broken in nine ways,
gets the same messages from that form as from the schema file as written. Each broken copy is the file made small
around the field (tests/test_schemas._focused), so the whole triage tree is not validated hundreds of times.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from jsonschema import Draft7Validator

from macros.content.schemas import _explain, inline_refs, schema_file, validator
from macros.content.yamlfile import read_yaml

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
# Schemas that use "$ref", with files that follow them.
FILES = {
    "exercise": sorted((CONTENT / "exercises").glob("*.yml")),
    "program": sorted((CONTENT / "programs").glob("*.yml")),
    "triage": [CONTENT / "triage.yml"],
    "hazard": sorted(CONTENT.rglob("hazard*.yml")),
}
WRONG = (None, 12345, "x", "Not Kebab", [], {}, {"zzz": 1}, [{"zzz": 1}])


def _kind(path: tuple) -> tuple:
    """The field's place in the schema: its path with list positions left out ('questions[].answers[].label')."""
    return tuple("[]" if isinstance(part, int) else part for part in path)


def _small(value, keep: int = 2):
    """`value` with every list cut to its first `keep` items (the schemas ask for at most 2)."""
    if isinstance(value, dict):
        return {key: _small(item, keep) for key, item in value.items()}
    if isinstance(value, list):
        return [_small(item, keep) for item in value[:keep]]
    return value


def _focused(data, path: tuple):
    """(data, path) made small around the field: every list above it cut to the item on the way to it and one other,
    every list beside the way cut to two items, so a broken copy is validated in milliseconds instead of as the whole
    triage tree. The field's own list keeps its length. The schema still sees every keyword on the way to the field."""
    copy = json.loads(json.dumps(data))
    parent, focused = copy, []
    for position, part in enumerate(path):
        last = position == len(path) - 1
        if isinstance(parent, dict):
            for key in parent:
                if key != part:
                    parent[key] = _small(parent[key])
        elif last:
            parent[:] = [item if index == part else _small(item) for index, item in enumerate(parent)]
        else:
            parent[:] = [parent[part]] + [_small(item) for index, item in enumerate(parent) if index != part][:1]
            part = 0
        focused.append(part)
        parent = parent[part]
    return copy, tuple(focused)


def _broken(data, path: tuple):
    """Copies of `data` with the value at `path` removed or replaced by each wrong value."""
    for wrong in (*WRONG, KeyError):
        copy = json.loads(json.dumps(data))
        parent = copy
        for part in path[:-1]:
            parent = parent[part]
        if wrong is KeyError:
            if isinstance(parent, dict):
                del parent[path[-1]]
                yield copy
        else:
            parent[path[-1]] = wrong
            yield copy


def _messages(check: Draft7Validator, data) -> list:
    return [problem for err in check.iter_errors(data) for problem in _explain(err)]


@pytest.mark.parametrize("name", sorted(FILES))
def test_inlined_schema_gives_the_same_messages_as_the_schema_as_written(name):
    path = schema_file(CONTENT, name)
    written = Draft7Validator(json.loads(path.read_text(encoding="utf-8")))
    used = validator(path)
    assert '"$ref"' in json.dumps(written.schema), f"{name} has no $ref: nothing to compare"
    assert used.schema != written.schema, "the validator in use is the inlined form"
    cases = problems = 0
    assert FILES[name], f"no content file follows {name}.schema.json"
    seen = set()  # the places in the schema already broken, in this file or an earlier one
    for file in FILES[name]:
        data, lines = read_yaml(file, file.name)
        fields = [p for p in lines.lines if p and _kind(p) not in seen]  # every field and list item of the file
        for field in fields:
            if _kind(field) in seen:
                continue
            seen.add(_kind(field))
            small, path = _focused(data, field)
            assert not _messages(written, small), f"{file.name}: {field}: the file made small is still valid"
            for broken in _broken(small, path):
                expected = _messages(written, broken)
                assert _messages(used, broken) == expected, f"{file.name}: {field}"
                cases, problems = cases + 1, problems + bool(expected)
    assert problems > cases // 2, "most broken copies are invalid, so the messages are compared"


def test_circular_or_remote_refs_are_left_as_written():
    circular = {"definitions": {"a": {"items": {"$ref": "#/definitions/a"}}}, "$ref": "#/definitions/a"}
    remote = {"properties": {"x": {"$ref": "https://example.org/other.json"}}}
    assert inline_refs(circular) is circular
    assert inline_refs(remote) is remote


def test_the_place_of_use_keeps_its_own_description():
    schema = {
        "definitions": {"text": {"type": "string", "description": "Plain text."}},
        "properties": {
            "note": {"$ref": "#/definitions/text", "description": "A note."},
            "b": {"$ref": "#/definitions/text"},
        },
    }
    inlined = inline_refs(schema)["properties"]
    assert inlined["note"] == {"type": "string", "description": "A note."}
    assert inlined["b"] == {"type": "string"}  # as jsonschema saw it: no description beside the $ref


# One small schema with every keyword the content schemas use, to check each message and fix word for word.
MESSAGES_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "name"],
    "properties": {
        "id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "description": "The card's id."},
        "name": {"type": "string", "minLength": 3, "maxLength": 8, "description": "A short name."},
        "date": {"type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"},
        "code": {"type": "string", "pattern": "^X+$"},
        "kind": {"enum": ["easy", "moderate", "hard"]},
        "sets": {"type": "integer", "minimum": 1, "maximum": 9},
        "tags": {"type": "array", "minItems": 1, "maxItems": 2, "uniqueItems": True},
        "one": {"anyOf": [{"required": ["a"]}, {"required": ["b", "c"]}]},
        "flag": {"type": "boolean"},
        "text": {"type": "string"},
        "size": {"type": ["number", "null"]},
        "odd": {"not": {}},
        "thing": {"$ref": "#/definitions/thing", "description": "Written beside the $ref."},
    },
    "definitions": {
        "thing": {
            "type": "object",
            "required": ["x"],
            "properties": {"x": {"type": "string", "description": "The x of a thing."}},
            "description": "The target's own description.",
        }
    },
}

MESSAGES = [
    (
        {"colour": 1},
        "colour",
        "unknown field 'colour'.",
        "Remove it or fix the spelling. Allowed fields here: code, "
        "date, flag, id, kind, name, odd, one, sets, size, tags, text, thing.",
    ),
    (
        {"nmae": "x"},
        "nmae",
        "unknown field 'nmae'.",
        "Remove it or fix the spelling. Did you mean 'name'? Allowed "
        "fields here: code, date, flag, id, kind, name, odd, one, sets, size, tags, text, thing.",
    ),
    (
        {"id": "Calf Raise"},
        "id",
        "'Calf Raise' is not kebab-case.",
        "Use lowercase letters, digits and single hyphens, e.g. calf-raise-double.",
    ),
    ({"date": "soon"}, "date", "'soon' is not a date.", "Write the date as YYYY-MM-DD, e.g. 2026-11-25."),
    ({"code": "Y"}, "code", "'Y' does not have the expected form.", "Match the pattern ^X+$."),
    ({"kind": "simple"}, "kind", "'simple' is not one of the allowed values.", "Use one of: easy, moderate, hard."),
    (
        {"kind": "eazy"},
        "kind",
        "'eazy' is not one of the allowed values.",
        "Use one of: easy, moderate, hard. Did you mean 'easy'?",
    ),
    ({"sets": "three"}, "sets", "expected a whole number, found text.", "Write a whole number here."),
    ({"sets": 2.5}, "sets", "expected a whole number, found a decimal number.", "Write a whole number here."),
    ({"flag": "yes"}, "flag", "expected true or false, found text.", "Write true or false here."),
    ({"tags": "a"}, "tags", "expected a list, found text.", "Write a list here."),
    (
        {"text": {"Stand tall": "soft"}},
        "text",
        "expected text, found a group of fields ('name: value').",
        "Text that contains ': ' must be in double quotes, e.g. \"Stand tall: keep your knees soft.\"",
    ),
    ({"text": None}, "text", "expected text, found nothing.", "Write the text after the colon, on the same line."),
    ({"text": 3}, "text", "expected text, found a whole number.", "Write text here."),
    ({"text": dt.date(2026, 11, 25)}, "text", "expected text, found date.", "Write text here."),  # a type not worded
    ({"text": [1]}, "text", "expected text, found a list.", "Write text here."),
    ({"size": "big"}, "size", "expected a number, found text.", "Write a number here."),
    (
        {"thing": 1},
        "thing",
        "expected a group of fields (a mapping), found a whole number.",
        "Write a group of fields (a mapping) here.",
    ),
    ({"sets": 0}, "sets", "0 is out of range; minimum is 1.", "Use a value in the allowed range."),
    ({"sets": 10}, "sets", "10 is out of range; maximum is 9.", "Use a value in the allowed range."),
    ({"tags": []}, "tags", "has 0 item(s); minimum is 1.", "Add or remove items."),
    ({"tags": [1, 2, 3]}, "tags", "has 3 item(s); maximum is 2.", "Add or remove items."),
    ({"tags": [1, 1]}, "tags", "lists the same item twice.", "Remove the repeated item."),
    ({"name": "ab"}, "name", "is 2 characters; minimum is 3.", "Lengthen or shorten the text."),
    ({"name": "abcdefghi"}, "name", "is 9 characters; maximum is 8.", "Lengthen or shorten the text."),
    ({"one": {}}, "one", "is missing one of the alternatives.", "Give a or b/c."),
    ({"thing": {}}, "thing.x", "this required field is missing.", "Add 'x:'. The x of a thing."),
    ({"odd": 1}, "odd", "1 should not be valid under {}", "See the schema's description for this field."),
]


@pytest.mark.parametrize("change, field, message, fix", MESSAGES, ids=[m[1] + ":" + m[2][:30] for m in MESSAGES])
def test_each_schema_failure_reads_as_one_message_with_its_fix(tmp_path, change, field, message, fix):
    from macros.content.schemas import schema_errors
    from macros.content.yamlfile import LineIndex

    schema = tmp_path / "t.schema.json"
    schema.write_text(json.dumps(MESSAGES_SCHEMA), encoding="utf-8")
    errors = schema_errors({"id": "a-b", "name": "abc", **change}, schema, "content/t.yml", LineIndex())
    assert [(e.field, e.message, e.fix) for e in errors] == [(field, message, fix)]


def test_a_missing_field_quotes_its_description_and_errors_come_in_line_order(tmp_path):
    from macros.content.schemas import schema_errors
    from macros.content.yamlfile import LineIndex

    schema = tmp_path / "t.schema.json"
    schema.write_text(json.dumps(MESSAGES_SCHEMA), encoding="utf-8")
    lines = LineIndex({("sets",): 4, ("kind",): 2, (): 1})
    errors = schema_errors({"sets": 0, "kind": "x"}, schema, "content/t.yml", lines)
    assert [(e.line, e.field, e.message, e.fix) for e in errors] == [
        (1, "id", "this required field is missing.", "Add 'id:'. The card's id."),
        (1, "name", "this required field is missing.", "Add 'name:'. A short name."),
        (2, "kind", "'x' is not one of the allowed values.", "Use one of: easy, moderate, hard."),
        (4, "sets", "0 is out of range; minimum is 1.", "Use a value in the allowed range."),
    ]


def test_a_list_files_items_are_named_by_their_label(tmp_path):
    from macros.content.schemas import schema_errors
    from macros.content.yamlfile import LineIndex

    schema = tmp_path / "t.schema.json"
    schema.write_text(json.dumps({"type": "array", "items": MESSAGES_SCHEMA}), encoding="utf-8")
    data = [{"id": "a-b", "name": "abc"}, {"id": "c-d", "name": "abc", "sets": 0}]
    errors = schema_errors(data, schema, "content/t.yml", LineIndex(), labels={1: "c-d"})
    assert [e.field for e in errors] == ["c-d.sets"]
    assert [e.field for e in schema_errors(data, schema, "content/t.yml", LineIndex(), labels={0: "a-b"})] == [
        "[1].sets"
    ]


def test_a_required_field_without_a_description_and_the_order_of_errors_on_one_line(tmp_path):
    from macros.content.schemas import schema_errors
    from macros.content.yamlfile import LineIndex

    bare = tmp_path / "bare.schema.json"
    bare.write_text(json.dumps({"type": "object", "required": ["x"]}), encoding="utf-8")
    assert [(e.field, e.message, e.fix) for e in schema_errors({}, bare, "content/t.yml", LineIndex())] == [
        ("x", "this required field is missing.", "Add 'x:'.")
    ]
    schema = tmp_path / "t.schema.json"
    schema.write_text(json.dumps(MESSAGES_SCHEMA), encoding="utf-8")
    # Same line: by field name, not in the schema's order (tags is listed before flag).
    same_line = schema_errors({"id": "a", "name": "abc", "tags": [], "flag": "y"}, schema, "t", LineIndex({(): 1}))
    assert [(e.line, e.field) for e in same_line] == [(1, "flag"), (1, "tags")]
    # A field with no line of its own sorts first, before line 1.
    lines = LineIndex({("sets",): 1})
    unplaced = schema_errors({"id": "a", "name": "abc", "sets": 0, "text": 3}, schema, "t", lines)
    assert [(e.line, e.field) for e in unplaced] == [(None, "text"), (1, "sets")]
