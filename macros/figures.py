"""Exercise figures: draw each card's `figure` pose as inline SVG through Jinja fragments.

figure_pose.py does the geometry; figure_rules.py checks the pose against the card (knee angle against target).
This module turns a placed scene into shapes (lists of points) for
site_overrides/fragments/figure.svg.html, and draws the anatomy figure (anatomy.svg.html). Python only
computes coordinates; all markup lives in the fragments.
"""

from __future__ import annotations

import math
import re

from markupsafe import Markup

from .figure_body import body, circle, num
from .figure_inset import inset
from .figure_pose import MAT_H, STEP_H, Scene, along, hatch, panels, place, reach, region, shift, view_of
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


def _timing(card: dict, scene: Scene) -> dict:
    """Seconds for start -> end, hold, end -> start and rest, from the card's tempo (or its hold), for <animate>."""
    dose = card.get("dose", {})
    tempo = dose.get("tempo")
    start, end = scene.poses
    rising = end["heel"][1] < start["heel"][1] - 1 or (
        abs(end["heel"][1] - start["heel"][1]) <= 1 and end["hip"][1] < start["hip"][1] - 1
    )
    if tempo:
        go, back = (tempo["up"], tempo["down"]) if rising else (tempo["down"], tempo["up"])
        hold = tempo.get("pause", 0) or 0.5
    else:
        go = back = 1.5
        hold = min(dose.get("hold_seconds", 0), 3) or 0.5
    go, back = max(go, 0.5), max(back, 0.5)
    total = go + hold + back
    times = [0, go / total, (go + hold) / total, 1]
    return {"dur": _n(total), "key_times": ";".join(str(_n(round(t, 3))) for t in times)}


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


HOLD = (6, 10)  # the hold mark's width and height: two bars 4 apart, 9 tall, with their stroke


def _hold_spot(scene: Scene, anchor, arrow, label, font: float) -> tuple[float, float]:
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


def _label(fig, scene, outline, arrow, box, font: float) -> tuple[dict, tuple]:
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
        label = {"x": _n(cx), "y": _n(ly), "anchor": "middle", "leader": _pts([(cx, ly + 3), (cx, cy)])}
        left, right = min(left, cx - width / 2), max(right, cx + width / 2)
    else:
        on_left = scene.wall[1] == "front" if scene.wall else cx - left < right - cx
        lx, ly = (left - 6 if on_left else right + 6), min(cy, scene.floor - font)
        label = {
            "x": _n(lx),
            "y": _n(ly + font / 3),
            "anchor": "end" if on_left else "start",
            "leader": _pts([(lx + (2 if on_left else -2), ly), (cx, cy)]),
        }
        left, right = (lx - width, right) if on_left else (left, lx + width)
    return label | {"text": text}, (left, top, right)


