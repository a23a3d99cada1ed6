"""Add the classifier's reading (kinds, area, whose account, value) to a table of events."""

from __future__ import annotations

import re
import string
from collections.abc import Callable

import numpy as np
import pandas as pd

from chronocli.cases import case_keys
from chronocli.events.classify import Classifier
from chronocli.events.people import adults_named_by_role, children_named_by_role, may_name
from chronocli.parallel import T, map_slices, nothing

# The classifier's reading, as columns of the table (and "value", a number).
_READING = ("kinds", "area", "task_area", "account_by", "seen_by", "task_outcomes", "value_area")
MAY_NAME_COLUMN = "_may_name"  # annotate(find_names=True): entries that may name someone with a role (dropped after)


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
    classifier, keys, find_names = work
    read = classifier.read  # not classify(): every triple here is distinct, and the words are not wanted
    names = may_name if find_names else None
    shared: dict[tuple[str, ...], tuple[str, ...]] = {}
    out = []
    for text, kind, action in keys[start:stop]:
        result = read(text, kind, action)
        out.append((shared.setdefault(result.kinds, result.kinds), result.area, result.task_area, result.account_by,
                    result.seen_by, result.task_outcomes, result.value_area, result.value,
                    names is not None and names(text)))
    return out


def annotate(events: pd.DataFrame, classifier: Classifier, jobs: int = 1, advance: Callable[[int], None] | None = None,
             meanwhile: Callable[[], T] = nothing, find_names: bool = False) -> tuple[pd.DataFrame, T]:
    """Classify each distinct (text, kind column, action) once and spread the result over its rows; and run
    `meanwhile()` here while worker processes classify (see map_slices). Returns both results. With `find_names`,
    the workers also mark the entries that may name someone with a role (column MAY_NAME_COLUMN, for
    names_by_case)."""
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
    results, alongside = map_slices("classify", (classifier, triples, find_names), len(triples), _classify_slice, jobs,
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
    events["value"] = pd.array(pd.Series(columns[-2], dtype=object).to_numpy()[codes], dtype="Float64")
    if find_names:
        events[MAY_NAME_COLUMN] = np.asarray(columns[-1], dtype=bool)[codes]
    return events, alongside


# Stand-ins for a case's own names when its entries are read again: a caseload's classifier knows these as a child's
# and an adult's names from the start (make_classifier), whatever the names, and no real entry holds them (one that
# knew every case's names would compile tens of thousands of them into every pattern).
STAND_INS = {"child": tuple(f"zqchild{c}" for c in string.ascii_lowercase),
             "adult": tuple(f"zqadult{c}" for c in string.ascii_lowercase)}


def reread_with_case_names(events: pd.DataFrame, learned: dict[str, dict[str, str]], classifier: Classifier,
                           vocabulary: dict | None = None, jobs: int = 1) -> pd.DataFrame:
    """A caseload's entries read again where their own case's entries name people with a role ("Mum (Sarah)",
    "Chantelle (19)", "Baby Tiana"), so that "Sarah says" is a parent's account and "Tiana seen" the child seen, as
    a report on that case alone reads them (the caseload's classifier knows no case's names). Only rows of the case
    that learnt a name, and that mention it, are read again, with each name replaced by a stand-in the one
    re-reading classifier knows as a child's or an adult's; a name one case gives a child and another an adult is
    left out (which it is cannot be told from the name alone)."""
    known = set(classifier.child_names) | set(classifier.adult_names)  # the stand-ins among them
    per_case: dict[str, tuple[list[str], list[str]]] = {}
    for case, named in learned.items():
        adults = set(adults_named_by_role(named, set(classifier.child_names))) - known
        children = set(children_named_by_role(named, adults | set(classifier.adult_names))) - known
        if adults or children:
            per_case[case] = (sorted(children)[:26], sorted(adults)[:26])
    every_child = {n for children, _ in per_case.values() for n in children}
    every_adult = {n for _, adults in per_case.values() for n in adults}
    both = every_child & every_adult
    per_case = {case: ([n for n in children if n not in both], [n for n in adults if n not in both])
                for case, (children, adults) in per_case.items()}
    per_case = {case: names for case, names in per_case.items() if names[0] or names[1]}
    if not per_case:
        return events
    knowing = classifier if set(STAND_INS["child"]) <= set(classifier.child_names) else Classifier(
        vocabulary, child_names=tuple(sorted({*classifier.child_names, *STAND_INS["child"]})),
        adult_names=tuple(sorted({*classifier.adult_names, *STAND_INS["adult"]})))
    keys = case_keys(events).to_numpy(dtype=object)
    texts = events["text"].astype(str).to_numpy(dtype=object)
    kinds_column, actions = events["kind"].astype(str).to_numpy(dtype=object), events["action"].astype(str).to_numpy(dtype=object)
    columns = {name: events[name].to_numpy(dtype=object).copy() for name in _READING}
    values = events["value"].to_numpy(dtype=object).copy()
    rows_of: dict[str, list[int]] = {}
    for i in np.flatnonzero(pd.Series(keys).isin(per_case.keys()).to_numpy()).tolist():  # one pass, not one per case
        rows_of.setdefault(keys[i], []).append(i)
    # Each row's text with its case's names as stand-ins, and how to put the names back; the distinct
    # (text, kind, action) among them are read once, spread over worker processes as annotate does.
    index: dict[tuple[str, str, str], int] = {}
    reread: list[tuple[int, int, dict[str, str]]] = []  # (row, distinct triple, stand-in -> name)
    for case, (children, adults) in per_case.items():
        stand_in = {**dict(zip(children, STAND_INS["child"])), **dict(zip(adults, STAND_INS["adult"]))}
        back = {v: k for k, v in stand_in.items()}
        names = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(stand_in, key=len, reverse=True))) + r")(?![\w-])",
                           re.IGNORECASE)
        for i in rows_of.get(case, ()):
            if names.search(texts[i]):
                text = names.sub(lambda m, stand_in=stand_in: stand_in[m.group(0).lower()].capitalize(), texts[i])
                reread.append((i, index.setdefault((text, kinds_column[i], actions[i]), len(index)), back))
    if not reread:
        return events
    results, _ = map_slices("reread", (knowing, list(index), False), len(index), _classify_slice, jobs)
    for i, k, back in reread:
        kinds, area, task_area, account_by, seen_by, task_outcomes, value_area, value, _ = results[k]
        seen_by = tuple((back.get(name, name), said) for name, said in seen_by)
        for name, got in zip(_READING, (kinds, area, task_area, account_by, seen_by, task_outcomes, value_area)):
            columns[name][i] = got
        values[i] = value
    for name in _READING:
        events[name] = columns[name]
    events["value"] = pd.array(values, dtype="Float64")
    return events
