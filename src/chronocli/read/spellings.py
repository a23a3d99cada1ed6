"""One spelling per agency and per case id: values written differently for the same thing are read as one."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from chronocli.problems import Problem
from chronocli.read.agencies import agency_key, has_note

JOINED_CASES = "read as one case"  # how a warning about case ids joined ends its first clause (scan repeats them)
NOT_JOINED_CASES = "differ only in punctuation"  # how a warning about ids left apart says why (scan repeats them)


def case_key(case_id: str) -> str:
    """What two spellings of one case id have in common: '485 777 3456' and '4857773456', 'c001' and 'C001',
    and an id of digits with and without its leading zeros ('0012345' and '12345': a spreadsheet opened and
    saved drops them). Only these are set aside: 'a/b' and 'a_b' may be two children, and joining two
    children's records would be far worse than leaving one child's split."""
    key = re.sub(r"\s", "", case_id).upper()
    return (key.lstrip("0") or "0") if key.isdigit() else key


def unified(names: Sequence[str], counts: Sequence[int], key: Callable[[str], str]) -> dict[str, str]:
    """Each distinct value (with how many rows carry it) -> the one spelling its group is shown by: the spelling
    most rows use; on a tie, one without a note ("Police" before "Police - Op Encompass"), then the first given.
    Values spelt only one way map to themselves."""
    spellings: dict[str, list[tuple[int, bool, int, str]]] = {}
    for order, (name, count) in enumerate(zip(names, counts)):
        spellings.setdefault(key(name), []).append((-count, has_note(name), order, name))
    return {name: min(group)[3] for group in spellings.values() for *_, name in group}


def one_spelling(events: pd.DataFrame) -> list[Problem]:
    """Give every agency, and every case id, one spelling in place (see _unify); the warnings saying so."""
    problems = _unify(events, "agency", agency_key, "agency names", "one agency",
                      "If these are different agencies, name them differently in the source, or per file with "
                      "--agency FILE=NAME.")
    if "case_id" in events:
        problems += _unify(events, "case_id", case_key, "case ids", JOINED_CASES.removeprefix("read as "),
                           "Check these are one child's or family's records in every source.")
        problems += _alike_but_apart(events)
    return problems


def _alike_but_apart(events: pd.DataFrame) -> list[Problem]:
    """A warning for each set of case ids left apart that differ only in punctuation ('C-0101' in one export,
    'C0101' in another): they are not joined (see case_key), but an analyst must know, since one child's
    records may be split across two cases."""
    first = events[["case_id", "file"]].drop_duplicates("case_id")
    file_of = {str(i): str(f) for i, f in first.itertuples(index=False, name=None) if isinstance(i, str) and i}
    groups: dict[str, list[str]] = {}
    for case_id in file_of:
        groups.setdefault(case_key(re.sub(r"[\W_]", "", case_id)), []).append(case_id)
    return [Problem(", ".join(dict.fromkeys(file_of[i] for i in group)),
                    f"case ids {', '.join(repr(i) for i in group)} {NOT_JOINED_CASES}: kept as separate cases",
                    column="case_id", value=group[0], level="warning",
                    hint="If they are one child's or family's records, write the id the same way in every source "
                         "(or map one to the other before the scan); if they are different children, nothing to do.")
            for group in groups.values() if len(group) > 1]


def _unify(events: pd.DataFrame, column: str, key: Callable[[str], str], what: str, one: str, check: str) -> list[Problem]:
    """Replace each spelling in `column` by its group's (see unified), keeping the row's own in
    'extra:<column> as recorded', so counts per agency and the cases of a scan are not split between spellings
    ('HV' and 'Health visitor'; a case id with and without spaces in two agencies' exports). Each group of
    several spellings is one warning naming them."""
    codes, names = pd.factorize(events[column].astype(object).where(events[column].notna(), ""))
    names = [str(n) for n in names]
    shown = unified(names, np.bincount(codes, minlength=len(names)).tolist(), key)  # no id ("") keys only to itself
    if all(shown[n] == n for n in names):
        return []
    recorded = np.array(names, dtype=object)[codes]
    replaced = np.array([shown[n] for n in names], dtype=object)[codes]
    events[column] = replaced
    events[f"extra:{column.replace('_', ' ')} as recorded"] = np.where(replaced != recorded, recorded, "")
    first_file = events["file"].to_numpy(dtype=object)[np.unique(codes, return_index=True)[1]]  # per spelling
    groups: dict[str, list[int]] = {}  # shown spelling -> the positions in `names` of its spellings
    for k, name in enumerate(names):
        groups.setdefault(shown[name], []).append(k)
    problems = []
    for name, spelt in groups.items():
        if len(spelt) > 1:
            problems.append(Problem(
                str(first_file[spelt[0]]), f"{what} {', '.join(repr(names[k]) for k in spelt)} read as {one}, {name!r}",
                column=column, value=name, level="warning",
                hint=f"Each event keeps the spelling it had ('{column.replace('_', ' ')} as recorded'). {check}"))
    return problems
