"""The event kinds: stable names (DESIGN.md §5), the groups detectors reason with, and derived attributes."""

from __future__ import annotations

import ahocorasick

# Stable names other tools rely on (DESIGN.md §5). The classifier may add more specific ones.
STABLE_KINDS = (
    "attended", "did_not_attend", "was_not_brought", "cancelled_by_family", "cancelled_by_agency", "no_access",
    "refused_entry", "child_seen", "child_seen_alone", "child_not_seen", "child_not_seen_alone", "child_account",
    "parent_account", "disclosure", "denial", "injury", "explanation_inconsistent", "hostility", "threat", "violence",
    "complaint", "recording_staff", "task_agreed", "task_completed", "task_not_completed", "improvement", "decline",
    "formal_meeting", "referral", "case_closed", "moved_address", "changed_school", "changed_gp", "home_education",
    "absence", "new_partner", "prison_release", "relapse",
)

# What an entry says about whether the child was seen.
SIGHTINGS = frozenset({"child_seen", "child_seen_alone", "child_not_seen", "child_not_seen_alone"})

# A contact the family did not keep: counted by missed_appointments (002 §5, 004 §7.9).
MISSED = frozenset({"did_not_attend", "was_not_brought", "cancelled_by_family", "no_access", "refused_entry"})
CONTACT_OUTCOMES = MISSED | {"attended", "cancelled_by_agency"}
HOSTILITY = frozenset({"threat", "violence", "verbal_aggression", "complaint", "recording_staff", "dogs", "online_abuse"})
FORMAL_MEETINGS = frozenset({"strategy_meeting", "s47", "icpc", "rcpc", "core_group", "review", "multi_agency_meeting", "plo", "court"})
# Meetings where agencies decide together: what 004 §7.9 asks for after repeated missed contacts.
MULTI_AGENCY_MEETINGS = frozenset({"strategy_meeting", "icpc", "rcpc", "core_group", "review", "multi_agency_meeting"})

# Plan and measurement areas, from the words that name them (002 §4).
AREAS: dict[str, tuple[str, ...]] = {
    "home_conditions": ("home condition", "conditions", "house", "home was", "home is", "home very", "home unkempt", "flat", "kitchen",
                        "bedroom", "hygiene", "tidy", "clean", "dirty", "rubbish", "faeces", "fridge", "cupboard",
                        "clutter", "squalid", "unkempt home", "graded care", "gcp", "heating", "bedding", "mattress", "floors",
                        # a smell of the home; a person's smell of alcohol is substance use (below)
                        "strong smell", "smelly", "smell of urine", "smelt of urine", "smelled of urine", "smell of damp",
                        "smell of faeces", "odour"),
    # how the child comes to school or nursery: clothes, hygiene, hunger (a neglected child's presentation improving
    # before each review and slipping after is 003 case study Two's pattern as much as the home's)
    "child_presentation": ("presentation", "well presented", "better presented", "poorly presented", "clean uniform",
                           "clean clothes", "uniform", "clothes", "clothing", "unkempt", "unwashed", "grubby",
                           "dishevelled", "head lice", "nits", "hungry", "hair washed", "hair brushed", "took food", "shoes",
                           "new coat", "coat"),
    "school_attendance": ("attendance", "school", "nursery", "absent", "absence", "late", "punctual"),
    "health_appointments": ("appointment", "appt", "immunisation", "jabs", "dental", "dentist", "asthma", "clinic",
                            "health review", "development check", "gp", "medical", "hospital", "optician", "hearing",
                            "school nurse"),  # (a school nurse's words are health's, not attendance's)
    "weight_growth": ("weight", "centile", "growth", "weighed", "kg", "bmi", "feeding"),
    "substance_use": ("drug", "alcohol", "drink", "cannabis", "heroin", "cocaine", "methadone", "test", "hair strand",
                      "sobriety", "sober", "abstinent", "abstinence", "under the influence", "intoxicated", "drunk",
                      "substance", "recovery", "cgl", "addaction"),
    "parenting": ("parenting", "triple p", "incredible years", "solihull", "course", "programme", "routine", "boundaries"),
    "domestic_abuse": ("freedom programme", "domestic abuse", "idva", "refuge", "non-molestation", "da ", "domestic violence",
                       "dv programme", "dv perpetrator", "perpetrator programme", "dvpp", "caring dads",
                       "building better relationships"),
    "mental_health": ("mental health", "counselling", "therapy", "cmht", "medication", "depression", "anxiety",
                      # a parent's presentation is how they seemed (the child's presentation is another area)
                      "mum's presentation", "mother's presentation", "dad's presentation", "father's presentation",
                      "parent's presentation", "her presentation", "his presentation"),
}
# How summaries name each area ("weight_growth" is not English).
# "graded_care" is no area of words: the classifier gives it to an entry with a Graded Care Profile score, so the
# scores are a series of their own (the words "GCP" and "graded care" speak of home conditions).
_AREA_NAMES = {"weight_growth": "weight and growth", "graded_care": "Graded Care Profile scores",
               "child_presentation": "the child's presentation"}


