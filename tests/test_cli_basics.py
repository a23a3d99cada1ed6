"""The command line: version, help, check, template, and every kind of bad input (message + exit 2, no traceback)."""

from __future__ import annotations

import zipfile

import pytest
from openpyxl import load_workbook

from tests.conftest import SAMPLE, write_csv, write_xlsx

COMMANDS = ["check", "merge", "report", "scan", "template", "patterns", "explain-event"]


def test_version(run):
    result = run("--version")
    assert result.code == 0 and "chrono 0." in result.out


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(run, command):
    result = run(command, "--help")
    assert result.code == 0
    assert "Usage" in result.out and len(result.out) > 200


def test_check_sample_data_all_readable(run):
    result = run("check", SAMPLE)
    assert result.code == 0
    assert "All 46 rows can be placed in time" in result.out
    for name in ("social_work.xlsx", "police.xlsx", "health_visitor.csv", "gp_records.csv", "nursery.csv"):
        assert name in result.out


def test_check_lists_every_problem_then_exits_2(run, tmp_path):
    write_csv(tmp_path / "a.csv", "Date,Event\nsoon,visit\n01/03/2024,ok\n")
    write_csv(tmp_path / "b.csv", "Date,Event\n31/02/2024,visit\n")
    result = run("check", tmp_path)
    assert result.code == 2
    assert "soon" in result.out and "31/02/2024" in result.out
    assert "2 problem(s)" in result.err


def test_check_shows_each_files_period_no_more_precisely_than_recorded(run, tmp_path):
    write_csv(tmp_path / "a.csv", "Date,Event\n2023 approx,Referral received\n12/03/2024,Home visit\nSep-24,Core group\n")
    result = run("check", tmp_path)
    assert result.code == 0
    assert "2023? - Sep 2024" in result.out  # not "01/01/2023 - 01/09/2024", a precision the file never gave


def test_template_xlsx(run, tmp_path):
    target = tmp_path / "t.xlsx"
    assert run("template", "-o", target).code == 0
    workbook = load_workbook(target)
    assert workbook.sheetnames == ["Chronology", "Guide"]
    sheet = workbook["Chronology"]
    headers = [c.value for c in sheet[1]]
    assert headers[:3] == ["Case ID", "Date", "Time"] and "Event" in headers
    assert sheet.freeze_panes == "A2"
    assert sheet.data_validations.dataValidation, "Outcome has a drop-down list"
    assert workbook["Guide"].max_row == len(headers) + 1


def test_template_csv_reads_back_as_a_chronology_header(run, tmp_path):
    target = tmp_path / "t.csv"
    assert run("template", "--format", "csv", "-o", target).code == 0
    assert target.read_text().startswith("Case ID,Date,Time")


def test_template_refuses_to_overwrite_without_force(run, tmp_path):
    target = tmp_path / "t.csv"
    target.write_text("keep me")
    result = run("template", "-o", target)
    assert result.code == 2 and "already exists" in result.err
    assert target.read_text() == "keep me"
    assert run("template", "-o", target, "--force").code == 0


@pytest.mark.parametrize("command", ["merge", "report", "scan"])
def test_an_output_that_cannot_be_written_is_refused_before_the_inputs_are_read(run, tmp_path, command):
    # an analyst's scan of a whole caseload must not run for minutes and then refuse to write: the input here
    # cannot be read at all, so an error about it would show the output was checked only after reading
    (tmp_path / "in").mkdir()
    write_csv(tmp_path / "in" / "unreadable.csv", "Colour,Shape\nred,square\n")
    existing = tmp_path / "out.json"
    existing.write_text("keep me")
    result = run(command, tmp_path / "in", "-o", existing)
    assert result.code == 2 and "already exists" in result.err and existing.read_text() == "keep me"
    result = run(command, tmp_path / "in", "-o", tmp_path / "no such folder" / "out.json")
    assert result.code == 2 and "does not exist" in result.err
    if command == "scan":
        result = run(command, tmp_path / "in", "--reports", existing)
        assert result.code == 2 and "is not a folder" in result.err


def _bad(tmp_path, kind):
    if kind == "missing":
        return tmp_path / "nope.csv", "no such file"
    if kind == "empty":
        return write_csv(tmp_path / "empty.csv", ""), "empty"
    if kind == "headers only":
        return write_csv(tmp_path / "h.csv", "Date,Event\n"), "no events"
    if kind == "image named csv":
        return write_csv(tmp_path / "img.csv", "", "utf-8").with_name("img.csv"), "PNG"
    if kind == "corrupt xlsx":
        path = tmp_path / "bad.xlsx"
        path.write_bytes(b"PK\x03\x04" + b"\x00" * 50)
        return path, "corrupt"
    if kind == "password xlsx":
        path = tmp_path / "locked.xlsx"
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
        return path, "password"
    if kind == "empty folder":
        folder = tmp_path / "empty_folder"
        folder.mkdir()
        return folder, "no chronology files"
    if kind == "no date column":
        return write_csv(tmp_path / "nodate.csv", "Name,Details\nA,visit\n"), "date"
    raise AssertionError(kind)


BAD = ["missing", "empty", "headers only", "image named csv", "corrupt xlsx", "password xlsx", "empty folder", "no date column"]


@pytest.mark.parametrize("kind", BAD)
@pytest.mark.parametrize("command", ["check", "merge"])
def test_bad_input_clear_message_exit_2(run, tmp_path, kind, command):
    path, words = _bad(tmp_path, kind)
    if kind == "image named csv":
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    result = run(command, path)
    assert result.code == 2
    text = result.out + result.err
    assert path.name in text
    assert words.lower() in text.lower()
    assert "Traceback" not in text


