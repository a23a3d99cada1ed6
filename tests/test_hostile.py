"""Hostile and broken input, spreadsheet/terminal/HTML injection, pseudonymisation, no network, no data lost."""

from __future__ import annotations

import csv
import io
import json
import re
import socket
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from chronocli.config import Config, Limits
from chronocli.errors import ChronoError
from chronocli.read.load import read_file
from tests.conftest import SAMPLE, TODAY, write_csv, write_xlsx

HOSTILE = Path(__file__).parent / "hostile"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# --- spreadsheet formula injection ------------------------------------------------------------

def test_formula_cells_are_neutralised_in_csv_and_xlsx(run, tmp_path):
    originals = [row["Event"] for row in csv.DictReader((HOSTILE / "formula_injection.csv").open(newline=""))]
    assert all(text.startswith(FORMULA_START) for text in originals)
    assert run("merge", HOSTILE / "formula_injection.csv", "-o", tmp_path / "m.csv").code == 0
    assert run("merge", HOSTILE / "formula_injection.csv", "-o", tmp_path / "m.xlsx").code == 0
    # Cells are read with surrounding whitespace trimmed; what remains must never run as a formula.
    expected = sorted("'" + t.strip() if t.strip().startswith(FORMULA_START) else t.strip() for t in originals)
    written = [r["What happened"] for r in csv.DictReader(io.StringIO((tmp_path / "m.csv").read_text(encoding="utf-8-sig")))]
    assert sorted(written) == expected, "prefixed, and the original text still readable"
    sheet = load_workbook(tmp_path / "m.xlsx")["Chronology"]
    cells = [row[8] for row in sheet.iter_rows(min_row=2)]
    assert all(c.data_type == "s" for c in cells), "no formula cells"
    assert sorted(c.value for c in cells) == expected
    for sheet in load_workbook(tmp_path / "m.xlsx").worksheets:  # Sources and Problems sheets too
        assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)


def test_scan_csv_is_formula_safe(run, tmp_path):
    path = write_csv(tmp_path / "sw.csv", 'Case,Date,Event\n"=1+1",01/03/2024,Mum refused entry\n')
    assert run("scan", path, "-o", tmp_path / "s.csv").code == 0
    rows = list(csv.DictReader((tmp_path / "s.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0]["Case"] == "'=1+1"


# --- terminal and markup injection -------------------------------------------------------------

@pytest.mark.parametrize("command", [("merge",), ("report", "--format", "rich"), ("report", "--format", "text"), ("check",)])
def test_no_escape_sequences_or_markup_reach_the_terminal(run, command):
    result = run(*command[:1], HOSTILE / "terminal_injection.csv", *command[1:])
    text = result.out + result.err
    assert result.code == 0
    assert "\x1b" not in text and "\x07" not in text and "\x08" not in text
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", text)
    if command[0] != "check":
        assert "[bold red]ALERT[/bold red]" in " ".join(text.split()) or "[bold red]ALERT[/bold" in text  # shown, not obeyed


def test_html_injection_is_escaped(run, tmp_path):
    assert run("report", HOSTILE / "html_injection.csv", "-o", tmp_path / "r.html").code == 0
    assert run("merge", HOSTILE / "html_injection.csv", "-o", tmp_path / "m.html").code == 0
    for name in ("r.html", "m.html"):
        html = (tmp_path / name).read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html and "<h1>fake" not in html
        assert "&lt;script&gt;" in html


# --- hostile files -------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "words"), [
    ("binary_named.csv", "PNG image"),
    ("nul_bytes.csv", "NUL bytes"),
    ("entity_expansion.xlsx", "entity"),
])
def test_hostile_files_give_a_clear_error(run, name, words):
    result = run("check", HOSTILE / name)
    text = " ".join((result.out + result.err).split())
    assert result.code == 2 and name in text and words in text and "Traceback" not in text


def test_xlsx_that_is_really_csv(run):
    result = run("check", HOSTILE / "really_csv.xlsx")
    assert result.code == 0 and "read as CSV" in result.out


def _zip_bomb(path: Path, megabytes: int) -> Path:
    """A valid-looking workbook whose one sheet expands to `megabytes` of XML."""
    with zipfile.ZipFile(HOSTILE / "entity_expansion.xlsx") as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.endswith("sheet1.xml"):
                data = b"<!--" + b" " * (megabytes * 1024 * 1024) + b"-->" + data.split(b"]>", 1)[1]
            bomb.writestr(item, data)
    return path


def test_decompression_bomb_is_refused(tmp_path):
    bomb = _zip_bomb(tmp_path / "bomb.xlsx", 30)
    assert bomb.stat().st_size < 200_000
    config = Config(limits=Limits(max_uncompressed_mb=10))
    with pytest.raises(ChronoError, match="would expand to 31 MB, over the limit of 10 MB"):
        read_file(bomb, config, today=TODAY)


def test_rows_ceiling_per_sheet(tmp_path):
    path = write_xlsx(tmp_path / "big.xlsx", {"S": [["Date", "Event"]] + [["01/03/2024", f"e{i}"] for i in range(20)]})
    with pytest.raises(ChronoError, match="over the limit"):
        read_file(path, Config(limits=Limits(max_rows=10)), today=TODAY)


def test_cell_of_megabytes_is_read_whole(tmp_path):
    big = "x" * 5_000_000
    path = write_csv(tmp_path / "big.csv", f'Date,Event\n01/03/2024,"{big}"\n02/03/2024,next\n')
    frames, problems, _ = read_file(path, Config(), today=TODAY)
    assert frames[0]["text"].tolist() == [big, "next"]


def test_line_without_end_is_a_clear_error(run, tmp_path):
    path = tmp_path / "endless.csv"
    path.write_bytes(b"a" * 20_000_000)
    result = run("check", path)
    assert result.code == 2 and "no recognisable" in result.out + result.err


# --- property-based: random bytes and random tables ------------------------------------------------

@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".csv", ".xlsx", ".xlsm"]))
def test_random_bytes_raise_only_our_own_error(tmp_path, data, suffix):
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    try:
        read_file(path, Config(), today=TODAY)
    except ChronoError:
        pass


