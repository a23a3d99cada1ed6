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


def order_events(events: pd.DataFrame) -> pd.DataFrame:
    """Date order; imprecise dates at the start of their period; then time, then source order. Deterministic."""
    if events.empty:
        return events.assign(event_id=pd.Series(dtype=str))
    keyed = events.assign(
        _undated=events["date"].isna(),
        _rank=events["date_precision"].map(_PRECISION_RANK).fillna(3),
    )
    keyed = keyed.sort_values(["_undated", "date", "_rank", "time", "source_index", "sheet", "row"],
                              kind="stable", na_position="last")
    keyed = keyed.drop(columns=["_undated", "_rank"]).reset_index(drop=True)
    width = max(4, len(str(len(keyed))))
    keyed["event_id"] = [f"E{i:0{width}d}" for i in range(1, len(keyed) + 1)]
    return keyed


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


def link_groups(events: pd.DataFrame) -> pd.DataFrame:
    """Give entries recording the same happening one `group` (the first member's id with a G); nothing dropped.

    Candidate pairs are found with array operations (same case, different source, dates at most LINK_DAYS
    apart); only those few pairs are compared word by word.
    """
    n = len(events)
    parent = np.arange(n)

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    pairs = _candidate_pairs(events)
    roots = np.arange(n)
    if pairs:
        needed = np.unique(np.array(pairs).ravel())
        columns = {c: events[c].to_numpy()[needed] for c in ("file", "sheet", "date_precision", "kinds")}
        # Normalised once per entry, not once per pair.
        columns["normalised"] = [_normalise_text(t) for t in events["text"].to_numpy()[needed]]
        columns["date"] = events["date"].to_numpy()[needed].astype("datetime64[D]").astype(np.int64).tolist()
        records = {int(row): {c: values[k] for c, values in columns.items()} for k, row in enumerate(needed)}
        for i, j in pairs:
            if should_link(records[i], records[j]):
                parent[find(j)] = find(i)
        for node in needed:
            roots[node] = find(int(node))
    events["group"] = ("G" + events["event_id"].str.slice(1)).to_numpy()[roots]
    return events


def _candidate_pairs(events: pd.DataFrame) -> list[tuple[int, int]]:
    exact = (events["date_precision"].eq("day") & events["date"].notna()).to_numpy()
    rows = np.flatnonzero(exact)
    if len(rows) < 2:
        return []
    case = pd.factorize(events["case_id"].astype(str))[0][rows] if "case_id" in events else np.zeros(len(rows), int)
    source = pd.factorize(events["file"].astype(str) + "\0" + events["sheet"].astype(str))[0][rows]
    days = events["date"].to_numpy()[rows].astype("datetime64[D]").astype(np.int64)
    order = np.lexsort((days, case))
    rows, case, source, days = rows[order], case[order], source[order], days[order]
    pairs: list[tuple[int, int]] = []
    offset = 1
    while offset < len(rows):
        near = (case[offset:] == case[:-offset]) & (days[offset:] - days[:-offset] <= LINK_DAYS)
        if not near.any():
            break  # sorted by case then date: no pair further apart can be close either
        hits = np.flatnonzero(near & (source[offset:] != source[:-offset]))
        pairs.extend(zip(rows[hits].tolist(), rows[hits + offset].tolist()))
        offset += 1
    return pairs


def reorder_groups(events: pd.DataFrame) -> pd.DataFrame:
    """Keep linked entries together, at the place of the group's first entry (order otherwise unchanged)."""
    codes = pd.factorize(events["group"])[0]
    position = np.arange(len(events))
    anchor = np.full(codes.max() + 1 if len(codes) else 0, len(events))
    np.minimum.at(anchor, codes, position)
    order = np.lexsort((position, anchor[codes]))
    return events.iloc[order].reset_index(drop=True)


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
    """Order, link, filter and add ages. The input frame comes from the readers, classified."""
    merged = reorder_groups(link_groups(order_events(events)))
    if filters:
        merged = apply_filters(merged, filters)
    if dob is not None:
        merged["age"] = [age_at(dob, d, p) for d, p in zip(merged["date"], merged["date_precision"])]
    return merged
