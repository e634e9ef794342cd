"""Markup in content data reaches the built page as text: a card name and a programme title holding HTML are escaped
in the page title, the header, the navigation, the meta description and the body."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from helpers import html_pages, run_build

pytestmark = [pytest.mark.build, pytest.mark.slow]

HOSTILE = "<img src=x onerror=alert(1)>\"'</script>"


class _Elements(HTMLParser):
    """Every element and attribute the browser would create, and the text of <title>."""

    def __init__(self):
        super().__init__()
        self.tags, self.attrs, self.title, self._in_title = [], [], "", False
        self.descriptions: list[str | None] = []  # every <meta name="description"> content, as a browser reads it

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [name for name, _ in attrs]
        self._in_title = tag == "title"
        if tag == "meta" and ("name", "description") in attrs:
            self.descriptions.append(dict(attrs).get("content"))

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def _set(path, field, value):
    text = path.read_text()
    changed = re.sub(rf"(?m)^{field}: .*$", f"{field}: {value}", text, count=1)
    assert changed != text
    path.write_text(changed)


def test_markup_in_a_card_name_and_programme_title_is_escaped_everywhere(project_copy, tmp_path):
    quoted = "'" + HOSTILE.replace("'", "''") + "'"
    _set(project_copy / "content" / "exercises" / "calf-raise-double.yml", "name", quoted)
    _set(project_copy / "content" / "exercises" / "calf-raise-double.yml", "purpose", quoted)
    _set(project_copy / "content" / "programs" / "walk-run-return.yml", "title", quoted)
    site = tmp_path / "site"
    result = run_build(project_copy, site)
    assert result.returncode == 0, result.stdout + result.stderr
    for page in html_pages(site):
        parsed = _Elements()
        parsed.feed(page.read_text())
        assert "img" not in parsed.tags or "onerror" not in parsed.attrs, (
            f"{page.relative_to(site)}: markup got through"
        )
        assert "onerror" not in parsed.attrs, page.relative_to(site)
    card = _Elements()
    card.feed((site / "exercises" / "calf-raise-double.html").read_text())
    assert card.title.strip().startswith(HOSTILE), card.title
    # The card's purpose is its meta description: the attribute must hold the whole text, quotes and all. Unescaped,
    # the first '"' would end the attribute early and the rest would become markup.
    assert card.descriptions == [HOSTILE], card.descriptions
