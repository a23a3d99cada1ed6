"""Rich renderings for the terminal. Every value from an input is shown as plain Text, never as markup."""

from __future__ import annotations

from collections import Counter

import pandas as pd
from rich.table import Table
from rich.text import Text

from chronocli.output.palette import TERMINAL, agency_index
from chronocli.output.rows import export_rows, file_name
from chronocli.output.safety import terminal_safe
from chronocli.pipeline import Chronology
from chronocli.problems import Problem
from chronocli.read.dates import format_date


def plain(value: object, style: str = "") -> Text:
    """Untrusted text for the terminal: escapes stripped, markup not interpreted."""
    return Text("" if value is None else terminal_safe(value), style=style)


TERMINAL_ROWS = 2000  # more than anyone reads on a screen; the files written with -o hold every row


def chronology_table(chronology: Chronology, limit: int = TERMINAL_ROWS) -> Table:
    rows = export_rows(chronology.events.head(limit))
    colours = agency_index([r["agency"] for r in rows])
    table = Table(title="Integrated chronology", show_lines=False, expand=True, header_style="bold")
    # On an 80-column terminal the entry's text keeps most of the width: the time goes under the date and the
    # source under the agency, folded, rather than squeezing the text to a few letters a line.
    table.add_column("Date", no_wrap=True)
    table.add_column("Agency / source", overflow="fold", max_width=20)
    table.add_column("What happened", ratio=3)
    table.add_column("Kinds", ratio=1, style="dim", max_width=26)
    previous_group = None
    for r in rows:
        style = TERMINAL[colours[r["agency"]] % len(TERMINAL)]
        when = r["date_shown"] + (f"\n{r['time']}" if r["time"] else "")
        marker = "┃ " if r["linked"] else ""
        if r["linked"] and r["group"] == previous_group:
            when = "  ″"
        date_text = plain(when, "bold" if r["date_precision"] == "day" else "italic")
        source = f"{file_name(r['file'])}{':' + r['sheet'] if r['sheet'] else ''}:{r['row']}"
        table.add_row(date_text, plain(r["agency"], style) + Text("\n") + plain(source, "dim"),
                      Text(marker, style=style) + _what_happened(r), plain(r["kinds_shown"]))
        previous_group = r["group"]
    table.caption = ("Imprecise dates are shown as month ('Mar 2024') or year, '?' when approximate. "
                     "┃ marks entries from several agencies recording the same happening.")
    if len(chronology.events) > limit:
        table.caption += (f" Showing the first {limit} of {len(chronology.events)} events on screen: "
                          "write them all with -o merged.xlsx (or .csv, .json, .html).")
    return table


def _what_happened(row: dict) -> Text:
    """The entry's text, then its outcome column ("→ DNA"); an entry with no text shows its type instead, so an
    appointment list's "Initial assessment → DNA" is not a blank line on screen (the files written keep both columns)."""
    shown = plain(row["text"]) if row["text"] else plain(row["type"] or "", "italic")
    if row["action"]:
        shown += Text(" → " if shown else "→ ", style="dim") + plain(row["action"], "dim")
    return shown


def problems_table(problems: list[Problem], title: str = "Problems") -> Table:
    """One row per problem: where (file, sheet, row, column), the value, what is wrong, what to do."""
    table = Table(title=title, expand=True, header_style="bold")
    table.add_column("Level", no_wrap=True)
    table.add_column("Where", ratio=2, overflow="fold")
    table.add_column("Value", ratio=2, overflow="fold")
    table.add_column("Problem", ratio=3)
    table.add_column("What to do", ratio=3)
    styles = {"error": "bold red", "warning": "yellow", "skipped": "dim"}
    for p in problems:
        where = file_name(p.file) + (f" [{p.sheet}]" if p.sheet else "") + (f" row {p.row}" if p.row is not None else "")
        where += f", {p.column}" if p.column else ""
        # File-level messages start with the path, already shown under Where.
        message = p.message[len(p.file) + 2:] if p.message.startswith(p.file + ": ") else p.message
        table.add_row(Text(p.level, style=styles.get(p.level, "")), plain(where), plain(p.value[:80]),
                      plain(message), plain(p.hint))
    return table


def format_period_as_recorded(first: pd.Series, last: pd.Series) -> str:
    """'2023? - 12/03/2024': a file's first and last events, each shown no more precisely than recorded."""
    return " - ".join(format_date(row["date"].date(), row["date_precision"], bool(row["approximate"])) for row in (first, last))


def summary_table(chronology: Chronology) -> Table:
    """Per file and sheet: rows, agency, period, date precision, encoding, and the kinds the classifier saw."""
    table = Table(title="Files read", expand=True, header_style="bold")
    for column in ("File", "Agency", "Rows (blank, skipped)", "Dates", "Unplaced", "Read as", "Understood"):
        table.add_column(column, overflow="fold", ratio=3 if column == "Understood" else 1)
    events = chronology.events
    for info in chronology.sheets:
        mine = events[(events["file"] == info.file) & (events["sheet"] == info.sheet)] if not events.empty else events
        dated = mine.dropna(subset=["date"]) if not mine.empty else mine
        precision = Counter(mine["date_precision"]) if not mine.empty else Counter()
        span = format_period_as_recorded(dated.loc[dated["date"].idxmin()], dated.loc[dated["date"].idxmax()]) if len(dated) else ""
        span += "\n" + ", ".join(f"{k or 'none'} {v}" for k, v in sorted(precision.items()))
        unplaced = int(mine["date"].isna().sum()) if not mine.empty else 0
        kinds = Counter(k for ks in mine["kinds"] for k in ks if k != "contact") if not mine.empty else Counter()
        understood = ", ".join(f"{k} {n}" for k, n in kinds.most_common(6)) or "nothing recognised"
        read_as = (info.encoding or "XLSX") + (f" '{info.delimiter}'" if info.delimiter else "") + (" month-first" if info.month_first else "")
        table.add_row(plain(file_name(info.file) + (f" [{info.sheet}]" if info.sheet else "")), plain(info.agency),
                      f"{info.rows_read} ({info.blank_rows}, {info.skipped_rows})", plain(span),
                      Text(str(unplaced), style="bold red" if unplaced else ""), plain(read_as), plain(understood))
    return table
