"""The foot-and-ankle inset: a close-up of the working foot at the start (faint) and end (solid), with an arrow.

`figure.inset` picks the kind: 'ankle' zooms the drawn foot and lower shin (calf raises, heel drops, the tibialis
raise, knee to wall), with the floor or the step edge; 'arch' draws the foot doming its arch (short foot); 'toes'
draws the big toe and the small toes moving apart (toe yoga). Returns path data in the inset's own coordinates,
(0, 0) at its top left; figures.py places it beside the figure.
"""

from __future__ import annotations

import math

from .body import capsule, foot, num
from .pose import STEP_H, Scene

ZOOM, PAD = 1.8, 5


def arrow(a, b, bow: float) -> dict:
    """A gently curved arrow from a to b with a filled head, bowed `bow` to the left of a->b."""
    length = math.dist(a, b) or 1
    ux, uy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
    control = ((a[0] + b[0]) / 2 - uy * bow, (a[1] + b[1]) / 2 + ux * bow)
    cl = math.dist(control, b) or 1
    vx, vy = (b[0] - control[0]) / cl, (b[1] - control[1]) / cl
    head = [b, (b[0] - vx * 5 - vy * 3, b[1] - vy * 5 + vx * 3), (b[0] - vx * 5 + vy * 3, b[1] - vy * 5 - vx * 3)]
    tip = (b[0] - vx * 3, b[1] - vy * 3)
    return {
        "line": f"M{num(a[0])} {num(a[1])} Q{num(control[0])} {num(control[1])} {num(tip[0])} {num(tip[1])}",
        "head": "M" + " L".join(f"{num(x)} {num(y)}" for x, y in head) + "Z",
    }


def _ankle(scene: Scene, fig: dict) -> dict:
    start, end = scene.poses
    moved = {k: math.dist(start[k], end[k]) for k in ("heel", "toe", "knee")}
    # Zoom around the part of the foot that stays put: the ball in a raise, the heel in a toe lift.
    origin = start["heel"] if moved["toe"] > moved["heel"] else start["ball"]

    def local(p):
        return ((p[0] - origin[0]) * ZOOM, (p[1] - origin[1]) * ZOOM)

    shapes, raw = [], []
    for pts in (start, end):
        knee, ankle = pts["knee"], pts["ankle"]
        t = 15 / (math.dist(knee, ankle) or 1)
        stub = (ankle[0] + (knee[0] - ankle[0]) * t, ankle[1] + (knee[1] - ankle[1]) * t)
        zoomed = {k: local(pts[k]) for k in ("ankle", "heel", "ball", "toe")}
        raw += list(zoomed.values()) + [local(stub)]
        shapes.append(capsule(local(stub), zoomed["ankle"], 3.3 * ZOOM, 2.6 * ZOOM) + foot(zoomed, ""))
    key = max(("heel", "toe"), key=lambda k: moved[k])
    a, b = local(start[key]), local(end[key])
    # The arrow runs beside the moving part, on the side away from the foot.
    side = 9 if key == "heel" else -9
    a, b = (a[0] - side, a[1]), (b[0] - side, b[1])
    if math.dist(a, b) < 14:
        mid, d = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2), 7 / (math.dist(a, b) or 1)
        a = (mid[0] + (a[0] - mid[0]) * d, mid[1] + (a[1] - mid[1]) * d) if math.dist(a, b) else (mid[0], mid[1] + 7)
        b = (mid[0] + (b[0] - mid[0]) * d, mid[1] + (b[1] - mid[1]) * d) if math.dist(a, b) else (mid[0], mid[1] - 7)
    raw += [a, b]
    on_step = fig["start"].get("on_step")
    top = (scene.floor - STEP_H if on_step else scene.floor) - origin[1]
    ground_y = top * ZOOM
    xs = [x for x, _ in raw]
    left, right = min(xs) - 8, max(xs) + 8
    if on_step:
        edge = (scene.step[0] - origin[0]) * ZOOM
        support = f"M{num(edge)} {num(ground_y + 30)} V{num(ground_y)} H{num(right)}"
    else:
        support = f"M{num(left)} {num(ground_y)} H{num(right)}"
    raw += [(left, ground_y), (right, ground_y + (30 if on_step else 0))]
    return {"shapes": shapes, "support": support, "arrow": arrow(a, b, 4 if key == "heel" else -4), "raw": raw}


def _arch() -> dict:
    """Short foot: the ball draws back toward the heel and the arch lifts; the toes stay long on the floor."""
    shapes = []
    for ball_x, arch in ((40, -2), (37, -11)):
        shapes.append(
            f"M4 -20 L0 -8 Q0 0 6 0 Q{num(ball_x / 2)} {arch} {ball_x} 0 L{ball_x + 14} 0 "
            f"L{ball_x + 14} -4 L{ball_x - 4} -9 L14 -20Z"
        )
    return {
        "shapes": shapes,
        "support": "M-6 0 H62",
        "arrow": arrow((21, 8), (21, -6), 0),
        "raw": [(-6, -24), (62, 10)],
    }


def _toes() -> dict:
    """Toe yoga: the big toe presses down while the small toes lift, then they swap."""
    shapes = []
    for big, small in ((0, 28), (28, 0)):
        a, b = math.radians(big), math.radians(small)
        tip = lambda r, n: (40 + math.cos(r) * n, -3 - math.sin(r) * n)  # noqa: E731
        shapes.append(
            "M4 -20 L0 -8 Q0 0 6 0 Q20 -3 38 0 L38 -10 L14 -20Z"
            + capsule((39, -4), tip(b, 10), 2.6, 2.0)
            + capsule((39, -3), tip(a, 13), 3.4, 2.8)
        )
    return {
        "shapes": shapes,
        "support": "M-6 0 H60",
        "arrow": arrow((60, -6), (60, -19), -3),
        "raw": [(-6, -26), (64, 6)],
    }


def inset(scene: Scene, fig: dict) -> dict | None:
    """The close-up for figure.inset, with its size; None when the card has none."""
    kind = fig.get("inset")
    if not kind:
        return None
    drawn = _ankle(scene, fig) if kind == "ankle" else _arch() if kind == "arch" else _toes()
    raw = drawn.pop("raw")
    xs, ys = [x for x, _ in raw], [y for _, y in raw]
    return drawn | {"kind": kind, "bbox": (min(xs) - PAD, min(ys) - PAD, max(xs) + PAD, max(ys) + PAD)}
