"""Hostile text in any content field never becomes markup: every fragment in every kind of field of all nine types.

Strings built from markup fragments (tags, attribute breakouts, `</script>`, Jinja and Markdown syntax, entities,
quotes, unicode) are written into free-text fields, each file dumped back with yaml.safe_dump, and the site built with
the real CLI on a throwaway copy. The build must either reject a value with a message naming the file and the field,
or publish it as text only: the built site is parsed, not searched, by markup_leaks.py (its docstring lists what
it checks).

Free-text fields are found generically: every string in the data whose JSON Schema (content/schemas/) is a plain
string, without enum, pattern, format or const, so ids, keys, enums, dates, URLs, DOIs and references stay valid.
Each injected field gets its own marker (calfxss00, calfxss01, ...), so a failure names the field that leaked, and
one build carries many fields, of every type at once: the test here writes every fragment into the first field of
every kind of all nine types (after the field's own text, so cross-checks still pass), in one build;
test_hostile_random.py's Hypothesis examples replace one to three random fields of each type, one build per example.
A value the build rejects is left out and the rest built again, so a rejection hides no other field (check_hostile).
"""

from __future__ import annotations

import json
import shutil
from fnmatch import fnmatch
from itertools import count
from pathlib import Path
from typing import NamedTuple

import pytest
import yaml
from hypothesis import event
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context
from markup_leaks import MARKER, site_problems

from helpers import ROOT, copy_project, run_build

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # safe either way; libyaml's is ten times faster
CONTENT = ROOT / "content"
SCHEMAS = CONTENT / "schemas"

# Content type -> (its files, relative to content/, and its schema). A file of a list type holds a list of items.
KINDS = {
    "exercises": ("exercises/*.yml", "exercise"),
    "programs": ("programs/*.yml", "program"),
    "care_cards": ("care_cards.yml", "care_card"),
    "references": ("references.yml", "reference"),
    "glossary": ("glossary.yml", "glossary"),
    "triage": ("triage.yml", "triage"),
    "people": ("people.yml", "person"),
    "pain_rules": ("pain_rules.yml", "pain_rule"),
    "findings": ("findings.yml", "findings"),
}


# Markup fragments: HTML in text, attribute and script contexts, Jinja, Markdown, entities, YAML-ish and unicode.
FRAGMENTS = (  # the most telling first: a short field (a name, up to 60 characters) keeps only the first few
    '"><calfxss>',
    "</script><calfxss>",
    "' data-calfxss='1",
    '{{ "calfxss" ~ "evaluated" }}',
    "&lt;calfxss&gt;",
    "[calfxss](javascript:calfxss())",
    "</title><calfxss>",
    "<!-- calfxss -->",
    "&#60;calfxss&#62;",
    "<calfxss>",
    "</calfxss>",
    "<calfxss/>",
    "'><calfxss>",
    "</textarea><calfxss>",
    "</style><calfxss>",
    '" data-calfxss="1',
    " data-calfxss=1 ",
    '<b data-calfxss onmouseover="calfxss()">',
    "<img src=x onerror=calfxss()>",
    "<svg><calfxss></svg>",
    "<!--",
    "-->",
    "<![CDATA[calfxss]]>",
    "<!calfxss>",
    "<?calfxss?>",
    "&amp;lt;calfxss&amp;gt;",
    "&",
    "&amp;",
    "&nbsp;",
    "&#x3C;",
    "{{ 7*7 }}",
    "{% raw %}",
    "{% endraw %}",
    "{# calfxss",
    "{## calfxss ##}",
    "{{",
    "}}",
    "{%",
    "%}",
    "<javascript:calfxss()>",
    "javascript:calfxss()",
    "![calfxss](x onerror=calfxss())",
    "*calfxss*",
    "`calfxss`",
    "{: data-calfxss }",
    "[^calfxss]",
    "!!! calfxss",
    '"',
    "'",
    "`",
    "\\",
    "\\u003c",
    "${calfxss}",
    "</",
    "]]>",
    "\u2028",
    "\u2029",
    "\u202e",
    "\ufeff",
    "\u00a0",
    "é",
    "ı",
    "ß",
    "😀",
    "𝒳",
    "\u0301",
    "\n",
    "\n\n",
    "- ",
    ": ",
    "# ",
    "*",
    "|",
)

