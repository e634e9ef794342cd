"""Exercise figures: draw each card's `figure` pose as inline SVG through Jinja fragments.

figure_pose.py does the geometry; figure_rules.py checks the pose against the card (knee angle against target).
This module turns a placed scene into shapes (lists of points) for
site_overrides/fragments/figure.svg.html, and draws the anatomy figure (anatomy.svg.html). Python only
computes coordinates; all markup lives in the fragments.
"""

from __future__ import annotations

import math

from markupsafe import Markup

from .figure_pose import MAT_H, STEP_H, Scene, along, hatch, panels, place, reach, region, view_of
from .render import render

# The target colour: 4.0:1 against white and against the dark theme's #1e2129 (WCAG non-text contrast is 3:1).
HIGHLIGHT = "#d4580a"
SCALE = 1.5  # CSS pixels per centimetre on a card page: a standing figure is about 250 px tall
LABELS = {
    "gastrocnemius": "Calf (gastrocnemius)",
    "soleus": "Deep calf (soleus)",
    "achilles": "Achilles tendon",
    "foot": "Foot muscles",
    "shin": "Shin muscles",
    "hip": "Hip muscles",
}
# Anatomy figure: region -> (link on the where-it-hurts page, label).
ANATOMY = {
    "gastrocnemius": ("#gastrocnemius", "Gastrocnemius"),
    "soleus": ("#soleus", "Soleus"),
    "achilles": ("#achilles-tendon", "Achilles tendon"),
    "calcaneus": ("#achilles-tendon", "Heel bone (calcaneus)"),
    "fascia": ("#plantar-fascia", "Plantar fascia"),
}


def _n(value: float) -> float | int:
    """A coordinate rounded for the SVG: one decimal, and whole numbers without '.0'."""
    value = round(value, 1) + 0.0
    return int(value) if value.is_integer() else value


def _pts(points) -> list[tuple]:
    return [(_n(x), _n(y)) for x, y in points]


def _body(pts: dict, view: str, fig: dict, roller) -> dict:
    """The limbs of one position as polylines, far side first, plus what moves with the body."""
    leg = lambda p: [pts[p + k] for k in ("hip_root", "knee", "ankle")]  # noqa: E731
    foot = lambda p: [pts[p + k] for k in ("ankle", "heel", "ball", "toe")]  # noqa: E731
    arm = lambda p: [pts[p + k] for k in ("shoulder_root", "elbow", "hand")]  # noqa: E731
    (hx, hy), (sx, sy) = pts["head"], pts["shoulder"]
    neck = math.hypot(hx - sx, hy - sy)
    trunk = [pts["hip"], pts["shoulder"], (hx - (hx - sx) * 9 / neck, hy - (hy - sy) * 9 / neck)]
    near = [trunk, leg(""), arm("")]
    if view == "front" and fig["stance"] == "standing":
        near += [[pts["o_hip_root"], pts["hip_root"]], [pts["o_shoulder_root"], pts["shoulder_root"]]]
    props, extra = set(fig.get("props", [])), []
    if "weight" in props:
        a, b = (pts["hip"], pts["knee"]) if fig["stance"] == "seated" else (pts["shoulder"], pts["hip"])
        t0, t1, side = (0.45, 0.85, -1) if fig["stance"] == "seated" else (0.08, 0.55, 1)
        extra.append([along(a, b, t, offset, side) for t, offset in ((t0, 4), (t1, 4), (t1, 13), (t0, 13))])
    band = [pts["ankle"], pts["o_ankle"]] if "band" in props else None
    return {
        "far": [_pts(leg("o_")), _pts(arm("o_"))],
        "near": [_pts(line) for line in near],
        "feet": [_pts(foot("o_")), _pts(foot(""))],
        "head": _pts([pts["head"]])[0],
        "boxes": [_pts(box) for box in extra],
        "band": band and _pts(band),
        "roller": roller and [_n(v) for v in roller],
    }


def _arrow(scene: Scene, follow: str | None) -> dict | None:
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
    return {"line": _pts([a, control, b]), "head": _pts(head)}


