"""Add the classifier's reading (kinds, area, whose account, value) to a table of events."""

from __future__ import annotations

import pandas as pd

from chronocli.events.classify import Classifier


def child_names_from(events: pd.DataFrame) -> tuple[str, ...]:
    """First names in a subject column ('Jayden Harlow' -> 'jayden'), so 'Jayden said' reads as the child's account."""
    if "subject" not in events or events.empty:
        return ()
    names = {str(s).split()[0].lower() for s in events["subject"].unique() if str(s).strip()}
    return tuple(sorted(n for n in names if len(n) > 1 and n.isalpha()))


def annotate(events: pd.DataFrame, classifier: Classifier) -> pd.DataFrame:
    """Classify each distinct (text, kind column, action) once and spread the result over its rows."""
    if events.empty:
        for column in ("kinds", "area", "task_area", "account_by", "value"):
            events[column] = pd.Series(dtype=object)
        return events
    keys = pd.MultiIndex.from_arrays([events["text"].astype(str), events["kind"].astype(str), events["action"].astype(str)])
    codes, uniques = pd.factorize(keys)
    results = [classifier.classify(t, k, a) for t, k, a in uniques]
    events = events.copy()
    events["kinds"] = pd.Series([results[c].kinds for c in codes], index=events.index, dtype=object)
    events["area"] = [results[c].area for c in codes]
    events["task_area"] = [results[c].task_area for c in codes]
    events["account_by"] = [results[c].account_by for c in codes]
    events["value"] = pd.array([results[c].value for c in codes], dtype="Float64")
    return events
