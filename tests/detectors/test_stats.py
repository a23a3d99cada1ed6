"""The Fisher exact test behind selective_cooperation: textbook values, and large tables without big integers."""

from __future__ import annotations

import pytest

from chronocli.detectors import stats
from chronocli.detectors.stats import fisher_exact


@pytest.mark.parametrize(("table", "p"), [
    ((8, 2, 1, 5), 0.034965),  # SciPy's documented example
    ((3, 1, 1, 3), 0.485714),  # Fisher's tea-tasting table
    ((10, 0, 0, 10), 1.0825e-05),
    ((5, 5, 5, 5), 1.0),
])
def test_textbook_values(table, p):
    assert fisher_exact(*table) == pytest.approx(p, rel=1e-4)


def test_empty_table():
    assert fisher_exact(0, 0, 0, 0) == 1.0


@pytest.mark.parametrize("table", [(700, 100, 600, 200), (40, 900, 60, 1000), (500, 500, 498, 502)])
def test_large_tables_use_logs_and_agree_with_exact_integers(table, monkeypatch):
    monkeypatch.setattr(stats, "EXACT_UP_TO", 10**9)
    exact = fisher_exact(*table)
    monkeypatch.setattr(stats, "EXACT_UP_TO", 0)
    assert fisher_exact(*table) == pytest.approx(exact, rel=1e-6, abs=1e-300)


def test_a_case_with_years_of_contacts_is_still_a_probability():
    p = fisher_exact(40_000, 10_000, 25_000, 25_000)
    assert 0.0 <= p < 1e-100
