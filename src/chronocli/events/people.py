"""People the entries name: who they are (a child, a parent, a partner), and those the classifier cannot place."""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import chain

import numpy as np
import pandas as pd
import re2

from chronocli.events.classify import Classifier
from chronocli.privacy import NOT_NAMES
from chronocli.problems import Problem

PEOPLE_CHECK_ROWS = 50_000  # a practitioner's chronology; a caseload scan names its children in a subject column
# A first name as written: "Noah", and a hyphenated one, "Ellie-May" (not "Ellie" of it).
_FIRST = r"[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?"
# Someone named as seen or speaking: "Noah seen", "Shannon said", "saw Noah", "spoke to Noah".
_SEEN_OR_SPEAKING = re.compile(rf"\b({_FIRST})\b (?i:was |is |has )?(?i:seen|said|says|told|disclosed|stated|reported|spoke|"
                               rf"appeared|presented|denied|explained)\b|\b(?i:saw|seen|spoke to|spoke with|asked) ({_FIRST})\b")


# A parent or partner named with their role: "Mother Gemma Dunn", "mum (Gemma)", "new partner Kyle Bates". The role
# (1), the first name (2) and a surname straight after it (3).
# A drug or alcohol service's "Client (Stacey)" is the parent it works with.
_BY_ROLE = re.compile(r"\b(?i:(?P<role>mother|mummy|mum|mom|mam|father|daddy|dad|step-?(?:father|dad|mother|mum)|stepdad|partner|boyfriend|carer|client))"
                      rf"(?:\s*[,:(\-]\s*|\s+)(?P<first>{_FIRST})\b(?: (?P<surname>[A-Z][a-z]{{2,}}(?:-[A-Z][a-z]+)?)\b)?")
# The role in brackets after the name: "Connor Webb (partner)", "Gemma (mum)", "Shannon Price (mother)", "Shannon Lowe
# (mother of Mia, 2)".
_ROLE_AFTER = re.compile(rf"\b(?P<first>{_FIRST})(?: (?P<surname>[A-Z][a-z]{{2,}}(?:-[A-Z][a-z]+)?))? \((?i:(?:mum'?s |mother'?s )?"
                         r"(?P<role>mother|mum|mom|mam|father|dad|step-?(?:father|dad|mother|mum)|stepdad|partner|boyfriend|carer))"
                         r"(?:\s+(?i:of|to)\s+[^()]{1,40})?\)")
# A relative named as the one bringing the children up ("Nan (Pauline Green) caring for Kyla and Jaden", "Aunt
# Donna, special guardian"): a carer, whose word is a parent's. A relative named otherwise is not.
_KINSHIP_CARER = re.compile(
    r"\b(?i:nan|nana|nanny|gran|granny|grandma|grandmother|grandad|grandfather|aunt|auntie|aunty|uncle)"
    rf"(?:\s*[,:(\-]\s*|\s+)(?P<first>{_FIRST})\b(?: (?P<surname>[A-Z][a-z]{{2,}}(?:-[A-Z][a-z]+)?)\b)?\)?,?\s+\(?"
    r"(?i:(?:is |has been |now |as |who is )?(?:the )?(?:caring for|cares for|looking after|looks after|special guardian|kinship carer"
    r"|has care of|main carer|carer (?:for|of)))")
# The relative a child is placed with or lives with: "Kinship placement with maternal aunt Donna Price", "lives with
# his nan Pauline".
_PLACED_WITH = re.compile(
    r"\b(?i:placement|placed|living|lives|live|staying|stays|moved in)\s+(?i:with)\s+(?i:(?:his|her|their|the)\s+)?(?i:(?:maternal|paternal|great)\s+)?"
    r"(?i:nan|nana|nanny|gran|granny|grandma|grandmother|grandad|grandfather|aunt|auntie|aunty|uncle)"
    rf"(?:\s*[,:(\-]\s*|\s+)(?P<first>{_FIRST})\b(?: (?P<surname>[A-Z][a-z]{{2,}}(?:-[A-Z][a-z]+)?)\b)?")
