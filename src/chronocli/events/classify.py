"""Classify chronology text into event kinds, using the vocabulary data file; each distinct text once."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache, partial
from importlib import resources
from operator import itemgetter
from typing import NamedTuple

from chronocli.events.kinds import CONTACT_OUTCOMES, FORMAL_MEETINGS, SIGHTINGS, STABLE_KINDS, area_of
from chronocli.events.prefilter import Prefilter

_PERCENT = re.compile(r"(\d{1,3}(?:\.\d+)?)\s?%")
# A Graded Care Profile score (1 best to 5 worst): "GCP score: 4" (a measurement column), "GCP overall score of 3",
# "Graded Care Profile 2 completed - overall level 4". The word score, overall, level or grade must come before
# the figure: "GCP 2" alone names the tool's version.
_GCP_SCORE = re.compile(r"\b(?:gcp\s?2?|graded care profile(?:\s?2)?)\b(?:[^.;\d]{0,40}?)\b(?:score|overall|level|grade)"
                        r"(?:[^.;\d]{0,12}?)\b([1-5](?:\.\d)?)\b(?!\s*(?:%|/|out of))", re.IGNORECASE)


# A weight or growth centile: "25th centile", "below the 0.4th centile", "9th-25th centile" (the first); a birth
# weight's centile is history, not a measurement now.
_CENTILE = re.compile(r"(?<![\d.])(0?\.4|\d{1,2}(?:\.\d)?)(?:st|nd|rd|th)?(?:\s*(?:-|\u2013|/|(to))\s*(0?\.4|\d{1,2}(?:\.\d)?)(?:st|nd|rd|th)?)?"
                      r"\s*(?:centile|percentile)", re.IGNORECASE)
_FROM = re.compile(r"\bfrom\s*$", re.IGNORECASE)  # "dropped from 25th to 9th centile": a change, not a band
_BIRTH_WEIGHT = re.compile(r"birth\s*(?:weight|wt)\b(?:[^.;]|\.(?=\d)){0,30}$", re.IGNORECASE)


_ATTAINMENT = re.compile(r"\b(?:reading|maths?|attainment|attendance|spelling|phonics|sats|writing|iq|scores?)\b", re.IGNORECASE)


def _centile(text: str) -> float | None:
    """The first weight or growth centile an entry records (the later of a change), not a birth weight's nor a
    school's percentile for reading or attendance; or None."""
    if _ATTAINMENT.search(text):
        return None
    for match in _CENTILE.finditer(text):
        if not _BIRTH_WEIGHT.search(text, 0, match.start()):
            # the centile it is now: "from 25th to 9th centile" is 9; "9th-25th centile" a band, the first named
            changed = match.group(2) and _FROM.search(text, 0, match.start())
            return float(match.group(3) if changed else match.group(1))
    return None


def _mentions_gcp(text: str) -> bool:
    """A quick look for the Graded Care Profile (substring checks, for every text a scan reads)."""
    return "GCP" in text or "gcp" in text or "Gcp" in text or "raded care" in text or "raded Care" in text


# Who gave an account, by the role words in the entry; not a role the entry says was absent ("Partner not present").
_ABSENT = r"(?!\s+(?:was |is |were )?(?:not (?:present|there|home|at home|in)|absent|away)\b)"
# A role said of someone, not the one speaking: "Says Connor is a good dad", "she is a good mum to them".
_ROLE_SAID_OF = re.compile(r"\b(?:is|was|are|were|being|be)\s+(?:a|an|the|his|her|their|such\s+a)\s+(?:[a-z]+\s+){0,2}?"
                           r"(?:mum|mother|mom|mam|dad|father|partner|step[- ]?dad|stepfather|boyfriend|girlfriend)\b")
