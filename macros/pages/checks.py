"""Check the macro calls of a written page, so that `make check` rejects what the build would reject there.

The staging step runs this on every page that renders macros, in `make check` and in the build alike, before it
renders the page (macros/pages/written.py). It reports, on the line of the page in content/:
- a template syntax error (an unclosed `{{`, a stray `{%`);
- a call to a macro that does not exist, or a variable no page has (the page macros, `config` and the page's front
  matter are known);
- with `calls` (the stage asks when the page has a problem or its render fails): every call whose arguments are all
  written out, or that has none, made once through the same macros the stage renders with, so that every such
  problem (an unknown card, a missing argument) is listed at once, in the stage's own words. A render stops at its
  first failure.
"""

from __future__ import annotations

import difflib

from jinja2 import TemplateSyntaxError, nodes

from ..base.errors import ContentError
from ..content.load import Content
from .context import PageContext
from .page_macros import page_macros
from .renderers import MacroError
from .written import CALL_FIX, call_problem, macro_problem, page_environment

PAGE_VARIABLES = {"config"}  # the site variable the stage gives every page (page_render.site_variables)
JINJA_SPECIAL = {"loop", "self", "super", "caller", "varargs", "kwargs"}  # names Jinja defines in loops and macros


def _literal(node: nodes.Call):
    """The call's arguments if every one is written out (a string, number or list of them), else None."""
    values = [*node.args, *(keyword.value for keyword in node.kwargs)]
    if node.dyn_args or node.dyn_kwargs or not all(isinstance(v, nodes.Const) for v in values):
        return None
    return [a.value for a in node.args], {k.key: k.value.value for k in node.kwargs}


def page_macro_errors(
    content: Content, path: str, src: str, meta: dict, body: str, first_line: int, calls: bool = False
) -> list[ContentError]:
    """Problems in the macro calls of one page. `path` is the file in the repository, `src` its staged path, `meta`
    its front matter, `body` the text after it, which starts on line `first_line` of the file. With `calls`, every
    call whose arguments are written out is also made, and its problem reported."""
    environment = page_environment()
    try:
        tree = environment.parse(body)
    except TemplateSyntaxError as exc:
        return [
            ContentError(
                path,
                f"template syntax error: {exc.message}.",
                line=first_line + (exc.lineno or 1) - 1,
                fix="Close every '{{' with '}}'. To show '{{' as text, write {{ '{{' }}.",
            )
        ]
    context = PageContext(src, path)
    macros = page_macros(lambda: content, lambda: context)
    known = set(macros) | set(environment.globals)
    variables = PAGE_VARIABLES | JINJA_SPECIAL | set(meta)
    names, found = [], []
    for node in tree.find_all((nodes.Name, nodes.Call)):
        (names if isinstance(node, nodes.Name) else found).append(node)
    called = {call.node.name for call in found if isinstance(call.node, nodes.Name)}
    assigned = {name.name for name in names if name.ctx != "load"}  # {% set %} and {% for %} targets
    assigned |= {node.name for node in tree.find_all(nodes.Macro)}  # a page's own {% macro %}
    for imported in tree.find_all((nodes.Import, nodes.FromImport)):
        targets = [imported.target] if isinstance(imported, nodes.Import) else imported.names
        assigned |= {target if isinstance(target, str) else target[-1] for target in targets}
    known |= assigned
    first_use: dict[str, int] = {}
    for name in names:
        first_use.setdefault(name.name, name.lineno)
    errors = [
        ContentError(
            path,
            f"'{name}' is not a macro or a variable a page has.",
            line=first_line + first_use[name] - 1,
            fix="check its spelling. To show '{{' as text, write {{ '{{' }}.",
        )
        for name in sorted(set(first_use) - known - variables - called)
    ]
    for call in found:
        if not isinstance(call.node, nodes.Name):
            continue
        name, line = call.node.name, first_line + call.lineno - 1
        if name not in known:
            close = difflib.get_close_matches(name, sorted(macros), n=1)
            hint = f"Did you mean {close[0]}()? " if close else ""
            errors.append(ContentError(path, f"there is no macro called {name}().", line=line, fix=hint + CALL_FIX))
            continue
        arguments = _literal(call) if calls and name in macros else None
        if arguments is None:
            continue
        try:
            macros[name](*arguments[0], **arguments[1])
        except MacroError as exc:  # its text names the page, the problem and the fix
            errors.append(macro_problem(exc, line))
        except TypeError as exc:
            if exc.__traceback__.tb_next is not None:  # raised inside the macro, not by its arguments: a bug
                raise
            errors.append(call_problem(exc, path, line))
    return errors
