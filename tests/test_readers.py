"""Reading agency files the way they arrive: encodings, delimiters, title rows, sheets, provenance."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from chronocli.config import Config
from chronocli.events.classify import Classifier
from chronocli.read.load import load_inputs
from tests.conftest import TODAY, write_csv, write_xlsx


def load(*paths, config=None, sheet=None):
    return load_inputs(list(paths), config or Config(), sheet=sheet, today=TODAY)


def test_utf8_comma(tmp_path):
    f = write_csv(tmp_path / "school.csv", "Date,Event\n03/03/2024,Pupil absent – mum said ill\n")
    loaded = load(f)
    assert loaded.events["text"].tolist() == ["Pupil absent – mum said ill"]
    assert loaded.sheets[0].encoding == "UTF-8" and loaded.sheets[0].delimiter == ","


def test_utf8_with_bom_semicolon(tmp_path):
    f = write_csv(tmp_path / "hv.csv", "\ufeffDate;Details\n03/03/2024;Home visit; all well\n", "utf-8")
    loaded = load(f)
    assert loaded.sheets[0].encoding == "UTF-8 with BOM"
    assert loaded.sheets[0].delimiter == ";"
    assert list(loaded.events.columns[:1]) and loaded.sheets[0].columns == {"Date": "date", "Details": "text"}


def test_windows_1252(tmp_path):
    f = write_csv(tmp_path / "gp.csv", "Date,Event\n03/03/2024,Mum paid £5 – “late” fee\n", "cp1252")
    loaded = load(f)
    assert loaded.sheets[0].encoding == "Windows-1252"
    assert loaded.events["text"].iloc[0] == "Mum paid £5 – “late” fee"


def test_tab_delimited(tmp_path):
    f = write_csv(tmp_path / "police.csv", "Date\tSummary\tOfficer\n03/03/2024\tDA incident, shouting\tPC 1\n")
    loaded = load(f)
    assert loaded.sheets[0].delimiter == "\t"
    assert loaded.events["text"].iloc[0] == "DA incident, shouting"


def test_quoted_multiline_cells_keep_spreadsheet_row_numbers(tmp_path):
    text = 'Date,Event\n01/03/2024,"first line\nsecond line"\n02/03/2024,next\n'
    loaded = load(write_csv(tmp_path / "sw.csv", text))
    assert loaded.events["text"].tolist() == ["first line\nsecond line", "next"]
    # A spreadsheet shows the multi-line cell as one row: row 2, then row 3.
    assert loaded.events["row"].tolist() == [2, 3]


def test_title_rows_blank_rows_and_footer(tmp_path):
    text = ("Nursery chronology for Child A\n\n"
            "Date,Event,Action,,\n"
            "01/03/2024,Child arrived late,,,\n"
            ",,,,\n"
            "05/03/2024,Absent,,,\n"
            "Printed 12/07/2024 by jsmith,,,,\n"
            "Page 1 of 1,,,,\n")
    loaded = load(write_csv(tmp_path / "nursery.csv", text))
    assert loaded.events["row"].tolist() == [4, 6]
    skipped = {(p.row, p.level) for p in loaded.problems}
    assert skipped == {(1, "skipped"), (7, "skipped"), (8, "skipped")}
    info = loaded.sheets[0]
    assert (info.header_row, info.blank_rows, info.rows_read) == (3, 1, 2)


def test_a_title_block_with_label_cells_is_not_taken_for_the_header(tmp_path):
    text = ("Health Visiting Chronology,,,\n"
            "Child:,Kayla Morrow,Date:,01/12/2024\n"  # names a date and a subject, but no text column
            "Case Ref:,C123,,\n,,,\n"
            "Date,Contact Type,Narrative,HV\n"
            "03/09/2024,Home visit,Kayla seen alone,HV Patel\n")
    loaded = load(write_csv(tmp_path / "hv.csv", text))
    assert loaded.sheets[0].header_row == 5 and loaded.events["text"].tolist() == ["Kayla seen alone"]
    skipped = {p.row: p.value for p in loaded.problems if p.level == "skipped"}
    assert skipped == {1: "Health Visiting Chronology", 2: "Child: · Kayla Morrow · Date: · 01/12/2024", 3: "Case Ref: · C123"}


def test_a_header_written_on_two_rows_is_read_as_one(tmp_path):
    # fam130: "Contact" over "Date" and "Time", beside "Agency", "Details" and "Outcome / action" on the row above
    rows = [["Multi-agency chronology - Zara Hussain", None, None, None, None],
            ["Contact", None, "Agency", "Details", "Outcome / action"],
            ["Date", "Time", None, None, None],
            [dt.datetime(2025, 3, 3), "09:15", "School", "Zara arrived with a burn mark on her hand.", "DSL informed"],
            [dt.datetime(2025, 3, 4), "14:00", "Children's Social Care", "Strategy discussion.", ""]]
    loaded = load(write_xlsx(tmp_path / "chronology.xlsx", {"Chronology": rows}))
    assert loaded.events["text"].tolist() == ["Zara arrived with a burn mark on her hand.", "Strategy discussion."]
    assert loaded.events["agency"].tolist() == ["School", "Children's Social Care"]
    assert loaded.events["time"].tolist() == ["09:15", "14:00"] and loaded.events["action"].iloc[0] == "DSL informed"
    skipped = {p.row: p.message for p in loaded.problems if p.level == "skipped"}
    assert skipped == {1: "title or note above the header; not an event",
                       2: "the upper of two header rows: its headings are read with the row below"}
    # a table whose lower header row names everything needs no joining: the upper row is a title
    text = "Health chronology,,\nDate,Details,Worker\n03/03/2025,Home visit,HV\n"
    loaded = load(write_csv(tmp_path / "hv.csv", text))
    assert loaded.sheets[0].header_row == 2 and loaded.events["text"].tolist() == ["Home visit"]


def test_an_appointment_list_with_a_yes_or_no_attendance_column_says_what_each_answer_means(tmp_path):
    # fam134: a GP's appointment list, "Reason" for what the appointment was and "Attended (Y/N)"
    text = ("Appt Date,Clinician,Reason,Attended (Y/N)\n03/02/2025,Practice Nurse,8 week imms - Ava,N\n"
            "03/03/2025,GP,6-8 week check - Ava,Y\n")
    loaded = load(write_csv(tmp_path / "gp.csv", text))
    assert loaded.events["text"].tolist() == ["8 week imms - Ava: Did not attend", "6-8 week check - Ava: Attended"]
    assert any("Y read as 'Attended', N as 'Did not attend'" in p.message for p in loaded.problems)
    # a column that asks whether the appointment was missed: yes is the miss
    text = "Date,Appointment,DNA?\n03/02/2025,Dental check,Yes\n10/03/2025,Dental check,No\n"
    loaded = load(write_csv(tmp_path / "dental.csv", text))
    assert loaded.events["text"].tolist() == ["Dental check: Did not attend", "Dental check: Attended"]


def test_an_assessment_column_is_the_rows_type_and_names_a_graded_care_profile_score(tmp_path):
    # fam193: "Assessment | GCP2", "Notes | Overall grade 4": the profile named only in the type column
    text = ("Date,Assessment,Notes\n2025-01-13,GCP2,\"Overall grade 4. Physical care poor.\"\n"
            "2025-02-03,GCP2,\"Overall grade 2. Home clean.\"\n2025-02-06,RCPC,\"Review conference.\"\n")
    loaded = load(write_csv(tmp_path / "gcp.csv", text))
    assert loaded.sheets[0].columns == {"Date": "date", "Assessment": "kind", "Notes": "text"}
    classifier = Classifier()
    readings = [classifier.read(t, k) for t, k in zip(loaded.events["text"], loaded.events["kind"])]
    assert [(r.area, r.value) for r in readings] == [("graded_care", 4.0), ("graded_care", 2.0), ("", None)]


def test_a_lone_type_column_of_sentences_is_the_entry_text_and_one_of_types_a_list_of_appointments(tmp_path):
    # fam173: a police log whose one column, "Occurrence", holds what happened
    text = ("Date,Occurrence\n2025-03-03,\"Report from school: Ethan (9) has linear bruises to back of legs.\"\n"
            "2025-03-03,\"Father interviewed voluntarily. States Ethan fell off his bike at the skate park.\"\n")
    loaded = load(write_csv(tmp_path / "police.csv", text))
    assert loaded.events["text"].tolist()[0] == "Report from school: Ethan (9) has linear bruises to back of legs."
    assert [p.message for p in loaded.problems] == [
        "column 'Occurrence' read as the entry text from its cells, sentences rather than a list of types"]
    # and a housing officer's "Action" column, an outcome column elsewhere, when it holds sentences (fam180)
    text = ("Date,Officer,Action\n2025-02-20,HO,\"Forced entry for gas safety. Property in very poor condition, dog faeces on floor.\"\n"
            "2025-03-20,HO,\"Follow-up visit. Property much improved, cleaned and new beds delivered.\"\n")
    loaded = load(write_csv(tmp_path / "housing.csv", text))
    assert loaded.events["text"].tolist()[1] == "Follow-up visit. Property much improved, cleaned and new beds delivered."
    assert [p.message for p in loaded.problems] == [
        "column 'Action' read as the entry text from its cells, sentences rather than a list of types"]
    # a clinic's list of contact types is still read as one, and said so
    loaded = load(write_csv(tmp_path / "clinic.csv", "Date,Occurrence\n2025-03-03,DNA\n2025-03-10,Home visit\n"))
    assert loaded.events["text"].tolist() == ["DNA", "Home visit"]
    assert any("a list of appointments and outcomes" in p.message for p in loaded.problems)


def test_an_entry_split_over_rows_mid_sentence_is_joined_and_an_undated_entry_is_not(tmp_path):
    # a chronology converted from PDF: a long entry's text runs on to the next row, alone, mid-sentence
    text = ("Date,Agency,Entry\n03/03/2025,SW,Home visit. Mum said Tyler has moved out and\n"
            ",,she has changed the locks. Children seen.\n,,later the same day she rang.\n"
            "10/03/2025,Police,Tyler found at the address at 02:00.\n,,Undated: neighbour reported shouting.\n")
    loaded = load(write_csv(tmp_path / "sw.csv", text))
    assert loaded.events["text"].tolist() == [
        "Home visit. Mum said Tyler has moved out and she has changed the locks. Children seen.",
        "later the same day she rang.", "Tyler found at the address at 02:00.", "Undated: neighbour reported shouting."]
    assert loaded.events["row"].tolist() == [2, 4, 5, 6]
    joined = [p for p in loaded.problems if "runs on to this row" in p.message]
    assert [(p.row, p.level) for p in joined] == [(3, "skipped")] and "row 2's entry" in joined[0].message
    # the others cannot be placed in time: kept, undated, and reported
    assert sorted(p.row for p in loaded.problems if p.level == "error") == [4, 6]


def test_two_columns_with_one_heading_say_which_was_read(tmp_path):
    loaded = load(write_csv(tmp_path / "sw.csv", "Date,Date,Notes\n03/03/2025,04/03/2025,Home visit\n"))
    assert loaded.events["date"].iloc[0] == pd.Timestamp(2025, 3, 3)
    warned = [p for p in loaded.problems if "two columns are headed 'Date'" in p.message]
    assert len(warned) == 1 and "column A is read as the event date; column B is kept" in warned[0].message


def test_the_child_a_title_block_names_is_whom_every_entry_is_about(tmp_path):
    # The block above (label and name in two cells) names Kayla; the sheet has no subject column.
    text = ("Health Visiting Chronology,,,\n"
            "Child:,Kayla Morrow,Date:,01/12/2024\n"
            "Date,Contact Type,Narrative,HV\n"
            "03/09/2024,Home visit,Kayla seen alone,HV Patel\n04/10/2024,Clinic,Weighed,HV Patel\n")
    loaded = load(write_csv(tmp_path / "hv.csv", text))
    assert loaded.events["subject"].tolist() == ["Kayla Morrow", "Kayla Morrow"]
    warned = [p for p in loaded.problems if p.level == "warning"]
    assert len(warned) == 1 and "about Kayla Morrow" in warned[0].message


@pytest.mark.parametrize("title", [
    "Children: Kayla and Mia Morrow",  # more than one child: entries are not all about one of them
    "Morrow household - GP significant events",  # no label naming a child
    "Worker name: Sam Patel",  # a worker, not the child
    "Re: The Morrow Family",  # a family, not one child
    "Re: Safeguarding Concerns",  # capitalised words that are not a child
    "Child: Kayla",  # a first name alone is too little to say whom every entry is about
])
def test_a_title_that_names_no_one_child_leaves_the_subject_empty(tmp_path, title):
    loaded = load(write_csv(tmp_path / "hv.csv", f"{title}\nDate,Narrative\n03/09/2024,Home visit\n"))
    assert loaded.events["subject"].tolist() == [""]


@pytest.mark.parametrize("title", [
    "Hospital ED attendances - Kayla Morrow (DOB 14/06/2022)",
    "Social Care Chronology Kayla Morrow DOB 14/06/2022",
    "Kayla Morrow, d.o.b. 14.06.2022",
])
def test_a_name_before_a_date_of_birth_is_the_child(tmp_path, title):
    # An attendance list headed with the child's name and date of birth, and no "Child:" label.
    loaded = load(write_csv(tmp_path / "ed.csv", f'"{title}"\nDate,Narrative\n03/09/2024,Head injury\n'))
    assert loaded.events["subject"].tolist() == ["Kayla Morrow"]


@pytest.mark.parametrize("title", [
    "Mother: Leanne Morrow (DOB 02/03/1995)",  # a parent's date of birth
    "Kayla Morrow (DOB 14/06/2022) and Mia Morrow (DOB 01/02/2024)",  # two children
    "The Morrow Family DOB",
])
def test_a_date_of_birth_that_names_no_one_child_leaves_the_subject_empty(tmp_path, title):
    loaded = load(write_csv(tmp_path / "ed.csv", f'"{title}"\nDate,Narrative\n03/09/2024,Head injury\n'))
    assert loaded.events["subject"].tolist() == [""]


def test_a_measurement_column_is_read_with_the_entry(tmp_path):
    # A school's weekly export: the figure is in a column of its own, and "Week ending" is the date.
    text = "Week ending,Attendance %,Notes\n06/09/2024,61%,Late most days\n20/09/2024,64,\n04/10/2024,,Better\n"
    loaded = load(write_csv(tmp_path / "school.csv", text))
    assert loaded.events["date"].dt.day.tolist() == [6, 20, 4]
    assert loaded.events["text"].tolist() == ["Late most days | Attendance %: 61%", "Attendance %: 64%", "Better"]
    assert any(p.level == "warning" and "measurement" in p.message for p in loaded.problems)


def test_a_spreadsheets_percentage_cell_is_read_as_a_percentage(tmp_path):
    f = write_xlsx(tmp_path / "school.xlsx", {"Attendance": [["Date", "Attendance %", "Notes"], ["06/09/2024", 0.61, "Late"]]})
    assert load(f).events["text"].tolist() == ["Late | Attendance %: 61%"]


def test_a_subject_column_wins_over_the_title(tmp_path):
    text = "Child: Kayla Morrow\nDate,Child,Narrative\n03/09/2024,Mia Morrow,Home visit\n"
    assert load(write_csv(tmp_path / "hv.csv", text)).events["subject"].tolist() == ["Mia Morrow"]


def test_undated_row_is_kept_and_reported(tmp_path):
    text = "Date,Event\n01/03/2024,Visit\nsometime,Visit again\n31/02/2024,Impossible\n"
    loaded = load(write_csv(tmp_path / "sw.csv", text))
    assert len(loaded.events) == 3
    assert loaded.events["date"].isna().tolist() == [False, True, True]
    errors = [(p.row, p.column, p.value) for p in loaded.problems if p.level == "error"]
    assert errors == [(3, "Date", "sometime"), (4, "Date", "31/02/2024")]


def test_month_first_file_is_detected_and_said(tmp_path):
    text = "Date,Event\n03/25/2024,Visit\n04/02/2024,Visit\n"
    loaded = load(write_csv(tmp_path / "us.csv", text))
    assert loaded.events["date"].dt.date.tolist() == [dt.date(2024, 3, 25), dt.date(2024, 4, 2)]
    assert any("month-first" in p.message and p.level == "warning" for p in loaded.problems)


def test_mixed_day_and_month_first_is_not_guessed(tmp_path):
    text = "Date,Event\n03/25/2024,Visit\n25/03/2024,Visit\n"
    loaded = load(write_csv(tmp_path / "mixed.csv", text))
    assert loaded.events["date"].isna().tolist() == [True, False]


def test_header_aliases_and_extras_kept(tmp_path):
    text = "Case Ref,Date of Event,Time,Patient,Source,Author,Event/Incident,Outcome,Ward\nC1,01/03/2024,14:30,Child A,A&E,Dr X,Head injury,Admitted,Ward 4\n"
    loaded = load(write_csv(tmp_path / "hospital.csv", text))
    row = loaded.events.iloc[0]
    assert (row["case_id"], row["time"], row["subject"], row["agency"], row["recorded_by"], row["text"], row["action"]) == (
        "C1", "14:30", "Child A", "A&E", "Dr X", "Head injury", "Admitted")
    assert row["extra:Ward"] == "Ward 4"


def test_more_export_spellings_of_type_worker_and_case(tmp_path):
    text = "NHS No.,Date,Type of Contact,Contact Notes,Worker Name\n485 777,01/03/2024,Home visit,Mum seen,SW Reyes\n"
    row = load(write_csv(tmp_path / "hv.csv", text)).events.iloc[0]
    assert (row["case_id"], row["kind"], row["text"], row["recorded_by"]) == ("485 777", "Home visit", "Mum seen", "SW Reyes")


def test_bilingual_and_welsh_headers_are_read(tmp_path):
    # a Welsh local authority's export: each header in Welsh and English; a school's in Welsh alone
    text = 'Dyddiad / Date,Math / Type,Manylion / Details\n03/02/2025,Home visit,"Ffion seen alone."\n'
    row = load(write_csv(tmp_path / "social_services.csv", text)).events.iloc[0]
    assert (row["date"].isoformat()[:10], row["kind"], row["text"]) == ("2025-02-03", "Home visit", "Ffion seen alone.")
    row = load(write_csv(tmp_path / "ysgol.csv", "Dyddiad,Manylion\n31/01/2025,Ffion upset.\n")).events.iloc[0]
    assert row["text"] == "Ffion upset."


def test_a_list_of_meetings_and_their_minutes_is_read(tmp_path):
    # fam115: core group minutes, "Date, Meeting, Minutes"; the minutes are what happened (read from the header's
    # word only when no other column holds entry text: "Minutes" may elsewhere be a call's length)
    row = load(write_csv(tmp_path / "core_groups.csv", "Date,Meeting,Minutes\n05/02/2025,Core group,Home conditions improved.\n")).events.iloc[0]
    assert (row["kind"], row["text"]) == ("Core group", "Home conditions improved.")
    row = load(write_csv(tmp_path / "calls.csv", "Date,Notes,Minutes\n05/02/2025,Phoned mum.,12\n")).events.iloc[0]
    assert row["text"] == "Phoned mum." and row["extra:Minutes"] == "12"


def test_a_header_whose_parts_name_two_fields_names_neither():
    from chronocli.read.headers import canonical_for

    assert canonical_for("Action / Comments") is None  # which one it holds is the user's to say (--map)
    assert canonical_for("Outcome | Canlyniad") == "action"


def test_common_case_note_spellings_are_read_without_asking(tmp_path):
    text = "Date Recorded,Pupil Name,Case Note,Worker\n01/03/2024,Kayla Morrow,Home visit,SW T. Reyes\n"
    loaded = load(write_csv(tmp_path / "social_care.csv", text))
    row = loaded.events.iloc[0]
    assert (row["date"], row["subject"], row["text"]) == (pd.Timestamp(2024, 3, 1), "Kayla Morrow", "Home visit")
    assert not [p for p in loaded.problems if p.level == "warning"]


def test_a_school_safeguarding_log_names_its_pupil_in_a_student_column(tmp_path):
    """A CPOMS export: 'Student', 'Incident', 'Categories', 'Date/Time', 'Actions'. The pupil's hyphenated first
    name is then known as the child's, so what she said is her account."""
    from chronocli.events.annotate import child_names_from

    text = ("Student,Incident,Categories,Date/Time,Status,Actions,Reported by\n"
            "Ellie-May Burke,Ellie-May said there was no dinner last night.,Disclosure,2025-01-27T11:15:00,Open,"
            "Mum contacted - she said Ellie-May had pasta and is making it up.,Mr J Okafor (DSL)\n")
    loaded = load(write_csv(tmp_path / "CPOMS export - Riverside Primary.csv", text))
    row = loaded.events.iloc[0]
    assert (row["subject"], row["agency"], row["action"]) == ("Ellie-May Burke", "Riverside Primary",
                                                              "Mum contacted - she said Ellie-May had pasta and is making it up.")
    # who reported it may be a member of the public in other systems' logs: kept, not taken for the worker
    assert row["extra:Reported by"] == "Mr J Okafor (DSL)"
    assert row["date"] == pd.Timestamp(2025, 1, 27)
    assert child_names_from(loaded.events) == ("ellie-may",)


