"""Read XLSX/XLSM workbooks fast with calamine, after checking the file is a safe, real workbook."""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from pathlib import Path

import pandas as pd
import python_calamine
from defusedxml import ElementTree

from chronocli.errors import InputError
from chronocli.read.csvfile import describe_binary

DEFAULT_MAX_UNCOMPRESSED_MB = 1024


def check_workbook(path: Path, data: bytes, max_uncompressed_mb: int = DEFAULT_MAX_UNCOMPRESSED_MB) -> None:
    """Refuse what is not a workbook, and ZIP bombs, before any XML is parsed."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(
            f"{path}: the workbook is password-protected or in the old .xls format.",
            "Open it in Excel, remove the password (File > Info > Protect Workbook), and save as .xlsx.",
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        if data.startswith(b"PK"):
            raise InputError(f"{path}: the workbook is corrupt (an incomplete or damaged ZIP archive).",
                             "Open it in Excel and save it again as .xlsx, or ask for a fresh export.")
        why = describe_binary(data[:8192]) or "it is not a ZIP-based workbook"
        raise InputError(f"{path}: cannot read as XLSX: {why}.", "Save it from Excel as .xlsx, or export as CSV.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"{path}: the workbook is corrupt ({exc}).", "Save it again from Excel as .xlsx.") from exc
    if total > max_uncompressed_mb * 1024 * 1024:
        raise InputError(
            f"{path}: the workbook would expand to {total / 1e6:.0f} MB, over the limit of {max_uncompressed_mb} MB.",
            "If the file is genuine, raise limits.max_uncompressed_mb in chrono.toml.",
        )


def looks_like_text(data: bytes) -> bool:
    """A '.xlsx' that is really a CSV export (some systems name them so)."""
    return not data.startswith(b"PK") and describe_binary(data[:8192]) is None


def read_xlsx_grids(path: Path, data: bytes, sheet: str | None = None, max_rows: int = 2_000_000,
                    max_cols: int = 500) -> tuple[dict[str, pd.DataFrame], set[str]]:
    """Sheet name -> grid of raw cell values (row 0 is spreadsheet row 1), and the names of hidden sheets."""
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = [m.name for m in workbook.sheets_metadata if str(m.typ).endswith("WorkSheet")] or workbook.sheet_names
        hidden = {m.name for m in workbook.sheets_metadata if not str(m.visible).endswith("Visible")}
    except Exception as exc:  # calamine raises several types; all mean the file is unreadable
        raise InputError(f"{path}: the workbook is corrupt or unreadable ({type(exc).__name__}: {exc}).",
                         "Open it in Excel and save it again as .xlsx.") from exc
    if sheet is not None:
        if sheet not in names:
            raise InputError(f"{path}: no sheet named {sheet!r}.", f"Sheets in this file: {', '.join(names)}.")
        names = [sheet]
    grids: dict[str, pd.DataFrame] = {}
    for name in names:
        try:
            calamine_sheet = workbook.get_sheet_by_name(name)
            height, width = calamine_sheet.total_height, calamine_sheet.total_width
            if height > max_rows or width > max_cols:
                raise InputError(
                    f"{path} [{name}]: the sheet claims {height} rows x {width} columns, over the limit "
                    f"({max_rows} x {max_cols}).",
                    "If genuine, raise limits.max_rows / limits.max_cols in chrono.toml.",
                )
            rows = calamine_sheet.to_python(skip_empty_area=False)
            merged = getattr(calamine_sheet, "merged_cell_ranges", None) or []
        except InputError:
            raise
        except Exception as exc:
            raise InputError(f"{path} [{name}]: the sheet cannot be read ({type(exc).__name__}: {exc}).",
                             "Open it in Excel and save it again as .xlsx.") from exc
        width = max((len(r) for r in rows), default=0)
        grid = pd.DataFrame([list(r) + [""] * (width - len(r)) for r in rows], columns=range(width), dtype=object)
        grids[name] = _fill_merged_down(grid, merged)
    return grids, hidden


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_CELL_REFERENCE = re.compile(r"([A-Z]+)([0-9]+)")


def unsaved_formulas(data: bytes, names: list[str]) -> dict[str, list[tuple[str, int, str]]]:
    """Sheet name -> (column letter, row, formula) of each cell that holds a formula but no saved value.

    Excel saves each formula's last value beside it, and that value is what is read. A workbook written by a
    script and never opened in Excel has the formula alone; its cell reads as empty, and an entry's text or
    date would be lost without a word. Sheets with no formula at all are passed over on a byte search."""
    found: dict[str, list[tuple[str, int, str]]] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name, member in _sheet_members(archive).items():
                if name not in names or member not in archive.namelist():
                    continue
                xml = archive.read(member)
                if b"<f" not in xml and b":f" not in xml:  # ":f" for a prefixed namespace (<x:f>)
                    continue
                if cells := _formula_cells(xml):
                    found[name] = cells
    except Exception:  # calamine has read the workbook already: an odd part here costs the check, not the file
        return found
    return found


def _sheet_members(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its XML part in the archive, from the workbook and its relationships."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    relationships = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in relationships}
    members = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(_RELATIONSHIP_ID), "")
        members[sheet.get("name")] = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
    return members


def _formula_cells(xml: bytes) -> list[tuple[str, int, str]]:
    cells = []
    # streamed, each row let go once read: a caseload sheet can hold a million rows
    for _, element in ElementTree.iterparse(io.BytesIO(xml)):
        if element.tag == f"{_MAIN}row":
            element.clear()
        if element.tag != f"{_MAIN}c" or (formula := element.find(f"{_MAIN}f")) is None:
            continue
        value = element.find(f"{_MAIN}v")
        # (a formula whose result Excel saved as empty text is written so, with its type: =IF(B2="","",...))
        saved = value is not None and (value.text or element.get("t") == "str")
        where = _CELL_REFERENCE.fullmatch(element.get("r") or "")
        if not saved and where:
            cells.append((where[1], int(where[2]), f"={formula.text}" if formula.text else "(a shared formula)"))
    return cells


def _fill_merged_down(grid: pd.DataFrame, merged: list) -> pd.DataFrame:
    """A cell merged down over several rows (one date for three entries made that day) holds its value in the
    first row only; each row it covers that holds an entry of its own is given it. A row with nothing else (a
    long note merged over two rows for room) stays empty rather than become a copy of the entry above. Cells
    merged across columns (a title, a footer) are left as they are: spreading them would turn a one-cell
    note into a row of cells."""
    for (first_row, column), (last_row, last_column) in merged:
        if column != last_column or last_row <= first_row or last_row >= len(grid) or column >= len(grid.columns):
            continue
        value = grid.iat[first_row, column]
        for row in range(first_row + 1, last_row + 1):
            others = grid.iloc[row].drop(labels=column)
            if any(v is not None and str(v).strip() for v in others):
                grid.iat[row, column] = value
    return grid
