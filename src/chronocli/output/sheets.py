"""Building blocks for the XLSX outputs: the house header style and a plain filtered, frozen table sheet."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from chronocli.output.safety import spreadsheet_safe, xml_safe

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F3864")


def header_row(sheet: WriteOnlyWorksheet, headings: list[str]) -> None:
    """White bold text on dark blue, wrapped."""
    cells = []
    for heading in headings:
        cell = WriteOnlyCell(sheet, heading)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        cells.append(cell)
    sheet.append(cells)


def safe_row(values: list[object]) -> list[object]:
    """Text that no spreadsheet will run as a formula, with characters XML cannot hold removed."""
    return [spreadsheet_safe(xml_safe(v)) if isinstance(v, str) else v for v in values]


def add_table_sheet(workbook: Workbook, title: str, headings: list[str], rows: list[list[object]], widths: list[int],
                    freeze: str = "A2") -> None:
    """A sheet of rows under a styled header, with panes frozen and an autofilter over the whole table."""
    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = freeze
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    header_row(sheet, headings)
    for row in rows:
        sheet.append(safe_row(row))
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headings))}{len(rows) + 1}"
