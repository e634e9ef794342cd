"""Exercise figures and the anatomy figure: every card has a valid, small, self-contained SVG drawn from its pose data.

The pose rules are checked from the data and from the drawn joints: straight-knee (gastrocnemius) work shows a
straight knee, bent-knee (soleus) work a bent one, nobody floats or sinks, and bad poses fail with a named field.
"""

from __future__ import annotations

import functools
import json
import math
import re
import xml.etree.ElementTree as ET
from collections import Counter
from html import escape, unescape

import pytest
import yaml

from helpers import ROOT, content_errors
from macros.content.collection import Item
from macros.content.figure_rules import figure_errors
from macros.content.load import load_content
from macros.content.yamlfile import LineIndex
from macros.figures.draw import HIGHLIGHT, figure_markup
from macros.figures.pose import LIMITS, STEP_H, joints, low, place, view_of

SVG = "{http://www.w3.org/2000/svg}"
# Ids from the file names, so that collecting this module never loads content: a bad card fails the tests that use
# it instead of stopping the whole run with a collection error.
CARD_IDS = sorted(p.stem for p in (ROOT / "content" / "exercises").glob("*.yml"))
MAX_BYTES = 12 * 1024
ANCHORS = {"#gastrocnemius", "#soleus", "#achilles-tendon", "#plantar-fascia"}


@functools.cache
def cards() -> dict[str, Item]:
    """Every exercise card, loaded once, on first use inside a test."""
    return load_content(ROOT / "content").cards


def poses(fig: dict):
    """(field path, pose) for every position a figure draws."""
    yield "figure.start", fig["start"]
    yield "figure.end", fig["end"]
    for key in ("start", "end"):
        if key in fig.get("variant", {}):
            yield f"figure.variant.{key}", fig["variant"][key]


def angles(pose: dict):
    for name in LIMITS:
        if name in pose:
            yield name, pose[name]
    for part in ("other_leg", "other_arm"):
        for name, value in pose.get(part, {}).items():
            yield f"{part}.{name}", value


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == SVG + "svg"
    return root


@pytest.mark.parametrize("card_id", CARD_IDS)
def test_figure_is_small_valid_self_contained_svg(card_id):
    card = cards()[card_id].data
    for context in ("page", "thumb"):
        svg = str(figure_markup(card, context))
        assert len(svg.encode()) <= MAX_BYTES, f"{card_id} {context}: {len(svg.encode())} bytes"
        root = parse(svg)
        title, desc = root.find(SVG + "title"), root.find(SVG + "desc")
        assert title is not None and card["name"] in title.text
        assert desc is not None and desc.text == card["illustration"]["alt"]
        assert "currentColor" in svg
        # Nothing outside the SVG: no links, images, fonts, scripts or styles that could fetch.
        for element in root.iter():
            assert element.tag.removeprefix(SVG) not in {"image", "use", "script", "style", "foreignObject", "a"}
            for name, value in element.attrib.items():
                assert "href" not in name and "url(" not in value and "http" not in value, (card_id, name, value)
                assert name not in {"font-family", "style"}, (card_id, name)
        if context == "page":
            assert root.get("role") == "img"
            ids = {e.get("id") for e in root.iter() if e.get("id")}
            assert root.get("aria-labelledby") == title.get("id") and root.get("aria-describedby") == desc.get("id")
            assert ids == {f"{card_id}-figure-page-title", f"{card_id}-figure-page-desc"}
        else:
            assert root.get("aria-hidden") == "true" and root.get("role") is None
            assert not [e for e in root.iter() if e.get("id")], "a decorative thumbnail has no ids to clash"


