"""Parse the date styles agencies write, keeping how precise (day, month, year) and how sure each is."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

from dateutil import parser as dateutil_parser

EXCEL_EPOCH = dt.datetime(1899, 12, 30)
EARLIEST = dt.date(1900, 1, 1)

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"), ("feb", "february", "febuary"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"), ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))

# Words that make a date approximate. "early/mid/late 2021" also keeps year precision.
# "w/c 02/09/2024" (week commencing: schools and health visitors) places an entry somewhere in that week; "end of
# March 2023", "half term Feb 2025" somewhere in that month.
_APPROX_RE = re.compile(
    r"^\s*(?:approx(?:imately)?\.?|c\.|ca\.|circa|about|around|(?:early|mid|late)(?:\s*-)?|est\.?|estimated|some\s*time\s+(?:in|during)"
    r"|(?:the\s+)?(?:very\s+)?(?:end|beginning|start|middle)\s+of|beg(?:in)?\.|half[- ]?term"
    r"|w\s*/\s*[cb]\.?|wk\s+comm?\.?|week\s+(?:commencing|beginning|starting))\s*|\s*\?+\s*$"
    r"|\s*\((?:approx(?:imately)?|est(?:imated)?|circa|c)\.?\)|\s+(?:approx(?:imately)?|est(?:imated)?|circa)\.?\s*$",
    re.IGNORECASE,
)
_WEEK_ENDING_RE = re.compile(r"^(?:w\s*/\s*e\.?|wk\s+end(?:ing)?\.?|week\s+end(?:ing)?)\s*", re.IGNORECASE)
# "14:30", "2.30pm", "at 14:30", "@ 14:30", "14.30hrs"; and, after a numeric date only (where it cannot be a year),
# the police's four figures "1430" or "1430hrs".
_TIME_RE = re.compile(r"(?:[T\s]+|\s+at\s+|\s*@\s*)(\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*(am|pm|hrs?|h)?\s*$"
                      r"|(?:(?<=\d[/.\-]\d\d)|(?<=\d[/.\-]\d{4}))\s+(\d{2})(\d{2})\s*(hrs?|h)?\s*$", re.IGNORECASE)
# "Summer 2023", "Autumn term 2023", "Spring half term 2024": the month a season, a school term (which starts
# earlier) or a half-term holiday starts in (English school year). "Winter 2023" could be either end of the year: not read.
# Schools also name each half of a term: "Spring 2 2025" (after the February half term), "Autumn 1 2024".
# "Christmas 2023" is placed in December.
_SEASON_RE = re.compile(r"^(spring|summer|autumn|fall|christmas|xmas|easter)(?:\s+(term|half[- ]?term|holidays?|hols|[12]))?\s+(\d{4})$",
                        re.IGNORECASE)
# A school holiday, placed in the month most of it falls in: the summer holidays in August (they start late in
# July), Easter in April, Christmas in December. Spring and autumn "holidays" are not named so: not read.
_HOLIDAY_MONTH = {"summer": 8, "easter": 4, "christmas": 12, "xmas": 12}
_SEASON_MONTH = {
    "": {"spring": 3, "summer": 6, "autumn": 9, "fall": 9},
    "term": {"spring": 1, "summer": 4, "autumn": 9, "fall": 9},
    "half term": {"spring": 2, "summer": 5, "autumn": 10, "fall": 10},
    "1": {"spring": 1, "summer": 4, "autumn": 9, "fall": 9},
    "2": {"spring": 2, "summer": 6, "autumn": 11, "fall": 11},
}
# "Q1 2023": a quarter of the year, placed at its first month like any other range.
_QUARTER_RE = re.compile(r"^q([1-4])\s*(\d{4})$", re.IGNORECASE)
# "2023/24": a school or financial year, placed in the year it starts.
_SPLIT_YEAR_RE = re.compile(r"^(\d{4})\s*/\s*(\d{2})$|^(\d{4})-(1[3-9]|[2-9]\d)$")  # "2023-24"; "2011-12" is December
_ISO_RE = re.compile(r"^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$")  # year first is never day-month swapped
_COMPACT_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")  # 20240920, as some case systems export
_SERIAL_RE = re.compile(r"^\d{5}(?:\.\d+)?$")  # 45372: an Excel date cell saved to CSV as a number
_SERIALS = (20_000, 60_000)  # 1954 to 2064: a five-digit number outside this in a date column is not a date
# "?/03/2024", "xx/03/2024": the day not known, the month and year are.
_UNKNOWN_DAY_RE = re.compile(r"^(?:\?{1,2}|[xX]{1,2}|-{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
# ISO 8601 as systems and APIs write it, seconds, fractions and a zone included ("2024-01-08T14:30:00.000Z"); the
# clock time is kept as written (a UTC stamp is not moved into UK time).
_ISO_STAMP_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2})[:.](\d{2})(?::\d{2}(?:\.\d+)?)?(?:\s*(?:Z|[+-]\d{2}:?\d{2}))?)?",
                           re.ASCII)
# "Mon 08/01/2024", "08/01/2024 (Mon)": the weekday adds nothing the date does not say.
_WEEKDAY_RE = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+(?=\d)|\s*\((?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\)$",
                         re.IGNORECASE)
# '5 Mar 2023', '05 March 2023': only the month names dateutil itself knows, so both readings agree.
_DATEUTIL_MONTHS = "|".join(m for m in sorted(_MONTHS, key=len, reverse=True) if m != "febuary")
_DAY_MONTH_YEAR_RE = re.compile(rf"(\d{{1,2}}) ({_DATEUTIL_MONTHS}) (\d{{4}})", re.IGNORECASE | re.ASCII)
_NUMERIC_RE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_YEAR_RE = re.compile(r"^(\d{4})$")
_MONTH_YEAR_NUM_RE = re.compile(r"^(\d{1,2})[/.\-](\d{4})$|^(\d{4})[/.\-](\d{1,2})$")
# "Sep-24" is how a cell formatted mmm-yy reaches a CSV (a day and month, "24-Sep", has no year: not read).
_MONTH_YEAR_WORD_RE = re.compile(rf"^({_MONTH_RE})(?:\.?,?\s+'?|\s*-\s*)(\d{{2}}|\d{{4}})$", re.IGNORECASE)
_ORDINAL_RE = re.compile(r"(\d)(st|nd|rd|th)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ParsedDate:
    """A date as precise as its source: day, month or year; `approximate` if the source hedged."""

    date: dt.date | None
    precision: str = "day"  # day | month | year
    approximate: bool = False
    time: str = ""
    error: str = ""  # why it could not be placed in time; empty when date is set
    other_order_only: bool = False  # would parse only with day and month swapped
    ranged: bool = False  # the cell gave a range ("1-5 March 2024"): placed at its start, approximate
    year_from_weekday: bool = False  # "Tues 26th March": the year is the one, among the file's, when 26 March was a Tuesday


def _two_digit_year(yy: int, today: dt.date) -> int:
    # "3/3/21" is 2021; "12/05/98" is 1998: a chronology never runs into the future.
    year = 2000 + yy
    return year if year <= today.year else 1900 + yy


def _check_range(parsed: ParsedDate, today: dt.date) -> ParsedDate:
    if parsed.date is None:
        return parsed
    if parsed.date < EARLIEST:
        return ParsedDate(None, error=f"date {parsed.date.isoformat()} is before 1900")
    if parsed.date > today:
        return ParsedDate(None, error=f"date {parsed.date.isoformat()} is in the future (after {today.isoformat()})")
    return parsed


def from_excel_serial(value: float) -> dt.datetime | None:
    """Excel stores dates as days since 1899-12-30; only plausible chronology dates are accepted."""
    if not 1 <= value < 2958466:
        return None
    return EXCEL_EPOCH + dt.timedelta(days=float(value))


def _clock(stamp: dt.datetime) -> str:
    return stamp.strftime("%H:%M") if (stamp.hour or stamp.minute) else ""


def parse_date(value: object, dayfirst: bool = True, today: dt.date | None = None) -> ParsedDate:
    """Parse one cell. Never raises: an unreadable value comes back with `error` set."""
    today = today or dt.date.today()
    if value is None:
        return ParsedDate(None, error="no date given")
    if isinstance(value, dt.datetime):
        return _check_range(ParsedDate(value.date(), time=_clock(value)), today)
    if isinstance(value, dt.date):
        return _check_range(ParsedDate(value), today)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        stamp = from_excel_serial(float(value))
        if stamp is None:
            return ParsedDate(None, error="number is not a date")
        return parse_date(stamp, dayfirst, today)
    parsed = _check_range(_parse_text(str(value), dayfirst, today), today)
    # A date-only field exported from a database carries "00:00:00": not a time anyone recorded.
    return dataclasses.replace(parsed, time="") if parsed.time == "00:00" else parsed


# Months as hand-typed cells misspell them ("12 Febuary 2024"): read as the month meant.
_MISSPELT = {"febuary": "february", "feburary": "february", "febraury": "february", "februrary": "february",
             "janurary": "january", "januray": "january", "janaury": "january", "apirl": "april", "agust": "august",
             "augest": "august", "septmber": "september", "setpember": "september", "ocotber": "october",
             "octobre": "october", "novmber": "november", "novemeber": "november", "decmber": "december",
             "decemeber": "december"}
_MISSPELT_RE = re.compile(r"\b(?:" + "|".join(_MISSPELT) + r")\b", re.IGNORECASE)
# "12-14 March 2024", "1st to 5th March": a range of days in one month, read as a range before any single style
# (the general reader would take "2024" for a time and "12-14" for a year).
_DAY_RANGE_RE = re.compile(rf"^\d{{1,2}}(?:st|nd|rd|th)?\s*(?:-|\u2013|\u2014|to)\s*\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH_RE})\b",
                           re.IGNORECASE)


def _parse_text(raw: str, dayfirst: bool, today: dt.date) -> ParsedDate:
    # A stray full stop or comma after the date, or "on" before it, is how a hand-typed cell often ends or starts.
    text = re.sub(r"^on\s+|[.,;:]+$", "", raw.strip().replace("\u00a0", " "), flags=re.IGNORECASE).strip()
    text = _WEEKDAY_RE.sub("", text).strip()
    if (m := _ISO_STAMP_RE.fullmatch(text)) is not None:
        # The commonest export style (police and health systems), often with a time on every row: read
        # directly, as _parse_general would, without trying every other style first.
        hour, minute = int(m.group(4) or 0), int(m.group(5) or 0)
        if hour < 24 and minute < 60:
            return _build(int(m.group(1)), int(m.group(2)), int(m.group(3)), False,
                          f"{hour:02d}:{minute:02d}" if m.group(4) else "")
    elif (m := _DAY_MONTH_YEAR_RE.fullmatch(text)) is not None:
        # What schools' systems write: the general reader would hand it to dateutil, twice (~80 µs a value).
        parsed = _build(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)), False, "")
        if parsed.date is not None:
            return parsed
    return _parse_general(text, dayfirst, today)


def _parse_general(text: str, dayfirst: bool, today: dt.date) -> ParsedDate:
    """Any style: hedges ('approx', '?') and a time are taken off, then each style is tried in turn."""
    if not text:
        return ParsedDate(None, error="no date given")
    if _MISSPELT_RE.search(text):
        text = _MISSPELT_RE.sub(lambda m: _MISSPELT[m.group(0).lower()], text)
    if (m := _WEEK_ENDING_RE.match(text)) is not None:
        # "w/e 08/03/24": somewhere in the seven days to that date, placed (as "w/c" is) at the week's first day
        parsed = _parse_general(text[m.end():], dayfirst, today)
        if parsed.date is not None and parsed.precision == "day":
            return dataclasses.replace(parsed, date=parsed.date - dt.timedelta(days=6), approximate=True)
        return dataclasses.replace(parsed, approximate=True) if parsed.date is not None else parsed
    approximate = False
    while True:
        stripped = _APPROX_RE.sub("", text, count=1).strip()
        if stripped == text:
            break
        approximate, text = True, stripped
    if not text:
        return ParsedDate(None, error="no date given")
    time = ""
    m = _TIME_RE.search(text)
    if m and not _YEAR_RE.match(text):
        hour, minute = (int(m.group(1)), int(m.group(2))) if m.group(1) else (int(m.group(5)), int(m.group(6)))
        meridiem = (m.group(4) or "").lower()
        if meridiem == "pm" and hour < 12:
            hour += 12
        elif meridiem == "am" and hour == 12:  # 12:30 am is half past midnight
            hour = 0
        if hour < 24 and minute < 60:
            time = f"{hour:02d}:{minute:02d}"
            text = text[: m.start()].strip()

    if (m := _YEAR_RE.match(text)) is not None:
        return ParsedDate(dt.date(int(m.group(1)), 1, 1), "year", approximate, time)
    if (m := _SEASON_RE.match(text)) is not None:
        season, part = m.group(1).lower(), (m.group(2) or "").lower()
        # "Easter 2023", "Easter term 2023" (the old name of the summer term, which starts in April), "summer hols"
        if season in _HOLIDAY_MONTH and (season in ("christmas", "xmas", "easter") or part.startswith(("holiday", "hols"))):
            return ParsedDate(dt.date(int(m.group(3)), _HOLIDAY_MONTH[season], 1), "month", True, time)
        if part.startswith(("holiday", "hols")):
            return ParsedDate(None, error="not a date")  # "autumn holidays": which of them is not said
        kind = part if part in ("", "term", "1", "2") else "half term"
        month = _SEASON_MONTH[kind][season]
        return ParsedDate(dt.date(int(m.group(3)), month, 1), "month", True, time)
    if (m := _QUARTER_RE.match(text)) is not None:
        return ParsedDate(dt.date(int(m.group(2)), 3 * int(m.group(1)) - 2, 1), "month", True, time, ranged=True)
    if (m := _SPLIT_YEAR_RE.match(text)) is not None:
        first, second = (int(m.group(1)), int(m.group(2))) if m.group(1) else (int(m.group(3)), int(m.group(4)))
        if second == (first + 1) % 100:
            return ParsedDate(dt.date(first, 1, 1), "year", True, time, ranged=True)
    if (m := _MONTH_YEAR_WORD_RE.match(text)) is not None:
        year = int(m.group(2))
        year = _two_digit_year(year, today) if year < 100 else year
        return ParsedDate(dt.date(year, _MONTHS[m.group(1).lower()], 1), "month", approximate, time)
    if (m := _MONTH_YEAR_NUM_RE.match(text)) is not None:
        month, year = (int(m.group(1)), int(m.group(2))) if m.group(1) else (int(m.group(4)), int(m.group(3)))
        if 1 <= month <= 12:
            return ParsedDate(dt.date(year, month, 1), "month", approximate, time)
        return ParsedDate(None, error=f"month {month} does not exist")
    if (m := _ISO_RE.match(text)) is not None:
        return _build(int(m.group(1)), int(m.group(3)), int(m.group(4)), approximate, time)
    if (m := _COMPACT_RE.match(text)) is not None:
        return _build(int(m.group(1)), int(m.group(2)), int(m.group(3)), approximate, time)
    if _SERIAL_RE.match(text) and _SERIALS[0] <= float(text) < _SERIALS[1]:
        stamp = from_excel_serial(float(text))
        return ParsedDate(stamp.date(), "day", approximate, time or _clock(stamp)) if stamp else ParsedDate(None, error="not a date")
    if (m := _UNKNOWN_DAY_RE.match(text)) is not None:
        month, year = int(m.group(1)), int(m.group(2))
        year = _two_digit_year(year, today) if len(m.group(2)) == 2 else year
        if 1 <= month <= 12:
            return ParsedDate(dt.date(year, month, 1), "month", approximate, time)
        return ParsedDate(None, error=f"month {month} does not exist")
    if (m := _NUMERIC_RE.match(text)) is not None:
        a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        year = _two_digit_year(year, today) if len(m.group(3)) == 2 else year
        day, month = (a, b) if dayfirst else (b, a)
        parsed = _build(year, month, day, approximate, time)
        if parsed.date is None and 1 <= day <= 31 and 1 <= month <= 31:
            swapped = _build(year, day, month, approximate, time)
            if swapped.date is not None:
                read, other = ("day-first", "month-first") if dayfirst else ("month-first", "day-first")
                return ParsedDate(None, error=f"no such date read {read}; it reads as {other}", other_order_only=True)
        return parsed
    if _DAY_RANGE_RE.match(text) and (ranged := _parse_range(text, dayfirst, today)) is not None:
        return ranged
    words = _parse_words(text, dayfirst, approximate, time)
    if words.date is None and (ranged := _parse_range(text, dayfirst, today)) is not None:
        return ranged
    return words


# "01/03/2024 - 05/03/2024", "1-5 March 2024", "1st to 5th March 2024", "March-April 2024", "between 1 and 5
# March 2024": a period, as absences and hospital stays are recorded. Tried only when no single style reads the
# cell, so "2024-03-01" and "01-03-2024" are never split.
_RANGE_RE = re.compile(r"^(?:between\s+|from\s+)?(.+?)\s*(?:-|\u2013|\u2014|\bto\b|\band\b|\buntil\b|\btill\b)\s*(.+)$",
                       re.IGNORECASE)
# "Jan/Feb 2024", "3rd/4th Feb 2025", "2023/2024": a slash between two ends, when a month is named in words or both
# ends are years (a slash between numbers is a numeric date's own: "3/4/2025" is never split).
_SLASH_RANGE_RE = re.compile(r"^(.+?)\s*/\s*(.+)$")
_NAMES_MONTH_OR_YEARS_RE = re.compile(rf"(?:{_MONTH_RE})|^\d{{4}}\s*/\s*\d{{4}}$", re.IGNORECASE)


def _parse_range(text: str, dayfirst: bool, today: dt.date) -> ParsedDate | None:
    """The start of a range both of whose ends read as dates, the start borrowing the end's month and year when
    it leaves them out ("1-5 March 2024"); marked approximate and `ranged`. None if it is not such a range."""
    m = _RANGE_RE.match(text)
    if m is None and _NAMES_MONTH_OR_YEARS_RE.search(text):
        m = _SLASH_RANGE_RE.match(text)
    if m is None:
        return None
    start_text, end_text = m.group(1).strip(), m.group(2).strip()
    end = _parse_general(end_text, dayfirst, today)
    if end.date is None or end.ranged:
        return None
    start = _parse_general(start_text, dayfirst, today)
    tail = end_text.split(None, 1)
    if start.date is None and len(tail) == 2:  # "1" of "1-5 March 2024"; "March" of "March-April 2024"
        start = _parse_general(f"{start_text} {tail[1]}", dayfirst, today)
        if start.date is None:  # "28 Feb" of "28 Feb - 3 Mar 2024": the year only
            start = _parse_general(f"{start_text} {tail[1].split()[-1]}", dayfirst, today)
    if start.date is None or start.ranged or start.date > end.date:
        return None
    return ParsedDate(start.date, start.precision, True, start.time, ranged=True)


def _build(year: int, month: int, day: int, approximate: bool, time: str) -> ParsedDate:
    try:
        return ParsedDate(dt.date(year, month, day), "day", approximate, time)
    except ValueError:
        return ParsedDate(None, error=f"no such date (day {day}, month {month}, year {year})")


def _parse_words(text: str, dayfirst: bool, approximate: bool, time: str) -> ParsedDate:
    """Dates written in words: '3rd March 2021', 'Wed 3 Mar 21'. Needs a day, month and year."""
    cleaned = _ORDINAL_RE.sub(r"\1", text).replace(",", " ")
    if not re.search(_MONTH_RE, cleaned, re.IGNORECASE) or not re.search(r"\d", cleaned):
        return ParsedDate(None, error="not a date")
    sentinel_a = dt.datetime(1, 1, 1)
    sentinel_b = dt.datetime(2, 2, 2)
    try:
        a = dateutil_parser.parse(cleaned, dayfirst=dayfirst, default=sentinel_a)
        b = dateutil_parser.parse(cleaned, dayfirst=dayfirst, default=sentinel_b)
    except (ValueError, OverflowError, TypeError):
        return ParsedDate(None, error="not a date")
    # A component that differs between the two sentinels was not in the text.
    if a.year != b.year:
        return ParsedDate(None, error="no year given")
    # dateutil reads some text its own way ("1-5 March 2024" as 5 March 2001): the year must be written there.
    if not re.search(rf"(?<!\d)(?:{a.year}|{a.year % 100:02d})(?!\d)", cleaned):
        return ParsedDate(None, error="not a date")
    if a.month != b.month:
        return ParsedDate(None, error="no month given")
    if a.day != b.day:
        return ParsedDate(a.date().replace(day=1), "month", approximate, time)
    if not time and (a.hour or a.minute):
        time = f"{a.hour:02d}:{a.minute:02d}"
    return ParsedDate(a.date(), "day", approximate, time)


def format_date(date: dt.date | None, precision: str, approximate: bool = False) -> str:
    """Show a date no more precisely than it was recorded: '03/03/2021', 'Mar 2021', '2021?'."""
    if date is None:
        return "date unknown"
    if precision == "year":
        shown = f"{date.year}"
    elif precision == "month":
        shown = date.strftime("%b %Y")
    else:
        shown = date.strftime("%d/%m/%Y")
    return shown + ("?" if approximate else "")


def format_period(first: dt.date | None, last: dt.date | None, joiner: str = " - ") -> str:
    """'03/03/2021 - 09/05/2021' for a finding's period, or the one date when it is a single day."""
    if first == last:
        return format_date(first, "day")
    return f"{format_date(first, 'day')}{joiner}{format_date(last, 'day')}"


_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def with_year_from_weekday(value: str, years: range, dayfirst: bool, today: dt.date) -> ParsedDate | None:
    """A date written with its weekday but no year ("Tues 26th March", hand-typed in a chronology whose other dates
    are 2024's), placed in the one year of `years` in which that day fell on that weekday; None if none or several
    did (a weekday repeats its date every five to eleven years, so a file's span of two or three years settles it)."""
    value = value.strip()
    leading = _WEEKDAY_RE.match(value)  # "Tues 26th March": the weekday that parse_date sets aside
    if leading is None or leading.group(0)[:3].lower() not in _WEEKDAYS:
        return None
    weekday = _WEEKDAYS.index(leading.group(0)[:3].lower())
    found = [parsed for year in years
             if (parsed := parse_date(f"{value} {year}", dayfirst, today)).date is not None and parsed.precision == "day"
             and parsed.date.weekday() == weekday]
    return dataclasses.replace(found[0], year_from_weekday=True) if len(found) == 1 else None
