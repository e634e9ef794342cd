"""MkDocs hooks: validate content, add generated pages and files, check review dates, pass credits to templates."""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

# MkDocs loads hooks by file path; make the project root importable so `macros` resolves as a package.
PROJECT = Path(__file__).resolve().parent.parent
if str(PROJECT) not in sys.path:
    sys.path.insert(0, str(PROJECT))

from macros.content import current_content, load_content  # noqa: E402
from macros.errors import ContentErrors  # noqa: E402
from macros.exercises import exercise_plan  # noqa: E402
from macros.glossary import abbreviations  # noqa: E402
from macros.pages import generated_body, generated_files  # noqa: E402
from macros.people import credits, medical_web_page  # noqa: E402
from macros.review import overdue, review_errors  # noqa: E402

# Outside the 'mkdocs' logger on purpose: an overdue review is reported without failing a strict build.
review_log = logging.getLogger("calf_guide.review")
if not review_log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("WARNING -  %(message)s"))
    review_log.addHandler(_handler)
    review_log.propagate = False


def today() -> dt.date:
    """The build date; CALF_GUIDE_TODAY=YYYY-MM-DD overrides it (used by tests)."""
    return dt.date.fromisoformat(os.environ["CALF_GUIDE_TODAY"]) if os.environ.get("CALF_GUIDE_TODAY") else dt.date.today()


def on_config(config):
    """Give every page the glossary's hover definitions, once, through the abbr extension's glossary."""
    try:
        glossary = load_content(Path(config["docs_dir"])).glossary
    except ContentErrors as exc:
        raise PluginError(str(exc)) from None
    config["mdx_configs"].setdefault("abbr", {})["glossary"] = abbreviations(glossary)
    return config


def on_files(files, config):
    try:
        content = load_content(Path(config["docs_dir"]))
        for file in generated_files(config, content, PROJECT):
            files.append(file)
    except (ContentErrors, FileNotFoundError) as exc:
        raise PluginError(str(exc)) from None
    return files


@event_priority(100)
def on_page_markdown(markdown, page, config, files):
    src = page.file.src_uri if page.file.abs_src_path is None else f"content/{page.file.src_uri}"
    src = page.meta.get("edit_path", src)
    errors = review_errors(page.meta, src, today(), current_content(Path(config["docs_dir"])).people)
    if errors:
        raise PluginError("\n".join(errors))
    due = overdue(page.meta, today())
    if due:
        review_log.warning("%s: review overdue since %s. Fix: review the page and update 'reviewed' and 'next_review'.",
                           src, due)
    return markdown


def on_page_content(html, page, config, files):
    """Generated card and program pages get their body straight from the partials (no Markdown pass)."""
    if "generated" not in page.meta:
        return html
    return generated_body(current_content(Path(config["docs_dir"])), page.meta["generated"])


def on_page_context(context, page, config, nav):
    """Who wrote and who clinically reviewed the page, for the page frame and the JSON-LD in the head."""
    people = current_content(Path(config["docs_dir"])).people
    title = str(page.meta.get("title") or page.title or "")  # plain text; tojson in main.html escapes it
    context["calf_credits"] = credits(page.meta, people)
    context["calf_jsonld"] = medical_web_page(title, page.meta, people, config["theme"]["language"], page.canonical_url)
    kind, _, item = str(page.meta.get("generated", "")).partition(":")
    if kind == "card":
        context["calf_jsonld"]["mainEntity"] = exercise_plan(current_content(Path(config["docs_dir"])).cards[item].data)
    return context