def _panel(fig: dict, caption: str | None, labelled: bool = True) -> dict:
    """One picture: props, the start (ghosted) and end positions, the highlight and its label, and the arrow."""
    scene, view = place(fig), view_of(fig)
    end = scene.poses[1]
    rollers = scene.rollers or [None, None]
    poses = [_body(pts, view, fig, roller) for pts, roller in zip(scene.poses, rollers, strict=False)]
    outline = region(end, fig["highlight"], view)
    every = [(n, p) for pts in scene.poses for n, p in pts.items()]
    left, right = min(x - reach(n) for n, (x, _) in every), max(x + reach(n) for n, (x, _) in every)
    top = min(y - reach(n) for n, (_, y) in every)
    # Pages keep one scale, so every figure gets room for a standing person; thumbnails are cropped close.
    ceiling = min(top, -150) - 12 if labelled else top - 6
    shapes: dict = {"mat": None, "wall": None, "step": None, "chair": None}
    if "mat" in fig.get("props", []):
        shapes["mat"] = [_n(left - 4), _n(-MAT_H), _n(right - left + 8), MAT_H]
    if scene.wall:
        x, where = scene.wall
        shapes["wall"] = [_n(x if where == "front" else x - 6), _n(max(ceiling, -160)), 6, _n(-max(ceiling, -160))]
        left, right = min(left, x - 6), max(right, x + 6)
    if scene.step:
        shapes["step"] = [_n(scene.step[0]), _n(scene.floor - STEP_H), _n(scene.step[1] - scene.step[0]), STEP_H]
        left, right = min(left, scene.step[0]), max(right, scene.step[1])
    if scene.seat:
        x0, x1, y = scene.seat
        shapes["chair"] = [
            _pts(line)
            for line in ([(x0, y - 42), (x0, y), (x1, y)], [(x0 + 2, y), (x0 + 2, 0)], [(x1 - 2, y), (x1 - 2, 0)])
        ]
        left = min(left, x0 - 2)
    arrow = _arrow(scene, fig.get("arrow"))
    if arrow:
        left, right = min([left] + [x for x, _ in arrow["line"]]), max([right] + [x for x, _ in arrow["line"]])
    cx, cy = (sum(p[0] for p in outline) / len(outline), sum(p[1] for p in outline) / len(outline))
    text = LABELS[fig["highlight"]]
    width = len(text) * 5.0
    if not labelled:
        label = None  # a thumbnail: the card's own text names the target beside it
    elif top > -100:
        # A low figure (lying, sitting on the floor) has room above it: label the target from there.
        ly = min([min(y for _, y in outline) - 22] + [y - 8 for _, y in (arrow["line"] if arrow else [])])
        label = {"x": _n(cx), "y": _n(ly), "anchor": "middle", "text": text, "leader": _pts([(cx, ly + 3), (cx, cy)])}
        left, right = min(left, cx - width / 2), max(right, cx + width / 2)
    else:
        # Otherwise beside the figure, on the side nearer the target, but never across a wall.
        on_left = scene.wall[1] == "front" if scene.wall else cx - left < right - cx
        lx, ly = (left - 6 if on_left else right + 6), min(cy, scene.floor - 8)
        label = {
            "x": _n(lx),
            "y": _n(ly + 3),
            "anchor": "end" if on_left else "start",
            "text": text,
            "leader": _pts([(lx + (2 if on_left else -2), ly), (cx, cy)]),
        }
        left, right = (lx - width, right) if on_left else (left, lx + width)
    return {
        "shapes": shapes,
        "poses": poses,
        "region": _pts(outline),
        "hatch": [_pts(line) for line in hatch(outline)],
        "label": label,
        "arrow": arrow,
        "caption": caption,
        "box": (left - 4, ceiling, right + 4),
        "ground": [_n(left - 4), _n(right + 4)],
    }


def figure_view(card: dict, context: str = "page") -> dict:
    """Everything figure.svg.html needs. context 'page' names the figure; 'thumb' is a decorative thumbnail."""
    drawn, x = [], 0.0
    for fig, caption in panels(card["figure"]):
        panel = _panel(fig, caption, labelled=context != "thumb")
        left, top, right = panel["box"]
        panel["dx"], panel["mid"] = _n(x - left), _n((left + right) / 2)
        x += right - left + 10
        drawn.append(panel)
    top = min(p["box"][1] for p in drawn)
    bottom = 20 if any(p["caption"] for p in drawn) else 8
    decorative = context == "thumb"
    return {
        "uid": None if decorative else f"{card['id']}-figure-{context}",
        "decorative": decorative,
        "title": f"{card['name']}: start and end positions",
        "desc": card["illustration"]["alt"],
        "viewbox": [0, _n(top), _n(x - 10), _n(bottom - top)],
        "width": round((x - 10) * SCALE),
        "height": round((bottom - top) * SCALE),
        "colour": HIGHLIGHT,
        "panels": drawn,
    }


def figure_markup(card: dict, context: str = "page") -> Markup:
    """The card's figure as an inline SVG element (markup from the fragment, safe to insert).

    Called once per card and view when content is loaded (macros/content.py), never from a template."""
    return Markup(render("figure.svg.html", fig=figure_view(card, context)))


def anatomy_figure(uid: str = "anatomy") -> str:
    """The lower leg from behind and from the side; each labelled part links to its section of the page."""
    return render(
        "anatomy.svg.html",
        uid=uid,
        regions={key: {"href": href, "label": label} for key, (href, label) in ANATOMY.items()},
    )
