"""A blank single-agency chronology in the canonical columns, for agencies that have none."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from chronocli.errors import OutputError
from chronocli.output.safety import atomic_write

OUTCOMES = ("Attended", "Did not attend (DNA)", "Was not brought (WNB)", "Cancelled by family", "Cancelled by agency",
            "No access / no reply", "Refused entry")
SIGNIFICANCE = ("High", "Medium", "Low")

# (heading, what it holds, example, width)
COLUMNS = (
    ("Case ID", "The child's or family's case reference, the same in every agency's file if you can.", "C-1042", 12),
    ("Date", "When it happened. Day first: 03/03/2024. If unsure: 'Mar 2024', '2024' or 'approx 2024'.", "03/03/2024", 13),
    ("Time", "Optional, 24-hour: 14:30.", "14:30", 8),
    ("Child", "Who the entry is about, when the record covers more than one child.", "Child A", 14),
    ("Agency", "Your agency. Leave blank and chrono uses the file name.", "Health Visiting", 16),
    ("Recorded by", "Name or role of the practitioner.", "HV A. Patel", 16),
    ("Event", "What happened, in plain words: who said what, who was seen (and whether alone), what was agreed.",
     "Home visit. Child seen alone, said she was happy at nursery. Mum agreed to book dental check.", 70),
    ("Outcome", "For contacts: choose from the list.", "Attended", 22),
    ("Action taken", "What you did next.", "Dental check to be followed up at next visit", 36),
    ("Significance", "Why this matters for the child: High, Medium or Low.", "Medium", 13),
    ("Impact on child", "What this meant for the child.", "Child's dental pain not yet treated", 30),
)


def write_template(path: Path, fmt: str | None = None, *, force: bool = True) -> None:
    fmt = (fmt or path.suffix.lstrip(".") or "xlsx").lower()
    if fmt == "csv":
        atomic_write(path, lambda f: csv.writer(f).writerow([c[0] for c in COLUMNS]), force=force)
    elif fmt == "xlsx":
        atomic_write(path, lambda f: _workbook().save(f), binary=True, force=force)
    else:
        raise OutputError(f"cannot write a template as '{fmt}'.", "Use --format csv or --format xlsx.")


def _workbook() -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Chronology"
    header_font, header_fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="1F3864")
    sheet.append([c[0] for c in COLUMNS])
    for index, (_heading, _, _, width) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font, cell.fill = header_font, header_fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        sheet.column_dimensions[cell.column_letter].width = width
    sheet.freeze_panes = "A2"
    for heading, values in (("Outcome", OUTCOMES), ("Significance", SIGNIFICANCE)):
        letter = sheet.cell(row=1, column=[c[0] for c in COLUMNS].index(heading) + 1).column_letter
        validation = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True,
                                    showErrorMessage=True, errorTitle="Choose from the list",
                                    error=f"{heading} must be one of: {', '.join(values)}")
        validation.add(f"{letter}2:{letter}5000")
        sheet.add_data_validation(validation)
    for row in sheet.iter_rows(min_row=2, max_row=200):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)

    guide = workbook.create_sheet("Guide")
    guide.append(["Column", "What it holds", "Example"])
    for cell in guide[1]:
        cell.font, cell.fill = header_font, header_fill
    for heading, meaning, example, _ in COLUMNS:
        guide.append([heading, meaning, example])
    guide.column_dimensions["A"].width = 18
    guide.column_dimensions["B"].width = 80
    guide.column_dimensions["C"].width = 60
    for row in guide.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    return workbook
