"""Build the report model from case analyses: pure functions, no rendering."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from chronocli.analysis import CaseAnalysis
from chronocli.detectors.base import SEVERITY_RANK, CaseEvent, Finding
from chronocli.detectors.registry import BY_PATTERN
from chronocli.events.kinds import FORMAL_MEETINGS, HOSTILITY, MISSED
from chronocli.output.rows import file_name
from chronocli.read.dates import format_date
from chronocli.read.table import SheetInfo

CAVEAT = ("These indicators are drawn from what agencies recorded. They support professional judgement; they are not a "
          "risk score and not a finding about any person. Challenge is not necessarily resistance, and ambivalence is the "
          "most common reaction to being helped (003; 002 §5). Check each item against the source record.")
SEVERITY_ORDER = ("high", "medium", "low")


@dataclass(frozen=True)
class EvidenceRow:
    event_id: str
    date: dt.date | None
    date_shown: str
    agency: str
    text: str
    file: str
    sheet: str
    row: int

    @property
    def source(self) -> str:
        return f"{file_name(self.file)}{':' + self.sheet if self.sheet else ''}:{self.row}"


@dataclass(frozen=True)
class FindingView:
    finding: Finding
    evidence: tuple[EvidenceRow, ...]
    agencies: tuple[str, ...]


@dataclass(frozen=True)
class PatternSummary:
    pattern: str
    title: str
    severity: str
    count: int
    first_date: dt.date | None
    last_date: dt.date | None
    agencies: tuple[str, ...]


@dataclass(frozen=True)
class Timeline:
    """Agency lanes by period: each cell holds the glyph names of what happened then."""

    unit: str  # "week" or "month"
    starts: tuple[dt.date, ...]
    lanes: tuple[str, ...]
    cells: dict[tuple[str, int], tuple[str, ...]]
    spans: tuple[tuple[str, str, int, int], ...]  # (severity, title, first column, last column)


@dataclass
class CaseReport:
    case_id: str
    n_events: int
    agencies: list[str]
    first_date: dt.date | None
    last_date: dt.date | None
    patterns: list[PatternSummary]
    findings: list[FindingView]
    strengths: list[tuple[str, str]]
    questions: list[tuple[str, tuple[str, ...]]]
    notes: list[str]
    timeline: Timeline | None


@dataclass
class Report:
    generated: dt.date
    cases: list[CaseReport]
    sources: list[SheetInfo] = field(default_factory=list)
    caveat: str = CAVEAT


def build_report(analyses: list[CaseAnalysis], sources: list[SheetInfo], *, min_severity: str = "low",
                 today: dt.date | None = None, max_columns: int = 60, timelines: bool = True) -> Report:
    """The report model; `timelines=False` skips the pictures where only data is wanted (JSON)."""
    floor = SEVERITY_RANK[min_severity]
    cases = [build_case(a, floor, max_columns if timelines else 0) for a in analyses]
    return Report(today or dt.date.today(), cases, sources)


def build_case(analysis: CaseAnalysis, floor: int = 1, max_columns: int = 60) -> CaseReport:
    """One case's part of the report; max_columns=0 leaves out the timeline."""
    kept = [f for f in analysis.findings if SEVERITY_RANK[f.severity] >= floor]
    views = [_view(f, analysis) for f in kept]
    first, last = analysis.period
    patterns = _pattern_rows(views)
    found = [p.pattern for p in patterns]
    questions = [(BY_PATTERN[p].title, BY_PATTERN[p].questions) for p in found]
    strengths = [(s.title, s.summary) for s in analysis.strengths]
    return CaseReport(analysis.case_id, len(analysis.events), analysis.agencies, first, last, patterns, views, strengths,
                      questions, list(analysis.notes), build_timeline(analysis.events, kept, max_columns) if max_columns else None)


def _view(finding: Finding, analysis: CaseAnalysis) -> FindingView:
    rows = []
    for event_id in finding.evidence:
        e = analysis.event(event_id)
        rows.append(EvidenceRow(e.event_id, e.date, format_date(e.date, e.precision), e.agency, e.text, e.file, e.sheet, e.row))
    return FindingView(finding, tuple(rows), tuple(sorted({r.agency for r in rows})))


