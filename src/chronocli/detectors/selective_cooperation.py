"""selective_cooperation: engagement that differs sharply between agencies, practitioners or areas of the plan."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from chronocli.detectors.base import CaseContext, CaseEvent, Detector, Finding, by_agency, dated, one_per_occasion, option, outcome_areas, plural, span
from chronocli.detectors.stats import fisher_exact
from chronocli.events.kinds import MISSED, area_name

_SERIOUS_HOSTILITY = {"threat", "violence"}


@dataclass
class Options:
    min_contacts: int = option(3, "Contacts (kept or missed) an agency needs before its rate is compared.")
    min_gap: float = option(0.4, "Smallest difference between two agencies' rates of kept contacts (0-1).")
    max_p: float = option(0.05, "Largest Fisher exact p-value accepted as 'more than chance' for the two agencies' counts.")
    min_tasks: int = option(2, "Tasks in an area needed before areas are compared.")


class SelectiveCooperation(Detector):
    """Engagement that differs sharply by agency or by area of the plan.

    What it finds: for each agency with at least `min_contacts` appointments or visits with an outcome,
    the share kept. When the best- and worst-kept agencies differ by at least `min_gap` and Fisher's exact
    test on their kept/missed counts gives p ≤ `max_p` (so the difference is unlikely to be chance given so
    few contacts), it is reported. The same comparison is made between the practitioners who recorded one
    agency's contacts, when their contacts fall in overlapping months (a worker who took over later is not
    compared: engagement may simply have changed). Also reported: plan tasks completed in one area while tasks in another
    area are repeatedly not completed; and hostility aimed at one agency while the other agencies' contacts (at
    least `min_contacts` between them) are kept without incident.

    Why it matters: "parents engaging with certain aspects of a plan only", "aligning themselves with
    certain practitioners" and "change in one area ... not matched by change in other areas" are indicators
    of disguised compliance (002 §3, 003 Part One); 002 §4 asks "whether the resistance relates to a single
    agency/practitioner or to several"; giving different workers a different picture (004 §6).

    Severity: high — the avoided agency was refused entry or had no access while another's contacts were
    kept, with a gap of at least 0.6; medium — any other agency, practitioner or area difference meeting the
    thresholds, or hostility aimed at one agency only.

    Flagged example: health visitor 7 of 7 visits kept; social work 2 of 9 kept (no access, refused entry).

    Not flagged: every agency's contacts mostly missed (uniformly poor), or mostly kept (uniformly good);
    two agencies whose rates differ on too few contacts to tell from chance.
    """

    code = "RI02"
    name = "selective-cooperation"
    pattern = "selective_cooperation"
    title = "Cooperation differs between agencies"
    guidance = "002 §3, §4, §8; 003 Part One; 004 §6"
    questions = (
        "Does the resistance relate to a single agency or practitioner, or to several? Are there practitioners who do not experience it? (002 §4)",
        "Is one agency's good relationship being used to keep contact open, and is progress being made in the plan? (002 §4)",
        "Has each part of the team around the child shared all it knows? Is the family giving different workers a different picture? (003 Part Four; 004 §6)",
        "Which tasks have been completed and which agreed repeatedly but not done, and what does that mean for the child? (002 §4)",
    )
    Options = Options

    def detect(self, events: Sequence[CaseEvent], options: Options, context: CaseContext) -> list[Finding]:
        ordered = dated(events)
        findings = []
        contacts = by_agency(ordered.having(*MISSED, "attended"))  # kept and missed contacts, per agency
        agency = self._by_agency(contacts, options, context)
        if agency:
            findings.append(agency)
        practitioner = self._by_practitioner(contacts, options)
        if practitioner:
            findings.append(practitioner)
        area = self._by_area(ordered, options)
        if area:
            findings.append(area)
        aimed = self._hostility_aimed(ordered, options)
        if aimed:
            findings.append(aimed)
        return findings

    def _by_agency(self, contacts: dict[str, list[CaseEvent]], options: Options, context: CaseContext) -> Finding | None:
        eligible = _kept_and_missed(contacts, options)
        if len(eligible) < 2:
            context.note("Fewer than two agencies have enough appointments or visits with an outcome to compare engagement.")
            return None
        compared = _compared(eligible, options)
        if compared is None:
            return None
        best, low, gaps = compared
        bk, bm = eligible[best]
        severity = "medium"
        for (_agency, _kept, missed, _p), gap in zip(low, gaps):
            if gap >= 0.6 and any(e.has("refused_entry", "no_access") for e in missed):
                severity = "high"
        shown = "; ".join(f"{a}: {len(k)} of {len(k) + len(m)} kept (Fisher exact {_p_value(p)})" for a, k, m, p in low)
        everything = bk + bm + [e for _, k, m, _ in low for e in k + m]
        summary = (f"{span(min(e.date for e in everything), max(e.date for e in everything), opening=True)}, "
                   f"{best} kept {len(bk)} of {len(bk) + len(bm)} contacts; {shown}. Differences this large on these "
                   f"numbers are unlikely to be chance (p ≤ {options.max_p}).")
        return self.finding(severity, summary, [*bk, *[e for _, _, m, _ in low for e in m]])

    def _by_practitioner(self, by_agency_contacts: dict[str, list[CaseEvent]], options: Options) -> Finding | None:
        """Within one agency, contacts kept with one practitioner and missed with another over the same months
        (002 §4: does the resistance relate to a single practitioner?). Practitioners who followed one another
        are not compared: that is engagement changing over time, not between workers."""
        for agency, contacts in sorted(by_agency_contacts.items()):
            workers: dict[str, list[CaseEvent]] = {}
            shown: dict[str, str] = {}  # 'SW A. Khan' and 'sw a.  khan' are one worker, shown as first written
            for event in contacts:
                if event.recorded_by.strip():
                    key = " ".join(event.recorded_by.split()).lower()
                    workers.setdefault(shown.setdefault(key, " ".join(event.recorded_by.split())), []).append(event)
            eligible = _kept_and_missed(workers, options)
            compared = _compared(eligible, options, overlapping=True) if len(eligible) >= 2 else None
            if compared is None:
                continue
            best, low, _ = compared
            bk, bm = eligible[best]
            shown = "; ".join(f"with {w} {len(k)} of {len(k) + len(m)} (Fisher exact {_p_value(p)})" for w, k, m, p in low)
            everything = bk + bm + [e for _, k, m, _ in low for e in k + m]
            summary = (f"{span(min(e.date for e in everything), max(e.date for e in everything), opening=True)}, "
                       f"{agency} contacts were kept with {best} {len(bk)} of {len(bk) + len(bm)} times; {shown}, "
                       f"over the same months. Differences this large on these numbers are unlikely to be chance "
                       f"(p ≤ {options.max_p}).")
            return self.finding("medium", summary, [*bk, *[e for _, _, m, _ in low for e in m]],
                                "Cooperation differs between practitioners")
        return None

    def _by_area(self, events, options: Options) -> Finding | None:
        done: dict[str, list[CaseEvent]] = {}
        undone: dict[str, list[CaseEvent]] = {}
        for event in events.having("task_completed", "task_not_completed"):
            for kind, areas_of in (("task_completed", done), ("task_not_completed", undone)):
                if kind in event.kinds:
                    areas = outcome_areas(event, kind)
                    for area in sorted(areas if areas is not None else {event.task_area} - {""}):
                        areas_of.setdefault(area, []).append(event)
        completed_only = [a for a in done if a not in undone]
        stuck = [a for a in undone if a not in done and len(undone[a]) >= options.min_tasks]
        if not completed_only or not stuck:
            return None
        good, bad = completed_only[0], stuck[0]
        summary = (f"Tasks about {area_name(good)} were completed ({plural(len(done[good]), 'record')}), while tasks about "
                   f"{area_name(bad)} were recorded as not completed {plural(len(undone[bad]), 'time')}.")
        return self.finding("medium", summary, [*done[good], *undone[bad]], "Some parts of the plan done, others not")

    def _hostility_aimed(self, events, options: Options) -> Finding | None:
        hostile = by_agency(events.having("threat", "violence", "verbal_aggression", "recording_staff", "dogs",
                                          "online_abuse", "refused_entry"))
        targets = [a for a, es in hostile.items() if len(es) >= 2 or any(e.has(*_SERIOUS_HOSTILITY) for e in es)]
        if len(targets) != 1:
            return None
        target = targets[0]
        # the other agencies together: a father polite at a school's parents' evening and friendly at the baby clinic
        # is welcoming those services however few contacts each one has
        welcomed = by_agency(e for e in events.having("attended") if e.agency not in hostile)
        kept = [e for es in welcomed.values() for e in es]
        if len(kept) < options.min_contacts:
            return None
        others = sorted(welcomed, key=lambda a: (-len(welcomed[a]), a))
        shown = ", ".join(f"{a} {len(welcomed[a])}" for a in others) if len(others) > 1 else others[0]
        summary = (f"Hostility or refused entry is recorded only by {target} ({plural(len(hostile[target]), 'entry', 'entries')}), "
                   f"while {shown if len(others) == 1 else 'other agencies'} recorded {plural(len(kept), 'kept contact')}"
                   f"{f' ({shown})' if len(others) > 1 else ''} with no hostility.")
        return self.finding("medium", summary, [*hostile[target], *sorted(kept, key=lambda e: (e.date, e.event_id))],
                            "Hostility aimed at one agency")


def _kept_and_missed(groups: dict[str, list[CaseEvent]], options: Options) -> dict[str, tuple[list, list]]:
    """(kept, missed) contacts per group with enough contacts to compare. Siblings' appointments at one agency on
    one day are one contact, as missed_appointments counts them."""
    eligible = {name: (one_per_occasion([e for e in contacts if e.kinds.isdisjoint(MISSED)]),
                       one_per_occasion([e for e in contacts if not e.kinds.isdisjoint(MISSED)]))
                for name, contacts in groups.items() if len(contacts) >= options.min_contacts}  # folding only makes fewer
    return {name: (k, m) for name, (k, m) in eligible.items() if len(k) + len(m) >= options.min_contacts}


def _compared(eligible: dict[str, tuple[list, list]], options: Options, overlapping: bool = False):
    """The group with the best rate of kept contacts, and each group whose rate is at least `min_gap` lower with
    Fisher's exact p ≤ `max_p` — as (best, [(name, kept, missed, p)], [gap]) — or None. With `overlapping`, only
    groups whose contacts span months that overlap the best group's are compared."""
    rate = {name: len(k) / (len(k) + len(m)) for name, (k, m) in eligible.items()}
    # of groups with the same rate, the one with most contacts: 6 of 6 kept is surer than 3 of 3
    best = max(rate, key=lambda name: (rate[name], sum(map(len, eligible[name])), name))
    bk, bm = eligible[best]
    first, last = min(e.date for e in bk + bm), max(e.date for e in bk + bm)
    low, gaps = [], []
    for name in sorted(eligible, key=lambda n: (rate[n], n)):
        kept, missed = eligible[name]
        if name == best or rate[best] - rate[name] < options.min_gap:
            continue
        if overlapping and not (min(e.date for e in kept + missed) <= last and first <= max(e.date for e in kept + missed)):
            continue
        p = fisher_exact(len(bk), len(bm), len(kept), len(missed))
        if p <= options.max_p:
            low.append((name, kept, missed, p))
            gaps.append(rate[best] - rate[name])
    return (best, low, gaps) if low else None


def _p_value(p: float) -> str:
    """A p-value as written in reports: 'p = 0.012', and 'p < 0.001' rather than a misleading 'p = 0.000'."""
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"
