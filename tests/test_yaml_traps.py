"""YAML traps the content loader rejects, each naming the file, the line and the fix.

A tab in the indentation, a line indented too little or too much (named on its own line, in plain words: newcomer
trial 2026-12), a key given twice, a list item that swallowed the next one (newcomer trial 2026-11,
trap 3), anchors and aliases (a "YAML bomb") and an oversized file. Most cases call read_yaml on a small file; the
swallowed-item trap also goes through load_content on a copy of the real content, exactly as a contributor meets it.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
import yaml

from helpers import ROOT, content_errors
from macros.base.errors import ContentErrors
from macros.content import yamlfile
from macros.content.yamlfile import read_yaml

REL = "content/exercises/trap.yml"


def rejected(tmp_path: Path, text: str | bytes) -> str:
    """read_yaml's message for a bad file, which is saved as content/exercises/trap.yml."""
    path = tmp_path / "trap.yml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    with pytest.raises(ContentErrors) as caught:
        read_yaml(path, REL)
    message = str(caught.value)
    assert "Traceback" not in message
    return message


def accepted(tmp_path: Path, text: str):
    path = tmp_path / "fine.yml"
    path.write_text(text, encoding="utf-8")
    return read_yaml(path, "content/fine.yml")[0]


# --- a tab in the indentation -------------------------------------------------------------------------------------


def test_tab_in_indentation_says_use_spaces(tmp_path):
    message = rejected(tmp_path, "id: trap\nsteps:\n  - One.\n\t- Two.\n")
    assert f"{REL}:4:" in message, message
    assert "use spaces, not tabs" in message.lower(), message
    assert "Check the indentation" not in message, "a tab must not get the generic indentation hint"


def test_tabs_on_many_lines_are_one_error_naming_the_first(tmp_path):
    message = rejected(tmp_path, "dose:\n\tsets: 3\n\treps: 15\n\ttempo: {up: 2}\n")
    assert message.startswith("1 content error:"), message
    assert f"{REL}:2:" in message and "2 more lines" in message, message


def test_tab_after_spaces_in_a_block_of_text_is_also_a_tab_in_the_indentation(tmp_path):
    message = rejected(tmp_path, "purpose: >\n  First line\n  \tsecond line\n")
    assert f"{REL}:3:" in message and "use spaces, not tabs" in message.lower(), message


# --- a key given twice ---------------------------------------------------------------------------------------------


# --- a line indented too little or too much (macros/content/yaml_indent.py) ----------------------------------------

DOSE = "id: trap\ndose:\n  sets: 3\n  reps: 15\n  tempo: {up: 2, down: 3}\n  rest_seconds: 60\nnext: x\n"


def _indent(line: int, spaces: int) -> str:
    """DOSE with its line `line` (1-based) indented `spaces` spaces."""
    lines = DOSE.splitlines(keepends=True)
    lines[line - 1] = " " * spaces + lines[line - 1].lstrip(" ")
    return "".join(lines)


@pytest.mark.parametrize(
    "spaces, expected",
    [
        (
            1,
            ":4: this line is indented 1 space: less than the 2 spaces of the lines above it, and more than the "
            "0 spaces of the field that holds them. Fix: Indent it 2 spaces to keep it with the lines above it "
            "(line 3), or 0 spaces to end that block.",
        ),
        # Moved to the left edge, 'reps' ends the dose block: PyYAML fails only on line 5, still indented for it.
        (
            0,
            ":4: this line is indented 0 spaces, less than the lines around it (2 spaces), so it ends the block it "
            "belongs to early. Fix: Indent it 2 spaces, like line 5 below it.",
        ),
    ],
)
def test_a_line_indented_too_little_is_named_on_its_own_line_in_plain_words(tmp_path, spaces, expected):
    message = rejected(tmp_path, _indent(4, spaces))
    assert REL + expected in message, message
    assert "invalid YAML" not in message and "did not find expected key" not in message, message


@pytest.mark.parametrize("spaces", [3, 4])
def test_a_line_indented_too_much_is_named_on_its_own_line_in_plain_words(tmp_path, spaces):
    message = rejected(tmp_path, _indent(4, spaces))
    assert (
        f"{REL}:4: this line is indented {spaces} spaces, more than the 2 spaces of its block, but line 3 above it "
        "does not end with ':', so no new block starts there. Fix: Indent it 2 spaces, like line 3, to make it the "
        "next field of the same block." in message
    ), message
    assert "mapping values are not allowed" not in message, message


