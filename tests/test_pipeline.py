"""One validator: `make check` (python -m macros.pipeline.stage --check) rejects exactly what the build rejects."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

from helpers import MKDOCS, ROOT, copy_project, html_pages, run_build, run_check

CARD = "content/exercises/calf-raise-double.yml"


def test_a_bad_card_review_date_fails_check_and_build_alike(project_copy, tmp_path):
    card = project_copy / CARD
    source = card.read_text(encoding="utf-8")
    text, count = re.subn(r"(?m)^(\s*)reviewed: .*$", r"\1reviewed: 2099-01-01", source, count=1)
    assert count == 1
    card.write_text(text, encoding="utf-8")
    env = {"CALF_GUIDE_TODAY": "2026-11-30"}
    check = run_check(project_copy, env=env)
    built = run_build(project_copy, tmp_path / "site", env=env)
    assert check.returncode == 1 and "'reviewed' (2099-01-01) is in the future" in check.stderr, check.stderr
    assert built.returncode != 0 and "'reviewed' (2099-01-01) is in the future" in built.stderr, built.stderr
    assert CARD in check.stderr and CARD in built.stderr


def _generated_pages(site) -> list:
    pages = [p for folder in ("exercises", "programs") for p in sorted((site / folder).glob("*.html"))]
    return [p for p in pages if p.name != "index.html"]


def test_generated_pages_are_full_pages_with_skip_link_and_toc(site):
    """Card and programme pages are Markdown pages to the theme: Material's skip link to the content, and a table of
    contents listing every section heading of the article (the same as written pages get)."""
    pages = _generated_pages(site)
    assert len(pages) >= 30
    for page in pages:
        html = page.read_text(encoding="utf-8")
        skip = re.search(r'<a href="#([^"]+)" class="md-skip">', html)
        assert skip and f'id="{skip.group(1)}"' in html, f"{page.name}: a skip link to an element on the page"
        article = html[html.index("<article") : html.index("</article>")]
        headings = re.findall(r'<h2 id="([^"]+)"', article)
        toc = re.search(r'<nav class="md-nav md-nav--secondary".*?</nav>', html, re.S)
        listed = re.findall(r'<a href="#([^"]+)" class="md-nav__link">', toc.group(0)) if toc else []
        assert headings and listed == headings, f"{page.name}: the table of contents lists {listed}, not {headings}"


def test_pain_diary_sections_are_in_the_table_of_contents(site):
    """The diary's section headings are Markdown around its HTML sections, so the theme lists them in the table of
    contents, like a card page's."""
    html = (site / "pain-diary.html").read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    headings = re.findall(r'<h2 id="([^"]+)"', article)
    toc = re.search(r'<nav class="md-nav md-nav--secondary".*?</nav>', html, re.S)
    listed = re.findall(r'<a href="#([^"]+)" class="md-nav__link">', toc.group(0)) if toc else []
    assert {"diary-chart-heading", "diary-file-heading"} <= set(headings), headings
    assert listed == headings, f"the table of contents lists {listed}, not {headings}"


# Which feature script a built page must load, by what the page holds (the markers the scripts look for).
FEATURES = {
    "guide.js": ("data-plan-add", "data-calf-plan", "data-calf-diary", "data-stage-mark", "data-calf-session"),
    "plan.js": ("data-plan-add", "data-calf-plan", "data-calf-session"),
    "plan-dose.js": ("data-calf-plan", "data-calf-session"),
    "plan-link.js": ("data-calf-plan",),
    "plan-share.js": ("data-calf-plan",),
    "my-plan.js": ("data-calf-plan",),
    "diary-store.js": ("data-calf-diary", "data-calf-session"),
    "diary-chart.js": ("data-calf-diary",),
    "pain-diary.js": ("data-calf-diary",),
    "session-log.js": ("data-calf-plan", "data-calf-diary", "data-calf-session"),
    "session-week.js": ("data-calf-plan",),
    "session-machine.js": ("data-calf-session",),
    "session-cues.js": ("data-calf-session",),
    "session-view.js": ("data-calf-session",),
    "session.js": ("data-calf-session",),
    "programme-stage.js": ("data-stage-mark",),
    "figure-motion.js": ("<animate",),
    "download.js": ("data-edition",),
}


