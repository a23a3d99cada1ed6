"""Map each agency's column headers to the canonical event fields (DESIGN.md §3)."""

from __future__ import annotations

import difflib
import re

# Canonical field -> header spellings seen in agency exports. Compared after normalising
# (lower case, punctuation and spaces removed), so "Date of Event" == "date_of_event".
ALIASES: dict[str, tuple[str, ...]] = {
    "case_id": ("case", "case id", "case ref", "case reference", "case no", "case number", "caseid",
                "child id", "client id", "client ref", "pupil/case", "family id", "family ref",
                "lcs id", "mosaic id", "nhs number", "upn"),
    "date": ("date", "date of event", "event date", "when", "date of contact", "contact date",
             "date/time", "date & time", "date and time", "incident date", "date of incident",
             "appointment date", "visit date", "entry date", "dated"),
    "time": ("time", "time of event", "event time", "start time"),
    "subject": ("patient", "pupil", "child", "name", "subject", "child name", "person",
                "young person", "about"),
    "agency": ("agency", "source", "service", "organisation", "organization", "team", "recording agency"),
    "recorded_by": ("recorded by", "author", "worker", "practitioner", "officer", "staff",
                    "professional", "by", "entered by", "clinician", "user"),
    "text": ("details", "event", "event/incident", "summary", "entry", "description", "notes",
             "event details", "incident", "narrative", "what happened", "note", "comments",
             "significant event", "event description", "details of event", "information",
             "contact details", "concern"),
    "action": ("action", "action taken", "outcome", "actions", "response", "outcome/action",
               "action/outcome", "result", "next steps"),
    "significance": ("significance", "why significant", "significance to child", "risk", "level"),
    "impact_on_child": ("impact on child", "impact", "impact on the child", "effect on child"),
    "kind": ("kind", "type", "event type", "contact type", "category", "contact outcome"),
}

CANONICAL = tuple(ALIASES)
REQUIRED = ("date", "text")


def normalise(header: object) -> str:
    """Lower case with punctuation and spaces removed, so spellings compare equal."""
    return re.sub(r"[^a-z0-9]", "", str(header).lower())


_LOOKUP: dict[str, str] = {normalise(a): field for field, aliases in ALIASES.items() for a in (field, *aliases)}


def canonical_for(header: object, overrides: dict[str, str] | None = None) -> str | None:
    """The canonical field a header means, or None for an extra column kept as it is."""
    if len(str(header)) > MAX_HEADER:
        return None
    key = normalise(header)
    if not key:
        return None
    if overrides:
        for source, field in overrides.items():
            if normalise(source) == key:
                return field
    return _LOOKUP.get(key)


def map_headers(headers: list[str], overrides: dict[str, str] | None = None) -> dict[int, str]:
    """Column index -> canonical field. The first column to claim a field wins; others stay extras."""
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    for i, header in enumerate(headers):
        field = canonical_for(header, overrides)
        if field and field not in taken:
            mapping[i] = field
            taken.add(field)
    return mapping


MAX_HEADER = 80  # longer cells are data, not headers; difflib is quadratic in length


def closest_fields(header: str, n: int = 2) -> list[str]:
    """Canonical names nearest to a header the tool did not recognise (for error hints)."""
    if len(header) > MAX_HEADER:
        return []
    candidates = list(_LOOKUP)
    near = difflib.get_close_matches(normalise(header), candidates, n=n * 3, cutoff=0.5)
    seen: list[str] = []
    for key in near:
        field = _LOOKUP[key]
        if field not in seen:
            seen.append(field)
    return seen[:n]
