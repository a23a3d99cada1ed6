"""Build the integrated chronology: order every event, link the same happening across agencies, filter."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from rapidfuzz import fuzz

from chronocli.errors import ChronoError
from chronocli.events.kinds import CONTACT_OUTCOMES, FORMAL_MEETINGS, MISSED

_PRECISION_RANK = {"year": 0, "month": 1, "day": 2, "": 3}
LINK_SIMILARITY = 62  # rapidfuzz token_sort_ratio: same happening told in each agency's own words
LINK_DAYS = 1
_NON_WORD = re.compile(r"[^a-z0-9 ]+")


@dataclass(frozen=True)
class Filters:
    """What the user asked to see. Undated events are kept by date filters: they cannot be judged."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    agencies: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    significant: bool = False
    case: str | None = None


def date_order(events: pd.DataFrame) -> np.ndarray:
    """Row positions in date order; imprecise dates at the start of their period; then time, then source order.

    Deterministic: ties fall back to file, sheet and row. Sorted on integer keys (np.lexsort is stable).
    """
    dates = events["date"]
    undated = dates.isna().to_numpy()
    days = np.where(undated, 0, dates.to_numpy().astype("datetime64[ns]").astype(np.int64))
    rank = events["date_precision"].map(_PRECISION_RANK).fillna(3).to_numpy()
    keys = [events["row"].to_numpy(), _sort_codes(events["sheet"]), events["source_index"].to_numpy(),
            _sort_codes(events["time"]), rank, days, undated]
    return np.lexsort(keys)


def _sort_codes(column: pd.Series) -> np.ndarray:
    """Integers that sort as the values do, missing values last."""
    codes, uniques = pd.factorize(column, sort=True)
    return np.where(codes < 0, len(uniques), codes)


def event_ids(n: int, prefix: str = "E") -> list[str]:
    width = max(4, len(str(n)))
    return [f"{prefix}{i:0{width}d}" for i in range(1, n + 1)]


