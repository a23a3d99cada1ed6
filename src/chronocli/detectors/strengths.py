"""Strengths: sustained progress, kept contacts, completed tasks — a chronology is not only adverse events."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from chronocli.detectors import improvement_then_decline
from chronocli.detectors.base import CaseEvent, by_agency, dated, plural, when
from chronocli.events.kinds import MISSED, area_name

MIN_CONTACTS = 3
GOOD_RATE = 0.9


@dataclass(frozen=True)
class Strength:
    title: str
    summary: str
    evidence: tuple[str, ...]


def find_strengths(events: Sequence[CaseEvent], measures: improvement_then_decline.Options | None = None) -> list[Strength]:
    """Progress worth naming (Scottish national guidance 2021, 3.172-3.177: turning points and progress).

    An area's progress is read as improvement_then_decline reads it (`measures`: its options), words and
    attendance percentages alike, so the report never calls held an improvement that a finding shows lost."""
    ordered = dated(events)
    strengths = []
    for agency, contacts in sorted(by_agency(ordered.having("attended", *MISSED)).items()):
        kept = [e for e in contacts if "attended" in e.kinds]
        if len(contacts) >= MIN_CONTACTS and len(kept) / len(contacts) >= GOOD_RATE:
            strengths.append(Strength(f"Contacts with {agency} kept",
                                      f"{len(kept)} of {len(contacts)} contacts with {agency} were kept "
                                      f"({when(contacts[0])} to {when(contacts[-1])}).", tuple(e.event_id for e in kept)))
    completed = ordered.having("task_completed")
    if completed:
        strengths.append(Strength("Tasks completed", f"{plural(len(completed), 'task')} recorded as completed: "
                                  + "; ".join(f"{e.agency} {when(e)}" for e in completed[:5]) + ".",
                                  tuple(e.event_id for e in completed)))
    signals = improvement_then_decline.measured_signals(ordered, measures or improvement_then_decline.Options())
    for (area, child), series in sorted(signals.items()):
        ups = [e for e, better in series if better]
        first = next((k for k, (_, better) in enumerate(series) if better), len(series))
        if len(ups) >= 2 and all(better for _, better in series[first:]):
            name = area_name(area) + (f" of {child}" if child else "")
            name = name[0].upper() + name[1:]  # not capitalize(): that would lower a child's name
            strengths.append(Strength(f"{name} improved and held",
                                      f"{name} improved from {when(ups[0])} with no decline "
                                      f"recorded afterwards ({plural(len(ups), 'entry', 'entries')}).", tuple(e.event_id for e in ups)))
    seen_alone = ordered.having("child_seen_alone")
    if len(seen_alone) >= 2:
        strengths.append(Strength("Child seen alone", f"The child was seen alone {plural(len(seen_alone), 'time')} "
                                  f"({', '.join(sorted({e.agency for e in seen_alone}))}).", tuple(e.event_id for e in seen_alone)))
    return strengths
