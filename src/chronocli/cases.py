"""Split a merged table into cases: each case's rows found with array operations, its events built only when read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial

import numpy as np
import pandas as pd

from chronocli.detectors.base import CaseEvent

NO_CASE = ""  # rows with no case id: reported, never analysed as one mixed case


def case_keys(frame: pd.DataFrame) -> pd.Series:
    """Each row's case id as text; NO_CASE where the row names none."""
    if "case_id" not in frame:
        return pd.Series(NO_CASE, index=frame.index, dtype=object)
    return frame["case_id"].astype(object).where(frame["case_id"].notna(), NO_CASE).astype(str)


# The merged table's columns a CaseEvent is made from (the others are for people reading the chronology).
_EVENT_COLUMNS = ("event_id", "date", "agency", "text", "kinds", "date_precision", "area", "task_area", "account_by",
                  "value", "file", "sheet", "row", "case_id", "group", "subject", "recorded_by", "seen_by", "task_outcomes",
                  "value_area")


def events_of(frame: pd.DataFrame, rows: np.ndarray | None = None) -> list[CaseEvent]:
    """Every row of the merged table, or the chosen `rows` in their order, as a CaseEvent.

    Built column by column and assembled by tuple.__new__ over zipped columns, so the per-row work runs in C:
    a caseload scan makes a million of these. Only the columns an event needs are copied: in a forked worker,
    each cell copied writes to (and so duplicates) the memory holding its value.
    """
    whole = frame
    if rows is not None:
        frame = frame[[c for c in _EVENT_COLUMNS if c in frame]].take(rows)
    if frame.empty:
        return []
    n = len(frame)
    texts = frame["text"].tolist()
    untexted = np.flatnonzero(frame["text"].to_numpy() == "")
    if len(untexted):
        for at, shown in zip(untexted.tolist(), _said_elsewhere(whole, untexted if rows is None else rows[untexted])):
            texts[at] = shown

    def text(name: str, default: str = "") -> list:
        if name not in frame:
            return [default] * n
        column = frame[name]
        if column.isna().any():
            column = column.fillna(default)
        if default and (column == "").any():
            column = column.where(column != "", default)
        return column.tolist()

    # One date object per distinct day (a few thousand), shared by the rows that fall on it.
    codes, days = pd.factorize(frame["date"])
    dates = np.array([*pd.DatetimeIndex(days).date, None], dtype=object)[codes].tolist()  # code -1: undated
    values = frame["value"].astype(object).where(frame["value"].notna(), None).tolist()
    # Rows with the same reading share one frozenset: a few hundred distinct sets rather than a million.
    # Keyed by the tuple's identity (annotate shares one tuple between rows read alike): no tuple is hashed.
    column = frame["kinds"].tolist()
    distinct_kinds: dict[int, frozenset[str]] = {}
    kinds = [distinct_kinds.get(id(k)) or distinct_kinds.setdefault(id(k), frozenset(k)) for k in column]
    rows = frame["row"].astype(np.int64).tolist()
    columns = (frame["event_id"].tolist(), dates, frame["agency"].tolist(), texts, kinds,
               text("date_precision", "day"), text("area"), text("task_area"), text("account_by"), values,
               frame["file"].tolist(), text("sheet"), rows, case_keys(frame).tolist(), text("group"), text("subject"),
               text("recorded_by"), *(frame[name].tolist() if name in frame else [()] * n for name in ("seen_by", "task_outcomes")),
               text("value_area"))
    return list(map(partial(tuple.__new__, CaseEvent), zip(*columns)))


# An entry with no text of its own (an attendance list's "Dressing clinic", outcome "DNA") is shown in evidence by
# what its other columns say, so that a finding never cites a blank line. The merged chronology keeps the cell blank.
_SAID_ELSEWHERE = (("kind", "Type"), ("action", "Action / outcome"), ("significance", "Significance"))


def _said_elsewhere(frame: pd.DataFrame, rows: np.ndarray) -> list[str]:
    """'[Type: Dressing clinic; Action / outcome: DNA]' for each of `rows` (positions in `frame`), or ''."""
    parts = [(label, frame[column].to_numpy(dtype=object)[rows].tolist()) for column, label in _SAID_ELSEWHERE
             if column in frame]
    shown = []
    for k in range(len(rows)):
        said = "; ".join(f"{label}: {values[k]}" for label, values in parts if values[k] and not pd.isna(values[k]))
        shown.append(f"[{said}]" if said else "")
    return shown


def case_events(frame: pd.DataFrame) -> dict[str, list[CaseEvent]]:
    """Split the merged table into per-case lists of CaseEvent (order kept)."""
    cases: dict[str, list[CaseEvent]] = {}
    for event in events_of(frame):
        cases.setdefault(event.case_id, []).append(event)
    return cases


