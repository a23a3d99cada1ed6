"""Read XLSX/XLSM workbooks fast with calamine, after checking the file is a safe, real workbook."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pandas as pd
import python_calamine

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