def test_target_is_shown_by_colour_pattern_and_label():
    svg = str(figure_markup(cards()["calf-stretch-wall-bent"].data))
    root = parse(svg)
    paths = [e for e in root.iter(SVG + "path") if e.get("stroke") == HIGHLIGHT or e.get("fill") == HIGHLIGHT]
    assert paths, "the target is drawn in the highlight colour"
    hatch = [g for g in root.iter(SVG + "g") if g.get("stroke") == HIGHLIGHT]
    assert hatch and any(len(p.get("d", "").split("M")) > 4 for p in hatch[0]), "and hatched"
    assert "Deep calf (soleus)" in [t.text for t in root.iter(SVG + "text")], "and labelled in words"


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("background", ["#ffffff", "#1e2129"])
def test_highlight_colour_has_3_to_1_contrast_on_light_and_dark(background):
    a, b = sorted((_luminance(HIGHLIGHT), _luminance(background)), reverse=True)
    assert (a + 0.05) / (b + 0.05) >= 3


def test_schema_limits_match_the_renderer():
    schema = json.loads((ROOT / "content" / "schemas" / "exercise.schema.json").read_text())
    for name, (low_limit, high_limit) in LIMITS.items():
        definition = schema["definitions"][name]
        assert (definition["minimum"], definition["maximum"]) == (low_limit, high_limit), name
        assert definition["title"] and definition["description"]


def test_every_figure_property_has_a_title_and_description():
    schema = json.loads((ROOT / "content" / "schemas" / "exercise.schema.json").read_text())

    def walk(node, where):
        if isinstance(node, dict):
            if node.get("type") == "object":
                assert node.get("additionalProperties") is False, where
            for name, prop in node.get("properties", {}).items():
                assert prop.get("title") and prop.get("description"), f"{where}.{name}"
                walk(prop, f"{where}.{name}")

    walk(schema["properties"]["figure"], "figure")
    walk(schema["definitions"]["figure_pose"], "figure_pose")


def _drawn_knee(card: dict, key: str = "end") -> float:
    """The working knee's bend as drawn: the angle between the thigh and the shin, from the computed joints."""
    fig = card["figure"]
    pts = joints(fig[key], fig["stance"], view_of(fig))
    (hx, hy), (kx, ky), (ax, ay) = pts["hip_root"], pts["knee"], pts["ankle"]
    thigh, shin = math.atan2(kx - hx, ky - hy), math.atan2(ax - kx, ay - ky)
    return abs(math.degrees(thigh - shin))


def _kind(card: dict) -> str | None:
    calf = set(card["target"]) & {"gastrocnemius", "soleus"}
    if card["category"] in ("stretch", "strength", "mobility") and len(calf) == 1:
        return calf.pop()
    return None


def test_straight_knee_cards_show_a_straight_knee_and_bent_knee_cards_a_bent_one():
    kinds = Counter()
    for card_id, item in cards().items():
        card, kind = item.data, _kind(item.data)
        if kind == "gastrocnemius":
            assert card["figure"]["end"]["knee"] <= 10 and _drawn_knee(card) <= 10, card_id
        elif kind == "soleus":
            assert card["figure"]["end"]["knee"] >= 20 and _drawn_knee(card) >= 20, card_id
        kinds[kind] += 1
    assert kinds["gastrocnemius"] >= 5 and kinds["soleus"] >= 4, kinds


@pytest.mark.parametrize("card_id", CARD_IDS)
def test_nobody_floats_or_sinks(card_id):
    fig = cards()[card_id].data["figure"]
    scene = place(fig)
    assert not scene.sunk, f"{card_id}: part of the body is below the floor"
    for key, pts in zip(("start", "end"), scene.poses, strict=False):
        pose = fig[key]
        if "foam-roller" in fig.get("props", []):
            continue  # supported by hands, hips and the roller: checked by the roller fit in place()
        support = scene.floor - (STEP_H if pose.get("on_step") else 0)
        names = ("ball", "toe", "o_ball", "o_toe") if pose.get("on_step") else None
        gap = support - low(pts, names)
        assert gap == pytest.approx(pose.get("off_floor", 0), abs=1), f"{card_id} {key}: {gap:.1f} cm off the floor"


def _item(card_id: str, change) -> Item:
    data = json.loads(json.dumps(cards()[card_id].data))
    change(data["figure"])
    return Item(card_id, data, f"content/exercises/{card_id}.yml", LineIndex())