def _pattern_rows(views: list[FindingView]) -> list[PatternSummary]:
    grouped: dict[str, list[FindingView]] = {}
    for view in views:
        grouped.setdefault(view.finding.pattern, []).append(view)
    rows = []
    for pattern, items in grouped.items():
        firsts = [v.finding.first_date for v in items if v.finding.first_date]
        lasts = [v.finding.last_date for v in items if v.finding.last_date]
        severity = max((v.finding.severity for v in items), key=SEVERITY_RANK.get)
        rows.append(PatternSummary(pattern, BY_PATTERN[pattern].title, severity, len(items), min(firsts, default=None),
                                   max(lasts, default=None), tuple(sorted({a for v in items for a in v.agencies}))))
    return sorted(rows, key=lambda r: (-SEVERITY_RANK[r.severity], r.pattern))


def glyphs_for(event: CaseEvent) -> tuple[str, ...]:
    """What the timeline shows for an event, most telling first."""
    out = []
    if event.kinds & HOSTILITY:
        out.append("hostility")
    if event.kinds & MISSED:
        out.append("missed")
    if event.kinds & FORMAL_MEETINGS:
        out.append("meeting")
    if event.has("child_seen"):
        out.append("seen")
    if event.has("attended") and not out:
        out.append("kept")
    return tuple(out) or ("other",)


def build_timeline(events: list[CaseEvent], findings: list[Finding], max_columns: int = 60) -> Timeline | None:
    dated = [e for e in events if e.date is not None]
    if not dated:
        return None
    first, last = min(e.date for e in dated), max(e.date for e in dated)
    weeks = (last - first).days // 7 + 1
    unit = "week" if weeks <= max_columns else "month"
    starts = _periods(first, last, unit)
    if len(starts) > max_columns:  # very long histories: keep the most recent periods
        starts = starts[-max_columns:]
    lanes = tuple(sorted({e.agency for e in dated}))
    cells: dict[tuple[str, int], tuple[str, ...]] = {}
    for event in dated:
        column = _column(starts, event.date)
        if column is None:
            continue
        key = (event.agency, column)
        cells[key] = tuple(dict.fromkeys(cells.get(key, ()) + glyphs_for(event)))
    spans = []
    for f in sorted(findings, key=lambda f: (-SEVERITY_RANK[f.severity], f.first_date or dt.date.max)):
        if f.first_date and f.last_date:
            a, b = _column(starts, f.first_date), _column(starts, f.last_date)
            if a is not None or b is not None:
                spans.append((f.severity, f.title, a or 0, b if b is not None else len(starts) - 1))
    return Timeline(unit, tuple(starts), lanes, cells, tuple(spans))


def _periods(first: dt.date, last: dt.date, unit: str) -> list[dt.date]:
    if unit == "week":
        start = first - dt.timedelta(days=first.weekday())
        return [start + dt.timedelta(weeks=i) for i in range((last - start).days // 7 + 1)]
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(dt.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _column(starts: tuple[dt.date, ...] | list[dt.date], day: dt.date) -> int | None:
    if day < starts[0]:
        return None
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= day:
            lo = mid
        else:
            hi = mid - 1
    return lo


def report_json(report: Report) -> dict:
    """The JSON contract of DESIGN.md §5, plus strengths, notes, questions and sources."""
    def iso(d: dt.date | None) -> str | None:
        return d.isoformat() if d else None

    return {
        "generated": report.generated.isoformat(),
        "caveat": report.caveat,
        "cases": [{
            "case_id": case.case_id or None,
            "events": case.n_events,
            "agencies": case.agencies,
            "first_date": iso(case.first_date),
            "last_date": iso(case.last_date),
            "findings": [{
                "code": v.finding.code, "pattern": v.finding.pattern, "severity": v.finding.severity,
                "title": v.finding.title, "summary": v.finding.summary,
                "first_date": iso(v.finding.first_date), "last_date": iso(v.finding.last_date),
                "evidence": [{"event_id": r.event_id, "date": iso(r.date), "agency": r.agency, "text": r.text,
                              "file": r.file, "sheet": r.sheet or None, "row": r.row} for r in v.evidence],
            } for v in case.findings],
            "strengths": [{"title": t, "summary": s} for t, s in case.strengths],
            "notes": case.notes,
            "questions": [{"pattern": title, "questions": list(qs)} for title, qs in case.questions],
        } for case in report.cases],
        "sources": [{"file": s.file, "sheet": s.sheet or None, "agency": s.agency, "rows": s.rows_read, "sha256": s.sha256}
                    for s in report.sources],
    }
