"""Find the chronology inside a grid of cells and turn each data row into one event with provenance."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from openpyxl.utils import get_column_letter

from chronocli.errors import InputError
from chronocli.problems import Problem
from chronocli.read.agencies import names_an_agency
from chronocli.read.dates import ParsedDate, parse_date, with_year_from_weekday
from chronocli.read.headers import (
    REQUIRED,
    canonical_for,
    closest_fields,
    guessed_from_words,
    header_words,
    map_headers,
    normalise,
)
from chronocli.read.markup import without_markup
from chronocli.read.titles import adults_in_title, birth_date_in_title, child_in_title

HEADER_SEARCH_ROWS = 30
_FIELD_NAMES = {"date": "event date", "text": "entry text", "subject": "person the entry is about"}
EVENT_FIELDS = ("case_id", "subject", "agency", "recorded_by", "text", "action", "significance",
                "impact_on_child", "kind")
# Services an agency's file may be named after, written in capitals.
_ACRONYMS = {"gp", "sw", "hv", "nhs", "ae", "a&e", "ed", "camhs", "csc", "mash", "cin", "cla", "lac", "ehe", "sen",
             "cgl", "idva", "yot", "yos", "fsw", "sarc", "cmht", "dwp", "psni", "salt", "ot", "fit", "ewo", "iro", "eh", "isva",
             "marac", "fnp", "senco", "cpn", "iapt", "amhs", "cdat", "pmhs", "imhs", "gcp"}


@dataclass
class SheetInfo:
    """What was learned about one sheet (or CSV file) while reading it."""

    file: str
    sheet: str
    sha256: str
    agency: str
    encoding: str = ""
    delimiter: str = ""
    header_row: int = 0
    rows_read: int = 0
    blank_rows: int = 0
    skipped_rows: int = 0
    month_first: bool = False
    columns: dict[str, str] = field(default_factory=dict)  # source header -> canonical field
    adults: dict[str, str] = field(default_factory=dict)  # parents or carers its title names: name -> role
    child: str = ""  # the one child its title names, whom every entry is about
    child_born: dt.date | None = None  # that child's date of birth, when the title gives it (ages at each event)


# Words a file's name uses for what the file is, not whose it is: "HV chronology final v2 (1)", "police_export_2024".
_FILE_WORDS = re.compile(r"^\(?(?:chronology|chronologies|chron|chrono|export|exported|extract|final|draft|copy|updated|latest"
                         # the record systems an export comes from
                         r"|emis|systmone|s1|mosaic|liquidlogic|lcs|eclipse|rio|lorenzo|carenotes|niche|athena|cerner|epic|sims|cpoms|myconcern"
                         r"|v\d+|\(?\d+\)?|\d{1,2}[\-.]\d{1,2}[\-.]\d{2,4})\)?$", re.IGNORECASE)  # "School (CPOMS)": the system in brackets


# Record systems only one kind of agency uses: the agency a file is from when nothing else in its name says
# ("Mosaic case notes" is social care's; "RiO" or "SystmOne" could be any of several health services).
_SYSTEM_AGENCY = {"mosaic": "Social Care", "liquidlogic": "Social Care", "lcs": "Social Care", "eclipse": "Social Care",
                  "carefirst": "Social Care", "azeus": "Social Care", "frameworki": "Social Care", "niche": "Police",
                  "athena": "Police", "cpoms": "School", "myconcern": "School", "emis": "GP"}
_RECORD_WORDS = frozenset("case cases notes note records record occurrences occurrence log logs entries contacts events "
                          "file history recording recordings".split())


def agency_from_filename(stem: str) -> str:
    """health_visitor -> Health Visitor; gp_records -> GP Records; 'HV chronology final v2' -> HV; 'Social work
    chronology - Kai Brennan' -> Social Work (of a name's parts, those that name an agency: not the child's name);
    'Mosaic case notes' -> Social Care (the system's agency, when no other word names one)."""
    parts = [p for p in re.split(r"\s+[-\u2013\u2014]\s+|_-_", stem) if p.strip()]
    agencies = [p for p in parts if names_an_agency(p)]
    if 0 < len(agencies) < len(parts):
        stem = " ".join(agencies)
    words = [w for w in re.split(r"[\s_\-.]+", stem) if w]
    kept = [w for w in words if not _FILE_WORDS.match(w)]
    system = next((_SYSTEM_AGENCY[w.strip("()").lower()] for w in words if w.strip("()").lower() in _SYSTEM_AGENCY), "")
    if system and all(w.lower() in _RECORD_WORDS for w in kept):  # not "CPOMS export - Riverside Primary"
        return system
    words = kept or words
    return " ".join(w.upper() if w.lower() in _ACRONYMS else w.capitalize() for w in words) or stem


def cell_text(value: object) -> str:
    """A cell as the text a person sees: 3.0 -> '3', dates ISO, None -> ''."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes") if (value.hour or value.minute) else value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _text_grid(grid: pd.DataFrame) -> pd.DataFrame:
    """Every cell as trimmed text. Columns typed as strings (CSV) are trimmed in one vectorised step;
    anything else (XLSX cells: dates, numbers) goes cell by cell so no value is turned into a gap."""
    if all(isinstance(dtype, pd.StringDtype) for dtype in grid.dtypes):
        try:
            # map(str.strip) runs the loop in C: several times faster than Series.str.strip on millions of cells.
            return pd.DataFrame({name: pd.array(list(map(str.strip, column.to_numpy(dtype=object))), dtype=column.dtype)
                                 for name, column in grid.items()}, index=grid.index)
        except TypeError:  # a missing value among the strings: cell_text below makes it ''
            pass
    # Equal texts become one object: a workbook reader makes a new string for every cell, and a million copies
    # of the same case ids and phrases would cost memory, and copying in every forked worker that reads them
    # (CSV's parser shares equal strings itself).
    shared: dict[str, str] = {}

    def shared_text(value: object) -> str:
        text = cell_text(value)
        return shared.setdefault(text, text)

    return grid.map(shared_text)


def _mapped(headers: list, overrides: dict[str, str]) -> dict[int, str]:
    mapping = map_headers(headers, overrides)
    if mapping:  # a cell spelt as a header: the row's other cells may say what they hold in their words
        mapping |= guessed_from_words(headers, mapping)
    return mapping


def find_header(texts: pd.DataFrame, overrides: dict[str, str]) -> tuple[int, dict[int, str], bool] | None:
    """The header row: the first (within the first rows) naming both a date and a text column; else the first naming
    a date column and another known field (the caller reports what is missing). None, or the widest row as a
    negative index (-1 - row), when no row names a date column.

    A title block above the table often holds label cells too ("Child:", "Kayla Morrow", "Date:", "01/12/2024"):
    it names a date and a subject but no text, so the table's own header row below it is preferred.

    A header written on two rows ("Contact" over "Date" and "Time", beside "Agency", "Details" on the row above) is
    read as one: the lower row's headings, and the upper row's where the lower is blank, written into the lower
    row of `texts`, which is returned as the header row (the third element, True, says so).
    """
    best: tuple[int, dict[int, str], bool] | None = None
    dated: tuple[int, dict[int, str], bool] | None = None
    for i in range(min(HEADER_SEARCH_ROWS, len(texts))):
        headers = list(texts.iloc[i])
        mapping = _mapped(headers, overrides)
        fields_found = set(mapping.values())
        if {"date", "text"} <= fields_found:
            return i, mapping, False
        if i + 1 < len(texts) and (joined := _two_row_header(headers, list(texts.iloc[i + 1]), overrides)):
            texts.iloc[i + 1] = joined[0]
            return i + 1, joined[1], True
        # (or a date and a register's columns: "Week commencing, Sessions booked, Sessions attended")
        if dated is None and "date" in fields_found and (len(fields_found) >= 2 or register_columns(headers, mapping)):
            dated = (i, mapping, False)
        if len(fields_found) >= 2 and (best is None or len(fields_found) > len(best[1])):
            best = (i, mapping, False)
    if dated is not None:
        return dated
    if best is not None and "date" not in best[1].values() and (at := _dates_by_value(texts, best[0], best[1])) is not None:
        return best[0], {**best[1], at: "date"}, False
    return None if best is None else (-1 - best[0], best[1], False)


# A column an emergency department names for the visit ("Attendance", "Arrival") holding its dates and times:
# "Attendance | 2025-01-05 21:30". Read as the date only when every filled cell under it looks like one.
_VISIT_HEADER = re.compile(r"^\W*(?:attendance|attended|arrival|arrived|admission|admitted|presentation|presented|seen)\W*$", re.IGNORECASE)
_DATE_LIKE = re.compile(r"^\s*(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{2,4})(?:[ T]\d{1,2}[:.]\d{2}(?::\d{2})?)?\s*$")


def _dates_by_value(texts: pd.DataFrame, row: int, mapping: dict[int, str]) -> int | None:
    """The unmapped column of header row `row` named for a visit whose cells below (up to 50 filled) are all dates,
    or None: a table with no column named as a date may still hold its dates under "Attendance"."""
    for i, header in enumerate(texts.iloc[row]):
        if i in mapping or not _VISIT_HEADER.match(str(header)):
            continue
        cells = [str(v) for v in texts.iloc[row + 1:row + 200, i] if str(v).strip()][:50]
        if cells and all(_DATE_LIKE.match(c) for c in cells):
            return i
    return None


# How a line cut mid-sentence ends: a comma, a dash or an open bracket, or a word no sentence ends on.
_CUT = re.compile(r"(?:[,(/&-]|\b(?:and|or|but|the|a|an|of|to|in|on|at|for|with|from|by|that|who|which|was|were|is|"
                  r"are|had|has|have|her|his|their|as|not|said|says|told|because|when|if|into|about|than|very)\b)\s*$",
                  re.IGNORECASE)
_WRAPPED = 50  # a converted PDF's line is cut at the column's width: a shorter text stopping unpunctuated is whole


def _continuations(texts: pd.DataFrame, keep: np.ndarray, counts: np.ndarray, at: int) -> dict[int, int]:
    """Rows that continue the entry above them, mapped to that entry's row: a row whose one filled cell is the
    text column, starting in lower case, under an entry whose text stops mid-sentence (on a comma or a word like
    "and", or a line of a page's width with no closing punctuation). Any other undated row stays an event of its
    own: many entries end without a full stop ("Home visit - no answer"), and some start in lower case."""
    joined: dict[int, int] = {}
    ends: dict[int, str] = {}  # the last piece of an entry's text joined so far
    singles = keep[counts[keep] == 1].tolist()
    kept = set(keep[np.isin(keep, np.array(singles) - 1)].tolist()) if singles else set()  # the rows above them
    for i in singles:
        text = texts.iat[i, at]
        into = joined.get(i - 1, i - 1)
        if not text or not text[0].islower() or i - 1 not in kept or counts[into] < 2:
            continue
        above = str(ends.get(into, texts.iat[into, at])).rstrip()
        if _CUT.search(above) or (len(above) >= _WRAPPED and above[-1:] not in (".", "!", "?", ":", ";", ")", "'", '"')):
            joined[i], ends[into] = into, text
    return joined


def _two_row_header(upper: list, lower: list, overrides: dict[str, str]) -> tuple[list, dict[int, str]] | None:
    """Two rows that name a date and a text column only together, the lower a sub-header (blank under some of the
    upper row's headings): the joined headings and their mapping; else None."""
    if not any(a and not b for a, b in zip(upper, lower)) or not any(b and not a for a, b in zip(upper, lower)):
        return None
    joined = [b or a for a, b in zip(upper, lower)]
    mapping = _mapped(joined, overrides)
    lower_alone = set(_mapped(lower, overrides).values())
    return (joined, mapping) if {"date", "text"} <= set(mapping.values()) and not {"date", "text"} <= lower_alone else None


# What a note under a table says: an export stamp, a page number, a total, a marking ("OFFICIAL-SENSITIVE").
_FOOTER = re.compile(r"^\W*(?:page\b|p\.\s*\d|\d+\s*(?:of\s*\d+)?\W*$)|\b(?:printed|exported|generated|produced|downloaded|"
                     r"extracted|report run|run on|run by|prepared by|total|end of (?:report|chronology|record|document)|"
                     r"confidential|official|sensitive|protect|source:|(?:completed|compiled|checked|signed|authori[sz]ed) by)", re.IGNORECASE)


def grid_to_events(grid: pd.DataFrame, info: SheetInfo, *, dayfirst: bool = True,
                   overrides: dict[str, str] | None = None, today: dt.date | None = None,
                   required: bool = True) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Events of one sheet. Returns (None, [skipped]) for a sheet with no chronology when not required."""
    overrides = overrides or {}
    problems: list[Problem] = []
    texts = _text_grid(grid) if len(grid.columns) else grid
    where = f"{info.file}" + (f" [{info.sheet}]" if info.sheet else "")
    if texts.empty or not len(texts.columns):
        if required:
            raise InputError(f"{where}: the file is empty.", "Export the chronology again; it holds no rows.")
        return None, [Problem(info.file, "sheet is empty; not a chronology", sheet=info.sheet, level="skipped")]
    found = find_header(texts, overrides)
    if found is None or found[0] < 0:
        if not required:
            return None, [_skipped_sheet(info, texts)]
        raise _no_header_error(where, texts, found)
    header_index, mapping, two_rows = found
    header_cells = list(texts.iloc[header_index])
    read_from: dict[int, str] = {}
    untexted = _untexted(mapping, required)
    from_cells: set[int] = set()  # columns whose field was read from what their cells hold, not their header
    if untexted is not None:
        mapping, read_from = untexted, {i: f for i, f in mapping.items() if f in ("action", "kind")}
        # A lone type or outcome column that holds sentences ("Occurrence": "Report from school: Ethan (9) has linear
        # bruises ..."; a housing officer's "Action": "Forced entry for gas safety. Property in very poor condition")
        # is the entry text, not a list of appointments.
        if len(read_from) == 1 and _holds_sentences(texts.iloc[header_index + 1:, next(iter(read_from))]):
            from_cells, untexted = set(read_from), None
            mapping, read_from = {i: "text" if i in from_cells else f for i, f in mapping.items()}, {}
    elif "text" not in mapping.values() and not ("date" in mapping.values() and register_columns(header_cells, mapping)):
        if not required:
            return None, [Problem(info.file, "sheet has dates but no text column; not a chronology, skipped",
                                  sheet=info.sheet, level="skipped")]
        raise _no_header_error(where, texts, (-1 - header_index, mapping, two_rows))
    info.header_row = header_index + 1
    info.columns = {str(header_cells[i]): f for i, f in mapping.items()}
    split = _rejoin_split_entries(grid, texts, header_index, header_cells, mapping, info) if info.delimiter else []
    guesses = [Problem(
                info.file, f"column '{_shorten(str(header_cells[i]))}' read as the {_FIELD_NAMES[field]} from its "
                           + ("cells, every one a date" if field == "date" and _VISIT_HEADER.match(str(header_cells[i]))
                              else "cells, sentences rather than a list of types" if i in from_cells else "name"),
                sheet=info.sheet, column=str(header_cells[i]), level="warning",
                hint=f"If another column holds it, say which with --map \"HEADER={field}\".")
               for i, field in mapping.items() if i not in read_from and canonical_for(header_cells[i], overrides) != field]
    if untexted is not None:
        read = " and ".join(repr(_shorten(str(header_cells[i]))) for i in read_from)
        guesses.append(Problem(info.file, f"no column of entry text: each entry is read from its {read} column"
                                          + ("s, joined with ': '" if len(read_from) > 1 else "")
                                          + " (a list of appointments and outcomes)",
                               sheet=info.sheet, level="warning",
                               hint="If a column holds what happened, name it with --map \"HEADER=text\"."))

    # Filled cells per row, compared column by column as plain arrays (DataFrame.ne on string columns costs
    # several times as much on a million rows).
    counts = np.zeros(len(texts), dtype=np.int64)
    for _, column in texts.items():
        counts += column.to_numpy(dtype=object) != ""
    row_numbers = np.arange(1, len(texts) + 1)
    for i in range(header_index):
        if counts[i]:
            upper = two_rows and i == header_index - 1
            problems.append(Problem(info.file, "the upper of two header rows: its headings are read with the row below"
                                    if upper else "title or note above the header; not an event", sheet=info.sheet,
                                    row=i + 1, value=_filled(texts.iloc[i]), level="skipped"))
    body = np.arange(header_index + 1, len(texts))
    multi = body[counts[body] >= 2]
    last_data = multi[-1] if len(multi) else header_index
    if required and not len(body[counts[body] > 0]):
        raise InputError(f"{where}: the file has a header row but no events under it.",
                         "Check the export included the chronology's rows.")
    trailing = body[(body > last_data) & (counts[body] == 1)]
    # A last entry whose date was left blank (or was a formula never calculated) is one cell, in the text column:
    # an event that cannot be placed in time, reported as undated, not a note dropped with the footers.
    at = next((i for i, f in mapping.items() if f == "text"), None)
    trailing = np.array([i for i in trailing if at is None or not texts.iat[i, at] or _FOOTER.search(texts.iat[i, at])],
                        dtype=np.int64)
    for i in trailing:
        problems.append(Problem(info.file, "single cell below the table (export stamp, page number or note); not an event",
                                sheet=info.sheet, row=int(i) + 1, value=_filled(texts.iloc[i]), level="skipped"))
    keep = body[(counts[body] > 0) & ~np.isin(body, trailing)]
    if at is not None:
        # A long entry that a conversion from PDF split over rows: the rest of its text alone on the next row
        joined = _continuations(texts, keep, counts, at)
        for i, into in joined.items():
            texts.iat[into, at] = f"{texts.iat[into, at]} {texts.iat[i, at]}"
            problems.append(Problem(info.file, f"the rest of row {into + 1}'s entry text (it runs on to this row, "
                                               "mid-sentence): joined to it", sheet=info.sheet, row=i + 1,
                                    value=_filled(texts.iloc[i]), level="skipped"))
        keep = keep[~np.isin(keep, list(joined))]
    headings = _agency_headings(texts, keep[counts[keep] == 1], mapping, dayfirst, today)
    for i, agency in headings.items():
        problems.append(Problem(info.file, f"a heading inside the table; not an event: the rows under it are read as "
                                           f"from {agency}", sheet=info.sheet, row=i + 1, value=_filled(texts.iloc[i]),
                                level="skipped"))
    if headings:
        keep = keep[~np.isin(keep, list(headings))]
    info.blank_rows = int((counts[body] == 0).sum())
    info.skipped_rows = len(problems)
    info.rows_read = len(keep)

    rows = texts.iloc[keep]
    by_field = {f: i for i, f in mapping.items()}
    frame = pd.DataFrame(index=range(len(keep)))
    for name in EVENT_FIELDS:
        frame[name] = rows[by_field[name]].to_numpy() if name in by_field else ""
    for name in ("text", "action"):  # a case system's rich-text notes: the text they show, the cell kept as written
        written = frame[name].to_numpy(dtype=object)
        shown, changed = without_markup(written)
        if changed.any():
            frame[name] = shown
            frame[f"extra:{name} as recorded"] = np.where(changed, written, "")
            guesses.append(Problem(info.file, f"{int(changed.sum())} entries hold HTML markup, as a case system's "
                                              "rich-text notes do: read as the text they show", sheet=info.sheet,
                                   column=str(header_cells[by_field[name]]), level="warning",
                                   hint=f"Each cell as written is kept as '{name} as recorded'."))
    # A second column of entry text ("Summary" and "Details") is part of what happened: joined to the first, so the
    # classifier reads it and the integrated chronology shows it, rather than kept aside where neither would.
    more_text = [i for i, h in enumerate(header_cells) if i not in mapping and canonical_for(h, overrides) == "text"]
    if more_text:
        joined = frame["text"].to_numpy(dtype=object)
        for i in more_text:
            joined = _joined(joined, rows[i].to_numpy(dtype=object))
        frame["text"] = joined
        names = [str(header_cells[by_field["text"]]), *(str(header_cells[i]) for i in more_text)]
        guesses.append(Problem(info.file, f"columns {', '.join(repr(n) for n in names)} all hold entry text: read as "
                                          "one entry text, joined with ' | '", sheet=info.sheet, column=names[1],
                               level="warning", hint=f"To keep one apart, name it: --map \"{names[1]}=significance\" "
                                                     "(or another field)."))
    unmapped = [i for i, h in enumerate(header_cells) if i not in mapping and i not in more_text and canonical_for(h, overrides) is None]
    measures = [i for i in unmapped if is_measure(header_cells[i])]
    outcome = next((i for i in unmapped if _holds_outcomes(header_cells[i], rows[i])), None)
    if outcome is not None and "action" in by_field:
        # A drug-testing service's list: "Attendance" says whether each appointment was kept, "Result" what the test
        # found ("Positive - cocaine"). The attendance is the outcome; the result is read with the entry's text, as
        # a measurement is. Any other outcome column stays the outcome.
        result = by_field["action"]
        chosen = any(normalise(source) == normalise(header_cells[result]) for source in overrides)  # --map says so
        if header_words(header_cells[result]) & {"result", "results"} and not chosen and not _all_outcomes(rows[result]):
            measures.append(result)
        else:
            outcome = None
    if outcome is not None:  # a clinic list's "Attendance" column: DNA, Attended, WNB — each appointment's outcome
        if outcome in measures:
            measures.remove(outcome)
        frame["action"] = _outcome_cells(header_cells[outcome], rows[outcome])
        header = str(header_cells[outcome]).strip()
        answers = ("Y read as 'Did not attend', N as 'Attended'" if header_words(header) & _MISSED_WORDS
                   else "Y read as 'Attended', N as 'Did not attend'") if _yes_or_no(rows[outcome]) else "as DNA, Attended"
        guesses.append(Problem(info.file, f"column {header!r} holds each contact's outcome ({answers}): read as "
                                          "the action / outcome", sheet=info.sheet, column=header, level="warning",
                               hint=f"If it holds something else, name it: --map \"{header}=significance\" (or another field)."))
    if "kind" in read_from.values():  # an appointment list: the entry is what kind of contact and what came of it
        # ("Clinic weight check: WNB"; "Extraction assessment: WNB" from a type and an attendance column), so evidence
        # says what was missed
        outcomes = frame["text"] if "action" in read_from.values() else frame["action"] if outcome is not None else None
        kinds = frame["kind"].to_numpy(dtype=object)
        frame["text"] = kinds if outcomes is None else _joined(kinds, outcomes.to_numpy(dtype=object), ": ")
        frame["kind"] = ""
    if measures:
        joined = frame["text"].to_numpy(dtype=object)
        for i in measures:
            header = str(header_cells[i]).strip()
            codes, values = pd.factorize(rows[i].to_numpy(dtype=object))  # a few distinct figures down many rows
            written = np.array([f"{header}: {_measure_value(header, v)}" if v else "" for v in values], dtype=object)
            shown = written[codes]
            joined = _joined(joined, shown)
            example = next((str(v) for v in shown if v), "")
            guesses.append(Problem(info.file, f"column {header!r} holds a measurement: added to each entry's text "
                                              f"(as '{example}') so that it is read and shown", sheet=info.sheet,
                                   column=header, level="warning",
                                   hint=f"To keep it apart, name it: --map \"{header}=significance\" (or another field)."))
        frame["text"] = joined
    if register := register_columns(header_cells, {**mapping, **dict.fromkeys(more_text, "text")}):
        present, possible = register
        written = _attendance_written(rows[present].to_numpy(dtype=object), rows[possible].to_numpy(dtype=object))
        frame["text"] = _joined(frame["text"].to_numpy(dtype=object), written)
        example = next((str(v) for v in written if v), "")
        guesses.append(Problem(info.file, f"columns {str(header_cells[present]).strip()!r} and {str(header_cells[possible]).strip()!r} "
                                          f"hold a register: added to each entry's text (as '{example}') so that it is read "
                                          "and shown as attendance", sheet=info.sheet, column=str(header_cells[present]).strip(),
                               level="warning", hint="If they count something other than attendance, name them: "
                                                     f"--map \"{str(header_cells[present]).strip()}=significance\" (or another field)."))
    title = texts.iloc[:header_index]
    info.adults = adults_in_title(title)
    titled = "" if "subject" in by_field else child_in_title(title)
    if titled:
        info.child, info.child_born = titled, birth_date_in_title(title, dayfirst, today)
        frame["subject"] = titled
        guesses.append(Problem(info.file, f"no column says whom each entry is about: every entry is read as about "
                                          f"{titled}, the child the title names", sheet=info.sheet, value=titled,
                               level="warning", hint="If some entries are about someone else, add a column naming "
                                                     "whom each entry is about (Child, Subject)."))
    # As object arrays, so every row without its own agency shares one string (numpy would make a fixed-width
    # copy and pandas a new string per row: a million copies of "Social Work" in a caseload).
    given = frame["agency"].to_numpy(dtype=object)
    if headings:  # each row is from the agency of the heading above it, if any
        above = np.searchsorted(np.array(sorted(headings)), keep) - 1
        names = np.array([info.agency, *(headings[i] for i in sorted(headings))], dtype=object)
        given = np.where(given != "", given, names[above + 1])
    frame["agency"] = np.where(given != "", given, np.array(info.agency, dtype=object))
    # Columns the mapping does not use are kept under their header; a column with no header is kept too when
    # any row fills it (a row wider than the header, or an unheaded column of notes), under its letter.
    for i in range(len(header_cells)):
        if i in mapping or i in more_text:
            continue
        name = str(header_cells[i]).strip()
        if name or (rows[i] != "").any():
            frame[f"extra:{name or f'(column {get_column_letter(i + 1)})'}"] = rows[i].to_numpy()
        # two columns with one heading ("Date", "Date"): which was read as what must be said, not left to chance
        if name and (twin := next((j for j in mapping if normalise(str(header_cells[j])) == normalise(name)), None)) is not None:
            field = _FIELD_NAMES[mapping[twin]]
            guesses.append(Problem(info.file, f"two columns are headed {name!r}: column {get_column_letter(twin + 1)} is read as the "
                                              f"{field}; column {get_column_letter(i + 1)} is kept with each entry, not read as the {field}",
                                   sheet=info.sheet, column=name, level="warning",
                                   hint=f"If column {get_column_letter(i + 1)} holds the {field}, give the two columns different "
                                        "headings in a copy of the file, each saying what it holds, and read the copy."))

    date_col = by_field["date"]
    raw_dates = grid.iloc[keep, date_col].to_numpy()
    codes, parsed, month_first = _parse_dates(raw_dates, dayfirst, today)
    info.month_first = month_first
    if month_first:
        problems.append(Problem(info.file, "dates in this file only make sense month-first (US style); read them so",
                                sheet=info.sheet, column=str(header_cells[date_col]), level="warning",
                                hint="Check a few dates; set dayfirst = false in chrono.toml to make this explicit."))
    # Each distinct value was parsed once; its reading is spread over its rows by array indexing.
    frame["date"] = pd.to_datetime(pd.Series([p.date for p in parsed], dtype=object), errors="coerce").to_numpy()[codes]
    frame["date_precision"] = np.array([p.precision if p.date else "" for p in parsed], dtype=object)[codes]
    frame["approximate"] = np.array([p.approximate for p in parsed], dtype=bool)[codes]
    times = np.array([p.time for p in parsed], dtype=object)[codes]
    if "time" in by_field:
        column_times = rows[by_field["time"]].map(_clean_time).to_numpy()
        times = np.where(column_times != "", column_times, times)
    frame["time"] = times
    frame["file"] = info.file
    frame["sheet"] = info.sheet
    frame["row"] = row_numbers[keep]
    frame["sha256"] = info.sha256
    header_name = str(header_cells[date_col])
    ranged = np.flatnonzero([p.ranged for p in parsed])
    if len(ranged):
        at_range = np.isin(codes, ranged)
        # Nothing lost: the range's end is in the cell as written, kept beside the start the row is placed at.
        frame["extra:date as recorded"] = np.where(at_range, np.array([cell_text(v) for v in raw_dates], dtype=object), "")
        example = cell_text(raw_dates[int(np.argmax(at_range))])
        problems.append(Problem(info.file, f"{int(at_range.sum())} date(s) give a range (such as '{example}'): each row is "
                                           "placed at the range's start, marked approximate", sheet=info.sheet,
                                column=header_name, value=example, level="warning",
                                hint="The cell as written is kept as 'date as recorded'."))
    from_weekday = np.flatnonzero([p.year_from_weekday for p in parsed])
    for at in np.flatnonzero(np.isin(codes, from_weekday)) if len(from_weekday) else ():
        p = parsed[codes[at]]
        problems.append(Problem(info.file, f"date has no year: placed in {p.date.year}, the one year around the file's other "
                                           f"dates in which it fell on the weekday written", sheet=info.sheet,
                                row=int(frame["row"].iat[at]), column=header_name, value=cell_text(raw_dates[at]),
                                level="warning", hint="Check it, and write the year in the source."))
    unplaced = np.flatnonzero([p.date is None for p in parsed])
    for at in np.flatnonzero(np.isin(codes, unplaced)) if len(unplaced) else ():
        p = parsed[codes[at]]
        problems.append(Problem(
            info.file, f"date cannot be placed in time: {p.error}; the event is kept, undated",
            sheet=info.sheet, row=int(frame["row"].iat[at]), column=header_name, value=cell_text(raw_dates[at]),
            hint=_date_hint(p, workbook=bool(info.sheet))))
    return frame, problems + guesses + split


def _holds_sentences(cells: pd.Series) -> bool:
    """Whether most filled cells of a column are sentences (six words or more), not a type or an outcome ("DNA",
    "Home visit", "Seen. Weight 9th centile")."""
    filled = cells[cells != ""]
    return len(filled) > 0 and int((filled.str.count(" ") >= 5).sum()) * 2 > len(filled)


def _untexted(mapping: dict[int, str], required: bool) -> dict[int, str] | None:
    """The mapping for an appointment list with no free-text column ("Date, Contact, Outcome": a clinic's record of
    who came), or None when the sheet has a text column or is not such a list.

    Its Outcome column says what happened ("WNB", "Seen. Weight 9th centile"), so it is read as the entry text: an
    outcome column beside a text column is read only for the contact's outcome and decisions, which would lose
    a measurement recorded there. Without an outcome column, a file's type column alone is read ("Date, Type": a
    list of DNAs); a workbook's extra sheet shaped so is more likely a lookup table, and stays skipped.
    """
    fields = set(mapping.values())
    if "text" in fields or "date" not in fields:
        return None
    if "action" in fields:
        return {i: "text" if f == "action" else f for i, f in mapping.items()}
    return dict(mapping) if "kind" in fields and required else None


def _parse_dates(values: np.ndarray, dayfirst: bool, today: dt.date | None) -> tuple[np.ndarray, list[ParsedDate], bool]:
    """Each distinct value parsed once: (each row's index into the parsed list, the parsed list, month-first?).

    The file switches to month-first only if some date makes sense only that way and nothing contradicts it.
    """
    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=False)
    parsed = [parse_date(v, dayfirst, today) for v in uniques]
    month_first = False
    if dayfirst and any(p.other_order_only for p in parsed):
        other = [parse_date(v, False, today) for v in uniques]
        if not any(p.other_order_only for p in other):
            parsed, month_first = other, True
    unyeared = [i for i, p in enumerate(parsed) if p.error == "no year given"]
    placed = [p.date.year for p in parsed if p.date is not None and p.precision == "day"]
    if unyeared and placed:  # "Tues 26th March" among 2024's dates: the year the weekday gives, within the file's span
        years = range(min(placed) - 1, max(placed) + 2)
        for i in unyeared:
            parsed[i] = with_year_from_weekday(str(uniques[i]), years, dayfirst and not month_first, today or dt.date.today()) or parsed[i]
    return codes, parsed, month_first


def _clean_time(value: str) -> str:
    """'14:30', '9.05', or a spreadsheet's time of day as a fraction of a day ('0.75' is 18:00); '' otherwise."""
    if re.fullmatch(r"\s*0?\.\d+\s*", value or ""):
        minutes = min(round(float(value) * 24 * 60), 24 * 60 - 1)  # 0.99999 is 23:59, not 24:00
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    m = re.match(r"^\s*(\d{1,2})(?:[:.](\d{2}))?(?::\d{2})?\s*(am|pm|a\.m\.|p\.m\.)?\s*$|^\s*(\d{2})(\d{2})\s*(?:hrs?|h)?\s*$"
                 r"|^\s*(\d{1,2})[:.](\d{2})", value or "", re.IGNORECASE)
    if not m or (m.group(1) and not m.group(2) and not m.group(3)):  # "14" alone is no time
        return ""
    hour, minute = ((int(m.group(1)), int(m.group(2) or 0)) if m.group(1) else
                    (int(m.group(4)), int(m.group(5))) if m.group(4) else (int(m.group(6)), int(m.group(7))))
    meridiem = (m.group(3) or "").lower().replace(".", "")
    hour = hour + 12 if meridiem == "pm" and hour < 12 else 0 if meridiem == "am" and hour == 12 else hour
    return f"{hour:02d}:{minute:02d}" if hour < 24 and minute < 60 else ""


def _joined(text: np.ndarray, more: np.ndarray, between: str = " | ") -> np.ndarray:
    """Each row's text with another column's cell after it, ' | ' between; either alone when the other is empty."""
    return np.where(more == "", text, np.where(text == "", more, text + between + more))


def _agency_headings(texts: pd.DataFrame, single: np.ndarray, mapping: dict[int, str], dayfirst: bool,
                     today: dt.date | None) -> dict[int, str]:
    """Rows inside the table that hold one cell naming an agency ('SOCIAL CARE', 'Health Visiting') where a date
    would be: an integrated chronology grouped by agency. Row index -> the agency, as shown; none when the sheet
    has an agency column of its own."""
    if "agency" in mapping.values():
        return {}
    date_col = next(i for i, f in mapping.items() if f == "date")
    found = {}
    for i in single.tolist():
        cell = str(texts.iat[i, date_col])
        # A heading is set apart as headings are ('SOCIAL CARE', 'Health Visiting'), not a sentence ('Police attended').
        heading = (cell.isupper() or cell.istitle()) and len(cell.split()) <= 5
        if heading and names_an_agency(cell) and parse_date(cell, dayfirst, today).date is None:
            found[i] = agency_from_filename(cell)
    return found


def _skipped_sheet(info: SheetInfo, texts: pd.DataFrame) -> Problem:
    """A workbook's sheet with no date column: skipped, saying how much it holds and what its first row says,
    so that a chronology under headers nobody recognised is not passed over unnoticed."""
    filled = texts[(texts != "").any(axis=1)]
    first = [c for c in filled.iloc[0] if c] if len(filled) else []
    return Problem(info.file, f"sheet holds no chronology (no date column found); skipped, {len(filled)} filled row(s) "
                              "not read", sheet=info.sheet, value=" | ".join(first)[:200], level="skipped",
                   hint="If it is a chronology, name its columns: --map \"HEADER=date\" --map \"HEADER=text\"."
                   if len(filled) > 1 else "")


# A column of measurements ("Attendance %", "Weight (kg)", "GCP score") is part of what each entry records: it is
# added to the entry text ("Attendance %: 61%") so the classifier reads the measure and its area, as it would in a
# sentence, and the chronology shows it.
_MEASURE_WORDS = frozenset({"attendance", "weight", "centile", "score", "bmi", "percentage", "percent",
                            "rag", "rating"})  # "Home conditions RAG": Red, Amber, Green


# A register's pair of columns: "Sessions attended" and "Sessions booked", "Days present" and "Days possible".
_PRESENT_HEADER = re.compile(r"^(?:no\.? of |number of )?(?:sessions?|days?|half[- ]days?)?\s*(?:attended|present)$", re.IGNORECASE)
_POSSIBLE_HEADER = re.compile(r"^(?:no\.? of |number of )?(?:(?:sessions?|days?|half[- ]days?)\s*(?:possible|booked|available|offered|expected)"
                              r"|(?:possible|booked|available|offered|expected|total)\s*(?:sessions?|days?|half[- ]days?))$", re.IGNORECASE)


def register_columns(header_cells: list, mapping: dict[int, str]) -> tuple[int, int] | None:
    """The columns of a register (sessions attended, sessions possible) among those `mapping` leaves, or None."""
    free = [(i, str(h).strip()) for i, h in enumerate(header_cells) if i not in mapping]
    present = next((i for i, h in free if _PRESENT_HEADER.match(h)), None)
    possible = next((i for i, h in free if _POSSIBLE_HEADER.match(h)), None)
    return (present, possible) if present is not None and possible is not None else None


def _attendance_written(present: np.ndarray, possible: np.ndarray) -> np.ndarray:
    """Each row's register as words ("Attendance: 4 of 10 sessions (40%)"), or '' where the cells are not two counts
    with the first no greater than the second."""
    out = np.full(len(present), "", dtype=object)
    for k, (got, out_of) in enumerate(zip(present, possible)):
        try:
            got, out_of = float(str(got).strip()), float(str(out_of).strip())
        except ValueError:
            continue
        if 0 <= got <= out_of and out_of > 0:
            out[k] = f"Attendance: {got:g} of {out_of:g} sessions ({round(got / out_of * 100):g}%)"
    return out


def is_measure(header: object) -> bool:
    """Whether a header names a column of measurements ("Attendance %", "Weight (kg)", "GCP score", "Home
    conditions RAG")."""
    return "%" in str(header) or bool(header_words(header) & _MEASURE_WORDS)


# A contact's outcome as an attendance list writes it, the whole cell.
# Hospital systems' codes: FNA failed to attend, CNA could not attend, UTA unable to attend, DNW did not wait.
_OUTCOME_CELL = re.compile(r"^\W*(?:dna|wnb|fna|cna|uta|dnw|did not attend|didn't attend|failed to attend|was not brought|not brought|"
                           r"attended(?: late)?|seen|not seen|(?:hospital |patient |clinic |provider )?cancell?ed(?: by [\w ]+)?|"
                           r"no access|no show|arrived|left without being seen|lwbs|did not wait|rebooked|"
                           r"re-?arranged|could not attend|unable to attend|-+)\W*$", re.IGNORECASE)


def _holds_outcomes(header: object, values: pd.Series) -> bool:
    """Whether an attendance-named column holds contact outcomes ('DNA', 'Attended'; 'Y', 'N' under "Attended
    (Y/N)" or "DNA?") rather than a figure."""
    words = header_words(header)
    if words & {"attendance", "attended", "attend"} and _all_outcomes(values):
        return True
    return bool(words & (_ATTENDED_WORDS | _MISSED_WORDS)) and _yes_or_no(values)


_ATTENDED_WORDS = frozenset({"attendance", "attended", "attend", "seen", "kept"})
_MISSED_WORDS = frozenset({"dna", "wnb", "missed", "fta"})
_YES = frozenset({"y", "yes", "true", "1"})
_NO = frozenset({"n", "no", "false", "0"})


def _yes_or_no(values: pd.Series) -> bool:
    distinct = {str(v).strip().lower() for v in pd.unique(values.to_numpy(dtype=object)) if v}
    return bool(distinct) and distinct <= _YES | _NO


def _outcome_cells(header: object, values: pd.Series) -> np.ndarray:
    """An outcome column's cells as the entry's outcome: as written, or, for a yes/no column, what the answer means
    ("Attended (Y/N)": N is "Did not attend"; "DNA?": Y is)."""
    cells = values.to_numpy(dtype=object)
    if not _yes_or_no(values):
        return cells
    missed = bool(header_words(header) & _MISSED_WORDS)
    meaning = {True: "Did not attend" if missed else "Attended", False: "Attended" if missed else "Did not attend"}
    return np.array([meaning[str(v).strip().lower() in _YES] if v else "" for v in cells], dtype=object)


def _all_outcomes(values: pd.Series) -> bool:
    """Whether every filled cell of a column is a contact's outcome as an attendance list writes it."""
    distinct = [v for v in pd.unique(values.to_numpy(dtype=object)) if v]
    return bool(distinct) and all(_OUTCOME_CELL.match(str(v)) for v in distinct)


def _measure_value(header: str, value: str) -> str:
    """'61%' for a percentage column's '61', '0.61' (a spreadsheet's percentage cell) or '61%'; others as written."""
    percentage = "%" in header or bool(header_words(header) & {"percentage", "percent"})
    if not percentage or value.endswith("%"):
        return value
    try:
        number = float(value)
    except ValueError:
        return value
    if "." in value and 0 <= number <= 1:  # Excel keeps 61% as 0.61
        number *= 100
    return f"{number:g}%"


def _date_hint(parsed: ParsedDate, workbook: bool = False) -> str:
    if parsed.other_order_only:
        return "This file mixes day-first and month-first dates; correct this one in the source."
    if "future" in parsed.error or "before 1900" in parsed.error:
        return "Check the year in the source record."
    if workbook and parsed.error == "no date given":
        # A formula cell saved by a program that does not calculate (not Excel) stores no result to read.
        return ("Write it as 03/03/2021, 'Mar 2021', '2021' or 'approx 2021'. If Excel shows a date there, the cell "
                "is a formula whose result the file does not store: open the file in Excel and save it.")
    return "Write it as 03/03/2021, 'Mar 2021', '2021' or 'approx 2021'."


def _rejoin_split_entries(grid: pd.DataFrame, texts: pd.DataFrame, header_index: int, header_cells: list,
                          mapping: dict[int, str], info: SheetInfo) -> list[Problem]:
    """CSV rows with filled cells beyond the header's last column, mended in place (grid and texts alike).

    Hand-made and older exports often leave a comma inside the entry text unquoted, splitting the entry over
    the next cells and pushing the columns after it to the right. The entry text is the column most likely to
    hold the delimiter, so its pieces are joined back with it (the source line's own characters, unless a
    piece was quoted) and the cells after it moved back under their headers. Each such row is a warning: if the delimiter was in
    another column, the user corrects the file. When most rows fill cells beyond the header, those cells are
    a column the header does not name, and nothing is mended.
    """
    width = max((i + 1 for i, h in enumerate(header_cells) if str(h).strip()), default=0)
    text_column = next((i for i, f in mapping.items() if f == "text"), None)
    if text_column is None or len(texts.columns) <= width:
        return []
    beyond = np.zeros(len(texts), dtype=bool)
    for column in texts.columns[width:]:
        beyond |= texts[column].to_numpy(dtype=object) != ""
    beyond[: header_index + 1] = False
    if beyond.sum() * 2 > len(texts) - header_index - 1:
        return []  # most rows fill it: a column the header leaves unnamed, kept as it is, not a split entry
    problems = []
    for row in np.flatnonzero(beyond):
        cells = [cell_text(v) if not isinstance(v, str) else v for v in grid.iloc[row]]
        last = max(i for i, cell in enumerate(cells) if cell.strip())
        surplus = last + 1 - width
        joined = info.delimiter.join(cells[text_column: text_column + surplus + 1])
        mended = cells[:text_column] + [joined] + cells[text_column + surplus + 1:] + [""] * surplus
        grid.iloc[row] = mended
        texts.iloc[row] = [cell.strip() for cell in mended]
        problems.append(Problem(
            info.file, f"{last + 1} cells where the header has {width}: an unquoted '{info.delimiter}' in the entry text "
            "split it; its pieces are read as one entry text", sheet=info.sheet, row=int(row) + 1,
            column=str(header_cells[text_column]), value=joined.strip()[:200], level="warning",
            hint="Check the row against the source. If the delimiter was in another column, correct the file "
                 "(quote cells that contain it) and read it again."))
    return problems


def _filled(row: pd.Series) -> str:
    """A skipped row's filled cells, so the listing shows all it held ('Child: · Kayla Morrow')."""
    return " · ".join(str(value) for value in row if value)[:200]


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _no_header_error(where: str, texts: pd.DataFrame, found: tuple[int, dict[int, str], bool] | None) -> InputError:
    widest = found and -1 - found[0]
    if widest is None:
        counts = texts.head(HEADER_SEARCH_ROWS).ne("").sum(axis=1)
        widest = int(counts.idxmax()) if len(counts) else 0
    cells = list(texts.iloc[widest]) if len(texts) else []
    headers = [_shorten(str(h)) for h in cells if str(h).strip()]
    named = found[1] if found else map_headers(cells)  # a lone "Date" is still recognised: say what is missing
    missing = [f for f in REQUIRED if f not in named.values()]
    known = {_shorten(str(cells[i])): field for i, field in named.items() if i < len(cells)}
    suggestions = []
    for h in headers:
        near = [] if h in known else closest_fields(h)
        if near:
            suggestions.append(f"'{h}' ~ {'/'.join(near)}")
    hint = f"Headers seen: {', '.join(headers) or '(none)'}."
    if known:
        hint += f" Read as: {'; '.join(f'{h} = {field}' for h, field in known.items())}."
    if suggestions:
        hint += f" Closest canonical names: {'; '.join(suggestions)}."
    hint += f" Name the {missing[0] if missing else 'date'} column with --map \"HEADER={missing[0] if missing else 'date'}\"."
    return InputError(f"{where}: no recognisable {' or '.join(missing) or 'date'} column.", hint)