# A value holding every fragment: the first, explicit example of every content type.
KITCHEN_SINK = "Text " + " ".join(FRAGMENTS)

_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=6)
HOSTILE = st.tuples(
    _TEXT,
    st.sampled_from(FRAGMENTS),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), _TEXT), max_size=6),
).map(lambda parts: parts[0] + parts[1] + "".join(parts[2]))


# ---- Which fields are free text: read from the JSON Schemas ------------------------------------------------------


def _resolve(schema: dict, root: dict) -> dict:
    while "$ref" in schema:
        ref = schema["$ref"]
        assert ref.startswith("#/"), f"only local $refs are followed, not {ref}"
        target = root
        for part in ref[2:].split("/"):
            target = target[part]
        schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
    return schema


def _is_free_text(schema: dict) -> bool:
    return schema.get("type") == "string" and not {"enum", "pattern", "format", "const"} & set(schema)


def _free_text_paths(value, schema: dict, root: dict, path: tuple = ()):
    """(path, schema) of every string in `value` whose schema is plain free text (recursive over dicts and lists)."""
    schema = _resolve(schema, root)
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for key, item in value.items():
            if key in properties:
                yield from _free_text_paths(item, properties[key], root, path + (key,))
    elif isinstance(value, list):
        items = schema.get("items")
        if isinstance(items, dict):
            for index, item in enumerate(value):
                yield from _free_text_paths(item, items, root, path + (index,))
    elif isinstance(value, str) and _is_free_text(schema):
        yield path, schema


class Field(NamedTuple):
    rel: str  # the file, relative to content/
    path: tuple  # e.g. ('stages', 2, 'goal')
    original: str
    min_length: int
    max_length: int | None

    def fit(self, value: str, keep: bool) -> str:
        """The value (after the field's own text when `keep`, so checks such as 'an emergency card names the
        emergency numbers' still pass), cut or padded to the schema's length limits: the example tests escaping."""
        limit = self.max_length or 10**6
        if keep and limit - len(self.original) > 20:
            value = f"{self.original} {value}"
        value = value[:limit]
        while len(value) < self.min_length:
            value += " Plain words."
        return value


def free_text_fields(kind: str) -> list[Field]:
    """Every free-text field of one content type, with its length limits."""
    pattern, schema_name = KINDS[kind]
    root = json.loads((SCHEMAS / f"{schema_name}.schema.json").read_text(encoding="utf-8"))
    fields = []
    for path in sorted(CONTENT.glob(pattern)):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
        rel = path.relative_to(CONTENT).as_posix()
        for field, schema in _free_text_paths(data, root, root):
            original = data
            for part in field:
                original = original[part]
            fields.append(Field(rel, field, original, schema.get("minLength", 0), schema.get("maxLength")))
    return fields


def one_of_each(fields: list[Field]) -> list[Field]:
    """The first field of every kind ('steps[]', 'stages[].goal', ...): where one type shows its text."""
    first = {}
    for field in fields:
        first.setdefault(tuple(part for part in field.path if isinstance(part, str)), field)
    return list(first.values())


