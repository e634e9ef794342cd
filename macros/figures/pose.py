"""Exercise figure geometry: joint limits, pose -> joint coordinates (forward kinematics), and placing the body.

Pure functions, no MkDocs and no SVG. Units are about a centimetre; x runs forward (the figure faces right),
y runs down and the floor is y = 0. Angles are degrees, as written in a card's `figure` block.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

# (lowest, highest) value of each joint angle. The JSON Schema repeats these; tests/test_figures.py checks they agree.
LIMITS = {
    "hip": (-30, 130),
    "knee": (-5, 150),
    "ankle": (-50, 30),
    "trunk": (-30, 90),
    "shoulder": (-60, 180),
    "elbow": (0, 150),
}
LEG, ARM = ("hip", "knee", "ankle"), ("shoulder", "elbow")

HEAD_R, NECK, TRUNK, UPPER_ARM, FOREARM, THIGH, SHANK = 9, 4, 52, 28, 26, 44, 43
ANKLE_H, HEEL, BALL, TOES = 7, 5, 14, 6
PELVIS, SHOULDERS = 6, 10  # half-widths, seen from the front
STEP_H, MAT_H = 22, 3
# How far the body reaches beyond each point (half its thickness there): what rests on a floor, seat or wall.
REACH = dict(hip=9, shoulder=8, head=HEAD_R, knee=4, elbow=3, hand=3, ankle=4, heel=1.5, ball=1.5, toe=1.5)
SOLES = ("heel", "ball", "toe", "o_heel", "o_ball", "o_toe")
SHIN = ("ankle", "heel", "ball", "toe")
# The point that stays put between the start and end positions, by stance.
ANCHOR = {"standing": "ball", "kneeling": "knee", "seated": "hip", "lying": "shoulder", "side-lying": "o_ankle"}
# Where along the working shin the foam roller sits: just below the knee at the start, just above the ankle at the end.
ROLLER_AT = (0.15, 0.85)

Point = tuple[float, float]


def reach(name: str) -> float:
    return REACH.get(name.removeprefix("o_"), 2)


def _at(p: Point, deg: float, length: float) -> Point:
    """The point `length` away from p in direction deg (0 = straight down, 90 = forward, 180 = up)."""
    r = math.radians(deg)
    return (p[0] + math.sin(r) * length, p[1] + math.cos(r) * length)


def view_of(figure: dict) -> str:
    """Side-lying is always drawn from the front (the leg lifts in the picture); standing may choose."""
    return "front" if figure["stance"] == "side-lying" else figure.get("view", "side")


def joints(pose: dict, stance: str, view: str = "side") -> dict[str, Point]:
    """Every joint of one pose with the hip at (0, 0). Names starting with o_ are the far (other) leg or arm."""
    front = view == "front"
    lying = stance in ("lying", "side-lying")
    up = (270 if lying else 180) - pose["trunk"]  # direction from hip to shoulder
    down = up - 180
    pts: dict[str, Point] = {"hip": (0.0, 0.0)}
    pts["shoulder"] = _at(pts["hip"], up, TRUNK)
    # Lying on the back with the hips raised, the head still rests on the floor rather than tipping below it.
    pts["head"] = _at(pts["shoulder"], min(up, 270) if stance == "lying" else up, NECK + HEAD_R)
    # Lying on one side, the legs and arms are stacked: seen from the front they start from one point.
    pelvis, shoulders = (PELVIS, SHOULDERS) if front and not lying else (0, 0)
    for prefix, leg, side in (("", pose, 1), ("o_", pose.get("other_leg", pose), -1 if front else 1)):
        root = _at(pts["hip"], down + 90, pelvis * side)
        thigh = down + side * leg["hip"]
        if front:
            # Seen from the front a bent knee points at you: the leg looks shorter, never bent sideways.
            short = math.cos(math.radians(leg["knee"] / 2))
            knee = _at(root, thigh, THIGH * short)
            ankle = _at(knee, thigh, SHANK * short)
            sole = _at(ankle, down, ANKLE_H)
            heel, ball = _at(sole, down - 90 * side, 2), _at(sole, down + 90 * side, 5)
            toe = ball
        else:
            knee = _at(root, thigh, THIGH)
            shank = thigh - leg["knee"]
            ankle = _at(knee, shank, SHANK)
            foot = shank + 90 + leg["ankle"]
            sole = _at(ankle, foot - 90, ANKLE_H)
            heel, ball = _at(sole, foot, -HEEL), _at(sole, foot, BALL)
            # Toes lie flat on the floor when the heel is up; 'toes: up' lifts them.
            toes = foot + 35 if pose.get("toes") == "up" else (90 if 0 < foot % 360 < 90 else foot)
            toe = _at(ball, toes, TOES)
        pts.update(
            {
                prefix + "hip_root": root,
                prefix + "knee": knee,
                prefix + "ankle": ankle,
                prefix + "heel": heel,
                prefix + "ball": ball,
                prefix + "toe": toe,
            }
        )
    for prefix, arm, side in (("", pose, 1), ("o_", pose.get("other_arm", pose), -1 if front else 1)):
        root = _at(pts["shoulder"], down + 90, shoulders * side)
        upper = down + side * arm.get("shoulder", 0)
        elbow = _at(root, upper, UPPER_ARM)
        bend = arm.get("elbow", 0)
        if front and stance == "side-lying" and bend:
            # Propped on a forearm (side plank): the elbow bends toward the head and the forearm lies on the floor,
            # pointing a little toward you, so it is drawn a little short.
            hand = _at(elbow, upper + side * bend, FOREARM * 0.8)
        elif front:
            # From the front, a bent elbow points the forearm at you: it looks shorter.
            hand = _at(elbow, upper, FOREARM * max(0.0, math.cos(math.radians(bend))))
        else:
            hand = _at(elbow, upper + bend, FOREARM)
        pts.update({prefix + "shoulder_root": root, prefix + "elbow": elbow, prefix + "hand": hand})
    return pts


def low(pts: dict[str, Point], names=None, exclude=()) -> float:
    """The lowest y the body reaches, over the named points (all by default)."""
    names = [n for n in (names or pts) if n not in exclude and not n.endswith("_root")]
    return max(pts[n][1] + reach(n) for n in names)


def shift(pts: dict[str, Point], dx: float, dy: float) -> dict[str, Point]:
    return {n: (x + dx, y + dy) for n, (x, y) in pts.items()}


@dataclass
class Scene:
    """Both positions placed in one picture, with the floor and the props that do not move."""

    poses: list[dict[str, Point]]
    floor: float = 0.0
    seat: tuple[float, float, float] | None = None  # x from, x to, y of the chair seat
    step: tuple[float, float] | None = None  # x from, x to; its top is floor - STEP_H
    wall: tuple[float, str] | None = None  # x, and 'front' or 'behind'
    rollers: list[tuple[float, float, float]] = field(default_factory=list)  # cx, cy, r for each pose
    sunk: list[tuple[int, float]] = field(default_factory=list)  # (pose index, how far below the floor)


def _seated_end(pose: dict, view: str, hip_y: float, floor: float) -> dict[str, Point]:
    """On a chair the hips stay on the seat: if a heel lift would push a foot through the floor, the knee rises."""
    trial = {**pose, "other_leg": dict(pose.get("other_leg", {k: pose[k] for k in LEG}))}
    for prefix, leg in (("", trial), ("o_", trial["other_leg"])):
        for _ in range(46):
            feet = [prefix + n for n in ("heel", "ball", "toe")]
            if hip_y + low(joints(trial, "seated", view), feet) <= floor + 0.5:
                break
            leg["hip"] += 1
    return joints(trial, "seated", view)


def place(figure: dict) -> Scene:
    """Put the start and end positions on the floor, a step or a chair, and work out where the props go."""
    stance, view, props = figure["stance"], view_of(figure), set(figure.get("props", []))
    scene = Scene([], floor=-MAT_H if "mat" in props else 0.0)
    hip_y = None
    for key in ("start", "end"):
        pose = figure[key]
        pts = joints(pose, stance, view)
        if stance == "seated" and "chair" in props:
            if hip_y is None:
                hip_y = scene.floor - low(pts, SOLES)
            else:
                pts = _seated_end(pose, view, hip_y, scene.floor)
            dy = hip_y
        elif pose.get("on_step"):
            dy = scene.floor - STEP_H - low(pts, ("ball", "toe", "o_ball", "o_toe"))
        else:
            dy = scene.floor - low(pts, exclude=SHIN if "foam-roller" in props else ())
        scene.poses.append(shift(pts, 0, dy - pose.get("off_floor", 0)))
    start, end = scene.poses
    anchor = ANCHOR[stance]
    if stance == "standing" and (view == "front" or end["o_ball"][1] > end["ball"][1] + 3):
        anchor = "o_ball"  # the working foot leaves the floor or steps out: the other foot stays put
    on_step = [figure[k].get("on_step", False) for k in ("start", "end")]
    if on_step == [True, False]:
        # Stepping down: stand near the front edge of the box, land a little in front of it.
        front = max(start["toe"][0], start["o_toe"][0]) + 2
        scene.step = (min(start["heel"][0], start["o_heel"][0]) - 14, front)
        end = scene.poses[1] = shift(end, front + 10 - min(end["heel"][0], end["o_heel"][0]), 0)
    else:
        end = scene.poses[1] = shift(end, start[anchor][0] - end[anchor][0], 0)
        if any(on_step):
            # On the edge of a step, only the front of the foot is on it, so the heel can drop below the edge.
            edge = start["ball"][0] - 4
            scene.step = (edge, edge + 46)
    if stance == "seated" and "chair" in props:
        scene.seat = (start["hip"][0] - 20, start["hip"][0] + 16, hip_y + reach("hip"))
    if "wall" in props:
        everything = [(n, p) for pts in scene.poses for n, p in pts.items() if not n.endswith("_root")]
        reaching = any(end[h][0] > end["shoulder"][0] + 10 and end[h][1] < end["hip"][1] for h in ("hand", "o_hand"))
        scene.wall = (
            (max(x + reach(n) for n, (x, _) in everything), "front")
            if reaching
            else (min(x - reach(n) for n, (x, _) in everything), "behind")
        )
    if "foam-roller" in props:
        for pts, t in zip(scene.poses, ROLLER_AT, strict=False):
            (kx, ky), (ax, ay) = pts["knee"], pts["ankle"]
            x, y = kx + (ax - kx) * t, ky + (ay - ky) * t + reach("knee")
            r = (scene.floor - y) / 2
            scene.rollers.append((x, scene.floor - r, r))
            if r < 4:
                scene.sunk.append((len(scene.rollers) - 1, 4 - r))
    for index, pts in enumerate(scene.poses):
        depth = low(pts) - scene.floor
        if depth > 1:
            scene.sunk.append((index, depth))
    return scene


# Shapes drawn on a placed body: used by figures.py for the highlighted tissue.


def along(a, b, t: float, offset: float, side: int):
    """The point a fraction t from a to b, moved `offset` to one side of the line (side 1 = left of a->b)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy) or 1
    return (a[0] + dx * t - dy / length * offset * side, a[1] + dy * t + dx / length * offset * side)