_ACCOUNT_BY = (
    ("mother", re.compile(r"\b(?:mum|mother|mom|mam|mammy|mo|m/o)\b(?!\W*s partner)(?!\x27s partner)" + _ABSENT)),
    ("father", re.compile(r"\b(?:dad|father|fa|f/o)\b" + _ABSENT)),
    ("partner", re.compile(r"\b(?:partner|step[- ]?dad|stepfather|boyfriend|girlfriend)\b" + _ABSENT)),
)


# Kinds that show someone from the family was met, so a visit or appointment did take place.
_MET_FAMILY = frozenset({"child_seen", "child_seen_alone", "child_not_seen_alone", "child_not_seen", "parent_account",
                         "improvement", "decline", "recording_staff", "verbal_aggression", "threat", "dogs"})
_NOT_HELD = frozenset({"did_not_attend", "was_not_brought", "cancelled_by_family", "no_access", "refused_entry",
                       "cancelled_by_agency"})  # a contact with one of these outcomes did not take place
_MEASURE_KINDS = frozenset({"improvement", "decline", "no_change", "absence"})
_TASK_KINDS = frozenset({"task_agreed", "task_completed", "task_not_completed"})
_TASK_OUTCOMES = frozenset({"task_completed", "task_not_completed"})
# What an action column may add beside a contact outcome: referrals made, whether the child was seen ("Not seen"
# is a common outcome), decisions about the case, which start or end the periods detectors measure (a
# closure, a plan decided against, a step-down to child in need), and what a parent said when the agency
# followed it up ("Mum contacted - she said Ellie-May had pasta and is making it up").
_READ_FROM_ACTION = frozenset({"referral", "case_closed", "no_cp_plan", "cp_plan", "child_in_need", "child_seen", "child_seen_alone",
                               "child_not_seen", "child_not_seen_alone", "parent_account", "denial"})
_ACCOUNT_KINDS = frozenset({"parent_account", "denial", "disclosure"})  # their words tell who spoke
_WORDS_READ = _MEASURE_KINDS | _TASK_KINDS | _ACCOUNT_KINDS  # kinds whose matched words are read (area, who spoke)
_MAX_SHARED_READINGS = 100_000  # combinations of rules and column values kept by read() (~200 on the benchmark)
_KIND_AND_SOURCE = itemgetter(0, 2)  # of a Match


def _sentence_with(text: str, words: str) -> str:
    at = text.lower().find(words.lower())
    if at < 0:
        return ""
    start = max(text.rfind(".", 0, at), text.rfind(";", 0, at)) + 1
    ends = [i for i in (text.find(".", at), text.find(";", at)) if i >= 0]
    return text[start:min(ends) if ends else len(text)]


def _area_near(text: str, words: str) -> str:
    """The area named closest to `words` in their sentence of `text`."""
    sentence = _sentence_with(text, words)
    at = sentence.lower().find(words.lower())
    return area_of(sentence, (at, at + len(words)) if at >= 0 else None)


# NamedTuples rather than frozen dataclasses: one of each is made per distinct text (hundreds of thousands in a
# caseload scan), and a frozen dataclass's __init__ costs several times as much.
class Match(NamedTuple):
    """Why a kind was given: the rule's kind and the words that matched."""

    kind: str
    words: str
    source: str  # "text", "kind column", "action column", "user vocabulary"


# A Match made straight from its fields: the NamedTuple's own __new__ is a Python function, and the classifier
# makes two or three Matches for every distinct text of a caseload.
_new_match = partial(tuple.__new__, Match)