# Someone speaking of their own partner is an adult, unless named elsewhere as a child: "Victim Chantelle Moss states
# partner Ricky Grant pushed her", "Chantelle says her husband left". (Not "boyfriend": a teenager may speak of one.)
_SPEAKS_OF_PARTNER = re.compile(rf"\b(?P<first>{_FIRST})(?: (?P<surname>[A-Z][a-z]{{2,}}(?:-[A-Z][a-z]+)?))? "
                                r"(?i:states|stated|says|said|reports|reported|alleges|alleged|disclosed)(?i: that)? (?i:her |his )?"
                                r"(?i:husband|wife|partner|ex-partner|ex-husband)\b"
                                # or of her relationship as ended, as an IDVA records it: "Kelly said she does not
                                # want support, relationship is over" (fam205)
                                rf"|\b(?P<first_>{_FIRST}) (?i:states|stated|says|said|reports|reported)(?i: that)?[^.;]{{0,40}}?"
                                r"(?<![a-z])(?i:(?:the|their|her|his|our) )?(?i:relationship)(?: (?i:with) [A-Z][a-z]+)? (?i:is|was|has) "
                                r"(?i:now )?(?i:over|ended|finished)\b")
# Two parents named together: "Parents Dean and Shelby present", "parents (Dean and Shelby Cole)", "Dean and Shelby
# (parents) attended" (fam183). Which is the mother is not said; each speaks as a parent.
_PARENTS_NAMED = re.compile(rf"\b(?i:parents|carers)(?:\s*[,:(\-]\s*|\s+)"
                            r"(?!(?i:evening|meeting|group|forum|consultation|session|workshop|class|course|night|day|drop)\b)"
                            rf"(?P<one>{_FIRST}) (?:(?i:and)|&) (?P<other>{_FIRST})\b"
                            rf"|\b(?P<one_>{_FIRST}) (?:(?i:and)|&) (?P<other_>{_FIRST})(?: [A-Z][a-z]{{2,}})? \((?i:parents|carers)\)")
_ADULT_ROLES = {"mother": "Mother", "mum": "Mother", "mummy": "Mother", "mom": "Mother", "mam": "Mother", "father": "Father",
                "dad": "Father", "daddy": "Father",
                "stepfather": "Stepfather", "stepdad": "Stepfather", "stepmother": "Stepmother", "stepmum": "Stepmother",
                "partner": "Partner", "boyfriend": "Partner", "carer": "Carer", "client": "Carer"}


# A child named with a child's role: "Baby Ava born at 39 weeks", "son Kai", "her daughter Lily". Not "Baby Massage".
_CHILD_BY_ROLE = re.compile(rf"\b(?i:baby|son|daughter|stepson|stepdaughter)\s+({_FIRST})\b")
_NOT_BABY_NAMES = frozenset("""massage group clinic bank box unit room monitor seat gate food formula milk sensory yoga signing
    weigh weighing sling carrier bouncer bath bottle clothes born boy girl gro""".split())
# A child named with an age or a school year in brackets: "Leo (4y, GMFCS III)", "Ethan (9, GMFCS IV)", "Isla (8 weeks)", "Isla (8/12)",
# "Zac (Y3)", "Chloe Benn (14)". An age in years (or a bare number) counts up to 17: "Kelly (32 yrs)" is an adult.
_CHILD_WITH_AGE = re.compile(rf"\b({_FIRST})( [A-Z][a-z]{{2,}}(?:-[A-Z][a-z]+)?)? \((?i:aged? )?"
                             r"(?:(\d{1,2}) ?(?:(?i:(y|yo|yrs?|years?)|mths?|months?|wks?|weeks?|days?)\b|(\)|,(?= ?[A-Z])))"
                             r"|\d{1,2}/12\b|(?i:y|yr|year) ?\d{1,2}\b)")
