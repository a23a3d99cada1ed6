"""Facts about a case that several detectors need: is the child on a plan, which meetings were multi-agency."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from chronocli.detectors.base import CaseContext, CaseEvent, CaseView
from chronocli.events.kinds import MULTI_AGENCY_MEETINGS

PLAN_STARTS = frozenset({"icpc", "rcpc"})


def on_plan_at(events: Sequence[CaseEvent], when: dt.date, context: CaseContext) -> bool:
    """On a child protection plan: configured so, or a conference was held before and no closure since."""
    if context.on_plan:
        return True
    return any(start <= when and (end is None or when <= end) for start, end in plan_periods(events))


def plan_periods(events: Sequence[CaseEvent]) -> list[tuple[dt.date, dt.date | None]]:
    """(from, to) periods on a plan: from a conference until the next closure (None: still open)."""
    periods: list[tuple[dt.date, dt.date | None]] = []
    start = None
    if isinstance(events, CaseView):  # already in date order, and indexed by kind
        marking = events.having(*PLAN_STARTS, "case_closed")
    else:
        marking = sorted((e for e in events if e.date is not None), key=lambda e: e.date)
    for event in marking:
        if start is None and not event.kinds.isdisjoint(PLAN_STARTS):
            start = event.date
        elif start is not None and "case_closed" in event.kinds:
            periods.append((start, event.date))
            start = None
    if start is not None:
        periods.append((start, None))
    return periods


def multi_agency_meetings(events: Sequence[CaseEvent]) -> list[CaseEvent]:
    if isinstance(events, CaseView):
        return [e for e in events.having(*MULTI_AGENCY_MEETINGS) if e.exact]
    return [e for e in events if e.exact and e.has(*MULTI_AGENCY_MEETINGS)]