class Classification(NamedTuple):
    """How one entry is read: its kinds (stable names first), the area measured, whose account, a percentage;
    for an entry saying one child was seen and another was not, whether each child was (`seen_by`); and for one
    recording some tasks done and others not, which areas each (`task_outcomes`)."""

    kinds: tuple[str, ...]
    area: str = ""
    account_by: str = ""
    value: float | None = None
    matches: tuple[Match, ...] = ()
    task_area: str = ""
    seen_by: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (child's first name, what the entry says of them)
    # For an entry with tasks both completed and not: (task kind, the area of the sentence saying so), each found.
    task_outcomes: tuple[tuple[str, str], ...] = ()
    # What `value` measures, which may not be the area the entry's words speak of ("Attendance 86%. Came in hungry
    # twice this week": attendance measured, the child's presentation worse).
    value_area: str = ""


# Made straight from its fields, as Match is (see _new_match): one per distinct text.
_new_classification = partial(tuple.__new__, Classification)


def _settle_sightings(kinds: dict[str, None]) -> None:
    """Seen alone, or seen but not alone, is seen; not seen outweighs seen (in place)."""
    if "child_seen_alone" in kinds or "child_not_seen_alone" in kinds:
        kinds["child_seen"] = None
    if "child_not_seen" in kinds:
        kinds.pop("child_seen", None)
        kinds.pop("child_seen_alone", None)


def _contradicts(kinds: Iterable[str]) -> bool:
    """Sightings that cannot all be true of one child: seen and not seen; seen alone and not seen alone."""
    found = SIGHTINGS.intersection(kinds)
    return "child_not_seen" in found and len(found) > 1 or {"child_seen_alone", "child_not_seen_alone"} <= found


# Where an entry moves from one child to another: sentences, then clauses ("Poppy seen in cot, Tyler at nan's";
# "Tyler seen but Poppy asleep"). A clause naming no child is about the child or children named last.
_SENTENCES = re.compile(r"(?<=[.!?;])\s+|;")
_CLAUSES = re.compile(r",\s*|\s+(?:but|whilst|while|whereas|although|however)\s+|\s+-\s+", re.IGNORECASE)
_WORDS = re.compile(r"[a-z]+(?:-[a-z]+)*")
_EVERY_CHILD = re.compile(r"\b(?:children|both|siblings|kids|all three|all four|the boys|the girls)\b", re.IGNORECASE)


def _area_for(matches: list[Match], kinds: frozenset[str], text: str) -> str:
    """The area named in the same sentence as the measurement or task, else anywhere in the entry."""
    for match in matches:
        # The matched words first ("smelling of alcohol" in a sentence that also says "late"), then the area named
        # closest to them in their sentence.
        if match.kind in kinds and (area := area_of(match.words) or _area_near(text, match.words)):
            return area
    return area_of(text)


@dataclass(frozen=True)
class _Rule:
    kind: str
    mask: re.Pattern[str] | None  # a masking rule's patterns in one alternation, to blank all their matches
    implies: tuple[str, ...]
    user: bool = False
    # Each pattern alone (the regex to search, and the whole-word pattern it stands for, for the prefilter).
    # Searching only the patterns the prefilter lets through, leftmost match first, finds the same first match
    # as the alternation.
    parts: tuple[tuple[re.Pattern[str], str], ...] = ()


def _load_vocabulary() -> list[dict]:
    data = resources.files("chronocli").joinpath("data/vocabulary.toml").read_text(encoding="utf-8")
    return tomllib.loads(data)["rule"]


# Matches nothing: where no names are known, {child} and {adult} stand for this.
_NOTHING = r"[^\s\S]"


def _compile(pattern_list: list[str], child_names: tuple[str, ...], adult_names: tuple[str, ...], mask: bool
             ) -> tuple[re.Pattern[str] | None, tuple[tuple[re.Pattern[str], str], ...]]:
    """A masking rule's whole-word alternation (None for other rules) and each pattern on its own (for finding)."""
    child = "|".join(re.escape(n.lower()) for n in child_names) or _NOTHING
    adult = "|".join(re.escape(n.lower()) for n in adult_names) or _NOTHING
    bodies = [p.replace(r"\{child\}", f"(?:{child})").replace(r"\{adult\}", f"(?:{adult})") for p in pattern_list]
    whole = re.compile(rf"(?<![a-z0-9])(?:{'|'.join(f'(?:{b})' for b in bodies)})(?![a-z0-9])") if mask else None
    # Without a look-behind at the front the regex engine can jump straight to a literal start (several
    # times faster); the start of each match is checked for a word boundary in _search instead.
    parts = tuple((re.compile(rf"(?:{body})(?![a-z0-9])"), rf"(?<![a-z0-9])(?:{body})(?![a-z0-9])") for body in bodies)
    return whole, parts


_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_BY_PHONE = re.compile(r"\b(?:phone|telephone|tel|call|calls|phoned|text|sms|voicemail|mobile)\b", re.IGNORECASE)
_MAM = re.compile(r"(?<![a-z0-9])mam(?=my\b|\b)")


def _blank(match: re.Match[str]) -> str:
    """Spaces for a masking rule's match, less any words its pattern keeps for the rules after it: a `(?P<keep>...)`
    group ("Asked dad (about the bruise on Alfie's arm) and he said": the pronoun is masked, the injury still read)."""
    if "keep" in match.re.groupindex and (kept := match.group("keep")) is not None:
        start, end = match.span("keep")
        return " " * (start - match.start()) + kept + " " * (match.end() - end)
    return " " * len(match.group(0))


def _search(regex: re.Pattern[str], text: str, position: int = 0) -> re.Match[str] | None:
    """The first match that starts a word, as the look-behind (?<![a-z0-9]) would require."""
    while (m := regex.search(text, position)) is not None:
        start = m.start()
        if start == 0 or text[start - 1] not in _WORD_CHARS:
            return m
        position = start + 1
    return None


class Classifier:
    """Rules from the vocabulary file plus the user's additions; `classify` is cached per distinct text."""

    def __init__(self, extra_vocabulary: dict[str, list[str]] | None = None,
                 child_names: tuple[str, ...] = (), adult_names: tuple[str, ...] = ()) -> None:
        self.child_names, self.adult_names = tuple(child_names), tuple(adult_names)  # first names, lower case
        self._child_set = frozenset(self.child_names)
        self._adults_set = frozenset(self.adult_names)
        rules: list[_Rule] = []
        # User phrases go first so local shorthand wins over the built-in reading of the same words.
        for kind, phrases in (extra_vocabulary or {}).items():
            if phrases:
                regex, parts = _compile([re.escape(p.lower()) for p in phrases], (), (), mask=True)
                rules.append(_Rule(kind, regex, (), True, parts))
        for raw in _load_vocabulary():
            regex, parts = _compile(raw["patterns"], child_names, adult_names, mask=bool(raw.get("mask")))
            rules.append(_Rule(raw["kind"], regex, tuple(raw.get("implies", ())), False, parts))
        # What finding each rule's words does (looked up for every match, so kept as plain tuples).
        self._recording = [(r.kind, r.user, r.mask) for r in rules]
        self._implied = {r.kind: r.implies for r in rules if r.implies}
        # A (rule, pattern) pair is coded as one integer, rule * width + pattern, which sorts in vocabulary order.
        self._width = width = max(len(r.parts) for r in rules) + 1 if rules else 1
        self._pattern = {i * width + j: regex for i, r in enumerate(rules) for j, (regex, _) in enumerate(r.parts)}
        self._prefilter = Prefilter({i * width + j: body for i, r in enumerate(rules)
                                     for j, (_, body) in enumerate(r.parts)})
        self._by_rules: dict[tuple, Classification] = {}  # see read()
        self.classify = lru_cache(maxsize=1_000_000)(self._classify)
        self.classify_uncached = self._classify  # for callers that already pass each text once
        # Kind and action columns hold a few values ("DNA", "Letter sent") repeated down the rows: read each once.
        self._column_matches = lru_cache(maxsize=4096)(lambda value, source: tuple(self._scan(value, source)))
        self._structured = lru_cache(maxsize=4096)(self._read_columns)

    def read(self, text: str, kind_column: str = "", action: str = "") -> Classification:
        """classify() without the evidence words (`matches` is empty), for filling a table: the same kinds, area,
        whose account and value, found with less work. Not cached by text: callers pass each text once.

        - What follows from the rules found (implied kinds, contact outcomes, whose account) is worked out once
          per combination of rules found and column values, and shared, unless the entry has a percentage or a
          kind whose area or speaker is read from its words (then it depends on the text itself).
        """
        from_text = self._scan(text, "text")
        if "%" in text or "%" in action or _mentions_gcp(text) or _mentions_gcp(kind_column) or "entile" in text:  # a figure of its own
            return self._finish(text, kind_column, action, from_text, evidence=False)
        key = (tuple(map(_KIND_AND_SOURCE, from_text)), kind_column, action)
        reading = self._by_rules.get(key)
        if reading is None:
            reading = self._finish(text, kind_column, action, from_text, evidence=False)
            if (_WORDS_READ.isdisjoint(reading.kinds) and len(self._by_rules) < _MAX_SHARED_READINGS
                    and not self._may_contradict(key[0], kind_column, action)):  # else `seen_by` is the text's own
                self._by_rules[key] = reading
        return reading

    def _classify(self, text: str, kind_column: str = "", action: str = "") -> Classification:
        return self._finish(text, kind_column, action, self._scan(text, "text"))

    def _finish(self, text: str, kind_column: str, action: str, from_text: list[Match],
                evidence: bool = True) -> Classification:
        """The reading of an entry from what its text matched and its kind and action columns."""
        if kind_column or action:
            matches, kinds = self._with_columns(from_text, kind_column, action)
        else:  # most entries: the text alone (what _with_columns gives with both columns empty, sooner)
            matches, kinds = from_text, dict.fromkeys(m.kind for m in from_text)
        if "no_access" in kinds and kind_column and _BY_PHONE.search(kind_column):
            # "Phone" in the type column, "No answer x3." in the text: a call not picked up is a failed attempt to
            # reach the family (as the vocabulary reads it in the text), not a visit they were not in for
            kinds = {("non_engagement" if kind == "no_access" else kind): None for kind in kinds if kind != "attended"}
            matches = [m for m in matches if m.kind != "no_access"]
        implied = self._implied
        for match in matches:
            for kind in implied.get(match.kind, ()):
                kinds.setdefault(kind, None)
        if "did_not_attend" in kinds and "attended" in kinds and not FORMAL_MEETINGS.isdisjoint(kinds):
            # "ICPC. Dad did not attend. Mum attended.": the family came to the meeting; one parent did not.
            kinds.pop("did_not_attend")
            kinds.pop("missed_contact", None)
        if not _NOT_HELD.isdisjoint(kinds):
            kinds.pop("attended", None)
        elif "contact" in kinds and not _MET_FAMILY.isdisjoint(kinds):
            # A visit or appointment where the child was seen or a parent spoke did take place.
            kinds["attended"] = None
        seen_by = self._seen_by(text) if _contradicts(kinds) and len(self._children_in(text)) >= 2 else ()
        _settle_sightings(kinds)
        # Whose account: a disclosure with no parent speaking is the child's; a denial with no child
        # speaking is, in these records, almost always a parent's.
        if "disclosure" in kinds and "parent_account" not in kinds:
            kinds["child_account"] = None
        if "denial" in kinds and "child_account" not in kinds:
            kinds["parent_account"] = None
        full = f"{text} {action}" if text and action else text or action
        value, area, percent = None, "", ""
        # (the profile may be named only in the row's type column: "GCP2 | Overall grade 4")
        scored = full if _mentions_gcp(full) else f"{kind_column}: {full}" if _mentions_gcp(kind_column) else ""
        if scored and (m := _GCP_SCORE.search(scored)):
            # the score's own series, whatever else the entry names ("GCP2 level 4. Plan: attendance above 90%")
            value, area = float(m.group(1)), "graded_care"
        elif "%" in full and (m := _PERCENT.search(full)):
            value, percent = float(m.group(1)), m.group(0)
        if value is None and "entile" in full and (centile := _centile(full)) is not None:
            value, area = centile, "weight_growth"
        value_area = area
        if not area:
            area = _area_for(matches, _MEASURE_KINDS, full) if value is not None or not _MEASURE_KINDS.isdisjoint(kinds) else ""
            # a percentage is an attendance figure, when the entry or the percentage's own sentence is about attendance
            # (not "SpO2 91%" or "lost 10% of birth weight")
            if value is not None and (area == "school_attendance" or area_of(_sentence_with(full, percent)) == "school_attendance"):
                value_area, area = "school_attendance", area or "school_attendance"
            else:
                value = None
        task_area = "" if _TASK_KINDS.isdisjoint(kinds) else _area_for(matches, _TASK_KINDS, full)
        # "Mum completed parenting course. Hair strand test outstanding.": one area would be both done and not.
        task_outcomes = tuple((m.kind, area_of(_sentence_with(full, m.words))) for m in matches
                              if m.kind in _TASK_OUTCOMES and m.words) if _TASK_OUTCOMES <= kinds.keys() else ()
        account_by = ""
        if "parent_account" in kinds:
            # Who spoke: the person named in the matched words ("father said"), else the first named.
            spoken = " ".join(m.words for m in matches if m.kind in _ACCOUNT_KINDS).lower()
            # A speaker named by name is not whichever role the rest of the entry mentions ("Chantelle said she
            # did not know she was pregnant. Partner Liam Price" is her account, not her partner's).
            named = bool(self.adult_names) and not self._adults_set.isdisjoint(re.findall(r"[a-z']+", spoken))
            for where in (spoken,) if named else (spoken, _ROLE_SAID_OF.sub(" ", full.lower())):
                account_by = next((who for who, regex in _ACCOUNT_BY if regex.search(where)), "")
                if account_by:
                    break
            account_by = account_by or "parent"
        elif "child_account" in kinds:
            account_by = "child"
        return _new_classification((tuple(kinds), area, account_by, value, tuple(matches) if evidence else (), task_area,
                                    seen_by, task_outcomes, value_area))

    def _may_contradict(self, found: tuple[tuple[str, str], ...], kind_column: str, action: str) -> bool:
        """Whether the rules found (with their implied kinds) and the columns give sightings that contradict."""
        kinds = [kind for kind, _ in found]
        if kind_column or action:
            kinds += [m.kind for m in self._structured(kind_column, action)[0]]
        return _contradicts([*kinds, *(k for kind in kinds for k in self._implied.get(kind, ()))])

    def _children_in(self, text: str) -> list[str]:
        """The known children's first names the text names, in order (by its words: a caseload knows thousands)."""
        return list(dict.fromkeys(w for w in _WORDS.findall(text.lower()) if w in self._child_set))

    def _seen_by(self, text: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """For an entry whose sightings contradict one another and which names several children: what it says
        of each, read clause by clause ("Poppy seen in cot, nappy soiled. Tyler at nan's": Poppy seen, Tyler
        not). A clause naming no child is about those named last, or about every child before any is named or
        after "children" or "both"; a child no clause says anything about gets nothing."""
        children = self._children_in(text)
        said: dict[str, dict[str, None]] = {name: {} for name in children}
        about: list[str] = children  # before any child is named: every child
        for sentence in _SENTENCES.split(text):
            for clause in _CLAUSES.split(sentence):
                named = self._children_in(clause)
                if named:
                    about = named
                elif _EVERY_CHILD.search(clause):
                    about = children
                found = [kind for m in self._scan(clause, "text")  # "refused entry": not seen
                         for kind in (m.kind, *self._implied.get(m.kind, ())) if kind in SIGHTINGS]
                for name in about:
                    said[name].update(dict.fromkeys(found))
        for kinds in said.values():
            _settle_sightings(kinds)
        return tuple((name, tuple(kinds)) for name, kinds in said.items())

    def _with_columns(self, from_text: list[Match], kind_column: str, action: str) -> tuple[list[Match], dict[str, None]]:
        """Matches and kinds (in order found) when a kind or action column is filled as well as the text."""
        structured, outcomes = self._structured(kind_column, action)
        if outcomes:  # structured columns win over the text for the contact outcome (DNA in an Outcome column)
            from_text = [m for m in from_text if not (m.source == "text" and m.kind in CONTACT_OUTCOMES)]
        matches = [*structured, *from_text]
        return matches, dict.fromkeys(m.kind for m in matches)

    def _read_columns(self, kind_column: str, action: str) -> tuple[tuple[Match, ...], frozenset[str]]:
        """What a kind and an action column say (kinds named outright first), and the contact outcomes among it.

        The columns hold a few values repeated down the rows, so this is worked out once per pair (see __init__).
        """
        declared = self._declared(kind_column)
        # An action column records what the agency did next; only its contact outcome ("DNA"), referrals,
        # sightings and the decisions taken about the case there ("Case closed", "No CP plan - CIN") describe
        # the event. "Core group set" there is a plan, not a meeting held.
        structured = (*(Match(name, kind_column, "kind column") for name in declared),
                      *self._column_matches(kind_column, "kind column"),
                      *(m for m in self._column_matches(action, "action column") if m.kind in CONTACT_OUTCOMES or m.kind in _READ_FROM_ACTION))
        # (a type column's "Telephone call" reads as a contact made; what the text says came of it still counts)
        return structured, frozenset(m.kind for m in structured if m.kind in CONTACT_OUTCOMES
                                     and not (m.kind == "attended" and m.source == "kind column"))

    def _declared(self, kind_column: str) -> list[str]:
        """A user-filled kind column may name kinds directly: 'did_not_attend; hostility'."""
        if not kind_column:
            return []
        names = [re.sub(r"[^a-z_]", "", part.strip().lower().replace(" ", "_").replace("-", "_"))
                 for part in re.split(r"[;,/]", kind_column or "")]
        return [n for n in names if n in STABLE_KINDS]

    def _scan(self, text: str, source: str) -> list[Match]:
        """What the rules find in `text`, rule by rule."""
        if not text:
            return []
        original = text.replace("\u2019", "'").replace("\u2018", "'")
        # Patterns are lower case and run on a lower-case copy; the rare text whose length changes when
        # lowered (some non-English letters) is compared character by character instead.
        working = original.lower()
        if len(working) != len(original):
            working = "".join(c.lower() if len(c.lower()) == 1 else c for c in original)
        if "mam" in working:  # "mam", "mammy" (Wales, the North East, Ireland) read as "mum", "mummy": same length
            working = _MAM.sub("mum", working)
        # Only the patterns the prefilter lets through are searched, rule by rule in vocabulary order (codes
        # sort that way: see __init__). A masking rule changes the text, so the rest are chosen again.
        codes = self._prefilter.candidates(working)
        found: list[Match] = []
        width, at = self._width, 0
        while at < len(codes):
            rule_index, best = codes[at] // width, None
            while at < len(codes) and codes[at] // width == rule_index:
                regex = self._pattern[codes[at]]
                at += 1
                m = regex.search(working)
                if m is not None and (start := m.start()) and working[start - 1] in _WORD_CHARS:
                    m = _search(regex, working, start + 1)  # inside a word: look further on
                if m is not None and (best is None or m.start() < best.start()):
                    best = m  # the leftmost match, earlier patterns winning ties, as in the alternation
            if best is not None:
                kind, user, mask = self._recording[rule_index]
                if kind:
                    found.append(_new_match((kind, original[best.start():best.end()], "user vocabulary" if user else source)))
                # A masking rule blanks every occurrence of its words, so later, broader rules cannot read them again.
                if mask is not None and (masked := mask.sub(_blank, working)) is not working:
                    working, later = masked, (rule_index + 1) * width
                    codes, at = [code for code in self._prefilter.candidates(working) if code >= later], 0
        return found
