"""Turn validated content into HTML blocks for pages, through the Jinja partials (never f-strings)."""

from __future__ import annotations

import difflib

from markupsafe import Markup

from .care_cards import EMERGENCY_CALLS, LEVELS
from .clock import today
from .content import Content
from .exercises import FILTERS, matches
from .hazards import risk
from .pain_rules import EVIDENCE_WORDS
from .references import PageCitations, sort_key, view
from .render import render, render_page
from .triage import outcome_levels
from .urls import card_src, page_url, relative, thumb_url
from .vignettes import reading_summary, results, summary


class MacroError(ValueError):
    """A macro was called with something that does not exist; the message names the page and the fix."""


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


def _nearest(value: str, ids) -> str:
    """' (did you mean x?)' for the id nearest a mistyped one, or ' (e.g. x)' when none is near."""
    close = difflib.get_close_matches(value, sorted(ids), n=1)
    return f" (did you mean {close[0]}?)" if close else f" (e.g. {next(iter(sorted(ids)), '')})"


def _require_card(content: Content, card_id: str, page: str) -> None:
    if card_id not in content.cards:
        raise MacroError(
            f"{page}: exercise_card('{card_id}'): no such card. "
            f"Fix: use the id of a file in content/exercises/{_nearest(card_id, content.cards)}."
        )


def cite(content: Content, ledger: PageCitations, keys: tuple[str, ...], page: str) -> str:
    """Numbered citation links such as [1, 3] pointing at the page's own source list."""
    if not keys:
        raise MacroError(f'{page}: cite() needs at least one reference key. Fix: cite("dubois-2020").')
    for key in keys:
        if key not in content.references:
            raise MacroError(
                f"{page}: cite('{key}'): unknown reference key. "
                f"Fix: use a key from content/references.yml{_nearest(key, content.references)}, "
                "or add the source there first."
            )
    entries = [
        {"key": key, "number": ledger.number(key), "title": content.references[key].data["title"]} for key in keys
    ]
    return render("cite.html", entries=entries)


def page_references(content: Content, ledger: PageCitations) -> str:
    """The numbered source list that ends a page, in order of first citation."""
    entries = [view(content.references[key].data, n) for n, key in enumerate(ledger.order, start=1)]
    return render("page-references.html", entries=entries) if entries else ""


def page_sources(content: Content, ledger: PageCitations | None) -> str:
    """A written page's closing '## Sources' section (Markdown heading, HTML list), or '' if it cites nothing."""
    tail = page_references(content, ledger) if ledger else ""
    return f"## Sources {{#sources}}\n\n{tail}" if tail else ""


def _require_care_card(content: Content, card_id: str, page: str, macro: str) -> dict:
    if card_id not in content.care_cards:
        raise MacroError(
            f"{page}: {macro}('{card_id}'): no such care card. "
            f"Fix: use an id from content/care_cards.yml: {', '.join(sorted(content.care_cards))}."
        )
    return content.care_cards[card_id].data


def care_card(content: Content, ledger: PageCitations, card_id: str, page: str) -> str:
    """A care card with its sources, numbered in the page's own source list as the checker's results are."""
    card = _require_care_card(content, card_id, page, "care_card")
    sources = cite(content, ledger, tuple(card["evidence"]), page)
    return render("care-card.html", card=card, level=LEVELS[card["level"]], sources=sources)


def urgency(content: Content, card_id: str, page: str) -> str:
    """A care card's level in words, for a sentence: the page states no level of its own."""
    card = _require_care_card(content, card_id, page, "urgency")
    return render("urgency.html", card=card, level=LEVELS[card["level"]])


def urgency_table(content: Content, from_url: str) -> str:
    """Every care card grouped by level, most urgent first: its topic and where to read more."""
    groups = [
        {
            "level": level,
            "meta": meta,
            "cards": [
                {**c.data, "href": _page_link(from_url, c.data["page"])}
                for c in content.care_cards.values()
                if c.data["level"] == level
            ],
        }
        for level, meta in sorted(LEVELS.items(), key=lambda item: -item[1]["rank"])
    ]
    return render("urgency-table.html", groups=groups)


