"""hostility_to_staff: threats, violence, aggression, filming, dogs, online abuse and complaints aimed at staff."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from chronocli.detectors.base import CaseContext, CaseEvent, Detector, Finding, counted, dated, option, sentence_around, span, when

_TYPES = {"violence": "violence", "threat": "threats", "verbal_aggression": "verbal aggression", "recording_staff":
          "filming or recording staff", "dogs": "dogs used to intimidate", "online_abuse": "online abuse", "complaint": "complaints"}
_LEVEL = {"complaint": 1, "recording_staff": 2, "online_abuse": 2, "verbal_aggression": 2, "dogs": 3, "threat": 4, "violence": 5}


@dataclass
class Options:
    min_complaints: int = option(2, "Complaints about staff that are reported (one complaint is a parent's right, not hostility).")
    min_other: int = option(1, "Entries of verbal aggression, filming, dogs or online abuse that are reported.")


class HostilityToStaff(Detector):
    """Hostility towards practitioners, what form it takes, whom it targets and whether it is escalating.

    What it finds: threats and violence (always reported, high); verbal aggression, filming or recording
    staff, dogs used to intimidate, online abuse; complaints about staff when repeated (`min_complaints`; an
    entry saying "third complaint this month" counts as three);
    whether the behaviour escalated over time (e.g. shouting, then threats); which agencies record it; and, beside
    it, the measures recorded to keep staff safe from its first date on (joint visits only, a risk assessment for
    staff, a lone-working flag) — what the hostility did to the work.

    Why it matters: threatening behaviour includes "using dogs ... as a threat", "use of recording ...
    via mobile phones", "bombarding practitioners", "swearing, shouting ... physical violence" (002 §11);
    repeated complaints can "refocus the attention of practitioners" (002 §3); "if practitioners are
    scared and intimidated, it is very likely that any children in that individual's care may be at risk"
    (002 §3; 004 §4.1; 003 Part One, including online behaviours).

    Severity: high — any threat or violence; medium — two or more other hostile entries, one entry recording
    two or more of these behaviours at once (swearing at the worker while filming her), or escalation; low —
    a single entry of one kind of aggression, filming, dogs or online abuse, or repeated complaints alone.

    Flagged example: partner shouted at SW and threatened to smash her car; mother filmed the SW; abusive
    posts about the SW on Facebook.

    Not flagged: one complaint about a worker; a parent disagreeing with a plan or an assessment.
    """

    code = "RI06"
    name = "hostility-to-staff"
    pattern = "hostility_to_staff"
    title = "Hostility towards staff"
    guidance = "002 §3, §11; 004 §4.1; 003 Part One"
    questions = (
        "If I feel threatened by this parent, what must life be like at home for the child? (002 §7)",
        "Am I changing my behaviour, or avoiding the home, the child or the difficult topics, to avoid conflict? (002 §4, §7.2)",
        "Have I been honest with my manager about how this relationship affects me? (003 Part Three)",
        "Has the hostility been shared with every agency that visits, and are joint visits in place? (004 §7.7, §7.9)",
    )
    Options = Options

    def detect(self, events: Sequence[CaseEvent], options: Options, context: CaseContext) -> list[Finding]:
        hostile = dated(events).having(*_TYPES)
        complaints = [e for e in hostile if e.kinds & _TYPES.keys() == {"complaint"}]
        others = [e for e in hostile if e.kinds & _TYPES.keys() != {"complaint"}]
        serious = [e for e in others if e.has("threat", "violence")]
        made = sum(_complaints_in(e.text) for e in complaints)  # "Third complaint this month" is three
        if len(others) < options.min_other and made < options.min_complaints:
            return []
        reported = others + (complaints if made >= options.min_complaints else [])
        reported.sort(key=lambda e: (e.date, e.event_id))
        kinds = counted(_TYPES[k] for e in reported for k in sorted(e.kinds & _TYPES.keys()))
        first = reported[0].date
        period = span(reported[0], reported[-1], opening=True)
        targets = {e.agency for e in reported}
        summary = (f"{period}, {len(reported)} {'entry records' if len(reported) == 1 else 'entries record'} hostility "
                   f"towards staff ({kinds}), recorded by "
                   f"{counted(e.agency for e in reported) if len(targets) > 1 else next(iter(targets))}.")
        escalated = _escalation(reported)
        if escalated:
            summary += f" It escalated: {escalated}."
        if len(targets) == 1 and len(reported) > 1 and len({e.agency for e in events}) > 1:
            summary += f" All of it was recorded by {next(iter(targets))}."
        # what it did to the work: joint visits only, a risk assessment for staff (002 §11: staff intimidated)
        safety = [e for e in dated(events).having("staff_safety") if first <= e.date]
        if safety:
            summary += (f" Measures to keep staff safe were recorded: "
                        f"{'; '.join(f'{_safety_words(e.text)} ({e.agency} {when(e)})' for e in safety[:4])}.")
        behaviours = {k for e in others for k in e.kinds & _TYPES.keys()} - {"complaint"}
        severity = "high" if serious else "medium" if len(others) >= 2 or len(behaviours) >= 2 or escalated else "low"
        return [self.finding(severity, summary, [*reported, *(e for e in safety if e not in reported)])]


_SAFETY_WORDS = re.compile(r"\b(?:joint visits?|in pairs|risk assessment|lone working|flag|marker|alert|not (?:to )?(?:be )?visit\w* alone"
                           r"|police (?:escort|presence)|with (?:police|a colleague|another worker)|special allocation|zero[- ]tolerance)\b",
                           re.IGNORECASE)


def _safety_words(text: str) -> str:
    """The sentence recording a staff safety measure ('Joint visits only due to risk'), or the text, quoted."""
    match = _SAFETY_WORDS.search(text)
    return f'"{sentence_around(text, match.start()) if match else text.strip()}"'


# An entry that counts the complaints made: "Third complaint this month", "4th complaint about the HV".
_NTH_COMPLAINT = re.compile(r"\b(second|third|fourth|fifth|sixth|2nd|3rd|4th|5th|6th|\d+)(?:st|nd|rd|th)?\s+(?:formal\s+)?complaints?\b"
                            r"|\b(two|three|four|five|six|\d+)\s+(?:formal\s+)?complaints\b", re.IGNORECASE)
_COUNT_WORDS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _complaints_in(text: str) -> int:
    """How many complaints an entry says have been made: the number it gives, else one."""
    counts = [int(n) if n.isdigit() else _COUNT_WORDS[n.lower()]
              for match in _NTH_COMPLAINT.finditer(text) for n in match.groups() if n]
    return max([1, *(c for c in counts if c <= 20)])


def _escalation(events: list[CaseEvent]) -> str:
    """'verbal aggression (21 Feb) to threats (20 May)' when a later entry is more serious than the first."""
    graded = [(max(_LEVEL[k] for k in e.kinds & _LEVEL.keys()), e) for e in events]
    if len(graded) < 2:
        return ""
    first_level, first = graded[0]
    peak_level, peak = max(graded[1:], key=lambda pair: pair[0])
    if peak_level <= first_level:
        return ""

    def worst(event: CaseEvent) -> str:
        return _TYPES[max(event.kinds & _LEVEL.keys(), key=lambda k: (_LEVEL[k], k))]

    return f"from {worst(first)} ({when(first)}) to {worst(peak)} ({when(peak)})"
