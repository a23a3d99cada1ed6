"""Splitting a merged table into cases: the lazy, column-wide split gives what building every event would."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from chronocli import scan as scan_module
from chronocli.analysis import analyse
from chronocli.cases import CaseIndex, CaseRows, CitedEvents, case_events, events_of
from chronocli.config import Config
from chronocli.output.scan import write_scan
from chronocli.pipeline import build_chronology
from tests.test_scan import caseload  # noqa: F401  (fixture)


@pytest.fixture
def merged(caseload):  # noqa: F811
    return build_chronology([caseload], Config()).events


def test_index_groups_each_cases_rows_in_merged_order(merged):
    index = CaseIndex.of(merged)
    eager = case_events(merged)
    assert index.ids == sorted(k for k in eager if k)
    assert index.unassigned == len(eager[""]) == 1
    for i, case_id in enumerate(index.ids):
        rows = index.rows_of(i, i + 1)
        assert list(merged["event_id"].to_numpy()[rows]) == [e.event_id for e in eager[case_id]]


def test_summaries_match_what_the_events_say(merged):
    index = CaseIndex.of(merged)
    agencies, periods = index.summaries(merged)
    eager = case_events(merged)
    for i, case_id in enumerate(index.ids):
        events = eager[case_id]
        assert agencies[i] == sorted({e.agency for e in events})
        dates = [e.date for e in events if e.date]
        assert periods[i] == (min(dates), max(dates))


def test_lazy_rows_and_cited_events_build_the_same_records(merged):
    index = CaseIndex.of(merged)
    eager = case_events(merged)
    position = index.ids.index("C000")
    case_id, rows = "C000", index.rows_of(position, position + 1)
    lazy = CaseRows(merged, rows)
    assert len(lazy) == len(eager[case_id])
    assert list(lazy) == eager[case_id] and lazy[-1] == eager[case_id][-1]
    store = CaseRows(merged, rows[[0, 2]])
    cited = CitedEvents(store, [eager[case_id][2].event_id])
    wanted = eager[case_id][2]
    assert cited[wanted.event_id] == wanted and len(cited) == 1 and list(cited) == [wanted.event_id]
    with pytest.raises(KeyError):  # in the shared store, but not cited by this case
        cited[eager[case_id][0].event_id]
    with pytest.raises(KeyError):
        cited[eager[case_id][1].event_id]


def test_forked_workers_find_exactly_what_one_process_finds(caseload, merged, tmp_path, monkeypatch):  # noqa: F811
    """The per-case work is pure: spreading cases over processes changes nothing, evidence included."""
    chronology = build_chronology([caseload], Config())
    one = scan_module.scan(chronology, Config(), jobs=1)
    monkeypatch.setattr(scan_module, "CASES_PER_JOB", 1)  # fork even for this small caseload
    two = scan_module.scan(chronology, Config(), jobs=2)
    write_scan(one, tmp_path / "one.json")
    write_scan(two, tmp_path / "two.json")
    first, second = (json.loads((tmp_path / n).read_text()) for n in ("one.json", "two.json"))
    first.pop("generated"), second.pop("generated")
    assert first == second
    assert any(case["findings"] for case in first["cases"]), "the fixture must give something to compare"
    # And the same as analysing each case with every event built up front (as `chrono report` does).
    eager = {a.case_id: a for a in analyse(merged, Config())}
    for case in two.cases:
        assert [f.summary for f in case.findings] == [f.summary for f in eager[case.case_id].findings]
        assert case.agencies == eager[case.case_id].agencies and case.period == eager[case.case_id].period


def test_each_event_carries_its_rows_values(merged):
    """Fields are assembled by position: each must hold its own column's value."""
    events = events_of(merged)
    assert len(events) == len(merged)
    for event, row in zip(events, merged.itertuples(index=False)):
        assert (event.event_id, event.agency, event.text, event.file, event.row, event.group) == (
            row.event_id, row.agency, row.text, row.file, row.row, row.group)
        assert event.kinds == frozenset(row.kinds) and event.case_id == (row.case_id or "")
        assert event.date == (row.date.date() if not pd.isna(row.date) else None)
        assert event.precision == (row.date_precision or "day") and event.subject == (row.subject or "")
    assert {e.case_id for e in events} >= {"C000", ""}


def test_pseudonymised_scan_reads_every_event_from_the_pseudonymised_table(tmp_path):
    from chronocli.privacy import Pseudonymiser
    from tests.conftest import write_csv

    records = write_csv(tmp_path / "sw.csv", "Case,Date,Event\nC1,01/03/2024,Gary Marsh refused entry\n"
                                              "C1,08/03/2024,Gary threatened the social worker\n")
    chronology = build_chronology([records], Config())
    result = scan_module.pseudonymised(scan_module.scan(chronology, Config()), Pseudonymiser({"Gary": "Father"}),
                                       chronology.events)
    (case,) = result.cases
    assert [e.text for e in case.events] == ["[Father] Marsh refused entry", "[Father] threatened the social worker"]
    assert case.findings and all("Gary" not in f.summary for f in case.findings)
    assert all("Gary" not in case.event(event_id).text for f in case.findings for event_id in f.evidence)


