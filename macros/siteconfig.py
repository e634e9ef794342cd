"""What the pipeline needs from mkdocs.yml (the one configuration file both MkDocs and Zensical read).

The staged folder is mkdocs.yml's `docs_dir`; the source folder is the folder `edit_uri` points into (content/);
edit links come from `repo_url` + `edit_uri`, canonical addresses from `site_url`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml's `!ENV [NAME, default]` tags as MkDocs does; ignores other tags' meaning."""


def _env(loader: yaml.SafeLoader, node: yaml.Node):
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    *keys, default = names if len(names) > 1 else (*names, None)
    return next((os.environ[k] for k in keys if os.environ.get(k)), default)


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class SiteConfig:
    project: Path  # the folder holding mkdocs.yml
    source: Path  # content/: what contributors edit
    staged: Path  # docs_dir: what the generator builds (written by macros/stage.py)
    repo_url: str
    edit_uri: str  # e.g. 'edit/main/content/': the repository path of `source`, after repo_url
    site_url: str | None
    language: str
    nav_pages: frozenset  # every page `nav:` lists, by its path in the docs folder
    not_in_nav: str  # mkdocs.yml's `not_in_nav:` patterns (gitignore style), one a line

    def edit_url(self, rel: str) -> str:
        """The 'Edit this page' address of a file in content/ ('treat/first-days.md', 'exercises/x.yml')."""
        return f"{self.repo_url.rstrip('/')}/{self.edit_uri.strip('/')}/{rel}"

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
    config = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    edit_uri = config.get("edit_uri") or "edit/main/docs/"
    # edit_uri is '<action>/<branch>/<folder>/': the folder after the branch is where contributors edit pages.
    source = project / "/".join(edit_uri.strip("/").split("/")[2:])
    return SiteConfig(
        project=project,
        source=source,
        staged=project / config.get("docs_dir", "docs"),
        repo_url=config.get("repo_url", ""),
        edit_uri=edit_uri,
        site_url=config.get("site_url") or None,
        language=(config.get("theme") or {}).get("language", "en"),
        nav_pages=frozenset(_nav_pages(config.get("nav") or [])),
        not_in_nav=config.get("not_in_nav") or "",
    )


def _nav_pages(item) -> list[str]:
    """The page files in a `nav:` entry: 'a.md', {'Title': 'a.md'}, or a list of either, nested."""
    if isinstance(item, str):
        return [item.lstrip("/")] if item.endswith(".md") else []
    values = item.values() if isinstance(item, dict) else item if isinstance(item, list) else []
    return [page for value in values for page in _nav_pages(value)]
