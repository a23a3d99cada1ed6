"""improvement_then_decline: an area that gets better and worse again, or improves just before meetings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from chronocli.detectors.base import ByDate, CaseContext, CaseEvent, Detector, Finding, dated, option, plural, when
from chronocli.detectors.context import meeting_name
from chronocli.events.kinds import FORMAL_MEETINGS, area_name

# Meetings where progress is judged: an improvement timed for these, then lost, is the concern (003).
JUDGING_MEETINGS = FORMAL_MEETINGS - {"strategy_meeting", "s47"}
# Measures read from their numbers as well as their words: an attendance percentage, better higher; a Graded
# Care Profile score, 1 (best) to 5, better lower; a weight or growth centile, better higher. Each child's own series.
_RISING_IS_BETTER = frozenset({"school_attendance", "weight_growth"})
_FALLING_IS_BETTER = frozenset({"graded_care"})
_NUMBERED = _RISING_IS_BETTER | _FALLING_IS_BETTER
_SCALE = {"graded_care": (1.0, 5.0), "weight_growth": (0.1, 99.9)}  # a figure outside its scale is not one of it
# The lines of the UK-WHO growth charts: a centile is compared with the one before by the lines between them.
_CENTILE_LINES = (0.4, 2.0, 9.0, 25.0, 50.0, 75.0, 91.0, 98.0, 99.6)


@dataclass
class Options:
    min_cycles: int = option(2, "Improve-then-decline cycles in one area needed to report the area.")
    before_meeting_days: int = option(14, "An improvement this many days or fewer before a formal meeting counts as timed for it.")
    after_meeting_days: int = option(42, "A decline within this many days after that meeting counts as the improvement fading.")
    min_change: float = option(5.0, "Points an attendance percentage must rise or fall by, against the one recorded before it, "
                                    "to count as better or worse.")
    min_score_change: float = option(1.0, "Levels a Graded Care Profile score (1 to 5) must rise or fall by, against the one "
                                          "recorded before it, to count as worse or better.")
    min_centile_lines: int = option(1, "Growth-chart centile lines (0.4, 2, 9, 25, 50, 75, 91, 98, 99.6) a weight or growth "
                                       "centile must cross, against the one recorded before it, to count as better or worse.")


class ImprovementThenDecline(Detector):
    """Areas that improve and then decline again, repeatedly or around formal meetings.

    What it finds: per measured area (home conditions, the child's presentation — hungry, unkempt, the same clothes
    all week against a clean uniform and hair washed, as a school or nursery notes it — Graded Care Profile scores,
    school attendance, weight and growth, substance use), the sequence of recorded improvements and declines, in words ("much improved"; for
    substance use, a relapse or a positive test is a decline) or, for an attendance percentage, in its number
    against the one before (a change of at least `min_change` points), for a Graded Care Profile score (1 best, 5
    worst) likewise (at least `min_score_change` levels), and for a weight or growth centile by the growth-chart
    lines it crosses (at least `min_centile_lines`: the 25th then the 9th is worse); each child's own series when a
    subject column names several. Reported when an area goes from better to worse at least `min_cycles` times, or
    when an improvement is recorded within `before_meeting_days` of a conference, review, core group, PLO meeting or
    hearing and a decline follows within `after_meeting_days` after it.

    Why it matters: disguised compliance can look like "a sudden increase in school attendance ... or
    cleaning the house before a visit from a professional or a formal meeting" (003 Part One; case study
    Two); "change in one area of functioning is not matched by change in other areas" and "no significant
    change at reviews despite significant input" (002 §3).

    Severity: high — both repeated cycles and improvements timed for meetings in the same area; medium —
    either, at least twice; low — a single improvement before a meeting that then faded.

    Flagged example: home conditions "much improved" at core group 26 Feb, "deteriorated" 4 Mar; "improved"
    at core group 8 Apr, "worse again" 15 Apr.

    Not flagged: steady improvement (reported as a strength); a single dip after long improvement with no
    meeting nearby.
    """

    code = "RI03"
    name = "improvement-then-decline"
    pattern = "improvement_then_decline"
    title = "Improvement that does not last"
    guidance = "003 Part One and case study Two; 002 §3"
    questions = (
        "Is change happening because of the parents' efforts, or because of agencies' input, and does it last between meetings? (002 §3)",
        "What do unannounced visits show compared with announced ones and with meeting days?",
        "Is there no significant change at reviews despite significant input? (002 §3)",
        "Am I filtering out negative information or being over-optimistic? (002 §7.2; 003 Part Three)",
    )
    Options = Options

    def detect(self, events: Sequence[CaseEvent], options: Options, context: CaseContext) -> list[Finding]:
        ordered = dated(events)
        signals = measured_signals(ordered, options)
        if not signals:
            context.note("No measured areas (home conditions, attendance, weight, substance tests) show a direction over time.")
            return []
        meetings = ordered.having(*JUDGING_MEETINGS)
        findings = []
        for (area, child), series in sorted(signals.items()):
            cycles = _cycles(series)
            timed = _timed_for_meetings(series, meetings, options)
            if len(cycles) < options.min_cycles and not timed:
                continue
            severity = ("high" if len(cycles) >= options.min_cycles and timed
                        else "medium" if len(cycles) >= options.min_cycles or len(timed) >= 2 else "low")
            name = area_name(area) + (f" of {child}" if child else "")
            label = name[0].upper() + name[1:]  # not capitalize(): that would lower a child's name
            parts = []
            if cycles:
                shown = "; ".join(f"better {when(up)}, worse {when(down)}" for up, down in cycles)
                parts.append(f"{label} improved and then declined {plural(len(cycles), 'time')} ({shown}).")
            if timed:
                shown = "; ".join(f"improved {_when(up, m)}, declined by {when(down)}" for up, m, down in timed)
                parts.append(f"Improvements were recorded just before formal meetings and did not last: {shown}.")
            evidence = [e for pair in cycles for e in pair] + [e for triple in timed for e in triple]
            findings.append(self.finding(severity, " ".join(parts), evidence,
                                         f"{label}: improvement that does not last"))
        return findings


def measured_signals(ordered, options: Options) -> dict[tuple[str, str], list[tuple[CaseEvent, bool]]]:
    """(area, child) -> (event, True if better) in date order: entries that say better or worse in words, and
    attendance percentages against the one before them. Attendance is each child's own (siblings' figures are
    not one series); home conditions and the other areas are the family's. Words win over the number when an
    entry has both."""
    signals: dict[tuple[str, str], list[tuple[CaseEvent, bool]]] = {}
    last_value: dict[tuple[str, str], float] = {}
    for event in ordered:
        if "relapse" in event.kinds and not (event.area == "substance_use" and event.has("improvement", "decline")):
            # a positive test or "drinking again" is substance use getting worse, whatever else the entry measures
            signals.setdefault(("substance_use", ""), []).append((event, False))
            if event.area == "substance_use":
                continue
        if not event.area:  # (an entry with a value always has an area: see Classifier)
            continue
        key = (event.area, event.subject if event.area in _NUMBERED else "")
        said = event.has("improvement", "decline") and not (event.has("improvement") and event.has("decline"))
        if said:
            signals.setdefault(key, []).append((event, event.has("improvement")))
        # the figure, in the series of what it measures: the area the words speak of, or another ("Attendance 86%.
        # Came in hungry twice this week"), whose own series it then continues, words or not
        measured = event.value_area or event.area
        if measured != event.area:
            key, said = (measured, event.subject if measured in _NUMBERED else ""), False
        before = last_value.get(key)
        low, high = _SCALE.get(measured, (0.0, 100.0))
        value = event.value if event.value is not None and measured in _NUMBERED and low <= event.value <= high else None
        if value is not None and measured == "weight_growth":
            value = float(_line_of(value))  # compared by the chart lines crossed, not by points
        if value is not None:
            last_value[key] = value
        step = (options.min_score_change if measured in _FALLING_IS_BETTER
                else options.min_centile_lines if measured == "weight_growth" else options.min_change)
        if not said and before is not None and value is not None and abs(value - before) >= step:
            signals.setdefault(key, []).append((event, (value > before) == (measured in _RISING_IS_BETTER)))
    return signals


def _line_of(centile: float) -> int:
    """The growth-chart line a centile is nearest (its position among _CENTILE_LINES)."""
    return min(range(len(_CENTILE_LINES)), key=lambda k: abs(_CENTILE_LINES[k] - centile))


def _cycles(series: list[tuple[CaseEvent, bool]]) -> list[tuple[CaseEvent, CaseEvent]]:
    """(last improvement, first decline) for each change from better to worse."""
    cycles, last_up = [], None
    for event, better in series:
        if better:
            last_up = event
        elif last_up is not None:
            cycles.append((last_up, event))
            last_up = None
    return cycles


def _timed_for_meetings(series, meetings, options: Options) -> list[tuple[CaseEvent, CaseEvent, CaseEvent]]:
    """(improvement, the first unused meeting up to `before_meeting_days` later, the first decline within
    `after_meeting_days` after that meeting)."""
    timed = []
    used_meetings = set()
    meetings_by_date, declines = ByDate(meetings), ByDate(e for e, better in series if not better)
    before, after = dt.timedelta(days=options.before_meeting_days), dt.timedelta(days=options.after_meeting_days)
    for up in (e for e, better in series if better):
        meeting = next((m for m in meetings_by_date.between(up.date, up.date + before) if m.group not in used_meetings), None)
        if meeting is None:
            continue
        down = next(iter(declines.between(meeting.date + dt.timedelta(days=1), meeting.date + after)), None)
        if down is not None:
            used_meetings.add(meeting.group)
            timed.append((up, meeting, down))
    return timed


def _when(up: CaseEvent, meeting: CaseEvent) -> str:
    if up.date == meeting.date:
        return f"at the {meeting_name(meeting)} on {when(meeting)}"
    return f"{when(up)}, before the {meeting_name(meeting)} on {when(meeting)}"

