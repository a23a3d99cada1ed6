"""What every detector shares: the event record it reads, the Finding it returns, options, and helpers."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from functools import lru_cache
from itertools import chain
from operator import attrgetter, itemgetter
from typing import Any, ClassVar, NamedTuple

from chronocli.errors import ConfigError
from chronocli.events.kinds import SIGHTINGS

SEVERITIES = ("high", "medium", "low")
SEVERITY_RANK = {"high": 3, "medium": 2, "low": 1}


class CaseEvent(NamedTuple):
    """One classified event as detectors see it. `date` is None when the row could not be placed in time.

    A NamedTuple rather than a dataclass: a caseload scan builds a million of these, and tuples are
    created several times faster while staying immutable.
    """

    event_id: str
    date: dt.date | None
    agency: str
    text: str
    kinds: frozenset[str]
    precision: str = "day"
    area: str = ""
    task_area: str = ""
    account_by: str = ""
    value: float | None = None
    file: str = ""
    sheet: str = ""
    row: int = 0
    case_id: str = ""
    group: str = ""
    subject: str = ""  # the person an entry is about, when one record covers several children
    recorded_by: str = ""  # the practitioner or role who recorded it (compared by selective_cooperation)
    # For an entry naming several children, one seen and another not: what it says of each, by first name
    # (lower case). `kinds` holds the entry's reading as a whole (not seen outweighs seen); see per_child.
    seen_by: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # For an entry with tasks both completed and not completed: (task kind, area) for each, read sentence by
    # sentence; `task_area` is one area for the entry. See outcome_areas.
    task_outcomes: tuple[tuple[str, str], ...] = ()
    value_area: str = ""  # what `value` measures, when the entry's words speak of another area (see measured_signals)

    def has(self, *kinds: str) -> bool:
        # Loops over every event of a case test `kind in event.kinds` or `kinds.isdisjoint(A_SET)` directly:
        # a Python call per event is a noticeable share of a caseload scan.
        return not self.kinds.isdisjoint(kinds)

    @property
    def exact(self) -> bool:
        """Dated to the day: only these are used to measure gaps and working days."""
        return self.date is not None and self.precision == "day"


@dataclass(frozen=True)
class Finding:
    """An indicator with its evidence. Never a verdict: the summary says what the record shows."""

    code: str
    pattern: str
    severity: str
    title: str
    summary: str
    evidence: tuple[str, ...]
    first_date: dt.date | None = None
    last_date: dt.date | None = None

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {SEVERITIES}")


@dataclass
class CaseContext:
    """What a detector may need beyond the events: working days, whether the child is on a plan."""

    nation: str = "england-and-wales"
    on_plan: bool = False  # configured: treat the child as on a child protection plan throughout
    # configured: the role [names] gives people ("Ricky": "Father"), by first name; what the entries say of them is read
    # with it (the child's "daddy came for tea" is Ricky there)
    roles: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)


class Detector:
    """Base class. Subclasses set code, name, pattern, title, guidance, questions, Options, and detect()."""

    code: ClassVar[str]
    name: ClassVar[str]
    pattern: ClassVar[str]
    title: ClassVar[str]
    guidance: ClassVar[str]
    questions: ClassVar[tuple[str, ...]]
    Options: ClassVar[type]

    def detect(self, events: Sequence[CaseEvent], options: Any, context: CaseContext) -> list[Finding]:
        raise NotImplementedError

    def finding(self, severity: str, summary: str, evidence: Iterable[CaseEvent], title: str | None = None) -> Finding:
        items = sorted({e.event_id: e for e in evidence}.values(), key=lambda e: (e.date or dt.date.max, e.event_id))
        dated = [e.date for e in items if e.date]
        return Finding(self.code, self.pattern, severity, title or self.title, summary,
                       tuple(e.event_id for e in items), min(dated) if dated else None, max(dated) if dated else None)

    @classmethod
    def options_from(cls, table: dict[str, Any] | None) -> Any:
        """Build Options from a config table; unknown keys and wrong types name the key (all of them at once)."""
        options, problems = cls._read_options(table)
        if problems:
            raise ConfigError("\n".join(m for m, _ in problems), " ".join(dict.fromkeys(h for _, h in problems if h)))
        return options

    @classmethod
    def option_problems(cls, table: dict[str, Any] | None) -> list[tuple[str, str]]:
        """(message, hint) for every setting in a config table that is unknown or of the wrong type."""
        return cls._read_options(table)[1]

    @classmethod
    def _read_options(cls, table: dict[str, Any] | None) -> tuple[Any, list[tuple[str, str]]]:
        options = cls.Options()
        known = {f.name: f for f in fields(cls.Options)}
        problems = []
        for key, value in (table or {}).items():
            if key not in known:
                problems.append((f"[detectors.{cls.pattern}] has no setting '{key}'.",
                                 f"Settings: {', '.join(known)}. See `chrono patterns {cls.pattern}`."))
                continue
            expected = type(getattr(options, key))
            if expected is float and isinstance(value, int) and not isinstance(value, bool):
                value = float(value)
            if not isinstance(value, expected) or isinstance(value, bool) != (expected is bool):
                problems.append((f"[detectors.{cls.pattern}] '{key}' must be {expected.__name__}, not {value!r}.", ""))
                continue
            setattr(options, key, value)
        return options, problems


def option(default: Any, help: str) -> Any:  # noqa: A002 - "help" is the conventional field metadata name
    """A threshold with its help text (shown by `chrono patterns`)."""
    return field(default=default, metadata={"help": help})


_BY_DATE = attrgetter("date", "event_id")
_KINDS = itemgetter(CaseEvent._fields.index("kinds"))  # quicker than the attribute, in a loop over events
_SUBJECT = itemgetter(CaseEvent._fields.index("subject"))


class CaseView(list):
    """A case's dated events in date order, with an index by kind so a detector can fetch, say, every missed
    contact without reading every event (the index is built once, on first use, and shared by all detectors)."""

    def __init__(self, events: Iterable[CaseEvent]) -> None:
        super().__init__(sorted((e for e in events if e.date is not None), key=_BY_DATE))
        self._by_kind: dict[str, list[int]] | None = None
        self._asked: dict[tuple[str, ...], list[CaseEvent]] = {}  # detectors ask for the same kinds again and again

    def having(self, *kinds: str) -> list[CaseEvent]:
        """Events with any of these kinds, in date order (a fresh list: callers may change it)."""
        found = self._asked.get(kinds)
        if found is None:
            found = self._asked[kinds] = list(map(self.__getitem__, self._positions(kinds)))
        return list(found)

    def _positions(self, kinds: tuple[str, ...]) -> list[int]:
        """Positions of the events with any of `kinds`, ascending, from an index of each kind's positions. It is
        built from the case's distinct sets of kinds (shared between its events), not event by event; a query
        reads only the kinds it asks for (a case of varied notes has a hundred distinct sets or more)."""
        if self._by_kind is None:
            by_set: dict[frozenset[str], list[int]] = defaultdict(list)
            for position, kinds_of_event in enumerate(map(_KINDS, self)):
                by_set[kinds_of_event].append(position)
            by_kind: dict[str, list[int]] = defaultdict(list)
            for kinds_of_event, positions in by_set.items():
                for kind in kinds_of_event:
                    by_kind[kind] += positions
            self._by_kind = {kind: sorted(positions) for kind, positions in by_kind.items()}
        lists = [found for kind in kinds if (found := self._by_kind.get(kind))]
        if not lists:
            return []
        return lists[0] if len(lists) == 1 else sorted(set(chain.from_iterable(lists)))  # an event may have two of them


def dated(events: Iterable[CaseEvent]) -> CaseView:
    """The events that have a date, in date order (the same view again if given one)."""
    return events if isinstance(events, CaseView) else CaseView(events)


class ByDate:
    """Dated events in date order, searchable by date range by bisection: pairing events that fall within a
    time window stays linear in a case with years of records, where a nested loop would not."""

    def __init__(self, events: Iterable[CaseEvent]) -> None:
        self.events = list(events)
        self._dates = [e.date for e in self.events]

    def between(self, start: dt.date, end: dt.date) -> list[CaseEvent]:
        """Events dated from `start` to `end`, both included, in date order."""
        return self.events[bisect_left(self._dates, start):bisect_right(self._dates, end)]


def family_occasions(contacts: list[CaseEvent]) -> list[list[CaseEvent]]:
    """Contacts as the family's occasions, in date order: siblings' appointments at one agency on one day
    (entries naming different children) are one occasion, not one per child, since one parent not bringing
    two children is one default (004 §7.9 counts defaulted contacts); kept ones are counted alike. One child's
    two appointments there that day stay two."""
    if not any(map(_SUBJECT, contacts)):  # no entry names a child (most records): each is its own occasion
        return [[e] for e in contacts]
    by_day: dict[tuple, dict[str, list[CaseEvent]]] = {}
    for event in contacts:
        by_day.setdefault((event.date, event.agency), {}).setdefault(event.subject, []).append(event)
    occasions = []
    for per_subject in by_day.values():
        if len(per_subject) == 1 or "" in per_subject:  # one child, or entries about no one child: as recorded
            occasions += [[e] for entries in per_subject.values() for e in entries]
            continue
        lists = list(per_subject.values())
        for k in range(max(map(len, lists))):  # the k-th miss of each child that day is one occasion
            occasions.append([entries[k] for entries in lists if k < len(entries)])
    occasions.sort(key=lambda o: (o[0].date, o[0].event_id))
    return occasions


def one_per_occasion(contacts: list[CaseEvent]) -> list[CaseEvent]:
    """The first entry of each of family_occasions(contacts): what to count."""
    if not any(map(_SUBJECT, contacts)):
        return contacts
    return [occasion[0] for occasion in family_occasions(contacts)]


def by_agency(events: Iterable[CaseEvent]) -> dict[str, list[CaseEvent]]:
    """Events grouped by agency, in the order given (agencies in order of first appearance)."""
    groups: dict[str, list[CaseEvent]] = {}
    for event in events:
        group = groups.get(event.agency)
        if group is None:
            groups[event.agency] = [event]
        else:
            group.append(event)
    return groups


# Subjects that stand for every child of the case, as an integrated chronology's "Child" column writes them.
_EVERY_CHILD = frozenset({"both", "all", "both children", "all children", "siblings", "all siblings", "the children",
                          "children", "family", "whole family", "the family", "household", "kids", "both boys",
                          "both girls", "all three", "all 3", "all four", "all 4", "sibling group"})


def children_named(events: Sequence[CaseEvent]) -> list[str]:
    """The children a subject column names in this case (sorted); none or one means the case is one child. A
    subject that stands for several ("Both", "All children", "Mia and Liam") is none of them: it concerns each."""
    subjects = {e.subject for e in events if e.subject}
    return sorted(s for s in subjects if not _for_several(s, subjects))


def _for_several(subject: str, subjects: set[str]) -> bool:
    if re.sub(r"[^a-z0-9 ]", "", subject.lower()).strip() in _EVERY_CHILD:
        return True
    others = [o.split()[0] for o in subjects if o != subject and o.split()]
    return sum(bool(re.search(rf"\b{re.escape(first)}\b", subject, re.IGNORECASE)) for first in others) >= 2


def per_child(events: list[CaseEvent], children: list[str]) -> list[tuple[str, list[CaseEvent]]]:
    """(child, the entries that concern them), a pair for each child: one group for the case ("", all entries),
    unless a subject column names several children, so that what is recorded about one sibling is not read as
    about another (see ChildrenConcerned)."""
    if len(children) <= 1:
        return [("", events)]
    concerned = ChildrenConcerned(children)
    groups: list[tuple[str, list[CaseEvent]]] = [(child, []) for child in children]
    for event in events:
        whom = concerned(event)
        for child, about in groups:
            if child in whom:
                about.append(as_for_child(event, child.split()[0].lower()) if event.seen_by else event)
    return groups


class ChildrenConcerned:
    """Which of the children a subject column names an entry concerns: the one it is about, and any it names; with
    no one child its subject, those it names, or (naming none) all of them: no subject, or one that stands for
    several children ("Both"), is the household's."""

    def __init__(self, children: list[str]):
        self.children = frozenset(children)
        self._first_names = {child: re.compile(rf"\b{re.escape(child.split()[0])}\b", re.IGNORECASE) for child in children}

    def __call__(self, event: CaseEvent) -> frozenset[str]:
        named = {c for c, regex in self._first_names.items() if regex.search(event.text)}
        if event.subject in self.children:
            return frozenset(named | {event.subject})
        if not named:
            return self.children
        return frozenset(named | {c for c, regex in self._first_names.items() if event.subject and regex.search(event.subject)})


