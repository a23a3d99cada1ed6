"""Date strings as agencies write them: value, precision and approximate flag."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chronocli.read.dates import _parse_general, _parse_text, format_date, parse_date

TODAY = dt.date(2026, 11, 23)
D = dt.date

CASES = [
    ("2021-03-03", D(2021, 3, 3), "day", False),
    ("03/03/2021", D(2021, 3, 3), "day", False),
    ("3/3/21", D(2021, 3, 3), "day", False),
    ("04/03/2021", D(2021, 3, 4), "day", False),  # day first (UK)
    ("14.03.2022", D(2022, 3, 14), "day", False),
    ("3-3-2021", D(2021, 3, 3), "day", False),
    ("3rd March 2021", D(2021, 3, 3), "day", False),
    ("Wednesday 3rd March 2021", D(2021, 3, 3), "day", False),
    ("3 Mar 21", D(2021, 3, 3), "day", False),
    ("March 3, 2021", D(2021, 3, 3), "day", False),
    ("Mar 2021", D(2021, 3, 1), "month", False),
    ("March 2021", D(2021, 3, 1), "month", False),
    ("Sept 2020", D(2020, 9, 1), "month", False),
    ("03/2022", D(2022, 3, 1), "month", False),
    ("2022-03", D(2022, 3, 1), "month", False),
    ("2021", D(2021, 1, 1), "year", False),
    ("approx 2021", D(2021, 1, 1), "year", True),
    ("c. 2019", D(2019, 1, 1), "year", True),
    ("circa 2019", D(2019, 1, 1), "year", True),
    ("2021?", D(2021, 1, 1), "year", True),
    ("early 2021", D(2021, 1, 1), "year", True),
    ("late 2021", D(2021, 1, 1), "year", True),
    ("approx. March 2021", D(2021, 3, 1), "month", True),
    ("03/03/2021?", D(2021, 3, 3), "day", True),
    ("12/05/98", D(1998, 5, 12), "day", False),
    ("2024/09/20", D(2024, 9, 20), "day", False),  # year first, any separator: never read month-first
    ("12/03/2024.", D(2024, 3, 12), "day", False),  # a stray full stop or comma, or "on", around a typed date
    ("12/3/2024,", D(2024, 3, 12), "day", False),
    ("on 12/03/2024", D(2024, 3, 12), "day", False),
    ("Summer 2023", D(2023, 6, 1), "month", True),  # a season: the month it starts
    ("Spring term 2024", D(2024, 1, 1), "month", True),  # a school term starts before the season
    ("Autumn half term 2023", D(2023, 10, 1), "month", True),
    ("2023 (est)", D(2023, 1, 1), "year", True),
    ("sometime in 2023", D(2023, 1, 1), "year", True),
    ("Mon 08/01/2024", D(2024, 1, 8), "day", False),  # a weekday adds nothing
    ("08/01/2024 (Mon)", D(2024, 1, 8), "day", False),
    ("2024-01-08T14:30:00Z", D(2024, 1, 8), "day", False),  # ISO 8601 with a zone, as APIs write it
    ("2024-01-08T14:30:00.000+00:00", D(2024, 1, 8), "day", False),
    ("2024.09.02", D(2024, 9, 2), "day", False),
    ("20240902", D(2024, 9, 2), "day", False),
    ("45372", D(2024, 3, 21), "day", False),  # an Excel date cell saved to CSV as its number
    ("w/c 02/09/2024", D(2024, 9, 2), "day", True),  # week commencing: somewhere in that week
    ("w/e 08/03/24", D(2024, 3, 2), "day", True),  # week ending: somewhere in the seven days to it, placed at their first
    ("Week ending 8 March 2024", D(2024, 3, 2), "day", True),
    ("W/B 2.9.24", D(2024, 9, 2), "day", True),
    ("week commencing 2 Sep 2024", D(2024, 9, 2), "day", True),
    ("?/03/2024", D(2024, 3, 1), "month", False),  # the day not known
    ("xx/03/24", D(2024, 3, 1), "month", False),
    ("Dec-23", D(2023, 12, 1), "month", False),  # a cell formatted mmm-yy, as it reaches a CSV
    ("Sept-2024", D(2024, 9, 1), "month", False),
    ("end of March 2023", D(2023, 3, 1), "month", True),  # somewhere in that month
    ("beg. March 2023", D(2023, 3, 1), "month", True),
    ("Half term Feb 2025", D(2025, 2, 1), "month", True),
    ("Spring 2 2025", D(2025, 2, 1), "month", True),  # the second half of a school term
    ("Autumn 2 2024", D(2024, 11, 1), "month", True),
    ("Christmas 2023", D(2023, 12, 1), "month", True),
    ("2023 approx", D(2023, 1, 1), "year", True),  # the hedge after the date
    ("12/03/2024 est", D(2024, 3, 12), "day", True),
    ("mid-2021", D(2021, 1, 1), "year", True),  # a hyphen after early/mid/late
    ("summer holidays 2023", D(2023, 8, 1), "month", True),  # school holidays: the month most of them fall in
    ("Summer hols 2023", D(2023, 8, 1), "month", True),
    ("Easter 2023", D(2023, 4, 1), "month", True),
    ("Christmas holidays 2022", D(2022, 12, 1), "month", True),
    ("2011-12", D(2011, 12, 1), "month", False),  # year and month, not the school year 2011/12
]


@pytest.mark.parametrize(("text", "date", "precision", "approximate"), CASES)
def test_date_styles(text, date, precision, approximate):
    parsed = parse_date(text, today=TODAY)
    assert (parsed.date, parsed.precision, parsed.approximate) == (date, precision, approximate)


@pytest.mark.parametrize(("text", "time"), [("03/03/2021 1430", "14:30"), ("03/03/21 0915hrs", "09:15"),  # police style
                                            ("03/03/2021 14.30hrs", "14:30"), ("03/03/2021 @ 14:30", "14:30"),
                                            ("03/03/2021 12:30 am", "00:30"), ("March 2021", ""),  # not 20:21
                                            ("03/03/2021 14:30", "14:30"), ("2021-03-03T09:05:00", "09:05"),
                                            ("2 Feb 22 10:30am", "10:30"), ("2 Feb 22 2.15pm", "14:15"),
                                            ("Nov 5th 2021 at 14:00", "14:00"), ("2024-01-08T14:30:00.000Z", "14:30"),
                                            ("2024-01-08 00:00:00", ""), ("08/01/2024 00:00", "")])  # midnight: a date-only field
def test_times_are_kept(text, time):
    assert parse_date(text, today=TODAY).time == time


@pytest.mark.parametrize("text", ["rubbish", "31/02/2021", "5 Jan", "", "13/13/2021", "tbc", "12345", "20241320",
                                  "??/13/2024", "2024/13/01", "w/c", "w/e", "Winter 2023", "24-Sep",
                                  "Autumn holidays 2024", "2023/25", "2023-25"])
def test_unreadable_dates_give_a_reason(text):
    parsed = parse_date(text, today=TODAY)
    assert parsed.date is None and parsed.error


def test_dates_outside_1900_to_today_are_problems():
    assert "before 1900" in parse_date("1850", today=TODAY).error
    assert "future" in parse_date("01/01/2030", today=TODAY).error


def test_month_first_value_is_flagged():
    parsed = parse_date("03/25/2021", today=TODAY)
    assert parsed.date is None and parsed.other_order_only
    assert parse_date("03/25/2021", dayfirst=False, today=TODAY).date == D(2021, 3, 25)


def test_excel_serials_and_real_dates():
    assert parse_date(44258.0, today=TODAY).date == D(2021, 3, 3)
    assert parse_date(dt.datetime(2021, 3, 3, 14, 30), today=TODAY).time == "14:30"
    assert parse_date(D(2021, 3, 3), today=TODAY).precision == "day"


def test_shown_no_more_precisely_than_recorded():
    assert format_date(D(2021, 3, 1), "month") == "Mar 2021"
    assert format_date(D(2021, 1, 1), "year", True) == "2021?"
    assert format_date(D(2021, 3, 3), "day") == "03/03/2021"
    assert format_date(None, "") == "date unknown"


stamps = st.builds(
    "{}-{}-{}{}".format,
    st.integers(1800, 2200).map(str), st.integers(0, 13).map(str), st.integers(0, 32).map(lambda d: f"{d:02d}"),
    st.one_of(st.just(""), st.builds("{}{}{}{}".format, st.sampled_from(["T", " ", "  ", "\t"]),
                                     st.integers(0, 26).map(str), st.sampled_from([":", ".", "-"]),
                                     st.sampled_from(["00", "05", "59", "60", "30:15", "30 pm", "7"]))),
)


@settings(max_examples=500, deadline=None)
@given(stamps, st.booleans())
def test_iso_stamps_read_directly_as_the_general_reader_would(text, dayfirst):
    # ISO dates with a time are read without trying every other style first; the result must not differ.
    today = dt.date(2026, 11, 23)
    assert _parse_text(text, dayfirst, today) == _parse_general(text, dayfirst, today)


day_month_years = st.builds(
    "{} {} {}".format, st.integers(0, 33).map(str),
    st.sampled_from(["Jan", "feb", "FEBRUARY", "febuary", "Mar", "May", "Sept", "sep", "September", "Dec", "Mon"]),
    st.integers(1890, 2100).map(str),
)


@settings(max_examples=500, deadline=None)
@given(day_month_years, st.booleans())
def test_day_month_year_read_directly_as_the_general_reader_would(text, dayfirst):
    today = dt.date(2026, 11, 23)
    assert _parse_text(text, dayfirst, today) == _parse_general(text, dayfirst, today)


@pytest.mark.parametrize(("text", "date", "precision"), [
    ("01/03/2024 - 05/03/2024", D(2024, 3, 1), "day"),
    ("01/03/2024 to 05/03/2024", D(2024, 3, 1), "day"),
    ("1-5 March 2024", D(2024, 3, 1), "day"),
    ("12-14 March 2024", D(2024, 3, 12), "day"),  # two-digit days: dateutil made it 14 March 2012, at 20:24
    ("12-14 Mar 24", D(2024, 3, 12), "day"),
    ("1st - 5th March 2024", D(2024, 3, 1), "day"),
    ("Between 1 and 5 March 2024", D(2024, 3, 1), "day"),
    ("28 Feb - 3 Mar 2024", D(2024, 2, 28), "day"),
    ("March-April 2024", D(2024, 3, 1), "month"),
    ("Dec 2023 - Jan 2024", D(2023, 12, 1), "month"),
    ("Jan/Feb 2024", D(2024, 1, 1), "month"),  # a slash between months named in words
    ("3rd/4th Feb 2025", D(2025, 2, 3), "day"),
    ("Q1 2023", D(2023, 1, 1), "month"),
    ("2023/24", D(2023, 1, 1), "year"),  # a school or financial year: the year it starts
    ("2023-24", D(2023, 1, 1), "year"),
])
def test_a_range_is_placed_at_its_start_and_marked(text, date, precision):
    parsed = parse_date(text, True, TODAY)
    assert (parsed.date, parsed.precision, parsed.approximate, parsed.ranged) == (date, precision, True, True)


@pytest.mark.parametrize("text", ["2024-03-01", "01-03-2024", "3-3-2021", "3/4/2025"])
def test_a_date_with_hyphens_is_not_a_range(text):
    assert not parse_date(text, True, TODAY).ranged


@pytest.mark.parametrize(("text", "date", "precision"), [("12 Febuary 2024", D(2024, 2, 12), "day"),
                                                        ("Feburary 2024", D(2024, 2, 1), "month"),
                                                        ("3rd Septmber 2023", D(2023, 9, 3), "day")])
def test_a_month_misspelt_as_hand_typed_cells_misspell_it_is_read(text, date, precision):
    parsed = parse_date(text, True, TODAY)
    assert (parsed.date, parsed.precision, parsed.error) == (date, precision, "")


def test_a_range_that_runs_backwards_is_not_read():
    assert parse_date("05/03/2024 - 01/03/2024", True, TODAY).date is None


def test_words_the_general_reader_would_misread_are_not_given_a_year_they_do_not_hold():
    # dateutil alone reads "1-5 March 2024" as 5 March 2001: a row silently placed 23 years early.
    parsed = parse_date("1-5 March 2024", True, TODAY)
    assert parsed.date == D(2024, 3, 1) and parsed.date.year == 2024
