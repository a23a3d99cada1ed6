"""The library's front door: read inputs, classify, merge. The CLI and other tools call these."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from chronocli.config import Config
from chronocli.events.annotate import annotate, child_names_from
from chronocli.events.classify import Classifier
from chronocli.merge import Filters, merge
from chronocli.problems import Problem
from chronocli.read.load import load_inputs
from chronocli.read.table import SheetInfo


@dataclass
class Chronology:
    """An integrated chronology: ordered, classified, linked events plus what reading found."""

    events: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    sheets: list[SheetInfo] = field(default_factory=list)
    rows_read: int = 0  # before filters: every data row of every input


def make_classifier(config: Config, events: pd.DataFrame | None = None) -> Classifier:
    adults = tuple(n.split()[0].lower() for n, label in config.names.items() if not label.lower().startswith("child"))
    children = tuple(n.split()[0].lower() for n, label in config.names.items() if label.lower().startswith("child"))
    if events is not None:
        children = tuple(sorted(set(children) | set(child_names_from(events))))
    return Classifier(config.vocabulary, child_names=children, adult_names=adults)


def build_chronology(inputs: list[Path], config: Config | None = None, *, filters: Filters | None = None,
                     sheet: str | None = None, today: dt.date | None = None) -> Chronology:
    """Read every input and merge. Fatal file problems are in `problems`; callers decide to stop."""
    config = config or Config()
    loaded = load_inputs(inputs, config, sheet=sheet, today=today)
    if loaded.events.empty:
        return Chronology(loaded.events, loaded.problems, loaded.sheets, 0)
    events = annotate(loaded.events, make_classifier(config, loaded.events))
    dob = dt.date.fromisoformat(config.dob) if config.dob else None
    merged = merge(events, filters, dob)
    return Chronology(merged, loaded.problems, loaded.sheets, len(loaded.events))
