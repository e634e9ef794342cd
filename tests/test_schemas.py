"""The schema validator: macros/content/schemas.py validates with each schema's local "$ref"s inlined (for speed). Every
content file, broken at every field it has, gets the same messages from that form as from the schema file as written.
"""

from __future__ import annotations

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
    "exercise": sorted((CONTENT / "exercises").glob("*.yml"))[:3],
    "program": sorted((CONTENT / "programs").glob("*.yml")),
    "triage": [CONTENT / "triage.yml"],
    "hazard": sorted(CONTENT.rglob("hazard*.yml")),
}
WRONG = (None, 12345, "x", "Not Kebab", [], {}, {"zzz": 1}, [{"zzz": 1}])
FIELDS = 30  # fields broken per file, spread evenly over it (the triage tree has thousands)


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
    for file in FILES[name]:
        data, lines = read_yaml(file, file.name)
        fields = [p for p in lines.lines if p]  # every field and list item of the file
        for field in fields[:: max(1, len(fields) // FIELDS)]:
            for broken in _broken(data, field):
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