def test_no_date_column_lists_headers_and_closest_names(run, tmp_path):
    path = write_csv(tmp_path / "nodate.csv", "Dte,Summary\nA,visit\n")
    result = run("merge", path)
    assert result.code == 2
    text = " ".join((result.out + result.err).split())
    assert "Headers seen: Dte, Summary" in text
    assert "'Dte' ~ date" in text


def test_debug_shows_traceback(run, tmp_path):
    from chronocli.errors import OutputError

    with pytest.raises(OutputError):
        run("--debug", "template", "--format", "pdf", "-o", tmp_path / "x.pdf")


def test_unknown_config_key_is_an_error_naming_it(run, tmp_path):
    config = tmp_path / "chrono.toml"
    config.write_text("dayfrist = true\n")
    result = run("check", SAMPLE, "--config", config)
    assert result.code == 2 and "dayfrist" in result.err


def test_map_option_overrides_header(run, tmp_path):
    path = write_csv(tmp_path / "sw.csv", "When,Narrative\n01/03/2024,Visit\n")
    result = run("merge", path, "--map", "When=date", "-o", tmp_path / "out.json")
    assert result.code == 0


def test_xlsx_zip_with_real_sheet_but_no_chronology(run, tmp_path):
    path = write_xlsx(tmp_path / "key.xlsx", {"Key": [["Code", "Meaning"], ["DA", "Domestic abuse"]],
                                              "Lookups": [["x"]]})
    result = run("check", path)
    assert result.code == 2 and "no sheet holds a chronology" in result.out + result.err
    assert zipfile.is_zipfile(path)


def test_patterns_lists_every_detector_with_thresholds(run):
    result = run("patterns")
    assert result.code == 0
    for code in ("RI01", "RI02", "RI03", "RI04", "RI05", "RI06", "RI07", "RI08"):
        assert code in result.out
    assert "escalate_after=3" in result.out and "004 §7.9" in result.out


def test_patterns_explains_one(run):
    result = run("patterns", "missed_appointments")
    assert result.code == 0
    assert "Flagged example" in result.out and "Not flagged" in result.out
    assert "meeting_working_days_on_plan" in result.out and "Questions for supervision" in result.out
    assert run("patterns", "nonsense").code == 2


def test_patterns_text_is_wrapped_by_the_terminal_not_by_the_source(run):
    """Docstring lines end where the source file's did; shown, a paragraph flows to the terminal's width."""
    result = run("patterns", "conflicting_accounts")
    assert "a parent's denial or explanation within `window_days` of each other (in one entry or two)" in result.out
    assert "\n\nWhy it matters: " in result.out  # paragraphs stay apart


@pytest.mark.parametrize(("toml", "words"), [
    ("[detectors.missed_appointments]\nescalate_aftr = 4\n", "escalate_aftr"),
    ("[detectors.missed_appointments]\nescalate_after = \"four\"\n", "escalate_after"),
    ("[detectors.missed_apointments]\nescalate_after = 4\n", "missed_apointments"),
])
def test_detector_config_errors_name_the_key(run, tmp_path, toml, words):
    config = tmp_path / "chrono.toml"
    config.write_text(toml)
    result = run("report", SAMPLE, "--config", config)
    assert result.code == 2 and words in result.err and "Traceback" not in result.err


def test_every_config_problem_is_reported_at_once_before_any_input_is_read(run, tmp_path):
    config = tmp_path / "chrono.toml"
    config.write_text('dayfirst = "yes"\nnation = "wales"\n[limits]\nmax_rows = 0\n'
                      "[detectors.child_not_seen]\nplan_visit_workingdays = 5\nsocial_work_days = \"28\"\n"
                      "[detectors.missed_appointment]\nescalate_after = 2\n")
    result = run("check", tmp_path / "no such folder", "--config", config)  # an input error would come second
    said = " ".join(result.err.split())  # as one line, however the terminal wrapped it
    assert result.code == 2 and "has 6 problems" in said and "no such" not in said
    for words in ("'dayfirst' must be bool", "not 'wales'", "'limits.max_rows'", "plan_visit_workingdays",
                  "'social_work_days' must be int", "[detectors.missed_appointment] is not a detector"):
        assert words in said


def test_detector_threshold_from_config_changes_the_result(run, tmp_path):
    import json

    config = tmp_path / "chrono.toml"
    config.write_text("[detectors.missed_appointments]\nescalate_after = 20\nmin_run = 20\n")
    target = tmp_path / "r.json"
    assert run("report", SAMPLE, "--config", config, "-o", target).code == 0
    patterns = {f["pattern"] for f in json.loads(target.read_text())["cases"][0]["findings"]}
    assert "missed_appointments" not in patterns and "hostility_to_staff" in patterns


def test_agency_option_names_a_file_or_filters(run, tmp_path):
    import json

    a = write_csv(tmp_path / "export_17.csv", "Date,Event\n01/03/2024,Home visit, no reply\n")
    b = write_csv(tmp_path / "gp.csv", "Date,Event\n02/03/2024,DNA\n")
    target = tmp_path / "m.json"
    assert run("merge", a, b, "--agency", "export_17.csv=Health Visiting", "-o", target).code == 0
    assert [e["agency"] for e in json.loads(target.read_text())["events"]] == ["Health Visiting", "GP"]
    assert run("merge", a, b, "--agency", "GP", "-o", target, "--force").code == 0
    assert [e["agency"] for e in json.loads(target.read_text())["events"]] == ["GP"]
