"""Read every input (files and folders), collecting every problem before anyone reports them."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from chronocli.config import Config
from chronocli.errors import ChronoError, InputError
from chronocli.problems import Problem
from chronocli.read.agencies import names_an_agency, without_people
from chronocli.read.csvfile import read_csv_grid
from chronocli.read.spellings import one_spelling
from chronocli.read.table import SheetInfo, agency_from_filename, grid_to_events
from chronocli.read.xlsxfile import check_workbook, looks_like_text, read_xlsx_grids, unsaved_formulas

CSV_SUFFIXES = {".csv", ".tsv", ".txt"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}


def read_from_folder(path: Path) -> bool:
    """Whether a file in an input folder is read as a chronology: .csv, .xlsx or .xlsm, not Excel's lock file."""
    return path.is_file() and path.suffix.lower() in {".csv", *XLSX_SUFFIXES} and not path.name.startswith(("~$", "."))


@dataclass
class Loaded:
    """All events read, every problem found, and what was learned about each sheet."""

    events: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    sheets: list[SheetInfo] = field(default_factory=list)


def expand_inputs(inputs: list[Path]) -> list[Path]:
    """Files as given; a folder means every .csv/.xlsx/.xlsm in it (sorted, not recursive)."""
    files: list[Path] = []
    for path in inputs:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if read_from_folder(p))
            if not found:
                raise InputError(f"{path}: the folder holds no chronology files (.csv, .xlsx, .xlsm).",
                                 "Point chrono at the folder holding the agencies' exports.")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        elif not path.exists():
            raise InputError(f"{path}: no such file or folder.", "Check the path and spelling.")
        else:
            raise InputError(f"{path}: not a regular file.", "Give a .csv, .xlsx or .xlsm file or a folder.")
    return files


def load_inputs(inputs: list[Path], config: Config | None = None, *, sheet: str | None = None,
                today: dt.date | None = None) -> Loaded:
    """Read every input. A file that fails is recorded as a problem; reading carries on with the rest."""
    config = config or Config()
    problems: list[Problem] = []
    frames: list[pd.DataFrame] = []
    sheets: list[SheetInfo] = []
    missing: list[Problem] = []
    paths: list[Path] = []
    for given in inputs:
        try:
            paths.extend(expand_inputs([given]))
        except InputError as exc:
            missing.append(Problem(str(given), exc.message, hint=exc.hint))
    for index, path in enumerate(dict.fromkeys(paths)):
        try:
            file_frames, file_problems, file_sheets = read_file(path, config, sheet=sheet, today=today)
        except ChronoError as exc:
            problems.append(Problem(str(path), exc.message, hint=exc.hint))
            continue
        except OSError as exc:
            problems.append(Problem(str(path), f"{path}: cannot open ({exc.strerror}).", hint="Check permissions."))
            continue
        for frame in file_frames:
            frame["source_index"] = index
        frames.extend(file_frames)
        problems.extend(file_problems)
        sheets.extend(file_sheets)
    events = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    renamed = one_spelling(events) if frames else []
    return Loaded(events, missing + problems + renamed, sheets)


def _agency_without_people(frames: list[pd.DataFrame], infos: list[SheetInfo]) -> None:
    """A file named for the child as well as the agency ("hv_amelia.xlsx", "Amelia Rowe - HV chronology.xlsx"):
    the agency its name gives, less the names of the people any of its sheets names (in a title, or a subject
    column naming a few people), so that its rows are HV's and not 'HV Amelia''s."""
    people = [name for info in infos for name in (info.child, *info.adults) if name]
    people += [str(name) for frame in frames if "subject" in frame
               and len(named := frame["subject"].unique()) <= 20 for name in named if str(name).strip()]
    if not people:
        return
    for frame, info in zip(frames, infos):
        was, info.agency = info.agency, without_people(info.agency, people)
        if info.agency != was:
            column = frame["agency"].to_numpy(dtype=object)
            frame["agency"] = np.where(column == was, np.array(info.agency, dtype=object), column)


