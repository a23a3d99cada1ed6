"""Facts about a case that several detectors need: is the child on a plan, which meetings were multi-agency."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from chronocli.detectors.base import CaseContext, CaseEvent, CaseView, is_social_work
from chronocli.events.kinds import MULTI_AGENCY_MEETINGS

PLAN_STARTS = frozenset({"icpc", "rcpc", "cp_plan"})  # a conference, or a plan recorded as made


def on_plan_at(events: Sequence[CaseEvent], when: dt.date, context: CaseContext) -> bool:
    """On a child protection plan: configured so, or a conference was held before and no closure since."""
    if context.on_plan:
        return True
    return any(start <= when and (end is None or when <= end) for start, end in plan_periods(events))


def plan_periods(events: Sequence[CaseEvent]) -> list[tuple[dt.date, dt.date | None]]:
    """(from, to) periods on a child protection plan: from a conference until the next closure (None: still open).

    A conference that decides against a plan ("not made subject to a plan; CIN plan agreed") starts none.
    """
    return _periods(_marking(events, PLAN_STARTS), _starts_plan, _ends_plan)


def child_in_need_periods(events: Sequence[CaseEvent]) -> list[tuple[dt.date, dt.date | None]]:
    """(from, to) periods as a child in need: from an entry about a child-in-need plan, meeting or step-down until
    a closure, or until a conference puts the child on a child protection plan. A closure that steps down to a
    child-in-need plan ("CP plan ended - stepped down to CIN") starts one; one that names the plan it closes
    ("Case closed - mum not engaging with CIN plan") ends it."""
    return _periods(_marking(events, PLAN_STARTS | {"child_in_need"}),
                    lambda e: "child_in_need" in e.kinds and not _starts_plan(e) and not _closes_cin(e),
                    lambda e: _closes_cin(e) or _starts_plan(e))  # a closure, or a plan


# A step down to a child-in-need plan, not one decided against ("Step down not appropriate").
_STEP_DOWN = re.compile(r"\bstep(?:ped|ping)?[- ]?down\b(?! (?:is |was )?not\b)(?! (?:to )?(?:early help|eh|universal|tac|team around)\b)"
                        r"|\bto (?:a )?(?:cin|child in need)\b", re.IGNORECASE)


def _closes_cin(event: CaseEvent) -> bool:
    """A closure that ends a child-in-need plan: not a step down to one."""
    return _ends_plan(event) and not ("child_in_need" in event.kinds and _STEP_DOWN.search(event.text))


# A closure that says it is social care's, or the plan's: "Case closed to CSC", "CP plan ended", "stepped down".
_PLAN_CLOSED = re.compile(r"\b(?:plan|register|cin|cp|csc|social care|social work|children'?s services|step(?:ped)?[- ]down)\b",
                          re.IGNORECASE)


def _ends_plan(event: CaseEvent) -> bool:
    """A closure that ends a plan: social work's, or one that names the plan or social care. Another service
    closing its own involvement (an IDVA, a clinic discharging the child) leaves the plan running."""
    return "case_closed" in event.kinds and (is_social_work(event.agency) or bool(_PLAN_CLOSED.search(event.text)))


def _starts_plan(event: CaseEvent) -> bool:
    """A conference that did not decide against a child protection plan."""
    return not event.kinds.isdisjoint(PLAN_STARTS) and "no_cp_plan" not in event.kinds


def _marking(events: Sequence[CaseEvent], starts: frozenset[str]) -> Sequence[CaseEvent]:
    """The dated entries that can start or end a period, in date order."""
    if isinstance(events, CaseView):  # already in date order, and indexed by kind
        return events.having(*starts, "case_closed")
    wanted = starts | {"case_closed"}
    return sorted((e for e in events if e.date is not None and not e.kinds.isdisjoint(wanted)), key=lambda e: e.date)


def _periods(marking, starts, ends) -> list[tuple[dt.date, dt.date | None]]:
    periods: list[tuple[dt.date, dt.date | None]] = []
    start = None
    for event in marking:
        if start is None and starts(event):
            start = event.date
        elif start is not None and ends(event):
            periods.append((start, event.date))
            start = None
    if start is not None:
        periods.append((start, None))
    return periods


def multi_agency_meetings(events: Sequence[CaseEvent]) -> list[CaseEvent]:
    if isinstance(events, CaseView):
        return [e for e in events.having(*MULTI_AGENCY_MEETINGS) if e.exact]
    return [e for e in events if e.exact and e.has(*MULTI_AGENCY_MEETINGS)]


_MEETING_NAMES = (("icpc", "initial conference"), ("rcpc", "review conference"), ("core_group", "core group"),
                  ("strategy_meeting", "strategy meeting"), ("plo", "PLO meeting"), ("court", "court hearing"),
                  ("review", "review"), ("multi_agency_meeting", "multi-agency meeting"))


def meeting_name(event: CaseEvent) -> str:
    """What a formal meeting is called in a finding ("review conference", "core group"); "meeting" if none of these."""
    return next((name for kind, name in _MEETING_NAMES if event.has(kind)), "meeting")