def outcome_areas(event: CaseEvent, kind: str) -> set[str] | None:
    """The plan areas an entry records tasks `kind` (task_completed, task_not_completed) in, sentence by sentence,
    when it records some tasks done and others not ("Parenting course completed. Hair strand test outstanding."):
    None for an entry with one outcome, whose task_area (and words) say."""
    if not event.task_outcomes:
        return None
    return {area for found, area in event.task_outcomes if found == kind and area}


def as_for_child(event: CaseEvent, first_name: str) -> CaseEvent:
    """The entry as it concerns one child: "Poppy seen in cot. Tyler at nan's" has Poppy seen, where the entry
    as a whole has not seen (so that a sighting of one sibling never hides that another was not seen)."""
    for name, sightings in event.seen_by:
        if name == first_name:
            return event._replace(kinds=event.kinds.difference(SIGHTINGS).union(sightings))
    return event


def runs(events: list[CaseEvent], gap_days: int) -> list[list[CaseEvent]]:
    """Dated events split wherever two in a row are more than `gap_days` apart."""
    out: list[list[CaseEvent]] = []
    for event in events:
        if out and (event.date - out[-1][-1].date).days <= gap_days:
            out[-1].append(event)
        else:
            out.append([event])
    return out


_MONTHS = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day(date: dt.date | None) -> str:
    """'3 Mar 2024' — how summaries show dates (English month names whatever the machine's locale)."""
    return f"{date.day} {_MONTHS[date.month]} {date.year}" if date else "an unknown date"


