"""Make untrusted text safe where it lands: spreadsheets, terminals, files on disk."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

from chronocli.errors import OutputError

# OWASP CSV injection: a cell starting with one of these may be run as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# ANSI/OSC escapes, other C0/C1 controls, and bidirectional overrides (Trojan Source).
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def spreadsheet_safe(value: object) -> object:
    """Prefix a quote to text a spreadsheet could execute; the original text stays readable."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def terminal_safe(text: object) -> str:
    """Text with escape sequences, control and bidi-override characters removed (newlines and tabs kept)."""
    return _CONTROLS.sub("", _ESCAPES.sub("", str(text)))


def xml_safe(text: str) -> str:
    """Characters XML (and so XLSX) cannot hold are dropped."""
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", text)


def refuse_inputs(output: Path, inputs: Iterable[Path]) -> None:
    """Never write over an input file: one named, or one a named folder's chronology files include (a report
    written into the input folder, merged.json, is not one of them)."""
    from chronocli.read.load import read_from_folder

    target = output.resolve()
    for given in inputs:
        paths = [p for p in given.iterdir() if read_from_folder(p)] if given.is_dir() else [given]
        for path in paths:
            if path.exists() and path.resolve() == target:
                raise OutputError(f"{output} is one of the input files; refusing to overwrite it.",
                                  "Choose another output name.")


def check_output(output: Path, inputs: Iterable[Path], force: bool) -> None:
    """Before any reading: refuse an output that would overwrite an input, replace a file without --force, or go
    into a folder that does not exist, so a scan of a whole caseload is not refused only when it comes to write."""
    refuse_inputs(output, inputs)
    _writable(output, force)


def _writable(path: Path, force: bool) -> Path:
    """The folder `path` is written into, once it is known the file may be written there."""
    if path.exists() and not force:
        raise OutputError(f"{path} already exists.", "Pass --force to replace it, or choose another name.")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: folder {folder} does not exist.", "Create the folder first.")
    return folder


def atomic_write(path: Path, write: Callable[[IO], None], *, binary: bool = False, force: bool = True) -> None:
    """Write to a temporary file beside the target, then rename: readers never see half a file."""
    folder = _writable(path, force)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        mode = "wb" if binary else "w"
        kwargs = {} if binary else {"encoding": "utf-8", "newline": ""}
        with os.fdopen(fd, mode, **kwargs) as handle:
            write(handle)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def safe_filename(name: str, fallback: str = "case") -> str:
    """A file name from any text (a case id like '../x' or 'a/b') that cannot leave its folder."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or fallback
    return cleaned[:100]