def _bulge(a, b, t0: float, t1: float, depth: float, side: int, steps: int = 8) -> list:
    """A muscle belly: the limb line from t0 to t1 and back along a curve `depth` to one side."""
    ts = [t0 + (t1 - t0) * i / steps for i in range(steps + 1)]
    outer = [along(a, b, t, 1 + depth * math.sin(math.pi * (t - t0) / (t1 - t0)), side) for t in ts]
    return [along(a, b, t, -1, side) for t in ts] + outer[::-1]


def region(pts: dict, highlight: str, view: str) -> list:
    """The outline of the highlighted tissue on the working leg of the end position."""
    knee, ankle, hip, heel, ball = pts["knee"], pts["ankle"], pts["hip_root"], pts["heel"], pts["ball"]
    # The back of the calf is on the heel's side of the shin line (a cross product's sign).
    back = 1 if (ankle[0] - knee[0]) * (heel[1] - knee[1]) - (ankle[1] - knee[1]) * (heel[0] - knee[0]) > 0 else -1
    if highlight == "hip" or view == "front":
        cx, cy = along(hip, knee, 0.12, 0, 1)
        return [(cx + 9 * math.cos(a / 6 * math.pi), cy + 7 * math.sin(a / 6 * math.pi)) for a in range(12)]
    if highlight == "gastrocnemius":
        return _bulge(knee, ankle, -0.05, 0.6, 6.5, back)
    if highlight == "soleus":
        return _bulge(knee, ankle, 0.3, 0.85, 5, back)
    if highlight == "shin":
        return _bulge(knee, ankle, 0.1, 0.75, 3.5, -back)
    if highlight == "achilles":
        return [
            along(knee, ankle, 0.65, 1.5, back),
            along(knee, ankle, 0.65, 4, back),
            heel,
            along(knee, ankle, 1.0, 0, back),
        ]
    # The foot: a band along the sole from heel to ball, on the ankle's side of it.
    up = (ankle[0] - (heel[0] + ball[0]) / 2, ankle[1] - (heel[1] + ball[1]) / 2)
    lift = 3.5 / (math.hypot(*up) or 1)
    return [
        heel,
        ball,
        (ball[0] + up[0] * lift, ball[1] + up[1] * lift),
        (heel[0] + up[0] * lift, heel[1] + up[1] * lift),
    ]


def hatch(poly: list, gap: float = 3.0) -> list:
    """Diagonal hatching clipped to a polygon, so the target shows as a pattern as well as a colour."""
    values = [x - y for x, y in poly]
    lines, c = [], min(values) + gap / 2
    while c < max(values):
        cuts = []
        for (x1, y1), (x2, y2) in zip(poly, poly[1:] + poly[:1], strict=False):
            d1, d2 = x1 - y1 - c, x2 - y2 - c
            if (d1 < 0) != (d2 < 0):
                t = d1 / (d1 - d2)
                cuts.append((x1 + t * (x2 - x1), y1 + t * (y2 - y1)))
        cuts.sort()
        lines += [cuts[i : i + 2] for i in range(0, len(cuts) - 1, 2)]
        c += gap
    return lines


def panels(fig: dict) -> list[tuple[dict, str | None]]:
    """The main picture, and the optional second view (same figure with its own end position)."""
    panels = [(fig, fig.get("label"))]
    if "variant" in fig:
        variant = fig["variant"]
        panels.append(
            (
                {
                    **fig,
                    "start": variant.get("start", fig["start"]),
                    "end": variant["end"],
                    "highlight": variant.get("highlight", fig["highlight"]),
                },
                variant["label"],
            )
        )
    return panels