def test_a_list_item_at_the_left_edge_among_fields_is_named(tmp_path):
    text = "id: trap\nsteps:\n  - one\n- two\nnext: x\n"
    message = rejected(tmp_path, text)
    assert (
        f"{REL}:4: this line starts a list item ('- ') at 0 spaces, where the lines at 0 spaces are fields" in message
    )


def test_a_field_among_list_items_is_named(tmp_path):
    message = rejected(tmp_path, "steps:\n  - one\n  two: 2\n")
    assert f"{REL}:3: this line is a field ('name: value') at 2 spaces, where the lines at 2 spaces are list items" in (
        message
    ), message


def test_a_misindented_line_in_a_real_card_is_named_by_load_content(content_copy):
    """The newcomer's case: a field of a real card moved left; the error names that line, not the next."""
    rel = "content/exercises/calf-raise-double.yml"
    path = content_copy.parent / rel
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    reps = lines.index("  reps: 15\n")
    lines[reps] = "reps: 15\n"
    path.write_text("".join(lines), encoding="utf-8")
    message = content_errors(content_copy)
    assert f"{rel}:{reps + 1}: this line is indented 0 spaces, less than the lines around it" in message, message


@pytest.mark.parametrize(
    "text",
    [
        "a:\n- x\n- y\nb: 1\n",  # a list at its field's column
        "a:\n  - k: 1\n    m: 2\n  - k: 3\nb: |\n  text\n    more text: here\nc: [1,\n      2]\n",
        "a: long text\n  that runs on\nb: 2\n",
        "a:\n  b:\n    c: 1\n  d: 2\ne: 3\n",
    ],
)
def test_the_indentation_walk_finds_nothing_in_valid_yaml(text):
    from macros.content.yaml_indent import indentation_error

    assert yaml.safe_load(text) is not None
    assert indentation_error(text.splitlines(), len(text.splitlines()), REL) is None


def test_other_syntax_errors_keep_the_yaml_message(tmp_path):
    message = rejected(tmp_path, "id: trap\nname: [Double-leg\nnext: x\n")
    assert "invalid YAML" in message and "Fix: Check the indentation" in message, message


def test_duplicate_key_names_its_second_line(tmp_path):
    message = rejected(tmp_path, "id: trap\ndose:\n  sets: 3\n  reps: 15\n  sets: 4\n")
    assert f"{REL}:5: field 'dose.sets': the key 'sets' appears twice." in message, message
    assert "Fix: Keep one of them and delete the other." in message, message


# --- a list item that swallowed the next one (trap 3) ---------------------------------------------------------------

FOLDED = "steps:\n  - Lower until your heel touches the floor.\n   - Walk forward on your heels.\n  - Rest.\n"


def test_yaml_alone_folds_the_item_silently():
    """Why the check exists: plain YAML reads the 3-space item as more text of the one above."""
    assert (
        yaml.safe_load(FOLDED)["steps"][0] == "Lower until your heel touches the floor. - Walk forward on your heels."
    )


def test_item_running_onto_a_dash_line_names_the_continuation_line(tmp_path):
    message = rejected(tmp_path, FOLDED)
    assert f"{REL}:3: field 'steps[0]': this item runs onto the next line, which starts with '- '." in message, message
    assert "Fix: Indent each item the same" in message, message


def test_an_item_running_onto_the_last_line_of_a_file_without_a_final_newline(tmp_path):
    message = rejected(tmp_path, "steps:\n  - one\n   - two")
    assert f"{REL}:3: field 'steps[0]': this item runs onto the next line" in message, message


def test_a_continuation_line_that_only_starts_with_a_dash_is_text(tmp_path):
    """Only '- ' (or a lone '-') starts an item: a wrapped line beginning '-X' or '-5' is more of the same text."""
    assert accepted(tmp_path, "steps:\n  - one\n    -X\n  - two\n    -5 kg\n")["steps"] == ["one -X", "two -5 kg"]


