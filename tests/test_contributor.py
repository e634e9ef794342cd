"""The contributor workflow: scaffold a card, read its errors, fill it in and build it; and the files that guide it.

CONTRIBUTING.md promises each step here, so each promise is checked with the real command-line tools.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from helpers import ROOT, run_build
from macros.pages.page_macros import page_macros
from site_html import parse

NEW_CARD = ROOT / "scripts" / "new_card.py"
CHECK = ("-m", "macros.pipeline.stage", "--check")  # what `make check` and pre-commit run
MODEL = ROOT / "content" / "exercises" / "calf-raise-double.yml"
NEW_ID = "contributor-trial-card"
CONTRIBUTING = ROOT / "CONTRIBUTING.md"
GITHUB = ROOT / ".github"
FORMS = GITHUB / "ISSUE_TEMPLATE"
WORKFLOWS = GITHUB / "workflows"
CARDS = sorted(p.stem for p in (ROOT / "content" / "exercises").glob("*.yml"))
MAKE_CALL = re.compile(r"(?<![\w./-])make\s+([a-z][\w-]*)")
FORM_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}


def run(script: Path | tuple, *args) -> subprocess.CompletedProcess:
    """Run one of the project's scripts (or `-m module ...`) exactly as CONTRIBUTING.md tells contributors to."""
    command = list(script) if isinstance(script, tuple) else [str(script)]
    return subprocess.run(
        [sys.executable, *command, *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )


def placeholder_fields(value, trail: tuple = ()):
    """Dotted names, as the validator prints them, of every value that still says TODO."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from placeholder_fields(inner, (*trail, key))
    elif isinstance(value, list):
        for position, inner in enumerate(value):
            yield from placeholder_fields(inner, (*trail, position))
    elif isinstance(value, str) and "TODO" in value:
        yield "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in trail).lstrip(".")


def makefile_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Za-z][\w-]*)\s*:(?!=)", text, flags=re.MULTILINE))


def workflow(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and data.get("jobs"), f"{path.name}: expected a workflow with jobs"
    return data


def triggers(data: dict) -> dict:
    """The `on:` block; YAML 1.1 (PyYAML) reads the bare key `on` as True."""
    return data.get("on", data.get(True))


def steps(data: dict) -> list[dict]:
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


@pytest.mark.slow  # a second real build
def test_scaffolded_card_is_rejected_until_filled_in_then_validates_and_builds(project_copy, tmp_path):
    content = project_copy / "content"
    rel = f"content/exercises/{NEW_ID}.yml"

    made = run(NEW_CARD, NEW_ID, "--content", content)
    assert made.returncode == 0 and f"Wrote {rel}" in made.stdout, made.stderr
    card = project_copy / rel
    todo = set(placeholder_fields(yaml.safe_load(card.read_text(encoding="utf-8"))))
    assert {"name", "purpose", "evidence[0]", "review.reviewed"} <= todo, "the template marks the fields to fill in"

    checked = run(CHECK, "--content", content)
    assert checked.returncode == 1 and "Traceback" not in checked.stderr, checked.stdout + checked.stderr
    lines = [line for line in checked.stderr.splitlines() if rel in line]
    for field in todo:
        assert any(re.search(rf"{re.escape(rel)}:\d+: field '{re.escape(field)}': .*TODO", line) for line in lines), (
            f"no error names the TODO field {field!r}:\n{checked.stderr}"
        )

    # Fill in every field still marked TODO, from a complete card, keeping what the template already holds.
    data, model = yaml.safe_load(card.read_text(encoding="utf-8")), yaml.safe_load(MODEL.read_text(encoding="utf-8"))
    for key in list(data):
        if any(f == key or f.startswith((f"{key}.", f"{key}[")) for f in todo):
            data[key] = model[key]
    data["name"] = "Contributor trial card"
    card.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")

    checked = run(CHECK, "--content", content)
    assert checked.returncode == 0 and checked.stdout.startswith(f"OK: {len(CARDS) + 1} exercise cards"), checked.stderr

    built = run_build(project_copy, tmp_path / "site")
    assert built.returncode == 0, f"strict build failed:\n{built.stdout}\n{built.stderr}"
    page = tmp_path / "site" / "exercises" / f"{NEW_ID}.html"
    assert page.is_file() and "Contributor trial card" in page.read_text(encoding="utf-8"), "the card gets its own page"
    assert f'data-card="{NEW_ID}"' in (tmp_path / "site" / "exercises" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "card_id, expected",
    [
        ("calf-raise-double", "already exists"),
        ("Heel_Walk", "is not kebab-case"),
        ("heel walk", "is not kebab-case"),
        ("heel--walk", "is not kebab-case"),
        ("heel-walk.yml", "is not kebab-case"),
    ],
)
def test_new_card_refuses_a_taken_or_badly_formed_id(tmp_path, card_id, expected):
    exercises = tmp_path / "content" / "exercises"
    exercises.mkdir(parents=True)
    (exercises / MODEL.name).write_bytes(MODEL.read_bytes())
    before = {p.name: p.read_bytes() for p in exercises.iterdir()}

    result = run(NEW_CARD, card_id, "--content", tmp_path / "content")

    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.startswith("error: ") and expected in result.stderr and card_id in result.stderr
    assert {p.name: p.read_bytes() for p in exercises.iterdir()} == before, "nothing is written or overwritten"


# How CONTRIBUTING.md broke content files for its example errors: (file, [(pattern, replacement), ...]), grouped by
# the `make check` run that reports them together (beside the scaffolded card's TODOs in the first). A card's
# cross-checks, such as its evidence keys, run only once its fields are valid, so that break has a run of its own.
DOCUMENTED_BREAKS = [
    [
        (
            "exercises/calf-raise-double.yml",
            [
                (r"\nmistakes:", "\nmistake:"),
                (r"\ndifficulty: \S+", "\ndifficulty: simple"),
                (r"\n  sets: \d+", "\n  sets: three"),
                (r"\n  reviewed: \S+", "\n  reviewed: 25/11/2026"),
                (r"(\ncues:\n  - .*\n)  - .*\n", r"\1  - Stand tall: keep your chest up.\n"),
            ],
        ),
        ("prevent.md", [(r"\nauthors: .*", "")]),
    ],
    [("exercises/calf-raise-double.yml", [(r"\nevidence: \[[a-z0-9-]+", "\nevidence: [silbernagel-2008")])],
]


def mask(line: str) -> str:
    """Output without what changes with the content: line numbers, error counts, the list of allowed fields."""
    line = re.sub(r"\.yml:\d+:", ".yml:N:", line.strip())
    return re.sub(r"^\d+ content errors?:$", "N content errors:", line).partition(" Allowed fields here:")[0]


def documented_output() -> list[str]:
    """Lines of tool output that CONTRIBUTING.md shows in its ```text blocks, masked."""
    blocks = re.findall(r"```text\n(.*?)```", CONTRIBUTING.read_text(encoding="utf-8"), flags=re.DOTALL)
    lines = [line.strip() for block in blocks for line in block.splitlines()]
    return [mask(line) for line in lines if re.match(r"(- content/|\d+ content errors?:$|Wrote |error: )", line)]


# CONTRIBUTING.md's example id, and the id this test scaffolds in its place, so that a contributor's own
# heel-walk card (the docs suggest that id) cannot change the output.
DOCS_ID, FIXTURE_ID = "heel-walk", "docs-output-fixture"


def as_documented(text: str) -> str:
    """Tool output for the fixture id, written with the documented id."""
    return text.replace(FIXTURE_ID, DOCS_ID).replace("Docs_Output_Fixture", "Heel_Walk")


def test_contributing_shows_real_output(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    outputs = [
        run(NEW_CARD, FIXTURE_ID, "--content", content),
        run(NEW_CARD, FIXTURE_ID, "--content", content),
        run(NEW_CARD, "Docs_Output_Fixture", "--content", content),
    ]
    for breaks in DOCUMENTED_BREAKS:  # the first run also reports the scaffolded card's TODOs
        for rel, changes in breaks:
            text = (content / rel).read_text(encoding="utf-8")
            for pattern, replacement in changes:
                text, count = re.subn(pattern, replacement, text, count=1)
                assert count == 1, f"{pattern!r} no longer matches content/{rel}: update this fixture"
            (content / rel).write_text(text, encoding="utf-8")
        outputs.append(run(CHECK, "--content", content))
        for rel, _ in breaks:
            shutil.copy2(ROOT / "content" / rel, content / rel)
        (content / "exercises" / f"{FIXTURE_ID}.yml").unlink(missing_ok=True)
    real = {mask(as_documented(line)) for result in outputs for line in (result.stdout + result.stderr).splitlines()}
    shown = documented_output()
    assert len(shown) >= 10, "the examples were found in CONTRIBUTING.md"
    stale = [line for line in shown if line not in real]
    assert not stale, "CONTRIBUTING.md shows output the tools no longer print; paste the real output:\n" + "\n".join(
        stale
    )


def test_every_make_target_that_ci_and_the_docs_call_exists():
    targets = makefile_targets()
    assert {"build", "test", "check", "serve"} <= targets, "the Makefile parser finds the real targets"
    texts = {
        path.name: "\n".join(step.get("run", "") for step in steps(workflow(path)))
        for path in sorted(WORKFLOWS.glob("*.yml"))
    }
    assert set(texts) >= {"test.yml", "deploy.yml"}
    texts |= {p.name: p.read_text(encoding="utf-8") for p in (CONTRIBUTING, GITHUB / "PULL_REQUEST_TEMPLATE.md")}
    for name, text in texts.items():
        for target in MAKE_CALL.findall(text):
            assert target in targets, f"{name} calls `make {target}`, which the Makefile does not define"


USES = re.compile(r"^\s*(?:-\s*)?uses:\s*(\S+?)@(\S+)(.*)$", re.MULTILINE)


def test_actions_are_pinned_by_commit_sha_with_the_version_in_a_comment():
    found = 0
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for action, ref, rest in USES.findall(path.read_text(encoding="utf-8")):
            found += 1
            assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{path.name}: pin {action} by its full commit SHA, not {ref!r}"
            assert re.search(r"#\s*v\d", rest), f"{path.name}: {action}@{ref[:7]} needs its version in a comment"
    assert found >= 10


def test_pull_requests_run_ci_run_and_pages_deploy_only_after_the_tests_pass():
    tests, deploy = workflow(WORKFLOWS / "test.yml"), workflow(WORKFLOWS / "deploy.yml")
    assert "pull_request" in triggers(tests) and "main" in triggers(tests)["push"]["branches"]
    assert [step["run"] for step in steps(tests) if "run" in step and ".ci/run" in step["run"]], "CI runs .ci/run"
    commands = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    assert "make lint" in commands and "make test" in commands, ".ci/run lints and tests"
    assert commands.index("make lint") < commands.index("make test"), "lint first: a lint error fails before the tests"
    run = triggers(deploy)["workflow_run"]
    assert run["workflows"] == [tests["name"]] and run["types"] == ["completed"], "deploy waits for the Test workflow"
    assert "conclusion == 'success'" in deploy["jobs"]["build"]["if"], "and deploys only when it passed"
    checkout = next(step for step in steps(deploy) if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["ref"] == "${{ github.event.workflow_run.head_sha }}", "the commit the tests passed on"


def test_pre_commit_runs_the_content_validator_and_pinned_linters():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: (repo, hook) for repo in config["repos"] for hook in repo["hooks"]}
    repo, hook = hooks["check-content"]
    assert repo["repo"] == "local" and hook["language"] == "system" and hook["pass_filenames"] is False
    assert hook["entry"].split()[-3:] == list(CHECK), "pre-commit runs what `make check` runs"
    files = re.compile(hook["files"])
    assert files.search("content/exercises/calf-raise-double.yml") and files.search("content/treat/first-days.md")
    assert not files.search("macros/content/load.py")
    for repo in config["repos"]:
        if repo["repo"] != "local":
            assert re.fullmatch(r"v\d+(\.\d+)+", repo["rev"]), f"{repo['repo']}: pin a release, not {repo['rev']!r}"
    assert {"yamllint", "ruff-check"} <= set(hooks)


MATERIAL_SCHEMA = "https://squidfunk.github.io/mkdocs-material/schema.json"  # as Material's docs give it


def test_editor_maps_every_schema_to_files_that_exist():
    """Each data schema is mapped to its YAML files, mkdocs.yml to Material's schema with its !ENV tag known. The
    page front-matter schema is not mapped: the YAML extension does not read Markdown front matter (make check
    applies it)."""
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    assert mapping.pop(MATERIAL_SCHEMA) == ["mkdocs.yml"], "mkdocs.yml gets Material's schema"
    for schema, globs in mapping.items():
        assert (ROOT / schema).is_file(), f"{schema} does not exist"
        for pattern in globs:
            assert pattern.endswith((".yml", ".yaml")), f"{schema}: the YAML extension only reads YAML, not {pattern}"
            assert list(ROOT.glob(pattern)), f"{schema}: the pattern {pattern} matches no file"
    every_schema = {f"./content/schemas/{p.name}" for p in (ROOT / "content" / "schemas").glob("*.schema.json")}
    assert set(mapping) == every_schema - {"./content/schemas/page.schema.json"}, "every data schema is mapped"
    tags = {tag.split()[0] for tag in settings["yaml.customTags"]}
    used = set(re.findall(r"(?<![\w'\"])(![A-Za-z]\w*)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8")))
    assert used and used <= tags, f"mkdocs.yml uses {sorted(used)}; yaml.customTags lists {sorted(tags)}"
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


CREDIT = re.compile(r'<p class="calf-credit">(.*?)</p>', flags=re.DOTALL)
LICENCE_LINK = '<a href="https://creativecommons.org/licenses/by-sa/4.0/" rel="license">CC BY-SA 4.0</a>'


@pytest.mark.parametrize("card_id", CARDS)
def test_every_card_page_shows_its_credit_line(site, card_id):
    card = yaml.safe_load((ROOT / "content" / "exercises" / f"{card_id}.yml").read_text(encoding="utf-8"))
    found = CREDIT.search((site / "exercises" / f"{card_id}.html").read_text(encoding="utf-8"))
    assert found, f"{card_id}: no credit line"
    assert LICENCE_LINK in found.group(1), f"{card_id}: the licence is not linked"
    credit = " ".join(html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).split())
    author, source = card["attribution"]["author"], card["attribution"].get("source")
    assert f"“{card['name']}” by {author}" in credit, credit
    if source:
        assert f"adapted from {source}" in credit, credit
    assert "Calf Pain Guide" in credit and credit.endswith("licensed under CC BY-SA 4.0."), credit


def issue_forms() -> list[Path]:
    return sorted(p for p in FORMS.glob("*.yml") if p.name != "config.yml")


@pytest.mark.parametrize("path", issue_forms(), ids=lambda p: p.name)
def test_issue_forms_are_well_formed(path):
    form = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert form["name"] and form["description"] and any(e["type"] != "markdown" for e in form["body"])
    ids = [element["id"] for element in form["body"] if "id" in element]
    assert len(ids) == len(set(ids)), f"{path.name}: ids must be unique"
    for element in form["body"]:
        kind, attributes = element["type"], element["attributes"]
        assert kind in FORM_TYPES, f"{path.name}: unknown type {kind!r}"
        if kind == "markdown":
            assert attributes["value"].strip()
        else:
            assert re.fullmatch(r"[a-z][a-z0-9_-]*", element.get("id", "")) and attributes["label"].strip()
        if kind == "dropdown":
            assert attributes["options"] and len(set(attributes["options"])) == len(attributes["options"])
        if kind == "checkboxes":
            assert all(option["label"].strip() for option in attributes["options"])


def test_issue_chooser_offers_only_the_forms():
    config = yaml.safe_load((FORMS / "config.yml").read_text(encoding="utf-8"))
    assert config["blank_issues_enabled"] is False
    links = config["contact_links"]
    assert links and all(link["name"] and link["url"].startswith("https://") and link["about"] for link in links)


@pytest.mark.parametrize(
    "built, source",
    [
        ("index.html", "content/index.md"),
        ("treat/first-days.html", "content/treat/first-days.md"),
        ("exercises/calf-raise-double.html", "content/exercises/calf-raise-double.yml"),
    ],
)
def test_report_link_opens_the_page_problem_form_naming_the_page(site, built, source):
    mkdocs_yml = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")  # not yaml.safe_load: it holds an !ENV tag
    repo_url = re.search(r"^repo_url:\s*(\S+)", mkdocs_yml, re.MULTILINE).group(1)
    form = yaml.safe_load((FORMS / "page-problem.yml").read_text(encoding="utf-8"))
    inputs = {element["id"] for element in form["body"] if element["type"] == "input"}
    assert "page" in inputs, "the link fills in the form's `page` input"

    links = [link for link in parse(site / built).links if "/issues/new" in link]
    assert len(links) == 1, f"{built}: expected one 'Report a problem with this page' link, found {links}"
    url = urlsplit(links[0])
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{repo_url}/issues/new"
    query = parse_qs(url.query)
    assert query["template"] == ["page-problem.yml"] and (FORMS / "page-problem.yml").is_file()
    assert query["page"] == [source] and query["title"][0].strip()
    field_ids = {element.get("id") for element in form["body"]}
    assert set(query) - {"template", "title", "labels", "assignees"} <= field_ids, "every other parameter fills a field"


def registered_macros() -> set[str]:
    """The macros pages can call (macros/pages/page_macros.py, with which the stage renders every page)."""
    return set(page_macros(lambda: None, lambda: None))


def test_contributing_documents_every_macro():
    macros = registered_macros()
    assert {"cite", "care_card", "exercise_card", "exercise_list"} <= macros
    text = CONTRIBUTING.read_text(encoding="utf-8")
    missing = {name for name in macros if f"{name}(" not in text}
    assert not missing, f"CONTRIBUTING.md does not mention the macros {sorted(missing)}"


# Stylesheets and scripts that are not ours but are named in our comments and docs: npm packages' files.
NOT_OURS = {"iframe-worker-shim.js", "qrcode-generator.js", "qrcode.js", "index.js", "Node.js"}
NOT_OURS |= {"edition.js"}  # not a pinned package's file either: the build writes it into download/ (download.py)
# Generated into the built site: the service worker (pipeline/offline.py) and the file:// search index (Material).
NOT_OURS |= {"sw.js", "search_index.js"}
# Workbox's precaching modules (pinned npm packages the worker imports: staged.VENDORED).
NOT_OURS |= {f"workbox-{name}.prod.js" for name in ("core", "routing", "strategies", "precaching")}


def test_every_stylesheet_and_script_named_in_the_code_and_docs_exists():
    """A comment naming a stylesheet or script that was merged away misleads the next reader (plan.css, figures.css
    and programmes.css were): every *.css and *.js named in the package, the templates, the scripts and the docs is
    one of ours in site_overrides/assets/ (or a worker's template in fragments/), or a file listed in NOT_OURS."""
    assets = {path.name for path in (ROOT / "site_overrides" / "assets").rglob("*") if path.suffix in (".css", ".js")}
    assets |= {path.name for path in (ROOT / "site_overrides" / "fragments").glob("*.js")}  # the workers' templates
    sources = [ROOT / "mkdocs.yml", ROOT / "Makefile", ROOT / "README.md", CONTRIBUTING]
    for folder in ("macros", "site_overrides", "scripts"):
        sources += [p for p in (ROOT / folder).rglob("*") if p.suffix in (".py", ".html", ".md", ".css", ".js")]
    named = {
        (name, path.relative_to(ROOT).as_posix())
        for path in sources
        for name in re.findall(r"[A-Za-z0-9_.-]+\.(?:css|js)\b", path.read_text(encoding="utf-8"))
    }
    missing = sorted((name, where) for name, where in named if name not in assets | NOT_OURS)
    assert not missing, f"named but not in site_overrides/assets/: {missing}"


def _prerequisites(makefile: str, target: str) -> str:
    return re.search(rf"(?m)^{re.escape(target)}:([^#\n]*)", makefile).group(1)


def test_build_and_serve_install_only_the_npm_packages_the_site_ships():
    """package.json's `dependencies` are exactly the packages the build copies into the site (VENDORED); build and
    serve install only those (npm ci --omit=dev); the test targets need the full install, whose stamp only a full
    `npm ci` writes, so a build-only install never satisfies them."""
    from macros.pipeline.staged import VENDORED

    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    shipped = {path.parts[1] for path in VENDORED.values()}
    assert set(package["dependencies"]) == shipped, "dependencies: what the site ships; the rest are devDependencies"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("build", "serve", "build-zensical"):
        assert "$(JS_SHIP)" in _prerequisites(makefile, target) and "$(JS_ALL)" not in _prerequisites(makefile, target)
    for target in ("test", "test-fast", "lint", "setup"):
        assert "$(JS_ALL)" in _prerequisites(makefile, target), target
    ship = re.search(r"(?ms)^\$\(JS_SHIP\):.*?(?=^\S)", makefile).group(0)
    full = re.search(r"(?ms)^\$\(JS_ALL\):.*?(?=^\S)", makefile).group(0)
    assert "--omit=dev" in ship and "--omit=dev" not in full
    assert "touch $@" in ship and "$(JS_ALL)" not in ship.split("touch", 1)[1], "a build install never writes JS_ALL"


def test_the_venv_imports_this_checkouts_code(tmp_path):
    """Tools started from the venv (mkdocs, zensical) import `macros` through its calf-guide.pth, not the current
    folder: it must point at this checkout, or a second worktree sharing the .venv would test the other one's code.
    `make` rewrites the .pth whenever another checkout last set it (the Makefile's SITE_PTH rule)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run(
        [sys.executable, "-c", "import macros; print(macros.__file__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
    )
    location = Path(result.stdout.strip()).resolve()
    assert location.is_relative_to(ROOT.resolve()), (
        f"this venv imports macros from {location}, not from {ROOT}: run `make setup` in this checkout"
    )


def test_mutation_report_scores_each_module_and_lists_survivors():
    """scripts/mutation_report.py (make mutate, the weekly workflow): killed / (killed + survived + no test)."""
    from scripts.mutation_report import report, score, tally

    lines = [
        "    macros.content.triage.x_paths__mutmut_1: killed",
        "    macros.content.triage.x_paths__mutmut_2: survived",
        "    macros.content.triage.x_paths__mutmut_3: timeout",
        "    macros.content.triage.x_paths__mutmut_4: no tests",
        "    macros.content.schemas.xǁSchemaǁcheck__mutmut_1: killed",
        "not a result line",
    ]
    counts, left = tally(lines)
    assert score(counts["macros.content.triage"]) == 50.0 and score(counts["macros.content.schemas"]) == 100.0
    assert left["macros.content.triage"] == [
        "macros.content.triage.x_paths__mutmut_2 (survived)",
        "macros.content.triage.x_paths__mutmut_4 (no tests)",
    ]
    text = report(counts, left)
    assert "| `macros.content.triage` | 4 | 2 | 1 | 1 | 50.0% |" in text
    assert "| **all** | 5 | 3 | 1 | 1 | 60.0% |" in text
    workflow_text = (WORKFLOWS / "mutation.yml").read_text(encoding="utf-8")
    assert "schedule" in triggers(workflow(WORKFLOWS / "mutation.yml")), "weekly"
    assert "make mutate" in workflow_text and "mutation_report.py --min 85" in workflow_text
