"""One panel of an exercise figure, drawn once per card: both positions as path data (figure_body.py), the target
region, its hatching, the animation values and the bounds. None of it depends on the label size or the view, so
figures.py lays the panel out for the page and the thumbnail, at each label size it tries, from the same drawing."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .body import body, circle, num
from .marks import rounded
from .pose import Scene, along, hatch, place, reach, region, shift, view_of


def _body(pts: dict, fig: dict, roller) -> dict:
    """One position as path data (figure_body.py), plus the props that move with the body."""
    props, extra = set(fig.get("props", [])), []
    if "weight" in props:
        a, b = (pts["hip"], pts["knee"]) if fig["stance"] == "seated" else (pts["shoulder"], pts["hip"])
        t0, t1, side = (0.45, 0.85, -1) if fig["stance"] == "seated" else (0.08, 0.55, 1)
        off = (7, 15) if fig["stance"] == "seated" else (8, 17)
        box = [along(a, b, t, o, side) for t, o in ((t0, off[0]), (t1, off[0]), (t1, off[1]), (t0, off[1]))]
        extra.append("M" + " L".join(f"{num(x)} {num(y)}" for x, y in box) + "Z")
    shapes: dict = body(pts, tuple(extra), on_leg=fig["stance"] == "seated") | {"band": None, "roller": None}
    if "band" in props:
        (ax, ay), (ox, oy) = pts["ankle"], pts["o_ankle"]
        shapes["band"] = f"M{num(ax)} {num(ay)} L{num(ox)} {num(oy)}"
    if roller:
        shapes["roller"] = circle(roller[:2], roller[2])
    return shapes


def _same(a: str, b: str) -> bool:
    """Two path data strings that differ by at most one unit (rounding) in any number."""
    x, y = re.findall(r"-?[0-9.]+", a), re.findall(r"-?[0-9.]+", b)
    return len(x) == len(y) and all(abs(float(p) - float(q)) <= 1 for p, q in zip(x, y, strict=True))


@dataclass(frozen=True)
class Drawn:
    """One panel's geometry that does not depend on the label size or the view: drawn once per card."""

    scene: Scene
    poses: list  # path data of the start and end positions (figure_body.py)
    outline: list  # the target region in the end position
    anim: dict  # <animate> values per body part (None: still, or moved by `moves`)
    moves: dict  # <animateTransform> values for a part that only slides
    region_anim: str
    hatch: list  # the hatching lines of the target region
    bounds: tuple  # (left, top, right) of the body in both positions


def draw_panel(fig: dict) -> Drawn:
    """Place the positions and draw the bodies, the target region and the animation values of one panel."""
    scene, view = place(fig), view_of(fig)
    start, end = scene.poses
    rollers = scene.rollers or [None, None]
    poses = [_body(pts, fig, roller) for pts, roller in zip(scene.poses, rollers, strict=False)]
    # Side on, a far leg or arm in the same position as the near one is hidden behind it: not drawn.
    for far, near in (("far", "leg"), ("far_arm", "arm")):
        if all(p[far] == p[near] for p in poses):
            for p in poses:
                p[far] = None
    outline, first = region(end, fig["highlight"], view), region(start, fig["highlight"], view)
    # Only what moves is animated, and only in the main picture: a second view is a still of its end position.
    anim, moves = {}, {"far": None, "far_arm": None, "trunk": None, "leg": None, "arm": None}
    for k, v in poses[1].items():
        if not v or v == poses[0][k]:
            anim[k] = None
            continue
        # A part that only slides (the whole body rising in a heel drop) moves as a translation: much smaller.
        ref = {"far": "o_hip_root", "far_arm": "o_shoulder_root", "leg": "hip_root", "arm": "shoulder_root"}.get(
            k, "hip"
        )
        dx, dy = (start[ref][0] - end[ref][0], start[ref][1] - end[ref][1])
        if k in moves and _same(_body(shift(start, -dx, -dy), fig, None)[k], v):
            anim[k], moves[k] = None, f"{rounded(dx)} {rounded(dy)};0 0;0 0;{rounded(dx)} {rounded(dy)}"
        else:
            anim[k] = f"{poses[0][k]};{v};{v};{poses[0][k]}"
    every = [(n, p) for pts in scene.poses for n, p in pts.items()]
    left, right = min(x - reach(n) for n, (x, _) in every), max(x + reach(n) for n, (x, _) in every)
    top = min(y - reach(n) for n, (_, y) in every)
    region_anim = f"{line(first)};{line(outline)};{line(outline)};{line(first)}"
    hatching = [[(round(x), round(y)) for x, y in h] for h in hatch(outline)]
    return Drawn(scene, poses, outline, anim, moves, region_anim, hatching, (left, top, right))


def line(pts) -> str:
    return "M" + " L".join(f"{round(x)} {round(y)}" for x, y in pts) + "Z"  # whole units, like the body