def area_name(area: str) -> str:
    """'home conditions', 'weight and growth': an area as a summary names it."""
    return _AREA_NAMES.get(area, area.replace("_", " "))


# Measurement areas whose ups and downs are tracked over time (improvement_then_decline).
MEASURED_AREAS = ("home_conditions", "child_presentation", "school_attendance", "weight_growth", "substance_use")


def _area_words() -> ahocorasick.Automaton:
    """Every area word, with its place in each of area_of's two passes (measured areas, then all areas)."""
    places: dict[str, list[tuple[int, str] | None]] = {}
    for pass_index, candidates in enumerate((MEASURED_AREAS, tuple(AREAS))):
        rank = 0
        for area in candidates:
            for word in AREAS[area]:
                choices = places.setdefault(word, [None, None])
                if choices[pass_index] is None:  # a word listed twice counts where it comes first
                    choices[pass_index] = (rank, area)
                rank += 1
    automaton = ahocorasick.Automaton()
    for word, choices in places.items():
        automaton.add_word(word, (len(word), tuple(choices)))
    automaton.make_automaton()
    return automaton


_AREA_WORDS = _area_words()


def _starts_a_word(text: str, start: int) -> bool:
    """Whether an area word found at `start` begins a word: "bmi" is not in "submitted", nor "kg" in "background", nor
    "late" in "chocolate"; a word may run on ("home conditions", "drugs") and follow a figure ("6.2kg")."""
    return start == 0 or not text[start - 1].isalpha()


def area_of(text: str, near: tuple[int, int] | None = None) -> str:
    """The area a text speaks of, or ''. Measured areas win ('seen in clinic, weight gain' is about weight).

    Within a pass, the word found earliest in the text decides, or, given `near` (a span of the text: the words
    that say better or worse), the word closest to it ("Nursery report improved presentation" is about the child's
    presentation); at the same place, the area listed first. A word inside a longer one counts as the longer:
    'clean uniform' is the child's presentation, not the home's 'clean'; 'mum's presentation' is her mental health,
    not the child's. Every word is found in one pass over the text (the classifier asks this of many entries).
    """
    lowered = text.lower()
    hits = [(end - length + 1, end, choices) for end, (length, choices) in _AREA_WORDS.iter(lowered)
            if _starts_a_word(lowered, end - length + 1)]
    if len(hits) > 1:
        hits = [h for h in hits if not any(o[0] <= h[0] and h[1] <= o[1] and o[1] - o[0] > h[1] - h[0] for o in hits)]
    best: list[tuple[int, int, str] | None] = [None, None]  # per pass: (where the word starts, its rank, area)
    for start, end, choices in hits:
        place = start if near is None else max(near[0] - end - 1, start - near[1], 0)
        for pass_index, choice in enumerate(choices):
            if choice is not None:
                found = (place, *choice)
                if best[pass_index] is None or found < best[pass_index]:
                    best[pass_index] = found
    for found in best:
        if found is not None:
            return found[2]
    return ""


def areas_in(text: str) -> list[str]:
    """Every area a text names, in order of first mention (where area_of gives one). A word found inside a longer
    one counts as the longer: 'Freedom Programme' is domestic abuse, not parenting's 'programme'."""
    lowered = text.lower()
    found = sorted(((end - length + 1, -length, choices[1][1]) for end, (length, choices) in _AREA_WORDS.iter(lowered)
                    if choices[1] is not None and _starts_a_word(lowered, end - length + 1)))
    areas: dict[str, None] = {}
    reach = -1
    for start, negative_length, area in found:
        end = start - negative_length - 1
        if end > reach:  # not inside a longer word found at or before this place
            areas[area] = None
            reach = end
    return list(areas)
