"""Exercise cards.

Every real card is valid, every bad card is rejected with its own message, and the site shows them all.
"""

from __future__ import annotations

import json
import re

import pytest
import yaml

from conftest import ROOT, content_errors
from macros.content.load import load_content

CARDS = sorted(p.stem for p in (ROOT / "content" / "exercises").glob("*.yml"))
MODEL = "content/exercises/calf-raise-double.yml"


def test_at_least_24_cards_and_all_valid():
    content = load_content(ROOT / "content")
    assert len(content.cards) >= 24
    assert sorted(content.cards) == CARDS


def test_ladders_resolve_and_go_both_ways():
    cards = load_content(ROOT / "content").cards
    for card in cards.values():
        for other in card.data["harder"]:
            assert other in cards, f"{card.id}: harder -> {other}"
            assert card.id in cards[other].data["easier"], f"{card.id} lists {other} as harder, but not the reverse"
        for other in card.data["easier"]:
            assert other in cards, f"{card.id}: easier -> {other}"
            assert card.id in cards[other].data["harder"], f"{card.id} lists {other} as easier, but not the reverse"
    # The main calf ladder from the brief, seated raise to hops, is connected step by step.
    ladder = [
        "calf-raise-seated",
        "calf-raise-double",
        "calf-raise-single-leg",
        "calf-raise-single-leg-weighted",
        "pogo-hops",
    ]
    for lower, upper in zip(ladder, ladder[1:], strict=False):
        assert upper in cards[lower].data["harder"], f"{lower} should lead to {upper}"


@pytest.mark.parametrize("field, mirror", [("harder", "easier"), ("easier", "harder")])
def test_one_sided_ladder_link_is_rejected_naming_the_fix(content_copy, field, mirror):
    """Break one side of the calf-raise-double / calf-raise-single-leg rung and the validator names the fix."""
    lower, upper = "calf-raise-double", "calf-raise-single-leg"
    broken, kept, missing = (upper, lower, upper) if field == "harder" else (lower, upper, lower)
    # Remove the mirror entry, so only `kept` still lists the link.
    path = content_copy / "exercises" / f"{broken}.yml"
    text = path.read_text(encoding="utf-8")
    line = next(ln for ln in text.splitlines() if ln.startswith(f"{mirror}: ["))
    items = [i.strip() for i in line.split("[", 1)[1].rstrip("]").split(",") if i.strip()]
    other = lower if broken == upper else upper
    assert other in items, f"fixture: {broken} should list {other} as {mirror}"
    items.remove(other)
    path.write_text(text.replace(line, f"{mirror}: [{', '.join(items)}]"), encoding="utf-8")
    message = content_errors(content_copy)
    rel = f"content/exercises/{kept}.yml"
    wanted_field = "harder" if kept == lower else "easier"
    assert re.search(rf"{re.escape(rel)}:\d+: field '{wanted_field}\[\d\]'", message), message
    assert f"add '{kept}' to {missing}'s {mirror} list" in message, message


def test_knee_position_matches_target():
    """Straight-knee work targets the gastrocnemius and is drawn with a straight knee; bent-knee work targets the
    soleus and is drawn with the knee bent (CONTENT.md). Reads each card's target and the knee of its figure."""
    cards = load_content(ROOT / "content").cards
    straight = ["calf-stretch-wall-straight"]
    bent = ["calf-raise-bent-knee", "calf-stretch-wall-bent"]
    for card_id in straight:
        card = cards[card_id].data
        assert "gastrocnemius" in card["target"] and "soleus" not in card["target"], card_id
        assert card["figure"]["end"]["knee"] <= 10, f"{card_id}: knee drawn at {card['figure']['end']['knee']}°"
    for card_id in bent:
        card = cards[card_id].data
        assert "soleus" in card["target"], card_id
        assert card["figure"]["end"]["knee"] >= 20, f"{card_id}: knee drawn at {card['figure']['end']['knee']}°"


# (name, file, how to break it, text expected in the message besides the file)
BAD = [
    (
        "invalid yaml",
        MODEL,
        lambda t: t.replace("name: Double-leg calf raise", "name: [Double-leg"),
        ["line", "invalid YAML"],
    ),
    ("empty file", MODEL, lambda t: "", ["the file is empty"]),
    ("not a mapping", MODEL, lambda t: "- just\n- a list\n", ["expected fields"]),
    ("not utf-8", MODEL, lambda t: t.replace("Heel raise", "Heel r\udcffaise"), ["not UTF-8"]),
    ("wrong type", MODEL, lambda t: t.replace("sets: 3", "sets: three"), ["dose.sets", "whole number"]),
    ("missing field", MODEL, lambda t: t.replace("pain_rule:", "pain_rules:"), ["pain_rule", "missing"]),
    ("unknown field", MODEL, lambda t: t + "colour: red\n", ["colour", "unknown field"]),
    ("misspelt field", MODEL, lambda t: t.replace("\nmistakes:", "\nmistake:"), ["mistake", "Did you mean 'mistakes'"]),
    (
        "bad enum",
        MODEL,
        lambda t: t.replace("difficulty: easy", "difficulty: simple"),
        ["difficulty", "easy, moderate, hard"],
    ),
    (
        "dangling ladder link",
        MODEL,
        lambda t: t.replace("harder: [calf-raise-single-leg,", "harder: [moon-jump,"),
        ["harder[0]", "moon-jump"],
    ),
    (
        "unknown citation",
        MODEL,
        lambda t: t.replace("evidence: [silbernagel-2007", "evidence: [nobody-1900"),
        ["evidence[0]", "nobody-1900", "references.yml"],
    ),
    (
        "id not file name",
        MODEL,
        lambda t: t.replace("id: calf-raise-double", "id: calf-raise-two"),
        ["field 'id'", "does not match the file name"],
    ),
    ("duplicate key", MODEL, lambda t: t + "name: Again\n", ["'name' appears twice"]),
    (
        "placeholder left",
        MODEL,
        lambda t: t.replace("Hold the top for one second.", "TODO"),
        ["steps[1]", "scaffold placeholder"],
    ),
    (
        "not kebab-case",
        MODEL,
        lambda t: t.replace("easier: [calf-raise-seated,", "easier: [Calf_Raise,"),
        ["easier[0]", "kebab-case"],
    ),
    (
        "self link",
        MODEL,
        lambda t: t.replace("related: [calf-raise-bent-knee]", "related: [calf-raise-double]"),
        ["related[0]", "cannot link to itself"],
    ),
    ("no reps or hold", MODEL, lambda t: t.replace("  reps: 15\n", ""), ["dose", "reps or hold_seconds"]),
    (
        "no progression rule (CERT)",
        MODEL,
        lambda t: re.sub(r"^progression: .*\n", "", t, flags=re.M),
        ["progression", "missing"],
    ),
    (
        "empty starting level (CERT)",
        MODEL,
        lambda t: re.sub(r"^starting_level: .*$", "starting_level: ''", t, flags=re.M),
        ["starting_level"],
    ),
]