def when(event: CaseEvent) -> str:
    """An event's date as a summary shows it, no more precisely than it was recorded: '3 Mar 2024', 'Mar 2024',
    '2024' (an event recorded as "2024" is not on 1 Jan 2024)."""
    if event.date is None or event.precision == "day":
        return day(event.date)
    return f"{_MONTHS[event.date.month]} {event.date.year}" if event.precision == "month" else str(event.date.year)


def span(first: dt.date | CaseEvent | None, last: dt.date | CaseEvent | None, opening: bool = False) -> str:
    """'between 3 Mar 2024 and 9 May 2024', or 'on 3 Mar 2024' when both are the same day ('between 3 Jun 2024
    and 3 Jun 2024' is what a finding about one day would otherwise say); of events, their dates as when() shows
    them ('between Jun 2023 and 2024', 'in Mar 2024'); capitalised to open a sentence."""
    shown = [when(x) if isinstance(x, CaseEvent) else day(x) for x in (first, last)]
    one_day = not any(isinstance(x, CaseEvent) and not x.exact and x.date is not None for x in (first, last))
    text = f"{'on' if one_day else 'in'} {shown[0]}" if shown[0] == shown[1] else f"between {shown[0]} and {shown[1]}"
    return text[0].upper() + text[1:] if opening else text


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def counted(items: Iterable[str]) -> str:
    """'Social Work 5, GP 3' — counts in descending order, then by name."""
    tally: dict[str, int] = {}
    for item in items:
        tally[item] = tally.get(item, 0) + 1
    return ", ".join(f"{k} {v}" for k, v in sorted(tally.items(), key=lambda kv: (-kv[1], kv[0])))