def checker_testing(content: Content) -> str:
    """How the checker performs on the vignettes and the reading-walk stories, walked at build time."""
    cases = {**content.vignettes, **content.stories}
    walked = results(content.triage, content.care_cards, cases)
    return render(
        "checker-testing.html",
        stats=summary(walked, today()),
        reading=reading_summary(content.triage, content.care_cards, content.stories),
        levels=LEVELS,
    )


def hazard_log(content: Content) -> str:
    """The hazard log with each risk rated before and after its controls."""
    hazards = [
        {
            **h.data,
            "risk": risk(h.data["severity"], h.data["likelihood"]),
            "residual_risk": risk(h.data["severity"], h.data["residual_likelihood"]),
        }
        for h in content.hazards.values()
    ]
    return render("hazard-log.html", hazards=hazards)


def _page_link(from_url: str, page: str) -> str:
    path, _, anchor = page.partition("#")
    return relative(from_url, page_url(path)) + (f"#{anchor}" if anchor else "")


def exercise_card(content: Content, card_id: str, from_url: str, page: str) -> str:
    _require_card(content, card_id, page)
    return render("exercise-summary.html", card=_card_view(content, card_id, from_url), heading="h3")


def exercise_list(content: Content, from_url: str, page: str, **wanted: str) -> str:
    """Cards matching every filter given, e.g. exercise_list(tag='knee-valgus')."""
    for name, value in wanted.items():
        if name not in FILTERS:
            raise MacroError(
                f"{page}: exercise_list({name}=...): unknown filter. Fix: use one of {', '.join(FILTERS)}."
            )
        if value not in content.filters[name]:
            raise MacroError(
                f"{page}: exercise_list({name}='{value}'): unknown value. "
                f"Fix: use one of {', '.join(content.filters[name])}."
            )
    chosen = [
        _card_view(content, cid, from_url)
        for cid in sorted(content.cards)
        if matches(content.cards[cid].data, **wanted)
    ]
    if not chosen:
        raise MacroError(f"{page}: exercise_list({wanted}) matches no card. Fix: change the filter or tag a card.")
    return render("exercise-list.html", cards=chosen)


def exercise_library(content: Content, from_url: str) -> str:
    """Every card once, A to Z, as compact rows; filters that work without JavaScript (calf.css), grouping with it."""
    cards = [
        _card_view(content, cid, from_url) for cid in sorted(content.cards, key=lambda c: content.cards[c].data["name"])
    ]
    return render("exercise-library.html", filters=content.filters, cards=cards)


# My plan's scripts, in order: plan.js holds window.calfPlan, through which the page's parts share their code.
MY_PLAN_SCRIPTS = ("plan.js", "plan-dose.js", "plan-link.js", "plan-share.js", "my-plan.js")
WEEKDAYS = (("MO", "Mon"), ("TU", "Tue"), ("WE", "Wed"), ("TH", "Thu"), ("FR", "Fri"), ("SA", "Sat"), ("SU", "Sun"))


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
        days=[day for _, day in WEEKDAYS],
        weekdays=WEEKDAYS,
        library_href=relative(from_url, "exercises/index.html"),
        qr_src=relative(from_url, "assets/javascripts/qrcode-generator.js"),
        js_hrefs=[relative(from_url, f"assets/javascripts/{script}") for script in MY_PLAN_SCRIPTS],
    )


def references_page(content: Content) -> str:
    entries = sorted((view(item.data) for item in content.references.values()), key=sort_key)
    for entry in entries:
        # Withdrawn guidance names what replaced it by title, linked to that entry.
        entry["replaced_links"] = [
            {"key": key, "title": content.references[key].data["title"]} for key in entry["replaced_by"] or ()
        ]
    return render("reference-list.html", entries=entries)


def glossary_page(content: Content) -> str:
    terms = sorted((item.data for item in content.glossary.values()), key=lambda t: t["term"].lower())
    return render("glossary-list.html", terms=terms)