@pytest.mark.parametrize(
    "card_id, change, field, words",
    [
        ("calf-raise-double", lambda f: f["end"].update(knee=170), "figure.end.knee", "outside the knee's range"),
        (
            "calf-raise-double",
            lambda f: f["start"].update(ankle=-80),
            "figure.start.ankle",
            "outside the ankle's range",
        ),
        (
            "calf-stretch-wall-straight",
            lambda f: f["end"].update(knee=30),
            "figure.end.knee",
            "straight-knee (gastrocnemius)",
        ),
        ("calf-stretch-wall-bent", lambda f: f["end"].update(knee=0), "figure.end.knee", "bent-knee (soleus)"),
        (
            "calf-raise-double",
            lambda f: f.update(highlight="soleus"),
            "figure.highlight",
            "not one of the card's targets",
        ),
        ("drop-landing", lambda f: f.update(props=[]), "figure.start.on_step", "'step' is not in figure.props"),
        ("calf-raise-double", lambda f: f.update(props=["chair"]), "figure.props", "needs stance: seated"),
    ],
)
def test_renderer_rejects_bad_poses_naming_the_field(card_id, change, field, words):
    errors = figure_errors(_item(card_id, change))
    messages = [str(e) for e in errors if e.field == field]
    assert messages and words in messages[0], [str(e) for e in errors]
    assert messages[0].startswith(f"content/exercises/{card_id}.yml")


def test_a_card_with_knee_170_fails_to_load_naming_file_and_field(content_copy):
    path = content_copy / "exercises" / "calf-raise-double.yml"
    text = path.read_text()
    assert "  end: {trunk: 0, hip: 0, knee: 0, ankle: -30," in text
    path.write_text(
        text.replace(
            "  end: {trunk: 0, hip: 0, knee: 0, ankle: -30,", "  end: {trunk: 0, hip: 0, knee: 170, ankle: -30,"
        )
    )
    message = content_errors(content_copy)
    line = next(ln for ln in message.splitlines() if "figure.end.knee" in ln)
    assert "content/exercises/calf-raise-double.yml:" in line and "170" in line and "150" in line


def test_a_straight_knee_card_drawn_bent_fails_to_load(content_copy):
    path = content_copy / "exercises" / "calf-stretch-wall-straight.yml"
    text = path.read_text()
    data = yaml.safe_load(text)["figure"]["end"]
    old = f"  end: {{trunk: {data['trunk']}, hip: {data['hip']}, knee: {data['knee']},"
    assert old in text
    path.write_text(text.replace(old, f"  end: {{trunk: {data['trunk']}, hip: {data['hip']}, knee: 40,"))
    message = content_errors(content_copy)
    assert "calf-stretch-wall-straight.yml" in message and "figure.end.knee" in message and "straight-knee" in message


def test_scaffold_template_has_a_figure_block_to_fill_in():
    template = (ROOT / "scripts" / "templates" / "exercise.yml").read_text().replace("{id}", "new-card")
    figure = yaml.safe_load(template)["figure"]
    assert figure["stance"].startswith("TODO") and figure["highlight"].startswith("TODO")
    assert figure["end"]["knee"].startswith("TODO")


def _figures_in(html: str) -> list[str]:
    return re.findall(r"<svg [^>]*class=\"calf-(?:figure|anatomy)[^\"]*\".*?</svg>", html, re.S)


def test_built_card_pages_show_the_figure_inline(site):
    for card_id, item in cards().items():
        html = (site / "exercises" / f"{card_id}.html").read_text()
        figure = re.search(
            r'<figure class="calf-figure-box">\s*(<svg .*?</svg>)\s*<figcaption>(.*?)</figcaption>', html, re.S
        )
        assert figure, f"{card_id}: no inline figure"
        root = parse(unescape_entities(figure.group(1)))
        assert root.get("role") == "img" and root.get("aria-labelledby") == f"{card_id}-figure-page-title"
        assert unescape(figure.group(2)) == item.data["illustration"]["alt"]
        assert (
            html.index("calf-card__equipment") < html.index('class="calf-figure-box"') < html.index('id="how-to-do-it"')
        )


