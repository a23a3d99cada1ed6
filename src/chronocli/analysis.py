"""Run the detectors over each case: pure functions from events to findings, strengths and notes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from chronocli.cases import case_events
from chronocli.config import Config
from chronocli.detectors.base import SEVERITY_RANK, CaseContext, CaseEvent, Finding, dated
from chronocli.detectors.registry import BY_PATTERN, DETECTORS
from chronocli.detectors.strengths import Strength, find_strengths
from chronocli.errors import ConfigError


@dataclass
class CaseAnalysis:
    """One case: its events, findings (most severe first), strengths, and what could not be assessed.

    `agencies` and `period` are worked out from the events unless given (a caseload scan computes them for every
    case at once); `cited` holds the events findings cite, so a report can show evidence without every event.
    """

    case_id: str
    events: Sequence[CaseEvent]
    findings: list[Finding] = field(default_factory=list)
    strengths: list[Strength] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    agencies: list[str] | None = None
    period: tuple[dt.date | None, dt.date | None] | None = None
    cited: Mapping[str, CaseEvent] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.agencies is None:
            self.agencies = sorted({e.agency for e in self.events})
        if self.period is None:
            dates = [e.date for e in self.events if e.date]
            self.period = (min(dates), max(dates)) if dates else (None, None)

    def event(self, event_id: str) -> CaseEvent:
        if event_id not in self.cited:
            self.cited = {e.event_id: e for e in self.events}
        return self.cited[event_id]


def detector_options(config: Config) -> dict[str, Any]:
    """Options per pattern from config; an unknown detector table is an error naming it."""
    unknown = [k for k in config.detectors if k not in BY_PATTERN]
    if unknown:
        raise ConfigError(f"[detectors.{unknown[0]}] is not a detector.", f"Detectors: {', '.join(BY_PATTERN)}.")
    return {d.pattern: d.options_from(config.detectors.get(d.pattern)) for d in DETECTORS}


def configured_roles(config: Config) -> dict[str, str]:
    """The label [names] gives each person, by first name ("Ricky Grant = 'Father'": {"Ricky": "Father"})."""
    return {name.split()[0]: label for name, label in config.names.items()}


def analyse_case(case_id: str, events: list[CaseEvent], options: dict[str, Any], nation: str = "england-and-wales",
                 on_plan: bool = False, patterns: tuple[str, ...] = (), roles: dict[str, str] | None = None) -> CaseAnalysis:
    """Every detector over one case. Pure: the same events and options always give the same result. `roles`: the
    role [names] gives people, by first name (see configured_roles)."""
    context = CaseContext(nation=nation, on_plan=on_plan, roles=roles or {})
    view = dated(events)  # sorted and indexed once, shared by every detector
    findings: list[Finding] = []
    for detector in DETECTORS:
        if patterns and detector.pattern not in patterns:
            continue
        findings.extend(detector.detect(view, options[detector.pattern], context))
    findings.sort(key=lambda f: (-SEVERITY_RANK[f.severity], f.first_date or dt.date.max, f.code))
    return CaseAnalysis(case_id, events, findings, find_strengths(view, options.get("improvement_then_decline")),
                        context.notes)


def analyse(frame: pd.DataFrame, config: Config) -> list[CaseAnalysis]:
    options = detector_options(config)
    roles = configured_roles(config)
    return [analyse_case(case_id, events, options, config.nation, config.on_plan, roles=roles)
            for case_id, events in sorted(case_events(frame).items())]
