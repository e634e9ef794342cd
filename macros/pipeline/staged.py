"""What the staging step writes: every written page with its front-matter additions, a Markdown page per card and
programme, thumbnails, the JSON export and the search shim, as {path in the staged folder: bytes}. The written pages
are read once (written_pages), for the stage's checks and for this."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..base.urls import card_src, page_url, program_src, thumb_url
from ..content.care_cards import EMERGENCY_NUMBERS
from ..content.exercises import exercise_plan
from ..content.front_matter import split_page
from ..content.load import Content
from ..content.people import credits, medical_web_page
from ..content.review import generated_page_review
from ..content.schemas import schema_file
from ..pages.context import PageContext
from ..pages.exercise_pages import card_page
from ..pages.program_pages import program_page
from ..pages.written import RenderedPage
from .siteconfig import SiteConfig

API_VERSION = "1.0"
# Files of pinned npm packages (package-lock.json) shipped with the site, by their address in it: the search shim that
# lets search run from file:// (iframe-worker, MIT: its licence ships beside it, the minified file has no notice) and
# the QR code drawer of My plan (qrcode-generator, MIT: its notice heads the file), and Workbox's precaching modules
# that the service worker imports (MIT, the licence beside them; macros/pipeline/offline.py writes the worker).
VENDORED = {
    "assets/javascripts/iframe-worker-shim.js": Path("node_modules/iframe-worker/shim/index.js"),
    "assets/javascripts/iframe-worker-LICENSE.txt": Path("node_modules/iframe-worker/LICENSE"),
    "assets/javascripts/qrcode-generator.js": Path("node_modules/qrcode-generator/dist/qrcode.js"),
    "assets/javascripts/workbox/workbox-core.prod.js": Path("node_modules/workbox-core/build/workbox-core.prod.js"),
    "assets/javascripts/workbox/workbox-routing.prod.js": Path(
        "node_modules/workbox-routing/build/workbox-routing.prod.js"
    ),
    "assets/javascripts/workbox/workbox-strategies.prod.js": Path(
        "node_modules/workbox-strategies/build/workbox-strategies.prod.js"
    ),
    "assets/javascripts/workbox/workbox-precaching.prod.js": Path(
        "node_modules/workbox-precaching/build/workbox-precaching.prod.js"
    ),
    "assets/javascripts/workbox/LICENSE.txt": Path("node_modules/workbox-core/LICENSE"),
}
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when PyYAML has it: a third of the stage's time
DATA = ("*.yml", "*.yaml", "schemas/*")  # read by the pipeline, not published as they are
NOTES = "README.md"  # a contributors' note beside data (content/safety/README.md), read on GitHub, not a page


def _front_matter(meta: dict) -> str:
    return "---\n" + yaml.dump(meta, Dumper=DUMPER, sort_keys=False, allow_unicode=True) + "---\n\n"


def page_meta(config: SiteConfig, content: Content, meta: dict, rel: str, source_rel: str) -> dict:
    """What the theme templates read from page.meta: edit link, credits and the JSON-LD (no template context hook)."""
    title = str(meta.get("title") or "")
    jsonld = medical_web_page(title, meta, content.people, config.language, config.canonical_url(page_url(rel)))
    return {
        **meta,
        "edit_url": config.edit_url(source_rel),
        "edit_path": config.edit_path(source_rel),
        "calf": {"credits": credits(meta, content.people), "jsonld": jsonld, "emergency_numbers": EMERGENCY_NUMBERS},
    }


@dataclass(frozen=True)
class WrittenPage:
    path: str  # the file in the repository, e.g. content/treat/first-days.md
    src: str  # its path in content/ and in the staged folder, e.g. treat/first-days.md
    meta: dict  # its front matter
    body: str  # the text after the front matter
    first_line: int  # the line of the file the body starts on


def page_files(source: Path) -> list[Path]:
    """Every Markdown file in the content folder that is a page of the site (contributors' notes are not)."""
    return [file for file in sorted(source.rglob("*.md")) if file.name != NOTES]


def written_pages(config: SiteConfig) -> list[WrittenPage]:
    """Every written page, read and its front matter parsed once."""
    pages = []
    for file in page_files(config.source):
        text = file.read_text(encoding="utf-8")
        meta, body = split_page(text)
        src = file.relative_to(config.source).as_posix()
        first_line = text[: len(text) - len(body)].count("\n") + 1
        pages.append(WrittenPage(config.edit_path(src), src, meta, body, first_line))
    return pages


def renders_macros(meta: dict) -> bool:
    """Whether the stage renders the page's Jinja: unless its front matter says `render_macros: false`."""
    return meta.get("render_macros", True) is not False


def written_page(config: SiteConfig, content: Content, page: WrittenPage, rendered: RenderedPage | None) -> str:
    """The staged page: front matter for the theme (with the scripts its macros' markup needs: main.html loads
    them), then its finished Markdown (macros/pages/written.py), or its own text when it does not render macros."""
    staged_meta = page_meta(config, content, page.meta, page.src, page.src)
    if rendered is None:
        return _front_matter(staged_meta) + page.body.strip("\n") + "\n"
    staged_meta["calf"]["scripts"] = rendered.scripts
    return _front_matter(staged_meta) + rendered.markdown


def data_page(config: SiteConfig, content: Content, item, page: PageContext, body: str, meta: dict) -> str:
    """A card's or programme's staged page: `meta` (title, description, and what else its page has) plus the review
    block of the `item` it is drawn from, edit link, credits, JSON-LD and the scripts its markup needs (main.html
    loads them), then the `body` its renderer drew for `page`."""
    item_meta = {
        "title": meta["title"],
        "description": meta["description"],
        **generated_page_review(item.data["review"]),
    }
    staged = page_meta(config, content, item_meta, page.src, Path(item.rel).relative_to(config.source.name).as_posix())
    if meta.get("main_entity"):
        staged["calf"]["jsonld"]["mainEntity"] = meta["main_entity"]
    staged["calf"]["in_nav"] = meta.get("in_nav", True)  # card pages are not in the navigation (not_in_nav): toc.html
    staged["calf"]["scripts"] = page.scripts
    return _front_matter(staged) + body


def generated_pages(config: SiteConfig, content: Content) -> dict[str, str]:
    """A Markdown page per card and programme: Markdown headings (so the theme builds a TOC and a skip link) around
    HTML sections from the autoescaped fragments, never read as a template."""
    pages = {}
    for cid, card in sorted(content.cards.items()):
        page = PageContext(card_src(cid), card.rel)
        body = card_page(content, cid, page)
        meta = {"title": card.data["name"], "description": card.data["purpose"], "in_nav": False}
        pages[page.src] = data_page(config, content, card, page, body, meta | {"main_entity": exercise_plan(card.data)})
    for pid, program in sorted(content.programs.items()):
        page = PageContext(program_src(pid), program.rel)
        body = program_page(content, pid, page)
        meta = {"title": program.data["title"], "description": program.data["summary"]}
        pages[page.src] = data_page(config, content, program, page, body, meta)
    return pages


def export(content: Content) -> str:
    """Every card as JSON, for other apps. Documented on the exercise library page."""
    cards = [content.cards[cid].data for cid in sorted(content.cards)]
    return (
        json.dumps(
            {"version": API_VERSION, "schema": "exercise.schema.json", "count": len(cards), "exercises": cards},
            indent=1,
            ensure_ascii=False,
        )
        + "\n"
    )


def staged_files(
    config: SiteConfig, content: Content, pages: list[WrittenPage], rendered: dict[str, str]
) -> dict[str, bytes]:
    """Every file of the staged folder but the vendored ones (vendored_files), by its path there. `pages` are the
    written pages (written_pages), already read, `rendered` their finished Markdown by staged path."""
    source = config.source
    files = {page.src: written_page(config, content, page, rendered.get(page.src)).encode() for page in pages}
    for path in sorted(p for p in source.rglob("*") if p.is_file() and p.suffix != ".md" and p.name != NOTES):
        rel = path.relative_to(source).as_posix()
        if any(path.relative_to(source).match(pattern) for pattern in DATA) or rel.startswith("schemas/"):
            continue
        files[rel] = path.read_bytes()
    files.update({rel: text.encode() for rel, text in generated_pages(config, content).items()})
    files.update({thumb_url(cid): str(content.figures[cid]["thumb"]).encode() for cid in sorted(content.cards)})
    files["api/exercises.json"] = export(content).encode()
    files["api/exercise.schema.json"] = schema_file(source, "exercise").read_bytes()
    return files


def vendored_files(config: SiteConfig) -> dict[str, bytes]:
    """The pinned npm packages' files the site ships (VENDORED), by their path in the staged folder."""
    files = {}
    for url, package_file in VENDORED.items():
        path = config.project / package_file
        if not path.exists():
            raise FileNotFoundError(f"{package_file} is missing. Fix: run 'make setup' (npm ci installs it, pinned).")
        files[url] = path.read_bytes()
    return files