# Children listed with their ages in brackets: "Children (Kacey 6, Brody 3)", "(Kai 7 and Lily 4)".
_AGES_IN_BRACKETS = re.compile(r"\b(?i:children|siblings|kids|sons|daughters|boys|girls)\s*\("
                               rf"((?:{_FIRST} \d{{1,2}}(?:\s*(?:y|yo|yrs?|years?)\b)?(?:,\s*|\s+and\s+|\s*&\s*)?){{2,}})\)")
_NAME_AGE = re.compile(rf"({_FIRST}) (\d{{1,2}})")
# A clinical note that opens with the patient and age: "Mason 2y. Mum concerned re speech", "Isla 8/12 - weight".
_PATIENT_AND_AGE = re.compile(rf"^\W*({_FIRST}),? (\d{{1,2}}) ?(?:(y|yo|yrs?|years?(?: old)?)|/12|mths?|months?(?: old)?|wks?|weeks?(?: old)?)"
                              r"(?=\W|$)")
# The same with the age bare between commas: "Noah, 5, cerebral palsy. Second WNB." (checked as "Ellie (7)" is).
_PATIENT_COMMA_AGE = re.compile(rf"^\W*({_FIRST}), (\d{{1,2}}), ")
# A young parent named with her age: "Kayleigh Ross (17), Mason's mother", "Kayleigh (16) is pregnant", "Tyler (17),
# dad to Mason": a parent, whatever the age (what she says is a parent's account, not the child's).
_YOUNG_PARENT = re.compile(rf"\b({_FIRST})(?: [A-Z][a-z]{{2,}}(?:-[A-Z][a-z]+)?)? \((?i:aged? )?1[2-7](?: ?(?i:y|yo|yrs?|years?))?\),? "
                           r"(?i:(?:who |and )?(?:is |was |now )?(?:(?:a |the |young |expectant |new )?(mother|mum|mam|father|dad|parent)\b"
                           r"|[a-z]+'s (mother|mum|mam|father|dad)\b|(pregnant|expecting)\b))")
# A woman named as pregnant is the mother-to-be: "Kerry-Ann (pregnant) said", "Kerry-Ann Shaw (22 weeks pregnant)".
_PREGNANT = re.compile(rf"\b({_FIRST})(?: [A-Z][a-z]{{2,}}(?:-[A-Z][a-z]+)?)? \((?i:(?:\d{{1,2}} ?(?:weeks?|wks?) )?(?:pregnant|expecting))\)")
# A full name and an adult's age after a comma, as a booking or referral gives it: "Kerry-Ann Shaw, 24".
_FULL_NAME_AND_AGE = re.compile(rf"\b({_FIRST}) [A-Z][a-z]{{2,}}(?:-[A-Z][a-z]+)?, (\d{{2}})(?: ?(?i:y|yo|yrs?|years?(?: old)?))?(?![\w/%:-]|\.\d)")
_PARENT_WORDS = {"mother": "Mother", "mum": "Mother", "mam": "Mother", "pregnant": "Mother", "expecting": "Mother", "father": "Father",
                 "dad": "Father", "parent": "Carer"}
# A name given an age of 16 or 17: a young person the chronology may be about, or a young parent (see
# teenagers_read_as_children).
_AGED_16_OR_17 = re.compile(rf"\b({_FIRST})(?: [A-Z][a-z]{{2,}}(?:-[A-Z][a-z]+)?)? \((?i:aged? )?1[67](?: ?(?i:y|yo|yrs?|years?))?\)")
CHILD = "Child"  # the role named_by_role gives a child
ADULT = "Adult"  # the role it gives someone named with an adult's age ("Chantelle (19)") and no other role


