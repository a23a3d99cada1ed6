"""Render the report for a terminal (Rich, in colour) or as plain text (ASCII, no colour codes, fixed width)."""

from __future__ import annotations

import io

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from chronocli.output.console import plain
from chronocli.output.rows import file_name
from chronocli.read.dates import format_date, format_period
from chronocli.report.model import CaseReport, FindingView, Report, Timeline

SEVERITY_STYLE = {"high": "bold white on red3", "medium": "bold black on dark_orange", "low": "black on grey70"}
GLYPHS = {"hostility": ("!", "bold red"), "missed": ("x", "red"), "meeting": ("M", "bold blue"),
          "seen": ("o", "green"), "kept": ("+", "green"), "other": (".", "grey50")}
GLYPH_NAMES = {"hostility": "hostility", "missed": "contact not kept", "meeting": "formal meeting",
               "seen": "child seen", "kept": "contact kept", "other": "other entry"}


def render_report(report: Report, console: Console, *, ascii_only: bool = False) -> None:
    """Print every case's report; ascii_only for text that pastes into a case record."""
    boxes = box.ASCII if ascii_only else box.ROUNDED
    for index, case in enumerate(report.cases):
        if index:
            console.rule(style="dim" if not ascii_only else "")
        for part in case_renderables(case, report, boxes, console.width):
            console.print(part)
    console.print(Panel(Text(report.caveat), title="About these indicators", box=boxes, border_style="blue"))


def render_text(report: Report, width: int = 100) -> str:
    """Plain text, wrapped to `width`, for printing or pasting."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, force_terminal=False, highlight=False,
                      emoji=False, legacy_windows=False)
    render_report(report, console, ascii_only=True)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


def case_renderables(case: CaseReport, report: Report, boxes: box.Box, width: int) -> list[RenderableType]:
    parts: list[RenderableType] = [_header(case, report, boxes)]
    if case.patterns:
        parts.append(_summary(case, boxes))
    else:
        parts.append(Text("No indicators found at the selected severity.", style="green"))
    if case.timeline:
        parts.append(_timeline(case.timeline, boxes, width))
    for view in case.findings:
        parts.append(_finding(view, boxes))
    if case.strengths:
        table = Table(title="Strengths", box=boxes, show_header=False, expand=True)
        table.add_column("What", style="bold green", ratio=1)
        table.add_column("Evidence", ratio=3)
        for title, summary in case.strengths:
            table.add_row(plain(title), plain(summary))
        parts.append(table)
    if case.notes:
        parts.append(Panel(Text("\n".join(f"- {n}" for n in case.notes)), title="Not assessed", box=boxes, border_style="dim"))
    if case.questions:
        lines = Text()
        for title, questions in case.questions:
            lines.append(f"{title}\n", style="bold")
            for q in questions:
                lines.append(f"  - {q}\n")
        parts.append(Panel(lines, title="Questions for supervision", box=boxes, border_style="cyan"))
    return parts


def _header(case: CaseReport, report: Report, boxes: box.Box) -> Panel:
    text = Text()
    text.append("Case: ", style="bold")
    text.append_text(plain(case.case_id or "(single case)"))
    text.append(f"\nPeriod: {format_date(case.first_date, 'day')} to {format_date(case.last_date, 'day')}")
    text.append(f"\nEvents: {case.n_events}   Agencies: ")
    text.append_text(plain(", ".join(case.agencies)))
    if report.sources:
        text.append("\nInputs: ")
        text.append_text(plain("; ".join(f"{file_name(s.file)}{' [' + s.sheet + ']' if s.sheet else ''} ({s.sha256[:12]})"
                                         for s in report.sources)))
    text.append(f"\nReport date: {report.generated.strftime('%d/%m/%Y')}")
    return Panel(text, title="Risk-indicator report", box=boxes, border_style="blue")


def _summary(case: CaseReport, boxes: box.Box) -> Table:
    table = Table(title="Indicators", box=boxes, expand=True)
    for column in ("Pattern", "Severity", "Findings", "Period", "Agencies involved"):
        table.add_column(column)
    for row in case.patterns:
        table.add_row(Text(row.title), Text(f" {row.severity} ", style=SEVERITY_STYLE[row.severity]), str(row.count),
                      format_period(row.first_date, row.last_date), plain(", ".join(row.agencies)))
    return table


def _finding(view: FindingView, boxes: box.Box) -> Panel:
    f = view.finding
    table = Table(box=boxes, expand=True, show_edge=False)
    table.add_column("Date", no_wrap=True)
    table.add_column("Agency")
    table.add_column("What the record says", ratio=3)
    table.add_column("Source", style="dim")
    for row in view.evidence:
        table.add_row(row.date_shown, plain(row.agency), plain(row.text), plain(row.source))
    title = Text()
    title.append(f" {f.severity.upper()} ", style=SEVERITY_STYLE[f.severity])
    title.append(f" {f.title} ({f.code} {f.pattern})")
    return Panel(Group(plain(f.summary), Text(""), table), title=title, title_align="left", box=boxes)


def _timeline(timeline: Timeline, boxes: box.Box, width: int) -> Panel:
    label_width = min(18, max(len(lane) for lane in timeline.lanes) + 1)
    columns = len(timeline.starts)
    # Few periods get wider cells so the picture is readable; many get one character each.
    cell = max(1, min(3, (width - label_width - 6) // max(columns, 1)))
    lines = Text()
    lines.append(" " * label_width + _period_labels(timeline, cell) + "\n", style="dim")
    for lane in timeline.lanes:
        lines.append_text(plain(lane[: label_width - 1].ljust(label_width)))
        for column in range(columns):
            names = timeline.cells.get((lane, column))
            char, style = GLYPHS[names[0]] if names else ("-", "grey23")
            lines.append(char.center(cell, "-"), style=style)
        lines.append("\n")
    inner = width - 4  # inside the panel's borders and padding
    for severity, title, a, b in timeline.spans[:8]:
        start, length = label_width + a * cell, (b - a + 1) * cell
        room = inner - start - length - 1
        shown = title if len(title) <= room else title[: max(room - 1, 0)] + "…"
        lines.append(" " * start)
        lines.append("=" * length, style=SEVERITY_STYLE[severity])
        lines.append_text(plain(" " + shown if room > 3 else ""))
        lines.append("\n")
    legend = "   ".join(f"{GLYPHS[k][0]} {v}" for k, v in GLYPH_NAMES.items())
    lines.append(f"One column per {timeline.unit}. {legend}. = marks each finding's period.", style="dim")
    return Panel(lines, title="Agency timeline", box=boxes)


def _period_labels(timeline: Timeline, cell: int) -> str:
    """Month or year labels placed where they fit without running into each other."""
    marks = [" "] * (len(timeline.starts) * cell)
    free_from = 0
    for i, start in enumerate(timeline.starts):
        new_month = timeline.unit == "month" or start.day <= 7
        if not new_month:
            continue
        label = start.strftime("%b %y") if start.month == 1 or i == 0 else start.strftime("%b")
        at = i * cell
        if at >= free_from and at + len(label) <= len(marks):
            marks[at:at + len(label)] = label
            free_from = at + len(label) + 1
    return "".join(marks)
