"""Working days, counting the bank holidays of the nation the user configures (England & Wales, Scotland, NI)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays
import numpy as np

_SUBDIVISIONS = {"england-and-wales": "ENG", "scotland": "SCT", "northern-ireland": "NIR"}


@lru_cache(maxsize=8)
def _calendar(nation: str) -> np.busdaycalendar:
    """Monday to Friday, less the nation's bank holidays, as a numpy business-day calendar (counted in C)."""
    days = holidays.country_holidays("GB", subdiv=_SUBDIVISIONS[nation], years=range(1990, dt.date.today().year + 2))
    return np.busdaycalendar(weekmask="1111100", holidays=sorted(np.datetime64(d, "D") for d in days))


def is_working_day(day: dt.date, nation: str) -> bool:
    return bool(np.is_busday(np.datetime64(day, "D"), busdaycal=_calendar(nation)))


def add_working_days(start: dt.date, days: int, nation: str) -> dt.date:
    """The date `days` working days after `start` (the start day itself not counted)."""
    if days <= 0:
        return start
    # Rolling a weekend or holiday start back to the working day before it gives the same count forward.
    moved = np.busday_offset(np.datetime64(start, "D"), days, roll="backward", busdaycal=_calendar(nation))
    return moved.astype(dt.date)


def working_days_between(start: dt.date, end: dt.date, nation: str) -> int:
    """Working days after `start` up to and including `end`."""
    if end <= start:
        return 0
    one = np.timedelta64(1, "D")
    return int(np.busday_count(np.datetime64(start, "D") + one, np.datetime64(end, "D") + one, busdaycal=_calendar(nation)))