# What any of named_by_role's patterns needs: an age, school year or role in brackets, a role word then a capitalised
# name, or a note opening with a name and an age. RE2 (one linear pass) tells the few caseload entries that may
# name someone from the million that cannot, in a fraction of Python's time.
MAY_NAME = re2.compile(r"\((?i:aged? |y(?:ea)?r ?|y ?)?\d|\((?i:mum|mam|mother|mom|father|dad|step|partner|boyfriend|carer|parents)"
                        r"|(?i:mother|mummy|mum|mom|mam|father|daddy|dad|stepdad|partner|boyfriend|carers?|parents|client|baby|son|daughter"
                        r"|nan|nana|nanny|gran|granny|grandma|grandmother|grandad|grandfather|aunt|auntie|aunty|uncle"
                        r"|children|siblings|kids|boys|girls)(?:\s*[,:(\-]\s*|\s+)[A-Z][a-z]{2}|^\W*[A-Z][a-z]{2,},? \d"
                        r"|\((?i:pregnant|expecting)|[A-Z][a-z]{2,}, \d\d"
                        r"|(?i:states|stated|says|said|reports|reported|alleges|alleged|disclosed)(?i: that)? (?i:her |his )?(?i:husband|wife|partner|ex-)"
                        r"|(?i:relationship)(?: (?i:with) [A-Z][a-z]+)? (?i:is|was|has) (?i:now )?(?i:over|ended|finished)")


def names_by_case(texts: pd.Series, cases: pd.Series, may_name: np.ndarray) -> dict[str, dict[str, str]]:
    """For a caseload, each case's own named_by_role: the people its entries name with their role. Only entries
    that may name someone (`may_name`, MAY_NAME's verdict per row) are read by it; the rest of such a case's
    entries only for the lower-case check."""
    keys = cases.to_numpy(dtype=object)
    named_cases = {c for c in pd.unique(keys[may_name]) if c}
    if not named_cases:
        return {}
    candidates: dict[str, list[str]] = {}
    every: dict[str, list[str]] = {}
    values = texts.astype(str).to_numpy(dtype=object)
    for i in np.flatnonzero(pd.Series(keys).isin(named_cases).to_numpy()).tolist():  # a hash lookup (numpy's isin sorts objects)
        every.setdefault(keys[i], []).append(values[i])
        if may_name[i]:
            candidates.setdefault(keys[i], []).append(values[i])
    return {case: named for case in sorted(candidates) if (named := named_by_role(candidates[case], every[case]))}


def _named(match: re.Match[str]) -> str:
    """The name a role pattern's match gives ("Gemma Dunn", or "Gemma" when what follows is no surname), or '' when
    its first name is an everyday word."""
    first, surname = match["first"], match["surname"]
    if first.lower() in NOT_NAMES:
        return ""
    return first if not surname or surname.lower() in NOT_NAMES else f"{first} {surname}"


# A word in capitals: some police systems export their narratives all in capitals ("MOTHER (CHELSEA WARD) STATED").
_CAPITALS = re.compile(r"[A-Z][A-Z']+")  # a hyphen starts a word: KERRY-ANN is Kerry-Ann


def as_written(text: str) -> str:
    """`text`, unless it is all in capitals: then each word capitalised ("Mother (Chelsea Ward) Stated"), so the
    patterns that find a name by its capital letter find it there too."""
    return _CAPITALS.sub(lambda m: m.group(0).capitalize(), text) if text.isupper() else text


def may_name(text: str) -> bool:
    """Whether an entry may name someone with a role (see MAY_NAME): one linear pass, all-capital text included."""
    return MAY_NAME.search(as_written(text)) is not None