def test_a_clinic_list_s_attendance_column_of_outcomes_is_the_outcome_not_a_measurement(tmp_path):
    text = ("Date,Clinic,Attendance,Comments\n04/12/2024,Orthopaedic clinic,DNA,\n"
            "15/01/2025,Wheelchair services,DNA,Fitting not completed\n12/03/2025,Orthopaedic clinic,Attended,Surgical review\n")
    loaded = load(write_csv(tmp_path / "hospital.csv", text))
    assert loaded.events["action"].tolist() == ["DNA", "DNA", "Attended"]
    assert loaded.events["kind"].tolist() == ["Orthopaedic clinic", "Wheelchair services", "Orthopaedic clinic"]
    assert "Attendance" not in " ".join(loaded.events["text"])  # not added to the text as a figure
    assert any("outcome" in p.message and p.column == "Attendance" for p in loaded.problems)
    # a school's attendance figures stay a measurement
    figures = load(write_csv(tmp_path / "school.csv", "Date,Entry,Attendance\n01/03/2024,Autumn term,84%\n"))
    assert figures.events["text"].iloc[0] == "Autumn term | Attendance: 84%"


def test_a_police_log_s_log_column_is_the_entry_text(tmp_path):
    loaded = load(write_csv(tmp_path / "police.csv", "Date,Ref,Log\n03/02/2024,DA/1123,DA incident at home address.\n"))
    assert loaded.events["text"].tolist() == ["DA incident at home address."]


