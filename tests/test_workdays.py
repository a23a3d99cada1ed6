"""Working days with each nation's bank holidays: explicit dates, and agreement with a day-by-day count."""

from __future__ import annotations

import datetime as dt

import holidays
from hypothesis import given, settings
from hypothesis import strategies as st

from chronocli.detectors.workdays import add_working_days, is_working_day, working_days_between

D = dt.date
NATIONS = {"england-and-wales": "ENG", "scotland": "SCT", "northern-ireland": "NIR"}


def test_known_bank_holidays():
    assert not is_working_day(D(2024, 3, 29), "england-and-wales")  # Good Friday
    assert not is_working_day(D(2024, 4, 1), "england-and-wales")  # Easter Monday
    assert is_working_day(D(2024, 4, 1), "scotland")  # not a bank holiday in Scotland
    assert not is_working_day(D(2025, 1, 2), "scotland")
    assert not is_working_day(D(2024, 3, 18), "northern-ireland")  # St Patrick's Day (substitute)
    assert add_working_days(D(2024, 3, 25), 7, "england-and-wales") == D(2024, 4, 5)
    assert add_working_days(D(2024, 3, 25), 7, "scotland") == D(2024, 4, 4)  # Good Friday only


def _slow_count(start: dt.date, end: dt.date, nation: str) -> int:
    days = holidays.country_holidays("GB", subdiv=NATIONS[nation], years=range(start.year, end.year + 1))
    return sum(1 for n in range(1, (end - start).days + 1)
               if (start + dt.timedelta(days=n)).weekday() < 5 and start + dt.timedelta(days=n) not in days)


@settings(max_examples=150, deadline=None)
@given(start=st.dates(D(2015, 1, 1), D(2026, 1, 1)), span=st.integers(0, 90), n=st.integers(0, 20),
       nation=st.sampled_from(sorted(NATIONS)))
def test_agrees_with_a_day_by_day_count(start, span, n, nation):
    end = start + dt.timedelta(days=span)
    assert working_days_between(start, end, nation) == _slow_count(start, end, nation)
    target = add_working_days(start, n, nation)
    assert _slow_count(start, target, nation) == n
    assert n == 0 or is_working_day(target, nation)