def named_by_role(texts: Iterable[str], context: Iterable[str] | None = None) -> dict[str, str]:
    """The people entries name with their role, as written ("Gemma Dunn", "Ava"), and that role ("Mother",
    "Partner"; CHILD for "Baby Ava", "son Kai", "Leo (4y)"; ADULT for "Chantelle (19)"). A name given both an adult's and a child's role is an adult's;
    the first adult role found wins. Not a month, day, service or relative's title, and not an everyday word
    ("Baby Massage"). `context`, when given, is every entry the lower-case check reads (all of a case's, where only
    some are searched for names)."""
    adults: dict[str, str] = {}
    children: dict[str, str] = {}
    bare: set[str] = set()  # one word and a bare number ("Ellie (7)", but also "Bay (4)"): checked below
    bare_adults: set[str] = set()  # the same with an adult's age ("Chantelle (19)", but also "Ward (24)")
    partnered: set[str] = set()  # speaking of their own partner: an adult unless named as a child
    texts = [as_written(str(text)) for text in texts]
    for text in texts:
        if MAY_NAME.search(text) is None:  # one linear pass rules out most entries (a test keeps it a superset)
            continue
        for match in chain(_BY_ROLE.finditer(text), _ROLE_AFTER.finditer(text)):  # the role before the name, then after
            if name := _named(match):
                adults.setdefault(name, _ADULT_ROLES[re.sub(r"-", "", match["role"].lower())])
        for match in _PARENTS_NAMED.finditer(text):
            for name in (match["one"] or match["one_"], match["other"] or match["other_"]):
                if name.lower() not in NOT_NAMES:
                    adults.setdefault(name, "Carer")
        for match in _YOUNG_PARENT.finditer(text):
            name, *words = match.groups()
            if name.lower() not in NOT_NAMES:
                adults.setdefault(name, _PARENT_WORDS[next(w for w in words if w).lower()])
        for match in _PREGNANT.finditer(text):
            if match.group(1).lower() not in NOT_NAMES:
                adults.setdefault(match.group(1), "Mother")
        for match in _FULL_NAME_AND_AGE.finditer(text):
            if match.group(1).lower() not in NOT_NAMES and 18 <= int(match.group(2)) <= 70:
                adults.setdefault(match.group(1), ADULT)
        for match in chain(_KINSHIP_CARER.finditer(text), _PLACED_WITH.finditer(text)):
            if name := _named(match):
                adults.setdefault(name, "Carer")
        for match in _SPEAKS_OF_PARTNER.finditer(text):
            if (name := match["first_"] or _named(match)) and name.lower() not in NOT_NAMES:
                partnered.add(name)
        for match in _CHILD_BY_ROLE.finditer(text):
            if match.group(1).lower() not in NOT_NAMES | _NOT_BABY_NAMES:
                children.setdefault(match.group(1), CHILD)
        if opening := _PATIENT_AND_AGE.match(text):
            name, number, years = opening.groups()
            if name.lower() not in NOT_NAMES and not (years and int(number) > 17):
                children.setdefault(name, CHILD)
        elif (opening := _PATIENT_COMMA_AGE.match(text)) and int(opening.group(2)) <= 17 and opening.group(1).lower() not in NOT_NAMES:
            bare.add(opening.group(1))
        for listed in _AGES_IN_BRACKETS.finditer(text):
            for name, age in _NAME_AGE.findall(listed.group(1)):
                if int(age) <= 17 and name.lower() not in NOT_NAMES:
                    children.setdefault(name, CHILD)
        for match in _CHILD_WITH_AGE.finditer(text):
            name, surname, number, years, closed = match.groups()
            if name.lower() in NOT_NAMES and surname:  # "Children Mia (7)": Mia, not a surname of "Children"
                name, surname = surname.strip(), None
            if name.lower() in NOT_NAMES:
                continue
            if (years or closed) and int(number) > 17:  # "Chantelle (19) disclosed cannabis use": an adult, not the child
                if closed and not surname:
                    bare_adults.add(name)
                else:
                    adults.setdefault(name, ADULT)
            elif closed and not surname:
                bare.add(name)
            else:
                children.setdefault(name, CHILD)
    if (bare - children.keys()) or bare_adults:
        # "Ellie (7)" names a child; "Bay (4)", "Room (12)" do not, and the files write those words in lower case
        lower = set(re.findall(r"\b[a-z]{3,}\b", "\n".join(texts if context is None else map(str, context))))
        children |= {name: CHILD for name in sorted(bare) if name.lower() not in lower and name not in children}
        for name in sorted(bare_adults):
            if name.lower() not in lower:
                adults.setdefault(name, ADULT)
    child_first_names = {name.split()[0] for name in children}
    for name in sorted(partnered):
        if name.split()[0] not in child_first_names:
            adults.setdefault(name, ADULT)
    full_names = {name.split()[0] for name in adults if " " in name}  # "Gemma" is "Gemma Dunn" named again
    adults = {name: role for name, role in adults.items() if " " in name or name not in full_names}
    adult_first_names = {name.split()[0] for name in adults}
    return adults | {name: role for name, role in children.items() if name not in adult_first_names}


