"""The body drawn with volume over the skeleton from figure_pose.py: tapered limbs, a trunk, a head, hands and feet.

Each limb is a capsule: two joint points, a radius at each end, straight sides and round ends. Every pose gives the
same sequence of path commands, so the start and end shapes can be animated into each other (SVG <animate> on `d`).
Pure geometry: returns SVG path data strings; figures.py and the fragment do the markup.
"""

from __future__ import annotations

import math

Point = tuple[float, float]

# Half-thickness (cm) at each end of a segment: (from joint, to joint, radius there, radius here).
LIMBS = {
    "leg": (("hip_root", "knee", 7, 5), ("knee", "ankle", 5, 3)),
    "arm": (("shoulder_root", "elbow", 4, 3), ("elbow", "hand", 3, 2)),
}
TRUNK_R = (9, 8)  # at the hip and the shoulder
NECK_R, HEAD_R, HAND_R = 3, 9, 3


def num(value: float) -> str:
    """Whole units (1 cm, about 1.5 px on a page): keeps the markup small enough to animate."""
    return str(round(value))


def _p(point: Point) -> str:
    return f"{round(point[0])} {round(point[1])}"  # num() of each coordinate


def capsule(a: Point, b: Point, ra: float, rb: float) -> str:
    """A tapered limb from a (radius ra) to b (radius rb) with round ends, as one closed subpath."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy)
    if length < 0.01:
        dx, dy, length = 0.0, 0.01, 0.01
    nx, ny = -dy / length, dx / length
    a1, b1 = (a[0] + nx * ra, a[1] + ny * ra), (b[0] + nx * rb, b[1] + ny * rb)
    b2, a2 = (b[0] - nx * rb, b[1] - ny * rb), (a[0] - nx * ra, a[1] - ny * ra)
    return f"M{_p(a1)} L{_p(b1)} A{num(rb)} {num(rb)} 0 0 0 {_p(b2)} L{_p(a2)} A{num(ra)} {num(ra)} 0 0 0 {_p(a1)}Z"


def circle(c: Point, r: float) -> str:
    """A circle as path data, so that it can be animated together with the limbs."""
    x0, x1, y, rr = num(c[0] - r), num(c[0] + r), num(c[1]), num(r)
    return f"M{x0} {y} A{rr} {rr} 0 1 0 {x1} {y} A{rr} {rr} 0 1 0 {x0} {y}Z"


def _unit(a: Point, b: Point) -> Point:
    length = math.dist(a, b) or 1
    return ((b[0] - a[0]) / length, (b[1] - a[1]) / length)


def foot(pts: dict, prefix: str) -> str:
    """A foot with a heel, a sole to the ball, toes and an instep back up to the ankle."""
    ankle, heel, ball, toe = (pts[prefix + k] for k in ("ankle", "heel", "ball", "toe"))
    fx, fy = _unit(heel, ball)
    # 'up' is the side of the sole the ankle is on.
    ux, uy = fy, -fx
    if (ankle[0] - heel[0]) * ux + (ankle[1] - heel[1]) * uy < 0:
        ux, uy = -ux, -uy
    sole = 1.2  # the sole's edge reaches the floor the skeleton stands on
    shape = [
        (ankle[0] - fx * 3, ankle[1] - fy * 3),
        (heel[0] + ux * 2 - fx * 1, heel[1] + uy * 2 - fy * 1),
        (heel[0] - ux * sole, heel[1] - uy * sole),
        (ball[0] - ux * sole, ball[1] - uy * sole),
        (toe[0] - ux * 0.6, toe[1] - uy * 0.6),
        (toe[0] + ux * 1.6, toe[1] + uy * 1.6),
        (ball[0] + ux * 3.2, ball[1] + uy * 3.2),
        (ankle[0] + fx * 3, ankle[1] + fy * 3),
    ]
    return "M" + " L".join(_p(p) for p in shape) + "Z"


def limb(pts: dict, prefix: str, kind: str) -> str:
    return "".join(capsule(pts[prefix + a], pts[prefix + b], ra, rb) for a, b, ra, rb in LIMBS[kind])


def body(pts: dict, extras: tuple[str, ...] = (), on_leg: bool = False) -> dict[str, str]:
    """Path data for one position: the far leg and arm, the trunk with the head (and a carried weight), the near leg
    and the near arm. Separate parts so that one that only slides can be moved rather than reshaped. A weight
    (`extras`) goes with the trunk (a backpack), or with the near leg when `on_leg` (across the thighs, on top)."""
    trunk = capsule(pts["hip"], pts["shoulder"], *TRUNK_R) + capsule(pts["shoulder"], pts["head"], NECK_R, NECK_R)
    return {
        "far": limb(pts, "o_", "leg") + foot(pts, "o_"),
        "far_arm": limb(pts, "o_", "arm") + circle(pts["o_hand"], HAND_R),
        "trunk": trunk + circle(pts["head"], HEAD_R) + ("" if on_leg else "".join(extras)),
        "leg": limb(pts, "", "leg") + foot(pts, "") + ("".join(extras) if on_leg else ""),
        "arm": limb(pts, "", "arm") + circle(pts["hand"], HAND_R),
    }
