"""The downloadable edition: the built site as one zip a reader opens offline, the same bytes for the same commit.

    source_epoch(project)  the build's time: SOURCE_DATE_EPOCH, else the last commit's time (git), else today 00:00 UTC
    write_zip(site)        site/download/calf-pain-guide-<date>.zip: every file but download/ itself, under one folder
    write_edition(site)    site/download/edition.js: the files in download/ with their sizes (the download page's data)

`make build` (buildsite.py) sets SOURCE_DATE_EPOCH from source_epoch() before it stages, so the pages, the sitemap and
the zip all carry the commit's date, not the wall clock's. The zip is deterministic: entries sorted, each stamped with
that time and mode 0644, one compression level. It is made before the offline step (offline.py), so it has no
service worker or manifest, which do nothing from file://. It leaves out download/, which holds the zip itself, the PDF
(`make pdf`) and edition.js, so the download page can state the zip's size: edition.js is written after the zip, and
the page (offline.md) loads it only when served over http(s), where download/ exists.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..base.clock import build_date
from ..base.fragments import render
from ..base.urls import DOWNLOAD_DIR as DOWNLOAD
from ..base.urls import edition_stem

ZIP_EPOCH = 315532800  # 1980-01-01 00:00 UTC, the earliest time a zip entry can record
LEVEL = 6  # fixed so the bytes do not follow a library default; 9 took twice the time for 0.8% smaller (1.88 MB)


@dataclass(frozen=True)
class Edition:
    date: dt.date

    @property
    def stem(self) -> str:
        return edition_stem(self.date)


def _commit_epoch(project: Path) -> int | None:
    """The last commit's time (Unix seconds), or None outside a git checkout or without git."""
    try:
        result = subprocess.run(
            ["git", "-C", str(project), "log", "-1", "--format=%ct"], capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return None
    value = result.stdout.strip()
    return int(value) if result.returncode == 0 and value.isdigit() else None


def source_epoch(project: Path, environ=os.environ) -> int:
    """SOURCE_DATE_EPOCH if set, else the last commit's time, else the start of today (UTC): a copy built with no git
    history still builds the same bytes all day."""
    value = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value.isdigit():
        return int(value)
    commit = _commit_epoch(project)
    if commit is not None:
        return commit
    midnight = dt.datetime.combine(dt.datetime.now(dt.UTC).date(), dt.time(), dt.UTC)
    return int(midnight.timestamp())


def edition() -> Edition:
    """This build's edition: its date is the published build date (macros/base/clock.py)."""
    return Edition(build_date())


def _entries(site: Path) -> list[Path]:
    """Every file of the site but download/, in a fixed order (by path, as posix text)."""
    files = [p for p in site.rglob("*") if p.is_file() and p.relative_to(site).parts[0] != DOWNLOAD]
    return sorted(files, key=lambda p: p.relative_to(site).as_posix())


def _stamp(environ=os.environ) -> tuple[int, int, int, int, int, int]:
    """The time every entry records: SOURCE_DATE_EPOCH (UTC), never before 1980; seconds even (zip keeps 2 s steps)."""
    value = environ.get("SOURCE_DATE_EPOCH", "").strip()
    epoch = max(int(value) if value.isdigit() else ZIP_EPOCH, ZIP_EPOCH)
    t = dt.datetime.fromtimestamp(epoch, dt.UTC)
    return (t.year, t.month, t.day, t.hour, t.minute, t.second - t.second % 2)


def write_zip(site: Path, this: Edition | None = None) -> Path:
    """Write the site into download/<stem>.zip, every entry under the folder <stem>/; the zip's path."""
    this = this or edition()
    target = site / DOWNLOAD / f"{this.stem}.zip"
    target.parent.mkdir(parents=True, exist_ok=True)
    stamp = _stamp()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=LEVEL) as archive:
        for path in _entries(site):
            info = zipfile.ZipInfo(f"{this.stem}/{path.relative_to(site).as_posix()}", date_time=stamp)
            info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--, whatever the build machine's umask
            info.create_system = 3  # Unix, so the mode above is read as one
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes(), compresslevel=LEVEL)
    return target


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_edition(site: Path, this: Edition | None = None) -> Path:
    """Write download/edition.js: the edition's date and every file in download/ (the zip, and the PDF once `make pdf`
    has run) with its size in bytes. The download page shows them; run again after a file is added."""
    this = this or edition()
    folder = site / DOWNLOAD
    files = [
        {"name": p.name, "kind": p.suffix.lstrip("."), "bytes": p.stat().st_size, "sha256": _sha256(p)}
        for p in sorted(folder.iterdir())
        if p.suffix in (".zip", ".pdf") and p.name.startswith(this.stem)
    ]
    target = folder / "edition.js"
    target.write_text(render("edition.js", edition={"date": this.date.isoformat(), "files": files}) + "\n")
    return target


def add_download(site: Path) -> int:
    """The build's last step: the zip, then edition.js; prints what it wrote. The exit status."""
    archive = write_zip(site)
    write_edition(site)
    size = archive.stat().st_size
    print(f"macros.pipeline.download: {archive.relative_to(site)} written ({size / 1e6:.1f} MB)")
    return 0
