"""Spreading work over forked processes: results in order, and this process's own work alongside."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from chronocli.parallel import map_slices


def _doubled_with_pid(data: list[int], start: int, stop: int) -> list[tuple[int, int]]:
    return [(2 * x, os.getpid()) for x in data[start:stop]]


@pytest.mark.parametrize("jobs", [1, 2])
def test_results_come_back_in_order_with_what_ran_meanwhile(jobs):
    advanced: list[int] = []
    results, alongside = map_slices("test", list(range(100)), 100, _doubled_with_pid, jobs, min_per_job=8,
                                    advance=advanced.append, meanwhile=os.getpid)
    assert [doubled for doubled, _ in results] == [2 * x for x in range(100)]
    assert alongside == os.getpid()  # `meanwhile` runs here, not in a worker
    assert sum(advanced) == 100
    workers = {pid for _, pid in results}
    if jobs == 2 and "fork" in multiprocessing.get_all_start_methods():
        assert os.getpid() not in workers  # the slices ran in forked workers
    else:
        assert workers == {os.getpid()}


def test_without_meanwhile_the_second_result_is_none():
    results, alongside = map_slices("test", [1, 2, 3], 3, _doubled_with_pid, 1)
    assert [doubled for doubled, _ in results] == [2, 4, 6] and alongside is None