def test_chosen_rows_become_events_in_the_order_asked_with_undated_rows_kept(merged):
    frame = merged.copy()
    frame.loc[3, "date"] = pd.NaT
    rows = np.array([5, 3, 0, 5])
    chosen = events_of(frame, rows)
    assert [e.event_id for e in chosen] == frame["event_id"].to_numpy()[rows].tolist()
    expected = [None if pd.isna(frame["date"].iloc[r]) else frame["date"].iloc[r].date() for r in rows]
    assert [e.date for e in chosen] == expected and expected[1] is None and expected[0] is not None
    assert chosen == [events_of(frame)[r] for r in rows]


def test_what_an_entry_says_of_each_child_reaches_the_detectors(tmp_path):
    # Read, merged and analysed as `chrono report` does: "Ruby seen in cot. Jayden at nan's" three times is a
    # run of contacts without Jayden seen, and none for Ruby.
    from tests.conftest import TODAY, write_csv
    write_csv(tmp_path / "school.csv", "Date,Pupil,Entry\n03/01/2024,Jayden Cole,Jayden in class\n")
    write_csv(tmp_path / "hv.csv", "Date,Child,Details\n04/01/2024,Ruby Cole,Weighed at clinic\n")
    write_csv(tmp_path / "sw.csv", "Date,Details\n"
                                   "08/01/2024,Home visit. Ruby seen in cot. Jayden at nan's.\n"
                                   "15/01/2024,Home visit. Ruby seen in the lounge. Jayden at nan's.\n"
                                   "22/01/2024,Home visit. Ruby seen with mum. Jayden at nan's.\n")
    chronology = build_chronology([tmp_path], Config(), today=TODAY)
    [case] = analyse(chronology.events, Config())
    runs = [f.summary for f in case.findings if f.title == "Child not seen at consecutive contacts"]
    assert len(runs) == 1 and runs[0].startswith("Jayden Cole was not seen at 3 contacts")


def test_a_role_given_in_names_reaches_the_detectors_in_a_report_and_a_scan(tmp_path):
    # fam147: the father the child calls "daddy" is known as Ricky only from [names]; report and scan both use it
    from tests.conftest import TODAY, write_csv
    write_csv(tmp_path / "sw.csv", "Case,Date,Details\n"
                                   "C1,10/02/2025,Home visit. Chantelle says Ricky will not be coming back.\n"
                                   "C1,03/03/2025,Chantelle says she has not seen Ricky since the arrest. Tia seen alone - said daddy came for tea.\n")
    config = Config(names={"Ricky Grant": "Father", "Chantelle Moss": "Mother", "Tia": "Child A"})
    chronology = build_chronology([tmp_path], config, today=TODAY)
    [case] = analyse(chronology.events, config)
    assert any('recorded "Tia seen alone - said daddy came for tea" in the same entry' in f.summary for f in case.findings)
    [unnamed] = analyse(chronology.events, Config(names={"Chantelle Moss": "Mother", "Tia": "Child A"}))
    assert not any("daddy came for tea" in f.summary for f in unnamed.findings)
    scanned = scan_module.scan(chronology, config)
    assert any("daddy came for tea" in f.summary for a in scanned.cases for f in a.findings)


def test_a_register_s_weekly_attendance_shows_improvement_before_each_review_and_decline_after(tmp_path):
    # fam156: full weeks just before the review conference and the core group, two or three sessions of ten after
    from tests.conftest import TODAY, write_csv
    write_csv(tmp_path / "nursery_register.csv", "Week commencing,Sessions booked,Sessions attended,Notes\n"
              "06/01/2025,10,4,Absent Mon-Wed\n13/01/2025,10,3,\n20/01/2025,10,10,Full week\n27/01/2025,10,10,\n"
              "03/02/2025,10,3,Not brought Tue-Fri\n10/02/2025,10,2,\n17/02/2025,10,9,\n24/02/2025,10,10,Full week\n"
              "03/03/2025,10,4,\n10/03/2025,10,2,\n")
    write_csv(tmp_path / "sw.csv", "Date,Entry\n22/01/2025,Review child protection conference. Plan continues.\n"
                                   "26/02/2025,Core group held.\n")
    chronology = build_chronology([tmp_path], Config(), today=TODAY)
    [case] = analyse(chronology.events, Config())
    [finding] = [f for f in case.findings if f.pattern == "improvement_then_decline"]
    assert finding.summary.startswith("School attendance improved and then declined 2 times")
    assert "before the review conference on 22 Jan 2025" in finding.summary
