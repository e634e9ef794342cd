"""Hostile text in findings, pain rules, people and programmes never becomes markup.

The same property-based test as test_hostile_content.py (its docstring says how it works), for the content types
that module leaves out: each example is a full site build, and a module of its own lets `make test`'s two workers
(--dist loadfile) share the builds.
"""

from __future__ import annotations

from test_hostile_content import HERE, KINDS, _make_test, template  # noqa: F401 (template: the fixture these use)

OTHERS = tuple(kind for kind in KINDS if kind not in HERE)


def test_every_content_type_is_tested_in_one_of_the_two_modules():
    assert OTHERS and set(HERE) <= set(KINDS) and set(HERE) | set(OTHERS) == set(KINDS)


for _kind in OTHERS:
    _test = _make_test(_kind)
    globals()[_test.__name__] = _test
del _kind, _test