# (and Northern Ireland's and Scotland's names for the teams: "Gateway", "Family Intervention Team", "Children and
# Families")
_SOCIAL_WORK = re.compile(r"social|\bsw\b|\bcsc\b|children'?s services|children'?s social care|family intervention|children (?:and|&) families"
                          r"|^\s*gateway(?: team| service)?\s*$", re.IGNORECASE)


@lru_cache(maxsize=1024)
def is_social_work(agency: str) -> bool:
    """Agencies whose visits count as social work visits (a case has few agency names: cached)."""
    return bool(_SOCIAL_WORK.search(agency))


# Words of an agency's name that do not say which service it is ("GP Records", "CGL Substance Misuse").
_GENERIC_AGENCY_WORDS = frozenset("records record service services team the of and department dept unit misuse substance health "
                                  "social care trust nhs local authority children's childrens adult adults early help".split())


@lru_cache(maxsize=1024)
def agency_words(agency: str) -> frozenset[str]:
    """The words of an agency's name that say which service it is: "CGL Substance Misuse" -> {"cgl"}."""
    return frozenset(re.findall(r"[a-z'&]+", agency.lower())) - _GENERIC_AGENCY_WORDS


def sentence_around(text: str, at: int) -> str:
    """The sentence (or clause between semicolons) of `text` holding the character at `at`, without its closing
    full stop: how a finding quotes the words a record holds."""
    start = max((m.end() for m in re.finditer(r"[.!?;]\s+", text[:at])), default=0)
    end = re.search(r"[.!?;](?:\s|$)", text[at:])
    return text[start:at + end.start() if end else len(text)].strip()
