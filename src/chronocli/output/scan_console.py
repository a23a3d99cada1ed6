"""Terminal output for `chrono scan`: the ranked table and a progress bar on stderr."""

from __future__ import annotations

from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from chronocli.detectors.registry import BY_PATTERN
from chronocli.output.console import plain
from chronocli.read.dates import format_date
from chronocli.report.console import SEVERITY_STYLE
from chronocli.scan import ScanResult, pattern_severities

_STAGES = {"reading": "Reading files", "classifying": "Classifying events", "merging": "Ordering and linking",
           "detecting": "Detecting patterns"}


def scan_table(result: ScanResult, top: int) -> Table:
    """Flagged cases, most in need of a look first; compact enough for an 80-column terminal."""
    shown = [c for c in result.cases if c.findings][:top]
    flagged = sum(1 for c in result.cases if c.findings)
    table = Table(title=f"Caseload scan: {flagged} of {len(result.cases)} cases show indicators", header_style="bold",
                  expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Case", no_wrap=True, overflow="ellipsis", max_width=16, min_width=10)
    table.add_column("Events", justify="right", no_wrap=True)
    table.add_column("Period", no_wrap=True)
    table.add_column("Indicators", min_width=14, max_width=15)
    table.add_column("Top finding", ratio=1, min_width=24)
    ranks = {id(case): rank for rank, case in enumerate(result.cases, start=1)}
    for case in shown:
        indicators = Text()
        for pattern, severity in pattern_severities(case).items():
            indicators.append(f"{BY_PATTERN[pattern].code}", style=SEVERITY_STYLE[severity])
            indicators.append(" ")
        first, last = case.period
        summary = case.findings[0].summary
        table.add_row(str(ranks[id(case)]), plain(case.case_id) + Text(f"\n{len(case.agencies)} agencies", style="dim"),
                      str(len(case.events)),
                      f"{format_date(first, 'day')}\n{format_date(last, 'day')}", indicators,
                      plain(summary if len(summary) <= 180 else summary[:179] + "…"))
    caption = "Indicators: codes from `chrono patterns`, coloured by severity (red high, orange medium, grey low)."
    if flagged > len(shown):
        caption += f" {flagged - len(shown)} more flagged cases: write them all with -o cases.csv (or .xlsx, .json)."
    table.caption = caption
    return table


class _Stages:
    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.task = None

    @property
    def shown(self) -> bool:
        return self.progress is not None

    def stage(self, name: str, total: int | None = None) -> None:
        if self.progress is None:
            return
        if self.task is not None:
            self.progress.update(self.task, completed=self.progress.tasks[self.task].total or 1, total=self.progress.tasks[self.task].total or 1)
        self.task = self.progress.add_task(_STAGES.get(name, name), total=total)

    def advance(self, n: int) -> None:
        if self.progress is not None and self.task is not None:
            self.progress.advance(self.task, n)


@contextmanager
def progress_bar(console: Console, enabled: bool):
    if not enabled:
        yield _Stages(None)
        return
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=False) as progress:
        stages = _Stages(progress)
        yield stages
        if stages.task is not None:
            task = progress.tasks[stages.task]
            progress.update(stages.task, completed=task.total or 1, total=task.total or 1)
