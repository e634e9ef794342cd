"""The system's Chromium and a local web server for a built site: one place for both, shared by scripts/lighthouse.py
(run as a script, so imported as `local_site`) and tests/browser.py (imported as `scripts.local_site`, where it adds
pytest's skip when Chromium is missing). No pytest here: `make lighthouse` runs without the test requirements.

The browser is the one the CHROMIUM environment variable names, else the first of BROWSER_PATHS that exists: the
usual install paths on Debian, Ubuntu and macOS. Never a browser a tool downloads."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

BROWSER_PATHS = (
    "/usr/bin/chromium",  # Debian (apt-get install chromium)
    "/usr/bin/chromium-browser",  # Ubuntu (apt)
    "/snap/bin/chromium",  # Ubuntu (snap)
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",  # macOS
    "/Applications/Chromium.app/Contents/MacOS/Chromium",  # macOS
)


def find_chromium(environ=os.environ, exists=os.path.isfile) -> str | None:
    """CHROMIUM if set (used as given, so a wrong path is reported, not replaced), else the first install path that
    exists, else `chromium` on the PATH; None when there is none."""
    if environ.get("CHROMIUM"):
        return environ["CHROMIUM"]
    return next((path for path in BROWSER_PATHS if exists(path)), None) or shutil.which("chromium")


CHROMIUM = find_chromium() or BROWSER_PATHS[0]  # the path to report when no browser is found
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, with no line printed per request."""

    def log_message(self, *args):
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    """A threaded server that says nothing when a browser drops a connection (it closes pages mid-download)."""

    daemon_threads = True

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], ConnectionError):  # reset, aborted or broken pipe: the client left
            return
        super().handle_error(request, client_address)


@contextmanager
def serve(site: Path, handler: type[http.server.SimpleHTTPRequestHandler] = QuietHandler):
    """Serve `site` on 127.0.0.1 at a free port, in a thread; yields the base URL."""
    server = QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
