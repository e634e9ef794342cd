"""Statistics for the benchmark: medians of paired ratios and least-squares fits of build time against cards.

Used by scripts/bench.py. Plain Python (no numpy): the fits are tiny.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

# About a 95% interval: two standard errors either side. The fits have 10 or more points, so a t-quantile would
# widen it by at most 15%; the linearity verdict uses it as "clearly above noise", not as a precise confidence level.
SPREAD = 2.0


@dataclass
class Ratio:
    """A/B over pairs of runs in turn (A: our whole build; B: MkDocs alone on the pages A staged)."""

    median: float
    low: float
    high: float
    pairs: int


def paired_ratio(a: list[float], b: list[float]) -> Ratio:
    """The median, minimum and maximum of a[i] / b[i]: each pair ran back to back, so a slow spell on a shared
    machine tilts one pair, not the median."""
    ratios = [x / y for x, y in zip(a, b, strict=True)]
    return Ratio(median(ratios), min(ratios), max(ratios), len(ratios))


@dataclass
class Line:
    """y = intercept + slope * x, fitted by least squares, with the slope's standard error."""

    slope: float
    intercept: float
    slope_se: float

    def at(self, x: float) -> float:
        return self.intercept + self.slope * x


def line_fit(xs: list[float], ys: list[float]) -> Line:
    """Ordinary least squares over every point (every timed build, not one per size)."""
    n = len(xs)
    if n < 3 or len(set(xs)) < 2:
        raise ValueError("a line fit needs 3 or more points at 2 or more sizes")
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=False)) / sxx
    intercept = my - slope * mx
    residual = sum((y - intercept - slope * x) ** 2 for x, y in zip(xs, ys, strict=False))
    return Line(slope, intercept, (residual / (n - 2) / sxx) ** 0.5)


def curvature(xs: list[float], ys: list[float]) -> tuple[float, float] | None:
    """The x² coefficient of a least-squares quadratic and its standard error; None with fewer than 3 sizes.
    Clearly above 0 means build time grows faster than the card count."""
    n = len(xs)
    if n < 4 or len(set(xs)) < 3:
        return None
    scale = max(abs(x) for x in xs) or 1.0
    us = [x / scale for x in xs]  # scaled to [0, 1] so the normal equations stay well conditioned
    rows = [[1.0, u, u * u] for u in us]
    xtx = [[sum(r[i] * r[j] for r in rows) for j in range(3)] for i in range(3)]
    xty = [sum(r[i] * y for r, y in zip(rows, ys, strict=False)) for i in range(3)]
    inv = _inverse3(xtx)
    beta = [sum(inv[i][j] * xty[j] for j in range(3)) for i in range(3)]
    residual = sum((y - sum(b * v for b, v in zip(beta, r, strict=False))) ** 2 for r, y in zip(rows, ys, strict=False))
    variance = residual / (n - 3)
    return beta[2] / scale**2, (variance * inv[2][2]) ** 0.5 / scale**2


def _inverse3(m: list[list[float]]) -> list[list[float]]:
    """Inverse of a 3x3 matrix by cofactors."""
    (a, b, c), (d, e, f), (g, h, i) = m
    cof = [
        [e * i - f * h, -(d * i - f * g), d * h - e * g],
        [-(b * i - c * h), a * i - c * g, -(a * h - b * g)],
        [b * f - c * e, -(a * f - c * d), a * e - b * d],
    ]
    det = a * cof[0][0] + b * cof[0][1] + c * cof[0][2]
    return [[cof[j][k] / det for j in range(3)] for k in range(3)]
