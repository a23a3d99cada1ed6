"""The report: planted patterns found in the sample data, every format, width, and no network in HTML."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from tests.conftest import SAMPLE

PLANTED = {"missed_appointments", "selective_cooperation", "improvement_then_decline", "conflicting_accounts",
           "child_not_seen", "hostility_to_staff", "drift"}


@pytest.fixture(scope="module")
def sample_json(tmp_path_factory):
    import sys

    from chronocli import cli

    target = tmp_path_factory.mktemp("report") / "report.json"
    argv = sys.argv
    sys.argv = ["chrono", "report", str(SAMPLE), "-o", str(target)]
    try:
        with pytest.raises(SystemExit) as exit_info:
            cli.main()
            raise SystemExit(0)
    finally:
        sys.argv = argv
    assert exit_info.value.code in (0, None)
    return json.loads(target.read_text(encoding="utf-8"))


def test_sample_finds_the_planted_patterns_and_no_others(sample_json):
    found = {f["pattern"] for f in sample_json["cases"][0]["findings"]}
    assert found == PLANTED


def test_json_contract(sample_json):
    case = sample_json["cases"][0]
    assert set(case) >= {"case_id", "events", "agencies", "findings"}
    assert case["events"] == 46
    for finding in case["findings"]:
        assert set(finding) >= {"code", "pattern", "severity", "title", "summary", "first_date", "last_date", "evidence"}
        assert finding["severity"] in ("high", "medium", "low")
        for item in finding["evidence"]:
            assert set(item) >= {"event_id", "date", "agency", "text", "file", "sheet", "row"}
    assert case["strengths"] and case["questions"]
    assert "not a risk score" in sample_json["caveat"]


def test_sample_evidence_points_at_real_rows(sample_json):
    """Each evidence row's text is the text of that file's row (checked for the CSV inputs)."""
    import csv

    rows = {}
    for path in SAMPLE.glob("*.csv"):
        data = path.read_bytes()
        text = data.decode("utf-8-sig") if not path.name.startswith("gp") else data.decode("cp1252")
        delimiter = ";" if path.name.startswith("health") else ","
        for number, row in enumerate(csv.reader(text.splitlines(True), delimiter=delimiter), start=1):
            rows[(path.name, number)] = row
    checked = 0
    for finding in sample_json["cases"][0]["findings"]:
        for item in finding["evidence"]:
            name = item["file"].replace("\\", "/").rsplit("/", 1)[-1]
            if (name, item["row"]) in rows:
                assert item["text"] in rows[(name, item["row"])]
                checked += 1
    assert checked > 10


def test_rich_report_shows_sections(run):
    result = run("report", SAMPLE, "--format", "rich")
    assert result.code == 0
    for words in ("Risk-indicator report", "Indicators", "Agency timeline", "Strengths", "Questions for supervision",
                  "not a risk score", "Missed appointments and visits", "social_work.xlsx:Chronology:10"):
        assert words in result.out


@pytest.mark.parametrize("width", [70, 100, 140])
def test_text_report_respects_width_and_has_no_colour_codes(run, width):
    result = run("report", SAMPLE, "--format", "text", "--width", width)
    assert result.code == 0
    assert "\x1b[" not in result.out
    assert max(len(line) for line in result.out.splitlines()) <= width
    assert "Questions for supervision" in result.out


def test_min_severity_filters(run, tmp_path):
    target = tmp_path / "r.json"
    assert run("report", SAMPLE, "--min-severity", "high", "-o", target).code == 0
    severities = {f["severity"] for f in json.loads(target.read_text())["cases"][0]["findings"]}
    assert severities == {"high"}


def test_last_period_limits_the_report(run, tmp_path):
    target = tmp_path / "r.json"
    # Everything in the sample is from 2023-2024: nothing in the last 90 days before today's date.
    assert run("report", SAMPLE, "--last", "90d", "-o", target).code == 0
    case = json.loads(target.read_text())["cases"]
    assert case == [] or case[0]["findings"] == []


def test_html_is_self_contained(run, tmp_path):
    target = tmp_path / "r.html"
    assert run("report", SAMPLE, "-o", target).code == 0
    html = target.read_text(encoding="utf-8")
    assert "<svg" in html and "Agency timeline" in html
    assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/|<script|<link|@import|url\(", html, re.IGNORECASE)


def test_html_escapes_values(run, tmp_path):
    from tests.conftest import write_csv

    path = write_csv(tmp_path / "sw.csv", 'Date,Event\n01/03/2024,"<script>alert(1)</script> home visit - no access"\n'
                     '02/03/2024,No access\n03/03/2024,No reply\n04/03/2024,No access\n05/03/2024,"<img src=x onerror=alert(1)>"\n')
    target = tmp_path / "r.html"
    assert run("report", path, "-o", target).code == 0
    html = target.read_text()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_finding_on_one_day_shows_that_day_as_its_period(run, tmp_path):
    from tests.conftest import write_csv

    path = write_csv(tmp_path / "hospital.csv", "Date,Event\n28/12/2023,Burn to hand. Mother said she touched the oven; "
                     "burn pattern not consistent with the explanation given\n")
    text_out, html_out = tmp_path / "r.txt", tmp_path / "r.html"
    assert run("report", path, "--format", "text", "-o", text_out).code == 0
    assert run("report", path, "-o", html_out).code == 0
    row = next(line for line in text_out.read_text().splitlines() if line.startswith("| Accounts that conflict"))
    assert "| 28/12/2023  " in row and "28/12/2023 - 28/12/2023" not in row
    assert "<td>28/12/2023</td>" in html_out.read_text()


def test_evidence_from_a_row_without_text_shows_what_its_other_columns_say(run, tmp_path):
    from tests.conftest import write_csv

    rows = "".join(f"{day}/02/2025,Dressing clinic,,DNA\n" for day in (3, 10, 17, 24))
    path = write_csv(tmp_path / "ed.csv", "Arrival Date,Presenting Complaint,Triage Notes,Outcome\n" + rows)
    out = tmp_path / "r.json"
    assert run("report", path, "--format", "json", "-o", out).code == 0
    finding = next(f for f in json.loads(out.read_text())["cases"][0]["findings"] if f["pattern"] == "missed_appointments")
    assert {e["text"] for e in finding["evidence"]} == {"[Type: Dressing clinic; Action / outcome: DNA]"}


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def test_html_report_prints_in_a_real_browser(run, tmp_path):
    import os

    browser = _chromium()
    if browser is None or shutil.which("pdftotext") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI must have chromium and pdftotext (.ci/run installs them)")
        pytest.skip("chromium or pdftotext not installed (apt-get install chromium poppler-utils)")
    html, pdf = tmp_path / "r.html", tmp_path / "r.pdf"
    assert run("report", SAMPLE, "-o", html).code == 0
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / 'profile'}", "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                    html.as_uri()], check=True, capture_output=True, timeout=120)
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout.split("\f")
    pages = [p for p in pages if p.strip() or p is not pages[-1]]
    assert all(page.strip() for page in pages), "no blank pages"
    text = " ".join(" ".join(pages).split())
    assert "Missed appointments and visits" in text and "Hostility towards staff" in text
    assert "not a risk score" in text
    assert "Unannounced home visit - no reply, card left." in text


def test_report_shows_rows_it_could_not_place(run, tmp_path):
    from tests.conftest import write_csv

    path = write_csv(tmp_path / "sw.csv", "Date,Event\n01/03/2024,Home visit, no access\nsoon,Mum refused entry\n")
    result = run("report", path, "--format", "text")
    assert result.code == 0
    assert "soon" in result.err and "cannot be placed in time" in result.err
