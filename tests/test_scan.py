"""chrono scan: every case appears, ranking is deterministic, safe per-case report names, rows without a case id."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from chronocli.output.scan import case_report_name
from tests.conftest import write_csv

CONCERNING = ["Home visit - no reply, card left", "DNA appointment", "Mum refused entry", "WNB to dental",
              "Dad threatened the social worker", "No access", "Did not attend clinic"]
ROUTINE = ["Home visit completed, child seen alone", "Attended appointment with mum", "Seen in clinic, weighed"]


@pytest.fixture
def caseload(tmp_path) -> Path:
    folder = tmp_path / "caseload"
    folder.mkdir()
    sw = ["Case Ref,Date,Event"]
    hv = ["Client ID;Date of Contact;Details"]
    for n in range(12):
        case = f"C{n:03d}"
        texts = CONCERNING if n % 3 == 0 else ROUTINE
        for i in range(8):
            day = f"{1 + i * 3:02d}/0{1 + n % 9}/2024"
            text = texts[i % len(texts)]
            if i % 2:
                sw.append(f'{case},{day},"{text}"')  # quoted: some texts hold commas
            else:
                hv.append(f"{case};2024-0{1 + n % 9}-{1 + i * 3:02d};{text}")
    sw.append("../x,01/02/2024,Mum refused entry")
    sw.append("a/b,01/02/2024,Mum refused entry")
    sw.append("a_b,01/02/2024,Mum refused entry")
    sw.append(",03/02/2024,Visit with no case reference")
    write_csv(folder / "social_work.csv", "\n".join(sw) + "\n")
    write_csv(folder / "health_visiting.csv", "\n".join(hv) + "\n")
    return folder


def test_every_case_appears_and_order_is_deterministic(run, caseload, tmp_path):
    first, second = tmp_path / "one.csv", tmp_path / "two.csv"
    assert run("scan", caseload, "-o", first, "--jobs", "1").code == 0
    assert run("scan", caseload, "-o", second, "--jobs", "2").code == 0
    rows = list(csv.DictReader(first.read_text(encoding="utf-8-sig").splitlines()))
    assert {r["Case"] for r in rows} == {f"C{n:03d}" for n in range(12)} | {"../x", "a/b", "a_b"}
    assert first.read_bytes() == second.read_bytes(), "the same ranking whatever the number of processes"
    flagged = [r["Case"] for r in rows if int(r["High"]) + int(r["Medium"]) + int(r["Low"])]
    assert {"C000", "C003", "C006", "C009"} <= set(flagged)
    ranks = [int(r["Rank"]) for r in rows]
    assert ranks == sorted(ranks) == list(range(1, len(rows) + 1))


def test_ranking_puts_high_severity_first(run, caseload, tmp_path):
    target = tmp_path / "s.json"
    assert run("scan", caseload, "-o", target).code == 0
    cases = json.loads(target.read_text())["cases"]
    highs = [sum(f["severity"] == "high" for f in c["findings"]) > 0 for c in cases]
    assert highs == sorted(highs, reverse=True)
    assert all(set(c) >= {"case_id", "events", "agencies", "findings"} for c in cases)


def test_rows_without_case_id_are_reported(run, caseload, tmp_path):
    result = run("scan", caseload, "-o", tmp_path / "s.json")
    assert result.code == 0
    assert "1 event(s) have no case id" in result.err
    problems = json.loads((tmp_path / "s.json").read_text())["problems"]
    lines = (caseload / "social_work.csv").read_text().splitlines()
    row = next(i for i, line in enumerate(lines, start=1) if line.startswith(",03/02/2024"))
    assert [p["row"] for p in problems if "no case id" in p["message"]] == [row]


def test_a_file_with_no_case_column_is_one_problem_not_one_per_row(run, caseload, tmp_path):
    write_csv(caseload / "gp.csv", "Date,Entry\n01/02/2024,WNB\n08/02/2024,DNA\n15/02/2024,Seen with mum\n")
    result = run("scan", caseload, "-o", tmp_path / "s.json")
    assert result.code == 0 and "Files with no case id on any row" in result.err
    problems = [p for p in json.loads((tmp_path / "s.json").read_text())["problems"] if p["column"] == "case_id"]
    whole = [p for p in problems if p["file"].endswith("gp.csv")]
    assert len(whole) == 1 and whole[0]["row"] is None and "any of its 3 rows" in whole[0]["message"]
    assert [p["row"] for p in problems if p["file"].endswith("social_work.csv")]  # a blank cell is still its own row


def test_per_case_reports_have_safe_unique_names(run, caseload, tmp_path):
    reports = tmp_path / "reports"
    assert run("scan", caseload, "--reports", reports).code == 0
    names = sorted(p.name for p in reports.iterdir())
    assert all(p.resolve().parent == reports.resolve() for p in reports.iterdir())
    assert len({case_report_name("a/b"), case_report_name("a_b")}) == 2
    assert case_report_name("a/b") in names and case_report_name("../x") in names
    assert not (tmp_path / "x.html").exists() and not any(tmp_path.glob("*.html"))
    html = (reports / case_report_name("C000")).read_text(encoding="utf-8")
    assert "Risk-indicator report" in html and "C000" in html


@pytest.mark.parametrize("case_id", ["../../etc/passwd", "a/b", "CON", "..", "", "x" * 300, "名前", "a\\b"])
def test_case_report_name_cannot_escape(case_id):
    name = case_report_name(case_id)
    assert "/" not in name and "\\" not in name and not name.startswith(".") and len(name) < 120


def test_filters_and_case_column(run, caseload, tmp_path):
    target = tmp_path / "s.json"
    assert run("scan", caseload, "--pattern", "hostility_to_staff", "-o", target).code == 0
    patterns = {f["pattern"] for c in json.loads(target.read_text())["cases"] for f in c["findings"]}
    assert patterns == {"hostility_to_staff"}
    assert run("scan", caseload, "--min-severity", "high", "-o", target, "--force").code == 0
    severities = {f["severity"] for c in json.loads(target.read_text())["cases"] for f in c["findings"]}
    assert severities == {"high"}
    renamed = write_csv(tmp_path / "renamed.csv", "Family,Date,Event\nF1,01/02/2024,No access\nF2,01/02/2024,No access\n")
    assert run("scan", renamed, "--case-column", "Family").code == 0
    result = run("scan", renamed)
    assert result.code == 2 and "--case-column" in result.err


def test_scan_terminal_table(run, caseload):
    result = run("scan", caseload, "--top", "3")
    assert result.code == 0
    assert "Caseload scan:" in result.out and "more flagged cases" in result.out


def test_a_case_id_written_with_and_without_spaces_is_one_case(run, tmp_path):
    # The police export spaces NHS numbers as they are printed; the GP's system does not. Two ids that differ
    # in more than spacing and letter case stay two cases.
    folder = tmp_path / "caseload"
    folder.mkdir()
    write_csv(folder / "police.csv", "Child ID,Date,Summary\n485 777 3456,01/02/2024,Officers attended; no access\n"
              "c-001,02/02/2024,Domestic incident\n")
    write_csv(folder / "gp.csv", "NHS Number,Date,Event\n4857773456,03/02/2024,DNA asthma review\n"
              "4857773456,10/02/2024,DNA asthma review\nC_001,04/02/2024,Routine review\n")
    target = tmp_path / "s.json"
    result = run("scan", folder, "-o", target)
    assert result.code == 0
    cases = {c["case_id"]: c for c in json.loads(target.read_text())["cases"]}
    assert set(cases) == {"4857773456", "c-001", "C_001"}
    assert cases["4857773456"]["events"] == 3 and set(cases["4857773456"]["agencies"]) == {"GP", "Police"}
    assert "'4857773456', '485 777 3456' read as one case, '4857773456'" in " ".join(result.err.split())
    # ... but the analyst is told that c-001 and C_001 may be one child's records split in two
    apart = " ".join(result.err.split()).split("kept as separate cases: ")[1].split(". If")[0]
    assert sorted(apart.split(", ")) == ["'C_001'", "'c-001'"]
    assert any("differ only in punctuation" in p["message"] and "'c-001'" in p["message"]
               for p in json.loads(target.read_text())["problems"])


def test_a_case_id_of_digits_that_lost_its_leading_zeros_is_one_case(run, tmp_path):
    # The school's export was opened and saved in a spreadsheet, which dropped the zeros the case system writes.
    folder = tmp_path / "caseload"
    folder.mkdir()
    write_csv(folder / "social_work.csv", "Case Ref,Date,Details\n0012345,01/02/2024,Home visit - no reply\n"
              "0000,02/02/2024,Home visit - no reply\n")
    write_csv(folder / "school.csv", "Case Ref,Date,Entry\n12345,03/02/2024,Absent - no call\n0,04/02/2024,Absent\n")
    target = tmp_path / "s.json"
    result = run("scan", folder, "-o", target)
    assert result.code == 0
    cases = {c["case_id"]: c["events"] for c in json.loads(target.read_text())["cases"]}
    assert len(cases) == 2 and set(cases.values()) == {2}  # each shown by the spelling read first
    assert {"12345", "0"} == set(cases)  # files are read in name order: school.csv first
    warned = " ".join(result.err.split())
    assert "'12345', '0012345' read as one case" in warned and "'0', '0000' read as one case" in warned


def test_a_caseload_reads_each_case_with_the_names_its_own_entries_give(run, tmp_path):
    """A report on one family learns 'Chantelle (19)' is an adult and 'Baby Ava' the child; the caseload scan, whose
    classifier knows no one case's names, now reads that case's entries the same way — and a name one case gives a
    child and another an adult is read as neither."""
    folder = tmp_path / "caseload"
    folder.mkdir()
    write_csv(folder / "sw.csv", "Case,Date,Entry\n"
              "A1,28/01/2025,Booked at 25 weeks. Chantelle (19) seen.\n"
              "A1,29/01/2025,\"Home visit, Chantelle seen alone. She says Dean does not live with her.\"\n"
              "A1,30/01/2025,Police attended. Dean present at the address.\n"
              "A1,03/04/2025,Baby Ava born at 39 weeks. Ava seen.\n"
              "B2,01/02/2025,Home visit. Mum (Tiana) seen.\n"
              "B2,02/02/2025,Tiana said she was fine.\n"
              "C3,01/02/2025,Baby Tiana weighed at clinic.\n"
              "C3,09/02/2025,Tiana seen at home.\n")
    target = tmp_path / "s.json"
    assert run("scan", folder, "-o", target).code == 0
    by_case = {c["case_id"]: c for c in json.loads(target.read_text())["cases"]}
    summaries = " ".join(f["summary"] for f in by_case["A1"]["findings"])
    assert 'a parent told SW "She says Dean does not live with her"; on 30 Jan 2025 SW recorded "Dean present at the address"' in summaries
    merged = tmp_path / "m.json"
    assert run("merge", folder, "-o", merged).code == 0
    kinds = {(e["case_id"], e["text"]): e["kinds"] for e in json.loads(merged.read_text())["events"]}
    assert "child_seen_alone" not in kinds[("A1", "Home visit, Chantelle seen alone. She says Dean does not live with her.")]
    assert "child_seen" in kinds[("A1", "Baby Ava born at 39 weeks. Ava seen.")]
    # Tiana: B2's mother, C3's baby: read as neither, as the caseload's classifier alone would read her
    assert "child_account" not in kinds[("B2", "Tiana said she was fine.")]
    assert "child_seen" not in kinds[("C3", "Tiana seen at home.")]
