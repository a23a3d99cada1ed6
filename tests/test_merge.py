"""chrono merge: ordering, linking the same happening, filters, ages, outputs, and no row lost."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from chronocli.config import Config
from chronocli.merge import Filters, should_link
from chronocli.output.palette import FILLS, TEXT_COLOUR, contrast_ratio
from chronocli.pipeline import build_chronology
from tests.conftest import SAMPLE, TODAY, write_csv, write_xlsx


def merged(tmp_path, files: dict[str, str], **filters):
    paths = [write_csv(tmp_path / name, text) for name, text in files.items()]
    return build_chronology(paths, Config(), filters=Filters(**filters) if filters else None, today=TODAY).events


def test_the_case_filter_finds_a_case_whatever_its_spacing(tmp_path):
    files = {"police.csv": "Child ID,Date,Summary\n485 777 3456,01/02/2024,Officers attended\nC9,02/02/2024,Other child\n",
             "gp.csv": "NHS Number,Date,Event\n4857773456,03/02/2024,DNA asthma review\n"}
    for given in ("485 777 3456", "4857773456"):
        events = merged(tmp_path, files, case=given)
        assert events["text"].tolist() == ["Officers attended", "DNA asthma review"]
        assert set(events["case_id"]) == {"485 777 3456"}  # one spelling: the first, as each is used once
    assert merged(tmp_path, files, case="c9")["text"].tolist() == ["Other child"]


def test_mixed_precision_order(tmp_path):
    events = merged(tmp_path, {"a.csv": "Date,Event\n05/03/2024,day in March\n2024,year only\nMar 2024,month only\n"
                                        "01/01/2024,new year\napprox 2023,earlier\nnot a date,undated\n",
                               "b.csv": "Date,Time,Event\n05/03/2024,09:00,morning\n05/03/2024,08:00,earlier morning\n"})
    assert events["text"].tolist() == ["earlier", "year only", "new year", "month only", "day in March",
                                       "earlier morning", "morning", "undated"]


def test_order_is_deterministic(tmp_path):
    files = {"a.csv": "Date,Event\n01/03/2024,x\n01/03/2024,y\n", "b.csv": "Date,Event\n01/03/2024,z\n"}
    first = merged(tmp_path, files)["text"].tolist()
    assert first == merged(tmp_path, files)["text"].tolist() == ["x", "y", "z"]


def _event(file, date, text, kinds=(), precision="day"):
    return {"file": file, "sheet": "", "date": pd.Timestamp(date), "date_precision": precision, "kinds": tuple(kinds), "text": text}


@pytest.mark.parametrize(("a", "b"), [
    (_event("sw.csv", "2024-02-26", "Core group meeting held", ["core_group"]),
     _event("school.csv", "2024-02-26", "School attended core group, attendance reported", ["core_group"])),
    (_event("police.csv", "2024-03-28", "DA incident at home address, Dean arrested, child present"),
     _event("hospital.csv", "2024-03-29", "Incident at home address: Dean arrested, child present, seen in ED")),
    (_event("sw.csv", "2024-01-09", "Strategy meeting held, S47 agreed", ["strategy_meeting"]),
     _event("police.csv", "2024-01-09", "Strategy discussion with CSC, S47 to proceed", ["strategy_meeting"])),
])
def test_links_the_same_happening(a, b):
    assert should_link(a, b)


@pytest.mark.parametrize(("a", "b"), [
    (_event("hv.csv", "2024-02-14", "Home visit, baby seen and weighed", ["attended", "child_seen"]),
     _event("sw.csv", "2024-02-14", "Home visit, no reply, card left", ["no_access"])),
    (_event("sw.csv", "2024-02-26", "Core group meeting held", ["core_group"]),
     _event("sw.csv", "2024-02-26", "Core group meeting held", ["core_group"])),  # same file: never linked
    (_event("gp.csv", "2024-03-01", "Asthma review attended"),
     _event("school.csv", "2024-03-01", "Child absent from school today")),
    (_event("sw.csv", "2024-02-26", "Core group meeting held", ["core_group"]),
     _event("school.csv", "2024-03-04", "Core group meeting held", ["core_group"])),  # a week apart
    (_event("sw.csv", "2024-03-01", "Core group meeting", ["core_group"], "month"),
     _event("school.csv", "2024-03-01", "Core group meeting", ["core_group"])),  # imprecise date
    (_event("hv.csv", "2024-03-01", "weighed given advice"),
     _event("gp.csv", "2024-03-01", "review visit advice given clinic")),  # similarity 61.5: not rounded up to 62
    (_event("sw.csv", "2024-04-19", "S47 commenced. Visit: dad refused to let SW speak to Reece alone", ["s47", "attended"]),
     _event("police.csv", "2024-04-19", "Strategy discussion held with CSC, health, school. S47 agreed.",
            ["strategy_meeting", "s47"])),  # an enquiry is no meeting: a visit under it is not the discussion
])
def test_does_not_link_different_happenings(a, b):
    assert not should_link(a, b)


def test_one_integrated_sheet_links_different_agencies_never_one_agencys_own_entries(tmp_path):
    # A hand-made integrated chronology: every agency's entries in one sheet, with an agency column.
    events = merged(tmp_path, {"integrated.csv": "Date,Agency,Event\n08/01/2024,SW,Strategy discussion held\n"
                               "08/01/2024,Police,Police attended strategy discussion\n"
                               "09/01/2024,SW,Home visit - no reply card left\n09/01/2024,SW,Home visit - no reply card left\n"})
    groups = dict(zip(events["text"] + "/" + events["agency"] + "/" + events["row"].astype(str), events["group"]))
    assert groups["Strategy discussion held/SW/2"] == groups["Police attended strategy discussion/Police/3"]
    assert groups["Home visit - no reply card left/SW/4"] != groups["Home visit - no reply card left/SW/5"]


def test_linked_entries_share_a_group_and_sit_together(tmp_path):
    events = merged(tmp_path, {
        "social_work.csv": "Date,Event\n26/02/2024,Core group meeting held\n27/02/2024,Home visit no reply\n",
        "school.csv": "Date,Event\n25/02/2024,Pupil absent\n26/02/2024,School attended core group meeting\n"})
    groups = events.groupby("group")["agency"].apply(list)
    linked = [g for g in groups if len(g) > 1]
    assert linked == [["Social Work", "School"]] or linked == [["School", "Social Work"]]
    positions = events.index[events["text"].str.contains("ore group")].tolist()
    assert positions[1] - positions[0] == 1
    assert len(events) == 4  # nothing dropped


def test_a_group_is_named_by_its_first_entry_however_links_chain(tmp_path, monkeypatch):
    """A=C, C=D and B=D link (B and A do not directly): one group, named after A, the earliest entry."""
    import numpy as np

    from chronocli import merge as merge_module

    wanted = {frozenset(p) for p in (("a", "c"), ("c", "d"), ("b", "d"))}
    monkeypatch.setattr(merge_module, "link_decisions", lambda first, second: np.array(
        [frozenset((x, y)) in wanted for x, y in zip(first["normalised"], second["normalised"])], dtype=bool))
    files = {f"{name}.csv": f"Date,Event\n01/03/2024,{name}\n" for name in "abcd"}
    events = merged(tmp_path, files)
    assert events["text"].tolist() == ["a", "b", "c", "d"]  # one group: its entries in date (here: source) order
    assert set(events["group"]) == {"G" + events.loc[events["text"] == "a", "event_id"].item()[1:]}


def test_crowded_days_are_not_compared_but_warned_about_and_kept(tmp_path):
    """A caseload read without its case column puts every child in one "case": pairing every entry there with
    every other would take hours, so crowded days are left unlinked, with a warning; quiet days still link."""
    from chronocli.merge import LINK_CROWD

    crowded = "".join(f"01/03/2024,Home visit to family {n}\n" for n in range(LINK_CROWD + 5))
    paths = [write_csv(tmp_path / "social_work.csv", "Date,Event\n" + crowded + "20/03/2024,Core group meeting held\n"),
             write_csv(tmp_path / "school.csv", "Date,Event\n01/03/2024,Home visit to family 1\n"
                                                "20/03/2024,School attended core group meeting\n")]
    chronology = build_chronology(paths, Config(), today=TODAY)
    events = chronology.events
    assert len(events) == LINK_CROWD + 5 + 3  # nothing dropped
    march_first = events[events["date"] == pd.Timestamp("2024-03-01")]
    assert march_first["group"].is_unique, "crowded day: no entries linked"
    later = events[events["date"] == pd.Timestamp("2024-03-20")]
    assert later["group"].nunique() == 1, "a quiet day still links the same meeting"
    warnings = {Path(p.file).name: p for p in chronology.problems if "not linked" in p.message}
    assert set(warnings) == {"social_work.csv", "school.csv"} and {p.level for p in warnings.values()} == {"warning"}
    assert f"{LINK_CROWD + 5:,} entries" in warnings["social_work.csv"].message
    assert "1 entry has" in warnings["school.csv"].message and "case_id" in warnings["school.csv"].hint


def test_filters(tmp_path):
    files = {"social_work.csv": "Date,Event\n01/01/2023,Old visit no access\n01/03/2024,Visit no access\n01/06/2024,\"Visit, child seen\"\n",
             "gp.csv": "Date,Event\n15/03/2024,DNA asthma review\n20/03/2024,Routine note\n"}
    assert merged(tmp_path, files, date_from=dt.date(2024, 3, 1))["text"].tolist() == [
        "Visit no access", "DNA asthma review", "Routine note", "Visit, child seen"]
    assert len(merged(tmp_path, files, date_to=dt.date(2024, 3, 15))) == 3
    assert set(merged(tmp_path, files, agencies=("GP",))["agency"]) == {"GP"}
    assert len(merged(tmp_path, files, agencies=("general practice",))) == 2  # any spelling of the agency
    assert merged(tmp_path, files, kinds=("no_access",))["text"].tolist() == ["Old visit no access", "Visit no access"]
    assert "Routine note" not in merged(tmp_path, files, significant=True)["text"].tolist()


def test_last_period_option(run, tmp_path):
    path = write_csv(tmp_path / "sw.csv", f"Date,Event\n01/01/2019,old\n{(dt.date.today() - dt.timedelta(days=30)).strftime('%d/%m/%Y')},recent\n")
    target = tmp_path / "out.json"
    assert run("merge", path, "--last", "2y", "-o", target).code == 0
    assert [e["text"] for e in json.loads(target.read_text())["events"]] == ["recent"]


def test_age_at_each_event(run, tmp_path):
    path = write_csv(tmp_path / "sw.csv", "Date,Event\n14/06/2019,born\n13/06/2021,day before 2nd birthday\nMar 2024,month\n")
    target = tmp_path / "out.json"
    assert run("merge", path, "--dob", "2019-06-14", "-o", target).code == 0
    ages = [e["age"] for e in json.loads(target.read_text())["events"]]
    assert ages == ["0m", "23m", "~4y 8m"]


def test_age_from_the_date_of_birth_a_title_gives(run, tmp_path):
    write_csv(tmp_path / "ed.csv", "ED attendances - Kayla Morrow (DOB 14/06/2019)\nDate,Notes\n13/06/2021,Head injury\n")
    write_csv(tmp_path / "sw.csv", "Date,Event\nMar 2024,Home visit\n")  # no subject: the one child known
    target = tmp_path / "out.json"
    result = run("merge", tmp_path, "-o", target)
    assert result.code == 0 and "date of birth a title gives for Kayla Morrow (14/06/2019)" in result.out + result.err
    assert [e["age"] for e in json.loads(target.read_text())["events"]] == ["23m", "~4y 8m"]


def test_ages_per_child_and_none_when_titles_disagree(run, tmp_path):
    write_csv(tmp_path / "a.csv", "Child: Kayla Morrow  DOB: 14/06/2019\nDate,Notes\n13/06/2021,Clinic\n")
    write_csv(tmp_path / "b.csv", "Child: Mia Morrow  DOB: 01/01/2021\nDate,Notes\n01/02/2021,Birth visit\n")
    write_csv(tmp_path / "c.csv", "Date,Event\n01/03/2021,Home visit\n")  # about neither: two children, no age
    target = tmp_path / "out.json"
    assert run("merge", tmp_path, "-o", target).code == 0
    ages = {e["text"]: e["age"] for e in json.loads(target.read_text())["events"]}
    assert ages == {"Clinic": "23m", "Birth visit": "1m", "Home visit": None}
    write_csv(tmp_path / "d.csv", "Child: Mia Morrow  DOB: 02/01/2021\nDate,Notes\n05/02/2021,Weighed\n")
    result = run("merge", tmp_path, "-o", target, "--force")
    assert "titles give 2 dates of birth for Mia Morrow" in result.out + result.err
    ages = {e["text"]: e["age"] for e in json.loads(target.read_text())["events"]}
    assert ages["Birth visit"] is None and ages["Clinic"] == "23m"


def test_merge_json_contract_and_row_conservation(run, tmp_path):
    target = tmp_path / "merged.json"
    assert run("merge", SAMPLE, "-o", target).code == 0
    data = json.loads(target.read_text(encoding="utf-8"))
    assert set(data) == {"events", "problems"}
    for event in data["events"]:
        assert {"event_id", "date", "date_precision", "agency", "text", "kinds", "sources", "group"} <= set(event)
        assert isinstance(event["kinds"], list) and event["sources"][0]["row"] >= 1
    sources = {(e["sources"][0]["file"].rsplit("/", 1)[-1], e["sources"][0]["sheet"], e["sources"][0]["row"]) for e in data["events"]}
    assert len(sources) == len(data["events"]) == 46  # every data row of every input exactly once


def _data_rows_in(path):
    """Non-blank rows under the header (these fixtures have no notes below the table)."""
    text = path.read_text(encoding="utf-8")
    rows = list(csv.reader(text.splitlines(True)))
    return {i for i, row in enumerate(rows, start=1) if i > 1 and any(c.strip() for c in row)}


def test_row_conservation_with_undated_rows(run, tmp_path):
    a = write_csv(tmp_path / "a.csv", "Date,Event,Notes\n01/03/2024,one,\nsoon,two,x\n,three,\n02/03/2024,four,\n,,\n05/03/2024,five,\n")
    b = write_csv(tmp_path / "b.csv", "Date,Event\n31/02/2024,six\n03/03/2024,seven\n")
    target = tmp_path / "m.json"
    assert run("merge", a, b, "-o", target).code == 0
    data = json.loads(target.read_text())
    got = {(e["sources"][0]["file"].rsplit("/", 1)[-1], e["sources"][0]["row"]) for e in data["events"]}
    expected = {("a.csv", r) for r in _data_rows_in(a)} | {("b.csv", r) for r in _data_rows_in(b)}
    assert got == expected
    undated = [e for e in data["events"] if e["date"] is None]
    assert [e["text"] for e in undated] == ["two | x", "three", "six"]  # "Notes" is entry text too: joined
    assert data["events"][-3:] == undated, "undated events come after the dated ones"
    problems = {(p["file"].rsplit("/", 1)[-1], p["row"]) for p in data["problems"] if p["level"] == "error"}
    assert problems == {("a.csv", 3), ("a.csv", 4), ("b.csv", 2)}


def test_xlsx_dates_are_real_dates_shown_as_precisely_as_recorded(run, tmp_path):
    source = write_csv(tmp_path / "a.csv", "Date,Event\n05/03/2024,day\nMar 2024,month\napprox 2021,year\nnot a date,none\n")
    target = tmp_path / "merged.xlsx"
    assert run("merge", source, "-o", target).code == 0
    rows = {r[8].value: (r[3].value, r[3].number_format) for r in load_workbook(target)["Chronology"].iter_rows(min_row=2)}
    assert rows == {"year": (dt.datetime(2021, 1, 1), 'yyyy"?"'), "month": (dt.datetime(2024, 3, 1), "mmm yyyy"),
                    "day": (dt.datetime(2024, 3, 5), "dd/mm/yyyy"), "none": ("date unknown", "General")}


def test_xlsx_output(run, tmp_path):
    target = tmp_path / "merged.xlsx"
    assert run("merge", SAMPLE, "-o", target).code == 0
    workbook = load_workbook(target)
    assert workbook.sheetnames == ["Chronology", "Sources", "Problems"]
    sheet = workbook["Chronology"]
    assert sheet.freeze_panes == "E2"
    assert sheet.auto_filter.ref.startswith("A1:")
    header = sheet[1]
    assert all(c.font.bold for c in header) and header[0].fill.fgColor.rgb.endswith("1F3864")
    assert sheet.column_dimensions["I"].width >= 60  # the text column
    assert sheet.max_row == 47
    fills = set()
    linked_rows = 0
    for row in sheet.iter_rows(min_row=2):
        fill = row[0].fill.fgColor.rgb[-6:]
        fills.add(fill)
        assert row[8].alignment.wrap_text
        assert contrast_ratio(fill, (row[0].font.color.rgb or "FF000000")[-6:]) >= 4.5
        linked_rows += row[0].border.left.style == "thick"
    assert len(fills) == 5  # one fill per agency
    assert linked_rows >= 4  # strategy meeting, ICPC and core group recorded by two agencies each
    sources = list(workbook["Sources"].iter_rows(values_only=True))
    assert sources[0][:3] == ("File", "Sheet", "Rows read") and len(sources) == 6
    assert {len(r[7]) for r in sources[1:]} == {64}  # SHA-256


def test_palette_meets_wcag_aa():
    for fill in FILLS:
        assert contrast_ratio(fill, TEXT_COLOUR) >= 4.5


def test_csv_and_html_outputs(run, tmp_path):
    for suffix in (".csv", ".html"):
        target = tmp_path / f"merged{suffix}"
        assert run("merge", SAMPLE, "-o", target).code == 0
        text = target.read_text(encoding="utf-8-sig")
        assert "Unannounced home visit - no reply, card left." in text
    rows = list(csv.DictReader((tmp_path / "merged.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == 46 and rows[0]["Source file"]


def test_exports_keep_every_column_an_agency_filled(run, tmp_path):
    # A type column ("Presenting Complaint"), significance and an unmapped column ("Key person") were once only in
    # JSON: a practitioner's spreadsheet lost them. They are columns of their own, before the source.
    write_csv(tmp_path / "ed.csv", "Arrival Date,Presenting Complaint,Triage Notes,Outcome,Significance,Key person\n"
                                   "19/02/2025,Dressing clinic,,DNA,High,Amy\n03/01/2025,Head injury,Bump to forehead,Home,,\n")
    for suffix in (".csv", ".xlsx"):
        target = tmp_path / f"merged{suffix}"
        assert run("merge", tmp_path / "ed.csv", "-o", target).code == 0
        if suffix == ".csv":
            rows = list(csv.DictReader(target.read_text(encoding="utf-8-sig").splitlines()))
        else:
            sheet = load_workbook(target)["Chronology"]
            header = [c.value for c in sheet[1]]
            rows = [dict(zip(header, [c.value or "" for c in r])) for r in sheet.iter_rows(min_row=2)]
        headings = list(rows[0])
        assert headings[headings.index("Kinds") + 1:headings.index("Source file")] == ["Type", "Significance", "Key person"]
        missed = next(r for r in rows if r["Type"] == "Dressing clinic")
        assert (missed["Action / outcome"], missed["Significance"], missed["Key person"]) == ("DNA", "High", "Amy")
    assert run("merge", tmp_path / "ed.csv", "-o", tmp_path / "m.json").code == 0
    data = json.loads((tmp_path / "m.json").read_text())
    assert sorted(e["type"] for e in data["events"]) == ["Dressing clinic", "Head injury"]


def test_exports_without_optional_columns_have_the_fixed_ones_only(run, tmp_path):
    write_csv(tmp_path / "a.csv", "Date,Details\n01/03/2024,Home visit\n")
    target = tmp_path / "merged.csv"
    assert run("merge", tmp_path / "a.csv", "-o", target).code == 0
    header = target.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header == ("Event,Group,Case,Date,Time,Age,Agency,Subject,What happened,Action / outcome,Recorded by,Kinds,"
                      "Source file,Sheet,Row")


def test_terminal_table(run):
    result = run("merge", SAMPLE)
    assert result.code == 0
    assert "Integrated chronology" in result.out and "Mar 2023" in result.out
    assert "┃ Strategy discussion" in result.out  # linked entries marked


def test_refuses_to_write_over_an_input(run, tmp_path):
    path = write_csv(tmp_path / "sw.csv", "Date,Event\n01/03/2024,x\n")
    before = path.read_bytes()
    result = run("merge", path, "-o", path)
    assert result.code == 2 and "input" in result.err
    assert path.read_bytes() == before


def test_an_output_in_the_input_folder_is_refused_only_if_it_would_be_read(run, tmp_path):
    write_csv(tmp_path / "sw.csv", "Date,Event\n01/03/2024,x\n")
    for _ in range(2):  # a JSON beside the inputs is not one of them: written again with --force
        assert run("merge", tmp_path, "-o", tmp_path / "merged.json", "--force").code == 0
    assert run("merge", tmp_path, "-o", tmp_path / "merged.csv").code == 0
    result = run("merge", tmp_path, "-o", tmp_path / "merged.csv", "--force")  # now read as an input
    assert result.code == 2 and "one of the input files" in result.err


def test_people_entries_speak_of_whom_the_files_do_not_name_are_pointed_out(tmp_path):
    # "Noah seen" is the child seen only if Noah is known to be a child: the user is told, not left guessing.
    write_csv(tmp_path / "sw.csv", "Date,Details\n01/03/2025,Home visit - Noah seen. Mum said all fine.\n"
                                   "08/03/2025,Spoke to Noah at school. Neighbours reported shouting.\n"
                                   "15/03/2025,Mum answered but would not let me in. Not seen.\n")
    warned = [p for p in build_chronology([tmp_path]).problems if "speak of" in p.message]
    # (a sentence opening "Not seen." names no one called Not)
    assert len(warned) == 1 and "Noah (2)" in warned[0].message and "Mum" not in warned[0].message and "Not" not in warned[0].message
    assert "[names] Noah" in warned[0].hint
    # The warning names the file that speaks of him, not whichever file was read first.
    write_csv(tmp_path / "a_gp.csv", "Date,Details\n02/03/2025,Repeat prescription issued.\n")
    warned = [p for p in build_chronology([tmp_path]).problems if "speak of" in p.message]
    assert [p.file for p in warned] == [str(tmp_path / "sw.csv")]
    (tmp_path / "a_gp.csv").unlink()
    write_csv(tmp_path / "sw.csv", "Date,Child,Details\n01/03/2025,Noah Pike,Home visit - Noah seen.\n")
    assert not [p for p in build_chronology([tmp_path]).problems if "speak of" in p.message]
    # nor marks on the child's legs "seen" (fam210)
    write_csv(tmp_path / "sw.csv", "Date,Child,Details\n01/03/2025,Noah Pike,Marks seen on back of legs. Bruises seen by DSL.\n"
                                   "02/03/2025,Noah Pike,Clean uniform. Well presented.\n")
    assert not [p for p in build_chronology([tmp_path]).problems if "speak of" in p.message]
    # a relative spoken of by role at the start of a sentence is not a name to ask about
    write_csv(tmp_path / "school.csv", "Date,Details\n04/03/2025,Gran told us contact was missed. Granny said he was upset.\n")
    assert not [p for p in build_chronology([tmp_path]).problems if "speak of" in p.message]
    # nor is a missing-person report's "Last seen 16:00 leaving school" (fam119)
    write_csv(tmp_path / "school.csv", "Date,Details\n04/03/2025,Reported missing by mother. Last seen 16:00 leaving school.\n")
    assert not [p for p in build_chronology([tmp_path]).problems if "speak of" in p.message]
    # nor the surname of a mother the entries name with her role: "Natalia Kowal seen" (fam137)
    write_csv(tmp_path / "school.csv", "Date,Details\n04/03/2025,New birth visit. Mum Natalia Kowal seen with baby.\n"
                                       "05/03/2025,Natalia Kowal seen at clinic.\n")
    assert not [p for p in build_chronology([tmp_path]).problems if "speak of" in p.message]
    # nor a surname after a title: "Ms Dean says" names no first name [names] could place (fam139)
    write_csv(tmp_path / "school.csv", "Date,Details\n04/03/2025,Tenancy visit. Ms Dean says she lives alone. Mr. Cole said nothing.\n")
    assert not [p for p in build_chronology([tmp_path]).problems if "speak of" in p.message]


def test_unknown_output_type(run, tmp_path):
    result = run("merge", SAMPLE, "-o", tmp_path / "out.pdf")
    assert result.code == 2 and ".xlsx" in result.err


def test_atomic_write_leaves_no_temp_files(run, tmp_path):
    assert run("merge", SAMPLE, "-o", tmp_path / "m.xlsx").code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.xlsx"]


def test_xlsx_inputs_with_case_column(tmp_path):
    path = write_xlsx(tmp_path / "caseload.xlsx", {"Export": [["Case Ref", "Date", "Event"], ["C1", "01/03/2024", "x"], ["C2", "02/03/2024", "y"]]})
    events = build_chronology([path], Config(), today=TODAY).events
    assert events["case_id"].tolist() == ["C1", "C2"]


def test_terminal_shows_a_limited_number_of_rows_and_says_so(tmp_path):
    from rich.console import Console

    from chronocli.output.console import chronology_table

    path = write_csv(tmp_path / "sw.csv", "Date,Event\n" + "".join(f"01/03/2024,visit {i}\n" for i in range(30)))
    chronology = build_chronology([path], Config(), today=TODAY)
    console = Console(width=200, record=True)
    console.print(chronology_table(chronology, limit=10))
    text = console.export_text()
    assert "visit 9" in text and "visit 10" not in text
    assert "Showing the first 10 of 30 events" in " ".join(text.split())


@pytest.mark.parametrize(("period", "today", "expected"), [
    ("2y", dt.date(2024, 2, 29), dt.date(2022, 2, 28)),
    ("1m", dt.date(2024, 3, 31), dt.date(2024, 2, 29)),
    ("18m", dt.date(2024, 6, 15), dt.date(2022, 12, 15)),
    ("6w", dt.date(2024, 6, 15), dt.date(2024, 5, 4)),
    ("90d", dt.date(2024, 6, 15), dt.date(2024, 3, 17)),
])
def test_last_periods(period, today, expected):
    from chronocli.merge import parse_period

    assert parse_period(period, today) == expected


@pytest.mark.parametrize("period", ["two years", "2", "y", "99999y", "-1y"])
def test_bad_periods_are_clear_errors(period):
    from chronocli.errors import ChronoError
    from chronocli.merge import parse_period

    with pytest.raises(ChronoError):
        parse_period(period, dt.date(2024, 6, 15))


def test_terminal_table_shows_the_outcome_column_and_a_type_in_place_of_no_text(tmp_path):
    from rich.console import Console

    from chronocli.output.console import chronology_table

    path = write_csv(tmp_path / "camhs.csv", "Appt date,Type,Outcome,Notes\n"
                                             "25/10/2023,Initial assessment,DNA,\n"
                                             "22/11/2023,Initial assessment,Attended,Seen with mum. Low mood.\n")
    chronology = build_chronology([path], Config(), today=TODAY)
    console = Console(width=200, record=True)
    console.print(chronology_table(chronology))
    lines = console.export_text().splitlines()
    assert any("25/10/2023" in line and "Initial assessment → DNA" in line for line in lines)
    assert any("22/11/2023" in line and "Seen with mum. Low mood. → Attended" in line for line in lines)


def test_a_parent_named_with_her_role_in_one_family_s_entries_speaks_as_a_parent(tmp_path):
    text = ("Date,Details\n03/02/2024,Domestic at home. Mother Gemma Dunn had red marks on neck.\n"
            "06/02/2024,Home visit. Gemma said she is single and there is no partner.\n")
    events = build_chronology([write_csv(tmp_path / "police.csv", text)], Config(), today=TODAY).events
    assert "parent_account" in events["kinds"].iloc[1]
    # in a caseload a name one case gives a mother may be another case's child: not learnt
    caseload = "Case,Date,Details\nA1,03/02/2024,Mother Gemma Dunn present.\nB2,06/02/2024,Gemma said she was fine.\n"
    events = build_chronology([write_csv(tmp_path / "cases.csv", caseload)], Config(), today=TODAY).events
    assert "parent_account" not in events["kinds"].iloc[1]


def test_a_relative_bringing_the_children_up_speaks_as_their_carer(tmp_path):
    # fam106: a grandmother who is the children's special guardian; her word on the dentist is a carer's account
    text = ("Date,Details\n10/02/2025,Special guardianship - Nan (Pauline Green) caring for Kyla (7) and Jaden (4).\n"
            "16/05/2025,Home visit - Pauline said all his appointments are kept.\n")
    events = build_chronology([write_csv(tmp_path / "kinship.csv", text)], Config(), today=TODAY).events
    assert "parent_account" in events["kinds"].iloc[1]
    from chronocli.events.people import named_by_role
    assert named_by_role(["Aunt Donna, special guardian, present."]) == {"Donna": "Carer"}
    assert named_by_role(["Nan Pauline visited."]) == {}  # a relative named is not thereby the carer
    # the role in brackets with whose it is (fam124)
    assert named_by_role(["Call from Shannon Lowe (mother of Mia, 2). Partner Craig Dunn pushed her."]) == {
        "Shannon Lowe": "Mother", "Craig Dunn": "Partner"}


def test_two_parents_named_together_each_speak_as_a_parent(tmp_path):
    # fam183: a ward's 'Parents Dean and Shelby present'; her 'has not left Alfie's side' is then a parent's claim,
    # set against the ward's own record of the night before
    text = ("Date,Note\n01/06/2025,Baby Alfie (6 weeks) admitted with bronchiolitis. Parents Dean and Shelby present.\n"
            "02/06/2025,Parents not on ward since 10pm last night. Phone off.\n"
            "04/06/2025,Shelby says she has not left Alfie's side.\n")
    chronology = build_chronology([write_csv(tmp_path / "ward.csv", text)], Config(), today=TODAY)
    assert chronology.events["account_by"].tolist()[2] == "parent"
    assert not [p for p in chronology.problems if "speak of" in p.message]
    from chronocli.events.people import named_by_role
    assert named_by_role(["parents (Dean and Shelby Cole) seen", "Dean & Shelby Cole (parents) attended"]) == {
        "Dean": "Carer", "Shelby": "Carer"}
    assert named_by_role(["Parents Evening and Sports Day", "Parents Group and Stay and Play", "Parents and carers invited"]) == {}


def test_a_narrative_written_in_capitals_names_its_people_as_any_other(tmp_path):
    # fam133: a police export in capitals; the mother's statements are a parent's, the child is known by name
    text = ("Date,Narrative\n02/02/2025,\"MOTHER (CHELSEA WARD) STATED PARTNER (RYAN COLE) PUNCHED HER. CHILD KAYDEN (3) PRESENT.\"\n"
            "16/02/2025,CHELSEA STATED SHE WAS ALONE. KAYDEN SEEN.\n")
    chronology = build_chronology([write_csv(tmp_path / "police.csv", text)], Config(), today=TODAY)
    assert chronology.events["account_by"].tolist() == ["mother", "parent"]
    assert "child_seen" in chronology.events["kinds"].iloc[1]
    assert not [p for p in chronology.problems if "speak of" in p.message]


def test_every_entry_that_names_someone_with_a_role_passes_the_caseload_s_prefilter():
    # a caseload scan looks for names only in entries MAY_NAME lets through: one it missed would be read differently
    # from the same case's report (fam126: "daddy (Sean Doherty)")
    from chronocli.events.people import MAY_NAME, may_name, named_by_role
    texts = ["Aoife (9) disclosed daddy (Sean Doherty) hit her.", "Mummy Sarah came to collect.", "Mother Gemma Dunn present.",
             "Connor Webb (partner) answered.", "Shannon Lowe (mother of Mia, 2) called.", "Ethan (9, GMFCS IV) seen.",
             "Nan (Pauline Green) caring for Kyla.", "Children (Kacey 6, Brody 3) on plans.", "Mason 2y. Mum concerned.",
             "Kayleigh Ross (17), Mason's mother.", "Baby Ava born at 39 weeks.", "Client (Stacey) attended.",
             "Kerry-Ann (pregnant) said they were arguing.", "Booked at 14 weeks. Kerry-Ann Shaw, 24. Smokes.",
             "Noah, 5, cerebral palsy.", "Chantelle says her husband left.", "Parents Dean and Shelby present.",
             "Dean and Shelby (parents) attended.", "Kelly said she does not want support, relationship is over."]
    for text in texts:
        assert named_by_role([text]), text
        assert MAY_NAME.search(text), text
        assert may_name(text.upper()) and named_by_role([text.upper()]), text.upper()  # a police export in capitals


def test_a_child_named_with_an_age_or_school_year_is_known_as_a_child(tmp_path):
    text = ("Date,Details\n14/02/2024,Leo (4y, GMFCS III) attended physio with mum.\n"
            "21/05/2024,Home visit. Mum said Leo was asleep. Leo not seen.\n"
            "22/05/2024,Mum Kelly (32 yrs) attended. Kelly seen with Leo.\n")
    chronology = build_chronology([write_csv(tmp_path / "physio.csv", text)], Config(), today=TODAY)
    assert "child_not_seen" in chronology.events["kinds"].iloc[1]
    assert not any("Leo" in p.message for p in chronology.problems)
    from chronocli.events.people import named_by_role
    assert named_by_role(["Isla (8/12) weighed", "Zac (Y3) had a seizure", "Kelly (32 yrs)", "Stretches (10 mins)",
                          "Chloe Benn (14) reported missing by father Darren Benn", "Darren Benn (35)", "Bay (4)", "moved to bay 6"]) == {
        "Isla": "Child", "Zac": "Child", "Chloe": "Child", "Darren Benn": "Father", "Kelly": "Adult"}
    assert named_by_role(["ICPC. Children (Kacey 6, Brody 3) subject to CP plans", "Seen on ward (Bay 2, Bed 4)"]) == {
        "Kacey": "Child", "Brody": "Child"}  # ages listed after 'children', not places
    # a bare age with a note after it (fam122), not a room's number and bed
    assert named_by_role(["Physio visit. Ethan (9, GMFCS IV) seen.", "Seen in Room (2, Bed 4)", "moved to room 3"]) == {"Ethan": "Child"}
    # one word and a bare number: a child's name unless the files write the word in lower case
    assert named_by_role(["Concerns re Ellie (7) - bruising", "Met in Room (12)", "moved to room 3"]) == {"Ellie": "Child"}
    # a clinical note opening with the patient and age
    assert named_by_role(["Mason 2y. Mum concerned re speech.", "Kelly 32 years old attended", "Page 3 of 4"]) == {
        "Mason": "Child"}
    # an adult's age, minutes, or a bare number after one word ("Bay (4)") name no child
    # an adult's age names an adult, not the child: so "Chantelle seen alone. She says" is a parent speaking
    assert named_by_role(["Booked at 25 weeks. Chantelle (19) disclosed cannabis use", "moved to Ward (24)", "Ward (24)"]) == {
        "Chantelle": "Adult"}
    # a woman named as pregnant is the mother-to-be, and a full name with an adult's age an adult (fam141); not a ward
    # and bed, nor a child's age
    assert named_by_role(["Both intoxicated. Kerry-Ann (pregnant) said they were arguing.", "Booked. Dylan Hart, 27. Smokes.",
                          "Seen on Ward 24, Bay 3", "Tyler Smith, 15, seen", "Weight 24.5kg"]) == {"Kerry-Ann": "Mother", "Dylan": "Adult"}
    # the relative a child is placed with, or a kinship carer named so in brackets, is a carer (fam144)
    assert named_by_role(["Kinship placement with maternal aunt Donna Price.", "Lives with his nan Pauline (kinship carer).",
                          "Met aunt Sharon at the shops."]) == {"Donna Price": "Carer", "Pauline": "Carer"}
    # a hyphenated first name is one name, not its second half
    assert named_by_role(["Ellie-May (7) seen at school", "Mum (Jade-Louise) present", "Baby Lacey-Mae weighed"]) == {
        "Ellie-May": "Child", "Jade-Louise": "Mother", "Lacey-Mae": "Child"}
    # a drug service's client is the parent it works with, and mum's boyfriend named in passing a partner
    assert named_by_role(["Client (Stacey) reports using crack", "She said mummy's boyfriend Dean made tea"]) == {
        "Stacey": "Carer", "Dean": "Partner"}
    # a child named after a capitalised word that names no one
    assert named_by_role(["Home visit. Children Mia (7) and Alfie (4) seen."]) == {"Mia": "Child", "Alfie": "Child"}
    # the role in brackets after the name, as police logs and integrated chronologies write it
    assert named_by_role(["S: Connor Webb (partner). Children (Ava 4 and Leo 2) asleep", "Gemma (mum) present"]) == {
        "Connor Webb": "Partner", "Gemma": "Mother", "Ava": "Child", "Leo": "Child"}
    # a clinical note opening with the patient and a bare age between commas (fam148), checked as "Ellie (7)" is
    assert named_by_role(["Noah, 5, cerebral palsy. Second WNB.", "Smith, 12, High Street", "12 smith road"]) == {"Noah": "Child"}
    # someone speaking of their own partner is an adult (fam147), unless named elsewhere as a child
    assert named_by_role(["Victim Chantelle Moss states partner Ricky Grant pushed her."]) == {
        "Chantelle Moss": "Adult", "Ricky Grant": "Partner"}
    assert named_by_role(["Keira (15) said her partner picks her up from school."]) == {"Keira": "Child"}
    # speaking of her relationship as over, as an IDVA records it (fam205); not a child named as one
    assert named_by_role(["IDVA call to Kelly. Kelly said she does not want support, relationship is over."]) == {"Kelly": "Adult"}
    assert named_by_role(["Kelly says the relationship with Marcus has ended"]) == {"Kelly": "Adult"}
    assert named_by_role(["Keira (15) said her relationship is over.", "Keira said it was over"]) == {"Keira": "Child"}


def test_a_young_parent_named_with_her_age_is_a_parent_and_an_older_teenager_read_as_a_child_is_pointed_out(tmp_path):
    from chronocli.events.people import named_by_role
    # a parent, whatever the age, when the entries say so beside it
    assert named_by_role(["Kayleigh Ross (17), Mason's mother, seen at clinic", "Tyler (16) is pregnant", "Jack (17), dad to Ava"]) == {
        "Kayleigh": "Mother", "Tyler": "Mother", "Jack": "Father"}
    assert named_by_role(["Chloe (15) has a boyfriend who is 19"]) == {"Chloe": "Child"}  # a child with a boyfriend
    # a 17-year-old named only with her age is read as a child; the user is told, with how to say otherwise
    text = ("Date,Details\n02/02/2024,Police attended. Kayleigh Ross (17) with facial injury. Baby Mason in cot.\n"
            "01/03/2024,HV visit. Kayleigh says she is single.\n")
    path = write_csv(tmp_path / "hv.csv", text)
    chronology = build_chronology([path], Config(), today=TODAY)
    warned = [p for p in chronology.problems if "read as a child" in p.message]
    assert [(p.value, p.file) for p in warned] == [("Kayleigh Ross (17)", str(path))]
    assert '[names] Kayleigh = "Mother"' in warned[0].hint
    assert "child_account" in chronology.events["kinds"].iloc[1]
    # told who she is, the tool reads her words as a parent's and says nothing more
    chronology = build_chronology([path], Config(names={"Kayleigh": "Mother"}), today=TODAY)
    assert not [p for p in chronology.problems if "read as a child" in p.message]
    assert "parent_account" in chronology.events["kinds"].iloc[1]


def test_a_child_named_with_a_child_s_role_is_known_as_a_child(tmp_path):
    text = ("Date,Details\n08/03/2024,Baby Ava born at 39 weeks.\n12/03/2024,New birth visit. Ava seen.\n"
            "13/03/2024,Baby Massage group - mum attended.\n")
    chronology = build_chronology([write_csv(tmp_path / "midwifery.csv", text)], Config(), today=TODAY)
    assert "child_seen" in chronology.events["kinds"].iloc[1]
    assert not any("Ava" in p.message for p in chronology.problems)  # no longer an unknown person


def test_a_register_s_sessions_attended_of_sessions_booked_are_read_as_attendance(tmp_path):
    # fam156: a nursery's weekly register; each week's figure is added to its entry, read and shown as attendance
    text = ("Week commencing,Sessions booked,Sessions attended,Notes\n"
            "06/01/2025,10,4,\"Absent Mon-Wed, mum said poorly.\"\n"
            "20/01/2025,10,12,\n"  # more attended than booked: a slip, not 120%
            "27/01/2025,,,\"Closed for training.\"\n")
    chronology = build_chronology([write_csv(tmp_path / "nursery_register.csv", text)], Config(), today=TODAY)
    events = chronology.events.sort_values("date")
    assert events["text"].tolist() == ["Absent Mon-Wed, mum said poorly. | Attendance: 4 of 10 sessions (40%)", "",
                                       "Closed for training."]
    assert events["value"].tolist()[0] == 40.0 and events["area"].tolist()[0] == "school_attendance"
    [note] = [p for p in chronology.problems if "hold a register" in p.message]
    assert "'Sessions attended' and 'Sessions booked'" in note.message and note.level == "warning"
    # a register with no notes at all is still a chronology: its figures are its entries
    bare = tmp_path / "bare"
    bare.mkdir()
    write_csv(bare / "register.csv", "Date,Days possible,Days present\n06/01/2025,5,2\n13/01/2025,5,5\n")
    read = build_chronology([bare], Config(), today=TODAY).events.sort_values("date")
    assert read["text"].tolist() == ["Attendance: 2 of 5 sessions (40%)", "Attendance: 5 of 5 sessions (100%)"]
    # named as something else, the columns are left as they are
    kept = build_chronology([tmp_path / "nursery_register.csv"], Config(columns={"Sessions attended": "significance"}),
                            today=TODAY).events
    assert not kept["text"].str.contains("Attendance").any()
