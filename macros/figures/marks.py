"""Where an exercise figure's marks go: the movement arrow, the hold mark and the target's label, each placed clear
of the body. Pure geometry on a placed scene (figure_pose.py); figures.py draws the result."""

from __future__ import annotations

import math

from .pose import Scene, along

LABELS = {
    "gastrocnemius": "Calf (gastrocnemius)",
    "soleus": "Deep calf (soleus)",
    "achilles": "Achilles tendon",
    "foot": "Foot muscles",
    "shin": "Shin muscles",
    "hip": "Hip muscles",
}


def rounded(value: float) -> float | int:
    """A coordinate rounded for the SVG: one decimal, and whole numbers without '.0'."""
    value = round(value, 1) + 0.0
    return int(value) if value.is_integer() else value


def rounded_points(points) -> list[tuple]:
    return [(rounded(x), rounded(y)) for x, y in points]


def movement_arrow(scene: Scene, follow: str | None) -> dict | None:
    """A curved arrow for the main movement from the start to the end position (figure.arrow picks the joint)."""
    start, end = scene.poses
    if scene.rollers:
        # The roller moves along the calf: show it above the leg, where there is room.
        (ax, ay, ar), (bx, by, br) = scene.rollers
        a, b = (ax, ay - 2 * ar - 6), (bx, by - 2 * br - 6)
    else:
        # The feet tell the story best: take the first of these that moves at least 60% as far as the most.
        keys = ("heel", "toe", "o_toe", "knee", "o_knee", "hip", "head", "hand", "o_hand")
        most = max(math.dist(start[k], end[k]) for k in keys)
        key = follow or next(k for k in keys if math.dist(start[k], end[k]) >= 0.6 * most)
        a, b = start[key], end[key]
    length = math.dist(a, b)
    if length < 6:
        return None
    if length < 18:
        # A small movement (a heel lift) still gets an arrow long enough to see.
        a, b = along(a, b, -(18 - length) / length / 2, 0, 1), along(a, b, 1 + (18 - length) / length / 2, 0, 1)

    # Bow the arrow to the side with more room (never under the floor), so it does not sit on a limb.
    def clearance(side):
        return (
            min(math.dist(along(a, b, 0.5, 10, side), p) for p in end.values())  # noqa: E731
            if along(a, b, 0.5, 10, side)[1] < scene.floor - 2
            else -1
        )

    side = 1 if clearance(1) > clearance(-1) else -1
    a, b = along(a, b, 0.04, 8, side), along(a, b, 0.96, 8, side)
    control = along(a, b, 0.5, math.dist(a, b) * 0.18, side)
    ux, uy = (b[0] - control[0]) / math.dist(b, control), (b[1] - control[1]) / math.dist(b, control)
    head = [
        b,
        (b[0] - ux * 6 - uy * 3.5, b[1] - uy * 6 + ux * 3.5),
        (b[0] - ux * 6 + uy * 3.5, b[1] - uy * 6 - ux * 3.5),
    ]
    return {"line": rounded_points([a, control, b]), "head": rounded_points(head)}


HOLD = (6, 10)  # the hold mark's width and height: two bars 4 apart, 9 tall, with their stroke


def hold_spot(scene: Scene, anchor, arrow, label, font: float) -> tuple[float, float]:
    """The top left of the hold mark: the first spot near `anchor`, going out in rings and trying above first, that
    keeps 3 cm clear of the body in both positions, the arrow and the label, and stays above the floor."""
    limbs = [bone for pts in scene.poses for bone in _bones(pts)]
    avoid = [(p, p, 2) for p in (arrow["line"] if arrow else [])]
    if label:
        width = len(label["text"]) * font * 0.56
        x0 = label["x"] - {"start": 0, "middle": width / 2, "end": width}[label["anchor"]]
        avoid += [((x0, label["y"] - font / 2), (x0 + width, label["y"] - font / 2), font / 2 + 1)]
        avoid += [(label["leader"][0], label["leader"][-1], 1)]
    for radius in range(12, 61, 4):
        for deg in range(-90, 271, 15):
            turn = math.radians(deg)
            centre = (anchor[0] + radius * math.cos(turn), anchor[1] + radius * math.sin(turn))
            x, y = centre[0] - HOLD[0] / 2, centre[1] - HOLD[1] / 2
            if y + HOLD[1] > scene.floor - 2:
                continue
            if all(_to_segment(centre, a, b) - r >= 3 + HOLD[1] / 2 for (a, b, r) in limbs + avoid):
                return x, y
    return anchor[0] + 8, anchor[1] - 20


def _bones(pts: dict) -> list:
    """The skeleton as segments with the body's half-thickness along them (the widest of figure_body's radii)."""
    bones = [("hip", "shoulder", 9), ("shoulder", "head", 9)]
    for o in ("", "o_"):
        bones += [(o + "hip_root", o + "knee", 7), (o + "knee", o + "ankle", 5), (o + "ankle", o + "heel", 4)]
        bones += [(o + "heel", o + "toe", 3), (o + "shoulder_root", o + "elbow", 4), (o + "elbow", o + "hand", 3)]
    return [(pts[a], pts[b], r) for a, b, r in bones]


def _to_segment(p, a, b) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    length = (bx - ax) ** 2 + (by - ay) ** 2 or 1
    t = max(0.0, min(1.0, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / length))
    return math.dist(p, (ax + t * (bx - ax), ay + t * (by - ay)))


def target_label(fig, scene, outline, arrow, box, font: float) -> tuple[dict, tuple]:
    """Where the target's name goes: above a low figure, else beside it on the side nearer the target."""
    left, top, right = box
    cx, cy = (sum(p[0] for p in outline) / len(outline), sum(p[1] for p in outline) / len(outline))
    text = LABELS[fig["highlight"]]
    width = len(text) * font * 0.56
    if top > -100:
        ly = min([min(y for _, y in outline) - 2.2 * font] + [y - font for _, y in (arrow["line"] if arrow else [])])
        # Above every part of the body (both positions) under the words, not only above the target.
        for a, b, r in (bone for pts in scene.poses for bone in _bones(pts)):
            for t in (0, 0.25, 0.5, 0.75, 1):
                x, y = a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t
                if abs(x - cx) < width / 2 + r:
                    ly = min(ly, y - r - font * 0.5)
        label = {
            "x": rounded(cx),
            "y": rounded(ly),
            "anchor": "middle",
            "leader": rounded_points([(cx, ly + 3), (cx, cy)]),
        }
        left, right = min(left, cx - width / 2), max(right, cx + width / 2)
    else:
        on_left = scene.wall[1] == "front" if scene.wall else cx - left < right - cx
        lx, ly = (left - 6 if on_left else right + 6), min(cy, scene.floor - font)
        label = {
            "x": rounded(lx),
            "y": rounded(ly + font / 3),
            "anchor": "end" if on_left else "start",
            "leader": rounded_points([(lx + (2 if on_left else -2), ly), (cx, cy)]),
        }
        left, right = (lx - width, right) if on_left else (left, lx + width)
    return label | {"text": text}, (left, top, right)
