"""The guided session player's page: every card's dose, tempo, hold, rest, sides, cues, figure and stop signs, every
pain rule as its fixed box, and every programme stage's exercises, as data in templates that the player's scripts
(session-*.js) copy from, so the page works from file:// and offline. Renderers as in renderers.py: data in, HTML out,
through a fragment (site_overrides/fragments/session.html)."""

from __future__ import annotations

from markupsafe import Markup

from ..base.fragments import render
from ..base.urls import card_src, page_url, relative, thumb_url
from ..content.load import Content
from .context import PageContext
from .renderers import DIARY_NOTE_MAX, pain_rule

# The player's scripts, in order: guide.js holds window.calfGuide, through which the parts share their code; plan.js
# is My plan's store, whose exercises the player plays; plan-dose.js reads a physiotherapist's dose changes to My plan;
# diary-store.js writes the session's day into the pain diary.
SESSION_SCRIPTS = (
    "guide.js",
    "plan.js",
    "plan-dose.js",
    "diary-store.js",
    "session-log.js",
    "session-machine.js",
    "session-cues.js",
    "session-view.js",
    "session.js",
)
# The session page's address, for the start buttons on My plan and the programme stages.
SESSION_SRC = "session.md"


def session_href(from_url: str) -> str:
    """The session page as seen from the page at `from_url`."""
    return relative(from_url, page_url(SESSION_SRC))


def _card(content: Content, card_id: str, from_url: str) -> dict:
    card = content.cards[card_id].data
    return {
        **card,
        "tempo": {"pause": 0, **card["dose"]["tempo"]} if "tempo" in card["dose"] else None,
        "href": relative(from_url, page_url(card_src(card_id))),
        "thumb_href": relative(from_url, thumb_url(card_id)),
    }


def _programmes(content: Content) -> list[dict]:
    """Each programme's stages with their exercises and doses (a stage's dose replaces the card's)."""
    return [
        {
            "id": pid,
            "title": item.data["title"],
            "rule": item.data["pain_rule"],
            "stages": item.data["stages"],
        }
        for pid, item in sorted(content.programs.items())
    ]


def exercise_session(content: Content, page: PageContext) -> str:
    """The session player: no-JavaScript advice, the player's screens, and the data templates it copies from. The
    pain rule boxes cite their sources in the page's own numbered list."""
    rules = {rule: Markup(pain_rule(content, page.ledger, rule, page.edit_path)) for rule in sorted(content.pain_rules)}
    return render(
        "session.html",
        cards=[_card(content, cid, page.url) for cid in sorted(content.cards)],
        rules=rules,
        programmes=_programmes(content),
        note_max=DIARY_NOTE_MAX,
        plan_href=relative(page.url, page_url("my-plan.md")),
        diary_href=relative(page.url, page_url("pain-diary.md")),
        library_href=relative(page.url, "exercises/index.html"),
        red_flags_href=relative(page.url, page_url("red-flags.md")),
        programs_href=relative(page.url, "programs/index.html"),
        css_href=relative(page.url, "assets/stylesheets/session.css"),
        js_hrefs=[relative(page.url, f"assets/javascripts/{script}") for script in SESSION_SCRIPTS],
    )