def _field_name(path: tuple) -> str:
    """The field as the content errors name it: 'steps[2]', 'dose.note'."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _last_key(path: tuple) -> str:
    """The innermost key of a field path: 'text' for ('questions', 3, 'text')."""
    return next((part for part in reversed(path) if isinstance(part, str)), _field_name(path))


# ---- A throwaway project per example ------------------------------------------------------------------------------

_COPIES = count()


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """The project copied once per module (content/ and mkdocs.yml; the code linked), copied again per example."""
    return copy_project(tmp_path_factory.mktemp("hostile-template") / "project")


def _fresh_copy(template: Path, tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp(f"hostile-{next(_COPIES)}") / "project", source_root=template)


def _set_field(content: Path, rel: str, path: tuple, value: str) -> None:
    """Load the file, set the field, dump it back (yaml.safe_dump keeps any string valid YAML)."""
    file = content / rel
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    target = data
    for part in path[:-1]:
        target = target[part]
    assert isinstance(target[path[-1]], str)
    target[path[-1]] = value
    file.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000), encoding="utf-8")


# ---- The tests ----------------------------------------------------------------------------------------------------


class Pick(NamedTuple):
    field: Field
    marker: str
    value: str  # as written into the file: marked and fitted to the field's length limits


def _mark(picks: list[tuple[Field, str, bool]]) -> list[Pick]:
    """Each (field, hostile value, keep the field's own text) with its own marker, all of one width (calfxss00,
    calfxss01, ...), so that no marker is part of another and a finding names the field that leaked."""
    marked = []
    for number, (field, value, keep) in enumerate(picks):
        marker = f"{MARKER}{number:02d}"
        marked.append(Pick(field, marker, field.fit(value.replace(MARKER, marker), keep)))
    return marked


def _describe(picks: list[Pick]) -> str:
    return "\n".join(
        f"  {p.marker}: content/{p.field.rel} field {_field_name(p.field.path)} = {p.value!r}" for p in picks
    )


def _named(picks: list[Pick], output: str) -> list[Pick]:
    """The picks a failed build's messages name, by file and: the field ('questions[1].answers[0].label'), the marker
    (a message that quotes the value), or the text the value replaced (a cross-check quotes the old label it no longer
    finds); else by file and the field's last key (a check may name the field its own way). Only those are left out of
    the next build."""
    named = [p for p in picks if Path(p.field.rel).name in output]
    exact = [
        p
        for p in named
        if _field_name(p.field.path) in output
        or p.marker in output.lower()
        or (len(p.field.original) > 3 and f"'{p.field.original}'" in output)
    ]
    return exact or [p for p in named if _last_key(p.field.path) in output]


def check_hostile(template: Path, tmp_path_factory, picks: list[tuple[Field, str, bool]]) -> None:
    """Write every pick into one fresh copy (any content types at once: each file is loaded, set, dumped), build with
    the real CLI, and check the whole site for every marker. A rejected build must name the file and field of what it
    rejects; those picks are then left out and the rest built again, so a rejection never hides the other picks."""
    remaining = _mark(picks)
    while remaining:
        project = _fresh_copy(template, tmp_path_factory)
        try:
            for pick in remaining:
                _set_field(project / "content", pick.field.rel, pick.field.path, pick.value)
            site = project.parent / "site"
            result = run_build(project, site)
            output, described = result.stdout + result.stderr, _describe(remaining)
            if currently_in_test_context():  # a Hypothesis example: its statistics count built and rejected
                event("rejected" if result.returncode else "built")
            if result.returncode == 0:
                problems = site_problems(site, [p.marker for p in remaining])
                leaked = _describe([p for p in remaining if any(p.marker in problem for problem in problems)])
                assert not problems, f"markup from content text reached the site:\n{leaked}\n" + "\n".join(
                    problems[:40]
                )
                return
            assert "Traceback" not in output, f"the build crashed on:\n{described}\n{output[-3000:]}"
            rejected = _named(remaining, output)
            assert rejected, (
                f"the build failed without naming the file and field it rejects:\n{described}\n{output[-3000:]}"
            )
            remaining = [p for p in remaining if p not in rejected]
        finally:
            shutil.rmtree(project.parent, ignore_errors=True)


def kinds_of(picks: list[tuple[Field, str, bool]]) -> set[str]:
    """The content types the picks write into."""
    return {kind for kind, (pattern, _) in KINDS.items() if any(fnmatch(pick[0].rel, pattern) for pick in picks)}


def kitchen_sinks() -> list[tuple[Field, str, bool]]:
    """Every fragment at once, after the field's own text, in the first field of every kind of every content type."""
    return [(field, KITCHEN_SINK, True) for kind in KINDS for field in one_of_each(free_text_fields(kind))]


