"""Exercise figures: draw each card's `figure` pose as inline SVG through Jinja fragments.

figure_pose.py does the geometry; figure_rules.py checks the pose against the card (knee angle against target);
figure_panel.py draws each panel once. This module lays the panels out (label, arrow, hold mark, close-up) for
site_overrides/fragments/figure.svg.html, and draws the anatomy figure (anatomy.svg.html). Python only
computes coordinates; all markup lives in the fragments.
"""

from __future__ import annotations

from markupsafe import Markup

from ..base.fragments import render
from .inset import inset
from .marks import HOLD, hold_spot, movement_arrow, rounded, rounded_points, target_label
from .panel import Drawn, draw_panel, line
from .pose import MAT_H, STEP_H, Scene, panels, place

# The target colour: 4.0:1 against white and against the dark theme's #1e2129 (WCAG non-text contrast is 3:1). The
# figures' fill and stroke attributes (thumbnail files see no CSS) and the anatomy figure take it from here; calf.css
# repeats it once, as --fig-hl for the light scheme (tests/test_figures.py holds the two equal).
HIGHLIGHT = "#d4580a"
SCALE = 1.5  # CSS pixels per centimetre on a card page: a standing figure is about 250 px tall
# Anatomy figure: region -> (link on the where-it-hurts page, label).
ANATOMY = {
    "gastrocnemius": ("#gastrocnemius", "Gastrocnemius"),
    "soleus": ("#soleus", "Soleus"),
    "achilles": ("#achilles-tendon", "Achilles tendon"),
    "calcaneus": ("#achilles-tendon", "Heel bone (calcaneus)"),
    "fascia": ("#plantar-fascia", "Plantar fascia"),
}


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
    return {"dur": rounded(total), "key_times": ";".join(str(rounded(round(t, 3))) for t in times)}


def _panel(
    card: dict, fig: dict, drawn: Drawn, caption: str | None, labelled: bool, font: float, second: bool = False
) -> dict:
    """One picture: props, the start (faint) and end (solid, animated from the start) positions, the target and
    its label, the arrow, a hold mark for a held position, and the foot-and-ankle close-up."""
    scene, outline = drawn.scene, drawn.outline
    start, end = scene.poses
    left, top, right = drawn.bounds
    # Pages keep one scale, so every figure gets room for a standing person; thumbnails are cropped close.
    ceiling = min(top, -150) - 12 if labelled else top - 6
    props = set(fig.get("props", []))
    shapes: dict = {"mat": None, "wall": None, "step": None, "chair": None, "rail": None}
    if "mat" in props:
        shapes["mat"] = [rounded(left - 4), rounded(-MAT_H), rounded(right - left + 8), MAT_H]
    if scene.wall:
        x, where = scene.wall
        shapes["wall"] = [
            rounded(x if where == "front" else x - 6),
            rounded(max(ceiling, -160)),
            6,
            rounded(-max(ceiling, -160)),
        ]
        left, right = min(left, x - 6), max(right, x + 6)
    if "rail" in props:
        # A banister post in front, gripped where the hand is: the hand stays on it as the body moves.
        x = max(start["hand"][0], end["hand"][0]) + 2
        rail_top = min(start["hand"][1], end["hand"][1]) - 12
        shapes["rail"] = [rounded(x), rounded(rail_top), 4, rounded(-rail_top)]
        right = max(right, x + 4)
    if scene.step:
        shapes["step"] = [
            rounded(scene.step[0]),
            rounded(scene.floor - STEP_H),
            rounded(scene.step[1] - scene.step[0]),
            STEP_H,
        ]
        left, right = min(left, scene.step[0]), max(right, scene.step[1])
    if scene.seat:
        x0, x1, y = scene.seat
        shapes["chair"] = [
            rounded_points(line)
            for line in ([(x0, y - 42), (x0, y), (x1, y)], [(x0 + 2, y), (x0 + 2, 0)], [(x1 - 2, y), (x1 - 2, 0)])
        ]
        left = min(left, x0 - 2)
    arrow = movement_arrow(scene, fig.get("arrow"))
    if arrow:
        left, right = min([left] + [x for x, _ in arrow["line"]]), max([right] + [x for x, _ in arrow["line"]])
    dose = card.get("dose", {})
    held = bool(dose.get("hold_seconds")) and card.get("category") == "strength"
    label = None
    if labelled:
        label, (left, top, right) = target_label(fig, scene, outline, arrow, (left, top, right), font)
    close = None if second else inset(scene, fig)
    if close and not (labelled or close["kind"] != "ankle"):
        close = None
    if close:
        close["hold"] = None
    hold = None
    if held and close:
        # A held position: two bars (a pause sign) in the close-up, in a strip of its own beside the foot.
        x0, y0, x1, y1 = close["bbox"]
        close["hold"], close["bbox"] = (
            [rounded(x1), rounded((y0 + y1) / 2 - HOLD[1] / 2)],
            (x0, y0, x1 + HOLD[0] + 6, y1),
        )
    elif held:
        # Otherwise beside the end of the movement, clear of the body (both positions), the arrow and the label.
        centre = (sum(p[0] for p in outline) / len(outline), sum(p[1] for p in outline) / len(outline))
        hold = hold_spot(scene, arrow["line"][2] if arrow else centre, arrow, label, font)
        left, right, top = min(left, hold[0] - 2), max(right, hold[0] + HOLD[0] + 2), min(top, hold[1] - 2)
        hold = [rounded(hold[0]), rounded(hold[1])]
    if close:
        x0, y0, x1, y1 = close["bbox"]
        close["at"] = [rounded(right + 8 - x0), rounded((ceiling if labelled else top) + 2 - y0)]
        close["frame"] = [rounded(x0), rounded(y0), rounded(x1 - x0), rounded(y1 - y0)]
        right += x1 - x0 + 10
        ceiling = min(ceiling, top + 2) if not labelled else ceiling
    still = dict.fromkeys(drawn.anim)
    anim = still | {"region": None} if second else drawn.anim | {"region": drawn.region_anim}
    moves = dict.fromkeys(drawn.moves) if second else drawn.moves
    return {
        "shapes": shapes,
        "poses": drawn.poses,
        "ghost": not second,
        "anim": anim,
        "moves": moves,
        "region": line(outline),
        "hatch": drawn.hatch,
        "label": label,
        "arrow": arrow,
        "hold": hold,
        "inset": close,
        "caption": caption,
        "box": (left - 4, ceiling, right + 4),
        "ground": [rounded(left - 4), rounded(right + 4)],
    }


