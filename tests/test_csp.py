"""The Content Security Policy (macros/pipeline/csp.py): one CSP meta first in every page's <head>, script hashes only,
no outside origin; in Chromium the tools work with the policy on, and a broken policy is reported. Every page's own
visit under its policy is in test_pages_browser.py (served) and test_download.py (from file://)."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from browser import CSP_LISTENER, check_pages, console_recorder, search, served, settle
from helpers import html_pages
from macros.pipeline import csp

HASH = re.compile(r"'sha256-[A-Za-z0-9+/]+={0,2}'")
# 404.html links its assets from the site root (/assets/...), for a server's error response: on disk they are missing.
NOT_FROM_DISK = {"404.html"}


class _Head(HTMLParser):
    """The first element inside <head>, every CSP meta, and every inline script that runs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_head, self.first, self.policies, self.scripts, self._script = False, None, [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.in_head and self.first is None:
            self.first = (tag, attrs)
        self.in_head = self.in_head or tag == "head"
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "content-security-policy":
            self.policies.append(attrs.get("content") or "")
        if tag == "script":
            kind = (attrs.get("type") or "").lower()
            runs = "src" not in attrs and kind not in ("application/json", "application/ld+json")
            self._script = [] if runs else None

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None


def _head(path) -> _Head:
    parser = _Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _directives(policy: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


# --- The built pages ---------------------------------------------------------------------------------------------


def test_every_page_has_one_csp_meta_first_in_head(site):
    problems = []
    for page in html_pages(site):
        head, name = _head(page), page.relative_to(site)
        if len(head.policies) != 1:
            problems.append(f"{name}: {len(head.policies)} CSP metas")
            continue
        tag, attrs = head.first
        if tag != "meta" or (attrs.get("http-equiv") or "").lower() != "content-security-policy":
            problems.append(f"{name}: the first element of <head> is <{tag}>, not the CSP meta")
        if page.read_bytes()[:1024].find(b'<meta charset="utf-8">') < 0:
            problems.append(f"{name}: <meta charset> is no longer in the first 1024 bytes")
    assert not problems, "\n".join(problems)


def test_policy_allows_no_inline_script_no_eval_and_no_outside_origin(site):
    problems = []
    for page in html_pages(site):
        policy, name = _head(page).policies[0], page.relative_to(site)
        directives = _directives(policy)
        script = directives.get("script-src", [])
        if directives.get("default-src") != ["'self'"]:
            problems.append(f"{name}: default-src is {directives.get('default-src')}")
        if "'unsafe-inline'" in script or "'unsafe-eval'" in policy:
            problems.append(f"{name}: script-src allows inline scripts or eval: {script}")
        if re.search(r"https?:|\*|wss?:", policy):
            problems.append(f"{name}: an outside origin or wildcard in {policy}")
        if any(s != "'self'" and not HASH.fullmatch(s) for s in script):
            problems.append(f"{name}: script-src has more than 'self' and hashes: {script}")
    assert not problems, "\n".join(problems)


def test_every_inline_script_that_runs_is_allowed_by_its_hash(site):
    problems = []
    for page in html_pages(site):
        head = _head(page)
        allowed = set(_directives(head.policies[0])["script-src"])
        name = page.relative_to(site)
        problems += [f"{name}: no hash for {s[:60]!r}" for s in head.scripts if _sha256(s) not in allowed]
    assert not problems, "\n".join(problems)


# --- The pure functions --------------------------------------------------------------------------------------------

PAGE = (
    '<!doctype html>\n<html lang="en"><head>\n<meta charset="utf-8">\n<script>var a = 1 < 2;</script>\n'
    '<script type="application/ld+json">{"a": "</p>"}</script>\n<script id="__config" type="application/json">'
    '{"search": "w.js"}</script>\n<script src="x.js"></script></head><body><p title="it\'s &amp; ok">Hi</p>'
    '<script type="module">import "./m.js"</script></body></html>'
)


def test_only_scripts_that_run_are_hashed():
    parts = csp.page_parts(PAGE)
    running = [s.text for s in parts.scripts if s.executes]
    assert running == ["var a = 1 < 2;", 'import "./m.js"']
    assert csp.script_hash("var a = 1 < 2;") == _sha256("var a = 1 < 2;")
    assert csp.script_hash("a\r\nb\rc") == _sha256("a\nb\nc"), "line ends are hashed as the HTML parser sees them"


def test_the_meta_is_inserted_first_and_nothing_else_changes():
    secured = csp.with_policy(PAGE, "default-src 'self'")
    head = PAGE.index("<head>") + len("<head>")
    meta = secured[head : secured.index(">", head) + 1]
    assert meta.startswith('<meta http-equiv="Content-Security-Policy" content="default-src ')
    assert secured.replace(meta, "") == PAGE
    assert csp.with_policy(secured, "default-src 'none'").replace("none", "self") == secured, "running twice replaces"
    with pytest.raises(csp.CspError, match="already has a Content-Security-Policy"):
        csp.with_policy(PAGE.replace("<body>", '<body><meta http-equiv="content-security-policy" content="x">'), "")


# A start tag with a stray quote, then a long run of attribute-like text: the shape that sent the tag scan into
# exponential backtracking (a build hung in the CSP step). Run in a child process, so a regression fails on its
# timeout instead of hanging the test run.
HOSTILE_SCAN = """
import sys, time
from macros.pipeline import csp
run = "a b=c " * 1500
page = '<html><head><meta name="description" content="x" ' + run + "'>" + run + '<script>var a = 1;</script></head>'
assert len(page) > 8000
started = time.perf_counter()
parts = csp.page_parts(page)
print(time.perf_counter() - started)
assert parts.head_end is not None and [s.text for s in parts.scripts] == ["var a = 1;"], parts
"""


def test_a_tag_with_an_unbalanced_quote_is_scanned_in_linear_time():
    result = subprocess.run([sys.executable, "-c", HOSTILE_SCAN], capture_output=True, text=True, timeout=20)
    assert result.returncode == 0, result.stderr
    assert float(result.stdout) < 0.1, f"the scan of 18,000 hostile characters took {result.stdout.strip()} s"


def test_policy_text():
    policy = csp.build_policy(["'sha256-AAA='"])
    assert policy.startswith(
        "default-src 'self'; script-src 'self' 'sha256-AAA='; style-src 'self'; img-src 'self' data:; object-src 'none'"
    )
    assert "unsafe" not in policy


def test_shim_bootstrap_is_what_the_shim_writes(site):
    shim = (site / "assets" / "javascripts" / csp.SHIM_NAME).read_text()
    script = csp.shim_bootstrap(shim, "../assets/w.js")
    assert script.startswith("postMessage=function ") and ";importScripts=function " in script
    assert 'filename:"../assets/w.js"' in script and "${" not in script and "<\\/" not in script
    with pytest.raises(csp.CspError, match="iframe-worker"):
        csp.shim_bootstrap("console.log(1)", "w.js")


def test_main_secures_a_site(tmp_path, capsys):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "p.html").write_text(PAGE)
    assert csp.main(tmp_path) == 0
    assert "1 pages" in capsys.readouterr().out
    text = (tmp_path / "a" / "p.html").read_text()
    assert text.count("Content-Security-Policy") == 1 and _sha256("var a = 1 < 2;") in text.replace("&#39;", "'")
    assert csp.main(tmp_path / "missing") == 1


# --- In Chromium -----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def watched(browser):
    """One page for the whole module, recording CSP violations (from every frame), console errors and page errors."""
    page = browser.new_page()
    problems: list[str] = []
    page.expose_function("__cspReport", lambda report: problems.append(f"CSP violation: {report}"))
    page.add_init_script(CSP_LISTENER)
    page.on("console", console_recorder(problems))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    yield page, problems
    page.close()


def _tools_work(page, url):
    """Search, the symptom checker, the library filters, a tooltip and My plan, on the page's scheme."""
    page.goto(url("index.html"))
    search(page, "soleus")
    assert "soleus" in page.inner_text(".md-search-result").lower()

    page.goto(url("symptom-checker.html"))
    current = "[data-calf-triage] .calf-triage__node.is-current"
    first = page.locator(current).get_attribute("id")
    page.locator(f"{current} a[data-findings]").first.click()
    assert page.locator(current).get_attribute("id") != first, "the checker moves to the next question"

    page.goto(url("exercises/index.html"))
    assert page.is_visible("[data-calf-filters]"), "the library filters appear"
    page.hover("article abbr >> nth=0")  # the theme positions tooltips through element.style: allowed by CSP
    page.wait_for_selector(".md-tooltip2--active", state="visible")
    page.evaluate("window.localStorage.clear()")
    page.reload()
    page.click('[data-plan-add="glute-bridge"] >> nth=0')
    page.goto(url("my-plan.html"))
    cards = page.locator("[data-plan-list] [data-card]").evaluate_all("els => els.map(e => e.dataset.card)")
    assert cards == ["glute-bridge"], f"My plan shows {cards}"
    page.evaluate("window.localStorage.clear()")
    settle(page.evaluate)


@pytest.mark.browser
def test_the_tools_work_under_the_policy(watched, base_url):
    """Search, the checker, the library's filters and tooltips, and My plan work with the policy on, and nothing they
    do is blocked. (Every page's own visit under its policy is in test_pages_browser.py; from file://, in
    test_download.py's walk of the unzipped copy.)"""
    page, problems = watched
    problems.clear()
    try:
        _tools_work(page, lambda path: base_url + path)
    except AssertionError as error:  # reported with the violations that most likely caused it
        problems.append(f"a tool does not work: {error}")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


@pytest.mark.browser
def test_a_broken_policy_is_caught(watched, site, base_url, tmp_path):
    """Neither listener is blind: the home page with one script hash dropped reports a violation, both in the page
    visit of every page (browser.check_pages, on a copy of the site) and on the tools' page."""
    html = (site / "index.html").read_text()
    dropped = HASH.search(html.replace("&#39;", "'")).group(0).replace("'", "&#39;")
    broken = html.replace(" " + dropped, "", 1)
    assert broken != html
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    (copy / "index.html").write_text(broken)
    with served(copy) as copy_url:
        assert any("CSP violation: script-src" in p for p in check_pages(copy_url, ["index.html"], 375))
    page, problems = watched
    problems.clear()
    page.route(base_url + "index.html", lambda route: route.fulfill(body=broken, content_type="text/html"))
    try:
        page.goto(base_url + "index.html")
        settle(page.evaluate)
    finally:
        page.unroute(base_url + "index.html")
    assert any("CSP violation: script-src" in p for p in problems), problems
    problems.clear()
