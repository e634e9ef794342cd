"""Generated pages and files (a page per card, the JSON export, the search shim), added as MkDocs Files."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from mkdocs.structure.files import File, InclusionLevel

from .content import Content
from .renderers import card_page, program_page
from .review import generated_page_review
from .schemas import SCHEMA_DIR
from .figures import figure_markup
from .urls import card_src, program_src, thumb_url

API_VERSION = "1.0"
SHIM = Path("node_modules/iframe-worker/shim/index.js")
SHIM_URL = "assets/javascripts/iframe-worker-shim.js"


def front_matter(meta: dict) -> str:
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---\n\n"


def card_page_source(content: Content, card_id: str) -> str:
    """Source of a card page: front matter only. Its HTML body comes from the partial (generated_body), so it never
    passes through Markdown or macros: card text is data, and the build does not re-parse its own HTML."""
    card = content.cards[card_id]
    meta = {"title": card.data["name"], "description": card.data["purpose"],
            **generated_page_review(card.data["review"]),
            "render_macros": False, "edit_path": card.rel, "generated": f"card:{card_id}"}
    return front_matter(meta)


def program_page_source(content: Content, program_id: str) -> str:
    """Source of a program page: front matter only, like a card page."""
    program = content.programs[program_id]
    meta = {"title": program.data["title"], "description": program.data["summary"],
            **generated_page_review(program.data["review"]),
            "render_macros": False, "edit_path": program.rel, "generated": f"program:{program_id}"}
    return front_matter(meta)


def generated_body(content: Content, generated: str) -> str:
    """The HTML body of a generated page, from its front matter's `generated: card:<id>` or `program:<id>`."""
    kind, _, item = generated.partition(":")
    return card_page(content, item) if kind == "card" else program_page(content, item)


def export(content: Content) -> str:
    """Every card as JSON, for other apps. Documented on the exercise library page."""
    cards = [content.cards[cid].data for cid in sorted(content.cards)]
    return json.dumps({"version": API_VERSION, "schema": "exercise.schema.json", "count": len(cards),
                       "exercises": cards}, indent=1, ensure_ascii=False) + "\n"


def generated_files(config, content: Content, project_dir: Path) -> list[File]:
    """The Files to add to the build; none is written into content/."""
    files = [File.generated(config, card_src(cid), content=card_page_source(content, cid),
                            inclusion=InclusionLevel.NOT_IN_NAV) for cid in sorted(content.cards)]
    # Thumbnails as files: listing pages stay small and the build does not parse every figure again on them.
    files += [File.generated(config, thumb_url(cid), content=str(figure_markup(content.cards[cid].data, "thumb")))
              for cid in sorted(content.cards)]
    files += [File.generated(config, program_src(pid), content=program_page_source(content, pid))
              for pid in sorted(content.programs)]
    files.append(File.generated(config, "api/exercises.json", content=export(content)))
    files.append(File.generated(config, "api/exercise.schema.json",
                                content=(SCHEMA_DIR / "exercise.schema.json").read_text(encoding="utf-8")))
    shim = project_dir / SHIM
    if not shim.exists():
        raise FileNotFoundError(f"{SHIM} is missing. Fix: run 'make setup' (npm ci installs the pinned iframe-worker).")
    files.append(File.generated(config, SHIM_URL, abs_src_path=str(shim)))
    return files
