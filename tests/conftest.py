"""Shared helpers: run the CLI in-process, build small chronology files of invented families."""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import Workbook

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_data"
TODAY = dt.date(2026, 11, 23)


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def run(capsys, monkeypatch):
    """Run `chrono ARGS...` through the real entry point; returns exit code, stdout, stderr."""
    from chronocli import cli

    def _run(*args: object) -> Result:
        monkeypatch.setattr(sys, "argv", ["chrono", *map(str, args)])
        # Wide enough that no message wraps inside a table cell.
        monkeypatch.setenv("COLUMNS", "400")
        cli.out.width = 400
        cli.err.width = 400
        code = 0
        try:
            cli.main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return _run


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path