# Scripts that share code through window.calfGuide: each loads once, after the ones it uses.
ORDERS = (
    (
        "guide.js",
        "plan.js",
        "plan-dose.js",
        "session-log.js",
        "session-week.js",
        "plan-link.js",
        "plan-share.js",
        "my-plan.js",
    ),
    ("guide.js", "diary-store.js", "session-log.js", "diary-chart.js", "pain-diary.js"),
    (
        "guide.js",
        "plan.js",
        "plan-dose.js",
        "diary-store.js",
        "session-log.js",
        "session-machine.js",
        "session-cues.js",
        "session-view.js",
        "session.js",
    ),
    ("guide.js", "programme-stage.js"),
)


SCRIPTS_DIR = Path(__file__).resolve().parent.parent / "site_overrides" / "assets" / "javascripts"


def test_each_script_is_small_says_what_it_does_and_is_loaded():
    """STYLE.md: small modules. Each of our scripts is at most 300 lines, opens with a comment saying what it does, and
    is loaded where its feature is (calf.js and offline.js: every page, by mkdocs.yml)."""
    scripts = sorted(SCRIPTS_DIR.glob("*.js"))
    assert len(scripts) >= 9
    for script in scripts:
        lines = script.read_text(encoding="utf-8").splitlines()
        assert len(lines) <= 300, f"{script.name}: {len(lines)} lines; split it along a seam (at most 300)"
        assert re.match(r"/\* \S.{20}", lines[0]), f"{script.name}: does not open with a comment saying what it does"
        assert script.name in FEATURES or script.name in ("calf.js", "offline.js"), f"{script.name}: not in FEATURES"


def scripts_order(html: str) -> list[str]:
    return re.findall(r'<script src="[^"]*assets/javascripts/([\w.-]+\.js)"', html)


def test_each_page_loads_the_feature_scripts_it_needs_and_no_others(site):
    """Feature scripts load only where their feature is (a smaller first view elsewhere), and always where it is."""
    loaded_somewhere = set()
    for page in html_pages(site):
        html = page.read_text(encoding="utf-8")
        scripts = set(re.findall(r'<script src="[^"]*assets/javascripts/([\w.-]+\.js)"', html))
        loaded_somewhere |= scripts
        for chain in ORDERS:
            if chain[-1] in scripts:
                order = scripts_order(html)
                assert [script for script in order if script in chain] == list(chain), f"{page}: loads {order}"
        for script, markers in FEATURES.items():
            needed = any(marker in html for marker in markers)
            where = page.relative_to(site)
            assert needed == (script in scripts), f"{where}: needs {script}: {needed}; loads it: {script in scripts}"
    assert set(FEATURES) <= loaded_somewhere


@pytest.mark.slow  # two real builds
def test_an_edited_fragment_is_compiled_again_despite_the_template_cache(project_copy, tmp_path):
    """Compiled fragments are cached between builds (macros/base/fragments.py); a saved edit must still reach the
    pages."""
    for part in ("macros", "site_overrides"):  # real copies: the fragment is edited, and the code finds it beside it
        (project_copy / part).unlink()
        shutil.copytree(ROOT / part, project_copy / part, ignore=shutil.ignore_patterns("__pycache__"))
    fragment = project_copy / "site_overrides" / "fragments" / "exercise-page.md"
    page = "exercises/calf-raise-double.html"
    first = run_build(project_copy, tmp_path / "first")
    assert first.returncode == 0, first.stderr
    marker = "Fragment edited between builds"
    fragment.write_text(fragment.read_text(encoding="utf-8") + f"\n\n{marker}\n", encoding="utf-8")
    second = run_build(project_copy, tmp_path / "second")
    assert second.returncode == 0, second.stderr
    assert marker not in (tmp_path / "first" / page).read_text(encoding="utf-8")
    assert marker in (tmp_path / "second" / page).read_text(encoding="utf-8")


# Each bad macro call a contributor can write, and what `make check` and the build both say about it, on its line.
BAD_CALLS = {
    '{{ exercise_card("heel-walks") }}': "exercise_card('heel-walks'): no such card",
    '{{ cite("grey-2020") }}': "cite('grey-2020'): unknown reference key. Fix: use a key from content/references.yml "
    "(did you mean gray-2020?)",
    '{{ exercise_lst(tag="landing") }}': "there is no macro called exercise_lst(). Fix: Did you mean exercise_list()?",
    '{{ exercise_list(tag="no-such-tag") }}': "exercise_list(tag='no-such-tag'): unknown value",
    '{{ exercise_list(tag="warmup") }}': "exercise_list(tag='warmup'): unknown value. Fix: use one of warm-up, ",
    '{{ exercise_list(tga="landing") }}': "exercise_list(tga=...): unknown filter. Fix: use one of phase, target, tag, "
    "equipment, difficulty, category (did you mean tag?)",
    '{{ exercise_card("a", "b") }}': "exercise_card() was called wrongly: exercise_card() takes 1 positional argument",
    "{{ no_such_variable }}": "'no_such_variable' is not a macro or a variable a page has",
    "{{ cite() }}": "cite() needs at least one reference key. Fix: cite(",
    "{{ exercise_card() }}": "exercise_card() was called wrongly: exercise_card() missing 1 required positional "
    "argument: 'card_id'",
}


