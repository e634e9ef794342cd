"""scripts/bench.py's logic and report, on made-up timings: runs in turn, the pass/miss verdicts, the reload poll
against a real local server, the document update and bad arguments. The benchmark itself runs under `make bench`,
not here: its timings depend on the machine and a run takes minutes."""

from __future__ import annotations

import http.server
import subprocess
import sys
import threading
import time
from functools import partial

import pytest

from helpers import ROOT

sys.path.insert(0, str(ROOT / "scripts"))  # the bench scripts import each other as scripts do

import bench  # noqa: E402
import bench_reload  # noqa: E402
from bench_sites import BenchError  # noqa: E402

BENCH = ROOT / "scripts" / "bench.py"


def test_bad_card_counts_fail_with_a_message():
    result = subprocess.run(
        [sys.executable, str(BENCH), "--cards", "ten"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert "--cards takes whole numbers" in result.stderr


def test_a_and_b_run_in_turn():
    order = []
    pairs = bench.in_turn(lambda: order.append("A") or 2.0, lambda: order.append("B") or 1.0, 3)
    assert order == ["A", "B", "A", "B", "A", "B"]
    assert pairs == [(2.0, 1.0)] * 3


def test_overhead_is_the_median_of_the_pair_percentages():
    # Pair ratios 1.1, 1.5 and 2.4: the median pair is +50%; the ratio of the medians (2.4 / 1.0) would be +140%.
    mid, low, high = bench.overhead([(1.1, 1.0), (3.0, 2.0), (2.4, 1.0)])
    assert (round(mid), round(low), round(high)) == (50, 10, 140)


def _measured(first_view: float, slow_reload: float, bend: float) -> bench.Measured:
    # Full builds at 33, 330 and 1,000 cards: 1 s plus 10 ms a card, plus `bend` times the card count squared.
    def pairs(n, a_over_b, count):
        a = 1 + 0.01 * n + bend * n * n
        return [(a * (1 + 0.001 * i), a / a_over_b) for i in range(count)]

    return bench.Measured(
        pairs={33: pairs(33, 1.2, 5), 330: pairs(330, 1.5, 5), 1000: pairs(1000, 1.4, 3)},
        reload={"card": [0.4, 0.6, 3.0], "page": [slow_reload] * 3},
        first_view_kb=first_view,
        first_view_files=8,
        search_kb=130.0,
    )


def test_each_target_gets_its_row_and_verdict():
    rows = bench.target_rows(_measured(first_view=86.0, slow_reload=1.2, bend=0.0), real=33)
    verdicts = {target.split(" at most")[0].split(" (")[0]: result for target, _, result in rows}
    assert len(rows) == 6  # 330 cards counts for linearity only
    assert rows[0][0].endswith("33 cards") and rows[0][2] == "pass"  # +20%
    assert rows[1][0].endswith("1,000 cards") and rows[1][2] == "MISS"  # +40%
    assert verdicts["Live reload after saving one card"] == "pass"  # median 0.6 s
    assert verdicts["Live reload after saving one page"] == "MISS"  # 1.2 s
    assert verdicts["Linear to 1,000 cards"] == "pass"
    assert verdicts["First view of the home page"] == "MISS"  # 86 KB
    assert "+20% (median of 5 pairs" in rows[0][1]
    table = bench.table(rows)
    assert table.splitlines()[0] == "| Target | Measured | Result |" and table.count("\n") == len(rows) + 1


def test_a_build_time_that_bends_upwards_is_not_linear():
    rows = bench.target_rows(_measured(first_view=80.0, slow_reload=0.5, bend=0.00002), real=33)
    linear = next(row for row in rows if row[0].startswith("Linear"))
    assert linear[2] == "MISS" and "bends upwards" in linear[1]
    first = next(row for row in rows if row[0].startswith("First view"))
    assert first[2] == "pass"


def test_linearity_needs_a_size_near_1000_cards():
    text, straight = bench.linearity({33: [(1.0, 0.8)] * 3, 40: [(1.1, 0.9)] * 3, 45: [(1.2, 1.0)] * 3})
    assert straight is None and "needs 3 sizes" in text


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def served(tmp_path):
    handler = partial(QuietHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield tmp_path, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_the_reload_poll_waits_until_the_served_page_has_the_text(served):
    folder, base = served
    (folder / "page.html").write_text("<p>old</p>", encoding="utf-8")
    start = time.perf_counter()
    threading.Timer(0.3, lambda: (folder / "page.html").write_text("<p>new zq1x</p>", encoding="utf-8")).start()
    seconds = bench_reload.wait_for(f"{base}page.html", "zq1x", start, limit=10)
    assert 0.3 <= seconds < 2


def test_the_reload_poll_gives_up_when_the_text_never_comes(served):
    folder, base = served
    (folder / "page.html").write_text("<p>old</p>", encoding="utf-8")
    with pytest.raises(BenchError, match="did not show 'zq2x' within 1 s"):
        bench_reload.wait_for(f"{base}page.html", "zq2x", time.perf_counter(), limit=1.0)


def test_the_edit_lands_in_a_cards_purpose_or_a_pages_end():
    assert (
        bench_reload.edited("id: x\npurpose: Strong calves.\n", "c.yml", "zq3x")
        == "id: x\npurpose: zq3x Strong calves.\n"
    )
    assert bench_reload.edited("# Title\n\nText.\n", "p.md", "zq3x") == "# Title\n\nText.\n\nzq3x\n"


def test_the_report_goes_between_the_markers_only(tmp_path):
    doc = tmp_path / "BENCHMARKS.md"
    doc.write_text(f"Before\n{bench.START}\nold figures\n{bench.END}\nAfter\n", encoding="utf-8")
    bench.update_doc(doc, "new figures\n")
    assert doc.read_text(encoding="utf-8") == f"Before\n{bench.START}\n\nnew figures\n\n{bench.END}\nAfter\n"
    doc.write_text("no markers\n", encoding="utf-8")
    with pytest.raises(BenchError, match="needs one line"):
        bench.update_doc(doc, "x")
