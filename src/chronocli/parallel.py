"""Spread pure per-item work over processes. Forked workers read the inputs they inherit, so only small
results travel back; where fork is unavailable the work simply runs in this process."""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")
_SHARED: dict[str, Any] = {}  # set before forking; workers see it through copy-on-write memory


def default_jobs() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def nothing() -> None:
    """No work alongside (the default for map_slices' `meanwhile`)."""
    return None


def _run_slice(name: str, work: Callable[[Any, int, int], list], start: int, stop: int) -> list:
    return work(_SHARED[name], start, stop)


def map_slices(name: str, data: Any, size: int, work: Callable[[Any, int, int], list], jobs: int, *,
               min_per_job: int = 20_000, advance: Callable[[int], None] | None = None,
               meanwhile: Callable[[], T] = nothing) -> tuple[list, T]:
    """work(data, start, stop) over slices of range(size), in order, using up to `jobs` forked processes; and
    `meanwhile()`, run in this process while the workers run. Returns both results.

    This process would otherwise sit waiting, and the workers seldom keep every core busy (they start,
    finish and hand results back one after another), so work that does not need theirs fits in between.
    Without workers, `meanwhile` simply runs first.
    """
    slices = max(1, min(jobs * 4, size // max(min_per_job // 4, 1)))
    bounds = [(size * i // slices, size * (i + 1) // slices) for i in range(slices)]
    can_fork = "fork" in multiprocessing.get_all_start_methods()
    if jobs <= 1 or size < min_per_job or not can_fork:
        alongside = meanwhile()
        results: list = []
        for start, stop in bounds:
            results.extend(work(data, start, stop))
            if advance:
                advance(stop - start)
        return results, alongside
    _SHARED[name] = data
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            # Submitting forks the workers, so they see the data as it is now, before `meanwhile` adds to it.
            futures = [pool.submit(_run_slice, name, work, start, stop) for start, stop in bounds]
            alongside = meanwhile()
            results = []
            for future, (start, stop) in zip(futures, bounds):
                results.extend(future.result())
                if advance:
                    advance(stop - start)
            return results, alongside
    finally:
        _SHARED.pop(name, None)


@contextmanager
def bulk_allocation() -> Iterator[None]:
    """Pause the cycle collector while building millions of small objects that hold no cycles.

    CPython's collector runs every few hundred allocations and, as objects pile up, rescans them all: building
    a million event records takes three times as long with it running. Everything is collected afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
