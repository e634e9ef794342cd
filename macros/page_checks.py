"""Check the macro calls of a written page, so that `make check` rejects what the build would reject there.

The staging step runs this on every page that renders macros, in `make check` and in the build alike. It reports,
on the line of the page in content/:
- a template syntax error (an unclosed `{{`, a stray `{%`);
- a call to a macro that does not exist, or a variable no page has (mkdocs-macros' own, mkdocs.yml's `extra:`
  and the page's front matter are known);
- a macro given something content does not have (an unknown card, reference key, care card or filter): each call
  whose arguments are all written out is made once, through the same macros the build renders with
  (macros/page_macros.py), so the problems and their messages are the build's own.
Calls without arguments are not made here: they take nothing a page can get wrong.
"""

from __future__ import annotations

import difflib
from dataclasses import replace

from jinja2 import Environment, TemplateSyntaxError, nodes

from .content import Content
from .errors import ContentError
from .page_macros import PageContext, page_macros
from .renderers import MacroError
from .siteconfig import SiteConfig

# Built into mkdocs-macros (mkdocs_macros/context.py and plugin.py): a page may call or read these too.
PLUGIN_MACROS = {"context", "macros_info", "now", "fix_url"}
PLUGIN_VARIABLES = {"config", "environment", "extra", "files", "filters", "filters_builtin", "git", "macros"}
PLUGIN_VARIABLES |= {"navigation", "page", "plugin"}
STAGED_META = {"edit_url", "edit_path", "calf"}  # front matter the staging step adds to every page
JINJA_SPECIAL = {"loop", "self", "super", "caller", "varargs", "kwargs"}  # names Jinja defines in loops and macros
CALL_FIX = "See CONTRIBUTING.md for the macros and how to call each."


def _literal(node: nodes.Call):
    """The call's arguments if every one is written out (a string, number or list of them), else None."""
    values = [*node.args, *(keyword.value for keyword in node.kwargs)]
    if node.dyn_args or node.dyn_kwargs or not all(isinstance(v, nodes.Const) for v in values):
        return None
    return [a.value for a in node.args], {k.key: k.value.value for k in node.kwargs}


def page_macro_errors(
    content: Content, config: SiteConfig, path: str, src: str, meta: dict, body: str, first_line: int
) -> list[ContentError]:
    """Problems in the macro calls of one page. `path` is the file in the repository, `src` its staged path, `meta`
    its front matter, `body` the text after it, which starts on line `first_line` of the file."""
    environment = Environment(**config.template_syntax)
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
    known = set(macros) | PLUGIN_MACROS | {"page_end"} | set(environment.globals)
    variables = PLUGIN_VARIABLES | STAGED_META | JINJA_SPECIAL | config.extra_names | set(meta)
    names, calls = [], []
    for node in tree.find_all((nodes.Name, nodes.Call)):
        (names if isinstance(node, nodes.Name) else calls).append(node)
    called = {call.node.name for call in calls if isinstance(call.node, nodes.Name)}
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
    for call in calls:
        if not isinstance(call.node, nodes.Name):
            continue
        name, line = call.node.name, first_line + call.lineno - 1
        if name not in known:
            close = difflib.get_close_matches(name, sorted(macros), n=1)
            hint = f"Did you mean {close[0]}()? " if close else ""
            errors.append(ContentError(path, f"there is no macro called {name}().", line=line, fix=hint + CALL_FIX))
            continue
        arguments = _literal(call) if name in macros else None
        if arguments is None or not (arguments[0] or arguments[1]):
            continue
        try:
            macros[name](*arguments[0], **arguments[1])
        except MacroError as exc:  # its text names the page, the problem and the fix
            error = ContentError.parse(str(exc), line)
            errors.append(error if error.fix else replace(error, fix=CALL_FIX))
        except TypeError as exc:
            problem = str(exc).replace("page_macros.<locals>.", "")
            errors.append(ContentError(path, f"{name}() was called wrongly: {problem}.", line=line, fix=CALL_FIX))
    return errors
