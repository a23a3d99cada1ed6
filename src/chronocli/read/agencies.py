"""One name per agency: the spellings of one agency within and across files ('SW', 'Social Care', 'CSC') read as one."""

from __future__ import annotations

import re

# Spellings of the same agency in UK chronologies, compared after agency_key's normalising. Kept to services
# that are one agency whatever they are called: Early Help, MASH, a school nurse or a named school are
# not merged with anything (a wrong merge would hide the difference selective_cooperation looks for).
_SAME_AGENCY: dict[str, tuple[str, ...]] = {
    "social work": ("sw", "csw", "social work", "social worker", "social workers", "social care", "childrens social care",
                    "csc", "childrens services", "social services", "childrens social work", "social work team",
                    "childrens social care team", "cssc", "childrens social services"),
    "health visiting": ("hv", "health visitor", "health visitors", "health visiting", "health visiting team",
                        "health visiting service", "hv team", "hv service"),
    "gp": ("gp", "gp surgery", "gp practice", "general practice", "general practitioner", "gp records"),
    "police": ("police", "police officer", "police officers", "psni", "police service of northern ireland"),
    "emergency department": ("ae", "a and e", "ed", "emergency department", "accident and emergency"),
    "midwifery": ("midwife", "midwifery", "community midwife", "midwives", "midwifery service"),
}
_GROUP_OF = {spelling: group for group, spellings in _SAME_AGENCY.items() for spelling in spellings}


# A note after an agency's name that names a part of it, not another place: "Police - Op Encompass", "Social Care:
# Duty". "Social Care (Leeds)" and "Social Care (Wakefield)" are two authorities' services, kept apart.
_NOTE_AFTER = re.compile(r"\s+[-\u2013:]\s+|:\s*")  # what separates a name from a note after it
_PART_OF_AN_AGENCY = re.compile(r"^(?:op|operation|duty|mash|front door|assessment|team|safeguarding|cid|response|"
                                r"neighbourhood|public protection|ppu|referral|contact centre|out of hours|ooh|edt)\b")


def agency_key(name: str) -> str:
    """What two spellings of one agency have in common: case, spacing and punctuation aside, and known aliases;
    a known agency with its own initials in brackets ("Health Visitor (HV)") or a part of it after a dash or colon
    ("Police - Op Encompass", "Social Care: Duty") is that agency."""
    plain = _plain(name)
    if plain in _GROUP_OF:
        return _GROUP_OF[plain]
    bracketed = re.fullmatch(r"\s*([^()]+?)\s*\(([^)]*)\)\s*", name)
    if bracketed and (group := _GROUP_OF.get(_plain(bracketed[1]))) and group == _GROUP_OF.get(_plain(bracketed[2])):
        return group
    parts = _NOTE_AFTER.split(name, maxsplit=1)
    if len(parts) == 2 and (group := _GROUP_OF.get(_plain(parts[0]))) and _PART_OF_AN_AGENCY.match(_plain(parts[1])):
        return group
    return plain


def has_note(name: str) -> bool:
    """Whether a spelling carries a note in brackets or after a dash or colon ("Police - Op Encompass")."""
    return "(" in name or bool(_NOTE_AFTER.search(name))


def _plain(name: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9 ]", "", name.lower().replace("&", " and "))).strip()


_AGENCY_WORDS = {"school", "nursery", "academy", "college", "police", "health", "social", "hospital", "housing", "camhs",
                 "probation", "gp", "hv", "sw", "csc", "midwife", "midwifery", "education", "paediatrics", "paediatric",
                 "mash", "yot", "youth", "dental", "dentist", "care", "services", "service", "visiting", "visitor",
                 "nurse", "nursing", "surgery", "practice", "emergency", "ed", "ae", "help", "council", "team",
                 # services a family's workers come from, by the names their sheets are given
                 "idva", "isva", "marac", "mappa", "cgl", "addaction", "turning point", "substance", "drug", "drugs", "alcohol",
                 "addiction", "recovery", "ewo", "ews", "fire", "rescue", "ambulance", "refuge", "womens aid", "nspcc",
                 "barnardos", "yos", "salt", "physio", "physiotherapy", "therapy", "ot", "clinic", "ward", "outpatients",
                 "childminder", "playgroup", "preschool", "pre school", "early years", "family support", "gateway",
                 "hospice", "infirmary", "pharmacy", "dwp", "jobcentre", "home office", "asylum", "interpreting", "virtual school",
                 "senco", "tenancy", "landlord", "homelessness", "trust", "nhs",
                 "cahms"}  # (CAMHS as it is often misspelt)


def names_an_agency(name: str) -> bool:
    """Whether a sheet's name says which agency its entries are from ('Social Care', 'HV', 'Police'), as a sheet
    named 'Sheet1', '2023' or 'Chronology' does not."""
    key = agency_key(name)
    words = key.split()
    return key in _SAME_AGENCY or bool({*words, *(" ".join(pair) for pair in zip(words, words[1:]))} & _AGENCY_WORDS)


def without_people(agency: str, people: list[str]) -> str:
    """An agency named from a file's name, less the words naming the people its title names ("HV Amelia" with
    the child Amelia Rowe -> "HV"); unchanged if what is left names no agency."""
    names = {word.lower() for person in people for word in person.split()}
    kept = [word for word in agency.split() if word.lower() not in names]
    rest = " ".join(kept)
    return rest if kept and len(kept) < len(agency.split()) and names_an_agency(rest) else agency