def _pain_rule_view(content: Content, rule_id: str, ledger: PageCitations, how_href: str | None) -> dict:
    """What pain-rule.html needs: the rule, its evidence type in words and its citations numbered on this page."""
    rule = content.pain_rules[rule_id].data
    entries = [
        {"key": key, "number": ledger.number(key), "title": content.references[key].data["title"]}
        for key in rule["evidence"]
    ]
    return {
        "rule": rule,
        "evidence_words": EVIDENCE_WORDS[rule["evidence_type"]],
        "entries": entries,
        "how_href": how_href,
    }


def pain_rule(content: Content, ledger: PageCitations, rule_id: str, page: str) -> str:
    """A pain rule box for a guide page; its sources join the page's own numbered list."""
    if rule_id not in content.pain_rules:
        raise MacroError(
            f"{page}: pain_rule('{rule_id}'): no such pain rule. "
            f"Fix: use an id from content/pain_rules.yml: {', '.join(sorted(content.pain_rules))}."
        )
    return render("pain-rule.html", **_pain_rule_view(content, rule_id, ledger, None))


DIARY_NOTE_MAX = 200  # the longest note diary-store.js keeps (the fragment's maxlength says the same)
# The diary's scripts, in order: plan.js holds window.calfPlan, through which the diary's parts share their code.
DIARY_SCRIPTS = ("plan.js", "diary-store.js", "diary-chart.js", "pain-diary.js")


def pain_diary(content: Content, ledger: PageCitations, from_url: str, page: str) -> str:
    """The pain diary page's tool as Markdown (headings between HTML sections, like a card page): every pain rule as
    fixed text beside it, a blank log for print and no JavaScript."""
    rules = [Markup(pain_rule(content, ledger, rule_id, page)) for rule_id in sorted(content.pain_rules)]
    return render_page(
        "pain-diary.md",
        rules=rules,
        note_max=DIARY_NOTE_MAX,
        blank_rows=14,
        css_href=relative(from_url, "assets/stylesheets/diary.css"),
        nojs_css_href=relative(from_url, "assets/stylesheets/diary-nojs.css"),
        js_hrefs=[relative(from_url, f"assets/javascripts/{script}") for script in DIARY_SCRIPTS],
    )


def numbered_sources(content: Content, evidence: list[str], rule_id: str, here: str) -> tuple[dict, list[dict]]:
    """A generated page's pain rule box and its source list: the page's own evidence first, then the rule's."""
    ledger = PageCitations(list(evidence))
    box = _pain_rule_view(content, rule_id, ledger, relative(here, "treat/pain-monitoring.html"))
    refs = [view(content.references[key].data, n) for n, key in enumerate(ledger.order, start=1)]
    return box, refs


def card_page(content: Content, card_id: str) -> str:
    """A card's own page (Markdown headings around HTML sections), without front matter."""
    here = page_url(card_src(card_id))
    card = _card_view(content, card_id, here)
    pain, refs = numbered_sources(content, card["evidence"], card["pain_rule"], here)
    return render_page(
        "exercise-page.md", card=card, references=refs, pain=pain, figure=content.figures[card_id]["page"]
    )


def symptom_checker(content: Content, from_url: str, ledger: PageCitations, page: str) -> str:
    """The decision tree as static HTML: each answer is a link to the next node's anchor carrying its findings;
    each outcome takes its level from its care card and cites its sources."""
    tree = content.triage.data
    levels = outcome_levels(content.triage, content.care_cards)
    outcomes = []
    for node in tree["outcomes"]:
        level = levels[node["id"]]
        outcomes.append(
            {
                **node,
                "level": level,
                "meta": LEVELS[level],
                "links": [{**link, "href": _page_link(from_url, link["page"])} for link in node["links"]],
                "cite": cite(content, ledger, tuple(node["evidence"]), page),
            }
        )
    ordered = sorted(tree["questions"], key=lambda q: q["id"] != tree["start"])
    return render(
        "symptom-checker.html",
        questions=ordered,
        outcomes=outcomes,
        start=tree["start"],
        safety_net=tree["safety_net"],
        numbers=EMERGENCY_CALLS,
    )