def test_a_drug_testing_list_s_attendance_is_the_outcome_and_its_result_is_read_with_the_text(tmp_path):
    """'Attendance' (Attended, DNA) beside 'Result' (Positive - cocaine): the result is no contact outcome but what
    the test found, so it is read with the entry, and a positive result is a relapse."""
    text = ("Date,Appointment,Attendance,Result,Keyworker notes\n30/01/2024,Drug test,Attended,Positive - cocaine; cannabis,Oral fluid test.\n"
            "13/02/2024,Keywork session,DNA,,Phoned - no answer.\n27/02/2024,Drug test,Attended,Negative,Oral fluid test.\n")
    loaded = load(write_csv(tmp_path / "cgl.csv", text))
    assert loaded.events["action"].tolist() == ["Attended", "DNA", "Attended"]
    assert loaded.events["text"].tolist() == ["Oral fluid test. | Result: Positive - cocaine; cannabis", "Phoned - no answer.",
                                              "Oral fluid test. | Result: Negative"]
    assert "relapse" in Classifier().classify(loaded.events["text"].iloc[0]).kinds
    # a "Result" column of outcomes stays the outcome, beside an attendance figure
    clinic = load(write_csv(tmp_path / "clinic.csv", "Date,Entry,Result,Attendance\n01/03/2024,Review,DNA,84%\n"))
    assert clinic.events["action"].tolist() == ["DNA"] and clinic.events["text"].tolist() == ["Review | Attendance: 84%"]


def test_a_contact_centre_s_session_log_is_read_without_asking(tmp_path):
    """'Session date' is the date; 'Session outcome' says what kind of contact it was (a session not attended is a
    missed contact even when the comments only say the parent did not come); 'Clinical note' is the entry text."""
    from chronocli.pipeline import build_chronology

    log = write_csv(tmp_path / "contact centre.csv", "Session date,Session outcome,Comments\n21/02/2024,DNA,Ellis waited 30 minutes.\n"
                    "26/02/2024,Attended,Warm interaction.\n")
    ward = write_csv(tmp_path / "paediatrics.csv", "Date,Clinical note\n16/02/2024,Ward observation: eating full meals.\n")
    chronology = build_chronology([log, ward], Config(), today=TODAY)
    events = chronology.events.sort_values("date")
    assert events["text"].tolist() == ["Ward observation: eating full meals.", "Ellis waited 30 minutes.", "Warm interaction."]
    assert events["kind"].tolist() == ["", "DNA", "Attended"]
    assert "did_not_attend" in events["kinds"].iloc[1] and "attended" in events["kinds"].iloc[2]
    assert not [p for p in chronology.problems if p.level == "warning"]


