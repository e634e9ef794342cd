"""The one Jinja environment for our HTML (macros/base/fragments.py), the escaping path of all the pipeline writes:
data is escaped in text and attributes, an undefined name fails, and the filters make attribute text inert, values
readable and each fragment one Markdown HTML block."""

from __future__ import annotations

import pytest
from jinja2 import UndefinedError
from markupsafe import Markup

from macros.base import fragments as render

HOSTILE = "<img src=x onerror=alert(1)>\"'</script>{{ x }}"
PUNCTUATION = "\n!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"


def test_data_is_escaped_in_text_and_attributes():
    out = render.environment().from_string('<p title="{{ t }}">{{ t }}</p>').render(t=HOSTILE)
    escaped = "&lt;img src=x onerror=alert(1)&gt;&#34;&#39;&lt;/script&gt;{{ x }}"
    assert out == f'<p title="{escaped}">{escaped}</p>'


def test_an_undefined_name_fails_instead_of_printing_nothing():
    with pytest.raises(UndefinedError):
        render.environment().from_string("{{ nope }}").render()
    with pytest.raises(UndefinedError):
        render.environment().from_string("{{ card.nope }}").render(card={})


def test_the_environment_is_made_once():
    assert render.environment() is render.environment()


def test_inert_writes_every_punctuation_mark_and_line_break_as_a_reference():
    for char in PUNCTUATION:
        assert render.inert(char) == f"&#{ord(char)};", repr(char)
    assert render.inert("Plain words 123 é") == "Plain words 123 é"
    assert render.inert("[x](javascript:y)") == "&#91;x&#93;&#40;javascript&#58;y&#41;"
    assert isinstance(render.inert("a"), Markup), "marked safe: autoescaping must not escape the & again"
    assert render.environment().from_string('<a title="{{ t | inert }}">').render(t='"<') == '<a title="&#34;&#60;">'


def test_label_reads_a_vocabulary_value_as_words():
    assert render.label("return-to-running") == "Return to running"
    assert render.label("achilles") == "Achilles"
    assert render.label("") == ""
    assert render.environment().filters["label"] is render.label


def test_html_block_drops_blank_lines_and_outer_space():
    block = render.html_block("\n  <p>a</p>\n\n   \n<p>b</p>\n\n")
    assert block == "<p>a</p>\n<p>b</p>" and isinstance(block, Markup)


@pytest.mark.parametrize("value, shown", [(120, "2 min"), (60, "1 min"), (90, "90 s"), (30, "30 s"), (59, "59 s")])
def test_seconds_are_shown_in_minutes_when_whole(value, shown):
    assert render.environment().filters["seconds"](value) == shown


def test_render_gives_one_block_and_render_page_ends_with_one_newline():
    html = render.render("cite.html", entries=[{"key": "a-1", "title": 'T "x"', "number": 1}])
    assert html == (
        '<sup class="calf-cite">[<a href="#ref-a-1" title="T &#34;x&#34;" aria-label="Source 1">1</a>]</sup>'
    )
    page = render.render_page("cite.html", entries=[])
    assert page == '<sup class="calf-cite">[]</sup>\n'


def test_block_tags_leave_no_blank_lines_or_trailing_newline():
    """trim_blocks, lstrip_blocks and no kept trailing newline: a loop in a fragment writes no empty lines, which
    would end a Markdown HTML block."""
    template = "<ul>\n  {% for i in [1] %}\n  <li>{{ i }}</li>\n  {% endfor %}\n</ul>\n"
    assert render.environment().from_string(template).render() == "<ul>\n  <li>1</li>\n</ul>"