# Each page break below is in a page of its own, so one copy of the project, one `make check` and one build report
# them all (page errors are collected, not stopped at): six tests share them instead of running eleven processes.
PAGE_BREAKS = {
    "macro calls": ("prevent.md", "\n".join(BAD_CALLS) + "\n"),
    "variable argument": (
        "everyday-strength.md",
        '{% set card = "no-such-care-card" %}\nText.\n{{ care_card(card) }}\n{{ config.site_name }}\n',
    ),
    "site variable": ("children.md", "Site: {{ config.site_name }}\n"),
    "syntax error": ("return-to-running.md", "A claim {{ cite( }}.\n"),
    "links": (
        "treat/pain-monitoring.md",
        "See [the red flags](../red-flag.md#calf) and `[shown as code](nowhere.md)`.\n[Root](/red-flags.md)\n",
    ),
}


class Broken(NamedTuple):
    check: subprocess.CompletedProcess
    built: subprocess.CompletedProcess
    site: Path
    lines: dict  # break -> the number of lines its page had before it


@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> Broken:
    """A copy of the project with every PAGE_BREAKS break and a page left out of the menu, checked and built once."""
    project = copy_project(tmp_path_factory.mktemp("broken-pages") / "project")
    lines = {}
    for name, (rel, extra) in PAGE_BREAKS.items():
        page = project / "content" / rel
        text = page.read_text(encoding="utf-8")
        lines[name] = text.count("\n")
        page.write_text(text + extra, encoding="utf-8")
    about = (project / "content" / "about" / "index.md").read_text(encoding="utf-8")
    (project / "content" / "about" / "orphan.md").write_text(about, encoding="utf-8")
    site = project.parent / "site"
    return Broken(run_check(project), run_build(project, site), site, lines)


@pytest.mark.build
def test_make_check_rejects_the_macro_calls_the_build_rejects_on_their_lines(broken):
    assert broken.check.returncode == 1 and broken.built.returncode != 0
    for number, message in enumerate(BAD_CALLS.values(), start=broken.lines["macro calls"] + 1):
        assert f"content/prevent.md:{number}: {message}" in broken.check.stderr, broken.check.stderr
        assert f"content/prevent.md:{number}: {message}" in broken.built.stderr, broken.built.stderr
    assert not broken.site.exists(), "no partial site"


@pytest.mark.build
def test_a_call_whose_arguments_are_not_written_out_fails_check_on_its_line(broken):
    """The stage renders every page in `make check` too, so a call it can only make while rendering (its argument
    a variable) is rejected there, on its line, as the build rejects it."""
    line = broken.lines["variable argument"] + 3
    expected = f"content/everyday-strength.md:{line}: care_card('no-such-care-card'): no such care card. Fix: use an id"
    assert broken.check.returncode == 1 and expected in broken.check.stderr, broken.check.stderr
    assert broken.built.returncode != 0 and expected in broken.built.stderr, broken.built.stderr
    assert "Traceback" not in broken.check.stderr


@pytest.mark.build
def test_an_unknown_site_variable_fails_check_on_its_line(broken):
    """Pages get one site variable, config.repo_url; any other name of config is rejected on its line."""
    line = broken.lines["site variable"] + 1
    expected = f"content/children.md:{line}: 'dict object' has no attribute 'site_name'. Fix: check the spelling"
    assert broken.check.returncode == 1 and expected in broken.check.stderr, broken.check.stderr


@pytest.mark.build
def test_a_template_syntax_error_is_named_on_its_line_by_check_and_build(broken):
    expected = f"content/return-to-running.md:{broken.lines['syntax error'] + 1}: template syntax error"
    assert broken.check.returncode == 1 and expected in broken.check.stderr, broken.check.stderr
    assert broken.built.returncode != 0 and expected in broken.built.stderr, broken.built.stderr