def test_a_hospital_outpatient_list_s_status_codes_are_each_appointment_s_outcome(tmp_path):
    """FNA (failed to attend), CNA (could not attend), WNB and 'Hospital Cancelled' in an 'Attendance Status' column,
    under an 'Appt Date': read without asking, each as the outcome it is."""
    from chronocli.pipeline import build_chronology

    text = ("Appt Date,Specialty,Attendance Status,Comments\n24/01/2024,Dietetics,FNA,\n"
            "07/02/2024,Neurology,CNA,Mum rang on the day.\n14/02/2024,Dietetics,WNB,Second WNB.\n"
            "21/02/2024,Gastroenterology,Hospital Cancelled,Consultant on leave.\n13/03/2024,Neurology,Attended,Seen with dad.\n")
    chronology = build_chronology([write_csv(tmp_path / "outpatients.csv", text)], Config(), today=TODAY)
    events = chronology.events.sort_values("date")
    assert events["action"].tolist() == ["FNA", "CNA", "WNB", "Hospital Cancelled", "Attended"]
    expected = ["did_not_attend", "cancelled_by_family", "was_not_brought", "cancelled_by_agency", "attended"]
    assert [kind in kinds for kind, kinds in zip(expected, events["kinds"])] == [True] * 5
    assert not [p for p in chronology.problems if p.level == "warning"]


def test_a_needed_column_is_taken_from_its_words_and_the_guess_is_said(tmp_path):
    text = "Date Visit Took Place,Child's Full Name,Case Note Summary,Worker\n01/03/2024,Kayla Morrow,Home visit,SW\n"
    loaded = load(write_csv(tmp_path / "social_care.csv", text))
    row = loaded.events.iloc[0]
    assert (row["date"], row["subject"], row["text"]) == (pd.Timestamp(2024, 3, 1), "Kayla Morrow", "Home visit")
    warned = {p.column: p.message for p in loaded.problems if p.level == "warning"}
    assert set(warned) == {"Date Visit Took Place", "Child's Full Name", "Case Note Summary"}
    assert "entry text" in warned["Case Note Summary"] and "event date" in warned["Date Visit Took Place"]
    assert not [p for p in loaded.problems if p.level == "skipped"]  # a guess is not a skipped row


@pytest.mark.parametrize("headers, missing", [
    ("Date,Child,Worker Notes,Manager Comments", "text"),  # two columns could be the text: the tool asks
    ("Child,Date of Birth,Details", "date"),  # a birth date is never an event's date
    ("Date,Worker Name,Details", None),  # a worker's name is not the child's
])
def test_words_do_not_guess_between_candidates_or_from_the_wrong_kind_of_column(tmp_path, headers, missing):
    f = write_csv(tmp_path / "sw.csv", f"{headers}\n01/03/2024,Kayla,Home visit,x\n")
    if missing is None:
        loaded = load(f)
        assert loaded.events["subject"].tolist() == [""] and loaded.events["recorded_by"].tolist() == ["Kayla"]
        return
    errors = [p.message for p in load(f).problems if p.level == "error"]
    assert errors and f"no recognisable {missing} column" in errors[0]


def test_a_header_naming_an_event_is_the_text(tmp_path):
    loaded = load(write_csv(tmp_path / "housing.csv", "Date,Tenancy event\n12/07/2023,Family moved to 4 Elm Close\n"))
    assert loaded.events["text"].tolist() == ["Family moved to 4 Elm Close"]
    assert [p.column for p in loaded.problems if p.level == "warning"] == ["Tenancy event"]


def test_a_missing_text_column_is_named_when_the_date_column_was_found(tmp_path):
    # Only "Date" is recognised: the error says the text column is missing, not "date or text", and the hint
    # asks for the text column.
    problems = load(write_csv(tmp_path / "housing.csv", "Date,Tenancy\n12/07/2023,Family moved\n")).problems
    errors = [p for p in problems if p.level == "error"]
    assert errors and "no recognisable text column" in errors[0].message
    assert '--map "HEADER=text"' in errors[0].hint
    # what was recognised is said as such, not offered as a "closest" guess
    assert "Read as: Date = date." in errors[0].hint and "'Date' ~" not in errors[0].hint


def test_a_gp_consultation_column_is_the_text(tmp_path):
    loaded = load(write_csv(tmp_path / "gp.csv", "Date,Patient,Consultation\n2024-02-19,Lily Ward,Seen with mum\n"))
    assert loaded.events["text"].tolist() == ["Seen with mum"]


@pytest.mark.parametrize(("name", "text", "kind", "read_as"), [
    # an emergency department export keeps the injury in its own column, not in the notes
    ("hospital.csv", "Attendance date,Patient,Presenting complaint,Notes\n"
                     "2023-12-28,Poppy Brennan,Burn to hand,Mother said Poppy touched the oven door.\n", "Burn to hand", "injury"),
    # a police export says what kind of incident in its own column
    ("police.csv", "Occurrence Date,Occurrence,Summary,Outcome\n"
                   "10 Jun 2023,DA incident,Call from neighbour reporting shouting,Arrest\n", "DA incident", "domestic_abuse"),
])
def test_a_column_saying_what_kind_of_event_is_the_kind_column(tmp_path, name, text, kind, read_as):
    from chronocli.pipeline import build_chronology

    event = build_chronology([write_csv(tmp_path / name, text)], Config(), today=TODAY).events.iloc[0]
    assert event["kind"] == kind and read_as in event["kinds"]


def test_spellings_of_one_agency_are_read_as_one(tmp_path):
    # A hand-typed agency column, and a file whose agency comes from its name: four spellings of social work.
    combined = write_csv(tmp_path / "integrated.csv", "Date,Agency,Details\n03/01/2024,SW,Visit\n17/01/2024,Social Care,Visit\n"
                         "31/01/2024,CSC,Visit\n06/01/2024,HV,Clinic\n20/01/2024,Health visitor,Clinic\n"
                         "22/01/2024,Early Help,Group\n")
    own = write_csv(tmp_path / "social_care.csv", "Date,Details\n14/02/2024,Visit\n")
    loaded = load(combined, own)
    assert loaded.events["agency"].tolist() == ["Social Care", "Social Care", "Social Care", "HV", "HV", "Early Help",
                                                "Social Care"]  # the most used spelling; Early Help is another service
    assert loaded.events["extra:agency as recorded"].tolist() == ["SW", "", "CSC", "", "Health visitor", "", ""]
    warned = sorted(p.message for p in loaded.problems if p.level == "warning")
    assert warned == ["agency names 'HV', 'Health visitor' read as one agency, 'HV'",
                      "agency names 'SW', 'Social Care', 'CSC' read as one agency, 'Social Care'"]


def test_a_known_agency_with_a_note_after_it_is_that_agency(tmp_path):
    loaded = load(write_csv(tmp_path / "integrated.csv", "Date,Source,Details\n02/01/2025,Police - Op Encompass,DA\n"
                            "04/02/2025,Police,Shouting\n08/01/2025,Health Visitor (HV),Cancelled\n"
                            "09/01/2025,Social Care: Duty,Contact\n10/01/2025,School - DSL,Concern\n11/01/2025,School,Late\n"
                            "12/01/2025,Social Care (Leeds),Visit\n13/01/2025,Social Care (Wakefield),Visit\n"))
    # a tie goes to the spelling without a note; a note after an agency the tool does not know keeps it apart, and
    # so does a place: two authorities' social care are two services
    assert loaded.events["agency"].tolist() == ["Police", "Police", "Health Visitor (HV)", "Social Care: Duty",
                                                "School - DSL", "School", "Social Care (Leeds)", "Social Care (Wakefield)"]


def test_one_spelling_per_agency_changes_nothing(tmp_path):
    loaded = load(write_csv(tmp_path / "x.csv", "Date,Agency,Details\n03/01/2024,School,Visit\n04/01/2024,School Nurse,Visit\n"))
    assert loaded.events["agency"].tolist() == ["School", "School Nurse"] and "extra:agency as recorded" not in loaded.events
    assert not [p for p in loaded.problems if p.level == "warning"]


