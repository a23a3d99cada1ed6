"""Run the detectors over each case: pure functions from events to findings, strengths and notes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from chronocli.config import Config
from chronocli.detectors.base import SEVERITY_RANK, CaseContext, CaseEvent, Finding, dated
from chronocli.detectors.registry import BY_PATTERN, DETECTORS
from chronocli.detectors.strengths import Strength, find_strengths
from chronocli.errors import ConfigError

NO_CASE = ""


@dataclass
class CaseAnalysis:
    """One case: its events, findings (most severe first), strengths, and what could not be assessed."""

    case_id: str
    events: list[CaseEvent]
    findings: list[Finding] = field(default_factory=list)
    strengths: list[Strength] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def agencies(self) -> list[str]:
        return sorted({e.agency for e in self.events})

    @property
    def period(self) -> tuple[dt.date | None, dt.date | None]:
        dates = [e.date for e in self.events if e.date]
        return (min(dates), max(dates)) if dates else (None, None)

    def event(self, event_id: str) -> CaseEvent:
        return self._index[event_id]

    def __post_init__(self) -> None:
        self._index = {e.event_id: e for e in self.events}


def detector_options(config: Config) -> dict[str, Any]:
    """Options per pattern from config; an unknown detector table is an error naming it."""
    unknown = [k for k in config.detectors if k not in BY_PATTERN]
    if unknown:
        raise ConfigError(f"[detectors.{unknown[0]}] is not a detector.", f"Detectors: {', '.join(BY_PATTERN)}.")
    return {d.pattern: d.options_from(config.detectors.get(d.pattern)) for d in DETECTORS}


def case_events(frame: pd.DataFrame) -> dict[str, list[CaseEvent]]:
    """Split the merged table into per-case lists of CaseEvent (order kept)."""
    if frame.empty:
        return {}
    cases: dict[str, list[CaseEvent]] = {}
    # Plain Python lists column by column: far faster than iterating rows of a DataFrame.
    dates = frame["date"].dt.date.astype(object).where(frame["date"].notna(), None).tolist()
    values = frame["value"].astype(object).where(frame["value"].notna(), None).tolist()
    kinds = [frozenset(k) for k in frame["kinds"].tolist()]
    columns = [frame[c].tolist() for c in ("event_id", "agency", "text", "date_precision", "area", "task_area",
                                           "account_by", "file", "sheet", "row", "case_id", "group", "subject")]
    for when, value, kind, (event_id, agency, text, precision, area, task_area, account_by, file, sheet, number,
                            case_id, group, subject) in zip(dates, values, kinds, zip(*columns)):
        event = CaseEvent(event_id, when, agency, text, kind, precision or "day", area, task_area, account_by,
                          value, file, sheet, int(number), str(case_id) if case_id else NO_CASE, group, subject or "")
        cases.setdefault(event.case_id, []).append(event)
    return cases


def analyse_case(case_id: str, events: list[CaseEvent], options: dict[str, Any], nation: str = "england-and-wales",
                 on_plan: bool = False, patterns: tuple[str, ...] = ()) -> CaseAnalysis:
    """Every detector over one case. Pure: the same events and options always give the same result."""
    context = CaseContext(nation=nation, on_plan=on_plan)
    view = dated(events)  # sorted and indexed once, shared by every detector
    findings: list[Finding] = []
    for detector in DETECTORS:
        if patterns and detector.pattern not in patterns:
            continue
        findings.extend(detector.detect(view, options[detector.pattern], context))
    findings.sort(key=lambda f: (-SEVERITY_RANK[f.severity], f.first_date or dt.date.max, f.code))
    return CaseAnalysis(case_id, events, findings, find_strengths(view), context.notes)


def analyse(frame: pd.DataFrame, config: Config) -> list[CaseAnalysis]:
    options = detector_options(config)
    return [analyse_case(case_id, events, options, config.nation, config.on_plan)
            for case_id, events in sorted(case_events(frame).items())]
