"""Render the report as one self-contained HTML page (inline CSS and SVG), printable on A4."""

from __future__ import annotations

from markupsafe import Markup

from chronocli.output.html import render_template
from chronocli.read.dates import format_date, format_period
from chronocli.report.model import Report
from chronocli.report.svg import timeline_svg


def render_html(report: Report) -> str:
    # The SVG is built from escaped values by timeline_svg, so it is marked safe here and nowhere else.
    timelines = [Markup(timeline_svg(case.timeline)) if case.timeline else "" for case in report.cases]
    return render_template("report.html", report=report, timelines=timelines, shown=format_date,
                           period=format_period)