_cell = st.one_of(st.just(""), st.sampled_from(["01/03/2024", "Mar 2024", "2023", "soon", "31/02/2024", "approx 2021"]),
                  st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=20))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(_cell, min_size=3, max_size=3), min_size=1, max_size=25))
def test_every_row_becomes_one_event_or_is_listed(tmp_path, rows):
    """Row conservation: each non-blank row under the header is exactly one event, or a listed skipped note."""
    from chronocli.pipeline import build_chronology

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["Date", "Event", "Notes"])
    writer.writerows(rows)
    path = tmp_path / "table.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    chronology = build_chronology([path], Config(), today=TODAY)
    fatal = [p for p in chronology.problems if p.level == "error" and p.row is None]
    non_blank = {i for i, row in enumerate(rows, start=2) if any(c.strip() for c in row)}
    if fatal:
        assert not non_blank or "no events" in fatal[0].message
        return
    events = chronology.events["row"].tolist() if not chronology.events.empty else []
    skipped = [p.row for p in chronology.problems if p.level == "skipped"]
    assert len(events) == len(set(events)), "no row twice"
    assert set(events).isdisjoint(skipped)
    assert set(events) | set(skipped) == non_blank, "no row lost"


# --- outputs --------------------------------------------------------------------------------------

@pytest.mark.parametrize("command", [["merge", SAMPLE], ["report", SAMPLE]])
def test_existing_output_is_replaced_only_with_force(run, tmp_path, command):
    target = tmp_path / "out.json"
    target.write_text("keep")
    result = run(*command, "-o", target)
    assert result.code == 2 and "--force" in result.err and target.read_text() == "keep"
    assert run(*command, "-o", target, "--force").code == 0
    assert json.loads(target.read_text())


# --- pseudonymisation -------------------------------------------------------------------------------

NAMES = ["Kerry Harlow", "Kerry", "Dean Mott", "Dean", "Jayden Harlow", "Jayden", "Ruby Harlow", "Ruby", "Harlow", "Mott"]


@pytest.fixture
def key(tmp_path) -> Path:
    path = tmp_path / "key.csv"
    path.write_text("Kerry Harlow,Mother\nKerry,Mother\nDean Mott,Partner 1\nDean,Partner 1\nMott,Partner 1\n")
    return path


def _all_text(path: Path) -> str:
    if path.suffix == ".xlsx":
        return "\n".join(str(c.value) for s in load_workbook(path).worksheets for r in s.iter_rows() for c in r if c.value)
    return path.read_text(encoding="utf-8-sig")


