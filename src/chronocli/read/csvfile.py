"""Read a CSV export into a grid of strings: detect encoding and delimiter, keep multi-line cells."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from chronocli.errors import InputError

# First bytes of files that are not text, with what to tell the user.
_SIGNATURES = {
    b"PK\x03\x04": "it is a ZIP archive (perhaps an .xlsx file with the wrong name); rename it to .xlsx",
    b"\xd0\xcf\x11\xe0": "it is an old Excel (.xls) or password-protected workbook; save it as .xlsx or .csv without a password",
    b"%PDF": "it is a PDF; export the chronology from its system as CSV or XLSX",
    b"\x89PNG": "it is a PNG image, not a chronology",
    b"\xff\xd8\xff": "it is a JPEG image, not a chronology",
    b"GIF8": "it is a GIF image, not a chronology",
}
ENCODINGS = (("utf-8-sig", "UTF-8"), ("cp1252", "Windows-1252"), ("latin-1", "Latin-1"))
_CODECS = {name: codec for codec, name in ENCODINGS} | {"UTF-8 with BOM": "utf-8-sig"}
_SNIFF_CHARS = 64 * 1024
_MAX_FIELD = 64 * 1024 * 1024


def describe_binary(head: bytes) -> str | None:
    """Why these first bytes are not a text table, or None if they might be one."""
    for signature, why in _SIGNATURES.items():
        if head.startswith(signature):
            return why
    if b"\x00" in head[:8192]:
        return "it holds binary data (NUL bytes), not text"
    return None


def decode(data: bytes) -> tuple[str, str]:
    """Text and the name of the encoding used: UTF-8 (with or without BOM), else Windows-1252 (UTF-16 is turned
    into UTF-8 before this, by read_csv_grid)."""
    for codec, name in ENCODINGS:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if codec == "utf-8-sig" and data.startswith(b"\xef\xbb\xbf"):
            name = "UTF-8 with BOM"
        return text, name
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def sniff_delimiter(sample: str) -> str:
    """Comma, semicolon or tab: the one that splits the first lines most consistently."""
    lines = [line for line in sample.splitlines()[:50] if line.strip()]
    best, best_score = ",", -1.0
    for delim in (",", ";", "\t", "|"):
        counts = [len(row) for row in csv.reader(io.StringIO("\n".join(lines)), delimiter=delim)]
        if not counts:
            continue
        multi = [c for c in counts if c > 1]
        # Favour delimiters that give many rows the same width of more than one column.
        if not multi:
            continue
        modal = max(set(multi), key=multi.count)
        score = multi.count(modal) * min(modal, 20) + len(multi) * 0.1
        if score > best_score:
            best, best_score = delim, score
    return best


def read_csv_grid(path: Path, data: bytes) -> tuple[pd.DataFrame, str, str]:
    """All records as strings (columns 0..n-1; index 0 = first record). Returns grid, encoding, delimiter."""
    utf16 = data[:2] in (b"\xff\xfe", b"\xfe\xff")  # Excel's "Unicode Text" and some case systems export UTF-16
    if utf16:
        try:
            data = data.decode("utf-16").encode("utf-8")  # the parser below reads UTF-8
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: cannot read as CSV: it starts as UTF-16 text but is not valid UTF-16.",
                             "Export it again, as CSV UTF-8 if the system offers it.") from exc
    why = describe_binary(data[:8192])
    if why:
        raise InputError(f"{path}: cannot read as CSV: {why}.", "Check you exported the right file.")
    text, encoding = decode(data)
    if not text or text.isspace():
        raise InputError(f"{path}: the file is empty.", "Export the chronology again; it holds no rows.")
    delimiter = sniff_delimiter(text[:_SNIFF_CHARS])
    try:
        width = max(len(r) for r in csv.reader(io.StringIO(text[:_SNIFF_CHARS]), delimiter=delimiter))
        # The parser reads the bytes itself (in the encoding just found): handing it the decoded text would
        # make it encode every character back to UTF-8 first.
        grid = pd.read_csv(
            io.BytesIO(data), encoding=_CODECS[encoding], sep=delimiter, header=None, names=range(width), dtype=str,
            keep_default_na=False, na_filter=False, skip_blank_lines=False, engine="c",
            quotechar='"', doublequote=True, index_col=False,
        )
    except (pd.errors.ParserError, ValueError, csv.Error):
        # Ragged rows wider than the first ones: the csv module keeps every field.
        grid = _read_with_csv_module(text, delimiter)
    return grid, "UTF-16" if utf16 else encoding, delimiter


def _read_with_csv_module(text: str, delimiter: str) -> pd.DataFrame:
    csv.field_size_limit(_MAX_FIELD)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    width = max((len(r) for r in rows), default=0)
    return pd.DataFrame([r + [""] * (width - len(r)) for r in rows], columns=range(width), dtype=object)
