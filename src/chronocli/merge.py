"""Build the integrated chronology: order every event, link the same happening across agencies, filter."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
from rapidfuzz import fuzz
from rapidfuzz.process import cpdist

from chronocli.cases import case_keys
from chronocli.errors import ChronoError
from chronocli.events.kinds import CONTACT_OUTCOMES, FORMAL_MEETINGS, MISSED
from chronocli.problems import Problem
from chronocli.read.agencies import agency_key
from chronocli.read.spellings import case_key

_PRECISION_RANK = {"year": 0, "month": 1, "day": 2, "": 3}
LINK_SIMILARITY = 62  # rapidfuzz token_sort_ratio: same happening told in each agency's own words
LINK_DAYS = 1
# An entry with more than this many others from the same case within LINK_DAYS is not compared for linking.
# No family's record has that many entries in three days; a caseload read without its case column does (every
# child becomes one "case"), and comparing every pair there would take hours and gigabytes.
LINK_CROWD = 50
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
    codes, precisions = pd.factorize(events["date_precision"], use_na_sentinel=False)  # a few values: looked up once
    rank = np.array([_PRECISION_RANK.get(p, 3) for p in precisions], dtype=np.int64)[codes]
    keys = [events["row"].to_numpy(), _sort_codes(events["sheet"]), events["source_index"].to_numpy(),
            _sort_codes(events["time"]), rank, days, undated]
    return np.lexsort(keys)


def _sort_codes(column: pd.Series) -> np.ndarray:
    """Integers that sort as the values do, missing values last."""
    codes, uniques = pd.factorize(column, sort=True)
    return np.where(codes < 0, len(uniques), codes)


def event_ids(n: int, prefix: str = "E") -> list[str]:
    """E0001, E0002, ... numbered by place in date order (%-formatting: the quickest way to make a million)."""
    pattern = f"{prefix}%0{max(4, len(str(n)))}d"
    return [pattern % i for i in range(1, n + 1)]


@lru_cache(maxsize=4096)  # few distinct kind tuples, each met thousands of times
def _outcome_flags(kinds: tuple[str, ...]) -> tuple[bool, bool, int]:
    """(records a contact outcome, the outcome is a missed one, bit mask of formal meetings)."""
    outcomes = CONTACT_OUTCOMES.intersection(kinds)
    meetings = sum(1 << _MEETING_BIT[k] for k in _MEETING_BIT.keys() & set(kinds))
    return bool(outcomes), bool(outcomes & MISSED), meetings


# Meetings two agencies may each minute. A section 47 enquiry is a process, not a meeting: the social worker's
# visit under it and the police's note of the strategy discussion that began it are two happenings.
_MEETING_BIT = {kind: bit for bit, kind in enumerate(sorted(FORMAL_MEETINGS - {"s47"}))}


def link_decisions(first: dict[str, Any], second: dict[str, Any]) -> np.ndarray:
    """For each pair (first[k], second[k]): do the two entries record the same happening?

    Each side holds equal-length columns: file, sheet, agency, day (days since 1970), date_precision, kinds, and
    normalised text (see normalise_text). Linked: different sources (another file or sheet, or another agency in
    one integrated sheet: one agency's two entries are two happenings), both dated to the day, at most LINK_DAYS
    apart, and not one kept and one missed visit; then either the same formal meeting on the same day, or
    like words (rapidfuzz token_sort_ratio, compared for all pairs at once in C).
    """
    def column(side: dict[str, Any], name: str) -> np.ndarray:
        return np.asarray(side[name], dtype=object if name in ("file", "sheet", "agency", "date_precision") else None)

    flags_a = [_outcome_flags(tuple(k)) for k in first["kinds"]]
    flags_b = [_outcome_flags(tuple(k)) for k in second["kinds"]]
    outcome_a, missed_a, meetings_a = (np.array(v, dtype=np.int64) for v in zip(*flags_a)) if flags_a else ([],) * 3
    outcome_b, missed_b, meetings_b = (np.array(v, dtype=np.int64) for v in zip(*flags_b)) if flags_b else ([],) * 3
    day_a, day_b = column(first, "day").astype(np.int64), column(second, "day").astype(np.int64)
    possible = (
        ~((column(first, "file") == column(second, "file")) & (column(first, "sheet") == column(second, "sheet"))
          & (column(first, "agency") == column(second, "agency")))
        & (column(first, "date_precision") == "day") & (column(second, "date_precision") == "day")
        & (np.abs(day_a - day_b) <= LINK_DAYS)
        # A visit that was kept and one that was missed are two happenings, whatever the words.
        & ~((outcome_a & outcome_b).astype(bool) & (missed_a != missed_b))
    )
    same_meeting = possible & ((np.asarray(meetings_a) & np.asarray(meetings_b)) != 0) & (day_a == day_b)
    compare = np.flatnonzero(possible & ~same_meeting)
    linked = same_meeting.copy()
    if len(compare):
        texts_a, texts_b = np.asarray(first["normalised"], dtype=object), np.asarray(second["normalised"], dtype=object)
        scores = cpdist(list(texts_a[compare]), list(texts_b[compare]), scorer=fuzz.token_sort_ratio, dtype=np.float64)
        linked[compare] = scores >= LINK_SIMILARITY
    return linked


def should_link(a: dict, b: dict) -> bool:
    """Two entries record the same happening (one pair of link_decisions).

    Each dict holds file, sheet, agency, date, date_precision, kinds, and text.
    """
    def side(e: dict) -> dict[str, list]:
        return {"file": [e["file"]], "sheet": [e["sheet"]], "agency": [e.get("agency", "")],
                "date_precision": [e["date_precision"]],
                "kinds": [e["kinds"]], "normalised": [normalise_text(e["text"])], "day": [_day_number(e["date"])]}
    return bool(link_decisions(side(a), side(b))[0])


def _day_number(value: object) -> int:
    """Days since 1970 for a date or a Timestamp."""
    return int(pd.Timestamp(value).value // 86_400_000_000_000)


def normalise_text(text: str) -> str:
    return _NON_WORD.sub(" ", text.lower())


@dataclass(frozen=True)
class LinkCandidates:
    """Pairs of entries that might record the same happening, with what comparing them needs except their kinds;
    and the rows not compared because their days are crowded (see LINK_CROWD).

    Found with array operations (same case, different source, dates at most LINK_DAYS apart); only these few
    pairs are compared word by word. Kinds are left out so all this can be worked out while the entries
    are still being classified.
    """

    pairs: np.ndarray  # places in date order, earlier first, one pair per row
    left_out: np.ndarray
    rows: np.ndarray  # the table rows the pairs name, each once
    inverse: np.ndarray  # the pairs as positions in `rows`
    columns: dict[str, np.ndarray]  # of `rows`: file, sheet, agency, date_precision, normalised text, day number

    @classmethod
    def of(cls, events: pd.DataFrame, order: np.ndarray) -> LinkCandidates:
        pairs, left_out = _candidate_pairs(events, order)
        if not len(pairs):
            return cls(pairs, left_out, np.empty(0, dtype=np.int64), pairs, {})
        needed, inverse = np.unique(pairs, return_inverse=True)
        rows = order[needed]
        columns = {c: events[c].to_numpy()[rows] for c in ("file", "sheet", "agency", "date_precision")}
        # Normalised once per distinct text, not once per pair.
        codes, texts = pd.factorize(events["text"].to_numpy()[rows])
        columns["normalised"] = np.array([normalise_text(t) for t in texts], dtype=object)[codes]
        columns["day"] = events["date"].to_numpy()[rows].astype("datetime64[D]").astype(np.int64)
        return cls(pairs, left_out, rows, inverse.reshape(pairs.shape), columns)

    def roots(self, kinds: np.ndarray) -> np.ndarray:
        """For each place in date order, the place of the first entry recording the same happening (itself if
        none). `kinds` holds every table row's kinds."""
        parent = np.arange(len(kinds))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        if not len(self.pairs):
            return parent
        columns = {**self.columns, "kinds": kinds[self.rows]}
        first = {c: v[self.inverse[:, 0]] for c, v in columns.items()}
        second = {c: v[self.inverse[:, 1]] for c, v in columns.items()}
        for i, j in self.pairs[link_decisions(first, second)].tolist():
            a, b = find(i), find(j)
            parent[max(a, b)] = min(a, b)  # the earliest entry stays the root, so it names the group
        # Every place's root at once, by pointer jumping: each step halves the longest remaining path.
        while not np.array_equal(jumped := parent[parent], parent):
            parent = jumped
        return parent


def _candidate_pairs(events: pd.DataFrame, order: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of places in date `order` (earlier first, one pair per row) that might record the same happening,
    and the rows left out because too many entries of their case crowd the same days (see LINK_CROWD)."""
    none = np.empty((0, 2), dtype=np.int64), np.empty(0, dtype=np.int64)
    exact = (events["date_precision"].eq("day") & events["date"].notna()).to_numpy()[order]
    places = np.flatnonzero(exact)
    if len(places) < 2:
        return none
    rows = order[places]
    case = pd.factorize(case_keys(events))[0][rows]
    # A source: one sheet of one file, and within it one agency (an integrated sheet holds several).
    sheet, agency = pd.factorize(events["sheet"])[0], pd.factorize(events["agency"])[0]
    source = ((events["source_index"].to_numpy().astype(np.int64) * (sheet.max() + 1) + sheet) * (agency.max() + 1)
              + agency)[rows]
    days = events["date"].to_numpy()[rows].astype("datetime64[D]").astype(np.int64)
    by_case = np.lexsort((days, case))  # stable: within a day, date order (so earlier first) is kept
    places, case, source, days = places[by_case], case[by_case], source[by_case], days[by_case]
    # How many entries of the same case lie within LINK_DAYS of each one (sorted keys: two bisections each).
    key = case.astype(np.int64) * (int(days.max() - days.min()) + 2 * LINK_DAYS + 1) + (days - days.min())
    crowd = np.searchsorted(key, key + LINK_DAYS, "right") - np.searchsorted(key, key - LINK_DAYS, "left") - 1
    crowded = crowd > LINK_CROWD
    if crowded.any():
        left_out = order[places[crowded]]
        places, case, source, days = places[~crowded], case[~crowded], source[~crowded], days[~crowded]
    else:
        left_out = none[1]
    pairs: list[np.ndarray] = [none[0]]
    offset = 1
    while offset < len(places):
        near = (case[offset:] == case[:-offset]) & (days[offset:] - days[:-offset] <= LINK_DAYS)
        if not near.any():
            break  # sorted by case then date: no pair further apart can be close either
        hits = np.flatnonzero(near & (source[offset:] != source[:-offset]))
        pairs.append(np.column_stack((places[hits], places[hits + offset])))
        offset += 1
    return np.concatenate(pairs), left_out


@dataclass(frozen=True)
class MergePlan:
    """What merging can work out before the entries are classified (so it can run while they are): date order,
    the pairs to compare for linking, and the numbers that will name entries and groups."""

    order: np.ndarray  # row positions in date order
    candidates: LinkCandidates
    ids: np.ndarray  # E0001, ... by place in date order
    group_ids: np.ndarray  # G0001, ... likewise: a group is named by its first entry's place

    @classmethod
    def of(cls, events: pd.DataFrame) -> MergePlan:
        order = date_order(events)
        return cls(order, LinkCandidates.of(events, order), np.array(event_ids(len(events)), dtype=object),
                   np.array(event_ids(len(events), "G"), dtype=object))


def linked_order(events: pd.DataFrame, plan: MergePlan | None = None
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Row positions of the integrated chronology, with each row's place in date order and its group's first place;
    and the rows left unlinked because their days were too crowded to compare.

    Linked entries are kept together at the place of the group's first entry; the order is otherwise date order.
    """
    plan = plan or MergePlan.of(events)
    roots = plan.candidates.roots(events["kinds"].to_numpy())
    places = np.arange(len(plan.order))
    grouped = np.lexsort((places, roots)) if (roots != places).any() else places
    return plan.order[grouped], grouped, roots[grouped], plan.candidates.left_out


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
    if filters.agencies:  # any spelling of the agency: "--agency HV" keeps what is shown as "Health Visitor"
        wanted = {agency_key(a) for a in filters.agencies}
        codes, names = pd.factorize(events["agency"])
        keep &= np.isin(codes, [i for i, name in enumerate(names) if agency_key(str(name)) in wanted])
    if filters.kinds:
        wanted_kinds = set(filters.kinds)
        keep &= events["kinds"].map(lambda ks: bool(wanted_kinds & set(ks)))
    if filters.significant:
        keep &= events["kinds"].map(lambda ks: any(k != "contact" for k in ks))
    if filters.case is not None:  # any spelling of the id: "485 777 3456" finds what is shown as "4857773456"
        codes, ids = pd.factorize(events["case_id"].astype(str))
        keep &= np.isin(codes, [i for i, case_id in enumerate(ids) if case_key(case_id) == case_key(filters.case)])
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


def merge(events: pd.DataFrame, filters: Filters | None = None, dob: dt.date | dict[str, dt.date] | None = None,
          plan: MergePlan | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """Order, link, filter and add ages. The input frame comes from the readers, classified; `plan` is
    MergePlan.of(the same rows), when it was worked out while they were being classified.

    Event ids follow date order; a `group` names the entries recording the same happening by its first
    entry's id with a G (an entry linked to nothing is a group of one). Nothing is dropped. Returns the
    merged table and warnings (entries too crowded to link).

    `dob` is the child's date of birth (every entry's age), or each child's by name (ages for the entries about
    them; entries about no one child too, when only one child's is known).
    """
    plan = plan or MergePlan.of(events)
    rows, places, roots, left_out = linked_order(events, plan)
    merged = events.take(rows).reset_index(drop=True)  # one copy of the table, whatever the linking did
    merged["event_id"] = plan.ids[places]
    merged["group"] = plan.group_ids[roots]
    problems = _crowded_problems(events.iloc[left_out])
    if filters:
        merged = apply_filters(merged, filters)
    if isinstance(dob, dict) and dob:
        only = next(iter(dob.values())) if len(dob) == 1 else None
        subjects = merged["subject"] if "subject" in merged else pd.Series("", index=merged.index)
        merged["age"] = [age_at(born, d, p) if (born := dob.get(s) or (only if not s else None)) else ""
                         for s, d, p in zip(subjects, merged["date"], merged["date_precision"])]
    elif isinstance(dob, dt.date):
        merged["age"] = [age_at(dob, d, p) for d, p in zip(merged["date"], merged["date_precision"])]
    return merged, problems


def _crowded_problems(crowded: pd.DataFrame) -> list[Problem]:
    """One warning per file and case for entries left unlinked because too many share their days."""
    if crowded.empty:
        return []
    problems = []
    for (file, sheet, case_id), count in crowded.groupby([crowded["file"], crowded["sheet"], case_keys(crowded)]).size().items():
        whose = f"case {case_id}" if case_id else "rows with no case id"
        problems.append(Problem(
            file, f"{whose}: {count:,} {'entry has' if count == 1 else 'entries have'} more than {LINK_CROWD} others of the same case within {LINK_DAYS} "
                  "day, too many to compare, so they are not linked (a happening two agencies recorded shows twice)",
            sheet=sheet, level="warning",
            hint="If these files hold many children's records, name their case column: --map \"HEADER=case_id\" "
                 "(chrono scan: --case-column HEADER)."))
    return problems