def test_no_listed_name_survives_in_any_output(run, tmp_path, key):
    outputs = []
    for suffix in (".xlsx", ".csv", ".json", ".html"):
        outputs.append(tmp_path / f"merge{suffix}")
        assert run("merge", SAMPLE, "--pseudonymise", key, "-o", outputs[-1]).code == 0
    for fmt in ("json", "html", "text"):
        outputs.append(tmp_path / f"report.{fmt}")
        assert run("report", SAMPLE, "--pseudonymise", key, "--format", fmt, "-o", outputs[-1]).code == 0
    terminal = run("report", SAMPLE, "--pseudonymise", key, "--format", "rich").out
    listed = list(csv.reader(key.read_text().splitlines()))
    assert {"Jayden Harlow", "Ruby Harlow", "Harlow"} <= {row[0] for row in listed}, "subjects added to the key"
    pattern = re.compile(r"(?<!\w)(" + "|".join(NAMES) + r")(?!\w)", re.IGNORECASE)
    for path in outputs:
        assert not pattern.search(_all_text(path)), f"a name survives in {path.name}: {pattern.search(_all_text(path))}"
    assert not pattern.search(terminal)
    merged = json.loads((tmp_path / "merge.json").read_text())
    assert any("[Partner 1]" in e["text"] for e in merged["events"])
    assert {e["agency"] for e in merged["events"]} == {"GP Records", "Health Visitor", "Nursery", "Police", "Social Work"}
    assert merged["events"][0]["date"] == "2023-03-01", "dates are kept"


def test_same_labels_each_time_and_reidentify(run, tmp_path, key):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    assert run("merge", SAMPLE, "--pseudonymise", key, "-o", a).code == 0
    first_key = key.read_text()
    assert run("merge", SAMPLE, "--pseudonymise", key, "-o", b).code == 0
    assert key.read_text() == first_key and a.read_text() == b.read_text()
    back = tmp_path / "back.csv"
    assert run("reidentify", a, "--key", key, "-o", back).code == 0
    text = back.read_text(encoding="utf-8-sig")
    assert "Dean Mott" in text and "Jayden Harlow" in text and "[Partner 1]" not in text


def test_reidentify_xlsx(run, tmp_path, key):
    out = tmp_path / "m.xlsx"
    assert run("merge", SAMPLE, "--pseudonymise", key, "-o", out).code == 0
    assert run("reidentify", out, "--key", key).code == 0
    assert "Dean Mott" in _all_text(tmp_path / "m.reidentified.xlsx")


# --- no network ------------------------------------------------------------------------------------

