"""Figures that teach (issue 16): hands on the support the steps name, a foot close-up for foot and ankle work,
thumbnails that differ, text-free thumbnails, and the size budget with the animation included."""

from __future__ import annotations

import functools
import math
import re
import xml.etree.ElementTree as ET

import pytest

from helpers import ROOT
from macros.content import load_content
from macros.figure_pose import place
from macros.figures import figure_markup

SVG = "{http://www.w3.org/2000/svg}"
CARD_IDS = sorted(p.stem for p in (ROOT / "content" / "exercises").glob("*.yml"))
FOOT_CARDS = {
    "short-foot", "toe-yoga", "tibialis-raise", "calf-raise-double", "calf-raise-single-leg",
    "calf-raise-single-leg-weighted", "calf-raise-bent-knee", "calf-raise-seated", "calf-raise-seated-weighted",
    "calf-isometric-hold", "calf-isometric-hold-seated", "eccentric-heel-drop", "heel-drop-floor", "knee-to-wall",
}  # fmt: skip


@functools.cache
def cards():
    return load_content(ROOT / "content").cards


def _segment_distance(p, a, b) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    length = (bx - ax) ** 2 + (by - ay) ** 2 or 1
    t = max(0.0, min(1.0, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / length))
    return math.dist(p, (ax + t * (bx - ax), ay + t * (by - ay)))


def hand_gap(fig: dict, pts: dict, scene) -> float:
    """How far (cm) the near hand's surface is from the support figure.hands names, in one placed position."""
    hand, where = pts["hand"], fig["hands"]
    if where == "wall":
        return abs(scene.wall[0] - hand[0]) - 2  # hand radius about 2 to 3
    if where == "thighs":
        return _segment_distance(hand, pts["hip"], pts["knee"]) - 8
    if where == "hips":
        return math.dist(hand, pts["hip"]) - 12
    if where == "rail":
        return max(p["hand"][0] for p in scene.poses) - hand[0]
    if where == "floor":
        # A side plank rests on the forearm (the lower arm, drawn as the far arm); others on the hands.
        lowest = min(scene.floor - y for y in (pts["o_hand"][1], pts["o_elbow"][1]))
        return lowest - 3
    raise AssertionError(where)


@pytest.mark.parametrize(
    "card_id", [c for c in CARD_IDS if "hands:" in (ROOT / "content/exercises" / f"{c}.yml").read_text()]
)
def test_hands_touch_the_support_the_steps_name(card_id):
    fig = cards()[card_id].data["figure"]
    scene = place(fig)
    for key, pts in zip(("start", "end"), scene.poses, strict=True):
        gap = hand_gap(fig, pts, scene)
        assert gap <= 3, f"{card_id} {key}: the hand is {gap:.0f} cm from the {fig['hands']}"


@pytest.mark.parametrize("card_id", sorted(FOOT_CARDS))
def test_foot_and_ankle_cards_have_a_close_up_with_an_arrow(card_id):
    root = ET.fromstring(str(figure_markup(cards()[card_id].data, "page")))
    insets = [g for g in root.iter(SVG + "g") if g.get("class") == "fig-inset"]
    assert len(insets) == 1, card_id
    paths = list(insets[0].iter(SVG + "path"))
    assert any(p.get("stroke-dasharray") for p in paths), "the start position, faint"
    assert any(p.get("class") == "fig-skin" for p in paths), "the end position, solid"
    assert any(p.get("fill") == "currentColor" for p in paths), "an arrow head"


def _numbers(svg: str) -> list[float]:
    return [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", re.sub(r"<(title|desc)>.*?</\1>", "", svg))]


def test_no_two_cards_share_a_thumbnail():
    """Two thumbnails count as the same picture when they have the same shapes and no coordinate differs by 3 cm."""
    thumbs = {cid: str(figure_markup(item.data, "thumb")) for cid, item in cards().items()}
    same = []
    ids = sorted(thumbs)
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            x, y = _numbers(thumbs[a]), _numbers(thumbs[b])
            if len(x) == len(y) and max((abs(p - q) for p, q in zip(x, y, strict=True)), default=0) < 3:
                same.append((a, b))
    assert not same, same


@pytest.mark.parametrize("card_id", CARD_IDS)
def test_thumbnails_carry_no_text_and_page_figures_stay_small(card_id):
    thumb = ET.fromstring(str(figure_markup(cards()[card_id].data, "thumb")))
    assert not list(thumb.iter(SVG + "text")) and thumb.get("aria-hidden") == "true"
    assert not list(thumb.iter(SVG + "animate")), "a thumbnail is a still picture"
    page = str(figure_markup(cards()[card_id].data, "page"))
    assert len(page.encode()) < 12 * 1024, f"{card_id}: {len(page.encode())} bytes"
