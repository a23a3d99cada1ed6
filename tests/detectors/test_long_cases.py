"""Detectors on long cases: the windowed searches (bisection, two pointers) give what the plain definitions give.

A family known to services for years has thousands of entries; the searches that pair events within a time
window were once nested loops over the whole case. Each is checked here against that plain definition on
random date-ordered events.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from chronocli.detectors.base import ByDate, CaseEvent
from chronocli.detectors.conflicting_accounts import ConflictingAccounts
from chronocli.detectors.conflicting_accounts import Options as ConflictOptions
from chronocli.detectors.improvement_then_decline import Options as ImprovementOptions
from chronocli.detectors.improvement_then_decline import _timed_for_meetings
from chronocli.detectors.isolation_or_moves import _densest

START = dt.date(2023, 1, 1)
KINDS = ("improvement", "decline", "core_group", "disclosure", "parent_account", "denial", "moved_address")


def _events(days_and_kinds: list[tuple[int, frozenset[str]]]) -> list[CaseEvent]:
    ordered = sorted(days_and_kinds, key=lambda dk: dk[0])
    # A disclosure here is the child's account, as the classifier reads one with no parent speaking.
    return [CaseEvent(f"E{i:04d}", START + dt.timedelta(days=d), "SW", "text",
                      kinds | {"child_account"} if "disclosure" in kinds else kinds, group=f"G{i:04d}")
            for i, (d, kinds) in enumerate(ordered)]


cases = st.lists(st.tuples(st.integers(0, 150), st.frozensets(st.sampled_from(KINDS), min_size=1, max_size=2)),
                 max_size=60)


@settings(max_examples=200, deadline=None)
@given(cases, st.integers(1, 40))
def test_densest_window_is_the_first_largest(days_and_kinds, period):
    moves = _events(days_and_kinds)
    plain: list[CaseEvent] = []
    for i, start in enumerate(moves):
        window = [e for e in moves[i:] if (e.date - start.date).days <= period]
        if len(window) > len(plain):
            plain = window
    assert _densest(moves, period) == plain


@settings(max_examples=200, deadline=None)
@given(cases, st.integers(0, 30), st.integers(1, 60))
def test_improvements_timed_for_meetings(days_and_kinds, before, after):
    events = _events(days_and_kinds)
    # The detector's series: entries saying better or worse (not both), each with its direction.
    series = [e for e in events if e.has("improvement", "decline") and not (e.has("improvement") and e.has("decline"))]
    meetings = [e for e in events if e.has("core_group")]
    options = ImprovementOptions(before_meeting_days=before, after_meeting_days=after)
    plain, used = [], set()
    for up in (e for e in series if e.has("improvement")):
        meeting = next((m for m in meetings if 0 <= (m.date - up.date).days <= before and m.group not in used), None)
        if meeting is None:
            continue
        down = next((d for d in series if d.has("decline") and 0 < (d.date - meeting.date).days <= after), None)
        if down is not None:
            used.add(meeting.group)
            plain.append((up, meeting, down))
    assert _timed_for_meetings([(e, e.has("improvement")) for e in series], meetings, options) == plain


@settings(max_examples=200, deadline=None)
@given(cases, st.integers(0, 40))
def test_child_and_parent_accounts_paired_within_the_window(days_and_kinds, window):
    events = _events(days_and_kinds)
    disclosures = [e for e in events if e.has("disclosure")]
    parents = [e for e in events if e.has("parent_account") and e.has("denial")]
    plain = [(c, p) for c in disclosures for p in parents if abs((p.date - c.date).days) <= window]
    found = ConflictingAccounts()._child_against_parent(_View(events), ConflictOptions(window_days=window))
    if not plain:
        assert found is None
    else:
        # Evidence is listed once each, in date order (ids follow date order here).
        assert found is not None and list(found.evidence) == sorted({e.event_id for pair in plain for e in pair})
        children = list(dict.fromkeys(c for c, _ in plain))
        assert found.summary.startswith(f"The child's account of harm ({'; '.join(f'SW {c.date:%-d %b %Y}' for c in children)})")


class _View(list):
    """Just enough of a CaseView: events with any of the kinds, in date order."""

    def having(self, *kinds: str) -> list[CaseEvent]:
        return [e for e in self if e.has(*kinds)]


@settings(max_examples=200, deadline=None)
@given(cases, st.integers(-5, 160), st.integers(0, 40))
def test_by_date_between_is_the_plain_filter(days_and_kinds, start, length):
    events = _events(days_and_kinds)
    first, last = START + dt.timedelta(days=start), START + dt.timedelta(days=start + length)
    assert ByDate(events).between(first, last) == [e for e in events if first <= e.date <= last]
