"""Exercise cards on pages: a card's summary, a filtered list, the library, My plan and a card's own page. Renderers
as in renderers.py: data in, HTML (or Markdown around HTML) out, through the fragments; each records the scripts its
markup needs on the page's PageContext."""

from __future__ import annotations

from ..base.fragments import render, render_page
from ..base.urls import card_src, page_url, relative, thumb_url
from ..content.exercises import FILTERS, matches
from ..content.load import Content
from .context import PageContext
from .renderers import DIARY_NOTE_MAX, MacroError, known, lookup, numbered_sources
from .session_page import session_href


def _card_view(content: Content, card_id: str, from_url: str) -> dict:
    card = content.cards[card_id].data

    def link(other):
        return {
            "id": other,
            "name": content.cards[other].data["name"],  # noqa: E731
            "href": relative(from_url, page_url(card_src(other))),
        }

    return {
        **card,
        "href": relative(from_url, page_url(card_src(card_id))),
        "thumb_href": relative(from_url, thumb_url(card_id)),
        "easier_links": [link(c) for c in card["easier"]],
        "harder_links": [link(c) for c in card["harder"]],
        "related_links": [link(c) for c in card.get("related", [])],
    }


# The scripts of the "Add to my plan" button each card summary, list and library row carries (and its page's too):
# the shared namespace and storage helpers, then the plan store and buttons.
PLAN_BUTTON_SCRIPTS = ("guide.js", "plan.js")


def exercise_card(content: Content, card_id: str, page: PageContext) -> str:
    call = f"exercise_card('{card_id}')"
    lookup(content.cards, card_id, page.edit_path, call, "no such card", "use the id of a file in content/exercises/")
    page.needs(*PLAN_BUTTON_SCRIPTS)
    return render("exercise-summary.html", card=_card_view(content, card_id, page.url), heading="h3")


def exercise_list(content: Content, context: PageContext, **wanted: str) -> str:
    """Cards matching every filter given, e.g. exercise_list(tag='knee-valgus')."""
    page, from_url = context.edit_path, context.url
    for name, value in wanted.items():
        known(FILTERS, name, page, f"exercise_list({name}=...)", "unknown filter", f"use one of {', '.join(FILTERS)}")
        values = content.filters[name]
        known(
            values, value, page, f"exercise_list({name}='{value}')", "unknown value", f"use one of {', '.join(values)}"
        )
    chosen = [
        _card_view(content, cid, from_url)
        for cid in sorted(content.cards)
        if matches(content.cards[cid].data, **wanted)
    ]
    if not chosen:
        raise MacroError(f"{page}: exercise_list({wanted}) matches no card. Fix: change the filter or tag a card.")
    context.needs(*PLAN_BUTTON_SCRIPTS)
    return render("exercise-list.html", cards=chosen)


def exercise_library(content: Content, page: PageContext) -> str:
    """Every card once, A to Z, as compact rows; filters that work without JavaScript (calf.css), grouping with it."""
    cards = [
        _card_view(content, cid, page.url) for cid in sorted(content.cards, key=lambda c: content.cards[c].data["name"])
    ]
    page.needs(*PLAN_BUTTON_SCRIPTS)
    return render("exercise-library.html", filters=content.filters, cards=cards)


# My plan's scripts, in order: guide.js holds window.calfGuide, through which the page's parts share their code; plan.js
# is the plan store.
# session-log.js and session-week.js count the guided sessions done this week; they run before my-plan.js, inside the
# part of the page my-plan.js shows, so nothing moves when it appears (Lighthouse: layout shift).
MY_PLAN_SCRIPTS = (
    "guide.js",
    "plan.js",
    "plan-dose.js",
    "session-log.js",
    "session-week.js",
    "plan-link.js",
    "plan-share.js",
    "my-plan.js",
)


def my_plan(content: Content, from_url: str) -> str:
    """The plan page: every card's printable block (steps, dose, its published pain rule, stop signs) in a template
    that JavaScript copies from, the share and reminder controls, and the no-JavaScript advice."""
    cards = [
        {**_card_view(content, cid, from_url), "rule": content.pain_rules[content.cards[cid].data["pain_rule"]].data}
        for cid in sorted(content.cards)
    ]
    return render(
        "my-plan.html",
        cards=cards,
        note_max=DIARY_NOTE_MAX,
        library_href=relative(from_url, "exercises/index.html"),
        session_href=session_href(from_url),
        qr_src=relative(from_url, "assets/javascripts/qrcode-generator.js"),
        js_hrefs=[relative(from_url, f"assets/javascripts/{script}") for script in MY_PLAN_SCRIPTS],
    )


def card_page(content: Content, card_id: str, page: PageContext) -> str:
    """A card's own page (Markdown headings around HTML sections), without front matter: its animated figure and
    its "Add to my plan" button need their scripts."""
    here = page.url
    page.needs("figure-motion.js", *PLAN_BUTTON_SCRIPTS)
    card = _card_view(content, card_id, here)
    pain, refs = numbered_sources(content, card["evidence"], card["pain_rule"], here)
    return render_page(
        "exercise-page.md", card=card, references=refs, pain=pain, figure=content.figures[card_id]["page"]
    )
