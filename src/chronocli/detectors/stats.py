"""Small exact statistics, so 'differs by more than chance' is a stated test rather than a hunch."""

from __future__ import annotations

from math import comb, exp, lgamma

# Above this many contacts the table's probabilities are computed from log-gamma in floating point: exact
# binomials of thousands of contacts are integers of thousands of digits, and a case with years of records
# would spend seconds on them. Below it, exact integers (and so exactly the textbook p-value).
EXACT_UP_TO = 1000
_TIES = 1 + 1e-9  # tables as likely as the observed one count as "as extreme", rounding aside


def fisher_exact(a: int, b: int, c: int, d: int) -> float:
    """Two-sided Fisher exact test for the 2x2 table [[a, b], [c, d]]; returns the p-value."""
    row1, col1, n = a + b, a + c, a + b + c + d
    if n == 0:
        return 1.0
    low, high = max(0, col1 - (n - row1)), min(row1, col1)
    if n <= EXACT_UP_TO:
        total = comb(n, col1)

        def probability(x: int) -> float:
            return comb(row1, x) * comb(n - row1, col1 - x) / total
    else:
        log_total = _log_comb(n, col1)

        def probability(x: int) -> float:
            return exp(_log_comb(row1, x) + _log_comb(n - row1, col1 - x) - log_total)

    observed = probability(a)
    return min(1.0, sum(p for x in range(low, high + 1) if (p := probability(x)) <= observed * _TIES))


def _log_comb(n: int, k: int) -> float:
    return lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1)
