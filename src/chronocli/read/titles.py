"""What a sheet's title block says: whose chronology it is, the parents it names, the child's date of birth."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from chronocli.problems import Problem
from chronocli.read.dates import parse_date

# Whose chronology a title block says it is: "Child: Noah Pike   DOB: 03/05/2023", "Re: Noah Pike (DOB …)", or
# the label in one cell and the name in the next ("Child:" | "Noah Pike").
_TITLE_LABEL = re.compile(r"^\s*(?:child(?:'s)?(?: full)? name|name of (?:the )?child|child|young person|pupil|patient|subject|re)"
                          r"\s*[:\-\u2013]\s*", re.IGNORECASE)
_NAME_WORD = r"(?=[A-Z][a-z'])[A-Z][a-z]*(?:['\-][A-Z]?[a-z]+)*(?:[A-Z][a-z]+)?(?![A-Za-z])"  # Noah, O'Brien, McDonald; not DOB
_NAME = re.compile(rf"{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{1,3}}")  # a first name and a surname at least
# Capitalised words a title's label may be followed by that are not a child: "Re: The Harlow Family", "Re:
# Safeguarding Concerns", "Subject: Home Visits".
_NOT_ONE_CHILD = {"the", "family", "household", "children", "siblings", "chronology", "case", "referral", "and",
                  "safeguarding", "concerns", "concern", "home", "visit", "visits", "report", "summary", "social", "care",
                  "health", "school", "police", "services", "plan", "protection", "child", "review", "meeting", "notes",
                  "significant", "events", "integrated", "multi", "agency"}


# A name followed by its date of birth: the person the record is about, as agencies head a single-child export.
# The name's words must be capitalised; the label may be written any way ("DOB", "d.o.b.", "Date of birth").
_BORN = re.compile(rf"((?:{_NAME_WORD}[ \t]+){{1,3}}{_NAME_WORD})[ \t]*[,(\-\u2013]?[ \t]*(?i:dob|d\.o\.b\.?|date of birth|born)\b")
# Words that head a title before the child's name ("Hospital Attendances Kayden Marsh DOB ...").
_TITLE_WORDS = {"hospital", "attendances", "attendance", "record", "records", "for", "of", "nursery", "gp", "ed",
                "emergency", "department", "health", "visiting", "visitor", "housing", "probation", "log", "export",
                "history", "patient", "pupil", "name", "full"}

_ADULT_LABEL = re.compile(r"^\s*(mother|mum|father|dad|parent(?:\s*/\s*carer)?s?|carers?|partner|step-?(?:father|mother|dad|mum)"
                          r"|guardian)\s*[:\-\u2013]\s*", re.IGNORECASE)
# A pre-birth chronology is headed by the mother's name: "Integrated chronology - unborn baby of Chantelle Moss".
_MOTHER_OF = re.compile(rf"\b(?i:unborn (?:baby|child)|baby|infant)[ \t]+of[ \t]+({_NAME.pattern})")
_ROLES = {"mum": "Mother", "dad": "Father", "parents": "Parent", "carers": "Carer", "parent/carer": "Parent",
          "parent/carers": "Parent", "stepdad": "Stepfather", "step-dad": "Stepfather", "stepmum": "Stepmother",
          "step-mum": "Stepmother"}


def child_in_title(title: pd.DataFrame) -> str:
    """The one child a title block names after a label (Child:, Re:, Pupil: ...) or just before a date of birth
    ("ED attendances - Kayden Marsh (DOB 14/06/2022)"), or '' (none, or more than one)."""
    names = {name for name, _ in _labelled(title, _TITLE_LABEL)}
    if not names:  # a parent's date of birth ("Mother: Shannon Marsh, DOB 02/03/1995") does not make her the child
        names = set(_named_with_birth_date(title)) - {name for name, _ in _labelled(title, _ADULT_LABEL)}
    return names.pop() if len(names) == 1 else ""


_BIRTH_LABEL = re.compile(r"(?:dob|d\.o\.b\.?|date of birth|born)\s*[:\-\u2013]?\s*", re.IGNORECASE)


def birth_date_in_title(title: pd.DataFrame, dayfirst: bool = True, today: dt.date | None = None) -> dt.date | None:
    """The one date of birth a title block gives ("DOB: 14/06/2022", "(DOB 14/06/2022)", or "DOB:" and the date
    in the next cell), read to the day; None if none, or several."""
    found = set()
    for _, row in title.iterrows():
        cells = [str(c) for c in row if str(c).strip()]
        for k, cell in enumerate(cells):
            for label in _BIRTH_LABEL.finditer(cell):
                rest = cell[label.end():].strip() or (cells[k + 1] if k + 1 < len(cells) else "")
                words = re.match(r"[\w/.\- ]+?(?=\s*(?:\)|,|;|$|\s{2}|\s+[A-Za-z]+\s*:))", rest.strip())
                parsed = parse_date(words.group(0) if words else rest, dayfirst, today)
                if parsed.date is not None and parsed.precision == "day":
                    found.add(parsed.date)
    return found.pop() if len(found) == 1 else None


def _named_with_birth_date(title: pd.DataFrame) -> list[str]:
    found = []
    for _, row in title.iterrows():
        for cell in (str(c) for c in row if str(c).strip()):
            for match in _BORN.finditer(cell):
                words = match.group(1).split()
                while words and words[0].lower() in _NOT_ONE_CHILD | _TITLE_WORDS:  # "Chronology Kayden Marsh"
                    words.pop(0)
                if len(words) >= 2 and not {w.lower() for w in words} & _NOT_ONE_CHILD:
                    found.append(" ".join(words))
    return found


def adults_in_title(title: pd.DataFrame) -> dict[str, str]:
    """The parents or carers a title block names ("Mother: Leanne Brennan", "unborn baby of Chantelle Moss"),
    name -> role ('Mother'): so that "Leanne said" reads as a parent's account, and pseudonymisation replaces
    her name."""
    mothers = {match.group(1): "Mother" for _, row in title.iterrows() for cell in (str(c) for c in row if str(c).strip())
               for match in _MOTHER_OF.finditer(cell)}
    return mothers | {name: _ROLES.get(re.sub(r"\s", "", label.lower()), label.capitalize())
                      for name, label in _labelled(title, _ADULT_LABEL)}


def _labelled(title: pd.DataFrame, labels: re.Pattern[str]) -> list[tuple[str, str]]:
    """(name, label) for each person named after a label in a title block, in the same cell or the next."""
    found = []
    for _, row in title.iterrows():
        cells = [str(c) for c in row if str(c).strip()]
        for k, cell in enumerate(cells):
            label = labels.match(cell)
            if not label:
                continue
            rest = cell[label.end():] or (cells[k + 1] if k + 1 < len(cells) else "")
            name = _NAME.match(rest.strip())
            if name and not {w.lower() for w in name.group(0).split()} & _NOT_ONE_CHILD:
                found.append((name.group(0), (label.group(1) if label.groups() else label.group(0)).strip(" :-\u2013")))
    return found


def births_in_titles(sheets: list) -> tuple[dict[str, dt.date], list[Problem]]:
    """Each child's date of birth as the files' title blocks give it ("Kayden Marsh (DOB 14/06/2022)"), for the
    age at each event (--dob gives one for every entry instead). Titles that disagree about a child give none."""
    given: dict[str, set[dt.date]] = {}
    for info in sheets:
        if info.child and info.child_born:
            given.setdefault(info.child, set()).add(info.child_born)
    births = {child: dates.pop() for child, dates in given.items() if len(dates) == 1}
    problems = [Problem(next(i.file for i in sheets if i.child == child), f"ages at each event are worked out from "
                        f"the date of birth a title gives for {child} ({born:%d/%m/%Y})", level="warning",
                        value=child, hint="Give --dob YYYY-MM-DD to use another.")
                for child, born in births.items()]
    problems += [Problem(next(i.file for i in sheets if i.child == child), f"titles give {len(dates)} dates of birth "
                         f"for {child}: no ages are shown for them", level="warning", value=child,
                         hint="Give --dob YYYY-MM-DD.") for child, dates in given.items() if child not in births]
    return births, problems