def children_named_by_role(named: dict[str, str], adults: set[str]) -> tuple[str, ...]:
    """First names (lower case) the entries give a child's role ("Baby Ava born at 39 weeks"), so that "Ava
    seen" is read as the child seen. Not a name known as an adult's."""
    return _first_names(named, adults, lambda role: role == CHILD)


def adults_named_by_role(named: dict[str, str], children: set[str]) -> tuple[str, ...]:
    """First names (lower case) the entries give a parent's or partner's role ("Mother Gemma Dunn"), so that
    "Gemma said" is read as a parent's account. Not a name known as a child's."""
    return _first_names(named, children, lambda role: role != CHILD)


def _first_names(named: dict[str, str], known_otherwise: set[str], wanted) -> tuple[str, ...]:
    names = {name.split()[0].lower() for name, role in named.items() if wanted(role)}
    return tuple(sorted(names - known_otherwise))


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


def teenagers_read_as_children(events: pd.DataFrame, classifier: Classifier, given: set[str]) -> list[Problem]:
    """A warning for each name read as a child's only because the entries give an age of 16 or 17 ("Kayleigh Ross
    (17)"): a young parent named that way would have her words read as the child's account, and the claims she
    makes to workers never set against the records. Not for names the user or a subject column gave (`given`,
    lower-case first names): those say who the children are."""
    children = set(classifier.child_names) - given
    if not children:
        return []
    found: dict[str, tuple[str, str]] = {}  # first name -> (the words, the file)
    for text, file in events[["text", "file"]].drop_duplicates().itertuples(index=False, name=None):
        for match in _AGED_16_OR_17.finditer(str(text)):
            if match.group(1).lower() in children:
                found.setdefault(match.group(1), (match.group(0), str(file)))
    return [Problem(file, f"{name} is read as a child, from '{words}': what {name} says is read as the child's account, "
                          f"and {name} seen as the child seen", level="warning", value=words,
                    hint=f"If {name} is a young parent, not a child the chronology is about, say so in chrono.toml: "
                         f"[names] {name} = \"Mother\" (or \"Father\").")
            for name, (words, file) in sorted(found.items())]


def unknown_people(text: str, known: set[str]) -> list[str]:
    """Names an entry speaks of as seen or speaking that are not among `known` (lower-case first names)."""
    written = as_written(text)
    found = []
    for match in _SEEN_OR_SPEAKING.finditer(written):
        name = match.group(1) or match.group(2)
        if name.lower() in known or name.lower() in NOT_NAMES or name.lower() in _SEEN_NOT_PEOPLE:
            continue
        # "Natalia Kowal seen": the surname of someone known by first name; "Ms Dean says": a surname after a title,
        # which [names] (first names) could not say anything about
        if match.group(1) and (before := _LAST_WORD.search(written, 0, match.start())) and (
                before.group(1).lower() in known or before.group(1).lower().rstrip(".") in _TITLES):
            continue
        found.append(name)
    return found


# What an entry opens with as "seen" or "presented" that is no one: "Marks seen on back of legs" (fam210), "Bruises
# seen by the DSL", "Well presented" (fam214).
_SEEN_NOT_PEOPLE = frozenset("""marks bruises bruising injuries burns cuts scratches grazes wounds photos photographs well poorly
    smartly appropriately nicely suitably cleanly""".split())
_LAST_WORD = re.compile(r"\b([A-Za-z'.-]+) $")
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "pc", "ps", "dc", "ds", "sgt", "cllr", "rev", "prof"})
