"""MkDocs hook for live preview only: `mkdocs serve` re-runs the staging step before each rebuild.

The published site needs no hook (Zensical runs none): `make build` stages first, then runs the generator. Under
`mkdocs serve`, a content change (mkdocs.yml `watch: [content]`) restages; a content error is printed and the
previous staged pages keep being served until the next save fixes it.
"""

from __future__ import annotations

import logging
from pathlib import Path

from macros.errors import ContentErrors
from macros.stage import stage

log = logging.getLogger("mkdocs.hooks.calf_guide")
_command = {"name": ""}


def on_startup(command, dirty):
    _command["name"] = command


def on_pre_build(config):
    if _command["name"] != "serve":
        return  # make build and the tests stage before MkDocs starts
    try:
        staged = stage(Path(config["config_file_path"]).parent)
    except (ContentErrors, FileNotFoundError) as exc:
        log.error("Content error; still serving the last good pages until you fix it:\n%s", exc)
        return
    for warning in staged.warnings:
        log.info("%s", warning)
