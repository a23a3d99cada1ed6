"""Working days, counting the bank holidays of the nation the user configures (England & Wales, Scotland, NI)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

_SUBDIVISIONS = {"england-and-wales": "ENG", "scotland": "SCT", "northern-ireland": "NIR"}


@lru_cache(maxsize=8)
def _bank_holidays(nation: str) -> holidays.HolidayBase:
    return holidays.country_holidays("GB", subdiv=_SUBDIVISIONS[nation], years=range(1990, dt.date.today().year + 2))


def is_working_day(day: dt.date, nation: str) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(nation)


def add_working_days(start: dt.date, days: int, nation: str) -> dt.date:
    """The date `days` working days after `start` (the start day itself not counted)."""
    current, left = start, days
    while left > 0:
        current += dt.timedelta(days=1)
        if is_working_day(current, nation):
            left -= 1
    return current


def working_days_between(start: dt.date, end: dt.date, nation: str) -> int:
    """Working days after `start` up to and including `end`."""
    if end <= start:
        return 0
    return sum(1 for n in range(1, (end - start).days + 1) if is_working_day(start + dt.timedelta(days=n), nation))
