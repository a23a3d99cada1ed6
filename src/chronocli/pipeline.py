"""The library's front door: read inputs, classify, merge. The CLI and other tools call these."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd

from chronocli.cases import NO_CASE, case_keys
from chronocli.config import Config
from chronocli.events.annotate import MAY_NAME_COLUMN, STAND_INS, annotate, child_names_from, reread_with_case_names
from chronocli.events.classify import Classifier
from chronocli.events.people import (
    PEOPLE_CHECK_ROWS,
    adults_named_by_role,
    children_named_by_role,
    named_by_role,
    names_by_case,
    people_not_known,
    teenagers_read_as_children,
)
from chronocli.merge import Filters, MergePlan, merge
from chronocli.parallel import bulk_allocation
from chronocli.problems import Problem
from chronocli.read.load import load_inputs
from chronocli.read.table import SheetInfo
from chronocli.read.titles import births_in_titles


@dataclass
class Chronology:
    """An integrated chronology: ordered, classified, linked events plus what reading found."""

    events: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    sheets: list[SheetInfo] = field(default_factory=list)
    rows_read: int = 0  # before filters: every data row of every input


def make_classifier(config: Config, events: pd.DataFrame | None = None, sheets: list[SheetInfo] = ()) -> Classifier:
    """The classifier, knowing the people's first names: from config's [names], a subject column, the parents
    or carers a title block names (so "Leanne said" is a parent's account), and, in one family's chronology,
    those the entries name with their role ("Mother Gemma Dunn", "Baby Ava"). A caseload's is not given any one
    case's names (a name one case gives a mother may be a child's in another) but the stand-ins through which each
    case's entries naming its own people are read again (reread_with_case_names)."""
    adults = tuple(n.split()[0].lower() for n, label in config.names.items() if not label.lower().startswith("child"))
    adults = tuple(sorted({*adults, *(name.split()[0].lower() for sheet in sheets for name in sheet.adults)}))
    children = tuple(n.split()[0].lower() for n, label in config.names.items() if label.lower().startswith("child"))
    if events is not None:
        children = tuple(sorted(set(children) | set(child_names_from(events))))
        named = family_named_by_role(events)
        adults = tuple(sorted({*adults, *adults_named_by_role(named, set(children))}))
        children = tuple(sorted({*children, *children_named_by_role(named, set(adults))}))
        if _several_cases(events):  # each case's own names are read through stand-ins (reread_with_case_names)
            children, adults = tuple(sorted({*children, *STAND_INS["child"]})), tuple(sorted({*adults, *STAND_INS["adult"]}))
    return Classifier(config.vocabulary, child_names=children, adult_names=adults)


def family_named_by_role(events: pd.DataFrame) -> dict[str, str]:
    """The people one family's entries name with their role ("Mother Gemma Dunn", "Baby Ava"): name -> role.
    Nothing for a caseload: a name one case gives a mother may be another case's child."""
    if "text" not in events or len(events) > PEOPLE_CHECK_ROWS or _several_cases(events):
        return {}
    return named_by_role(events["text"].unique())


def _several_cases(events: pd.DataFrame) -> bool:
    return "case_id" in events and events["case_id"].nunique() > 1


def build_chronology(inputs: list[Path], config: Config | None = None, *, filters: Filters | None = None,
                     sheet: str | None = None, today: dt.date | None = None,
                     stage: Callable[[str], None] | None = None, jobs: int = 1) -> Chronology:
    """Read every input and merge. Fatal file problems are in `problems`; callers decide to stop.

    `stage` is told when each step starts ("reading", "classifying", "merging"), for progress display.
    """
    config = config or Config()
    stage = stage or (lambda _: None)
    with bulk_allocation():
        return _build(inputs, config, filters, sheet, today, stage, jobs)


def _build(inputs, config, filters, sheet, today, stage, jobs) -> Chronology:
    stage("reading")
    loaded = load_inputs(inputs, config, sheet=sheet, today=today)
    if loaded.events.empty:
        return Chronology(loaded.events, loaded.problems, loaded.sheets, 0)
    stage("classifying")
    # Ordering and finding the pairs to compare for linking do not need the classifier's reading: they are
    # worked out here while worker processes classify.
    classifier = make_classifier(config, loaded.events, loaded.sheets)
    # A caseload's classifier knows no one case's names: the workers mark the entries that may name someone, each
    # case's own names are found in those, and that case's entries naming them are read again (as a report on that
    # case alone would read them).
    several = _several_cases(loaded.events) and "text" in loaded.events
    events, plan = annotate(loaded.events, classifier, jobs=jobs, meanwhile=partial(MergePlan.of, loaded.events),
                            find_names=several)
    if several:
        learned = names_by_case(events["text"], case_keys(events), events.pop(MAY_NAME_COLUMN).to_numpy())
        if learned:
            events = reread_with_case_names(events, learned, classifier, config.vocabulary, jobs=jobs)
    people = []
    if len(loaded.events) <= PEOPLE_CHECK_ROWS:
        given = {*child_names_from(loaded.events), *(n.split()[0].lower() for n in config.names)}
        people = people_not_known(loaded.events, classifier) + teenagers_read_as_children(loaded.events, classifier, given)
    stage("merging")
    births, birth_problems = ({}, []) if config.dob else births_in_titles(loaded.sheets)
    dob = dt.date.fromisoformat(config.dob) if config.dob else births
    merged, merge_problems = merge(events, filters, dob, plan)
    return Chronology(merged, loaded.problems + people + birth_problems + merge_problems + _missing_case_ids(merged),
                      loaded.sheets, len(loaded.events))


def _missing_case_ids(events) -> list[Problem]:
    """When some rows name a case and others do not, the others are reported (a caseload needs every row placed).

    A file or sheet none of whose rows names a case (it has no case column, or an unrecognised one) is one
    problem naming it, not one per row: what the user needs to do is name its column.
    """
    has_case = (case_keys(events) != NO_CASE).to_numpy()  # cells were trimmed on reading
    if has_case.all() or not has_case.any():
        return []
    where = events[["file", "sheet"]]
    def sheets(rows: np.ndarray) -> set[tuple[str, str]]:
        return set(where[rows].itertuples(index=False, name=None))

    whole = sheets(~has_case) - sheets(has_case)  # (file, sheet) pairs none of whose rows names a case
    rows_in = where.value_counts()
    problems = [Problem(f, f"no case id in any of its {int(rows_in[(f, s)])} rows: "
                           "they cannot be assigned to a case (kept in the merge, not in any case's analysis)",
                        sheet=s, column="case_id", level="warning",
                        hint="Name its case column with --case-column, or --map \"HEADER=case_id\" (the column "
                             "names may differ between files).")
                for f, s in sorted(whole)]
    missing = events.loc[~has_case, ["file", "sheet", "row"]]
    return problems + [
        Problem(f, "no case id: this row cannot be assigned to a case (kept in the merge, not in any case's analysis)",
                sheet=s, row=int(r), column="case_id", level="warning",
                hint="Fill in the case reference, or name the column with --case-column.")
        for f, s, r in missing.itertuples(index=False, name=None) if (f, s) not in whole]
