"""People the entries speak of as seen or speaking whom the classifier does not know as a child or a parent."""

from __future__ import annotations

import re

import pandas as pd

from chronocli.events.classify import Classifier
from chronocli.privacy import NOT_NAMES
from chronocli.problems import Problem

PEOPLE_CHECK_ROWS = 50_000  # a practitioner's chronology; a caseload scan names its children in a subject column
# Someone named as seen or speaking: "Noah seen", "Shannon said", "saw Noah", "spoke to Noah".
_SEEN_OR_SPEAKING = re.compile(r"\b([A-Z][a-z]{2,})\b (?i:was |is |has )?(?i:seen|said|says|told|disclosed|stated|reported|spoke|"
                               r"appeared|presented|denied|explained)\b|\b(?i:saw|seen|spoke to|spoke with|asked) ([A-Z][a-z]{2,})\b")


# A parent or partner named with their role: "Mother Gemma Dunn", "mum (Gemma)", "new partner Kyle Bates".
_BY_ROLE = re.compile(r"\b(?i:mother|mum|mom|father|dad|step-?(?:father|dad|mother|mum)|stepdad|partner|boyfriend|carer)"
                      r"(?:\s*[,:(\-]\s*|\s+)([A-Z][a-z]{2,})\b")


# A child named with a child's role: "Baby Ava born at 39 weeks", "son Kai", "her daughter Lily". Not "Baby Massage".
_CHILD_BY_ROLE = re.compile(r"\b(?i:baby|son|daughter|stepson|stepdaughter)\s+([A-Z][a-z]{2,})\b")
_NOT_BABY_NAMES = frozenset("""massage group clinic bank box unit room monitor seat gate food formula milk sensory yoga signing
    weigh weighing sling carrier bouncer bath bottle clothes born boy girl gro""".split())


def children_named_by_role(events: pd.DataFrame, adults: set[str]) -> tuple[str, ...]:
    """First names (lower case) the entries give a child's role ("Baby Ava born at 39 weeks"), so that "Ava
    seen" is read as the child seen. Not a name known as an adult's, nor an everyday word."""
    return _named_by(_CHILD_BY_ROLE, events, adults | _NOT_BABY_NAMES)


def adults_named_by_role(events: pd.DataFrame, children: set[str]) -> tuple[str, ...]:
    """First names (lower case) the entries give a parent's or partner's role ("Mother Gemma Dunn"), so that
    "Gemma said" is read as a parent's account. Not a name known as a child's, nor an everyday word."""
    return _named_by(_BY_ROLE, events, children)


def _named_by(role: re.Pattern[str], events: pd.DataFrame, known_otherwise: set[str] | frozenset[str]) -> tuple[str, ...]:
    names = {match.group(1).lower() for text in events["text"].unique() for match in role.finditer(str(text))}
    return tuple(sorted(n for n in names if n not in known_otherwise and n not in NOT_NAMES))


def people_not_known(events: pd.DataFrame, classifier: Classifier) -> list[Problem]:
    """A warning naming people entries speak of as seen or speaking whom the classifier does not know as a child
    or a parent: "Noah seen" and "Noah said" are read as the child only for names it knows (subject column,
    title, [names]), and a user with files that name no one would otherwise never learn why nothing was."""
    known = set(classifier.child_names) | set(classifier.adult_names)
    if "subject" in events:  # "Jayden Harlow seen": the surname of a child the files name
        known |= {str(s).split()[-1].lower() for s in events["subject"].unique() if str(s).strip()}
    counts: dict[str, int] = {}
    files: dict[str, None] = {}  # where they are spoken of, in the order found
    for text, file in events[["text", "file"]].drop_duplicates().itertuples(index=False, name=None):
        for name in unknown_people(str(text), known):
            counts[name] = counts.get(name, 0) + 1
            files[str(file)] = None
    if not counts:
        return []
    listed = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:8]
    first = listed[0][0]
    return [Problem(", ".join(files), "entries speak of " + ", ".join(f"{n} ({k})" for n, k in listed)
                    + " as seen or speaking, but the files do not say who they are: whether the child was seen, or "
                      "spoke, is read only for names known as a child or a parent", level="warning", value=first,
                    hint=f"Say who they are in chrono.toml: [names] {first} = \"Child A\" (a child) or \"Partner\"; "
                         "or give a subject column, or a title such as 'Child: Full Name'.")]


def unknown_people(text: str, known: set[str]) -> list[str]:
    """Names an entry speaks of as seen or speaking that are not among `known` (lower-case first names)."""
    found = (match.group(1) or match.group(2) for match in _SEEN_OR_SPEAKING.finditer(text))
    return [name for name in found if name.lower() not in known and name.lower() not in NOT_NAMES]
