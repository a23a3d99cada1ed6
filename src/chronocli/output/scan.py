"""Write a caseload scan: ranked cases to CSV, XLSX or JSON, and one HTML report per flagged case."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

from openpyxl import Workbook

from chronocli.analysis import CaseAnalysis
from chronocli.errors import OutputError
from chronocli.output.safety import atomic_write, safe_filename, spreadsheet_safe
from chronocli.output.sheets import add_table_sheet
from chronocli.report.html import render_html
from chronocli.report.model import build_report, report_json
from chronocli.scan import ScanResult, pattern_severities

COLUMNS = ("Rank", "Case", "Events", "Agencies", "From", "To", "High", "Medium", "Low", "Patterns", "Top finding")


def scan_rows(result: ScanResult) -> list[list[object]]:
    rows = []
    for rank, case in enumerate(result.cases, start=1):
        severities = pattern_severities(case)
        first, last = case.period
        rows.append([rank, case.case_id, len(case.events), ", ".join(case.agencies),
                     first.isoformat() if first else "", last.isoformat() if last else "",
                     *(list(severities.values()).count(s) for s in ("high", "medium", "low")),
                     "; ".join(f"{p} ({s})" for p, s in severities.items()),
                     case.findings[0].summary if case.findings else ""])
    return rows


def write_scan(result: ScanResult, path: Path, *, force: bool = True) -> None:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        def write_csv(handle) -> None:
            handle.write("\ufeff")
            writer = csv.writer(handle)
            writer.writerow(COLUMNS)
            for row in scan_rows(result):
                writer.writerow([spreadsheet_safe(v) for v in row])
        atomic_write(path, write_csv, force=force)
    elif suffix == ".xlsx":
        atomic_write(path, lambda f: _workbook(result).save(f), binary=True, force=force)
    elif suffix == ".json":
        report = build_report(result.cases, [], timelines=False)
        data = report_json(report)
        data["unassigned_events"] = result.unassigned
        data["problems"] = [p.to_dict() for p in result.problems if p.level != "skipped"]
        # dumps, not dump: without indentation it runs the C encoder, several times faster on a whole caseload.
        atomic_write(path, lambda f: f.write(json.dumps(data, ensure_ascii=False)), force=force)
    else:
        raise OutputError(f"cannot write {path}: unknown output type '{path.suffix}'.", "Use .csv, .xlsx or .json.")


def _workbook(result: ScanResult) -> Workbook:
    workbook = Workbook(write_only=True)
    add_table_sheet(workbook, "Cases", list(COLUMNS), scan_rows(result), [6, 12, 8, 36, 11, 11, 6, 8, 6, 50, 90], freeze="C2")
    return workbook


def case_report_name(case_id: str) -> str:
    """A file name that cannot leave the folder, unique even when two ids clean to the same text."""
    digest = hashlib.sha256(case_id.encode("utf-8")).hexdigest()[:8]
    return f"{safe_filename(case_id)}-{digest}.html"


def check_reports_folder(folder: Path) -> None:
    """Refuse a --reports path that is a file, before any reading (which reports exist is known only at the end)."""
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder} exists and is not a folder.", "Give --reports a folder name.")


def write_case_reports(cases: list[CaseAnalysis], folder: Path, sources, *, force: bool = False) -> list[Path]:
    check_reports_folder(folder)
    targets = [folder / case_report_name(case.case_id) for case in cases]
    existing = [t for t in targets if t.exists()]
    if existing and not force:
        raise OutputError(f"{len(existing)} report(s) already exist in {folder}, e.g. {existing[0].name}.",
                          "Pass --force to replace them, or choose another folder.")
    folder.mkdir(parents=True, exist_ok=True)
    for case, target in zip(cases, targets):
        html = render_html(build_report([case], sources))
        atomic_write(target, lambda f, html=html: f.write(html))
    return targets
