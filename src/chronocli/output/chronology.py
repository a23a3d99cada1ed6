"""Write the integrated chronology to XLSX, CSV, JSON or HTML, chosen by the output file's suffix."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from chronocli.errors import OutputError
from chronocli.output.html import render_template
from chronocli.output.palette import FILLS, TEXT_COLOUR, agency_index
from chronocli.output.rows import EXPORT_COLUMNS, event_dicts, export_rows
from chronocli.output.safety import atomic_write, spreadsheet_safe, xml_safe
from chronocli.pipeline import Chronology

SUFFIXES = (".xlsx", ".csv", ".json", ".html")
_WIDTHS = {"event_id": 8, "group": 8, "case_id": 10, "date_shown": 12, "time": 7, "age": 8, "agency": 16, "subject": 14,
           "text": 70, "action": 30, "recorded_by": 14, "kinds_shown": 24, "file": 22, "sheet": 12, "row": 6}


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
    writer.writerow([heading for _, heading in EXPORT_COLUMNS])
    for row in export_rows(chronology.events):
        writer.writerow([spreadsheet_safe(_text(row.get(key))) for key, _ in EXPORT_COLUMNS])


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _xlsx(chronology: Chronology) -> Workbook:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Chronology")
    sheet.freeze_panes = "E2"
    header_font, header_fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="1F3864")
    for index, (key, _) in enumerate(EXPORT_COLUMNS, start=1):
        sheet.column_dimensions[_letter(index)].width = _WIDTHS.get(key, 12)
    header = []
    for _, heading in EXPORT_COLUMNS:
        cell = WriteOnlyCell(sheet, heading)
        cell.font, cell.fill = header_font, header_fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        header.append(cell)
    sheet.append(header)
    rows = export_rows(chronology.events)
    colours = agency_index([r["agency"] for r in rows])
    fills = {agency: PatternFill("solid", fgColor=FILLS[i % len(FILLS)]) for agency, i in colours.items()}
    text_font = Font(color=TEXT_COLOUR)
    linked_font = Font(color=TEXT_COLOUR, bold=True)
    group_sizes: dict[str, int] = {}
    for r in rows:
        group_sizes[r["group"]] = group_sizes.get(r["group"], 0) + 1
    linked_border = Border(left=Side(style="thick", color="1F3864"))
    wrap = Alignment(vertical="top", wrap_text=True)
    for r in rows:
        linked = group_sizes[r["group"]] > 1
        cells = []
        for key, _ in EXPORT_COLUMNS:
            value = r.get(key)
            value = spreadsheet_safe(xml_safe(value)) if isinstance(value, str) else value
            cell = WriteOnlyCell(sheet, value)
            cell.fill = fills[r["agency"]]
            cell.font = linked_font if linked and key == "group" else text_font
            cell.alignment = wrap
            if linked:
                cell.border = linked_border
            cells.append(cell)
        sheet.append(cells)
    sheet.auto_filter.ref = f"A1:{_letter(len(EXPORT_COLUMNS))}{len(rows) + 1}"
    _sources_sheet(workbook, chronology)
    _problems_sheet(workbook, chronology)
    return workbook


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def _plain_sheet(workbook: Workbook, title: str, headings: list[str], rows: list[list], widths: list[int]) -> None:
    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[_letter(i)].width = width
    header = []
    for heading in headings:
        cell = WriteOnlyCell(sheet, heading)
        cell.font, cell.fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="1F3864")
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append([spreadsheet_safe(xml_safe(v)) if isinstance(v, str) else v for v in row])
    sheet.auto_filter.ref = f"A1:{_letter(len(headings))}{len(rows) + 1}"


def _sources_sheet(workbook: Workbook, chronology: Chronology) -> None:
    rows = [[s.file, s.sheet, s.rows_read, s.blank_rows, s.skipped_rows, s.agency, s.encoding or "XLSX", s.sha256]
            for s in chronology.sheets]
    _plain_sheet(workbook, "Sources", ["File", "Sheet", "Rows read", "Blank rows", "Rows skipped", "Agency", "Encoding", "SHA-256"],
                 rows, [30, 14, 10, 10, 12, 18, 16, 66])


def _problems_sheet(workbook: Workbook, chronology: Chronology) -> None:
    rows = [[p.level, p.file, p.sheet, p.row, p.column, p.value, p.message, p.hint] for p in chronology.problems]
    _plain_sheet(workbook, "Problems", ["Level", "File", "Sheet", "Row", "Column", "Value", "Problem", "What to do"],
                 rows, [9, 30, 12, 6, 14, 30, 60, 50])


def _html(chronology: Chronology) -> str:
    rows = export_rows(chronology.events)
    colours = agency_index([r["agency"] for r in rows])
    return render_template("chronology.html", rows=rows, fills={a: FILLS[i % len(FILLS)] for a, i in colours.items()},
                           problems=chronology.problems, sheets=chronology.sheets,
                           generated=dt.datetime.now().strftime("%d/%m/%Y %H:%M"))