def test_swallowed_step_in_a_real_card_is_rejected_by_load_content(content_copy):
    """Trap 3 as the newcomer met it: one step of a real card indented 3 spaces instead of 2."""
    rel = "content/exercises/calf-raise-double.yml"
    path = content_copy.parent / rel
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    second = lines.index("  - Hold the top for one second.\n")
    lines[second] = " " + lines[second]
    path.write_text("".join(lines), encoding="utf-8")
    message = content_errors(content_copy)
    assert (
        f"{rel}:{second + 1}: field 'steps[0]': this item runs onto the next line, which starts with '- '." in message
    ), message
    assert "Indent each item the same" in message, message


@pytest.mark.parametrize(
    "text",
    [
        "steps:\n  - A long step that goes on\n    to a second line.\n  - Next.\n",  # continuation without '- '
        'steps:\n  - "Quoted on purpose,\n    - with a dash line"\n',  # quoted text is meant
        "steps:\n  - |\n    A block of text\n    - with a list inside\n",  # so is a block scalar
        "notes: This is not a list item\n  - but plain text in a mapping.\n",  # only list items are checked
        "steps:\n  - A step\n    X- not a dash line\n",  # only '- ' after the spaces counts
    ],
)
def test_multi_line_items_that_are_meant_are_accepted(tmp_path, text):
    accepted(tmp_path, text)


# --- anchors and aliases --------------------------------------------------------------------------------------------


def test_anchor_and_alias_are_rejected_on_their_lines(tmp_path):
    message = rejected(tmp_path, "id: trap\ncues: &shared\n  - Keep your knee straight.\nmistakes: *shared\n")
    assert f"{REL}:2: anchors and aliases are not allowed (found '&shared')." in message, message
    assert f"{REL}:4: anchors and aliases are not allowed (found '*shared')." in message, message
    assert "Fix: Write the value out in full" in message, message


def test_anchor_alone_is_rejected(tmp_path):
    message = rejected(tmp_path, "id: trap\nname: &n Calf raise\n")
    assert f"{REL}:2: anchors and aliases are not allowed" in message, message


def test_merge_key_is_rejected(tmp_path):
    message = rejected(tmp_path, "base: &b {sets: 3}\ndose:\n  <<: *b\n  reps: 15\n")
    assert f"{REL}:3: anchors and aliases are not allowed (found '*b')." in message, message


BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]\n" for prev, name in zip("abcdefgh", "bcdefghi", strict=False)
)


def test_yaml_bomb_is_rejected_fast(tmp_path):
    start = time.perf_counter()
    message = rejected(tmp_path, BOMB)
    assert time.perf_counter() - start < 2, "the bomb was expanded"
    assert f"{REL}:1: anchors and aliases are not allowed" in message, message


def test_alias_is_caught_on_the_node_tree_even_if_the_quick_text_check_misses_it(tmp_path, monkeypatch):
    """The second guard: an alias is the same node met twice; the walk stops there, so nothing expands."""
    monkeypatch.setattr(yamlfile, "_ANCHOR_OR_ALIAS", re.compile(r"(?!)"))  # a pattern that never matches
    message = rejected(tmp_path, "id: trap\ncues: &shared\n  - Keep your knee straight.\nmistakes: *shared\n")
    assert (
        f"{REL}:4: field 'mistakes': anchors and aliases are not allowed. Fix: Write the value out in full where it "
        "is needed; anchors (&name) and aliases (*name) are not used here." in message
    ), message
    # In a list the alias has no key line: the error points at the anchored value (line 2).
    item = rejected(tmp_path, "id: trap\ncues: &shared\n  - Keep your knee straight.\nsteps:\n  - *shared\n")
    assert f"{REL}:2: field 'steps[0]': anchors and aliases are not allowed." in item, item
    start = time.perf_counter()
    assert "anchors and aliases are not allowed" in rejected(tmp_path, BOMB)
    assert time.perf_counter() - start < 2, "the bomb was expanded"


@pytest.mark.parametrize(
    "text",
    [
        "q: Q&A, 5*3 = 15, *bold* and & more\n",
        'q: "*not an alias* &nor an anchor"\n',
        "items: [R&D, 2*x]\n",
    ],
)
def test_ampersands_and_asterisks_in_text_are_accepted(tmp_path, text):
    assert accepted(tmp_path, text)


# --- file size ------------------------------------------------------------------------------------------------------


