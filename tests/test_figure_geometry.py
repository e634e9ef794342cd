"""Figures that teach (issue 16): hands on the support the steps name, a foot close-up for foot and ankle work,
thumbnails that differ, text-free thumbnails, and the size budget with the animation included."""

from __future__ import annotations

import functools
import math
import re
import xml.etree.ElementTree as ET

import pytest

from helpers import ROOT
from macros.content.load import load_content
from macros.figures.body import HAND_R
from macros.figures.draw import figure_markup, figure_view
from macros.figures.inset import inset
from macros.figures.marks import HOLD
from macros.figures.pose import place

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
    """How far (cm) the hand's surface is from the support figure.hands names, in one placed position: 0 is touching,
    negative is sunk into it. A hand drawn as a circle of HAND_R on the skeleton's hand point."""
    hands, where = (pts["hand"], pts["o_hand"]), fig["hands"]
    if where == "wall":
        x, side = scene.wall
        return min(abs(x - h[0]) - HAND_R for h in hands) if side == "front" else math.inf
    if where == "thighs":
        # The thigh is about 6 cm thick in its middle, where the hands rest.
        return _segment_distance(pts["hand"], pts["hip"], pts["knee"]) - 6 - HAND_R
    if where == "hips":
        return math.dist(pts["hand"], pts["hip"]) - 9 - HAND_R
    if where == "rail":
        # The rail is a post just in front of the hand that reaches furthest; both positions grip it.
        return max(p["hand"][0] for p in scene.poses) - pts["hand"][0]
    if where == "floor":
        return min(abs(scene.floor - h[1] - HAND_R) for h in hands)
    if where == "forearm":
        # Side plank: the lower (far) forearm lies on the floor from elbow to hand, the elbow under the shoulder.
        return max(
            abs(scene.floor - pts["o_elbow"][1] - 3),
            abs(scene.floor - pts["o_hand"][1] - HAND_R),
            abs(pts["o_elbow"][0] - pts["o_shoulder_root"][0]),
        )
    raise AssertionError(where)


@pytest.mark.parametrize(
    "card_id", [c for c in CARD_IDS if "hands:" in (ROOT / "content/exercises" / f"{c}.yml").read_text()]
)
def test_hands_touch_the_support_the_steps_name(card_id):
    fig = cards()[card_id].data["figure"]
    scene = place(fig)
    for key, pts in zip(("start", "end"), scene.poses, strict=True):
        gap = hand_gap(fig, pts, scene)
        assert -3 <= gap <= 2, f"{card_id} {key}: the hand is {gap:.1f} cm from the {fig['hands']}"


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


HELD = [
    c for c in CARD_IDS if cards()[c].data["dose"].get("hold_seconds") and cards()[c].data["category"] == "strength"
]
LIMB = (("hip_root", "knee"), ("knee", "ankle"), ("ankle", "heel"), ("heel", "toe"), ("shoulder_root", "elbow"))
BONES = [("hip", "shoulder"), ("shoulder", "head")] + [(o + a, o + b) for o in ("", "o_") for a, b in LIMB]
BONES += [("elbow", "hand"), ("o_elbow", "o_hand")]


@pytest.mark.parametrize("context", ["page", "thumb"])
@pytest.mark.parametrize("card_id", HELD)
def test_the_hold_mark_sits_clear_of_the_body(card_id, context):
    """The pause sign for a held position: in the close-up beside the foot, or in the picture at least 2 cm from
    every limb, the trunk and the head (both positions, with their thickness) and above the floor."""
    data = cards()[card_id].data
    panel = figure_view(data, context)["panels"][0]
    close = panel["inset"]
    if close and close["hold"]:
        shapes_right = inset(place(data["figure"]), data["figure"])["bbox"][2]
        x, y = close["hold"]
        fx, fy, fw, fh = close["frame"]
        assert x >= shapes_right and fx <= x and x + HOLD[0] <= fx + fw and fy <= y and y + HOLD[1] <= fy + fh
        return
    assert panel["hold"], f"{card_id}: no hold mark"
    x, y = panel["hold"]
    scene = place(data["figure"])
    corners = [(x + dx, y + dy) for dx in (0, HOLD[0] / 2, HOLD[0]) for dy in (0, HOLD[1] / 2, HOLD[1])]
    assert y + HOLD[1] < scene.floor
    for pts in scene.poses:
        for a, b in BONES:
            thick = 9 if b in ("shoulder", "head") else 7 if a.endswith("hip_root") else 5  # figure_body's radii
            gap = min(_segment_distance(c, pts[a], pts[b]) for c in corners) - thick
            assert gap >= 2, f"{card_id} {context}: the hold mark is {gap:.1f} cm from {a}-{b}"
