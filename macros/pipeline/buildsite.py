"""The whole build in one process, as `make build` runs it: stage content/, the strict MkDocs build, the CSP step.

    python -m macros.pipeline.buildsite SITE_DIR

The stage renders every page, so MkDocs only turns finished Markdown into HTML. MkDocs runs through its own command
line (`mkdocs build --strict`, the same code, logging and exit status as the shell command), not a re-implementation.
The Makefile runs this module; tests/helpers.run_build and scripts/bench.py run it through build_command().
"""

from __future__ import annotations

import sys
from pathlib import Path

from .stage import stage_and_report


def build_command(site: Path | str) -> list[str]:
    """The command that builds the project in the current folder into `site`."""
    return [sys.executable, "-m", "macros.pipeline.buildsite", str(site)]


def mkdocs_args(project: Path, site: Path) -> list[str]:
    """MkDocs' command line for the build: strict, so every warning (a broken link or anchor) fails it."""
    return ["build", "--strict", "--config-file", str(project / "mkdocs.yml"), "--site-dir", str(site)]


def _mkdocs(project: Path, site: Path) -> int:
    from mkdocs.__main__ import cli

    try:
        cli.main(args=mkdocs_args(project, site), prog_name="mkdocs", standalone_mode=False)
    except SystemExit as exc:  # click's Abort and MkDocs' strict-mode abort arrive here
        return int(exc.code or 0)
    except Exception as exc:  # click.ClickException (MkDocs' Abort): already logged by MkDocs, message on stderr
        show = getattr(exc, "show", None)
        if show is None:
            raise
        show()
        return 1
    return 0


def build(project: Path, site: Path) -> int:
    """Stage, build and secure; the exit status. Stops at the first failing step, so no partial site is finished."""
    from .csp import main as secure

    if stage_and_report(project) is None:
        return 1
    status = _mkdocs(project, site)
    return status or secure(site)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print("Usage: python -m macros.pipeline.buildsite SITE_DIR", file=sys.stderr)
        return 2
    return build(Path.cwd(), Path(argv[0]).resolve())


if __name__ == "__main__":
    sys.exit(main())
