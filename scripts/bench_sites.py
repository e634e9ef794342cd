"""Benchmark sites: a copy of the project with synthetic cards, and a stock Material site of the same size.

Used by scripts/bench.py.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import yaml

from macros.pipeline.staged import page_files

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("mkdocs.yml", "content", "macros", "site_overrides")
SEED = "calf-raise-double"  # the card cloned into synthetic ones, edited for the reload, and weighed


class BenchError(Exception):
    """A build or measurement failed; the message says which and why."""


# Macro calls and Jinja comments: dropped from the pages copied into the stock site.
JINJA = re.compile(r"\{\{.*?\}\}|\{##.*?##\}", re.S)
# Plain prose that pads a stock page to the word count of our page, whose macros render text the stock lacks.
FILLER = (
    "Most calf pain settles with time and the right dose of exercise so keep moving within the pain rule "
    "and build up slowly week by week"
).split()


def copy_project(source: Path, dest: Path, cards: int = 0) -> Path:
    """A copy of the project (node_modules symlinked) with `cards` clones of the seed card."""
    dest.mkdir(parents=True)
    for part in PARTS:
        if (source / part).is_dir():
            shutil.copytree(source / part, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source / part, dest / part)
    (dest / "node_modules").symlink_to(ROOT / "node_modules")
    folder = dest / "content" / "exercises"
    seed = yaml.safe_load((folder / f"{SEED}.yml").read_text(encoding="utf-8"))
    for n in range(1, cards + 1):
        # A valid clone: its id equals its file name, and empty ladders, so every card link resolves.
        clone = {
            **seed,
            "id": f"bench-{n:04d}",
            "name": f"{seed['name']} {n}",
            "easier": [],
            "harder": [],
            "related": [],
        }
        (folder / f"bench-{n:04d}.yml").write_text(yaml.safe_dump(clone, sort_keys=False), encoding="utf-8")
    return dest


def leaves(value) -> list[str]:
    """Every text value in a data structure, in order."""
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [text for inner in value for text in leaves(inner)]
    return [] if value is None else [" ".join(str(value).split())]


def data_page(item: dict) -> str:
    """A card or program as plain Markdown: a heading per field, its text as a list."""
    parts = [f"# {item.get('name') or item['title']}"] + [
        f"## {key.replace('_', ' ').capitalize()}\n\n" + "\n".join(f"- {t}" for t in leaves(value))
        for key, value in item.items()
        if key != "id"
    ]
    return "\n\n".join(parts)


def padded(text: str, want: int) -> str:
    """Text plus paragraphs of filler prose, up to about `want` words."""
    body = text.split("---", 2)[2] if text.startswith("---") else text  # front matter is not page text
    missing = max(want - len(body.split()), 0)
    words = (FILLER * (missing // len(FILLER) + 1))[:missing]
    return text + "".join("\n\n" + " ".join(words[i : i + 60]) for i in range(0, missing, 60)) + "\n"


def stock_project(ours: Path, words: dict[str, int], dest: Path) -> Path:
    """Plain Material with our nav and pages: no macros, hooks, offline plugin or overrides. Pages are our
    Markdown minus macro calls, plus cards and programs as Markdown, each padded to our page's word count."""
    from mkdocs.utils.yaml import yaml_load  # reads mkdocs.yml's !ENV tags as MkDocs does

    config = yaml_load((ours / "mkdocs.yml").read_text(encoding="utf-8"))
    content = ours / "content"
    pages = {
        p.relative_to(content).as_posix(): JINJA.sub("", p.read_text(encoding="utf-8")) for p in page_files(content)
    }
    for folder in ("exercises", "programs"):
        items = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((content / folder).glob("*.yml"))]
        pages.update({f"{folder}/{item['id']}.md": data_page(item) for item in items})
        # The library and program-list macros, as a hand-written list of links.
        pages[f"{folder}/index.md"] += "\n\n" + "\n".join(
            f"- [{i.get('name') or i['title']}]({i['id']}.md): {i.get('purpose') or i['summary']}" for i in items
        )
    for rel, text in pages.items():
        (dest / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (dest / "docs" / rel).write_text(padded(text, words.get(rel, 0)), encoding="utf-8")
    stock = {
        "site_name": config["site_name"],
        "docs_dir": "docs",
        "nav": config["nav"],
        "theme": {"name": "material", "features": config["theme"]["features"]},
        "plugins": ["search"],
        "markdown_extensions": config["markdown_extensions"],
        # Our generated files (api/, the JSON export) are not here: links to them are only noted.
        "validation": {"links": {"not_found": "info", "anchors": "info", "unrecognized_links": "info"}},
    }
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(stock, sort_keys=False), encoding="utf-8")
    return dest


def page_words(site: Path) -> dict[str, int]:
    """Words per page (by Markdown source path) in a built site's search index: section titles and text."""
    counts: dict[str, int] = {}
    for doc in json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]:
        page = doc["location"].split("#")[0]
        page = page[:-5] + ".md" if page.endswith(".html") else page + "index.md"
        counts[page] = counts.get(page, 0) + len(doc["title"].split()) + len(doc["text"].split())
    return counts
