"""Load and validate all content once per build; the result is cached until a content file changes."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ..base.errors import ContentError, ContentErrors
from ..base.urls import page_exists
from ..figures.draw import card_figures
from .care_cards import check_care_cards, load_care_cards
from .collection import Item, load_single
from .exercises import check_links, filter_values, ids_on_disk, load_cards
from .figure_rules import check_figures
from .findings import load_findings
from .glossary import load_glossary
from .hazards import check_hazards, load_hazards
from .pain_rules import check_pain_rules, load_pain_rules
from .people import load_people
from .programs import check_programs, load_programs
from .references import in_ci, load_references, unverified
from .schemas import schema_file, validator
from .stories import check_stories, load_stories
from .triage import check_triage
from .vignettes import check_vignettes, load_vignettes

DATA_SUFFIXES = {".yml", ".yaml", ".json"}


@dataclass(frozen=True)
class Content:
    """Everything the guide's pages are built from, validated."""

    cards: dict[str, Item]
    references: dict[str, Item]
    care_cards: dict[str, Item]
    glossary: dict[str, Item]
    programs: dict[str, Item]
    triage: Item
    filters: dict[str, list[str]]
    people: dict[str, Item]
    findings: dict[str, Item]
    vignettes: dict[str, Item]
    stories: dict[str, Item]
    hazards: dict[str, Item]
    pain_rules: dict[str, Item]
    figures: dict[str, dict[str, str]]  # card id -> {'page': svg, 'thumb': svg}, drawn once per load
    warnings: tuple[str, ...] = ()  # problems that do not fail a local build (entries still marked unverified)


def fingerprint(content_dir: Path) -> tuple:
    """Name, size and modification time of every data file: cheap, and changes whenever an editor saves."""
    return tuple(
        sorted(
            (str(p), p.stat().st_size, p.stat().st_mtime_ns)
            for p in content_dir.rglob("*")
            if p.suffix in DATA_SUFFIXES and p.is_file()
        )
    )


def _load(content_dir: Path) -> Content:
    root = content_dir.parent
    errors: list[ContentError] = []
    references, found = load_references(content_dir, root)
    errors += found
    cards, found = load_cards(content_dir, root)
    on_disk = ids_on_disk(content_dir)
    errors += found + check_links(cards, references, on_disk)
    errors += check_figures(cards)
    care_cards, found = load_care_cards(content_dir, root)
    errors += found + check_care_cards(care_cards, references, partial(page_exists, content_dir))
    glossary, found = load_glossary(content_dir, root)
    errors += found
    programs, found = load_programs(content_dir, root)
    errors += found + check_programs(programs, set(cards) | on_disk, references)
    findings, found = load_findings(content_dir, root)
    errors += found
    triage, found = load_single(content_dir / "triage.yml", schema_file(content_dir, "triage"), root)
    errors += found
    tree_errors = []
    if triage is not None:
        tree_errors = check_triage(triage, references, findings, care_cards, partial(page_exists, content_dir))
        errors += tree_errors
    vignettes, found = load_vignettes(content_dir, root)
    errors += found + check_vignettes(vignettes, findings, references)
    stories, found = load_stories(content_dir, root)
    errors += found + check_vignettes(stories, findings, references)
    # A broken tree's errors come first, not once more for every story's reading path.
    errors += check_stories(stories, None if tree_errors else triage)
    hazards, found = load_hazards(content_dir, root)
    errors += found + check_hazards(hazards, {**vignettes, **stories})
    people, found = load_people(content_dir, root)
    errors += found
    pain_rules, found = load_pain_rules(content_dir, root)
    errors += found + check_pain_rules(pain_rules, references)
    if errors:
        raise ContentErrors(errors)
    filters = filter_values(validator(schema_file(content_dir, "exercise")).schema["properties"])
    figures = {cid: card_figures(card.data) for cid, card in cards.items()}
    return Content(
        cards,
        references,
        care_cards,
        glossary,
        programs,
        triage,
        filters,
        people,
        findings,
        vignettes,
        stories,
        hazards,
        pain_rules,
        figures,
        () if in_ci() else tuple(str(problem) for problem in unverified(references)),
    )


_cache: dict[Path, tuple[tuple, Content]] = {}


def load_content(content_dir: Path) -> Content:
    """All content, validated. Raises ContentErrors listing every problem in every file."""
    content_dir = Path(content_dir).resolve()
    stamp = fingerprint(content_dir)
    cached = _cache.get(content_dir)
    if cached and cached[0] == stamp:
        return cached[1]
    content = _load(content_dir)
    _cache[content_dir] = (stamp, content)
    return content
