"""child_not_seen: access to the child refused, the child not seen or not seen alone, long gaps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from chronocli.detectors.base import (
    CaseContext,
    CaseEvent,
    Detector,
    Finding,
    children_named,
    dated,
    is_social_work,
    option,
    per_child,
    plural,
    span,
    when,
)
from chronocli.detectors.context import PLAN_STARTS, child_in_need_periods, plan_periods
from chronocli.detectors.workdays import working_days_between
from chronocli.events.kinds import MISSED, SIGHTINGS

_CONTACT_TRIED = frozenset({"attended", "no_access", "refused_entry", "child_not_seen", "child_seen", "child_not_seen_alone",
                            "was_not_brought"})
_NOT_SEEN = frozenset({"child_not_seen", "no_access", "refused_entry"})
_NOT_KEPT = MISSED | {"cancelled_by_agency"}  # a visit with one of these outcomes did not take place


@dataclass
class Options:
    consecutive_not_seen: int = option(3, "Consecutive contacts without the child being seen that are reported.")
    not_seen_alone: int = option(2, "Contacts where the child was not seen alone, since last seen alone, that are reported.")
    social_work_days: int = option(28, "Longest acceptable gap, in days, between social work seeing the child (4 weeks).")
    any_agency_days: int = option(42, "Longest acceptable gap, in days, between any agency seeing the child (6 weeks).")
    plan_visit_working_days: int = option(10, "Longest gap in working days between social work visits for a child on a plan.")
    cin_visit_working_days: int = option(20, "The same for a child in need (a child-in-need plan, meeting or step-down recorded).")


class ChildNotSeen(Detector):
    """The child kept out of sight: access refused, not seen, not seen alone, long gaps between sightings.

    What it finds: every refusal of entry or access to the child; runs of at least `consecutive_not_seen`
    contacts in which the child was not seen; repeated contacts where the child was seen but not alone
    since the last time they were seen alone; gaps between sightings longer than `social_work_days` for
    social work (not across a closure by social work: no visits were due) or `any_agency_days` for all agencies
    together (with no sighting at all, the time from the first contact not seeing the child to the last); and,
    for a child on a plan, gaps between social work visits of more than `plan_visit_working_days` working days
    (visits are due from the initial conference; a plan still open is measured to social work's latest entry), and
    `cin_visit_working_days` for a child in need. Gaps are measured only between
    entries dated to the day. When a subject column names several children, the runs of not-seen and
    not-seen-alone contacts and the gaps between sightings are counted for each child, so a sibling being
    seen does not hide that another child was not.

    Why it matters: "where access to the child is denied ... this should be regarded as significantly
    increasing the risk" (001 §3, and 001 §2: never assume another agency is seeing the child); "not
    asking to see the child alone" is a worker-avoidance behaviour (001 §3; 002 §7.2); in the Beckford
    case the child was seen once in 70 visits (000). The visit-gap limits are common local procedure
    defaults and can be changed.

    Severity: high — entry refused twice or more, or social work did not visit a child on a plan for longer
    than the limit; medium — entry refused once (always at least medium, 001 §3), or any other indicator
    (visits to a child in need overdue among them).

    Flagged example: SW refused entry 21 Feb; child not seen 20 Mar; not seen alone 4 Mar and 15 Apr.

    Not flagged: a child seen, and seen alone, at regular visits; a single visit where the child was at
    school.
    """

    code = "RI05"
    name = "child-not-seen"
    pattern = "child_not_seen"
    title = "Child not seen"
    guidance = "001 §2, §3; 002 §4, §7.2; 000"
    questions = (
        "When was the child last seen, and seen alone, and by whom? Never assume another agency is seeing the child. (001 §2)",
        "Am I colluding with parents by not asking to see the child alone? (002 §4, §7.2)",
        "Where access is denied, has this been treated as significantly increasing the risk and escalated? (001 §3)",
        "What might the child have been feeling as the door closed behind me? (002 §7.2)",
    )
    Options = Options

    def detect(self, events: Sequence[CaseEvent], options: Options, context: CaseContext) -> list[Finding]:
        ordered = dated(events)
        findings = []
        born = born_in_record(ordered)
        # before a birth the record holds, a door not opened kept out the worker, not the child (missed_appointments
        # counts it): a pre-birth assessment's refused visit is no access to the child refused
        refused = [e for e in ordered.having("refused_entry") if born is None or e.date >= born]
        if refused:
            where = "; ".join(f"{e.agency} {when(e)}" for e in refused)
            findings.append(self.finding("high" if len(refused) >= 2 else "medium",
                                         f"Entry or access to the child was refused {plural(len(refused), 'time')}: {where}.",
                                         refused, "Access to the child refused"))
        tried = ordered.having(*_CONTACT_TRIED)
        if born is not None:  # a pre-birth record: before the birth no one could see the child (whoever was "seen")
            tried = [e for e in tried if e.date >= born]
        if all(e.kinds.isdisjoint(SIGHTINGS) for e in tried):
            # Visits on a plan are due whatever the entries say of sightings (an unborn baby is never "seen").
            context.note("No entry says whether the child was seen, so sightings cannot be checked.")
            return findings + self._plan_visits(events, ordered, options, context)
        children = children_named(ordered)
        closed = [e.date for e in ordered.having("case_closed") if is_social_work(e.agency)]
        # Each child's contacts and sightings are taken after per_child has read each entry as it concerns that
        # child: an entry can have one sibling seen and another not.
        for child, concerning in per_child(tried, children):
            about = [e for e in concerning if not e.kinds.isdisjoint(_CONTACT_TRIED)]
            sightings = [e for e in concerning if "child_seen" in e.kinds and e.exact]
            for finding in (self._not_seen_run(about, options, child), self._not_alone(about, options, child),
                            self._gaps(sightings, options, child, closed, about)):
                if finding:
                    findings.append(finding)
        return findings + self._plan_visits(events, ordered, options, context)

    def _not_seen_run(self, tried, options: Options, child: str = "") -> Finding | None:
        best: list[CaseEvent] = []
        run: list[CaseEvent] = []
        for event in tried:
            if "child_seen" in event.kinds:
                run = []
                continue
            if not event.kinds.isdisjoint(_NOT_SEEN):
                run.append(event)
                if len(run) > len(best):
                    best = list(run)
        if len(best) < options.consecutive_not_seen:
            return None
        return self.finding("medium", f"{_who(child)} was not seen at {len(best)} contacts in a row {span(best[0], best[-1])} "
                            f"({', '.join(sorted({e.agency for e in best}))}).", best,
                            "Child not seen at consecutive contacts")

    def _not_alone(self, tried, options: Options, child: str = "") -> Finding | None:
        since: list[CaseEvent] = []
        for event in tried:
            if "child_seen_alone" in event.kinds:
                since = []
            elif "child_not_seen_alone" in event.kinds:
                since.append(event)
        if len(since) < options.not_seen_alone:
            return None
        seen_alone = [e for e in tried if "child_seen_alone" in e.kinds]
        last = (f"was last recorded as seen alone on {when(seen_alone[-1])}; since then" if seen_alone
                else "is not recorded as seen alone;")
        return self.finding("medium", f"{_who(child)} {last} {plural(len(since), 'contact')} recorded "
                            f"{'them' if child else 'the child'} as not seen alone "
                            f"({', '.join(f'{e.agency} {when(e)}' for e in since)}).", since, "Child not seen alone")

    def _gaps(self, seen: list[CaseEvent], options: Options, child: str = "", closed: Sequence[dt.date] = (),
              tried: Sequence[CaseEvent] = ()) -> Finding | None:
        """Sightings (dated to the day) too far apart, counting any agency and social work alone. A social work gap
        during which social work closed the case is not measured: no visits were due while it was closed.

        The gap still open when the record ends counts too, up to the last contact after the last sighting at which
        the child was not seen (no access, entry refused, not brought, or recorded as not seen): a child unseen since January
        while agencies kept calling is the concern (001 §2). With no sighting at all, the gap runs from the first
        such contact to the last (social work calling for three months while only the GP saw the child). A contact
        that does not say whether the child was seen ends no gap: the child may have been seen and the entry not
        say so by a name the tool knows."""
        problems = []
        social_work = [e for e in seen if is_social_work(e.agency)]
        # a child not brought to an appointment was not seen there either: the gap is still open at it
        unseen = [e for e in tried if e.exact and "child_seen" not in e.kinds and not e.kinds.isdisjoint(_NOT_SEEN | {"was_not_brought"})]
        for label, sightings, limit, counted in (("any agency", seen, options.any_agency_days, unseen),
                                                 ("social work", social_work, options.social_work_days,
                                                  [e for e in unseen if is_social_work(e.agency)])):
            pairs = list(zip(sightings, sightings[1:]))
            if sightings and counted and counted[-1].date > sightings[-1].date:
                pairs.append((sightings[-1], counted[-1]))  # still open at the last contact tried
            elif not sightings and len(counted) >= 2:
                pairs.append((counted[0], counted[-1]))  # never seen: from the first contact not seeing them
            if label == "social work":
                pairs = [(a, b) for a, b in pairs if not any(a.date <= c < b.date for c in closed)]
            if not pairs:
                continue
            longest = max(pairs, key=lambda pair: (pair[1].date - pair[0].date).days)
            gap = (longest[1].date - longest[0].date).days
            if gap > limit:
                problems.append((label, gap, limit, longest))
        if not problems:
            return None
        # "recorded": a chronology lists significant events, so a school that sees the child daily may record none
        text = " ".join(f"The longest gap between {label}'s recorded sightings of {child or 'the child'} was {gap} days ({when(a)} to "
                        f"{when(b)}{'' if 'child_seen' in b.kinds else ', a contact at which they were not seen'}), "
                        f"over the {limit}-day limit." if "child_seen" in a.kinds else
                        f"{label.capitalize()} recorded no sighting of {child or 'the child'} in {gap} days ({when(a)} "
                        f"to {when(b)}, contacts at which they were not seen), over the {limit}-day limit."
                        for label, gap, limit, (a, b) in problems)
        return self.finding("medium", text, [e for *_, pair in problems for e in pair], "Long gaps since the child was seen")

    def _plan_visits(self, events, ordered, options: Options, context: CaseContext) -> list[Finding]:
        """Gaps between social work visits longer than the limit for a child on a plan (high) or in need (medium)."""
        # A home visit the entry records as made counts even when it does not say who was seen ("Home visit. Home
        # conditions poor."); one not kept (no access, cancelled) does not.
        visits = [e for e in ordered.having("attended", "child_seen", "home_visit")
                  if e.exact and is_social_work(e.agency) and e.kinds.isdisjoint(_NOT_KEPT)]
        # a period still open runs to social work's latest entry: a core group five weeks after the last visit
        # shows the visits had stopped, whatever day the export ends
        latest = next((e for e in reversed(ordered) if e.exact and is_social_work(e.agency)), None)
        if context.on_plan:  # configured: on a plan throughout
            on_plan, in_need = [[*visits, latest] if visits and latest.date > visits[-1].date else visits], []
        else:
            # what ended each period: a closure, or (for a child in need) the conference that made a plan
            ends = {e.date: e for e in reversed(ordered.having("case_closed", *PLAN_STARTS)) if e.exact}
            on_plan = _runs(plan_periods(events), ordered.having(*PLAN_STARTS), visits, lambda e: "rcpc" in e.kinds, ends, latest)
            in_need = _runs(child_in_need_periods(events), ordered.having("child_in_need"), visits, lambda e: False, ends, latest)
        findings = [self._overdue(runs, visits, limit, severity, status, context, latest)
                    for runs, limit, severity, status in ((on_plan, options.plan_visit_working_days, "high", "on a plan"),
                                                          (in_need, options.cin_visit_working_days, "medium", "a child in need"))]
        return [f for f in findings if f]

    def _overdue(self, runs, visits, limit: int, severity: str, status: str, context: CaseContext,
                 latest: CaseEvent | None = None) -> Finding | None:
        late = [(a, b, n) for run in runs for a, b in zip(run, run[1:])
                if (b.date - a.date).days > limit and (n := working_days_between(a.date, b.date, context.nation)) > limit]
        if not late:
            return None
        worst = max(late, key=lambda t: t[2])
        from_start, to_end = any(a not in visits for a, _, _ in late), any(b not in visits for _, b, _ in late)
        ended = any(b not in visits and b is not latest for _, b, _ in late)  # a closure, not the latest entry
        between = ("social work visits, or between the plan's start and the first visit," if from_start and not to_end else
                   "social work visits, counting from the plan's start and to its end," if to_end and ended else
                   "social work visits, counting " + "from the plan's start and " * from_start + "to social work's latest entry,"
                   if to_end else "social work visits")
        return self.finding(severity, f"While the child was {status}, {plural(len(late), 'gap')} between {between}"
                            f" exceeded {limit} working days; the longest was {worst[2]} working days "
                            f"({when(worst[0])} to {when(worst[1])}).",
                            [e for a, b, _ in late for e in (a, b)], f"Social work visits overdue while {status}")


def _runs(periods, starting: Sequence[CaseEvent], visits: list[CaseEvent], carries_over,
          ends: dict[dt.date, CaseEvent] | None = None, latest: CaseEvent | None = None) -> list[list[CaseEvent]]:
    """For each period, the social work visits during it, from the point visits were due, to the entry that ended
    it (from `ends`, by its day) when it ended, or to social work's `latest` entry while it is still open.

    After an initial conference (or the meeting that made a child-in-need plan) visits are due from the meeting
    (local procedures: within 10 working days on a plan, then at that interval), so the first gap runs from it,
    not from a visit made before. A review conference (`carries_over`) reviews a plan already in place: the last
    visit before it was made on the plan, and the gap runs from that visit (from the conference only when the
    record holds no earlier visit). A visit after the period ended does not close a gap inside it; the end does
    (a plan closed eight months after its only visit had visits due all that time).
    """
    ends = ends or {}
    first_of_day = {e.date: e for e in reversed(starting) if e.exact}
    runs = []
    for start, end in periods:
        meeting = first_of_day.get(start)
        if meeting is None:  # the period's start is known only to the month: gaps between its visits
            runs.append([v for v in visits if start <= v.date and (end is None or v.date <= end)])
            continue
        before = [v for v in visits if v.date <= start]
        anchor = before[-1] if before and (carries_over(meeting) or before[-1].date == start) else meeting
        run = [anchor, *(v for v in visits if start < v.date and (end is None or v.date <= end))]
        if end is not None and (closing := ends.get(end)) is not None and closing.date > run[-1].date:
            run.append(closing)
        elif end is None and latest is not None and latest.date > run[-1].date:
            run.append(latest)
        runs.append(run)
    return runs


def _who(child: str) -> str:
    return child or "The child"


def born_in_record(ordered: Sequence[CaseEvent]) -> dt.date | None:
    """The day the child's birth is recorded, in a record that begins before it (a pre-birth assessment: the
    pregnancy is spoken of before any sighting of a child); else None. Sightings and contacts before the birth were
    of the mother, and an unborn baby has no gap between sightings."""
    birth = next((e for e in ordered if "birth" in e.kinds and e.exact), None)
    if birth is None:
        return None
    pregnancy = next((e for e in ordered if "pregnancy" in e.kinds), None)
    first_seen = next((e for e in ordered if "child_seen" in e.kinds), None)
    if pregnancy is None or pregnancy.date > birth.date or (first_seen is not None and first_seen.date < pregnancy.date):
        return None
    return birth.date
