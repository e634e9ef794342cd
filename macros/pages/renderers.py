"""Turn validated content into HTML blocks for pages, through our fragments (site_overrides/fragments/, rendered by
macros/base/fragments.py): Python builds data, the fragments build the HTML."""

from __future__ import annotations

import difflib

from markupsafe import Markup

from ..base.clock import build_date
from ..base.fragments import render, render_page
from ..base.urls import page_url, relative
from ..content.care_cards import EMERGENCY_CALLS, LEVELS
from ..content.hazards import risk
from ..content.load import Content
from ..content.pain_rules import EVIDENCE_WORDS
from ..content.references import PageCitations, sort_key, view
from ..content.triage import outcome_levels
from ..content.vignettes import reading_summary, results, summary


class MacroError(ValueError):
    """A macro was called with something that does not exist; the message names the page and the fix."""


def _nearest(value: str, ids) -> str:
    """' (did you mean x?)' for the id nearest a mistyped one, or ' (e.g. x)' when none is near."""
    close = difflib.get_close_matches(value, sorted(ids), n=1)
    return f" (did you mean {close[0]}?)" if close else f" (e.g. {next(iter(sorted(ids)), '')})"


def known(names, wanted: str, page: str, call: str, problem: str, fix: str, then: str = "") -> None:
    """Nothing when `wanted` is one of `names`; else a MacroError naming the page, the call and the fix, with the
    nearest name: '<page>: <call>: <problem>. Fix: <fix> (did you mean x?)<then>.' Every macro argument that must
    name something (an id, a filter, a filter's value) is checked here."""
    if wanted not in names:
        raise MacroError(f"{page}: {call}: {problem}. Fix: {fix}{_nearest(wanted, names)}{then}.")


def lookup(table: dict, wanted: str, page: str, call: str, problem: str, fix: str, then: str = "") -> dict:
    """The data of `table[wanted]`, or known()'s MacroError. Every macro that takes an id looks it up here."""
    known(table, wanted, page, call, problem, fix, then)
    return table[wanted].data


def _citations(content: Content, ledger: PageCitations, keys) -> list[dict]:
    """What cite.html shows for each key: its number on the page (given on first citation) and its title."""
    return [{"key": key, "number": ledger.number(key), "title": content.references[key].data["title"]} for key in keys]


def numbered(content: Content, ledger: PageCitations) -> list[dict]:
    """The page's sources in order of first citation, each with its number, for a source list."""
    return [view(content.references[key].data, n) for n, key in enumerate(ledger.order, start=1)]


def cite(content: Content, ledger: PageCitations, keys: tuple[str, ...], page: str) -> str:
    """Numbered citation links such as [1, 3] pointing at the page's own source list."""
    if not keys:
        raise MacroError(f'{page}: cite() needs at least one reference key. Fix: cite("dubois-2020").')
    for key in keys:
        fix, then = "use a key from content/references.yml", ", or add the source there first"
        lookup(content.references, key, page, f"cite('{key}')", "unknown reference key", fix, then)
    return render("cite.html", entries=_citations(content, ledger, keys))


def page_references(content: Content, ledger: PageCitations) -> str:
    """The numbered source list that ends a page, in order of first citation."""
    entries = numbered(content, ledger)
    return render("page-references.html", entries=entries) if entries else ""


def page_sources(content: Content, ledger: PageCitations | None) -> str:
    """A written page's closing '## Sources' section (Markdown heading, HTML list), or '' if it cites nothing."""
    tail = page_references(content, ledger) if ledger else ""
    return render_page("page-sources.md", references=Markup(tail)) if tail else ""


def _require_care_card(content: Content, card_id: str, page: str, macro: str) -> dict:
    call = f"{macro}('{card_id}')"
    return lookup(content.care_cards, card_id, page, call, "no such care card", "use an id from content/care_cards.yml")


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
        stats=summary(walked, build_date()),
        reading=reading_summary(content.triage, content.care_cards, content.stories),
        levels=LEVELS,
    )


def hazard_log(content: Content, topic: str) -> str:
    """One topic's part of the hazard log (clinical or design), each risk rated before and after its controls."""
    hazards = [
        {
            **h.data,
            "risk": risk(h.data["severity"], h.data["likelihood"]),
            "residual_risk": risk(h.data["severity"], h.data["residual_likelihood"]),
        }
        for h in content.hazards.values()
        if h.data["topic"] == topic
    ]
    if not hazards:
        topics = sorted({h.data["topic"] for h in content.hazards.values()})
        raise MacroError(
            f"hazard_log({topic!r}) matches no hazard in content/safety/hazards.yml. Fix: use one of {topics}."
        )
    return render("hazard-log.html", hazards=hazards)


def _page_link(from_url: str, page: str) -> str:
    path, _, anchor = page.partition("#")
    return relative(from_url, page_url(path)) + (f"#{anchor}" if anchor else "")


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
    return {
        "rule": rule,
        "evidence_words": EVIDENCE_WORDS[rule["evidence_type"]],
        "entries": _citations(content, ledger, rule["evidence"]),
        "how_href": how_href,
    }


def pain_rule(content: Content, ledger: PageCitations, rule_id: str, page: str) -> str:
    """A pain rule box for a guide page; its sources join the page's own numbered list."""
    lookup(
        content.pain_rules,
        rule_id,
        page,
        f"pain_rule('{rule_id}')",
        "no such pain rule",
        "use an id from content/pain_rules.yml",
    )
    return render("pain-rule.html", **_pain_rule_view(content, rule_id, ledger, None))


# The longest note a reader writes, a diary day's or one on an exercise's dose in My plan: the fragments write it
# into the page (the diary's maxlength, data-diary-note-max on My plan), where diary-store.js and plan-dose.js read it.
DIARY_NOTE_MAX = 200
# The diary's scripts, in order: guide.js holds window.calfGuide, through which the diary's parts share their code.
DIARY_SCRIPTS = ("guide.js", "diary-store.js", "session-log.js", "diary-chart.js", "pain-diary.js")


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
    return box, numbered(content, ledger)


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