@pytest.mark.parametrize("name, rel, change, expected", BAD, ids=[b[0] for b in BAD])
def test_bad_card_is_rejected_with_its_message(content_copy, name, rel, change, expected):
    path = content_copy.parent / rel
    text = change(path.read_text(encoding="utf-8"))
    path.write_bytes(text.encode("utf-8", "surrogateescape"))
    message = content_errors(content_copy)
    assert rel in message, f"{name}: the message must name {rel}:\n{message}"
    for part in expected:
        assert part in message, f"{name}: expected {part!r} in:\n{message}"


def test_copied_card_keeping_its_id_is_rejected(content_copy):
    source = (content_copy / "exercises" / "calf-raise-double.yml").read_text()
    (content_copy / "exercises" / "calf-raise-copy.yml").write_text(source)  # same id, new file name
    message = content_errors(content_copy)
    assert "content/exercises/calf-raise-copy.yml" in message and "does not match the file name" in message


def test_each_problem_gets_its_own_line(content_copy):
    path = content_copy / "exercises" / "calf-raise-double.yml"
    path.write_text(path.read_text().replace("sets: 3", "sets: 0").replace("difficulty: easy", "difficulty: hardish"))
    message = content_errors(content_copy)
    lines = [line for line in message.splitlines() if "calf-raise-double.yml" in line]
    assert (
        len(lines) == 2 and any("dose.sets" in line for line in lines) and any("difficulty" in line for line in lines)
    )
    assert all(re.search(r"calf-raise-double\.yml:\d+:", line) for line in lines), "each message gives the line"


def test_card_pages_library_and_export_cover_the_same_cards(site):
    pages = {p.stem for p in (site / "exercises").glob("*.html")} - {"index"}
    library = (site / "exercises" / "index.html").read_text()
    listed = set(re.findall(r'<li class="calf-row" data-card="([a-z0-9-]+)"', library))
    export = json.loads((site / "api" / "exercises.json").read_text())
    exported = {card["id"] for card in export["exercises"]}
    assert set(CARDS) == pages == listed == exported
    assert export["version"] and export["count"] == len(CARDS)
    assert json.loads((site / "api" / "exercise.schema.json").read_text())["title"] == "Exercise card"


def test_card_page_shows_steps_dose_and_credit(site):
    for card_id in CARDS:
        data = yaml.safe_load((ROOT / "content" / "exercises" / f"{card_id}.yml").read_text())
        html = (site / "exercises" / f"{card_id}.html").read_text()
        from html import escape

        for step in data["steps"]:
            assert escape(step, quote=False) in html, f"{card_id}: step missing"
        assert f'<th scope="row">Sets</th><td>{data["dose"]["sets"]}</td>' in html, card_id
        for field in ("starting_level", "progression", "adverse_effects"):  # CERT: start, progression, side effects
            from markupsafe import escape as autoescaped  # Jinja's autoescape: quotes become entities too

            assert str(autoescaped(data[field])) in html, f"{card_id}: {field} missing from the page"
        assert f"by {escape(data['attribution']['author'], quote=False)}" in html and "CC BY-SA 4.0" in html, card_id
        assert "Last reviewed:" in html and "Next review due:" in html


def test_ladder_ends_are_said_in_plain_words(site):
    """A card with no easier or harder card says so plainly (F35), never "top of its ladder"."""
    cards = load_content(ROOT / "content").cards
    for card_id, card in cards.items():
        page = (site / "exercises" / f"{card_id}.html").read_text()
        html = page.split('<ul class="calf-ladder">', 1)[1].split("</ul>", 1)[0]
        assert "top of its ladder" not in html and "a starting exercise" not in html, card_id
        easier, harder = card.data["easier"], card.data["harder"]
        if not easier and not harder:
            assert "There is no easier or harder version of this exercise in the guide." in html, card_id
        else:
            assert ("<strong>Easier:</strong>" in html) == bool(easier), card_id
            assert ("This is the easiest version in the guide." in html) == (not easier), card_id
            assert ("This is the hardest version in the guide." in html) == (not harder), card_id