@pytest.mark.build
def test_make_check_rejects_a_broken_link_as_the_build_does(broken):
    lines = broken.lines["links"]
    expected = (
        f"content/treat/pain-monitoring.md:{lines + 1}: the link to '../red-flag.md#calf' leads nowhere: the site has "
        "no red-flag.md. Fix: did you mean '../red-flags.md'?"
    )
    assert broken.check.returncode == 1 and expected in broken.check.stderr, broken.check.stderr
    assert broken.built.returncode != 0 and expected in broken.built.stderr, broken.built.stderr
    assert "nowhere.md" not in broken.check.stderr, "a link shown as code is not a link"
    rooted = f"pain-monitoring.md:{lines + 2}: the link to '/red-flags.md' starts at the site's root. Fix: write"
    assert rooted in broken.check.stderr and rooted in broken.built.stderr, broken.check.stderr


@pytest.mark.build
def test_make_check_rejects_a_page_left_out_of_the_menu_as_the_build_does(broken):
    expected = "content/about/orphan.md: this page is not in the menu. Fix: add 'about/orphan.md' to `nav:`"
    assert broken.check.returncode == 1 and expected in broken.check.stderr, broken.check.stderr
    assert broken.built.returncode != 0 and expected in broken.built.stderr, broken.built.stderr


def test_page_checks_accept_what_a_page_may_define_or_read():
    """A page's own {% macro %}, {% set %} and {% for %} names, Jinja's globals, `config` and the page's front matter
    are not reported; the unknown call is, and so is MkDocs' `page`, which the stage does not give pages."""
    from macros.content.load import load_content
    from macros.pages.checks import page_macro_errors

    body = "\n".join(
        [
            '{% macro note(x) %}<b>{{ x }}</b>{% endmacro %}{{ note("hi") }}',
            "{% set y = 2 %}{{ y }} {% for i in range(2) %}{{ i }}{{ loop.index }}{% endfor %}",
            "{{ config.repo_url }} {{ page.title }} {{ title }}",
            "{{ nope() }}",
        ]
    )
    errors = page_macro_errors(load_content(ROOT / "content"), "content/x.md", "x.md", {"title": "X"}, body, 5)
    assert [(e.line, e.message) for e in errors] == [
        (7, "'page' is not a macro or a variable a page has."),
        (8, "there is no macro called nope()."),
    ]  # body from line 5


def test_a_written_page_renders_with_its_front_matter_jinja_and_sources():
    """The stage renders a page's Jinja itself: front matter as variables, {% set %}, {## comments ##}, heading ids
    left alone, citations numbered on the page and listed at its end."""
    from macros.content.load import load_content
    from macros.pages.written import render_written_page

    content = load_content(ROOT / "content")
    key = sorted(content.references)[0]
    body = f'## {{{{ title }}}} {{#top}}\n{{## a note ##}}{{% set n = 2 %}}{{{{ n }}}} {{{{ cite("{key}") }}}}\n'
    text = render_written_page(
        content, "https://example.org/r", "content/x.md", "x.md", {"title": "T"}, body, 1
    ).markdown
    assert text.startswith("## T {#top}\n2 ") and "a note" not in text
    assert 'href="#ref-' + key in text or f"ref-{key}" in text
    assert "## Sources {: #sources }" in text


def test_site_config_is_read_by_mkdocs_own_loader(monkeypatch):
    """mkdocs.yml is read by MkDocs' config loader (its !ENV tags, defaults and validation); the content folder is
    named once, in macros/pipeline/siteconfig.py, and edit links are the repository's edit address plus the file's
    path."""
    from macros.pipeline.siteconfig import SOURCE, load_config

    monkeypatch.setenv("SITE_URL", "https://example.org/guide")
    config = load_config(ROOT)
    assert config.source == ROOT / SOURCE == ROOT / "content"
    assert config.canonical_url("treat/first-days.html") == "https://example.org/guide/treat/first-days.html"
    assert config.edit_url("treat/first-days.md") == f"{config.repo_url}/edit/main/content/treat/first-days.md"
    assert config.not_in_nav.match_file("exercises/calf-raise-double.md")
    assert not config.not_in_nav.match_file("treat/first-days.md") and "treat/first-days.md" in config.nav_pages