def hostile_picks(kinds=tuple(KINDS)):
    """One to three (free-text field, hostile value, keep the field's own text) of each content type, no field twice."""
    per_kind = []
    for kind in kinds:
        fields = free_text_fields(kind)
        assert fields, f"no free-text field found for {kind}"
        per_kind.append(
            st.lists(
                st.tuples(st.sampled_from(fields), HOSTILE, st.booleans()),
                min_size=1,
                max_size=3,
                unique_by=lambda pick: pick[0][:2],
            )
        )
    return st.tuples(*per_kind).map(lambda lists: [pick for picks in lists for pick in picks])


@pytest.mark.slow
@pytest.mark.build
def test_every_fragment_in_every_content_type_is_rejected_or_inert(template, tmp_path_factory):
    """Every fragment in the first field of every kind of all nine content types, one site build: each is rejected by
    name or published as text only. (The generated examples are in test_hostile_random.py, so `make test`'s two
    workers share the builds.)"""
    picks = kitchen_sinks()
    assert kinds_of(picks) == set(KINDS)
    check_hostile(template, tmp_path_factory, picks)


def test_free_text_fields_are_found_for_every_content_type():
    """The schema walk finds free text in every type, and no id, enum, date, URL or DOI among it."""
    for kind in KINDS:
        fields = free_text_fields(kind)
        assert fields, kind
        keys = {_last_key(field.path) for field in fields}
        assert not keys & {"id", "key", "doi", "url", "date", "reviewed", "next_review", "level", "kind", "type"}, (
            kind,
            keys,
        )


LEAKS = {  # file in a built site -> text that must be reported (the checker's own test, no build)
    "tag.html": "<p><calfxss0></p>",
    "attribute.html": '<p title="" data-calfxss0="1">x</p>',
    "handler.html": '<b onmouseover="calfxss0()">x</b>',
    "url.html": '<a href=" javascript:calfxss0()">x</a>',
    "comment.html": "<p>a <!-- calfxss0 --></p>",
    "breakout.html": '<script type="application/ld+json">{"name": "</script><calfxss0>"}</script>',
    "inline.html": '<script>var name = "calfxss0";</script>',
    "thumb.svg": "<svg><title>x</title><calfxss0/></svg>",
    "evaluated.html": "<p>calfxss0evaluated</p>",
    "search/search_index.json": '{"config": {}, "docs": [{"location": "", "title": "t", "text": "<p><calfxss0></p>"}]}',
    "key.json": '{"<calfxss0>": 1}',
    "broken.json": '{"name": "calfxss0"',
    "calf.js": 'console.log("calfxss0")',
}
INERT = {  # the same strings as text and string data: nothing to report
    "text.html": "<p>&lt;calfxss0&gt; &quot;&gt;&lt;calfxss0&gt; [calfxss0](javascript:calfxss0())</p>",
    "attribute.html": '<abbr title="&quot; data-calfxss0=&quot;1">x</abbr><a href="#calfxss0">x</a>',
    "jsonld.html": (
        '<script type="application/ld+json">{"name": "\\u003c/script\\u003e\\u003ccalfxss0\\u003e"}</script>'
    ),
    "search/search_index.json": '{"config": {}, "docs": [{"location": "", "title": "&lt;calfxss0&gt;", '
    '"text": "<p>&lt;calfxss0&gt; {{ \\"calfxss0\\" ~ \\"evaluated\\" }}</p>"}]}',
    "api.json": '{"name": "</script><calfxss0>"}',
}


@pytest.mark.parametrize("name", sorted(LEAKS))
def test_the_site_check_reports_markup_from_the_string(tmp_path, name):
    file = tmp_path / name
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(LEAKS[name], encoding="utf-8")
    assert site_problems(tmp_path, ["calfxss0"]), name


def test_the_site_check_accepts_the_string_as_text_and_data(tmp_path):
    for name, text in INERT.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert site_problems(tmp_path, ["calfxss0"]) == []