PHONE = 320  # CSS pixels a card-page figure gets on a 375 px wide screen (tests/test_pages_browser.py checks)
MIN_PX = 12.6  # rendered label size, a little over the 12 px floor


def _layout(card: dict, context: str, font: float, geometry: list) -> tuple[list, float, float]:
    """Panels stacked one under the other (a phone is narrow): returns them, the width and the total height."""
    drawn, y = [], 0.0
    gap = font * 2 + 2 if card["figure"].get("label") else 8
    for index, (fig, caption, shapes) in enumerate(geometry):
        panel = _panel(card, fig, shapes, caption, context != "thumb", font, second=index > 0)
        left, top, right = panel["box"]
        panel["dy"] = rounded(y - top if index else 0)
        y += (-top if index else 0) + gap
        drawn.append(panel)
    width = max(p["box"][2] - p["box"][0] for p in drawn)
    for panel in drawn:
        left, _, right = panel["box"]
        panel["dx"], panel["mid"] = rounded(-left + (width - (right - left)) / 2), rounded((left + right) / 2)
    return drawn, width, y


def panel_geometry(card: dict) -> list[tuple[dict, str | None, Drawn]]:
    """(figure, caption, drawn geometry) of each panel: the part of a figure shared by every view and label size."""
    return [(fig, caption, draw_panel(fig)) for fig, caption in panels(card["figure"])]


def figure_view(card: dict, context: str = "page", geometry: list | None = None) -> dict:
    """Everything figure.svg.html needs. context 'page' names the figure; 'thumb' is a decorative thumbnail.
    `geometry` is panel_geometry(card), when the caller draws several views of one card."""
    geometry = geometry or panel_geometry(card)
    font = MIN_PX / SCALE
    for _ in range(4):
        # A wide figure is scaled down to fit a phone: make its words bigger until they render at MIN_PX there.
        drawn, width, below = _layout(card, context, font, geometry)
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
        "viewbox": [0, rounded(top), rounded(width), rounded(bottom - top)],  # panel 2 and on sit below panel 1
        "width": round(width * SCALE),
        "height": round((bottom - top) * SCALE),
        "colour": HIGHLIGHT,
        "font": rounded(font),
        "caption_y": rounded(font + 3),
        "timing": None if decorative else _timing(card, scene),
        "panels": drawn,
    }


def figure_markup(card: dict, context: str = "page", geometry: list | None = None) -> Markup:
    """The card's figure as an inline SVG element (markup from the fragment, safe to insert)."""
    return Markup(render("figure.svg.html", fig=figure_view(card, context, geometry)))


def card_figures(card: dict) -> dict[str, Markup]:
    """The card page's figure and its thumbnail, drawn from one geometry.

    Called once per card when content is loaded (macros/content/load.py), never from a template."""
    geometry = panel_geometry(card)
    return {view: figure_markup(card, view, geometry) for view in ("page", "thumb")}


def anatomy_figure(uid: str = "anatomy") -> str:
    """The lower leg from behind and from the side; each labelled part links to its section of the page."""
    return render(
        "anatomy.svg.html",
        uid=uid,
        regions={key: {"href": href, "label": label} for key, (href, label) in ANATOMY.items()},
        highlight=HIGHLIGHT,
    )
