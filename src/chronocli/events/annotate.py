"""Add the classifier's reading (kinds, area, whose account, value) to a table of events."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from chronocli.events.classify import Classifier
from chronocli.parallel import T, map_slices, nothing

# The classifier's reading, as columns of the table (and "value", a number).
_READING = ("kinds", "area", "task_area", "account_by", "seen_by", "task_outcomes")


def child_names_from(events: pd.DataFrame) -> tuple[str, ...]:
    """First names in a subject column ('Jayden Harlow' -> 'jayden'; 'Ellie-May Burke' -> 'ellie-may'), so 'Jayden
    said' reads as the child's account."""
    if "subject" not in events or events.empty:
        return ()
    names = {str(s).split()[0].lower() for s in events["subject"].unique() if str(s).strip()}
    return tuple(sorted(n for n in names if len(n) > 1 and n.replace("-", "").replace("'", "").isalpha()
                        and n[0].isalpha() and n[-1].isalpha()))


def _classify_slice(work: tuple[Classifier, list], start: int, stop: int) -> list[tuple]:
    """Only what the table needs travels back from a worker: not the matched words. Equal kind tuples are sent
    as one object (pickle writes a shared object once)."""
    classifier, keys = work
    read = classifier.read  # not classify(): every triple here is distinct, and the words are not wanted
    shared: dict[tuple[str, ...], tuple[str, ...]] = {}
    out = []
    for text, kind, action in keys[start:stop]:
        result = read(text, kind, action)
        out.append((shared.setdefault(result.kinds, result.kinds), result.area, result.task_area, result.account_by,
                    result.seen_by, result.task_outcomes, result.value))
    return out


def annotate(events: pd.DataFrame, classifier: Classifier, jobs: int = 1, advance: Callable[[int], None] | None = None,
             meanwhile: Callable[[], T] = nothing) -> tuple[pd.DataFrame, T]:
    """Classify each distinct (text, kind column, action) once and spread the result over its rows; and run
    `meanwhile()` here while worker processes classify (see map_slices). Returns both results."""
    if events.empty:
        alongside = meanwhile()
        for column in (*_READING, "value"):
            events[column] = pd.Series(dtype=object)
        return events, alongside
    # Distinct (text, kind, action) triples, found by combining each column's integer codes.
    parts = [pd.factorize(events[c].astype(str)) for c in ("text", "kind", "action")]
    (tc, tu), (kc, ku), (ac, au) = parts
    combined = (tc.astype(np.int64) * len(ku) + kc) * len(au) + ac
    distinct, codes = np.unique(combined, return_inverse=True)
    tu, ku, au = (np.asarray(u, dtype=object) for u in (tu, ku, au))  # plain arrays: indexed whole, not item by item
    triples = list(zip(tu[distinct // (len(ku) * len(au))].tolist(), ku[(distinct // len(au)) % len(ku)].tolist(),
                       au[distinct % len(au)].tolist()))
    results, alongside = map_slices("classify", (classifier, triples), len(triples), _classify_slice, jobs,
                                    advance=advance, meanwhile=meanwhile)
    columns = list(zip(*results))
    # One tuple object per distinct reading across all slices: a few hundred, shared by a million rows (the
    # event records later make one frozenset per distinct object).
    shared: dict[tuple[str, ...], tuple[str, ...]] = {}
    columns[0] = [shared.setdefault(kinds, kinds) for kinds in columns[0]]
    # Results are spread by position: rows with the same text share the same (immutable) objects.
    for name, values in zip(_READING, columns):
        # A Series keeps each tuple whole (numpy would make equal-length tuples into a 2-D array).
        events[name] = pd.Series(values, dtype=object).to_numpy()[codes]
    events["value"] = pd.array(pd.Series(columns[-1], dtype=object).to_numpy()[codes], dtype="Float64")
    return events, alongside
