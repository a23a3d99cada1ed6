"""missed_appointments: runs of contacts the family did not keep, across agencies."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from chronocli.detectors.base import (
    ByDate,
    CaseContext,
    CaseEvent,
    Detector,
    Finding,
    agency_words,
    by_agency,
    counted,
    dated,
    day,
    family_occasions,
    option,
    plural,
    runs,
    span,
    when,
)
from chronocli.detectors.context import multi_agency_meetings, on_plan_at
from chronocli.detectors.workdays import add_working_days, working_days_between
from chronocli.events.kinds import MISSED

_LABELS = {"did_not_attend": "did not attend", "was_not_brought": "was not brought", "cancelled_by_family":
           "cancelled by the family", "no_access": "no access", "refused_entry": "refused entry"}


@dataclass
class Options:
    escalate_after: int = option(3, "More than this many defaulted contacts in one run calls for a multi-agency meeting (004 §7.9).")
    min_run: int = option(2, "Smallest run of missed contacts worth reporting (as low severity, and only when kept contacts are fewer).")
    gap_days: int = option(42, "Missed contacts further apart than this many days start a new run.")
    meeting_working_days: int = option(7, "Working days within which a multi-agency meeting should follow (004 §7.9).")
    meeting_working_days_on_plan: int = option(3, "The same when the child is on a child protection plan (core group, 004 §7.9).")
    reported_days: int = option(14, "A referral or letter from a service about a missed appointment is that service's miss, "
                                    "recorded by it up to this many days before, counted once.")


class MissedAppointments(Detector):
    """Runs of appointments and visits the family did not keep, counted across every agency.

    What it finds: contacts that were not kept because of the family — did not attend (DNA), was not
    brought (WNB), no access or no reply, cancelled by the family, refused entry — grouped into runs
    (misses no more than `gap_days` apart). An agency's own cancellation never counts. Siblings' appointments
    at one agency on one day count as one contact, missed or kept (one parent not bringing two children is one
    default), and so does one contact two agencies recorded: entries the merge linked as one happening (a joint
    visit), an agency's note of another service's appointment ("not brought to GP appointment booked by HV")
    a day or less from that service's own entry, or a referral or letter from that service about the miss it
    recorded in the `reported_days` before ("Referral from dental service re not brought to GA pre-assessment").
    For a run of more
    than `escalate_after` it checks whether a multi-agency meeting or core group followed within 7 working
    days (3 if the child is on a plan), counting the configured nation's bank holidays, and it names the
    "re-book, miss, plausible excuse, re-book" cycle when one agency's appointments are missed and re-booked.

    Why it matters: "persistent or intermittent failure to keep appointments" is an indicator of disguised
    compliance (002 §3); the cycle of re-booking after a plausible excuse is described in 002 §5; "any more
    than three defaulted visits should alert staff and managers to convene a multi agency meeting ... within
    7 working days", or a core group within 3 for a child on a plan (004 §7.9); failure to attend appointments
    was common in serious case reviews (003 Part One).

    Severity: high — a run of more than three with no multi-agency meeting within the time 004 §7.9 asks;
    medium — a run of more than three where a meeting did follow; low — a shorter run where missed contacts
    outnumber kept ones in the same period.

    Flagged example: SW no access 7 Feb, 14 Feb; refused entry 21 Feb; GP DNA 19 Feb, 6 Mar (five in a month).

    Not flagged: one missed dental appointment with a reason recorded, all other contacts kept; visits the
    agency itself cancelled.
    """

    code = "RI01"
    name = "missed-appointments"
    pattern = "missed_appointments"
    title = "Missed appointments and visits"
    guidance = "002 §3, §5; 004 §7.9; 003 Part One"
    questions = (
        "Are the reasons the family give for missed contacts plausible, and has anyone tested them? (002 §4)",
        "How often does the family let other practitioners see the child, talk to them alone, or see the home? (002 §4)",
        "Was a multi-agency meeting convened after more than three defaulted contacts, as 004 §7.9 asks?",
        "Am I relieved when there is no answer at the door? (002 §7.2)",
    )
    Options = Options

    def detect(self, events: Sequence[CaseEvent], options: Options, context: CaseContext) -> list[Finding]:
        contacts = dated(events).having(*MISSED, "attended")
        if not contacts:
            context.note("No appointments or visits with a recorded outcome, so missed contacts cannot be counted.")
            return []
        missed = [e for e in contacts if not e.kinds.isdisjoint(MISSED)]
        # Each occasion by its first entry; the entries of each, where siblings' entries, or two agencies' entries
        # of one miss, were folded into one (else each is its own).
        occasions = same_contacts(family_occasions(missed), reported_days=options.reported_days)
        firsts = [o[0] for o in occasions]
        entries = {id(o[0]): o for o in occasions} if len(firsts) < len(missed) else {}
        findings = []
        attended = ByDate(e for e in contacts if "attended" in e.kinds)
        for run in runs(firsts, options.gap_days):
            kept = [o[0] for o in same_contacts(family_occasions(attended.between(run[0].date, run[-1].date)), notes=False)]
            every = [e for first in run for e in entries[id(first)]] if entries else run
            if len(run) > options.escalate_after:
                findings.append(self._escalation(events, run, every, kept, options, context))
            elif len(run) >= options.min_run and len(run) > len(kept):
                findings.append(self.finding("low", self._describe(run, every, kept), every))
        return findings

    def _escalation(self, events, run, every, kept, options: Options, context: CaseContext) -> Finding:
        trigger = run[options.escalate_after]  # the contact that made it "more than three"
        on_plan = on_plan_at(events, trigger.date, context)
        limit = options.meeting_working_days_on_plan if on_plan else options.meeting_working_days
        deadline = add_working_days(trigger.date, limit, context.nation)
        after = [m for m in multi_agency_meetings(events) if trigger.date <= m.date]
        met = [m for m in after if m.date <= deadline]
        summary = self._describe(run, every, kept)
        who = "a core group (the child is on a plan)" if on_plan else "a multi-agency meeting"
        summary += (f" After the {_ordinal(options.escalate_after + 1)} missed contact on {when(trigger)}, "
                    f"004 §7.9 asks for {who} within {limit} working days (by {day(deadline)}). ")
        if met:
            summary += f"A meeting is recorded on {when(met[0])} ({met[0].agency})."
            return self.finding("medium", summary, [*every, met[0]])
        if after:
            late = working_days_between(trigger.date, after[0].date, context.nation)
            summary += f"The next multi-agency meeting recorded is on {when(after[0])}, {late} working days later."
            return self.finding("high", summary, [*every, after[0]])
        return self.finding("high", summary + "No multi-agency meeting is recorded after it.", every)

    def _describe(self, run: list[CaseEvent], every: list[CaseEvent], kept: list[CaseEvent]) -> str:
        outcomes = counted(_LABELS[k] for e in run for k in sorted(e.kinds & MISSED)[:1])
        siblings = (f"; {len(every)} entries, as {_ONCE[(_by_siblings(run, every), _by_agencies(run, every))]}"
                    if len(every) > len(run) else "")
        text = (f"{span(run[0], run[-1], opening=True)}, {plural(len(run), 'contact')} were not kept "
                f"({counted(e.agency for e in run)}: {outcomes}{siblings}); {plural(len(kept), 'contact')} in the same "
                f"period {'was' if len(kept) == 1 else 'were'} kept.")
        cycle = _rebook_cycle(run)
        if cycle:
            text += (f" At {cycle}, appointments were missed and re-booked repeatedly — the 're-book, miss, plausible "
                     f"excuse, re-book' cycle described in 002 §5.")
        return text


# Why a run has more entries than misses counted: what was folded.
_ONCE = {(True, False): "siblings' appointments missed at one agency on one day count once",
         (False, True): "a miss two agencies both recorded (a joint visit, or another service's appointment noted or reported) counts once",
         (True, True): "siblings' appointments missed at one agency on one day, and a miss two agencies both recorded, count once"}


def _by_siblings(run: list[CaseEvent], every: list[CaseEvent]) -> bool:
    counted_ids = {id(e) for e in run}
    return any(e.agency == first.agency and id(e) not in counted_ids for first in run for e in every if e.date == first.date)


def _by_agencies(run: list[CaseEvent], every: list[CaseEvent]) -> bool:
    counted_agencies = {(e.date, e.agency) for e in run}
    return any((e.date, e.agency) not in counted_agencies for e in every)


def same_contacts(occasions: list[list[CaseEvent]], notes: bool = True, reported_days: int = 0) -> list[list[CaseEvent]]:
    """Occasions (date order) with those that are one contact told by two agencies joined, the service whose
    appointment it was first: entries the merge linked as one happening (a joint visit each recorded), and (with
    `notes`; a kept contact is never one) an agency's note of another service's appointment missed ("not brought to
    GP appointment booked by HV") a day or less from that service's own entry, or a referral or letter from that
    service about a miss it recorded up to `reported_days` before. 004 §7.9 counts defaulted contacts, not the
    entries about them."""
    # (not a visit of its own that found no one in: "Home visit (letter from GP re missed imms): No access" is the
    # health visitor's own miss, made because of the GP's)
    reports = [j for j, o in enumerate(occasions)
               if any(_reports_a_miss(e.text) and not e.has("home_visit", "no_access", "refused_entry") for e in o)] if reported_days and notes else []
    # No two agencies' entries a day apart (in date order, two such entries have a neighbouring pair like it; an
    # occasion's entries are one agency's) and no miss reported by another service: nothing to join, as in most
    # cases most of the time.
    if len(occasions) < 2 or not reports and not any((b[0].date - a[0].date).days <= 1 and a[0].agency != b[0].agency
                                                     for a, b in zip(occasions, occasions[1:])):
        return occasions
    parent = list(range(len(occasions)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = i = parent[parent[i]]
        return i

    held_by: dict[int, int] = {}  # occasion -> the occasion whose service held the appointment, where one is named
    for i, first in enumerate(occasions):
        for j in range(i + 1, len(occasions)):
            second = occasions[j]
            if (second[0].date - first[0].date).days > 1:
                break
            for a in first:
                for b in second:
                    if a.agency == b.agency:
                        continue
                    a_notes_b = notes and _names_appointment(a.text, b.agency)
                    b_notes_a = notes and _names_appointment(b.text, a.agency)
                    if (a.group and a.group == b.group) or a_notes_b or b_notes_a:
                        parent[root(j)] = root(i)
                        if a_notes_b != b_notes_a:
                            held_by[i if a_notes_b else j] = j if a_notes_b else i
    for j in reports:  # "Referral from dental service re not brought": the service's own entry of that miss, before it
        for i in range(j - 1, -1, -1):
            if (occasions[j][0].date - occasions[i][0].date).days > reported_days:
                break
            if any(a.agency != b.agency and _reported_by(b.text, a.agency) for a in occasions[i] for b in occasions[j]):
                parent[root(j)] = root(i)
                held_by.setdefault(j, i)
                break
    joined: dict[int, list[int]] = {}
    for i in range(len(occasions)):
        joined.setdefault(root(i), []).append(i)
    out = []
    for members in joined.values():
        named = [held_by[i] for i in members if i in held_by and held_by[i] not in held_by]
        lead = named[0] if named else members[0]
        out.append([e for i in [lead, *(m for m in members if m != lead)] for e in occasions[i]])
    out.sort(key=lambda o: (o[0].date, o[0].event_id))
    return out


_APPOINTMENT = r"(?:appointments?|appts?|clinics?|reviews?|visits?|checks?|sessions?)"
_NOT_KEPT = (r"(?:(?:was\s+|were\s+)?not\s+(?:brought|taken)|did\s+not\s+(?:attend|take\s+\w+)|didn't\s+(?:attend|take\s+\w+)"
             r"|failed\s+to\s+attend|dna'?d?|wnb|missed)")


def _agency_names(agency: str) -> str:
    """A pattern for the words naming `agency` in another's entry ("GP", "health visitor", "hv"), or ''."""
    tokens = re.findall(r"[a-z&']+", agency.lower())
    names = set(agency_words(agency))
    if len(tokens) > 1:  # initials: "Health Visiting" -> hv, "Social Work" -> sw
        names.add("".join(t[0] for t in tokens if t not in {"and", "of", "the", "&"}))
    names = {n for n in names if len(n) >= 2}
    return "(?:" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + ")" if names else ""


@lru_cache(maxsize=4096)
def _appointment_of(agency: str) -> re.Pattern[str] | None:
    """Words recording one of `agency`'s appointments missed, or a joint visit with it: "not brought to GP
    appointment", "GP appt - DNA", "missed her hospital appointment", "joint visit with HV". An appointment only
    named ("tasks: CAMHS appointment") is not one."""
    who = _agency_names(agency)
    if not who:
        return None
    return re.compile(rf"\b{_NOT_KEPT}\s+(?:to\s+|for\s+|at\s+)?(?:the\s+|her\s+|his\s+|their\s+|an?\s+)?(?:[\w']+\s+){{0,2}}?"
                      rf"{who}(?:'s)?\s+(?:[\w']+\s+)?{_APPOINTMENT}\b"
                      rf"|\b{who}(?:'s)?\s+(?:[\w']+\s+)?{_APPOINTMENT}\s*(?:[-:\u2013]\s*|\s(?:was\s+|were\s+)?){_NOT_KEPT}\b"
                      rf"|\bjoint\s+(?:home\s+)?visit\s+with\s+(?:the\s+)?{who}\b", re.IGNORECASE)


@lru_cache(maxsize=65_536)
def _names_appointment(text: str, agency: str) -> bool:
    pattern = _appointment_of(agency)
    return pattern is not None and pattern.search(text) is not None


# Another service telling of a miss: "Referral from dental service re not brought to GA pre-assessment", "Letter from
# hospital - DNA x2". Which service is checked per agency (_reported_by).
_FROM = r"\b(?:referral|re-?referral|contact|letter|email|e-mail|call|notification|report|concerns?|information|discharge)\s+(?:received\s+)?(?:from|by)\s+"
_REPORTED = re.compile(_FROM + r"[^.;]{0,80}?\b" + _NOT_KEPT + r"\b", re.IGNORECASE)


@lru_cache(maxsize=65_536)
def _reports_a_miss(text: str) -> bool:
    return _REPORTED.search(text) is not None


@lru_cache(maxsize=4096)
def _reporter(agency: str) -> re.Pattern[str] | None:
    names = _agency_names(agency)
    if not names:
        return None
    return re.compile(_FROM + rf"(?:the\s+)?(?:[\w']+\s+){{0,2}}?{names}\b[^.;]{{0,60}}?\b{_NOT_KEPT}\b", re.IGNORECASE)


@lru_cache(maxsize=65_536)
def _reported_by(text: str, agency: str) -> bool:
    """Whether `text` is a referral or letter from `agency` about a missed appointment."""
    pattern = _reporter(agency)
    return pattern is not None and pattern.search(text) is not None


def _rebook_cycle(run: list[CaseEvent]) -> str:
    """An agency whose appointments were missed at least twice with re-booking or an excuse recorded."""
    missed = by_agency(e for e in run if e.has("did_not_attend", "was_not_brought", "cancelled_by_family"))
    for agency, misses in sorted(missed.items()):
        rebooked = sum(1 for e in misses if "book" in e.text.lower() or "arrang" in e.text.lower() or e.has("explanation"))
        if len(misses) >= 2 and rebooked >= 1:
            return agency
    return ""


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"
