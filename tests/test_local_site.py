"""The local test server and the browser finder (scripts/local_site.py): quiet when a client drops a connection, and
the browser found from CHROMIUM, then the usual install paths of Debian, Ubuntu and macOS."""

from __future__ import annotations

import socket
import struct
import urllib.request

from scripts.local_site import BROWSER_PATHS, find_chromium, serve


def test_a_dropped_connection_prints_no_traceback(tmp_path, capfd):
    (tmp_path / "big.bin").write_bytes(b"x" * 8_000_000)
    (tmp_path / "index.html").write_text("ok")
    with serve(tmp_path) as url:
        port = int(url.rsplit(":", 1)[1].strip("/"))
        for _ in range(5):
            client = socket.create_connection(("127.0.0.1", port))
            client.sendall(b"GET /big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            client.recv(100)
            # Close with a reset (SO_LINGER 0) while the server is still sending, as a browser leaving a page does.
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            client.close()
        assert urllib.request.urlopen(url + "index.html").read() == b"ok", "the server keeps serving"
    captured = capfd.readouterr()
    assert "Traceback" not in captured.err + captured.out, captured.err


def test_chromium_comes_from_the_variable_then_the_usual_install_paths():
    nothing = lambda path: False  # noqa: E731
    assert find_chromium({"CHROMIUM": "/opt/my/chrome"}, nothing) == "/opt/my/chrome"
    assert find_chromium({}, lambda path: path == "/snap/bin/chromium") == "/snap/bin/chromium"
    assert find_chromium({}, lambda path: True) == "/usr/bin/chromium", "Debian's first"
    mac = "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"
    assert find_chromium({}, lambda path: path == mac) == mac
    assert {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/snap/bin/chromium"} <= set(BROWSER_PATHS)
    assert "/Applications/Chromium.app/Contents/MacOS/Chromium" in BROWSER_PATHS
