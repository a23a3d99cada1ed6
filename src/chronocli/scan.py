"""Caseload triage: analyse every case, rank them so the ones needing a look come first."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from chronocli.analysis import CaseAnalysis, analyse_case, case_events, detector_options
from chronocli.config import Config
from chronocli.detectors.base import SEVERITY_RANK
from chronocli.parallel import bulk_allocation, map_slices
from chronocli.pipeline import Chronology


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
    """Findings, strengths and notes only: a case's events stay in the parent process."""
    items, options, nation, on_plan, patterns = work
    out = []
    for case_id, events in items[start:stop]:
        analysis = analyse_case(case_id, events, options, nation, on_plan, patterns)
        out.append((analysis.findings, analysis.strengths, analysis.notes))
    return out


def scan(chronology: Chronology, config: Config, *, jobs: int = 1, patterns: tuple[str, ...] = (),
         min_severity: str = "low", advance: Callable[[int], None] | None = None) -> ScanResult:
    options = detector_options(config)
    with bulk_allocation():
        cases = case_events(chronology.events)
    # The events are long-lived and hold no cycles: keep the collector (here and in forked workers)
    # from rescanning a million of them over and over, which also copies their memory into each worker.
    gc.freeze()
    unassigned = len(cases.pop("", []))
    items = sorted(cases.items())
    work = (items, options, config.nation, config.on_plan, patterns)
    # Detection is pure per case and could be spread over processes, but forked workers write reference
    # counts into every event they touch and so copy their share of a million events: on this 2-core
    # machine that measured slower than one process (bench/scan.py). `jobs` is used for classifying text.
    light = map_slices("scan", work, len(items), _analyse_slice, 1, advance=advance)
    floor = SEVERITY_RANK[min_severity]
    results = [CaseAnalysis(case_id, events, [f for f in findings if SEVERITY_RANK[f.severity] >= floor], strengths, notes)
               for (case_id, events), (findings, strengths, notes) in zip(items, light)]
    results.sort(key=rank_key)
    gc.unfreeze()
    return ScanResult(results, unassigned, chronology.problems)


def flagged(cases: Iterable[CaseAnalysis]) -> list[CaseAnalysis]:
    return [c for c in cases if c.findings]
