"""drift: plans that repeat without change, closures after non-engagement, start-again syndrome."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from chronocli.detectors.base import (
    CaseContext,
    CaseEvent,
    Detector,
    Finding,
    dated,
    is_social_work,
    option,
    outcome_areas,
    plural,
    sentence_around,
    span,
    when,
)
from chronocli.detectors.context import meeting_name, multi_agency_meetings
from chronocli.events.kinds import MISSED, area_name, areas_in

_REVIEWS = ("icpc", "rcpc", "core_group", "review", "plo")
# A sentence that sets a task ("Mum agreed to ...", "Tasks: ...", "Dad will ..."), among a meeting's minutes.
# Tasks agreed again without naming them: the last agreement's areas ("Same actions agreed", "carried forward").
_SAME_AGAIN = re.compile(r"\b(?:same|previous|existing) (?:actions|tasks|plan)\b|\b(?:carried|rolled) (?:forward|over)\b",
                         re.IGNORECASE)
_SETS_A_TASK = re.compile(r"\bagree|\btasks?\b|\bwill\b|\b(?:to|must|should) (?:attend|complete|engage|keep|maintain|ensure"
                          r"|register|enrol|stop|reduce|take|improve)\b", re.IGNORECASE)


# Another service named as the one closing or discharging, in the record of the agency that holds the letter: "CAMHS
# discharge letter - discharged after 3 DNAs" in the GP's file, "Perinatal team discharged mum".
_SERVICES = (r"camhs|early help|eh|health visiting|health visitor|hv|school nurs(?:e|ing)|perinatal(?: mental health)?(?: team| service)?"
             r"|community paediatrics|paediatrics|paeds|physio(?:therapy)?|salt|speech and language(?: therapy)?|cgl|drug service"
             r"|alcohol service|idva|yot|family support|social care|csc|children's services|dietetics|audiology|outpatients"
             r"|ophthalmology|orthoptics|dental|midwifery|maternity|gp|surgery|practice")
_CLOSING = re.compile(rf"\b(?P<who>{_SERVICES})\b(?:\s+[\w-]+){{0,3}}?\s+(?:closed|closure|discharged|discharge|stepped down)\b"
                      rf"|\b(?:closed|discharged|stepped down)\s+(?:by|from)\s+(?:the\s+)?(?P<who2>{_SERVICES})\b", re.IGNORECASE)


# An entry headed with the service it reports on: "Perinatal mental health: DNA x2. Discharged back to GP."
# (the heading whole: "Paeds faltering growth clinic - WNB x2. Discharged to GP.")
_HEADED = re.compile(rf"^\W*(?P<who>(?:{_SERVICES})\b(?:\s+[\w-]+){{0,3}}?)\s*[:\-\u2013]", re.IGNORECASE)
_CLOSED = re.compile(r"\b(?:closed|discharged|closure|stepped down)\b", re.IGNORECASE)


def closing_service(text: str, agency: str) -> str:
    """The service a closure entry names as closing, as written ("CAMHS"), when it is not `agency` itself; else ''."""
    match = _CLOSING.search(text) or (_CLOSED.search(text) and _HEADED.match(text))
    if not match:
        return ""
    who = match.group("who") or match.group("who2")
    named, own = _canonical(who), _canonical(agency)
    return "" if named in own or own in named else who


# Names of one service written differently ("HV" and "Health Visiting"), reduced to one spelling for comparing.
_ALIASES = [(re.compile(rf"\b(?:{words})\b"), name) for words, name in (
    (r"hv|health visitor|health visiting", "health visiting"), (r"eh", "early help"),
    (r"csc|children's services|childrens services|children's social care|social work|sw", "social care"),
    (r"surgery|practice", "gp"), (r"physiotherapy", "physio"), (r"speech and language(?: therapy)?", "salt"))]


def _canonical(name: str) -> str:
    """`name` in lower case, each alias of a service replaced by one spelling ("Leeds CSC": "leeds social care")."""
    name = name.lower()
    for regex, spelling in _ALIASES:
        name = regex.sub(spelling, name)
    return name


@dataclass
class Options:
    repeated_task: int = option(3, "Times the same task (same plan area) is agreed without being completed that are reported.")
    stalled_reviews: int = option(2, "Reviews, conferences or core groups recording no change or tasks not done that are reported.")
    restart_cycles: int = option(2, "Referral-closure-re-referral cycles that are reported ('start-again syndrome').")
    closure_lookback_days: int = option(60, "Days before a closure searched for missed contacts and a multi-agency discussion.")


class Drift(Detector):
    """Plans that go round in circles: tasks re-agreed, reviews without change, closure, re-referral.

    What it finds: the same task (same plan area) agreed at least `repeated_task` times with no
    completion recorded (one meeting may agree tasks in several areas; "same actions agreed" or "carried
    forward" agrees the last ones again); at least `stalled_reviews` reviews, conferences or core groups recording no
    change or tasks not done; a case closed after non-engagement (missed contacts or recorded
    non-engagement) with no multi-agency meeting in the `closure_lookback_days` before it (none since the
    first of those missed contacts, when there were some, and none followed by fewer than two of them: a
    meeting after which the family went on missing contacts did not discuss closing; a closure another service's
    letter records, "Perinatal mental health: DNA x2. Discharged back to GP", is named as that service's); and repeated
    referral → closure → re-referral cycles (a clinic's discharge is not a closure of a referral); and an agency
    recording that it knows of no earlier involvement ("new to the area - no previous involvement known") while
    the record shows some — another authority's referral, enquiry, plan or closure, or its own closed episode.
    Entries linked as the same meeting count once.

    Why it matters: "have some tasks been agreed repeatedly but not carried out?" (002 §4); "no
    significant change at reviews despite significant input" (002 §3); "action and decisions should be
    assessed by managers to prevent any drift" (002 §4; 004 §2 "drift and non-change"); "of key
    importance is the need to have multi-agency discussion before any service closes a case – especially
    if the closure is due to non-engagement" (003 Part Four); 'start-again syndrome' in serious case reviews.

    Severity: high — a case closed after non-engagement with no multi-agency discussion; medium — a
    task re-agreed, reviews without progress, or restart cycles at the thresholds.

    Flagged example: parenting course agreed at the ICPC, both core groups and the review conference;
    never started.

    Not flagged: a task agreed once and completed; a closure discussed at a core group first.
    """

    code = "RI08"
    name = "drift"
    pattern = "drift"
    title = "Drift: plans repeating without change"
    guidance = "002 §3, §4; 004 §2; 003 Part Four"
    questions = (
        "What proportion of agreed tasks were completed? Which were agreed repeatedly but not carried out, and what does that mean for the child? (002 §4)",
        "If the risk is not reducing, has the core group considered whether the threshold to escalate has been passed? (002 §4)",
        "Has every service discussed the case with the team around the child before closing it, especially for non-engagement? (003 Part Four)",
        "As the team around the child, do we have a shared agreement on the stage at which resistance will trigger escalation? (003 Part Four)",
    )
    Options = Options

    def detect(self, events: Sequence[CaseEvent], options: Options, context: CaseContext) -> list[Finding]:
        ordered = dated(events)
        findings = [f for f in (self._repeated_tasks(ordered, options), self._stalled(ordered, options),
                                self._closure(ordered, options), self._restarts(ordered, options),
                                self._history_not_known(ordered)) if f]
        if not ordered.having("task_agreed", "formal_meeting", "case_closed", "referral"):
            context.note("No plans, reviews, referrals or closures are recorded, so drift cannot be assessed.")
        return findings

    def _repeated_tasks(self, events, options: Options) -> Finding | None:
        agreed: dict[str, list[CaseEvent]] = {}
        last: list[str] = []
        for event in events.having("task_agreed"):
            areas = _task_areas(event)
            if _SAME_AGAIN.search(event.text):
                areas = list(dict.fromkeys([*last, *areas]))
            for area in areas:
                agreed.setdefault(area, []).append(event)
            last = areas or last
        # Each completion with every area it names, read once (not once per area agreed).
        completions = [(e, areas if (areas := outcome_areas(e, "task_completed")) is not None else {e.task_area, *areas_in(e.text)})
                       for e in events.having("task_completed")]
        repeated = []  # (area, the agreements counted once per meeting, every entry)
        for area, items in sorted(agreed.items()):
            once = _one_per_group(items)
            completed = [e for e, areas in completions if area in areas and e.date >= once[0].date]
            if len(once) >= options.repeated_task and not completed:
                repeated.append((area_name(area), once, items))
        if not repeated:
            return None
        dates = {area: ", ".join(when(e) for e in once) for area, once, _ in repeated}
        if len(set(dates.values())) == 1:  # agreed together each time: one sentence
            areas = [area for area, _, _ in repeated]
            about = areas[0] if len(areas) == 1 else f"{', '.join(areas[:-1])} and {areas[-1]}"
            times = len(repeated[0][1])
            summary = (f"{'A task' if len(areas) == 1 else 'Tasks'} about {about} {'was' if len(areas) == 1 else 'were each'} "
                       f"agreed {times} times ({dates[areas[0]]}) with no completion recorded.")
        else:
            summary = ("Tasks were agreed again and again with no completion recorded: "
                       + "; ".join(f"about {area} {len(once)} times ({dates[area]})" for area, once, _ in repeated) + ".")
        return self.finding("medium", summary, [e for _, _, items in repeated for e in items],
                            "The same task agreed again and again")

    def _stalled(self, events, options: Options) -> Finding | None:
        stalled = _one_per_group([e for e in events.having(*_REVIEWS) if e.has("no_change", "task_not_completed")])
        if len(stalled) < options.stalled_reviews:
            return None
        return self.finding("medium", f"{plural(len(stalled), 'review, conference or core group', 'reviews, conferences or core groups')} "
                            f"recorded no change or tasks not done ({', '.join(when(e) for e in stalled)}).", stalled,
                            "Reviews without progress")

    def _closure(self, events, options: Options) -> Finding | None:
        meetings = multi_agency_meetings(events)
        closures = []  # (the closure, the missed contacts before it, what it says)
        for closure in events.having("case_closed"):
            start = closure.date.toordinal() - options.closure_lookback_days
            recent_missed = [e for e in events.having(*MISSED) if start <= e.date.toordinal() <= closure.date.toordinal()]
            if not (closure.has("non_engagement") or len(recent_missed) >= 2):
                continue
            # The discussion is of the non-engagement: a meeting held before the missed contacts began did not
            # discuss them (a review in September, then visits refused in October, then closure), nor one the
            # family went on missing contacts after (a strategy meeting in October, CAMHS DNAs until a
            # December discharge).
            since = recent_missed[0].date.toordinal() if recent_missed else start
            if any(since <= m.date.toordinal() <= closure.date.toordinal()
                   and sum(e.date > m.date for e in recent_missed) < 2 for m in meetings):
                continue
            held = [m for m in meetings if since <= m.date.toordinal() <= closure.date.toordinal()]
            if held:  # a meeting was held, but contacts went on being missed after it: say so, not "no meeting"
                last = held[-1]
                after = sum(e.date > last.date for e in recent_missed)
                said = (f"after {plural(len(recent_missed), 'missed contact')} in the {options.closure_lookback_days} days "
                        f"before; the last multi-agency meeting recorded ({meeting_name(last)}, {when(last)}) was "
                        f"followed by {plural(after, 'more missed contact')}, with no meeting after them")
            elif recent_missed:
                said = (f"after {plural(len(recent_missed), 'missed contact')} in the {options.closure_lookback_days} days "
                        f"before, with no multi-agency meeting recorded since the first of them ({when(recent_missed[0])})")
            else:
                said = (f"recording non-engagement, with no multi-agency meeting recorded in the "
                        f"{options.closure_lookback_days} days before")
            closer = closing_service(closure.text, closure.agency)
            who = f"{closer} (in {closure.agency}'s record) closed the case" if closer else f"{closure.agency} closed the case"
            closures.append((closure, recent_missed, f"{who} on {when(closure)} {said}",
                             held[-1:]))
        if not closures:
            return None
        return self.finding("high", ". ".join(said for _, _, said, _ in closures) + ".",
                            [e for closure, missed, _, held in closures for e in (closure, *missed, *held)],
                            "Case closed after non-engagement without a multi-agency discussion")

    def _restarts(self, events, options: Options) -> Finding | None:
        cycles, chain, state = 0, [], "start"
        # A clinic discharging a patient is no closure of a safeguarding referral, and a case stepped up to social
        # care goes on there: only referrals closed count.
        for event in (e for e in events.having("referral", "case_closed")
                      if e.has("referral") or not (e.has("discharged") or _STEPPED_UP.search(e.text))):
            if event.has("referral"):
                if state == "closed":
                    cycles += 1
                chain.append(event)
                state = "open"
                # a contact the front door closed on the day ("Contact from police - DA incident. NFA - signposted to
                # Early Help"): referred and closed in one entry
                if (is_social_work(event.agency) or _MASH.search(event.agency)) and _CLOSED_AT_THE_DOOR.search(event.text):
                    state = "closed"
            elif event.has("case_closed") and state == "open":
                chain.append(event)
                state = "closed"
        if cycles < options.restart_cycles:
            return None
        return self.finding("medium", f"The case was referred, closed and referred again {plural(cycles, 'time')} "
                            f"{span(chain[0], chain[-1])}; each referral may have been treated as new.",
                            chain, "Referral, closure, re-referral ('start-again syndrome')")


    def _history_not_known(self, events) -> Finding | None:
        """An agency recording no earlier involvement while the record shows some: another local authority's enquiry
        or plan, or its own closed referral — each referral treated as new (003 Part Four)."""
        # social care's word (a clinic's "no previous involvement" is of its own service)
        for unknown in (e for e in events.having("history_unknown") if is_social_work(e.agency) or _MASH.search(e.agency)):
            before = [e for e in events if e.date < unknown.date and e.has(*_INVOLVEMENT)]
            # the agency's own referral that opened this episode is not earlier involvement: only what came before
            # its last closure is
            closed = [e.date for e in before if e.agency == unknown.agency and e.has("case_closed")]
            before = [e for e in before if e.agency != unknown.agency or (closed and e.date <= closed[-1])]
            # nor is another agency's referral in the month before: that is this referral, made ("School referral to
            # MASH", then "Referral received from school. No previous involvement")
            before = [e for e in before if not (e.kinds & set(_INVOLVEMENT) == {"referral"}
                                                and (unknown.date - e.date).days <= _THIS_REFERRAL_DAYS)][-6:]
            if not before:
                continue
            shown = "; ".join(f"{e.agency} {_involvement(e)} {when(e)}" for e in before)
            said = _no_history_said(unknown.text)
            return self.finding("medium", f"On {when(unknown)} {unknown.agency} recorded \"{said}\"; the record shows "
                                f"earlier involvement: {shown}.", [*before, unknown],
                                "Earlier involvement not known ('start-again syndrome')")
        return None


# What shows an agency was involved with the family before, and how a finding names it.
_INVOLVEMENT_NAMES = (("icpc", "child protection conference"), ("rcpc", "review conference"), ("cp_plan", "child protection plan"),
                      ("strategy_meeting", "strategy meeting"), ("s47", "section 47 enquiry"), ("child_in_need", "child in need plan"),
                      ("core_group", "core group"), ("referral", "referral"), ("case_closed", "case closed"))
_INVOLVEMENT = tuple(kind for kind, _ in _INVOLVEMENT_NAMES)
_THIS_REFERRAL_DAYS = 30
_MASH = re.compile(r"\b(?:mash|front door|early help|first response|assessment team)\b", re.IGNORECASE)
_NO_HISTORY = re.compile(r"\b(?:no (?:previous|prior|past|known|earlier)|not (?:previously )?known|previously unknown|no history)\b",
                         re.IGNORECASE)


def _involvement(event: CaseEvent) -> str:
    return next(name for kind, name in _INVOLVEMENT_NAMES if event.has(kind))


def _no_history_said(text: str) -> str:
    """The clause saying no earlier involvement is known, or the text."""
    match = _NO_HISTORY.search(text)
    return sentence_around(text, match.start()) if match else text.strip()


# A front door's decision to take a contact no further: no further action, signposting, passing it to early help.
_CLOSED_AT_THE_DOOR = re.compile(r"\b(?:nfa|no further action|signposted|passed (?:on )?to (?:the )?(?:early help|eh)|step(?:ped)?[- ]?down)\b",
                                 re.IGNORECASE)
_STEPPED_UP = re.compile(r"\b(?:step(?:ped)?[- ]?up|escalated|transferred|transfer)\s+(?:\w+\s+){0,2}?to\b", re.IGNORECASE)


def _task_areas(event: CaseEvent) -> list[str]:
    """The plan areas an agreement is about: the classifier's, and every other area named in a sentence setting a
    task. Core group minutes often agree several at once ("Mum agreed to keep the home clean and to attend the
    Freedom Programme"), and each is a task that may be agreed again (002 §4)."""
    named = [area for sentence in re.split(r"[.;\n]", event.text) if _SETS_A_TASK.search(sentence)
             for area in areas_in(sentence)]
    return list(dict.fromkeys([event.task_area, *named] if event.task_area else named))


def _one_per_group(events: list[CaseEvent]) -> list[CaseEvent]:
    """Several agencies' minutes of one meeting count once."""
    seen, out = set(), []
    for event in events:
        key = event.group or event.event_id
        if key not in seen:
            seen.add(key)
            out.append(event)
    return out
