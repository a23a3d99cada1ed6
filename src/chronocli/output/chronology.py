"""Write the integrated chronology to XLSX, CSV, JSON or HTML, chosen by the output file's suffix."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from chronocli.errors import OutputError
from chronocli.output.html import render_template
from chronocli.output.palette import FILLS, TEXT_COLOUR, agency_index
from chronocli.output.rows import event_dicts, export_columns, export_rows
from chronocli.output.safety import atomic_write, spreadsheet_safe
from chronocli.output.sheets import add_table_sheet, header_row, safe_row
from chronocli.pipeline import Chronology

SUFFIXES = (".xlsx", ".csv", ".json", ".html")
_WIDTHS = {"event_id": 8, "group": 8, "case_id": 10, "date_shown": 12, "time": 7, "age": 8, "agency": 16, "subject": 14,
           "text": 70, "action": 30, "recorded_by": 14, "kinds_shown": 24, "type": 18, "significance": 24,
           "impact_on_child": 30, "file": 22, "sheet": 12, "row": 6}


def write_chronology(chronology: Chronology, path: Path, *, force: bool = True) -> None:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        atomic_write(path, lambda f: _xlsx(chronology).save(f), binary=True, force=force)
    elif suffix == ".csv":
        atomic_write(path, lambda f: _csv(chronology, f), force=force)
    elif suffix == ".json":
        atomic_write(path, lambda f: json.dump(chronology_json(chronology), f, ensure_ascii=False, indent=1), force=force)
    elif suffix == ".html":
        atomic_write(path, lambda f: f.write(_html(chronology)), force=force)
    else:
        raise OutputError(f"cannot write {path}: unknown output type '{path.suffix}'.",
                          f"Use one of {', '.join(SUFFIXES)}.")


def chronology_json(chronology: Chronology) -> dict:
    return {"events": event_dicts(chronology.events), "problems": [p.to_dict() for p in chronology.problems]}


def _csv(chronology: Chronology, handle) -> None:
    handle.write("\ufeff")  # Excel opens UTF-8 correctly only with a BOM
    writer = csv.writer(handle)
    rows = export_rows(chronology.events)
    columns = export_columns(rows)
    writer.writerow([heading for _, heading in columns])
    for row in rows:
        writer.writerow([spreadsheet_safe(_text(row.get(key))) for key, _ in columns])


def _text(value: object) -> str:
    return "" if value is None else str(value)


# Shown no more precisely than recorded, as format_date does in text: 'Mar 2024', '2021?'.
_DATE_FORMATS = {"day": "dd/mm/yyyy", "month": "mmm yyyy", "year": "yyyy"}


def _xlsx(chronology: Chronology) -> Workbook:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Chronology")
    sheet.freeze_panes = "E2"
    rows = export_rows(chronology.events)
    columns = export_columns(rows)
    for index, (key, _) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = _WIDTHS.get(key, 20 if key.startswith("extra:") else 12)
    header_row(sheet, [heading for _, heading in columns])
    colours = agency_index([r["agency"] for r in rows])
    fills = {agency: PatternFill("solid", fgColor=FILLS[i % len(FILLS)]) for agency, i in colours.items()}
    text_font = Font(color=TEXT_COLOUR)
    linked_font = Font(color=TEXT_COLOUR, bold=True)
    # Entries that record one happening are kept together and marked with a thick left border.
    linked_border = Border(left=Side(style="thick", color="1F3864"))
    wrap = Alignment(vertical="top", wrap_text=True)
    for r in rows:
        cells = []
        for key, value in zip((k for k, _ in columns), safe_row([r.get(k) for k, _ in columns])):
            cell = WriteOnlyCell(sheet, value)
            if key == "date_shown" and r["date"]:  # a real date, so the column sorts and filters as dates do
                cell.value = dt.date.fromisoformat(r["date"])
                cell.number_format = _DATE_FORMATS.get(r["date_precision"] or "day", "dd/mm/yyyy") + ('"?"' if r["approximate"] else "")
            cell.fill = fills[r["agency"]]
            cell.font = linked_font if r["linked"] and key == "group" else text_font
            cell.alignment = wrap
            if r["linked"]:
                cell.border = linked_border
            cells.append(cell)
        sheet.append(cells)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    add_table_sheet(workbook, "Sources", ["File", "Sheet", "Rows read", "Blank rows", "Rows skipped", "Agency", "Encoding", "SHA-256"],
                    [[s.file, s.sheet, s.rows_read, s.blank_rows, s.skipped_rows, s.agency, s.encoding or "XLSX", s.sha256]
                     for s in chronology.sheets], [30, 14, 10, 10, 12, 18, 16, 66])
    add_table_sheet(workbook, "Problems", ["Level", "File", "Sheet", "Row", "Column", "Value", "Problem", "What to do"],
                    [[p.level, p.file, p.sheet, p.row, p.column, p.value, p.message, p.hint] for p in chronology.problems],
                    [9, 30, 12, 6, 14, 30, 60, 50])
    return workbook


def _html(chronology: Chronology) -> str:
    rows = export_rows(chronology.events)
    colours = agency_index([r["agency"] for r in rows])
    return render_template("chronology.html", rows=rows, fills={a: FILLS[i % len(FILLS)] for a, i in colours.items()},
                           problems=chronology.problems, sheets=chronology.sheets,
                           generated=dt.datetime.now().strftime("%d/%m/%Y %H:%M"))