def _conflicting_outcomes(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """A visit that was kept and one that was missed are two happenings, whatever the words."""
    oa, ob = set(a) & CONTACT_OUTCOMES, set(b) & CONTACT_OUTCOMES
    return bool(oa and ob and (bool(oa & MISSED) != bool(ob & MISSED)))


def _day_number(value: object) -> int:
    """Days since 1970 for an int (already a day number), a date or a Timestamp."""
    if isinstance(value, (int, np.integer)):
        return int(value)
    return int(pd.Timestamp(value).value // 86_400_000_000_000)


def should_link(a: dict, b: dict) -> bool:
    """Two entries record the same happening: different files, close dates, same meeting or like words.

    Each dict holds file, sheet, date, date_precision, kinds, and text (or its `normalised` form).
    """
    if a["file"] == b["file"] and a["sheet"] == b["sheet"]:
        return False
    if a["date_precision"] != "day" or b["date_precision"] != "day":
        return False
    if abs(_day_number(a["date"]) - _day_number(b["date"])) > LINK_DAYS:
        return False
    if _conflicting_outcomes(a["kinds"], b["kinds"]):
        return False
    meetings = set(a["kinds"]) & set(b["kinds"]) & FORMAL_MEETINGS
    if meetings and _day_number(a["date"]) == _day_number(b["date"]):
        return True
    words_a = a.get("normalised") or _normalise_text(a["text"])
    words_b = b.get("normalised") or _normalise_text(b["text"])
    return fuzz.token_sort_ratio(words_a, words_b) >= LINK_SIMILARITY


def _normalise_text(text: str) -> str:
    return _NON_WORD.sub(" ", text.lower())


def link_roots(events: pd.DataFrame, order: np.ndarray) -> np.ndarray:
    """For each place in date `order`, the place of the first entry recording the same happening (itself if none).

    Candidate pairs are found with array operations (same case, different source, dates at most LINK_DAYS
    apart); only those few pairs are compared word by word.
    """
    n = len(order)
    parent = np.arange(n)

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    pairs = _candidate_pairs(events, order)
    if not pairs:
        return parent
    needed = np.unique(np.array(pairs).ravel())
    rows = order[needed]
    columns = {c: events[c].to_numpy()[rows] for c in ("file", "sheet", "date_precision", "kinds")}
    # Normalised once per entry, not once per pair.
    columns["normalised"] = [_normalise_text(t) for t in events["text"].to_numpy()[rows]]
    columns["date"] = events["date"].to_numpy()[rows].astype("datetime64[D]").astype(np.int64).tolist()
    records = {int(place): {c: values[k] for c, values in columns.items()} for k, place in enumerate(needed)}
    for i, j in pairs:
        if should_link(records[i], records[j]):
            a, b = find(i), find(j)
            parent[max(a, b)] = min(a, b)  # the earliest entry stays the root, so it names the group
    roots = np.arange(n)
    for place in needed.tolist():
        roots[place] = find(place)
    return roots


def _candidate_pairs(events: pd.DataFrame, order: np.ndarray) -> list[tuple[int, int]]:
    """Pairs of places in date `order` (earlier first) that might record the same happening."""
    exact = (events["date_precision"].eq("day") & events["date"].notna()).to_numpy()[order]
    places = np.flatnonzero(exact)
    if len(places) < 2:
        return []
    rows = order[places]
    case = pd.factorize(events["case_id"].astype(str))[0][rows] if "case_id" in events else np.zeros(len(rows), int)
    sheet = pd.factorize(events["sheet"])[0]
    source = (events["source_index"].to_numpy().astype(np.int64) * (sheet.max() + 1) + sheet)[rows]
    days = events["date"].to_numpy()[rows].astype("datetime64[D]").astype(np.int64)
    by_case = np.lexsort((days, case))  # stable: within a day, date order (so earlier first) is kept
    places, case, source, days = places[by_case], case[by_case], source[by_case], days[by_case]
    pairs: list[tuple[int, int]] = []
    offset = 1
    while offset < len(places):
        near = (case[offset:] == case[:-offset]) & (days[offset:] - days[:-offset] <= LINK_DAYS)
        if not near.any():
            break  # sorted by case then date: no pair further apart can be close either
        hits = np.flatnonzero(near & (source[offset:] != source[:-offset]))
        pairs.extend(zip(places[hits].tolist(), places[hits + offset].tolist()))
        offset += 1
    return pairs


def linked_order(events: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Row positions of the integrated chronology, with each row's place in date order and its group's first place.

    Linked entries are kept together at the place of the group's first entry; the order is otherwise date order.
    """
    order = date_order(events)
    roots = link_roots(events, order)
    places = np.arange(len(order))
    grouped = np.lexsort((places, roots)) if (roots != places).any() else places
    return order[grouped], grouped, roots[grouped]


def parse_period(text: str, today: dt.date | None = None) -> dt.date:
    """'2y', '18m', '6w', '90d' -> the date that far before today (month ends clamped: 31 Mar - 1m = 29 Feb)."""
    today = today or dt.date.today()
    m = re.fullmatch(r"\s*(\d+)\s*([ymwd])\s*", text or "", re.IGNORECASE)
    if not m:
        raise ChronoError(f"--last {text!r} is not a period.", "Write it like 2y, 18m, 6w or 90d.")
    n, unit = int(m.group(1)), m.group(2).lower()
    try:
        if unit in "ym":
            months = today.year * 12 + today.month - 1 - n * (12 if unit == "y" else 1)
            year, month = divmod(months, 12)
            return dt.date(year, month + 1, min(today.day, calendar.monthrange(year, month + 1)[1]))
        return today - dt.timedelta(days=n * (7 if unit == "w" else 1))
    except (ValueError, OverflowError) as exc:
        raise ChronoError(f"--last {text!r} reaches before year 1.", "Use a shorter period.") from exc


def apply_filters(events: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    keep = pd.Series(True, index=events.index)
    undated = events["date"].isna()
    if filters.date_from:
        # An imprecise date overlaps the period if its period's end is on or after the start.
        keep &= undated | (_period_end(events) >= pd.Timestamp(filters.date_from))
    if filters.date_to:
        keep &= undated | (events["date"] <= pd.Timestamp(filters.date_to))
    if filters.agencies:
        wanted = {a.lower() for a in filters.agencies}
        keep &= events["agency"].str.lower().isin(wanted)
    if filters.kinds:
        wanted_kinds = set(filters.kinds)
        keep &= events["kinds"].map(lambda ks: bool(wanted_kinds & set(ks)))
    if filters.significant:
        keep &= events["kinds"].map(lambda ks: any(k != "contact" for k in ks))
    if filters.case is not None:
        keep &= events["case_id"].astype(str) == filters.case
    return events[keep].reset_index(drop=True)


def _period_end(events: pd.DataFrame) -> pd.Series:
    end = events["date"].copy()
    month = events["date_precision"] == "month"
    year = events["date_precision"] == "year"
    end[month] = events.loc[month, "date"] + pd.offsets.MonthEnd(0)
    end[year] = events.loc[year, "date"] + pd.offsets.YearEnd(0)
    return end


def age_at(dob: dt.date, date: pd.Timestamp, precision: str) -> str:
    """Child's age at an event: '4y 7m', '9m', or '-' before birth; '~' when the date is imprecise."""
    if pd.isna(date):
        return ""
    day = date.date()
    months = (day.year - dob.year) * 12 + day.month - dob.month - (1 if day.day < dob.day else 0)
    if months < 0:
        return "before birth"
    shown = f"{months // 12}y {months % 12}m" if months >= 24 else f"{months}m"
    return ("~" if precision in ("month", "year") else "") + shown


def merge(events: pd.DataFrame, filters: Filters | None = None, dob: dt.date | None = None) -> pd.DataFrame:
    """Order, link, filter and add ages. The input frame comes from the readers, classified.

    Event ids follow date order; a `group` names the entries recording the same happening by its first
    entry's id with a G (an entry linked to nothing is a group of one). Nothing is dropped.
    """
    rows, places, roots = linked_order(events)
    merged = events.take(rows).reset_index(drop=True)  # one copy of the table, whatever the linking did
    ids = np.array(event_ids(len(events)), dtype=object)
    merged["event_id"] = ids[places]
    merged["group"] = np.array(event_ids(len(events), "G"), dtype=object)[roots]
    if filters:
        merged = apply_filters(merged, filters)
    if dob is not None:
        merged["age"] = [age_at(dob, d, p) for d, p in zip(merged["date"], merged["date_precision"])]
    return merged