def test_a_date_range_is_placed_at_its_start_and_kept_as_written(tmp_path):
    loaded = load(write_csv(tmp_path / "school.csv", "Date,Event\n1-5 March 2024,Absent all week - chickenpox\n"
                            "06/03/2024,Back in school\n"))
    assert loaded.events["date"].tolist() == [pd.Timestamp(2024, 3, 1), pd.Timestamp(2024, 3, 6)]
    assert loaded.events["approximate"].tolist() == [True, False]
    assert loaded.events["extra:date as recorded"].tolist() == ["1-5 March 2024", ""]
    warned = [p for p in loaded.problems if p.level == "warning"]
    assert len(warned) == 1 and "1 date(s) give a range" in warned[0].message and warned[0].column == "Date"


@pytest.mark.parametrize("headers", ["Date Recorded,Date of Event,Details", "Entry Date,Incident Date,Details",
                                     "Date of Event,Date Recorded,Details"])
def test_the_date_an_event_happened_wins_over_the_date_it_was_recorded(tmp_path, headers):
    recorded_first = headers.split(",")[0] in ("Date Recorded", "Entry Date")
    row = "10/03/2024,01/03/2024,Visit" if recorded_first else "01/03/2024,10/03/2024,Visit"
    loaded = load(write_csv(tmp_path / "sw.csv", f"{headers}\n{row}\n"))
    assert loaded.events["date"].tolist() == [pd.Timestamp(2024, 3, 1)]
    other = next(h for h in headers.split(",")[:2] if h not in ("Date of Event", "Incident Date"))
    assert loaded.events[f"extra:{other}"].tolist() == ["10/03/2024"]  # the recording date is kept


def test_a_recording_date_alone_or_named_is_the_date(tmp_path):
    assert load(write_csv(tmp_path / "a.csv", "Date Recorded,Details\n10/03/2024,Visit\n")).events["date"].tolist() == [
        pd.Timestamp(2024, 3, 10)]
    named = load(write_csv(tmp_path / "b.csv", "Date Recorded,Date of Event,Details\n10/03/2024,01/03/2024,Visit\n"),
                 config=Config(columns={"Date Recorded": "date"}))
    assert named.events["date"].tolist() == [pd.Timestamp(2024, 3, 10)]


def test_a_workers_column_named_for_their_role_is_who_recorded(tmp_path):
    loaded = load(write_csv(tmp_path / "hv.csv", "Date of Contact;Details;HV\n15/11/2023;New birth visit;HV A. Patel\n"))
    assert loaded.events["recorded_by"].tolist() == ["HV A. Patel"]


def test_two_columns_of_entry_text_are_read_as_one(tmp_path):
    loaded = load(write_csv(tmp_path / "police.csv", "Date,Summary,Details\n01/03/2024,Home visit,Mum refused entry\n"
                            "02/03/2024,Phone call,\n03/03/2024,,No reply card left\n"))
    assert loaded.events["text"].tolist() == ["Home visit | Mum refused entry", "Phone call", "No reply card left"]
    assert "extra:Details" not in loaded.events  # in the text, not kept twice
    warned = [p for p in loaded.problems if p.level == "warning"]
    assert len(warned) == 1 and "'Summary', 'Details' all hold entry text" in warned[0].message


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_a_utf16_export_is_read(tmp_path, codec):
    # Excel's "Unicode Text" and some case systems write UTF-16 with a byte-order mark: text, not binary data.
    data = "Date\tEvent\n03/03/2024\tMum paid £5 – “late” fee\n".encode(codec)
    path = tmp_path / "gp.csv"
    path.write_bytes(data if codec == "utf-16" else b"\xfe\xff" + data)
    loaded = load(path)
    assert loaded.events["text"].tolist() == ["Mum paid £5 – “late” fee"]
    assert loaded.sheets[0].encoding == "UTF-16"


def test_a_workbook_with_a_sheet_per_agency_takes_each_sheets_agency(tmp_path):
    book = write_xlsx(tmp_path / "integrated.xlsx", {
        "Social Care": [["Date", "Event"], ["08/01/2024", "Home visit - no access"]],
        "Health Visiting": [["Date", "Event", "Agency"], ["08/01/2024", "Clinic", ""], ["09/01/2024", "Clinic", "GP"]],
        "Key": [["Abbrev", "Meaning"], ["NA", "No access"]]})
    assert load(book).events["agency"].tolist() == ["Social Care", "Health Visiting", "GP"]  # a row's own agency wins


@pytest.mark.parametrize("sheets", [("2023", "2024"), ("Sheet1", "Sheet2")])
def test_sheets_not_named_for_an_agency_keep_the_files(tmp_path, sheets):
    book = write_xlsx(tmp_path / "social_care.xlsx", {name: [["Date", "Event"], ["08/01/2024", "Visit"]] for name in sheets})
    assert load(book).events["agency"].tolist() == ["Social Care", "Social Care"]


def test_a_time_column_as_spreadsheets_hold_it(tmp_path):
    # A time cell saved as a fraction of a day (0.75 is 18:00) was shown as '00:75'; an impossible time is no time.
    book = write_xlsx(tmp_path / "police.xlsx", {"Police": [
        ["Incident Date", "Time", "Summary"], ["08/01/2024", dt.time(14, 30), "a"], ["09/01/2024", 0.75, "b"],
        ["10/01/2024", "9.05", "c"], ["11/01/2024", "12:75", "d"], ["12/01/2024", "1430hrs", "e"],
        ["13/01/2024", "2:30 PM", "f"], ["14/01/2024", "12:15 am", "g"], ["15/01/2024", "14", "h"]]})
    assert load(book).events["time"].tolist() == ["14:30", "18:00", "09:05", "", "14:30", "14:30", "00:15", ""]


def test_the_parents_a_title_block_names_are_known_by_role(tmp_path):
    text = ("Child: Noah Pike,Mother: Leanne Brennan\nFather:,Wayne Stokes\nParent/Carer - Sam Hart,\n"
            "Date,Details\n04/12/2023,Visit\n")
    loaded = load(write_csv(tmp_path / "hv.csv", text))
    assert loaded.sheets[0].adults == {"Leanne Brennan": "Mother", "Wayne Stokes": "Father", "Sam Hart": "Parent"}


def test_a_pre_birth_chronology_title_names_the_mother(tmp_path):
    text = ("Integrated chronology - unborn baby of Chantelle Moss (EDD 14/03/2024)\n"
            "Date,Details\n04/10/2023,Late booking. Chantelle said she did not know she was pregnant.\n")
    loaded = load(write_csv(tmp_path / "integrated.csv", text))
    assert loaded.sheets[0].adults == {"Chantelle Moss": "Mother"}


