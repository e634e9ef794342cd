"""The mutation score per module after `mutmut run` (make mutate), as a Markdown table, and the surviving mutants.

    python scripts/mutation_report.py [--min 85]

Reads `mutmut results --all true` (one line per mutant: '<module>.<function>__mutmut_<n>: <status>'). A mutant is
killed when a test failed (or timed out: the mutation made the code loop); it survives when every test passed, or when
no selected test reaches its function ("no tests"). The score is killed / (killed + survived + no tests). With --min,
the exit status is 1 when a module scores below it. The weekly workflow (.github/workflows/mutation.yml) writes this
report into its summary; tests/MUTATION.md keeps the last measured scores and says why each survivor is left.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

MUTMUT = Path(sys.executable).parent / "mutmut"
LINE = re.compile(r"^\s*(?P<module>[\w.]+?)\.(?:x_|xǁ)?[\w ǁ]*__mutmut_\d+: (?P<status>.+)$")
KILLED = {"killed", "timeout", "caught by type check"}
NOT_KILLED = {"survived", "no tests"}


def tally(lines: list[str]) -> tuple[dict[str, Counter], dict[str, list[str]]]:
    """Counts of each status per module, and the mutants that were not killed, per module."""
    counts: dict[str, Counter] = defaultdict(Counter)
    left: dict[str, list[str]] = defaultdict(list)
    for line in lines:
        match = LINE.match(line)
        if not match:
            continue
        module, status = match["module"], match["status"].strip()
        counts[module][status] += 1
        if status in NOT_KILLED:
            left[module].append(f"{line.strip().split(':')[0]} ({status})")
    return counts, left


def score(counts: Counter) -> float | None:
    killed = sum(counts[s] for s in KILLED)
    judged = killed + sum(counts[s] for s in NOT_KILLED)
    return 100 * killed / judged if judged else None


def report(counts: dict[str, Counter], left: dict[str, list[str]]) -> str:
    rows = ["| Module | Mutants | Killed | Survived | No test reaches it | Score |", "|---|---|---|---|---|---|"]
    total: Counter = Counter()
    for module in sorted(counts):
        c = counts[module]
        total += c
        value = score(c)
        rows.append(
            f"| `{module}` | {sum(c.values())} | {sum(c[s] for s in KILLED)} | {c['survived']} | {c['no tests']} "
            f"| {'-' if value is None else f'{value:.1f}%'} |"
        )
    value = score(total)
    rows.append(
        f"| **all** | {sum(total.values())} | {sum(total[s] for s in KILLED)} | {total['survived']} "
        f"| {total['no tests']} | {'-' if value is None else f'{value:.1f}%'} |"
    )
    survivors = [f"- `{name}`" for module in sorted(left) for name in left[module]]
    return "\n".join(rows + ["", f"Mutants not killed ({len(survivors)}):", "", *survivors]) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min", type=float, help="fail (exit 1) when a module scores below this percentage")
    parser.add_argument("--results", type=Path, help="read saved `mutmut results --all true` output instead")
    args = parser.parse_args(argv)
    if args.results:
        lines = args.results.read_text(encoding="utf-8").splitlines()
    else:
        run = subprocess.run([str(MUTMUT), "results", "--all", "true"], capture_output=True, text=True)
        if run.returncode != 0:
            print(run.stderr, file=sys.stderr)
            return 2
        lines = run.stdout.splitlines()
    counts, left = tally(lines)
    if not counts:
        print("No mutation results: run `make mutate` first.", file=sys.stderr)
        return 2
    print(report(counts, left), end="")
    low = [m for m, c in counts.items() if args.min is not None and (score(c) or 0) < args.min]
    if low:
        print(f"\nBelow {args.min:.0f}%: {', '.join(sorted(low))}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