def test_oversized_file_is_rejected_before_parsing(tmp_path):
    # Broken YAML too: the size message alone shows the file was never parsed.
    message = rejected(tmp_path, "[" + "x: y\n" * (yamlfile.MAX_BYTES // 5 + 1))
    limit = yamlfile.MAX_BYTES // 1024
    assert f"{REL}: the file is {limit} KB, over the {limit} KB limit" in message, message
    assert "invalid YAML" not in message and "Fix: Split it into smaller files" in message, message


def test_a_file_of_exactly_the_limit_is_read(tmp_path):
    text = "notes:\n" + "  - x\n" * ((yamlfile.MAX_BYTES - 7) // 6)
    text += "#" * (yamlfile.MAX_BYTES - len(text) - 1) + "\n"  # a comment fills it up to the last byte
    assert len(text.encode()) == yamlfile.MAX_BYTES
    assert len(accepted(tmp_path, text)["notes"]) > 40000


def test_the_limit_leaves_headroom_over_the_largest_content_file():
    largest = max(p.stat().st_size for p in (ROOT / "content").rglob("*.yml"))
    assert largest * 2 <= yamlfile.MAX_BYTES, f"the largest content file is {largest} bytes: raise MAX_BYTES"


def _misfit(text: str) -> str | None:
    """The indentation walk's message for `text` (macros/content/yaml_indent.py), as one line, or None."""
    from macros.content.yaml_indent import indentation_error

    error = indentation_error(text.split("\n"), text.count("\n") + 1, REL)
    return None if error is None else str(error)


@pytest.mark.parametrize(
    "text",
    [
        "a:\n  b: 1\n\n  c: 2\n",  # a blank line inside a block
        "a:\n# a note at the left edge\n  b: 1\n",  # a comment line inside a block
        "a:  # a note [with a bracket\n  b: 1\n",  # a comment after 'a:' (it still opens a block)
        "a: [1,\n      2,\n   3]\nb:\n  c: 1\n",  # a list written over several lines
        "a: {x: 1,\n  y: [2,\n 3]}\nb: 2\n",  # nested brackets over several lines
        "a: 'x [y'\nb:\n  c: 1\n",  # a bracket inside quotes opens nothing
        "a: |\n  text [\n    more text\nb:\n  c: 1\n",  # a block of text
        "a: [x: 1,\n  y: 2]\nb: 3\n",  # a field inside brackets is not a field of the block
        "- X: 1\n  y: 2\n",  # an item holding fields, the first one a single letter
    ],
)
def test_the_walk_skips_blank_lines_comments_brackets_and_blocks_of_text(text):
    assert yaml.safe_load(text) is not None
    assert _misfit(text) is None, _misfit(text)


@pytest.mark.parametrize(
    "text, line",
    [
        ("a: [1,\n   2]\nb: 1\n   c: 2\n", 4),  # checked again after a list over several lines
        ("a: {x: 1,\n   y: 2}\nb: 1\n   c: 2\n", 4),  # and after a mapping over several lines
        ("a: [[1,\n  2],\n  3]\nb: 1\n   c: 2\n", 5),  # nested: the walk waits for the last ']'
        ("a: |\n  text\nb:\n  c: 1\n d: 2\n", 5),  # after a block of text, at the field's own indentation
        ("a: {x: 1}\nb: 1\n   c: 2\n", 3),  # brackets closed on their own line
        ("a: {x: {y: 1,\n  z: 2},\n  w: 3}\nb: 1\n  c: 2\n", 5),  # a line that closes one of two
        ("a: [1,\n  {x: 1,\n  y: 2}]\nb: 1\n  c: 2\n", 5),  # a '{' opened inside a list
        ("a: {x: 1,\n  y: [1,\n  2],\n  z: 3}\nb: 1\n  c: 2\n", 6),  # a '[' opened inside a mapping
        ("a: [1,\n  {x: 1,\n  y: 2},\n  w: 3]\nb: 1\n  c: 2\n", 6),  # still inside after an inner '}'
        ("a:\n  b: 1\n     X: 2\n", 3),  # a one-letter field
    ],
)
def test_the_walk_checks_the_lines_after_brackets_and_text(text, line):
    assert f"{REL}:{line}: this line is indented" in (_misfit(text) or ""), _misfit(text)


def test_too_much_indentation_in_a_deep_block_names_its_own_level():
    message = _misfit("a:\n  b:\n    c: 1\n     d: 2\n")
    assert message.endswith(
        f"{REL}:4: this line is indented 5 spaces, more than the 4 spaces of its block, but line 3 above it does not "
        "end with ':', so no new block starts there. Fix: Indent it 4 spaces, like line 3, to make it the next field "
        "of the same block."
    ), message


def test_an_item_indented_too_much_is_told_to_join_its_list():
    message = _misfit("items:\n  - one\n  - two\n    - three\n")
    assert message.endswith("Fix: Indent it 2 spaces, like line 3, to make it the next item of the same list."), message


def test_the_fix_for_an_item_among_fields_and_a_field_among_items():
    item = _misfit("a:\n  b:\n- x\n")
    assert item.endswith(
        f"{REL}:3: this line starts a list item ('- ') at 0 spaces, where the lines at 0 spaces are fields "
        "('name: value'). Fix: Indent it like the items of the list it belongs to (two spaces more than their field)."
    ), item
    field = _misfit("steps:\n  - one\n  two: 2\n")
    assert field.endswith(
        f"{REL}:3: this line is a field ('name: value') at 2 spaces, where the lines at 2 spaces are list items "
        "('- '). Fix: Start it with '- ' if it is an item, or indent it like the other fields of its block."
    ), field


# --- the loader's other messages, word for word ---------------------------------------------------------------------


def test_one_more_tab_line_is_singular(tmp_path):
    message = rejected(tmp_path, "a:\n\tb: 1\n\tc: 2\n")
    assert (
        f"{REL}:2: this line is indented with a tab (1 more line too). Fix: Use spaces, not tabs: two spaces per "
        in (message)
    ), message
    assert f"{REL}:2: this line is indented with a tab. Fix: " in rejected(tmp_path, "a:\n\tb: 1\n"), "one: no count"
    assert f"{REL}:3: this line is indented with a tab. Fix: " in rejected(tmp_path, "\na:\n\tb: 1\n"), (
        "after a blank line"
    )


def test_a_file_of_comments_only_is_empty(tmp_path):
    for text in ("# only a note\n\n   # another\n", "   \n\n"):
        assert f"{REL}: the file is empty. Fix: Fill it in (see CONTRIBUTING.md) or delete it." in rejected(
            tmp_path, text
        )


def test_a_file_that_is_not_utf8_names_the_byte_and_its_line(tmp_path):
    message = rejected(tmp_path, b"id: trap\nname: caf\xe9\n")
    assert f"{REL}:2: is not UTF-8 text (byte 0xe9 cannot be read). Fix: Save the file with UTF-8 encoding." in message


def test_the_line_index_falls_back_to_the_nearest_parent():
    from macros.content.yamlfile import LineIndex, dotted

    index = LineIndex({(): 1, ("dose",): 4, ("dose", "sets"): 5, ("steps", 2): 9})
    assert index.line_of(("dose", "sets")) == 5
    assert index.line_of(("dose", "reps")) == 4, "a missing field points at its parent"
    assert index.line_of(("nothing", "here")) == 1
    assert LineIndex().line_of(("a",)) is None
    assert dotted(("dose", "sets")) == "dose.sets" and dotted(("steps", 2, "text")) == "steps[2].text"
    assert dotted([0, "id"]) == "[0].id" and dotted(()) == ""


def test_fields_and_items_get_their_lines(tmp_path):
    path = tmp_path / "fine.yml"
    path.write_text("id: x\ndose:\n  sets: 3\nsteps:\n  - one\n  - two\n", encoding="utf-8")
    data, index = read_yaml(path, REL)
    assert data == {"id": "x", "dose": {"sets": 3}, "steps": ["one", "two"]}
    assert [index.line_of(p) for p in [("id",), ("dose",), ("dose", "sets"), ("steps", 0), ("steps", 1)]] == [
        1,
        2,
        3,
        5,
        6,
    ]


def test_dates_stay_text(tmp_path):
    assert accepted(tmp_path, "reviewed: 2026-11-25\n") == {"reviewed": "2026-11-25"}


def test_a_lone_dash_line_inside_an_item_is_a_swallowed_item(tmp_path):
    message = rejected(tmp_path, "steps:\n  - one\n   -\n  - two\n")
    assert f"{REL}:3: field 'steps[0]': this item runs onto the next line" in message, message


def test_a_list_as_a_key_is_reported_not_crashed_on(tmp_path):
    message = rejected(tmp_path, "? [a, b]\n: 1\n")
    assert "invalid YAML" in message and "unhashable" in message, message