def test_nothing_opens_a_network_connection(run, tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("chrono tried to open a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    for fmt in ("rich", "text", "json", "html"):
        assert run("report", SAMPLE, "--format", fmt, "-o", tmp_path / f"r.{fmt}").code == 0
    for suffix in (".xlsx", ".csv", ".json", ".html"):
        assert run("merge", SAMPLE, "-o", tmp_path / f"m{suffix}").code == 0
    assert run("check", SAMPLE).code == 0
    caseload = write_csv(tmp_path / "c.csv", "Case,Date,Event\nC1,01/03/2024,Mum refused entry\nC2,01/03/2024,No access\n")
    assert run("scan", caseload, "--jobs", "1", "--reports", tmp_path / "reports").code == 0


def test_paths_are_not_read_as_markup(run, tmp_path):
    folder = tmp_path / "[red]case [link=x]"
    folder.mkdir()
    result = run("merge", SAMPLE, "-o", folder / "m.csv")
    assert result.code == 0 and "[red]case [link=x]" in result.err
    assert "Settings ([detectors.drift] in chrono.toml)" in run("patterns", "drift").out


def test_scan_outputs_are_pseudonymised(run, tmp_path):
    caseload = write_csv(tmp_path / "sw.csv", "Case,Date,Child,Event\n"
                         "C1,01/03/2024,Tia Marsh,Tia Marsh not seen; Gary Marsh refused entry\n"
                         "C1,08/03/2024,Tia Marsh,Gary threatened the social worker\n")
    key = tmp_path / "key.csv"
    key.write_text("Gary Marsh,Father\nGary,Father\n")
    for suffix in (".csv", ".json", ".xlsx"):
        target = tmp_path / f"scan{suffix}"
        assert run("scan", caseload, "--pseudonymise", key, "-o", target, "--reports", tmp_path / f"r{suffix}").code == 0
        texts = [_all_text(target)] + [p.read_text() for p in (tmp_path / f"r{suffix}").iterdir()]
        for text in texts:
            assert not re.search(r"(?i)\b(gary|tia|marsh)\b", text), text[:300]
    assert "Tia Marsh,Child A" in key.read_text()


def test_a_parent_a_title_names_is_read_as_a_parent_and_pseudonymised(run, tmp_path):
    # No [names] and no key entries: the health visitor's title block is the only place the mother is named.
    source = write_csv(tmp_path / "hv.csv", "Child: Noah Pike,Mother: Leanne Brennan\n"
                       "Date,Details\n04/12/2023,Leanne said Noah was asleep and asked HV to come back another day\n")
    key, target = tmp_path / "key.csv", tmp_path / "m.json"
    assert run("merge", source, "--pseudonymise", key, "-o", target).code == 0
    listed = dict(csv.reader(key.read_text().splitlines()[1:]))
    assert listed["Leanne Brennan"] == listed["Leanne"] == "Mother" and listed["Noah Pike"] == "Child A"
    event = json.loads(target.read_text())["events"][0]
    assert not re.search(r"leanne|brennan|noah", json.dumps(event), re.IGNORECASE)
    assert "parent_account" in event["kinds"]  # "Leanne said": her account, now her name is known


def test_names_the_key_does_not_cover_are_pointed_out_before_sharing(run, tmp_path):
    # Mum's partner is named only in the free text: pseudonymisation cannot know him, so it says so.
    source = write_csv(tmp_path / "sw.csv", "Child: Noah Pike\nDate,Details\n04/12/2023,Home visit. Mum said Dean is staying "
                       "at the address.\n11/12/2023,Visit. Noah said Dean shouts at him. Home tidy, visit went well\n")
    key = tmp_path / "key.csv"
    result = run("merge", source, "--pseudonymise", key, "-o", tmp_path / "m.csv")
    assert result.code == 0
    assert "look like names" in result.err and "Dean (2)" in result.err
    assert "Noah" not in result.err.split("look like names")[1]  # in the key: replaced, not listed
    key.write_text(key.read_text() + "Dean,Partner\n")
    assert "look like names" not in run("merge", source, "--pseudonymise", key, "-o", tmp_path / "m2.csv").err


def test_people_one_family_s_entries_name_with_their_role_are_put_in_the_key(run, tmp_path):
    # No subject column, no title, no [names]: the entries themselves say who the baby and the mother are.
    source = write_csv(tmp_path / "hv.csv", "Date,Details\n"
                       "03/03/2024,Mother Kelly Frain attended booking. Wants to stop drinking for baby Isla.\n"
                       "06/03/2024,Isla seen and weighed. Kelly said she does not drink. Mum Tired.\n"
                       "10/04/2024,Isla seen. Mum tired and low. Kelly Frain asked for a later visit.\n")
    key, target = tmp_path / "key.csv", tmp_path / "m.json"
    result = run("merge", source, "--pseudonymise", key, "-o", target)
    assert result.code == 0
    listed = dict(csv.reader(key.read_text().splitlines()[1:]))
    assert listed["Kelly Frain"] == listed["Kelly"] == "Mother" and listed["Isla"] == "Child A"
    assert "Tired" not in listed, "a role word also written in lower case is an ordinary word, not a name"
    text = target.read_text()
    assert not re.search(r"kelly|frain|isla", text, re.IGNORECASE) and "look like names" not in result.err
    assert "Mum tired and low" in text


def test_names_left_takes_the_first_name_before_a_surname_it_finds():
    from chronocli.privacy import names_left

    texts = ["Kelly Frain attended assessment.", "Kelly rang to cancel.", "Assessed by Kelly Frain's keyworker. Home visit."]
    assert names_left(texts) == [("Kelly", 3), ("Frain", 2)]  # "Kelly" only ever starts a sentence, but goes before "Frain"
    assert names_left(["Kelly rang to cancel.", "Mum said Frain called."]) == [("Frain", 1)]  # "Kelly": before no name


def test_names_left_takes_capitalised_words_only_where_no_sentence_starts_them():
    from chronocli.privacy import names_left

    texts = ["Home visit. Mum said Dean hit her.", "Dean was not there. Visit went well.", "Called Leeds office. leeds"]
    assert names_left(texts) == [("Dean", 2)]  # "Home", "Visit": sentence starts; "Leeds" also lower case
    assert names_left(["Shannon said she was fine."]) == []  # only ever at a sentence start: not judged
