"""Live preview survives mistakes: the real `mkdocs serve` on a project copy, a mistake saved, the error shown in the
terminal and on the page, the server still running, and the next good save recovering."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

PAGE = "content/prevent.md"
CARD = "content/exercises/calf-raise-double.yml"
WAIT = 60  # seconds for one rebuild on a busy 2-core machine; the wait ends as soon as the page changes


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:  # not up yet, or busy rebuilding (serve holds requests until the build is done)
        return ""


class Preview:
    """A running `mkdocs serve` and its terminal output (a file, read as it grows)."""

    def __init__(self, project: Path, log: Path):
        self.port, self.log = _free_port(), log
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        subprocess.run([sys.executable, "-m", "macros.pipeline.stage"], cwd=project, check=True, env=env, timeout=120)
        self.out = log.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=project,
            stdout=self.out,
            stderr=subprocess.STDOUT,
            env=env,
        )

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def terminal(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for(self, path: str, check, what: str) -> str:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"the server stopped while waiting for {what}:\n{self.terminal()}"
            html = _get(self.url(path))
            if html and check(html):
                return html
            time.sleep(0.3)
        raise AssertionError(f"timed out waiting for {what}. Terminal:\n{self.terminal()[-3000:]}")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.out.close()


@pytest.fixture
def preview(project_copy, tmp_path):
    running = Preview(project_copy, tmp_path / "serve.log")
    yield running
    running.stop()


@pytest.mark.slow
def test_live_preview_shows_mistakes_and_recovers(preview, project_copy):
    page, card = project_copy / PAGE, project_copy / CARD
    page_text, card_text = page.read_text(encoding="utf-8"), card.read_text(encoding="utf-8")
    preview.wait_for("prevent.html", lambda html: "<h1" in html, "the first build")
    # The preview's service worker removes itself and every cache: a preview is never answered from an offline copy.
    worker = _get(preview.url("sw.js"))
    assert "self.registration.unregister()" in worker and "caches.delete" in worker
    assert "precacheAndRoute" not in worker

    # A macro error (an unknown card in a page): the staging step names it on its line, in the terminal and in the
    # error box on every page; the server keeps running.
    page.write_text(page_text + '\n\n{{ exercise_card("no-such-card") }}\n', encoding="utf-8")
    html = preview.wait_for("prevent.html", lambda h: "no-such-card" in h, "the macro error on the page")
    assert "Content error" in html and "content/prevent.md:" in html
    assert "exercise_card('no-such-card'): no such card" in preview.terminal()
    page.write_text(page_text, encoding="utf-8")
    preview.wait_for("prevent.html", lambda h: "no-such-card" not in h, "recovery after the macro error")

    # A content error: the last good pages stay up with the error in a box on every page, and in the terminal.
    card.write_text(card_text.replace("purpose: ", "purpose_typo: ", 1), encoding="utf-8")
    html = preview.wait_for("prevent.html", lambda h: "Content error" in h, "the content error box")
    assert "calf-raise-double.yml" in html and "purpose" in html
    assert "calf-raise-double.yml" in preview.terminal()
    assert "Content error" in _get(preview.url("exercises/calf-raise-double.html")), "the last good card page stays"
    card.write_text(card_text.replace("purpose: ", "purpose: Fixed again. ", 1), encoding="utf-8")
    preview.wait_for(
        "exercises/calf-raise-double.html",
        lambda h: "Fixed again." in h and "Content error" not in h,
        "recovery after the content error, with the new text",
    )

    # A link to a page that does not exist: named on its line by the staging step, in the terminal and the error box.
    page.write_text(page_text + "\n\nSee [the missing page](no-such-page.md).\n", encoding="utf-8")
    html = preview.wait_for("prevent.html", lambda h: "no-such-page.md" in h, "the broken link in the error box")
    assert "Content error" in html
    assert "the link to 'no-such-page.md' leads nowhere" in preview.terminal()
    page.write_text(page_text + "\n\nSee [the red flags](red-flags.md).\n", encoding="utf-8")
    preview.wait_for(
        "prevent.html", lambda h: "the red flags" in h and "Content error" not in h, "recovery after the broken link"
    )

    # A link to a section that does not exist: MkDocs' warning in the terminal, and the page still updates (strict
    # mode is make build's --strict, not a mkdocs.yml setting, so serve does not stop on stale pages).
    page.write_text(page_text + "\n\nSee [the missing section](red-flags.md#no-such-section).\n", encoding="utf-8")
    preview.wait_for("prevent.html", lambda h: "the missing section" in h, "the page with the broken section link")
    assert "no-such-section" in preview.terminal()
    assert preview.process.poll() is None