def test_a_date_merged_down_over_several_entries_dates_each_of_them(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Integrated chronology - prepared for the core group"])
    sheet.append(["Date", "Agency", "Event"])
    for row in ([dt.datetime(2024, 1, 8), "SW", "Strategy discussion held"], [None, "Police", "Police attended"],
                [None, "HV", "HV attended"], [dt.datetime(2024, 1, 9), "SW", "A long note, merged over a second row"],
                [None, None, None], ["Printed 12/01/2024"]):
        sheet.append(row)
    sheet.merge_cells("A1:C1")  # a title across the columns: still one note, not a row of cells
    sheet.merge_cells("A3:A5")  # one date for three entries made that day
    sheet.merge_cells("C6:C7")  # room for a long note: the row below holds nothing else, so no copy is made
    sheet.merge_cells("A8:C8")
    book.save(tmp_path / "merged.xlsx")
    loaded = load(tmp_path / "merged.xlsx")
    assert loaded.events["date"].tolist() == [pd.Timestamp(2024, 1, 8)] * 3 + [pd.Timestamp(2024, 1, 9)]
    assert {p.row for p in loaded.problems if p.level == "skipped"} == {1, 8}
    assert not [p for p in loaded.problems if p.level == "error"]


def test_header_override_from_config(tmp_path):
    text = "When it happened,Narrative\n01/03/2024,Visit\n"
    f = write_csv(tmp_path / "sw.csv", text)
    config = Config(columns={"When it happened": "date"})
    loaded = load(f, config=config)
    assert loaded.events["date"].iloc[0] == pd.Timestamp(2024, 3, 1)


def test_agency_from_file_name_column_and_override(tmp_path):
    a = write_csv(tmp_path / "health_visitor.csv", "Date,Details\n01/03/2024,Visit\n")
    b = write_csv(tmp_path / "gp_records.csv", "Date,Details\n01/03/2024,Visit\n")
    loaded = load(a, b, config=Config(agencies={"gp_records.csv": "GP Surgery"}))
    assert loaded.events["agency"].tolist() == ["Health Visitor", "GP Surgery"]


def test_xlsx_sheets_title_rows_and_real_dates(tmp_path):
    f = write_xlsx(tmp_path / "police.xlsx", {
        "Incidents": [["Police chronology"], [], ["Incident Date", "Summary"],
                      [dt.datetime(2024, 3, 1, 23, 40), "DA incident"], [45352, "Serial date"], ["Mar 2024", "Month only"]],
        "Lookups": [["Code", "Meaning"], ["DA", "Domestic abuse"]],
    })
    loaded = load(f)
    assert loaded.events["row"].tolist() == [4, 5, 6]
    assert loaded.events["time"].tolist() == ["23:40", "", ""]
    assert loaded.events["date_precision"].tolist() == ["day", "day", "month"]
    assert loaded.events["date"].iloc[1] == pd.Timestamp(2024, 3, 1)  # Excel serial 45352
    assert any(p.sheet == "Lookups" and p.level == "skipped" for p in loaded.problems)


def test_agency_headings_inside_the_table_give_the_rows_under_them_their_agency(tmp_path):
    text = ("Date,Event\nSOCIAL CARE,\n01/03/2024,Home visit - no answer\nHealth Visiting,\n02/03/2024,Clinic - DNA\n"
            "Police attended,\n03/03/2024,Clinic - attended\n")
    loaded = load(write_csv(tmp_path / "integrated.csv", text))
    assert loaded.events["agency"].tolist() == ["Social Care", "Health Visiting", "Health Visiting", "Health Visiting"]
    skipped = [p.row for p in loaded.problems if p.level == "skipped"]
    assert skipped == [2, 4]  # 'Police attended' is no heading: an entry with no date, reported as such
    assert [p.row for p in loaded.problems if p.level == "error"] == [6]


def test_no_agency_headings_where_the_sheet_has_an_agency_column(tmp_path):
    text = "Date,Agency,Event\nPOLICE,,\n01/03/2024,School,Absent\n"
    loaded = load(write_csv(tmp_path / "integrated.csv", text))
    assert loaded.events["agency"].tolist()[-1] == "School" and len(loaded.events) == 2


def test_a_skipped_sheet_says_what_it_held(tmp_path):
    f = write_xlsx(tmp_path / "sw.xlsx", {
        "Chronology": [["Date", "Event"], ["01/03/2024", "Home visit"]],
        "Old log": [["Date of", "Details of"], ["event", "contact"], ["05/05/2024", "Home visit - no access"]],
    })
    skipped = next(p for p in load(f).problems if p.sheet == "Old log")
    assert skipped.level == "skipped" and "3 filled row(s) not read" in skipped.message
    assert skipped.value == "Date of | Details of" and "--map" in skipped.hint


def test_a_hidden_sheet_is_read_and_said_to_be_hidden(tmp_path):
    f = write_xlsx(tmp_path / "sw.xlsx", {
        "Chronology": [["Date", "Event"], ["01/03/2024", "Home visit"]],
        "Working": [["Date", "Event"], ["02/03/2024", "Draft entry"]],
    })
    from openpyxl import load_workbook

    workbook = load_workbook(f)
    workbook["Working"].sheet_state = "hidden"
    workbook.save(f)
    loaded = load(f)
    assert loaded.events["text"].tolist() == ["Home visit", "Draft entry"]  # nothing lost
    warned = [p for p in loaded.problems if p.level == "warning" and "hidden" in p.message]
    assert [p.sheet for p in warned] == ["Working"]


def test_an_empty_date_cell_in_a_workbook_mentions_an_unsaved_formula(tmp_path):
    f = write_xlsx(tmp_path / "sw.xlsx", {"Chronology": [["Date", "Event"], ["01/03/2024", "Visit"], ["=A2+7", "Follow up"],
                                                          ["20/03/2024", "Review"]]})
    problem = next(p for p in load(f).problems if p.row == 3)
    assert "no date given" in problem.message and "formula" in problem.hint


def test_a_formula_with_no_saved_value_is_named_not_read_as_empty_in_silence(tmp_path):
    f = write_xlsx(tmp_path / "sw.xlsx", {"Chronology": [["Date", "Event", "Worker"], ["01/03/2024", "Visit", "JB"],
                                                          ["02/03/2024", '="Mum said "&"no"', "=C2"],
                                                          ["03/03/2024", "Call", "JB"]]})
    loaded = load(f)
    assert loaded.events["text"].tolist() == ["Visit", "", "Call"]  # the row is kept; its text was never saved
    warned = [p for p in loaded.problems if "formula with no saved value" in p.message]
    assert len(warned) == 1 and warned[0].level == "warning" and warned[0].sheet == "Chronology"
    assert (warned[0].row, warned[0].column, warned[0].value) == (3, "B", '="Mum said "&"no"')
    assert warned[0].message.startswith("2 cells hold") and warned[0].message.endswith("B3, C3")
    assert "save it" in warned[0].hint


def test_a_formula_whose_value_excel_saved_is_read_without_a_warning(tmp_path):
    import zipfile

    plain = write_xlsx(tmp_path / "plain.xlsx", {"Chronology": [["Date", "Event", "Note"], ["01/03/2024", "=\"Visit\"", '=IF(A2="","","")']]})
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(tmp_path / "saved.xlsx", "w") as saved:
        for item in source.infolist():  # as Excel saves it: the formula's result beside it (empty text, typed, for C2)
            part = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                part = part.replace(b"<v />", b'<v>Visit</v>', 1).replace(b"<v />", b"<v></v>")
                part = part.replace(b"<c r=\"B2\">", b'<c r="B2" t="str">').replace(b"<c r=\"C2\">", b'<c r="C2" t="str">')
            saved.writestr(item, part)
    loaded = load(tmp_path / "saved.xlsx")
    assert loaded.events["text"].tolist() == ["Visit"]
    assert not [p for p in loaded.problems if "formula" in p.message]
    assert [p.value for p in load(plain).problems if "formula" in p.message] == ['="Visit"']  # (the first of B2, C2)


def test_xlsx_sheet_option(tmp_path):
    f = write_xlsx(tmp_path / "sw.xlsx", {
        "2023": [["Date", "Event"], ["01/03/2023", "old"]],
        "2024": [["Date", "Event"], ["01/03/2024", "new"]],
    })
    assert load(f).events["text"].tolist() == ["old", "new"]
    assert load(f, sheet="2024").events["text"].tolist() == ["new"]


def test_folder_means_every_chronology_file(tmp_path):
    write_csv(tmp_path / "a.csv", "Date,Event\n01/03/2024,x\n")
    write_xlsx(tmp_path / "b.xlsx", {"S": [["Date", "Event"], ["01/03/2024", "y"]]})
    (tmp_path / "notes.txt").write_text("not a chronology")
    loaded = load(tmp_path)
    assert sorted(loaded.events["text"]) == ["x", "y"]


def test_provenance_has_file_hash(tmp_path):
    import hashlib

    f = write_csv(tmp_path / "a.csv", "Date,Event\n01/03/2024,x\n")
    loaded = load(f)
    assert loaded.events["sha256"].iloc[0] == hashlib.sha256(f.read_bytes()).hexdigest()


def test_xlsx_that_is_really_csv_is_read_with_a_warning(tmp_path):
    f = write_csv(tmp_path / "fake.xlsx", "Date,Event\n01/03/2024,x\n")
    loaded = load(f)
    assert loaded.events["text"].tolist() == ["x"]
    assert any("really" in p.message or "text (CSV)" in p.message for p in loaded.problems)


@pytest.mark.parametrize("extra_width", [0, 3])
def test_ragged_rows_are_not_lost(tmp_path, extra_width):
    lines = ["Date,Event"] + [f"0{i}/03/2024,e{i}" for i in range(1, 9)]
    lines[-1] += ",x" * extra_width  # a row wider than the header (beyond the rows the parser sizes itself on)
    loaded = load(write_csv(tmp_path / "r.csv", "\n".join(lines) + "\n"))
    assert len(loaded.events) == 8
    assert loaded.events["text"].iat[-1] == "e8" + ",x" * extra_width


@pytest.mark.parametrize("header, fitting, split, expected", [
    ("Date,Child,Case note,Worker", "06/01/2025,Kayla Morrow,Call,SW Reyes",
     "07/01/2025,Kayla Morrow,Home visit. Kayla in bed, mum would not wake her, not seen,SW Reyes",
     {"date": pd.Timestamp(2025, 1, 7), "subject": "Kayla Morrow", "recorded_by": "SW Reyes",
      "text": "Home visit. Kayla in bed, mum would not wake her, not seen"}),
    ("Details;Date;Worker", "Call;06/01/2025;SW Reyes", "Visit; no answer;08/01/2025;SW Reyes",  # date after the text
     {"date": pd.Timestamp(2025, 1, 8), "recorded_by": "SW Reyes", "text": "Visit; no answer"}),
])
def test_an_unquoted_delimiter_in_the_entry_text_is_mended_and_said(tmp_path, header, fitting, split, expected):
    loaded = load(write_csv(tmp_path / "sw.csv", "\n".join([header, fitting, split]) + "\n"))
    assert loaded.events.iloc[0]["text"] == "Call"  # the rows that fit are untouched
    mended = loaded.events.iloc[1]
    assert {k: mended[k] for k in expected} == expected
    assert not [c for c in loaded.events.columns if c.startswith("extra:")]
    warning, = [p for p in loaded.problems if p.level == "warning"]
    assert warning.row == 3 and warning.value == expected["text"] and "unquoted" in warning.message


def test_a_column_the_header_leaves_unnamed_is_kept_not_joined_to_the_text(tmp_path):
    loaded = load(write_csv(tmp_path / "sw.csv", "Date,Details\n01/03/2024,Visit,JS\n02/03/2024,Call,JS\n03/03/2024,Call\n"))
    assert loaded.events["text"].tolist() == ["Visit", "Call", "Call"] and not loaded.problems
    assert loaded.events["extra:(column C)"].tolist() == ["JS", "JS", ""]


def test_trailing_empty_cells_are_not_a_split_entry(tmp_path):
    loaded = load(write_csv(tmp_path / "sw.csv", "Date,Details\n01/03/2024,Visit,,,\n02/03/2024,Call\n"))
    assert loaded.events["text"].tolist() == ["Visit", "Call"] and not loaded.problems
    assert not [c for c in loaded.events.columns if c.startswith("extra:")]


def test_workbook_cells_under_no_header_are_kept_under_their_column_letter(tmp_path):
    f = write_xlsx(tmp_path / "school.xlsx", {"Log": [["Date", "Details", None], [dt.datetime(2024, 3, 1), "Visit", "seen alone"],
                                                      [dt.datetime(2024, 3, 2), "Call", None, "late note"]]})
    loaded = load(f)
    assert loaded.events["text"].tolist() == ["Visit", "Call"]  # a workbook's cells are never rejoined
    assert loaded.events["extra:(column C)"].tolist() == ["seen alone", ""]
    assert loaded.events["extra:(column D)"].tolist() == ["", "late note"]


def test_xlsx_numbers_after_many_text_rows_are_kept(tmp_path):
    rows = [["Date", "Event"]] + [["01/03/2024", f"visit {i}"] for i in range(250)] + [["02/03/2024", 3.0], [dt.datetime(2024, 3, 3), 44000]]
    loaded = load(write_xlsx(tmp_path / "sw.xlsx", {"S": rows}))
    assert loaded.events["text"].tolist()[-2:] == ["3", "44000"]


def test_sheet_with_dates_but_no_text_is_skipped_when_another_sheet_is_the_chronology(tmp_path):
    f = write_xlsx(tmp_path / "sw.xlsx", {
        "Summary": [["Date", "Agency"], ["01/03/2024", "SW"]],
        "Chronology": [["Date", "Event"], ["01/03/2024", "Home visit"]],
    })
    loaded = load(f)
    assert loaded.events["text"].tolist() == ["Home visit"]
    assert any(p.sheet == "Summary" and p.level == "skipped" for p in loaded.problems)


def test_text_grid_trims_and_turns_missing_values_into_empty_text():
    import pandas as pd

    from chronocli.read.table import _text_grid

    clean = pd.DataFrame({0: pd.array([" a ", "b\t"], dtype="str"), 1: pd.array(["x", " y"], dtype="str")})
    assert _text_grid(clean).values.tolist() == [["a", "x"], ["b", "y"]]
    gappy = pd.DataFrame({0: pd.array([" a ", None], dtype="str"), 1: pd.array(["x", " y"], dtype="str")})
    assert _text_grid(gappy).values.tolist() == [["a", "x"], ["", "y"]]


def test_an_appointment_list_with_no_text_column_is_read_from_its_outcomes(tmp_path):
    # A health visiting clinic list: what kind of contact, and what came of it. The outcome says what happened,
    # so it is the entry text; the contact column is the type.
    loaded = load(write_csv(tmp_path / "hv.csv", "Date,Child,Contact,Outcome,HV\n"
                                                 "04/04/2023,Poppy Lane,Clinic weight check,WNB,HV Doyle\n"
                                                 "30/05/2023,Poppy Lane,Home visit,Seen. Weight 9th centile.,HV Doyle\n"))
    assert not [p for p in loaded.problems if p.level == "error"]
    # Both columns make the entry, so a finding citing it says what was missed, not only "WNB".
    assert loaded.events["text"].tolist() == ["Clinic weight check: WNB", "Home visit: Seen. Weight 9th centile."]
    assert loaded.events["kind"].tolist() == ["", ""]
    warned = [p.message for p in loaded.problems if p.level == "warning"]
    assert any("'Contact' and 'Outcome' columns" in m for m in warned)


def test_a_list_of_dated_types_is_read_and_its_types_classified(tmp_path):
    from chronocli.pipeline import build_chronology
    write_csv(tmp_path / "gp.csv", "Date,Appointment type\n02/02/2024,DNA\n09/02/2024,DNA\n")
    chronology = build_chronology([tmp_path], Config(), today=TODAY)
    assert not [p for p in chronology.problems if p.level == "error"]
    assert chronology.events["text"].tolist() == ["DNA", "DNA"]  # read from the type, as the warning says
    assert all("did_not_attend" in kinds for kinds in chronology.events["kinds"])


def test_a_list_of_appointments_by_type_with_an_attendance_column_shows_both(tmp_path):
    # fam106: a dental service's list; "Attendance" is no outcome header, but holds outcomes. The entry is what was
    # missed and how, not an empty text beside a type.
    loaded = load(write_csv(tmp_path / "dental.csv", "Date,Appointment,Attendance\n03/03/2025,Jaden - extraction assessment,WNB\n"
                                                     "07/04/2025,Jaden - extraction assessment,Attended\n"))
    assert loaded.events["text"].tolist() == ["Jaden - extraction assessment: WNB", "Jaden - extraction assessment: Attended"]
    assert loaded.events["action"].tolist() == ["WNB", "Attended"]


def test_a_workbooks_extra_sheet_of_dated_types_is_still_skipped(tmp_path):
    # Beside a chronology, a sheet of dates and types alone is more likely a lookup table than events.
    path = write_xlsx(tmp_path / "sw.xlsx", {"Chronology": [["Date", "Details"], ["01/03/2024", "Home visit"]],
                                             "Codes": [["Date", "Type"], ["01/01/2024", "HV"]]})
    loaded = load(path)
    assert loaded.events["text"].tolist() == ["Home visit"]
    assert any(p.sheet == "Codes" and p.level == "skipped" for p in loaded.problems)


def test_hospital_and_police_date_time_headers(tmp_path):
    # An ED export's "Arrival" and "Disposal", a police system's "Occurrence Date/Time": known spellings, so
    # neither refused nor guessed.
    loaded = load(write_csv(tmp_path / "ed.csv", "Arrival,Patient,Presenting complaint,Clinical notes,Disposal\n"
                                                 "12/01/2024,Reece Dawson,Head injury,Bruise to forehead,Discharged\n"),
                  write_csv(tmp_path / "police.csv", "Occurrence Date/Time,Summary\n02/03/2024 23:40,Domestic\n"))
    assert [s.columns for s in loaded.sheets] == [
        {"Arrival": "date", "Patient": "subject", "Presenting complaint": "kind", "Clinical notes": "text",
         "Disposal": "action"},
        {"Occurrence Date/Time": "date", "Summary": "text"}]
    assert not [p for p in loaded.problems if p.level in ("error", "warning")]


@pytest.mark.parametrize(("stem", "agency"), [("cgl", "CGL"), ("idva_notes", "IDVA Notes"), ("yot", "YOT"),
                                              ("health_visitor", "Health Visitor"), ("gp_records", "GP Records"),
                                              ("HV chronology final v2 (1)", "HV"), ("police_export_2024", "Police"),
                                              ("chronology", "Chronology"), ("GP extract EMIS", "GP"),
                                              ("SystmOne export 2024 HV", "HV"),
                                              # a file named after the child as well: the agency is the part naming one
                                              ("Social work chronology - Kai Brennan", "Social Work"),
                                              ("Kai Brennan - GP records", "GP Records"),
                                              ("CPOMS export - Riverside Primary", "Riverside Primary"),
                                              ("School (CPOMS)", "School"), ("GP (EMIS) extract", "GP"),
                                              # a system only one kind of agency uses, and nothing else naming one
                                              ("Mosaic case notes", "Social Care"), ("LCS export 2024", "Social Care"),
                                              ("Niche occurrences", "Police"), ("CPOMS export", "School"),
                                              # a service with a child's name, and a department with its hospital's
                                              ("IDVA - Jane Smith", "IDVA"), ("Outpatients - Royal Infirmary", "Outpatients Royal Infirmary"),
                                              ("eh", "EH"), ("marac_minutes", "MARAC Minutes")])  # fam153
def test_an_agency_named_after_its_file_keeps_a_services_initials(stem, agency):
    from chronocli.read.table import agency_from_filename
    assert agency_from_filename(stem) == agency


def test_a_workbook_s_sheets_named_after_services_name_their_agencies(tmp_path):
    # fam107: an integrated workbook with a sheet per service; "IDVA" and "CGL" are services, "Codes" is not
    path = write_xlsx(tmp_path / "integrated.xlsx", {"Police": [["Date", "Summary"], ["02/09/2024", "DA incident."]],
                                                     "IDVA": [["Date", "Notes"], ["10/09/2024", "IDVA call - Stacey engaged."]],
                                                     "CGL": [["Date", "Notes"], ["11/09/2024", "Key work session."]]})
    assert load(path).events["agency"].tolist() == ["Police", "IDVA", "CGL"]
    from chronocli.read.agencies import names_an_agency
    assert not any(names_an_agency(name) for name in ("Codes", "Sheet1", "Chronology", "Summary", "2024"))


def test_a_rag_rating_column_is_a_measurement_read_with_the_entry(tmp_path):
    loaded = load(write_csv(tmp_path / "sw.csv", "Date,Visit notes,Home conditions RAG\n10/01/2024,Home visit.,Red\n"))
    assert loaded.events["text"].tolist() == ["Home visit. | Home conditions RAG: Red"]


def test_a_file_named_for_the_child_as_well_as_the_agency_is_that_agency_s(tmp_path):
    # The title of the first sheet names the child; the second sheet has no title but is the same file's.
    book = write_xlsx(tmp_path / "hv_amelia.xlsx", {
        "2023": [["Child: Amelia Rowe   DOB: 03/01/2023"], [], ["Date", "Details"], ["18/01/2023", "New birth visit"]],
        "2024": [["Date", "Details"], ["10/01/2024", "1 year review - not brought"]]})
    named = write_csv(tmp_path / "Amelia Rowe - Police chronology.csv", "Child: Amelia Rowe\nDate,Summary\n02/03/2024,Domestic\n")
    loaded = load(book, named)
    assert loaded.events["agency"].tolist() == ["HV", "HV", "Police"]
    # a file named for a person no sheet names keeps its whole name
    assert load(write_csv(tmp_path / "ryan_probation.csv", "Date,Notes\n02/03/2024,Seen\n")).events["agency"].tolist() == [
        "Ryan Probation"]


def test_a_last_entry_with_its_date_left_blank_is_kept_undated_not_taken_for_a_footer(tmp_path):
    text = ("Date,Visit,Notes\n01/03/2024,Home visit,Seen\n,,Spoke to mum on phone - said Amelia has a cold.\n"
            "Printed 12/07/2024 by jsmith,,\n,,Page 1 of 1\n")
    loaded = load(write_csv(tmp_path / "hv.csv", text))
    assert loaded.events["text"].tolist()[-1].endswith("said Amelia has a cold.")
    assert pd.isna(loaded.events["date"].iloc[-1]) and loaded.sheets[0].rows_read == 2
    skipped = {p.row for p in loaded.problems if p.level == "skipped"}
    assert skipped == {4, 5}  # the export stamp (first column) and the page number (in the notes column)


def test_a_school_s_wellbeing_concern_column_is_the_entry_text_not_its_action_column(tmp_path):
    loaded = load(write_csv(tmp_path / "education.csv", "Date,Staff Member,Wellbeing Concern,Action\n"
                            "30/05/2024,Class teacher,Bruising to both upper arms seen in PE.,Referral to SW\n"))
    assert loaded.sheets[0].columns["Wellbeing Concern"] == "text"
    assert loaded.events["text"].tolist() == ["Bruising to both upper arms seen in PE."]
    assert loaded.events["action"].tolist() == ["Referral to SW"]


def test_a_visit_column_says_what_kind_of_contact_each_row_was(tmp_path):
    loaded = load(write_csv(tmp_path / "sw.csv", "Date,Worker,Visit,Outcome,Notes\n"
                            "15/04/2024,SW Amy Cole,Home visit,Seen,Jack seen in his room.\n"))
    assert loaded.sheets[0].columns["Visit"] == "kind" and loaded.events["kind"].tolist() == ["Home visit"]


def test_a_gp_system_s_coded_term_column_says_what_kind_of_entry_it_is(tmp_path):
    loaded = load(write_csv(tmp_path / "gp.csv", "Effective Date,Consultation Type,Code,Term,Free Text\n"
                            "17/07/2024,Administration,9N4M.,Child not brought to appointment,Immunisations 2y - WNB\n"))
    assert loaded.sheets[0].columns["Term"] == "kind" and loaded.sheets[0].columns["Free Text"] == "text"
    assert loaded.events["kind"].tolist() == ["Child not brought to appointment"]


def test_a_hospital_list_s_admission_column_is_the_date(tmp_path):
    loaded = load(write_csv(tmp_path / "hospital.csv", "Admission,Notes,Outcome\n12/06/2024,Faltering growth.,\n"))
    assert loaded.sheets[0].columns["Admission"] == "date"
    assert loaded.events["date"].tolist() == [pd.Timestamp(2024, 6, 12)]


def test_a_date_with_its_weekday_but_no_year_is_placed_in_the_one_year_the_weekday_fits(tmp_path):
    text = ("Date,Details\n21/03/2024,Poppy seen.\nTues 26th March,Spoke to mum.\n26th March,Letter sent.\n"
            "02/04/2024,Visit - no access.\n")
    loaded = load(write_csv(tmp_path / "hv.csv", text))
    dates = loaded.events["date"].tolist()
    assert dates[1] == pd.Timestamp(2024, 3, 26)  # 26 March 2024 was a Tuesday; 2023's and 2025's were not
    assert pd.isna(dates[2])  # no weekday: no year to be had, reported as before
    warned = [p for p in loaded.problems if p.value == "Tues 26th March"]
    assert len(warned) == 1 and warned[0].level == "warning" and "placed in 2024" in warned[0].message and warned[0].row == 3
    assert any(p.value == "26th March" and p.level == "error" for p in loaded.problems)
    # a weekday that fits no year around the file's dates is not placed
    wrong = load(write_csv(tmp_path / "sw.csv", "Date,Details\n21/03/2024,Visit.\nMon 26th March,Call.\n"))
    assert pd.isna(wrong.events["date"].iloc[1])


def test_an_emergency_department_s_attendance_column_of_dates_and_times_is_the_date(tmp_path):
    # fam165: "Attendance" names the visit; every cell under it a date and time, so it is the event's date
    f = write_csv(tmp_path / "hospital.csv", "Attendance,Presenting complaint,Notes\n"
                                             "2025-01-05 21:30,Burn,Harley - burn to palm.\n2025-03-22 23:10,Fracture,Harley - fracture.\n")
    loaded = load(f)
    assert [str(d)[:10] for d in loaded.events["date"]] == ["2025-01-05", "2025-03-22"]
    assert any("'Attendance' read as the event date from its cells" in p.message for p in loaded.problems)
    # an "Attendance" column of outcomes is no date: with no date column the file is refused, naming what to do
    outcomes = write_csv(tmp_path / "clinic.csv", "Attendance,Clinic,Notes\nAttended,Asthma,Seen with mum\nDNA,Asthma,\n")
    refused = load(outcomes)
    assert refused.events.empty and any(p.level == "error" and "no recognisable date column" in p.message for p in refused.problems)