class CaseRows(Sequence[CaseEvent]):
    """Chosen rows of the merged table (one case's, or those a scan's findings cite) as events, built the first
    time anyone looks at them.

    A caseload scan needs every case's count, agencies and period but the events themselves only for the
    few cases someone opens: building a million event records nobody reads would be most of the scan's time.
    """

    def __init__(self, frame: pd.DataFrame, rows: np.ndarray) -> None:
        self._frame, self._rows = frame, rows
        self._events: list[CaseEvent] | None = None
        self._by_id: dict[str, CaseEvent] | None = None

    def _built(self) -> list[CaseEvent]:
        if self._events is None:
            self._events = events_of(self._frame, self._rows)
        return self._events

    def by_id(self) -> dict[str, CaseEvent]:
        if self._by_id is None:
            self._by_id = {e.event_id: e for e in self._built()}
        return self._by_id

    def reading(self, frame: pd.DataFrame) -> CaseRows:
        """The same rows of another version of the table (a pseudonymised copy)."""
        return CaseRows(frame, self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, index):  # type: ignore[override]
        return self._built()[index]

    def __iter__(self) -> Iterator[CaseEvent]:
        return iter(self._built())


class CitedEvents(Mapping[str, CaseEvent]):
    """The events a case's findings cite, by id, taken from a store shared by every case of a scan: the rows
    all cases cite, built together when first needed.

    Workers return row positions rather than events: a position travels between processes for a fraction
    of what an event record costs to send.
    """

    def __init__(self, store: CaseRows, event_ids: Iterable[str]) -> None:
        self._store, self._ids = store, frozenset(event_ids)

    @property
    def store(self) -> CaseRows:
        return self._store

    def reading(self, store: CaseRows) -> CitedEvents:
        return CitedEvents(store, self._ids)

    def __getitem__(self, event_id: str) -> CaseEvent:
        if event_id not in self._ids:
            raise KeyError(event_id)
        return self._store.by_id()[event_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


@dataclass(frozen=True)
class CaseIndex:
    """Where each case's rows are in the merged table (merged order kept within a case), cases sorted by id."""

    ids: list[str]
    rows: np.ndarray  # row positions, grouped by case
    bounds: np.ndarray  # case i is rows[bounds[i]:bounds[i + 1]]
    unassigned: int  # rows with no case id (left out of every case)

    @classmethod
    def of(cls, frame: pd.DataFrame) -> CaseIndex:
        keys = case_keys(frame)
        codes, uniques = pd.factorize(keys, sort=True)
        order = np.argsort(codes, kind="stable")
        bounds = np.searchsorted(codes[order], np.arange(len(uniques) + 1))
        ids = [str(u) for u in uniques]
        unassigned = 0
        if ids and ids[0] == NO_CASE:  # sorted: the empty id comes first
            unassigned = int(bounds[1])
            ids, order, bounds = ids[1:], order[bounds[1]:], bounds[1:] - bounds[1]
        return cls(ids, order, bounds, unassigned)

    def __len__(self) -> int:
        return len(self.ids)

    def rows_of(self, start: int, stop: int) -> np.ndarray:
        """Row positions of cases start..stop-1."""
        return self.rows[self.bounds[start]:self.bounds[stop]]

    def summaries(self, frame: pd.DataFrame) -> tuple[list[list[str]], list[tuple[dt.date | None, dt.date | None]]]:
        """Each case's agencies (sorted) and first and last dates, computed over the whole table at once."""
        n = len(self.ids)
        if not n:
            return [], []
        case_of_row = np.repeat(np.arange(n), np.diff(self.bounds))
        agency_codes, agency_names = pd.factorize(frame["agency"].astype(str).to_numpy()[self.rows], sort=True)
        pairs = np.unique(case_of_row * len(agency_names) + agency_codes)
        agencies: list[list[str]] = [[] for _ in range(n)]
        for case, agency in zip((pairs // len(agency_names)).tolist(), (pairs % len(agency_names)).tolist()):
            agencies[case].append(str(agency_names[agency]))  # ascending codes of a sorted factorize: sorted names
        days = frame["date"].to_numpy()[self.rows].astype("datetime64[D]")
        dated = ~np.isnat(days)
        first = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
        last = first.copy()
        if dated.any():
            grouped = pd.Series(days[dated]).groupby(case_of_row[dated])
            first[grouped.min().index] = grouped.min().to_numpy().astype("datetime64[D]")
            last[grouped.max().index] = grouped.max().to_numpy().astype("datetime64[D]")
        periods = [(None if np.isnat(a) else a.item(), None if np.isnat(b) else b.item()) for a, b in zip(first, last)]
        return agencies, periods