def unescape_entities(svg: str) -> str:
    """Markdown leaves HTML entities such as &rsquo; that XML does not know; turn them back into characters."""
    return re.sub(r"&(?!amp;|lt;|gt;|quot;|apos;)[a-z]+;", lambda m: escape(unescape(m.group(0)), quote=False), svg)


def test_library_thumbnails_are_decorative_and_every_page_keeps_ids_unique(site):
    library = (site / "exercises" / "index.html").read_text()
    articles = re.findall(r'<li class="calf-row" data-card="([a-z0-9-]+)"', library)
    thumbs = re.findall(r'<img class="calf-row__thumb" src="\.\./figures/([a-z0-9-]+)-thumb\.svg" alt=""', library)
    assert len(thumbs) == len(articles) >= len(cards()), "one decorative thumbnail (empty alt) per listed card"
    assert thumbs == articles, "each card shows its own thumbnail"
    for card_id in set(thumbs):
        svg = (site / "figures" / f"{card_id}-thumb.svg").read_text()
        assert len(svg.encode()) <= 12 * 1024
        root = parse(unescape_entities(svg))
        assert root.get("aria-hidden") == "true" and root.get("role") is None
    for page in site.rglob("*.html"):
        html = page.read_text()
        for svg in _figures_in(html):
            parse(unescape_entities(svg))
        ids = Counter(re.findall(r'\sid="([^"]+)"', html))
        assert not [i for i, n in ids.items() if n > 1 and ("-figure-" in i or i.startswith("anatomy"))], page


def test_anatomy_figure_links_resolve_on_its_page(site):
    html = (site / "assess" / "where-it-hurts.html").read_text()
    svgs = [s for s in _figures_in(html) if "calf-anatomy" in s]
    assert len(svgs) == 1
    root = parse(unescape_entities(svgs[0]))
    # A group, not an img: an img's children are hidden from assistive technology, and these are links.
    assert root.get("role") == "group" and root.get("aria-labelledby") == root.find(SVG + "title").get("id")
    assert root.get("aria-describedby") == root.find(SVG + "desc").get("id")
    links = [(a.get("href"), "".join(a.itertext()).strip()) for a in root.iter(SVG + "a")]
    assert ANCHORS <= {href for href, _ in links}, links
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    assert {href.lstrip("#") for href, _ in links} <= ids
    assert all(text for _, text in links), "every link has a visible label, its accessible name"
    assert ("#achilles-tendon", "Heel bone (calcaneus)") in links and ("#plantar-fascia", "Plantar fascia") in links
    assert ("#gastrocnemius", "Gastrocnemius") in links and ("#soleus", "Soleus") in links
    assert html.index("calf-anatomy") < html.index('id="gastrocnemius"')


def test_the_highlight_colour_is_one_value():
    """macros/figures/draw.py HIGHLIGHT colours the figures and the anatomy drawing; calf.css's light-scheme --fig-hl is
    its one copy (a stylesheet cannot read Python), and no template or script writes the colour itself."""
    from macros.figures.draw import HIGHLIGHT

    css = (ROOT / "site_overrides" / "assets" / "stylesheets" / "calf.css").read_text(encoding="utf-8")
    assert re.findall(r"--fig-hl:\s*(#[0-9a-fA-F]{6})", css)[0].lower() == HIGHLIGHT.lower()
    elsewhere = [
        path.relative_to(ROOT).as_posix()
        for folder in ("site_overrides", "macros")
        for path in (ROOT / folder).rglob("*")
        if path.is_file()
        and path.suffix in (".html", ".md", ".js", ".py", ".css")
        and HIGHLIGHT.lower() in path.read_text(encoding="utf-8").lower()
    ]
    assert sorted(elsewhere) == ["macros/figures/draw.py", "site_overrides/assets/stylesheets/calf.css"], elsewhere