def test_a_page_loads_the_scripts_of_the_markup_its_macros_drew():
    """Scripts come from what the renderers drew, however a macro is reached: a call through a name the substring
    scan of old could not see still loads the plan button's script; a page without such markup loads none."""
    from macros.content.load import load_content
    from macros.pages.written import render_written_page

    content = load_content(ROOT / "content")
    card, program = sorted(content.cards)[0], sorted(content.programs)[0]
    body = f'{{% set show = exercise_card %}}{{{{ show("{card}") }}}} {{{{ program_stages("{program}") }}}}'
    page = render_written_page(content, "", "content/x.md", "x.md", {}, body, 1)
    assert page.scripts == ["guide.js", "plan.js", "programme-stage.js"] and "data-plan-add" in page.markdown
    assert render_written_page(content, "", "content/x.md", "x.md", {}, "No tools.", 1).scripts == []


# Links a page may hold, each with whether MkDocs (with this project's validation settings) warns about it.
LINK_CASES = {
    "[home](../index.md)": False,
    "[a section](../index.md#start)": False,
    "[image](../pic.png)": False,
    "[nowhere](../nope.md)": True,
    "[deeper nowhere](sub/nope.md#x)": True,
    "[from the root](/index.md)": True,
    "[another site](https://example.org/x.md)": False,
    "[mail](mailto:a@example.org)": False,
    "`[shown as code](nope.md)`": False,
}


def test_page_links_agree_with_mkdocs_own_link_warnings(tmp_path):
    """The stage's link check (macros/pages/links.py) flags exactly the links MkDocs' own validation warns about, on a
    small project built by MkDocs itself with mkdocs.yml's validation settings."""
    import yaml
    from mkdocs.utils.yaml import yaml_load

    from macros.pages.links import link_errors

    docs = tmp_path / "docs"
    (docs / "a").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n\n## Start {#start}\n", encoding="utf-8")
    (docs / "pic.png").write_bytes(b"")
    lines = list(LINK_CASES)
    (docs / "a" / "page.md").write_text("# Page\n\n" + "\n\n".join(lines) + "\n", encoding="utf-8")
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as file:
        validation = yaml_load(file)["validation"]  # the project's own settings, read as MkDocs reads them
    config = {
        "site_name": "T",
        "nav": ["index.md", "a/page.md"],
        "validation": validation,
        "markdown_extensions": ["attr_list"],
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    built = subprocess.run(
        [str(MKDOCS), "build", "-f", str(tmp_path / "mkdocs.yml"), "-d", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    targets = set(re.findall(r"contains (?:a|an absolute) link '([^']+)'", built.stderr))
    warned = {case for case in lines if re.search(r"\((\S+)\)", case).group(1) in targets}
    files = {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()}
    text = (docs / "a" / "page.md").read_text(encoding="utf-8")
    errors = link_errors("a/page.md", "a/page.md", text, 1, files)
    checked = {re.search(r"the link to '([^']+)'", error.message).group(1) for error in errors}
    flagged = {case for case in lines if re.search(r"\((\S+)\)", case).group(1) in checked}
    assert warned == {case for case, warns in LINK_CASES.items() if warns}, built.stderr
    assert flagged == warned, [str(e) for e in errors]


def test_a_fragment_compiled_without_escaping_is_never_served_escaping(tmp_path):
    """Jinja's bytecode cache checks a template's text, not the settings that compiled it. A fragment that the pages'
    overlay (no autoescaping) compiled first, in one build, must still be escaped by the fragments' environment in the
    next: each environment keeps its compiled templates apart (fragments.bytecode_cache)."""
    script = (
        "import sys; from macros.base.fragments import environment; from macros.pages.written import page_environment\n"
        "env = page_environment() if sys.argv[1] == 'pages' else environment()\n"
        "rule = dict(id='x', during=3, tissue='<b>calf</b>', summary='s', next_day='n')\n"
        "print(env.get_template('pain-rule.html').render(rule=rule, evidence_words='', entries=[], how_href=''))"
    )
    env = {**os.environ, "TMPDIR": str(tmp_path)}  # a cache folder of this test's own, empty at first
    outputs = []
    for which in ("pages", "fragments"):
        command = [sys.executable, "-c", script, which]
        result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
        assert result.returncode == 0, result.stderr
        outputs.append(result.stdout)
    assert "<b>calf</b>" in outputs[0], "the overlay does not escape (the premise of this test)"
    assert "&lt;b&gt;calf&lt;/b&gt;" in outputs[1], "the escaping environment served the overlay's compiled template"
