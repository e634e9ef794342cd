"""The symptom checker in a real browser with JavaScript on: clicking the answers a vignette would choose reaches the
same outcome as the static walk; Back is hidden on the first question; the browser's Back button steps back; a link
to an outcome shows that outcome."""

from __future__ import annotations

import pytest
from checker_html import parse_checker, walk

from conftest import ROOT
from macros.content.load import load_content

pytestmark = [pytest.mark.browser, pytest.mark.build]

# One vignette or story per outcome (the first that reaches it), so every result is clicked through at least once.
VISIBLE = "[data-calf-triage] .calf-triage__node.is-current"


@pytest.fixture(scope="module")
def checker(site):
    return parse_checker((site / "symptom-checker.html").read_text())


def _sample(checker):
    chosen = {}
    content = load_content(ROOT / "content")
    for item in [*content.vignettes.values(), *content.stories.values()]:
        outcome, path, _ = walk(checker, set(item.data["findings"]))
        chosen.setdefault(outcome, path)
    assert set(chosen) == set(checker.outcomes), "every result is reached by some vignette or story"
    return chosen


# Clicks, in the page, the answer link from each node to the next on a path, and returns the node shown before each
# click and after the last: the ids the reader sees, in order, and the outcome's urgency.
CLICK_THROUGH = """([visible, steps]) => {
  const seen = [];
  for (const [node, next] of steps) {
    seen.push(document.querySelector(visible).id);
    const link = document.querySelector(`#${node} a[data-findings][href="#${next}"]`);
    if (!link) return {seen, missing: `#${node} -> #${next}`};
    link.click();
  }
  const shown = document.querySelector(visible);
  return {seen: [...seen, shown.id], urgency: shown.dataset.triageOutcome};
}"""


def test_javascript_walk_reaches_the_same_outcome(browser, base_url, checker):
    """For one vignette or story per outcome, clicking the answers the static walk chose shows each question of its
    path in turn, then the same outcome, with the same urgency. The clicks are real click events on the answer links
    (the page's own handler moves on), made in the page: one round trip per path, not four per click. Between
    paths, Start over."""
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(f"{base_url}/symptom-checker.html")
        for outcome, path in _sample(checker).items():
            steps = list(zip(path, [*path[1:], outcome], strict=True))
            result = page.evaluate(CLICK_THROUGH, [VISIBLE, steps])
            assert "missing" not in result, f"no answer link {result.get('missing')} on the way to {outcome}"
            assert result["seen"] == [*path, outcome], f"the page showed {result['seen']}, the walk {[*path, outcome]}"
            assert result["urgency"] == checker.outcomes[outcome]
            page.click("[data-triage-restart]")  # Start over, as a reader trying another answer would
        assert not errors
    finally:
        page.close()


def test_back_steps_through_questions(browser, base_url, checker):
    page = browser.new_page()
    try:
        page.goto(f"{base_url}/symptom-checker.html")
        back = page.locator("[data-triage-back]")
        assert page.locator(VISIBLE).get_attribute("id") == checker.start
        assert back.is_hidden(), "Back is hidden on the first question"
        first_no = checker.questions[checker.start][1].next
        page.locator(f'#{checker.start} a[href="#{first_no}"]').click()
        second = page.locator(VISIBLE).get_attribute("id")
        assert second == first_no and back.is_visible()
        second_no = next(a.next for a in checker.questions[second] if not a.findings)
        page.locator(f'#{second} a[href="#{second_no}"]').first.click()
        assert page.locator(VISIBLE).get_attribute("id") == second_no
        page.go_back()
        assert page.locator(VISIBLE).get_attribute("id") == second, (
            "the browser's Back returns to the previous question"
        )
        back.click()
        page.wait_for_function(f"document.querySelector('{VISIBLE}').id === '{checker.start}'")
        assert back.is_hidden()
        page.locator(f'#{checker.start} a[href="#{first_no}"]').click()
        page.locator("[data-triage-restart]").click()
        assert page.locator(VISIBLE).get_attribute("id") == checker.start, "Start over returns to the first question"
    finally:
        page.close()


def test_outcome_link_shows_that_outcome(browser, base_url, checker, site):
    page = browser.new_page()
    try:
        for url in (f"{base_url}/symptom-checker.html", (site / "symptom-checker.html").as_uri()):
            for outcome in ("out-emergency-lungs", "out-self-care-strain"):
                page.goto(f"{url}#{outcome}")
                assert page.locator(VISIBLE).get_attribute("id") == outcome
                assert page.locator(f"#{outcome}").is_visible()
    finally:
        page.close()
