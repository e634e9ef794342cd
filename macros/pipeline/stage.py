"""The staging step: load and validate all content once, then write the pages to build into mkdocs.yml's docs_dir.

    python -m macros.pipeline.stage           validate, then stage (make build, make serve, make build-zensical)
    python -m macros.pipeline.stage --check   validate only, write nothing (make check, pre-commit)

Both run the same validation: every content file, every page's front matter (content/schemas/page.schema.json),
the macro calls and links of every page and its place in the menu (macros/pages/checks.py, page_links.py), and
the review dates of pages, cards and programmes against clock.today() (CALF_GUIDE_TODAY overrides it).
Only files whose bytes changed are written, and files no longer produced are deleted, so live preview reloads
only what changed. The generator (MkDocs or Zensical) then builds the staged folder; no hook is needed.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from ..base.clock import today
from ..base.errors import ContentError, ContentErrors
from ..content.load import Content, load_content
from ..content.people import load_people
from ..content.review import generated_page_review, overdue, page_errors, review_errors
from ..content.schemas import schema_file
from ..pages.checks import page_macro_errors
from ..pages.links import link_errors, omitted_page_errors
from ..pages.written import PageRenderError, RenderedPage, render_written_page
from .siteconfig import SiteConfig, load_config
from .staged import VENDORED, WrittenPage, renders_macros, staged_files, vendored_files, written_pages


@dataclass(frozen=True)
class Staged:
    content: Content
    changed: list[str]  # staged files written because their bytes changed ('written' names the guide's own pages)
    deleted: list[str]
    warnings: list[str]


def _generated_problems(content: Content) -> list[str]:
    """Review problems of every card and programme (its `review` block becomes its page's front matter)."""
    return [
        problem.replace("front matter field '", "field 'review.")
        for item in [*content.cards.values(), *content.programs.values()]
        for problem in review_errors(generated_page_review(item.data["review"]), item.rel, today(), content.people)
    ]


def _generated_due(content: Content) -> list[tuple[str, dict]]:
    return [(item.rel, item.data["review"]) for item in [*content.cards.values(), *content.programs.values()]]


def _render(content: Content, config: SiteConfig, page: WrittenPage) -> tuple[RenderedPage | None, list[ContentError]]:
    """The page rendered, or its problems: when the page has one, or its render stops at one, every call
    written out in full is made too, so that all of them are listed at once."""
    where = (page.path, page.src, page.meta, page.body, page.first_line)
    problems = page_macro_errors(content, *where)
    if not problems:
        try:
            return render_written_page(content, config.repo_url, *where), []
        except PageRenderError as exc:
            problems = [exc.error]
    found = page_macro_errors(content, *where, calls=True)
    return None, found + [problem for problem in problems if problem not in found]


def validate(config: SiteConfig) -> tuple[Content, list[str], dict[str, bytes]]:
    """All content, validated; raises ContentErrors with every problem. Returns the content, the overdue-review
    warnings and the files to stage (but the vendored ones): the links of every page are checked against them."""
    problems: list[ContentError] = []
    try:
        content = load_content(config.source)
    except ContentErrors as exc:
        problems, content = list(exc.errors), None
    if content is None:  # pages are still checked, against whatever people.yml holds
        people, generated, due_dates = load_people(config.source, config.project)[0], [], []
    else:
        people, generated, due_dates = content.people, _generated_problems(content), _generated_due(content)
    problems += [ContentError.parse(p) for p in generated]
    warnings = list(content.warnings) if content is not None else []
    written = written_pages(config)  # every page read and its front matter parsed once, for the checks and staging
    page_schema = schema_file(config.source, "page")
    rendered: dict[str, RenderedPage] = {}  # each page rendered, by its staged path
    for page in written:
        problems += [ContentError.parse(p) for p in page_errors(page.meta, page.path, today(), people, page_schema)]
        if content is not None and renders_macros(page.meta):
            done, found = _render(content, config, page)
            problems += found
            if done is not None:
                rendered[page.src] = done
    problems += omitted_page_errors([(page.path, page.src) for page in written], config.nav_pages, config.not_in_nav)
    files = staged_files(config, content, written, rendered) if content is not None else {}
    if files:
        names = set(files) | set(VENDORED)
        for page in written:
            problems += link_errors(page.path, page.src, page.body, page.first_line, names)
    for page, meta in [(page.path, page.meta) for page in written] + due_dates:
        due = overdue(meta, today())
        if due:
            warnings.append(
                f"{page}: review overdue since {due}. Fix: review the page and update 'reviewed' and 'next_review'."
            )
    if problems:
        raise ContentErrors(problems)
    return content, warnings, files


def write_tree(folder: Path, files: dict[str, bytes]) -> tuple[list[str], list[str]]:
    """Make `folder` hold exactly `files`: write what changed, delete what is no longer produced."""
    changed = []
    for rel, data in files.items():
        target = folder / rel
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        changed.append(rel)
    deleted = []
    if folder.exists():
        for path in sorted(folder.rglob("*"), reverse=True):
            rel = path.relative_to(folder).as_posix()
            if path.is_file() and rel not in files:
                path.unlink()
                deleted.append(rel)
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return changed, deleted


def stage(project: Path = Path("."), check: bool = False, source: Path | None = None) -> Staged:
    """Validate, then (unless `check`) stage. Raises ContentErrors or FileNotFoundError with a message to print.
    `source` replaces the content folder (tests and the contributor docs check a copy)."""
    config = load_config(project)
    if source is not None:
        config = replace(config, source=Path(source).resolve(), project=Path(source).resolve().parent)
    content, warnings, files = validate(config)
    if check:
        return Staged(content, [], [], warnings)
    changed, deleted = write_tree(config.staged, files | vendored_files(config))
    return Staged(content, changed, deleted, warnings)


def stage_and_report(project: Path = Path("."), check: bool = False, source: Path | None = None) -> Staged | None:
    """stage(), with every problem and warning printed on stderr for the terminal; None when content has errors."""
    try:
        staged = stage(project, check=check, source=source)
    except (ContentErrors, FileNotFoundError) as exc:
        print(exc, file=sys.stderr)
        return None
    for warning in staged.warnings:
        print(f"WARNING: {warning}", file=sys.stderr)
    return staged


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="validate only; write nothing")
    parser.add_argument("--project", type=Path, default=Path("."), help="the folder holding mkdocs.yml")
    parser.add_argument("--content", type=Path, help="check this content folder instead of the configured one")
    args = parser.parse_args(argv)
    staged = stage_and_report(args.project, check=args.check, source=args.content)
    if staged is None:
        return 1
    content = staged.content
    done = "" if args.check else f" Staged: {len(staged.changed)} files written, {len(staged.deleted)} deleted."
    print(
        f"OK: {len(content.cards)} exercise cards, {len(content.references)} references, "
        f"{len(content.care_cards)} care cards, {len(content.glossary)} glossary terms, "
        f"{len(content.programs)} programs, {len(content.triage.data['questions'])} checker questions.{done}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
