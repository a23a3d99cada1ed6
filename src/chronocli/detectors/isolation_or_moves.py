"""isolation_or_moves: moves of home, school or GP, home education and absence that take the child out of sight."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from chronocli.detectors.base import CaseContext, CaseEvent, Detector, Finding, children_named, counted, dated, option, per_child, plural, runs, span, when
from chronocli.detectors.workdays import working_days_between

_MOVES = {"moved_address": "moves of address", "changed_school": "changes of school or nursery", "changed_gp": "changes of GP",
          "home_education": "removal to home education"}
_ONE_MOVE = {"moved_address": "move of address", "changed_school": "change of school or nursery", "changed_gp": "change of GP",
             "home_education": "removal to home education"}
# Events that show a concern had been raised before a move.
_CONCERNS = {"referral", "s47", "strategy_meeting", "icpc", "rcpc", "injury", "disclosure", "core_group", "plo"}


@dataclass
class Options:
    min_moves: int = option(2, "Moves of address, school or GP within `period_days` that are reported.")
    period_days: int = option(365, "The period over which moves are counted.")
    absence_run: int = option(3, "Separate spells of absence within `absence_days` of each other that make a run worth reporting "
                                 "(absences on consecutive school days are one spell).")
    absence_days: int = option(30, "Absences further apart than this start a new run.")
    same_move_days: int = option(14, "An entry recording the same kind of move this soon after one (another agency's, or the same "
                                     "agency's next entry) is taken to be about the same move (cited with it, counted once).")
    soon_after_days: int = option(14, "A move this soon after a concern (a referral, an enquiry, an injury) makes repeated moves "
                                      "medium however few came after it: a family gone within days of an enquiry (001 §2).")
    absence_long_days: int = option(10, "Days absent in one run that are reported however few the spells (two school weeks: "
                                        "'significant periods of absence', 002 §6).")


class IsolationOrMoves(Detector):
    """Moves and absences that take the child out of agencies' sight, especially after concerns.

    What it finds: moves of address, changes of school or nursery, changes of GP and removal to elective
    home education — `min_moves` or more within `period_days`, or any removal to home education after a
    concern (referral, enquiry, conference, injury, disclosure; entries about one removal count once); and runs
    of absence from school or nursery, or from home (a child reported missing is out of every agency's sight:
    the "long absences" of DESIGN.md §4) — `absence_run` separate spells (consecutive school days are one
    spell) or `absence_long_days` days absent, each absence within `absence_days` of the last. When a subject
    column names several children, moves and absences are counted for each child (a move of the family's home
    counts for every child), so siblings changing school on the same day are not two moves and two children's
    absences are not one run; a concern about any of them counts for all.

    Why it matters: "indicators of a child being isolated ... may include significant periods of absence
    from school, Elective Home Education or non-engagement with health agencies" (002 §6); some parents
    "go to considerable lengths to avoid any contact ... moving home or the child's school to avoid
    agencies" (001 §2).

    Severity: high — home education after concerns were raised; medium — repeated moves after concerns, or
    repeated moves one of which came within `soon_after_days` of a concern, or an absence run of twice either
    threshold; low — repeated moves with no earlier concern, or an absence run.

    Flagged example: referral in January; family moves in March; child removed from school roll to home
    educate in April.

    Not flagged: a single house move; one day's absence for illness; a few days off with one illness.
    """

    code = "RI07"
    name = "isolation-or-moves"
    pattern = "isolation_or_moves"
    title = "The child drops out of sight"
    guidance = "002 §6; 001 §2"
    questions = (
        "Which agencies still see the child after each move, and who has checked? (001 §2)",
        "Was the move or the home education discussed by the team around the child before records were transferred? (003 Part Four)",
        "Is the child's absence supported by the parent, so the child is not recorded as missing? (002 §6)",
    )
    Options = Options

    def detect(self, events: Sequence[CaseEvent], options: Options, context: CaseContext) -> list[Finding]:
        ordered = dated(events)
        concerns = list(ordered.having(*_CONCERNS))  # about any child of the family
        children = children_named(ordered)
        findings = []
        for (child, moves), (_, absences) in zip(per_child(ordered.having(*_MOVES), children),
                                                 per_child(ordered.having("absence"), children)):
            moved = self._moves(moves, concerns, options, child)
            absent = self._absences(absences, options, child, context.nation)
            findings += [f for f in (moved, absent) if f]
        return findings

    def _moves(self, moves: list[CaseEvent], concerns: list[CaseEvent], options: Options, child: str) -> Finding | None:
        first_concern = concerns[0] if concerns else None
        moves, repeated = _one_per_change(moves, options.same_move_days)
        after = [e for e in moves if first_concern and e.date >= first_concern.date]
        home_ed = [e for e in after if e.has("home_education")]
        window = _densest(moves, options.period_days)
        if not home_ed and len(window) < options.min_moves:
            return None
        shown = window if len(window) >= options.min_moves else home_ed
        kinds = counted(_MOVES[k] for e in shown for k in sorted(e.kinds & _MOVES.keys()))
        period = span(shown[0], shown[-1], opening=not child)
        summary = f"{f'{child}, ' if child else ''}{period}: {kinds}."
        if first_concern and any(e in after for e in shown):
            summary += f" Concerns had been recorded from {when(first_concern)} ({first_concern.agency})."
        soon = _soon_after(shown, concerns, options.soon_after_days)
        if soon:
            move, concern = soon
            days = (move.date - concern.date).days
            what = _ONE_MOVE[min(move.kinds & _MOVES.keys(), key=list(_MOVES).index)]
            summary += f" The {what} on {when(move)} came {plural(days, 'day')} after the concern of {when(concern)} ({concern.agency})."
        severity = ("high" if home_ed else "medium" if sum(e in after for e in shown) >= options.min_moves
                    or (soon and len(shown) >= options.min_moves) else "low")
        cited = [*shown, *home_ed, *([soon[1]] if soon else [])]
        return self.finding(severity, summary, cited + [e for first in cited for e in repeated.get(first.event_id, ())]
                            + ([first_concern] if first_concern and after else []))

    def _absences(self, absences: list[CaseEvent], options: Options, child: str, nation: str) -> Finding | None:
        # A few days off with one illness is one spell; what 002 §6 asks schools to watch is absence that keeps
        # recurring or goes on for a significant period.
        measured = [(run, _spells(run, nation)) for run in runs(absences, options.absence_days)]
        reported = [(run, spells) for run, spells in measured
                    if spells >= options.absence_run or len(run) >= options.absence_long_days]
        if not reported:
            return None
        run, spells = max(reported, key=lambda r: (len(r[0]), r[1]))
        whose = f" of {child}" if child else ""
        missing = sum(e.has("missing_from_home") for e in run)
        which = f" ({missing} missing from home or care)" if missing else ""
        long = spells >= 2 * options.absence_run or len(run) >= 2 * options.absence_long_days
        return self.finding("medium" if long else "low",
                            f"{plural(len(run), 'absence')}{whose}{which} in {plural(spells, 'separate spell')} recorded "
                            f"{span(run[0], run[-1])} ({counted(e.agency for e in run)}).", run, "Runs of absence")


def _soon_after(moves: list[CaseEvent], concerns: list[CaseEvent], days: int) -> tuple[CaseEvent, CaseEvent] | None:
    """The first of `moves` recorded within `days` after a concern, with the latest concern before it; or None. Not
    a concern the same day: the referral may be about the move ("parents have deregistered him to home educate")."""
    for move in moves:
        before = [c for c in concerns if c.date < move.date]
        if before and (move.date - before[-1].date).days <= days:
            return move, before[-1]
    return None


def _one_per_change(moves: list[CaseEvent], same_move_days: int) -> tuple[list[CaseEvent], dict[str, list[CaseEvent]]]:
    """The moves with later entries about the same one folded into the first, and those later entries by the
    first's event id (cited, not counted): a removal to home education ("mum will home educate from next week",
    then "removed from roll - EHE" is one removal, not two; a change of school in between ends it), and the same
    kind of move recorded again within `same_move_days` (social work hears the child is now at his gran's, the
    school a fortnight later that he lives there now; "neighbour says they have moved", then "case closed - family
    moved out of area")."""
    kept: list[CaseEvent] = []
    later: dict[str, list[CaseEvent]] = {}
    removal: CaseEvent | None = None
    for event in moves:
        if removal is not None and event.kinds & _MOVES.keys() == {"home_education"}:
            later[removal.event_id].append(event)
            continue
        same = next((first for first in reversed(kept) if (event.date - first.date).days <= same_move_days
                     and event.kinds & _MOVES.keys() <= first.kinds & _MOVES.keys()), None)
        if same is not None:
            later.setdefault(same.event_id, []).append(event)
            continue
        kept.append(event)
        if "home_education" in event.kinds:
            removal = event
            later[event.event_id] = []
        elif "changed_school" in event.kinds:
            removal = None
    return kept, later


def _spells(absences: list[CaseEvent], nation: str) -> int:
    """Separate spells: absences on consecutive school days (a weekend or bank holiday between) are one."""
    return 1 + sum(working_days_between(a.date, b.date, nation) > 1 for a, b in zip(absences, absences[1:]))


def _densest(moves: list[CaseEvent], period_days: int) -> list[CaseEvent]:
    """The earliest largest run of moves (in date order) spanning at most `period_days`; one pass, two pointers."""
    best = (0, 0)
    end = 0
    for start, first in enumerate(moves):
        end = max(end, start)
        while end < len(moves) and (moves[end].date - first.date).days <= period_days:
            end += 1
        if end - start > best[1] - best[0]:
            best = (start, end)
    return moves[best[0]:best[1]]