def _agency_per_sheet(frames: list[pd.DataFrame], infos: list[SheetInfo]) -> None:
    """In a workbook holding one chronology sheet per agency ('Social Care', 'Health Visiting'), each sheet's
    rows with no agency of their own are that sheet's agency, not the file's: otherwise the agencies' records
    would be one agency's and could not be compared. Sheets named 'Sheet1' or '2023' keep the file's name."""
    for frame, info in zip(frames, infos):
        if names_an_agency(info.sheet):
            # the file's agency as this sheet's reading left it ("HV", when the title named the child of "hv_amelia")
            was, info.agency = info.agency, agency_from_filename(info.sheet)
            column = frame["agency"].to_numpy(dtype=object)
            frame["agency"] = np.where(column == was, np.array(info.agency, dtype=object), column)


def _unsaved_formulas_problem(path: Path, sheet: str, cells: list[tuple[str, int, str]]) -> Problem:
    column, row, formula = cells[0]
    listed = ", ".join(f"{c}{r}" for c, r, _ in cells[:8]) + (f" and {len(cells) - 8} more" if len(cells) > 8 else "")
    count = "1 cell holds" if len(cells) == 1 else f"{len(cells)} cells hold"
    return Problem(str(path), f"{count} a formula with no saved value, read as empty: {listed}", sheet=sheet, row=row,
                   column=column, value=formula, level="warning",
                   hint="The workbook was written without its formulas' results (by a script, not Excel). Open it in "
                        "Excel and save it, or export the sheet as CSV, and run again.")


def read_file(path: Path, config: Config, *, sheet: str | None = None,
              today: dt.date | None = None) -> tuple[list[pd.DataFrame], list[Problem], list[SheetInfo]]:
    data = path.read_bytes()
    if not data or data.isspace():  # isspace() scans without copying a large file
        raise InputError(f"{path}: the file is empty.", "Export the chronology again; it holds no rows.")
    digest = hashlib.sha256(data).hexdigest()
    configured = config.agencies.get(path.name) or config.agencies.get(path.stem)
    agency = configured or agency_from_filename(path.stem)
    suffix = path.suffix.lower()
    options = dict(dayfirst=config.dayfirst, overrides=config.columns, today=today)
    if suffix in XLSX_SUFFIXES and not looks_like_text(data):
        check_workbook(path, data, config.limits.max_uncompressed_mb)
        grids, hidden = read_xlsx_grids(path, data, sheet, config.limits.max_rows, config.limits.max_cols)
        frames, problems, infos = [], [], []
        for name, grid in grids.items():
            info = SheetInfo(str(path), name, digest, agency)
            frame, sheet_problems = grid_to_events(grid, info, required=len(grids) == 1, **options)
            problems.extend(sheet_problems)
            if frame is not None:
                frames.append(frame)
                infos.append(info)
                if name in hidden:  # often old or working data someone hid: read, but said
                    problems.append(Problem(str(path), "sheet is hidden in the workbook; read as a chronology all the same",
                                            sheet=name, level="warning",
                                            hint="If it is not part of the chronology, read only the sheet wanted with --sheet NAME."))
        unsaved = unsaved_formulas(data, [info.sheet for info in infos])
        for name, cells in unsaved.items():
            problems.append(_unsaved_formulas_problem(path, name, cells))
        if not frames:
            raise InputError(f"{path}: no sheet holds a chronology (no sheet has a date column and a text column).",
                             f"Sheets: {', '.join(grids)}. Use --sheet NAME or --map \"HEADER=date\".")
        if not configured:
            _agency_without_people(frames, infos)
        if len(frames) > 1 and not configured:
            _agency_per_sheet(frames, infos)
        return frames, problems, infos
    if suffix in CSV_SUFFIXES or suffix in XLSX_SUFFIXES:
        grid, encoding, delimiter = read_csv_grid(path, data)
        info = SheetInfo(str(path), "", digest, agency, encoding=encoding, delimiter=delimiter)
        frame, problems = grid_to_events(grid, info, **options)
        if not configured:
            _agency_without_people([frame], [info])
        if suffix in XLSX_SUFFIXES:
            problems.insert(0, Problem(str(path), "named .xlsx but is a text (CSV) file; read as CSV", level="warning",
                                       hint="Rename it to .csv to avoid confusion."))
        return [frame], problems, [info]
    raise InputError(f"{path}: unsupported file type '{path.suffix}'.", "Give .csv, .xlsx or .xlsm files.")
