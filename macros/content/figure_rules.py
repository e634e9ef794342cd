"""Content rules for a card's `figure`: joint limits, the knee angle against the target muscle, the highlight against
the targets, props against the stance, and no body part below the floor. Drawing lives in figures.py."""

from __future__ import annotations

from ..base.errors import ContentError
from ..figures.marks import LABELS
from ..figures.pose import ARM, LEG, LIMITS, panels, place
from .collection import Item

# Cards of these kinds must show the knee the way their target muscle needs it (see where-it-hurts.md).
KNEE_RULE = {"stretch", "strength", "mobility"}
STRAIGHT_MAX, BENT_MIN = 10, 20


def _pose_keys(fig: dict) -> list[tuple]:
    keys = [("start",), ("end",)]
    if "variant" in fig:
        keys += [("variant", k) for k in ("start", "end") if k in fig["variant"]]
    return keys


def _get(fig: dict, trail: tuple):
    for part in trail:
        fig = fig[part]
    return fig


def _limit_problems(fig: dict) -> list[tuple[tuple, str, str]]:
    """Joint angles outside LIMITS (the schema checks them too; this covers data that skipped it)."""
    problems = []
    for trail in _pose_keys(fig):
        pose = _get(fig, trail)
        for sub, names in (((), LEG + ARM + ("trunk",)), (("other_leg",), LEG), (("other_arm",), ARM)):
            values = pose.get(sub[0], {}) if sub else pose
            for name in names:
                low, high = LIMITS[name]
                if name in values and not low <= values[name] <= high:
                    problems.append(
                        (
                            trail + sub + (name,),
                            f"{values[name]} degrees is outside the {name}'s range.",
                            f"Use a value from {low} to {high}.",
                        )
                    )
        if pose.get("on_step") and "step" not in fig.get("props", []):
            problems.append(
                (trail + ("on_step",), "stands on a step, but 'step' is not in figure.props.", "Add step to props.")
            )
    return problems


def _rule_problems(data: dict) -> list[tuple[tuple, str, str]]:
    """The knee must match the target muscle, the highlight must be a target, and props must suit the stance."""
    fig, targets, problems = data["figure"], set(data["target"]), []
    calf, knee = targets & {"gastrocnemius", "soleus"}, fig["end"]["knee"]
    if data["category"] in KNEE_RULE and calf == {"gastrocnemius"} and knee > STRAIGHT_MAX:
        problems.append(
            (
                ("end", "knee"),
                f"a straight-knee (gastrocnemius) exercise is drawn with the knee bent {knee} degrees.",
                f"Use {STRAIGHT_MAX} or less: the gastrocnemius works with the knee straight.",
            )
        )
    if data["category"] in KNEE_RULE and calf == {"soleus"} and knee < BENT_MIN:
        problems.append(
            (
                ("end", "knee"),
                f"a bent-knee (soleus) exercise is drawn with the knee at {knee} degrees.",
                f"Use {BENT_MIN} or more: the soleus works with the knee bent.",
            )
        )
    for trail in [("highlight",)] + ([("variant", "highlight")] if "highlight" in fig.get("variant", {}) else []):
        if _get(fig, trail) not in targets:
            problems.append(
                (
                    trail,
                    f"highlights '{_get(fig, trail)}', which is not one of the card's targets.",
                    f"Highlight one of: {', '.join(t for t in data['target'] if t in LABELS)}.",
                )
            )
    if fig.get("view") == "front" and fig["stance"] != "standing":
        problems.append((("view",), "only a standing figure can be drawn from the front.", "Remove 'view: front'."))
    if "chair" in fig.get("props", []) and fig["stance"] != "seated":
        problems.append(
            (
                ("props",),
                "a chair is drawn under the hips, so it needs stance: seated.",
                "Remove chair, or use stance: seated.",
            )
        )
    return problems


def figure_errors(card: Item) -> list[ContentError]:
    """What the schema cannot check about a card's figure, each error naming the file, line and field."""
    fig = card.data["figure"]
    problems = _limit_problems(fig) + _rule_problems(card.data)
    if not problems:
        # Only a sound pose is placed: a body part pushed through the floor means the angles disagree.
        for (panel, _), trail in zip(panels(fig), [(), ("variant",)], strict=False):
            for index, depth in place(panel).sunk:
                problems.append(
                    (
                        trail + (("start", "end")[index],),
                        f"this position puts part of the body {depth:.0f} cm below the floor.",
                        "Change the angles so the body rests on the floor (seated heel lift: more hip).",
                    )
                )
    return [card.error(message, "figure", *trail, fix=fix) for trail, message, fix in problems]


def check_figures(cards: dict[str, Item]) -> list[ContentError]:
    """Every card's figure, checked once per build."""
    return [error for card in cards.values() for error in figure_errors(card)]
