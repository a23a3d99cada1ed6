"""Map each agency's column headers to the canonical event fields (DESIGN.md §3)."""

from __future__ import annotations

import difflib
import re

# Canonical field -> header spellings seen in agency exports. Compared after normalising
# (lower case, punctuation and spaces removed), so "Date of Event" == "date_of_event".
ALIASES: dict[str, tuple[str, ...]] = {
    "case_id": ("case", "case id", "case ref", "case reference", "case no", "case number", "caseid",
                "child id", "client id", "client ref", "pupil/case", "family id", "family ref",
                "lcs id", "mosaic id", "nhs number", "upn", "case ref no", "case reference number",
                "child ref", "child reference", "client number", "person id", "nhs no", "pupil upn", "liquidlogic id",
                "eclipse id", "person ref", "person reference"),
    "date": ("date", "date of event", "event date", "when", "date of contact", "contact date",
             "date/time", "date & time", "date and time", "incident date", "date of incident",
             "appointment date", "visit date", "entry date", "dated", "date of visit", "date seen",
             "date recorded", "recorded date", "date of entry", "date occurred", "occurred", "occurrence date",
             "date entered", "input date", "date created", "attendance date", "date of attendance",
             "week ending", "week commencing", "week beginning", "week starting", "w/e", "w/c", "w/b", "month",
             # date-and-time columns of police and hospital systems
             "occurrence date/time", "incident date/time", "contact date/time", "event date/time", "visit date/time",
             "arrival", "arrival date", "arrival date/time", "date of arrival", "arrival time", "admission date",
             "date of admission", "attendance date/time", "referral date", "date of referral", "admission", "admitted",
             "admission date/time", "date/time of arrival", "session date", "date of session",
             "appt date", "date of appointment", "appointment date/time", "appt date/time",
             "dyddiad"),  # Welsh
    "time": ("time", "time of event", "event time", "start time"),
    "subject": ("patient", "pupil", "child", "name", "subject", "child name", "person",
                "young person", "about", "pupil name", "patient name", "client name", "child's name",
                "name of child", "young person's name", "full name",
                # school safeguarding systems (CPOMS, MyConcern) and colleges
                "student", "student name", "learner", "learner name"),
    "agency": ("agency", "source", "service", "organisation", "organization", "team", "recording agency"),
    "recorded_by": ("recorded by", "author", "worker", "practitioner", "officer", "staff",
                    "professional", "by", "entered by", "clinician", "user", "hv", "health visitor", "sw",
                    "social worker", "named worker", "allocated worker", "key worker", "keyworker", "case worker",
                    "caseworker", "lead professional", "practitioner name", "worker name", "staff member", "staff name",
                    "officer name", "completed by", "created by", "author name"),
    "text": ("details", "event", "event/incident", "summary", "entry", "description", "notes",
             "event details", "incident", "narrative", "what happened", "note", "comments",
             "significant event", "event description", "details of event", "information",
             "contact details", "concern", "case note", "case notes", "contact note", "record",
             "recording", "detail", "observations", "event summary", "chronology entry", "text", "consultation",
             "consultation notes", "consultation note", "consultation text", "clinical notes", "clinical note", "free text", "concerns", "wellbeing concern",
             "concern details", "details of concern", "nature of concern", "cause for concern", "safeguarding concern",
             "description of concern", "concern raised", "log", "log entry", "incident log", "occurrence log",
             "log details", "entry text",
             # Welsh: manylion (details), disgrifiad (description), nodiadau (notes), crynodeb (summary)
             "manylion", "disgrifiad", "nodiadau", "crynodeb"),
    "action": ("action", "action taken", "outcome", "actions", "response", "outcome/action",
               "action/outcome", "result", "next steps", "disposal", "discharge outcome", "outcome of attendance",
               "attendance status", "attendance outcome", "appointment status", "appt status"),
    "significance": ("significance", "why significant", "significance to child", "risk", "level"),
    "impact_on_child": ("impact on child", "impact", "impact on the child", "effect on child"),
    "kind": ("kind", "type", "contact", "event type", "contact type", "category", "contact outcome", "session outcome", "outcome of session",
             "presenting complaint", "reason for attendance", "reason for contact", "contact reason", "occurrence type", "incident type",
             "reason", "reason for appointment", "appointment reason", "reason for visit", "visit reason",
             "visit type", "appointment type", "occurrence", "type of contact", "nature of contact", "contact method",
             "method of contact", "outcome of contact", "type of event", "event category", "case note type",
             "note type", "activity type", "type of note", "visit", "appointment", "contact/visit", "session",
             "assessment", "assessment type", "type of assessment",
             # a hospital's clinic list: which clinic the appointment was in
             "clinic", "clinic name", "clinic type", "specialty", "speciality",
             # GP systems' coded entries: the code's words ("Child not brought to appointment", "Bruise")
             "term", "read term", "snomed term", "code term", "code description", "clinical term", "read code description",
             "meeting", "meeting type", "type of meeting",
             "math"),  # Welsh: type
}

