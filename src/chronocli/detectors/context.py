"""Facts about a case that several detectors need: is the child on a plan, which meetings were multi-agency."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from chronocli.detectors.base import CaseContext, CaseEvent
from chronocli.events.kinds import MULTI_AGENCY_MEETINGS

PLAN_STARTS = frozenset({"icpc", "rcpc"})


def on_plan_at(events: Sequence[CaseEvent], when: dt.date, context: CaseContext) -> bool:
    """On a child protection plan: configured so, or a conference was held before and no closure since."""
    if context.on_plan:
        return True
    state = False
    for event in events:
        if event.date is None or event.date > when:
            continue
        if event.has(*PLAN_STARTS):
            state = True
        elif event.has("case_closed") and event.date < when:
            state = False
    return state


def multi_agency_meetings(events: Sequence[CaseEvent]) -> list[CaseEvent]:
    return [e for e in events if e.exact and e.has(*MULTI_AGENCY_MEETINGS)]
