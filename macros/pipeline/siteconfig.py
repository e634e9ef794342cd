"""What the pipeline needs from mkdocs.yml (the one configuration file MkDocs and Zensical both read), read by MkDocs'
own config loader: its !ENV tags, defaults and validation, not a copy of them.

The folder contributors edit is SOURCE, beside mkdocs.yml, named here and nowhere else. The staged folder is
mkdocs.yml's `docs_dir`; edit links are `repo_url` + `edit_uri` (the repository's root on the branch contributors
edit) + the file's path in the repository; canonical addresses come from `site_url`.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

SOURCE = "content"  # the folder contributors edit; the stage validates it and writes docs_dir from it


@dataclass(frozen=True)
class SiteConfig:
    project: Path  # the folder holding mkdocs.yml
    source: Path  # SOURCE: what contributors edit
    staged: Path  # docs_dir: what the generator builds (written by macros/pipeline/stage.py)
    site_name: str
    site_description: str  # the site's description, or its name when mkdocs.yml gives none
    repo_url: str
    edit_uri: str  # e.g. 'edit/main/': the edit address of the repository's root, after repo_url
    site_url: str | None
    language: str
    nav_pages: frozenset  # every page `nav:` lists, by its path in the docs folder
    not_in_nav: object  # mkdocs.yml's `not_in_nav:` as MkDocs compiles it (gitignore patterns; .match_file(path))

    def edit_url(self, rel: str) -> str:
        """The 'Edit this page' address of a file in content/ ('treat/first-days.md', 'exercises/x.yml')."""
        return f"{self.repo_url.rstrip('/')}/{self.edit_uri.strip('/')}/{self.edit_path(rel)}"

    def edit_path(self, rel: str) -> str:
        """The file's path in the repository, e.g. content/treat/first-days.md (for the problem-report form)."""
        return (self.source / rel).relative_to(self.project).as_posix()

    def canonical_url(self, page: str) -> str | None:
        return f"{self.site_url.rstrip('/')}/{page}" if self.site_url else None


_cache: dict[tuple, SiteConfig] = {}


def load_config(project: Path, config_file: str = "mkdocs.yml") -> SiteConfig:
    """The pipeline's view of mkdocs.yml, read again only when the file or the environment (!ENV) changes."""
    project = Path(project).resolve()
    path = project / config_file
    key = (path, path.stat().st_mtime_ns, tuple(sorted(os.environ.items())))
    if key not in _cache:
        _cache.clear()
        _cache[key] = _read(project, path)
    return _cache[key]


def _read(project: Path, path: Path) -> SiteConfig:
    from mkdocs.config import load_config as mkdocs_config
    from mkdocs.utils.yaml import yaml_load

    # MkDocs requires docs_dir to exist, and the stage is what fills it: on a fresh clone it is made here, empty.
    with path.open(encoding="utf-8") as file:
        (project / (yaml_load(file) or {}).get("docs_dir", "docs")).mkdir(parents=True, exist_ok=True)

    # Quiet while the stage reads it: MkDocs logs any config warning itself when it builds (and fails --strict on it).
    log = logging.getLogger("mkdocs")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        config = mkdocs_config(str(path))
    finally:
        log.setLevel(level)
    return SiteConfig(
        project=project,
        source=project / SOURCE,
        staged=Path(config.docs_dir),
        site_name=config.site_name,
        site_description=config.site_description or config.site_name,
        repo_url=config.repo_url or "",
        edit_uri=config.edit_uri or "",
        site_url=config.site_url or None,
        language=config.theme["language"],
        nav_pages=frozenset(_nav_pages(config.nav or [])),
        not_in_nav=config.not_in_nav,
    )


def _nav_pages(item) -> list[str]:
    """The page files in a `nav:` entry: 'a.md', {'Title': 'a.md'}, or a list of either, nested."""
    if isinstance(item, str):
        return [item.lstrip("/")] if item.endswith(".md") else []
    values = item.values() if isinstance(item, dict) else item if isinstance(item, list) else []
    return [page for value in values for page in _nav_pages(value)]