CANONICAL = tuple(ALIASES)
MAX_HEADER = 80  # longer cells are data, not headers; difflib is quadratic in length
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
    return _LOOKUP.get(key) or _bilingual(str(header))


def _bilingual(header: str) -> str | None:
    """A header given in two languages, "Dyddiad / Date", "Manylion | Details": the field its parts name, when the
    parts that name one agree ("Action / Comments" names two, and so none)."""
    parts = re.split(r"[/|]", header)
    fields = {_LOOKUP.get(normalise(part)) for part in parts} - {None} if len(parts) > 1 else set()
    return fields.pop() if len(fields) == 1 else None


# When to place an entry: the day it happened, not the day someone typed it. An export often has both ("Date
# Recorded" before "Date of Event"); the event's date wins and the other is kept as an extra column.
_RECORDING_DATES = {normalise(h) for h in ("date recorded", "recorded date", "entry date", "date of entry", "dated",
                                           "date entered", "input date", "date created")}


def map_headers(headers: list[str], overrides: dict[str, str] | None = None) -> dict[int, str]:
    """Column index -> canonical field. The first column to claim a field wins (for the date, the first that is
    not only when the entry was recorded, if there is one); others stay extras."""
    mapping: dict[int, str] = {}
    claimed: dict[str, int] = {}
    for i, header in enumerate(headers):
        field = canonical_for(header, overrides)
        if not field:
            continue
        if field not in claimed:
            mapping[i] = field
            claimed[field] = i
        elif field == "date" and _recorded(headers[claimed["date"]], overrides) and not _recorded(header, overrides):
            del mapping[claimed["date"]]
            mapping[i] = field
            claimed[field] = i
    return dict(sorted(mapping.items()))


def _recorded(header: object, overrides: dict[str, str] | None) -> bool:
    """A date column saying when the entry was recorded (unless the user named it the date)."""
    named = overrides and any(normalise(source) == normalise(header) for source in overrides)
    return not named and normalise(header) in _RECORDING_DATES


# When no spelling above names a field a chronology needs, a header may still say what it holds in its
# words: "Case Note Summary", "Date Visit Took Place", "Pupil Full Name". A field is taken from its words only
# when exactly one unclaimed header has them: with two candidates the tool does not choose, it asks (--map).
_FIELD_WORDS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    # field: (words of which the header must hold one, words that rule it out)
    "date": (frozenset({"date", "dated"}), frozenset({"birth", "dob", "due", "next", "closed", "closure"})),
    "text": (frozenset({"note", "notes", "details", "detail", "narrative", "description", "summary", "entry",
                        "comments", "comment", "observations", "observation", "recording", "record", "event", "events",
                        "incident", "occurrence", "concern", "concerns", "log", "minutes"}),
             frozenset({"date", "time", "id", "ref", "reference", "number", "no", "type", "by"})),
    "subject": (frozenset({"name", "names", "forename", "surname"}),
                frozenset({"worker", "staff", "practitioner", "officer", "author", "clinician", "professional",
                           "user", "by", "parent", "mother", "father", "carer", "school", "setting", "agency",
                           "team", "service", "gp", "file"})),
}


def header_words(header: object) -> set[str]:
    """'Child's Full Name' -> {'child', 's', 'full', 'name'}."""
    return set(re.findall(r"[a-z0-9]+", str(header).lower()))


def guessed_from_words(headers: list[str], mapping: dict[int, str]) -> dict[int, str]:
    """Fields the exact spellings left unnamed, each taken from the one unclaimed header whose words say it."""
    guessed: dict[int, str] = {}
    for field, (wanted, excluded) in _FIELD_WORDS.items():
        if field in mapping.values():
            continue
        candidates = [i for i, header in enumerate(headers)
                      if i not in mapping and i not in guessed and len(str(header)) <= MAX_HEADER
                      and (words := header_words(header)) & wanted and not words & excluded]
        if len(candidates) == 1:
            guessed[candidates[0]] = field
    return guessed


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
