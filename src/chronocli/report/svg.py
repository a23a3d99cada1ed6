"""Draw the agency swimlane timeline as inline SVG (no scripts, no external fetches)."""

from __future__ import annotations

from html import escape

from chronocli.report.model import Timeline

SEVERITY_FILL = {"high": "#8B0000", "medium": "#B35900", "low": "#4A5A6A"}
LANE_HEIGHT, LABEL_WIDTH, TOP, SPAN_HEIGHT = 26, 180, 26, 16


def timeline_svg(timeline: Timeline, width: int = 980) -> str:
    columns = len(timeline.starts)
    cell = max(4.0, (width - LABEL_WIDTH - 10) / max(columns, 1))
    lanes_bottom = TOP + LANE_HEIGHT * len(timeline.lanes)
    spans = timeline.spans[:8]
    height = lanes_bottom + 12 + SPAN_HEIGHT * len(spans) + 30
    # Inline SVG in HTML needs no namespace; leaving it out keeps the page free of any URL.
    out = [f'<svg viewBox="0 0 {width} {height}" width="100%" role="img" '
           f'aria-label="Timeline of events by agency">']
    for i, start in enumerate(timeline.starts):
        x = LABEL_WIDTH + i * cell
        if timeline.unit == "month" and start.month in (1, 4, 7, 10) or timeline.unit == "week" and start.day <= 7:
            label = start.strftime("%b %Y") if timeline.unit == "month" or start.month == 1 else start.strftime("%b")
            out.append(f'<line x1="{x:.1f}" y1="{TOP - 4}" x2="{x:.1f}" y2="{lanes_bottom}" stroke="#ccc" stroke-width="0.6"/>')
            out.append(f'<text x="{x + 2:.1f}" y="{TOP - 8}" font-size="10" fill="#333">{escape(label)}</text>')
    for severity, _title, a, b in spans:
        x = LABEL_WIDTH + a * cell
        out.append(f'<rect x="{x:.1f}" y="{TOP}" width="{(b - a + 1) * cell:.1f}" height="{lanes_bottom - TOP}" '
                   f'fill="{SEVERITY_FILL[severity]}" fill-opacity="0.07"/>')
    for row, lane in enumerate(timeline.lanes):
        y = TOP + row * LANE_HEIGHT
        fill = "#F4F6FA" if row % 2 == 0 else "#FFFFFF"
        out.append(f'<rect x="0" y="{y}" width="{width}" height="{LANE_HEIGHT}" fill="{fill}" fill-opacity="0.6"/>')
        out.append(f'<text x="4" y="{y + 17}" font-size="11" fill="#111">{escape(lane[:20])}</text>')
        for column in range(columns):
            names = timeline.cells.get((lane, column))
            if names:
                out.append(_glyph(names[0], LABEL_WIDTH + (column + 0.5) * cell, y + LANE_HEIGHT / 2, min(cell, 12) / 2.2))
    for n, (severity, title, a, b) in enumerate(spans):
        y = lanes_bottom + 12 + n * SPAN_HEIGHT
        x = LABEL_WIDTH + a * cell
        shown = title if len(title) <= 32 else title[:31] + "…"
        out.append(f'<rect x="{x:.1f}" y="{y}" width="{max((b - a + 1) * cell, 3):.1f}" height="8" fill="{SEVERITY_FILL[severity]}">'
                   f'<title>{escape(severity)}: {escape(title)}</title></rect>')
        out.append(f'<text x="4" y="{y + 8}" font-size="10" fill="#111">{escape(shown)}</text>')
    legend_y = height - 10
    items = [("hostility", "hostility"), ("missed", "contact not kept"), ("meeting", "formal meeting"),
             ("seen", "child seen"), ("kept", "contact kept"), ("other", "other")]
    x = 4.0
    for name, label in items:
        out.append(_glyph(name, x + 5, legend_y - 4, 4.5))
        out.append(f'<text x="{x + 13:.1f}" y="{legend_y}" font-size="10" fill="#333">{escape(label)}</text>')
        x += 26 + 6 * len(label)
    out.append(f'<text x="{width - 4}" y="{legend_y}" font-size="10" fill="#333" text-anchor="end">one column per {timeline.unit}</text>')
    out.append("</svg>")
    return "\n".join(out)


def _glyph(name: str, cx: float, cy: float, r: float) -> str:
    if name == "hostility":
        return f'<polygon points="{cx:.1f},{cy - r:.1f} {cx + r:.1f},{cy + r:.1f} {cx - r:.1f},{cy + r:.1f}" fill="#C00000"/>'
    if name == "missed":
        return (f'<path d="M{cx - r:.1f},{cy - r:.1f} L{cx + r:.1f},{cy + r:.1f} M{cx + r:.1f},{cy - r:.1f} '
                f'L{cx - r:.1f},{cy + r:.1f}" stroke="#C00000" stroke-width="2"/>')
    if name == "meeting":
        return f'<polygon points="{cx:.1f},{cy - r:.1f} {cx + r:.1f},{cy:.1f} {cx:.1f},{cy + r:.1f} {cx - r:.1f},{cy:.1f}" fill="#1F3864"/>'
    if name == "seen":
        return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}" fill="#2E7D32"/>'
    if name == "kept":
        return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}" fill="none" stroke="#2E7D32" stroke-width="1.6"/>'
    return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r / 2:.1f}" fill="#777"/>'