def _panel(card: dict, fig: dict, caption: str | None, labelled: bool, font: float, second: bool = False) -> dict:
    """One picture: props, the start (faint) and end (solid, animated from the start) positions, the target and
    its label, the arrow, a hold mark for a held position, and the foot-and-ankle close-up."""
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
    every = [(n, p) for pts in scene.poses for n, p in pts.items()]
    left, right = min(x - reach(n) for n, (x, _) in every), max(x + reach(n) for n, (x, _) in every)
    top = min(y - reach(n) for n, (_, y) in every)
    # Pages keep one scale, so every figure gets room for a standing person; thumbnails are cropped close.
    ceiling = min(top, -150) - 12 if labelled else top - 6
    props = set(fig.get("props", []))
    shapes: dict = {"mat": None, "wall": None, "step": None, "chair": None, "rail": None}
    if "mat" in props:
        shapes["mat"] = [_n(left - 4), _n(-MAT_H), _n(right - left + 8), MAT_H]
    if scene.wall:
        x, where = scene.wall
        shapes["wall"] = [_n(x if where == "front" else x - 6), _n(max(ceiling, -160)), 6, _n(-max(ceiling, -160))]
        left, right = min(left, x - 6), max(right, x + 6)
    if "rail" in props:
        # A banister post in front, gripped where the hand is: the hand stays on it as the body moves.
        x = max(start["hand"][0], end["hand"][0]) + 2
        rail_top = min(start["hand"][1], end["hand"][1]) - 12
        shapes["rail"] = [_n(x), _n(rail_top), 4, _n(-rail_top)]
        right = max(right, x + 4)
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
    dose = card.get("dose", {})
    held = bool(dose.get("hold_seconds")) and card.get("category") == "strength"
    label = None
    if labelled:
        label, (left, top, right) = _label(fig, scene, outline, arrow, (left, top, right), font)
    close = None if second else inset(scene, fig)
    if close and not (labelled or close["kind"] != "ankle"):
        close = None
    if close:
        close["hold"] = None
    hold = None
    if held and close:
        # A held position: two bars (a pause sign) in the close-up, in a strip of its own beside the foot.
        x0, y0, x1, y1 = close["bbox"]
        close["hold"], close["bbox"] = [_n(x1), _n((y0 + y1) / 2 - HOLD[1] / 2)], (x0, y0, x1 + HOLD[0] + 6, y1)
    elif held:
        # Otherwise beside the end of the movement, clear of the body (both positions), the arrow and the label.
        centre = (sum(p[0] for p in outline) / len(outline), sum(p[1] for p in outline) / len(outline))
        hold = _hold_spot(scene, arrow["line"][2] if arrow else centre, arrow, label, font)
        left, right, top = min(left, hold[0] - 2), max(right, hold[0] + HOLD[0] + 2), min(top, hold[1] - 2)
        hold = [_n(hold[0]), _n(hold[1])]
    if close:
        x0, y0, x1, y1 = close["bbox"]
        close["at"] = [_n(right + 8 - x0), _n((ceiling if labelled else top) + 2 - y0)]
        close["frame"] = [_n(x0), _n(y0), _n(x1 - x0), _n(y1 - y0)]
        right += x1 - x0 + 10
        ceiling = min(ceiling, top + 2) if not labelled else ceiling
    # Only what moves is animated, and only in the main picture: a second view is a still of its end position.
    anim, moves = {}, {"far": None, "far_arm": None, "trunk": None, "leg": None, "arm": None}
    for k, v in poses[1].items():
        if not v or v == poses[0][k] or second:
            anim[k] = None
            continue
        # A part that only slides (the whole body rising in a heel drop) moves as a translation: much smaller.
        ref = {"far": "o_hip_root", "far_arm": "o_shoulder_root", "leg": "hip_root", "arm": "shoulder_root"}.get(
            k, "hip"
        )
        dx, dy = (start[ref][0] - end[ref][0], start[ref][1] - end[ref][1])
        if k in moves and _same(_body(shift(start, -dx, -dy), fig, None)[k], v):
            anim[k], moves[k] = None, f"{_n(dx)} {_n(dy)};0 0;0 0;{_n(dx)} {_n(dy)}"
        else:
            anim[k] = f"{poses[0][k]};{v};{v};{poses[0][k]}"
    line = lambda pts: "M" + " L".join(f"{round(x)} {round(y)}" for x, y in pts) + "Z"  # noqa: E731
    anim["region"] = None if second else f"{line(first)};{line(outline)};{line(outline)};{line(first)}"
    return {
        "shapes": shapes,
        "poses": poses,
        "ghost": not second,
        "anim": anim,
        "moves": moves,
        "region": line(outline),  # whole units, like the body
        "hatch": [[(round(x), round(y)) for x, y in h] for h in hatch(outline)],
        "label": label,
        "arrow": arrow,
        "hold": hold,
        "inset": close,
        "caption": caption,
        "box": (left - 4, ceiling, right + 4),
        "ground": [_n(left - 4), _n(right + 4)],
    }


PHONE = 320  # CSS pixels a card-page figure gets on a 375 px wide screen (tests/test_figure_browser.py checks)
MIN_PX = 12.6  # rendered label size, a little over the 12 px floor


def _layout(card: dict, context: str, font: float) -> tuple[list, float, float]:
    """Panels stacked one under the other (a phone is narrow): returns them, the width and the total height."""
    drawn, y = [], 0.0
    gap = font * 2 + 2 if card["figure"].get("label") else 8
    for index, (fig, caption) in enumerate(panels(card["figure"])):
        panel = _panel(card, fig, caption, context != "thumb", font, second=index > 0)
        left, top, right = panel["box"]
        panel["dy"] = _n(y - top if index else 0)
        y += (-top if index else 0) + gap
        drawn.append(panel)
    width = max(p["box"][2] - p["box"][0] for p in drawn)
    for panel in drawn:
        left, _, right = panel["box"]
        panel["dx"], panel["mid"] = _n(-left + (width - (right - left)) / 2), _n((left + right) / 2)
    return drawn, width, y


def figure_view(card: dict, context: str = "page") -> dict:
    """Everything figure.svg.html needs. context 'page' names the figure; 'thumb' is a decorative thumbnail."""
    font = MIN_PX / SCALE
    for _ in range(4):
        # A wide figure is scaled down to fit a phone: make its words bigger until they render at MIN_PX there.
        drawn, width, below = _layout(card, context, font)
        needed = MIN_PX * width / min(width * SCALE, PHONE)
        if needed <= font + 0.05:
            break
        font = needed
    top, bottom = drawn[0]["box"][1], below
    decorative = context == "thumb"
    scene = place(card["figure"])
    return {
        "uid": None if decorative else f"{card['id']}-figure-{context}",
        "decorative": decorative,
        "title": f"{card['name']}: start and end positions",
        "desc": card["illustration"]["alt"],
        "viewbox": [0, _n(top), _n(width), _n(bottom - top)],  # panel 2 and on sit below panel 1
        "width": round(width * SCALE),
        "height": round((bottom - top) * SCALE),
        "colour": HIGHLIGHT,
        "font": _n(font),
        "caption_y": _n(font + 3),
        "timing": None if decorative else _timing(card, scene),
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
