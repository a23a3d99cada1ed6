"""Caseload triage: analyse every case, rank them so the ones needing a look come first."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial

import numpy as np
import pandas as pd

from chronocli.analysis import CaseAnalysis, analyse_case, configured_roles, detector_options
from chronocli.cases import CaseIndex, CaseRows, CitedEvents, events_of
from chronocli.config import Config
from chronocli.detectors.base import SEVERITY_RANK
from chronocli.parallel import bulk_allocation, map_slices
from chronocli.pipeline import Chronology
from chronocli.privacy import Pseudonymiser

CASES_PER_JOB = 200  # below this many cases, starting worker processes costs more than it saves


@dataclass
class ScanResult:
    cases: list[CaseAnalysis]  # ranked, most in need of a look first
    unassigned: int = 0  # events with no case id (reported as problems, never analysed as one mixed case)
    problems: list = field(default_factory=list)


def pattern_severities(analysis: CaseAnalysis) -> dict[str, str]:
    """Each pattern found, at its most severe finding."""
    out: dict[str, str] = {}
    for finding in analysis.findings:
        if SEVERITY_RANK[finding.severity] > SEVERITY_RANK.get(out.get(finding.pattern, ""), 0):
            out[finding.pattern] = finding.severity
    return out


def rank_key(analysis: CaseAnalysis) -> tuple:
    """Order: most patterns at high, then at medium, then at low; then more patterns; then case id (stable)."""
    severities = list(pattern_severities(analysis).values())
    return (-severities.count("high"), -severities.count("medium"), -severities.count("low"), -len(severities),
            analysis.case_id)


def _analyse_slice(work: tuple, start: int, stop: int) -> list[tuple]:
    """Cases start..stop-1, their events built here from the table: only findings and the rows they cite travel back."""
    frame, index, options, nation, on_plan, patterns, roles = work
    out = []
    with bulk_allocation():  # detectors make short-lived, acyclic objects: reference counting frees them
        events = events_of(frame, index.rows_of(start, stop))  # case after case, as the index groups them
        first = index.bounds[start]
        for position, case_id in enumerate(index.ids[start:stop], start):
            own = events[index.bounds[position] - first:index.bounds[position + 1] - first]
            analysis = analyse_case(case_id, own, options, nation, on_plan, patterns, roles)
            cited = {event_id for finding in analysis.findings for event_id in finding.evidence}
            rows = index.rows_of(position, position + 1)  # a case's events are built in the order of its rows
            out.append((analysis.findings, analysis.strengths, analysis.notes,
                        rows[[k for k, e in enumerate(analysis.events) if e.event_id in cited]]))
    return out


def scan(chronology: Chronology, config: Config, *, jobs: int = 1, patterns: tuple[str, ...] = (),
         min_severity: str = "low", advance: Callable[[int], None] | None = None) -> ScanResult:
    options = detector_options(config)
    frame = chronology.events
    index = CaseIndex.of(frame)
    work = (frame, index, options, config.nation, config.on_plan, patterns, configured_roles(config))
    # Each worker builds the events of its own cases from the shared table, so no process holds every event;
    # meanwhile this process works out every case's agencies and period for the table.
    # The cycle collector is paused (forked workers inherit the pause): it would rescan the long-lived table,
    # copying its pages into each worker, and the tens of thousands of acyclic results arriving would set off
    # full collections.
    with bulk_allocation():
        light, (agencies, periods) = map_slices("scan", work, len(index), _analyse_slice, jobs,
                                                min_per_job=CASES_PER_JOB, advance=advance,
                                                meanwhile=partial(index.summaries, frame))
        return _assembled(chronology, index, agencies, periods, min_severity, light)


def _assembled(chronology: Chronology, index: CaseIndex, agencies: list, periods: list, min_severity: str,
               light: list[tuple]) -> ScanResult:
    """Each case's analysis from what the workers sent back, ranked."""
    frame = chronology.events
    floor = SEVERITY_RANK[min_severity]
    cited_rows = [cited for *_, cited in light]
    store = CaseRows(frame, np.concatenate(cited_rows) if cited_rows else np.empty(0, dtype=np.int64))
    event_ids = frame["event_id"].to_numpy()
    results = [CaseAnalysis(case_id, CaseRows(frame, index.rows_of(i, i + 1)),
                            [f for f in findings if SEVERITY_RANK[f.severity] >= floor], strengths, notes,
                            agencies[i], periods[i], CitedEvents(store, event_ids[cited]))
               for i, (case_id, (findings, strengths, notes, cited)) in enumerate(zip(index.ids, light))]
    results.sort(key=rank_key)
    return ScanResult(results, index.unassigned, chronology.problems)


def pseudonymised(result: ScanResult, hide: Pseudonymiser, frame: pd.DataFrame) -> ScanResult:
    """The result with names replaced by labels. The table the cases' events are read from is pseudonymised once,
    column-wide, rather than event by event; the findings' own words are replaced one by one."""
    shown = hide.frame(frame)
    stores: dict[int, CaseRows] = {}
    cases = []
    for case in result.cases:
        store = case.cited.store  # type: ignore[attr-defined]  (scan() gives every case a CitedEvents)
        if id(store) not in stores:
            stores[id(store)] = store.reading(shown)
        new_store = stores[id(store)]
        cases.append(dataclasses.replace(
            case, case_id=hide(case.case_id), events=case.events.reading(shown),  # type: ignore[attr-defined]
            findings=hide.dataclass(case.findings), strengths=hide.dataclass(case.strengths),
            notes=hide.dataclass(case.notes), cited=case.cited.reading(new_store)))  # type: ignore[attr-defined]
    return ScanResult(cases, result.unassigned, hide.dataclass(result.problems))


def flagged(cases: Iterable[CaseAnalysis]) -> list[CaseAnalysis]:
    return [c for c in cases if c.findings]
