"""Small exact statistics, so 'differs by more than chance' is a stated test rather than a hunch."""

from __future__ import annotations

from math import comb


def fisher_exact(a: int, b: int, c: int, d: int) -> float:
    """Two-sided Fisher exact test for the 2x2 table [[a, b], [c, d]]; returns the p-value."""
    row1, col1, n = a + b, a + c, a + b + c + d
    if n == 0:
        return 1.0
    total = comb(n, col1)

    def probability(x: int) -> float:
        return comb(row1, x) * comb(n - row1, col1 - x) / total

    observed = probability(a)
    low, high = max(0, col1 - (n - row1)), min(row1, col1)
    return min(1.0, sum(p for x in range(low, high + 1) if (p := probability(x)) <= observed * (1 + 1e-9)))
