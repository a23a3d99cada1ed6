"""conflicting_accounts: the child's account against the parent's, explanations that do not fit injuries."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import combinations

from chronocli.detectors.base import (
    ByDate,
    CaseContext,
    CaseEvent,
    ChildrenConcerned,
    Detector,
    Finding,
    children_named,
    dated,
    option,
    per_child,
    plural,
    sentence_around,
    span,
    when,
)
from chronocli.detectors.claims import (
    absence_reason,
    claims_in,
    is_education,
    left_alone_recorded,
    man_recorded,
    medication_not_given,
    names_a_service,
    names_agency,
    names_service,
    never_used,
    nights_said,
    no_appointment_at,
    no_incident_recorded,
    not_attending_recorded,
    not_done_recorded,
    not_involved_recorded,
    off_the_ward,
    partner_recorded,
    recorded_since,
    same_treatment,
    since_month_start,
    treatments,
    use_recorded,
    where_man_recorded,
)
from chronocli.detectors.explanations import differ, explanations_in
from chronocli.events.kinds import MISSED
from chronocli.events.people import as_written, named_by_role

# ("present" somewhere else is not at the home: "present in consultation", "present at the conference")
_PRESENT = (r"(?:present(?! (?:in|at|for|during) (?:the |a |her |his )?(?:consultation|clinic|surgery|appointment|appt|meeting|conference"
            r"|court|hospital|ward|a&e|ed|review|core group|interview|contact centre|family centre|police station|custody))"
            r"|at the (?:family )?(?:address|property|home|house)|at her (?:flat|house|home|address|property)"
            r"|(?:was|were|is|been) (?:at home|home at|round)"
            # (not somewhere of his own: "dad now lives at his mum's", "staying with a friend")
            r"|staying(?! (?:at|with|in) (?:his|their|an?|another|my)\b)"
            r"|(?:living|lives|stays) (?!(?:at|with|in) (?:his|their|an?|another|my)\b)(?:at|there|here|with)\b"
            r"|in the (?:home|house|property)|answered the door|opened the door|sleeps (?:at|there|over)|sleeping (?:at|there|over)|stays over"
            r"|stays (?:\w+ ){0,2}(?:weekends?|nights?)|(?:was|were) there"
            r"|(?:is|are|'s) there (?:most|every|all|some|at) (?:\w+ )?(?:nights?|days?|weekends?|night|times?)"
            r"|(?:comes?|came) (?:round|over|for (?:his |her |a )?(?:tea|dinner|a meal))"
            r"|visits? (?:most|every|regularly)|stayed (?:over|the night)"
            # in a child's words: "mummy comes to aunty Donna's house at night", "mummy was in my bed"
            r"|comes? to (?:[\w']+ ){0,2}(?:house|flat|home)|(?:was|is|were) in (?:my|his|her|the) (?:bed|bedroom)"
            # found there by officers: "Ryan Cole located in bedroom", "found hiding in the loft"
            r"|(?:located|found|hiding|hidden) (?:\w+ )?(?:in|at|under|behind) (?:the |a )?"
            r"(?:bedroom|loft|attic|bathroom|wardrobe|bed|kitchen|garden|shed|cupboard|house|flat|property|address|home)"
            # his car at the door: "Kyle's car outside", "Kyle's van parked on the drive"
            r"|(?:car|van|bike|motorbike) (?:was |is )?(?:parked )?(?:outside|on the drive|on the driveway|at the (?:house|address|property))"
            # with the child: "Ryan picked her up from school"
            r"|picked (?:her|him|them|the child|the children) up|collected (?:her|him|them|the child|the children) from)")
# With the child, the person named after: "seen getting into a car driven by Tyler Grant", "found with Kyle".
_WITH = (r"(?:driven by|picked up by|collected by|in the company of|seen with|(?:was|were) with|found with|located with"
         r"|(?:car|vehicle) with)")
# Capitalised words that start sentences in chronologies but are not people.
_NOT_NAMES = {"A", "An", "The", "Mum", "Dad", "Mother", "Father", "Child", "Children", "Baby", "Home", "Visit", "Police",
              "Officers", "Social", "Worker", "Report", "Strategy", "Domestic", "Neighbour", "Neighbours", "School",
              "Nursery", "Core", "Referral", "No", "Seen", "He", "She", "They", "It", "His", "Her", "Their", "Partner",
              "Attendance", "Unannounced", "Welfare", "Incident", "Health", "Clinic", "Appointment", "Appt", "Plan",
              "Task", "Tasks", "Case", "Meeting", "Group", "Conference", "Review", "Hospital", "Housing", "Team"}


@dataclass
class Options:
    window_days: int = option(14, "A child's and a parent's account of the same matter must be this close in time.")
    household_window_days: int = option(60, "A parent's statement about who lives at home is compared with other agencies' records this close in time.")
    injury_window_days: int = option(3, "Explanations recorded this close to an injury, and to each other, are of the same injury.")
    retold_days: int = option(28, "An explanation that refers back to an injury ('the bruise was from nursery') is compared with "
                                  "that injury's explanations up to this many days after it.")
    claim_window_days: int = option(28, "A parent's statement that they do not drink or use drugs, or keep appointments, is set against "
                                        "records this many days before it (and a week after, for drinking or drug use); a period the "
                                        "parent states ('clean for 6 weeks', 'since February') reaches up to three times as far.")


class ConflictingAccounts(Detector):
    """Accounts that do not agree: child against parent, explanation against injury, agency against agency.

    What it finds: (1) a child's disclosure and a parent's denial or explanation within `window_days` of each other
    (in one entry or two) — when a subject column names several children, for each child, so a sibling's account is
    not set against a parent's account of another child; (2) an explanation recorded as not matching an injury; (3)
    a parent telling one agency that someone no longer lives at home while another agency records that person at the
    address within `household_window_days` (after the statement, when it says the person moved out or left: being
    there before is no contradiction; since the event or month it names, "has not been to the flat since the first
    arrest"), or the agency told records them there itself afterwards, or the child says
    so in the same entry ("Tia seen alone - said daddy came for tea"), the person named by name or by role ("dad",
    "mum's boyfriend"; a role given in [names] counts); (4) explanations of one injury that differ (the child's and a
    parent's, or what a parent told two agencies), recorded within `injury_window_days` of the injury and of each
    other, quoted side by side; (5) a parent telling one agency they do not drink or use drugs while another records
    use (an admission, a positive test, a smell of alcohol, pinned pupils; the agency told's own included) in the
    period the parent spoke of ("not had a drink for 2 weeks", "not used since February", up to three windows; else
    the `claim_window_days` before) or the week after ("has stopped" is set against the week after
    only, "denied drinking" against the week either side), or telling one agency that appointments or school are
    kept while that service (the agency told included; any service, when the clause saying so names none) records
    missed contacts or absence, or attendance figures below 90% (a register's week of 2 sessions in 10), in the
    `claim_window_days` before (one contradicts "has not missed any", two "goes every week"), or that a service
    cancelled an appointment ("dietitian appointment was cancelled by the hospital")
    while a record of it in that window says the child was not brought (for a habit, "the clinic keeps cancelling",
    two such records of that service, or of any clinic, in three windows), or that the child has had no accidents or hospital visits while a
    record in that window shows an injury or the child at an emergency department, or that an injury happened at
    nursery or school ("fell down the stairs at nursery", "the bruise was from the childcare setting") while that
    place recorded no fall or accident, or the injury already there when the child arrived, in the days around (from
    three days before the injury, the first recorded in the window, to the window after), or that they have not left
    the child's side in hospital while a record in the window before has the parents away from the ward ("Parents not
    on ward since 10pm last night"), or that the children are never left on their own while a record in the window
    either side has them left alone (found home alone, "looks after Lola when mum goes out"), or that a plan's task is
    done (registered with a dentist or GP, started a course) while a record in the window after says it is not ("No
    record of Harley registered at this practice"), or that there is no partner
    ("single", "on her own") while a record within `household_window_days` shows a partner or a man at the home
    ("male voice heard inside", "man's boots in the hallway"; the agency told included), or that the child's medication is given as prescribed, or
    treatment at home done (splints worn every night, exercises done daily), while a record (any service's, the
    rest of that entry included) shows it not given — not collected, run out, not taken as prescribed, no inhaler in
    school, splints not worn or still in their packaging — in the `claim_window_days` before or the week after (or,
    found never used, the `claim_window_days` after), or that the child is at
    home every night or has never gone missing while a record (any agency's) shows the child missing in the
    `claim_window_days` before or the week after (in the stretch said, for "at home all weekend" or "not been
    missing since January"), or, giving the reason for a missed visit or appointment, a child
    not seen or a day off school, that they were somewhere else ("at the GP", "he was at school", "had a dentist
    appointment") while that place recorded a missed contact or an absence that day, or a record in the
    `claim_window_days` after says it had no appointment ("Checked with dental practice - no appointment booked";
    002 §5's "plausible excuses"); (6) an entry that
    records a parent's account and then the child's as differing from it, or the other way round ("Dad said she had
    a migraine. Chloe later said she was staying at a mate's"; "Seen alone, Tia told a different story"); (7) the child
    saying a parent would not take them to an appointment and a parent, within `claim_window_days`, that the child
    would not go ("mum refused to take her"; "said Ellie-Mae didn't want to come"); (8) a parent giving two agencies,
    on one day, reasons for the child not being there that cannot both be true: ill to one, out somewhere to the
    other ("rang to say he had a tummy bug" to school, "said he was at football" to the social worker).

    Why it matters: "child's report of the situation is in conflict with report from parent" (002 §3);
    "differing reports from those involved – due to different information shared by parent with different
    services and/or differing reports between child and parent" (003 Part One); "giving different
    information to different workers" (004 §6).

    Severity: high — an explanation that does not match an injury (or that the place it names contradicts), or a
    child's disclosure of harm against a parent's account of the same injury; medium — other child/parent conflicts and a parent
    telling agencies different things, and explanations of an injury that differ.

    Flagged example: nursery 8 Jan — child says partner hit him with a belt; mother says he fell off his bike.

    Not flagged: a parent disagreeing with a professional's view or assessment; a parent's denial with no
    account from the child to set it against; accounts months apart.
    """

    code = "RI04"
    name = "conflicting-accounts"
    pattern = "conflicting_accounts"
    title = "Accounts that conflict"
    guidance = "002 §3; 003 Part One; 004 §6"
    questions = (
        "Whose account has been tested, and against what? Is the child's account being heard? (002 §7.2: is the child keeping 'safe' by not telling?)",
        "Does the explanation fit the injury, in a medical opinion? Have agencies compared what each was told? (004 §6)",
        "Have I identified and seen the key people, including those not acknowledged as living in the home? (003 Part Three; 002 §7.2)",
    )
    Options = Options

    def detect(self, events: Sequence[CaseEvent], options: Options, context: CaseContext) -> list[Finding]:
        ordered = dated(events)
        findings = []
        inconsistent = ordered.having("explanation_inconsistent")
        if inconsistent:
            injured = [e for e in inconsistent if e.has("injury")]
            summary = (f"{len(inconsistent)} {'entry records' if len(inconsistent) == 1 else 'entries record'} an explanation "
                       f"that does not match what was seen ({', '.join(f'{e.agency} {when(e)}' for e in inconsistent)}).")
            findings.append(self.finding("high" if injured else "medium", summary, inconsistent,
                                         "Explanation does not match the injury"))
        accounts = ordered.having("disclosure", "parent_account")
        child_parent = [found for child, about in per_child(accounts, children_named(ordered))
                        if (found := self._child_against_parent(about, options, child))]
        if child_parent:
            findings.extend(child_parent)
        elif not ordered.having("child_account"):
            context.note("No account from the child is recorded, so the child's and parents' accounts cannot be compared.")
        household, shown = self._household(ordered, options, context.roles)
        # (what the household finding already sets against a statement is not set against it again)
        told = self._told_otherwise(ordered, options, shown, context.roles)
        findings += [f for f in (household, told) if f]
        cited = {e for f in child_parent for e in f.evidence}
        if found := self._set_side_by_side([e for e in ordered.having("child_account") if e.event_id not in cited]):
            findings.append(found)
        if found := self._whose_refusal(ordered, options):
            findings.append(found)
        if found := self._reasons_differ(ordered):
            findings.append(found)
        for child, about in per_child(self._near_injuries(ordered, options), children_named(ordered)):
            if found := self._explanations_differ(about, options, child):
                findings.append(found)
        return findings

    @staticmethod
    def _near_injuries(events, options: Options) -> list[CaseEvent]:
        """Entries recording an injury, and entries within `injury_window_days` of one (the parent's account given
        to the GP the next day), in date order."""
        injuries = [e for e in events.having("injury") if e.exact]
        if not injuries:
            return []
        window = dt.timedelta(days=options.injury_window_days)
        near = ByDate(e for e in events if e.exact)
        found = {e for injury in injuries for e in near.between(injury.date - window, injury.date + window)}
        retold = dt.timedelta(days=options.retold_days)  # and what is said of it later ("the bruise was from nursery")
        found |= {e for injury in injuries for e in near.between(injury.date, injury.date + retold) if _retold(e)}
        return sorted(found, key=lambda e: (e.date, e.event_id))

    def _explanations_differ(self, events: list[CaseEvent], options: Options, child: str = "") -> Finding | None:
        """Explanations of one injury that differ: the child's and a parent's, or a parent's to two agencies ("fell
        at the park" at school, "fell off the sofa" at the GP the next day). Entries close in time are one episode."""
        episodes: list[list[CaseEvent]] = []
        for event in events:
            # (an injury recorded more than the window after the episode's first is another injury, however closely
            # entries between chain them: a burn on the 27th and a graze on the 2nd are not one injury explained twice)
            first = next((e for e in episodes[-1] if e.has("injury")), None) if episodes else None
            another = (event.has("injury") and not _retold(event) and first is not None
                       and (event.date - first.date).days > options.injury_window_days)
            if episodes and not another and ((event.date - episodes[-1][-1].date).days <= options.injury_window_days
                                             or _retold(event) and (event.date - episodes[-1][0].date).days <= options.retold_days):
                episodes[-1].append(event)
            else:
                episodes.append([event])
        for episode in episodes:
            said = [(e, x) for e in episode for x in explanations_in(e.text)]
            if not any(differ(a.how, b.how) for (_, a), (_, b) in combinations(said, 2)):
                continue
            told = "; ".join(f"'{x.how}' ({x.who + ', ' if x.who else ''}{e.agency} {when(e)})" for e, x in said)
            about = f" to {child}" if child else ""
            return self.finding("medium", f"Different explanations of an injury{about} were recorded "
                                f"{span(episode[0], episode[-1])}: {told}.",
                                [e for e, _ in said], "Explanations of an injury differ")
        return None

    def _child_against_parent(self, events: list[CaseEvent], options: Options, child: str = "") -> Finding | None:
        """A child's disclosure and a parent's denial or explanation close in time, among `events` (in date order).
        With several children named in a subject column, these are the entries concerning `child` (see
        per_child): a sibling's account is not set against a parent's account of another child."""
        disclosures = [e for e in events if "disclosure" in e.kinds and "child_account" in e.kinds]
        # (a parent's reason for a missed appointment, "car broke down", explains the miss, not the harm; nor does a
        # reason for someone's absence from a meeting the family otherwise came to, "dad said she was unwell")
        parents = [e for e in events if "parent_account" in e.kinds and (e.has("denial") or e.has("explanation") and e.kinds.isdisjoint(MISSED)
                                                                         and (explanations_in(e.text) or not _EXCUSE.search(e.text)))]
        window = dt.timedelta(days=options.window_days)
        by_date = ByDate(parents)
        pairs = [(c, p) for c in disclosures for p in by_date.between(c.date - window, c.date + window)]
        if not pairs:
            return None
        injury = any(c.has("injury") or p.has("injury") for c, p in pairs)
        children = list(dict.fromkeys(c for c, _ in pairs))
        parents = list(dict.fromkeys(p for _, p in pairs))
        whose = f"{child}'s" if child else "The child's"
        summary = (f"{whose} account of harm ({_where(children)}) and a parent's denial or other explanation "
                   f"({_where(parents)}) were recorded within {options.window_days} days of each other.")
        return self.finding("high" if injury else "medium", summary, [*children, *parents],
                            "Child's account and parent's account differ")

    def _whose_refusal(self, events, options: Options) -> Finding | None:
        """The child saying a parent would not take them to an appointment ("mum refused to take her"), and a parent,
        within `claim_window_days`, that the child would not go ("said Ellie-Mae didn't want to come"): each puts
        the missed help on the other (002 §3 "child's report ... in conflict with report from parent")."""
        window = dt.timedelta(days=options.claim_window_days)
        child = [(e, sentence) for e in events.having("child_account") if _NOT_TAKEN.search(e.text)
                 for sentence, speaker in spoken_sentences(e.text) if speaker == "child" and _NOT_TAKEN.search(sentence)]
        if not child:
            return None
        parent = [(e, sentence) for e in events.having("parent_account") if _WOULD_NOT_GO.search(e.text)
                  for sentence, speaker in spoken_sentences(e.text) if speaker == "parent" and _WOULD_NOT_GO.search(sentence)]
        pairs = [(c, p) for c in child for p in parent if abs(c[0].date - p[0].date) <= window]
        if not pairs:
            return None
        children = list(dict.fromkeys(c for c, _ in pairs))
        parents = list(dict.fromkeys(p for _, p in pairs))
        summary = ("The child said a parent would not take them (" + "; ".join(f"{e.agency} {when(e)}: '{_quoted(s)}'" for e, s in children)
                   + "); a parent said the child would not go (" + "; ".join(f"{e.agency} {when(e)}: '{_quoted(s)}'" for e, s in parents) + ").")
        return self.finding("medium", summary, [e for e, _ in children + parents], "Child's account and parent's account differ")

    def _reasons_differ(self, events) -> Finding | None:
        """A parent giving two agencies, on one day, reasons for the child not being there that cannot both be true:
        ill to one, out somewhere to the other ("rang to say he had a tummy bug" to school, "said he was at football"
        to the social worker) — 002 §5 "plausible excuses"; 004 §6 "giving different information to different
        workers"."""
        excuses = [(e, found) for e in events.having("parent_account")
                   if e.exact and not e.kinds.isdisjoint(_EXCUSED | {"child_not_seen"}) and (found := absence_reason(e.text))]
        same_child = _same_child_test(events)
        pairs = [(a, b) for a, b in combinations(excuses, 2) if a[0].date == b[0].date and a[0].agency != b[0].agency
                 and a[1][0] != b[1][0] and same_child(a[0], b[0])]
        if not pairs:
            return None
        told = "; ".join(f"on {when(a)} a parent told {a.agency} \"{_quoted(x[1])}\" and told {b.agency} \"{_quoted(y[1])}\""
                         for (a, x), (b, y) in pairs)
        cited = list(dict.fromkeys(e for pair in pairs for e, _ in pair))
        return self.finding("medium", f"Different reasons were given on the same day for the child not being there: {told}.",
                            cited, "Different agencies told different things")

    def _set_side_by_side(self, events: list[CaseEvent]) -> Finding | None:
        """Entries that record a parent's account and then the child's as different from it, or the other way round
        ("Dad said she had a migraine. Chloe later said she was staying at a mate's"): the recorder has set them
        side by side (002 §3 "child's report of the situation is in conflict with report from parent")."""
        found = [(e, pair) for e in events if "parent_account" in e.kinds and (pair := contrasted_accounts(e.text))]
        if not found:
            return None
        told = "; ".join(f"{e.agency} {when(e)}: '{_quoted(first, 70)}' / '{_quoted(second, 70)}'" for e, (first, second) in found)
        return self.finding("medium", f"{plural(len(found), 'entry records', 'entries record')} a parent's account and the "
                            f"child's as different: {told}.", [e for e, _ in found], "Child's account and parent's account differ")

    def _household(self, events, options: Options, configured: dict[str, str]) -> tuple[Finding | None, set[tuple[str, str]]]:
        """Statements that someone does not live at or come to the home, against records of him there; and the
        (statement, record) pairs of event ids the finding sets side by side."""
        roles: dict[str, str] | None = None  # first name -> role word, from how the case's entries name them
        told: list[str] = []  # each statement and what the records say against it
        cited: list[CaseEvent] = []
        shown: set[tuple[str, str]] = set()
        same = True  # whether every contradicting record is the told agency's own
        for claim in (e for e in events.having("household_change") if e.has("parent_account")):
            stated = _said_not_at_home(claim.text)
            if not stated:  # no one named or named by role: nothing to look for
                continue
            if roles is None:
                roles = _roles_named(events, configured)
            # "Shane has moved out" is contradicted by the child's "daddy comes round" when another entry says who
            # Shane is ("Father (Shane Doyle) arrested")
            names = stated | {roles[n] for n in stated if n in roles}
            # and "dad has moved out" by a name another entry gives him ("daddy (Sean Doherty)": "Sean Doherty present")
            names |= {n for n, role in roles.items() if role in stated}
            # "He has moved out" says things changed: his being there before it is no contradiction (a partner
            # often leaves after an incident). "He doesn't live here" says how things are: records either side count.
            since = 0 if _LEFT.search(claim.text) else -options.household_window_days
            # "has not been to the flat since the first arrest", "not seen him since January": the time since then
            if (began := _since_when(_sentence_naming(claim.text, min(stated)), claim, events)) is not None:
                since = min(since, (began - claim.date).days)
            # A man at the home whom no one names ("man's work boots by the front door", "male seen leaving") after she
            # said a man is not there: a father or partner by role, or a name the statement speaks of as "he" ("has not
            # seen Ryan since he was released"; not "Sue has moved out")
            of_a_man = bool(names & {"dad", "mum's partner"}) or bool(_HE.search(_sentence_naming(claim.text, min(stated))))
            men: list[tuple[CaseEvent, str]] = []
            seen: list[tuple[CaseEvent, str]] = []
            for other in events:
                # The agency told may see for itself afterwards ("Lee answered the door" three weeks after mum said he
                # had moved out); what it recorded before, it was told about already.
                if other is claim or (other.agency == claim.agency and other.date <= claim.date) \
                        or not since <= (other.date - claim.date).days <= options.household_window_days:
                    continue
                # what the record says of them, quoted: "present" at a clinic is not "at the address"
                # (not "Jason not present")
                where = _present(other.text, names & _names(other.text))
                if where is not None:
                    seen.append((other, sentence_around(other.text, where)))
                elif of_a_man and other.date >= claim.date and (where := where_man_recorded(other.text)) is not None:
                    men.append((other, sentence_around(other.text, where)))
            said = _sentence_naming(claim.text, min(stated))
            # and the rest of the entry itself: the child's words ("Chantelle says she has not seen Ricky since the arrest.
            # Tia seen alone - said daddy came for tea on Sunday"), or a man not named ("Shannon said she hasn't seen
            # Craig since May. Mens trainers in the hallway.")
            rest = claim.text.replace(said, " . ")
            theirs = [(sentence, where) for sentence, speaker in spoken_sentences(rest)
                      if speaker == "child" and (where := _present(sentence, names & _names(sentence))) is not None][:1]
            if theirs:
                seen.insert(0, (claim, sentence_around(*theirs[0])))
            elif of_a_man and not seen and (where := where_man_recorded(rest)) is not None:
                men.insert(0, (claim, sentence_around(rest, where)))
            seen = seen or men
            if seen:
                records = "; ".join(f'{claim.agency} recorded "{_quoted(sentence)}" in the same entry' if e is claim
                                    else f'on {when(e)} {e.agency} recorded "{_quoted(sentence)}"' for e, sentence in seen)
                told.append(f"{when(claim)} a parent told {claim.agency} \"{_quoted(said)}\"; {records}")
                cited += [claim, *(e for e, _ in seen if e is not claim)]
                shown |= {(claim.event_id, e.event_id) for e, _ in seen}
                same = same and all(e.agency == claim.agency for e, _ in seen)
        if not told:
            return None, shown
        # every statement the records contradict, in one finding: a mother who says twice that he has gone
        return self.finding("medium", "On " + ". On ".join(told) + ".", list(dict.fromkeys(cited)),  # each once
                            "What a parent said and what was seen differ" if same else "Different agencies told different things"), shown

    def _told_otherwise(self, events, options: Options, shown: set[tuple[str, str]] = frozenset(),
                        configured: dict[str, str] | None = None) -> Finding | None:
        """What a parent told one agency about drinking or drug use, a partner, keeping appointments, medication or the
        child's nights at home, against what the records show close in time (004 §6 "giving different information
        to different workers")."""
        window = options.claim_window_days
        # Parents' accounts, and meeting minutes, which record a parent's words with the speaker two clauses back
        # ("Mum attended TAC review. Engaged well; said all health appointments kept").
        claims = [(e, found) for e in events.having("parent_account", "denial", "formal_meeting")
                  if e.exact and (found := claims_in(e.text, window, not e.kinds.isdisjoint(_ACCOUNTS)))]
        if not claims:
            return None
        by_date = ByDate(e for e in events if e.exact)
        # What a parent says of one child (his inhaler, his nights at home, his appointments) is not contradicted by
        # what is recorded of a sibling, when a subject column says whom entries are about.
        same_child = _same_child_test(events)
        agencies = {e.agency for e in events}
        told: dict[tuple[CaseEvent, str], list[str]] = {}  # (claim, the words quoted) -> what records say against it
        partners: set[str] | None = None  # first names the case's entries give a parent's partner, looked up once
        injury_explained = False  # whether an explanation of an injury is among what the records contradict
        cited = []

        def against(claim: CaseEvent, words: str, record: str) -> None:
            told.setdefault((claim, words), []).append(record)

        def either_side(claim: CaseEvent, of_the_child: bool = False) -> list[CaseEvent]:
            """The other records in the claim window either side of the claim (of the same child, if asked)."""
            return [e for e in by_date.between(claim.date - dt.timedelta(days=window), claim.date + dt.timedelta(days=window))
                    if e is not claim and (not of_the_child or same_child(claim, e))]

        def against_quoted(claim: CaseEvent, words: str, found: list[tuple[CaseEvent, int]]) -> None:
            """Each record set against the claim, quoted at the words found: 'on 2 Jun 2025 Ward recorded "..."'."""
            against(claim, words, "; ".join(f'on {when(e)} {e.agency} recorded "{_quoted(sentence_around(e.text, at))}"'
                                            for e, at in found))
            cited.extend([claim, *(e for e, _ in found)])

        for claim, found in claims:
            if found.not_using:
                days, words = found.not_using
                # the period said ("not used since February": from 1 March), else the days before the entry
                # ("clean for two weeks" allows use fourteen days before: the days after it are the ones said)
                start = since_month_start(words, claim.date) or claim.date - dt.timedelta(days=max(days - 1, 0))
                # any agency's records, the agency told's own included (a screen taken that day, positive four days
                # later: "Tom says he has been clean for 6 weeks. Urine screen taken.")
                used = [e for e in by_date.between(start, claim.date + dt.timedelta(days=7))
                        if e is not claim and (e.has("relapse") or use_recorded(e.text))]
                # and the worker's own observation in the same entry against a claim of a sober period ("Says she has
                # not used for a month. Strong smell of cannabis in the flat."); a denial of what the worker saw that
                # day ("Home smelt of alcohol. Mum denied drinking.") is the entry's own denial, not told otherwise
                here = days > 0 and not _DENIES.search(words) and use_recorded(claim.text.replace(words, " . "))
                if used or here:
                    records = [f"{claim.agency} recorded use in the same entry"] if here else []
                    records += [_recorded(used, "use")] if used else []
                    against(claim, words, ", ".join(records))
                    cited += [claim, *used]
            if words := found.no_partner:
                around = dt.timedelta(days=options.household_window_days)
                # any record either side, the agency told included: a man its worker saw at the home three weeks
                # before contradicts "she is on her own" as much as one the police saw. "They have split up" says
                # things changed: a partner recorded before it (at the incident that ended it) is no contradiction.
                before = dt.timedelta(days=0 if _CHANGED.search(words) else options.household_window_days)
                near = [e for e in by_date.between(claim.date - before, claim.date + around)
                        if e is not claim and (claim.event_id, e.event_id) not in shown]
                if partners is None:
                    partners = _partners_named(events, configured)
                # a partner by role ("her partner", "Partner Jason Reid present"), or at the home by the name another
                # entry gives him as her partner ("Jason answered the door"), or a man not named
                partnered = [e for e in near if e.has("new_partner") or partner_recorded(e.text)]
                by_name = {n: [e for e in near if e not in partnered and n in _names(e.text) and _present(e.text, {n}) is not None]
                           for n in sorted(partners)}
                named = [e for found_there in by_name.values() for e in found_there]
                a_man = [e for e in near if e not in partnered and e not in named and man_recorded(e.text)]
                # and the rest of the entry itself: "Jade said she was alone. Male seen leaving by the back gate."
                here = man_recorded(rest := claim.text.replace(words, " . ")) or partner_recorded(rest)
                if partnered or named or a_man or here:
                    records = [f"{claim.agency} recorded a man at the home in the same entry"] if here else []
                    records += [_recorded(partnered, "a partner")] if partnered else []
                    records += [_recorded(there, f"{n} (named elsewhere as a partner) there") for n, there in by_name.items() if there]
                    records += [_recorded(a_man, "a man at the home")] if a_man else []
                    against(claim, words, ", ".join(records))
                    cited += [claim, *partnered, *named, *a_man]
            if words := found.taking:
                # any service's record, the speaker's own included: a GP's prescription record against what mum tells
                # the GP is the same disguised compliance (002 §3); and the rest of the entry itself
                # (and up to the window after, a record that the treatment was never used: "splints found in the
                # cupboard still in their packaging" four weeks after "he wears his splints every night")
                near = by_date.between(claim.date - dt.timedelta(days=window), claim.date + dt.timedelta(days=max(window, 7)))
                # what the parent said is given, named in the sentence or (for "wears them every night") the entry
                claimed = words if treatments(words) else claim.text
                # (later in the window, when the record's own period reaches back to the claim: "Prescription not
                # collected for 6 weeks" eight days after "taking her medication every day")
                not_given = [e for e in near if e is not claim and same_child(claim, e)
                             and (recorded := medication_not_given(e.text)) and same_treatment(claimed, recorded)
                             and ((e.date - claim.date).days <= 7 or never_used(recorded)
                                  or (began := recorded_since(e.text, e.date)) is not None and began <= claim.date)]
                later = medication_not_given(claim.text.replace(words, " . "))  # the rest of the entry, before or after
                if not_given or later:
                    records = [f'{claim.agency} recorded "{later}" in the same entry'] if later else []
                    records += [f'{e.agency} recorded "{medication_not_given(e.text)}" on {when(e)}' for e in not_given]
                    against(claim, words, ", ".join(records))
                    cited += [claim, *not_given]
            if words := found.home_at_night:
                # any agency's record of the child missing, the agency told included (a missing-person report the
                # parent made to the police days before); in the period said, when one is ("was at home all
                # weekend": the three days before; "has not been missing since January": from 1 February)
                start = since_month_start(words, claim.date)
                if start is None and (nights := nights_said(words)):
                    start = claim.date - dt.timedelta(days=nights)
                near = (by_date.between(start, claim.date) if start is not None
                        else by_date.between(claim.date - dt.timedelta(days=window), claim.date + dt.timedelta(days=7)))
                missing = [e for e in near if e is not claim and e.has("missing_from_home") and same_child(claim, e)]
                # and the child found out at night or not in at a curfew check (not missing, but not at home)
                out = [e for e in near if e is not claim and e not in missing and same_child(claim, e) and _OUT_AT_NIGHT.search(e.text)]
                if missing or out:
                    against(claim, words, ", ".join(([_recorded(missing, "the child missing")] if missing else [])
                                                    + ([_recorded(out, "the child out at night")] if out else [])))
                    cited += [claim, *missing, *out]
            if words := found.no_injury:
                # "no accidents or hospital visits since last contact" against any record in the window before of an
                # injury, or of the child at an emergency department or hospital
                hurt = [e for e in by_date.between(claim.date - dt.timedelta(days=window), claim.date)
                        if e is not claim and same_child(claim, e)
                        and (e.has("injury") or (_HOSPITAL.search(e.agency) and not e.kinds.isdisjoint(_AT_HOSPITAL)))]
                if hurt:
                    against(claim, words, ", ".join(f"{e.agency} recorded {'an injury' if e.has('injury') else 'an attendance'} on {when(e)}"
                                                    for e in hurt))
                    cited += [claim, *hurt]
            if found.elsewhere and not claim.kinds.isdisjoint(_EXCUSED | {"child_not_seen"}):
                # an excuse for a visit or appointment missed, a child not seen or a day off school, that names where
                # they were instead: that service's own record of the day ("at the GP" while the GP recorded her not
                # brought), or anyone's record within the claim window after that it had no appointment (a worker
                # who checked)
                words, place = found.elsewhere
                there = [e for e in by_date.between(claim.date, claim.date) if e.agency != claim.agency and names_service(place, e.agency)
                         and not e.kinds.isdisjoint(_EXCUSED) and same_child(claim, e)]
                records = []
                for agency in dict.fromkeys(e.agency for e in there):
                    absent = all(e.has("absence") for e in there if e.agency == agency)
                    records.append(f"{agency} recorded {'an absence' if absent else 'a missed contact'} that day")
                checked = [(e, at) for e in by_date.between(claim.date, claim.date + dt.timedelta(days=window))
                           if e is not claim and (at := no_appointment_at(e.text, place, e.agency)) is not None][:1]
                records += [f'on {when(e)} {e.agency} recorded "{_quoted(sentence_around(e.text, at))}"' for e, at in checked]
                if records:
                    against(claim, words, "; ".join(records))
                    cited += [claim, *there, *(e for e, _ in checked)]
            if found.cancelled_by_them:
                # "the hospital cancelled it", while a record of that appointment (any agency's, in the window before:
                # the GP's copy of the clinic letter) says the child was not brought
                words, which, enough = found.cancelled_by_them
                naming = re.compile(rf"\b{re.escape(which)}", re.IGNORECASE)
                # ("the clinic keeps cancelling", said of no one appointment, is set against any clinic's over a
                # longer span, as a run of missed appointments is: a service whose file its word names, "clinic" any
                # health service's)
                span = window * (_RUN_SPAN if enough > 1 else 1)
                missed = [(e, at) for e in by_date.between(claim.date - dt.timedelta(days=span), claim.date)
                          if e is not claim and not e.kinds.isdisjoint(_NOT_BROUGHT) and same_child(claim, e)
                          and ((at := naming.search(e.text)) or (enough > 1 and e.agency != claim.agency and names_agency(which, e.agency)))]
                if len(missed) >= enough:
                    quoted = [f'{e.agency} recorded "{_quoted(sentence_around(e.text, at.start()))}" on {when(e)}' for e, at in missed if at]
                    unquoted = [e for e, at in missed if not at]  # (an outcome column's "DNA": each agency's, listed once)
                    quoted += [f"{agency} recorded {plural(len(theirs), 'appointment', 'appointments')} not kept ("
                               + ", ".join(f"{_NOT_BROUGHT_WORDS[min(e.kinds & _NOT_BROUGHT)]} {when(e)}" for e in theirs) + ")"
                               for agency in dict.fromkeys(e.agency for e in unquoted)
                               if (theirs := [e for e in unquoted if e.agency == agency])]
                    against(claim, words, ", ".join(quoted))
                    cited += [claim, *(e for e, _ in missed)]
            if found.happened_at:
                # "he fell down the stairs at nursery", while the nursery's own record of the days around says no fall
                # or accident happened (or a record anyone made of asking it)
                words, place = found.happened_at
                # (from three days before the injury: the first recorded in the window, when the parent speaks of it
                # days later, "the bruise was from the childcare setting" ten days after the setting's "already there
                # at drop off")
                hurt = [e.date for e in by_date.between(claim.date - dt.timedelta(days=window), claim.date)
                        if e.has("injury") and same_child(claim, e)]
                since = min([claim.date, *hurt]) - dt.timedelta(days=3)
                asked = [(e, at) for e in by_date.between(since, claim.date + dt.timedelta(days=window))
                         if e is not claim and (names_service(place, e.agency) or names_service(e.text, place))
                         and (at := no_incident_recorded(e.text)) is not None and same_child(claim, e)]
                if asked:
                    injury_explained = True
                    against_quoted(claim, words, asked)
            if found.done:
                # "has registered with a dentist", against a record in the window after (the practice's own included)
                # that it is not done: "No record of Harley or Ruby registered at this practice"
                words, topic = found.done
                undone = [(e, at) for e in by_date.between(claim.date, claim.date + dt.timedelta(days=window))
                          if e is not claim and (at := not_done_recorded(e.text, topic, e.agency)) is not None]
                if undone:
                    against_quoted(claim, words, undone)
            if found.involved:
                # "GP is involved", a present state: against the service's own record (or one naming it) in the window
                # either side that it has had nothing to do with the child ("No consultation for Ellis since 2022")
                words, service = found.involved
                unknown = [(e, at) for e in either_side(claim, of_the_child=True) if (at := not_involved_recorded(e.text, service, e.agency)) is not None]
                if unknown:
                    against_quoted(claim, words, unknown)
            if found.attending:
                # "has been going to anger management", said of weeks past: against the course's record in the window
                # either side of it not attended ("has not attended anger management since 10/01/25. Removed from course.")
                words, course = found.attending
                stopped = [(e, at) for e in either_side(claim) if (at := not_attending_recorded(e.text, course)) is not None]
                if stopped:
                    against_quoted(claim, words, stopped)
            if words := found.never_alone:
                # "never leaves the children on their own", a habit: against any record in the window either side of
                # them left alone (police finding them home alone, the child's "looks after Lola when mum goes out")
                alone = [(e, at) for e in either_side(claim, of_the_child=True) if (at := left_alone_recorded(e.text)) is not None]
                if alone:
                    against_quoted(claim, words, alone)
            if words := found.at_bedside:
                # "has not left Alfie's side", against any record in the window before (the ward's own included) of
                # the parents away from the ward
                away = [(e, at) for e in by_date.between(claim.date - dt.timedelta(days=window), claim.date)
                        if e is not claim and same_child(claim, e) and (at := off_the_ward(e.text)) is not None]
                if away:
                    against_quoted(claim, words, away)
            if found.keeping:
                enough, words, kept = found.keeping
                named = [agency for agency in agencies if names_agency(kept, agency)]
                # the agency told included: "she never misses his appointments", said to the GP whose own record shows
                # him not brought three weeks before, is as much at odds with the record as if said elsewhere
                before = [e for e in by_date.between(claim.date - dt.timedelta(days=window), claim.date) if e is not claim]
                if named:
                    candidates, not_kept = [e for e in before if e.agency in named], MISSED | {"absence"}
                elif names_a_service(kept):  # a service the case holds no records from ("goes to the dentist")
                    candidates, not_kept = [], MISSED
                else:  # "all his appointments have been kept", naming no service: any service's appointments
                    candidates, not_kept = before, MISSED  # (not school days: an absence does not contradict it)
                missed = [e for e in candidates if not e.kinds.isdisjoint(not_kept) and same_child(claim, e)]
                # and a register's or a school's figures: a week of 2 sessions in 10 is days missed, though no entry
                # says so ("goes to nursery every day" against weeks of 30% and 20%)
                low = [e for e in candidates if e not in missed and e.value is not None and e.value < _FULL_ATTENDANCE
                       and (e.value_area or e.area) == "school_attendance" and same_child(claim, e)] if named else []
                records: dict[str, str] = {}  # agency -> what it recorded
                for agency in dict.fromkeys(e.agency for e in missed + low):
                    theirs = [e for e in missed if e.agency == agency]
                    figures = [e for e in low if e.agency == agency]
                    if len(theirs) + len(figures) >= enough:
                        absent = sum(e.has("absence") for e in theirs)
                        what = _MISSED_WORDS[(absent > 0) + (absent == len(theirs))]
                        recorded = [f"{plural(len(theirs), *what)} ({', '.join(when(e) for e in theirs)})"] if theirs else []
                        shown_figures = ", ".join(f"{e.value:.0f}% on {when(e)}" for e in figures)
                        recorded += [f"attendance below {_FULL_ATTENDANCE:.0f}% ({shown_figures})"] if figures else []
                        records[agency] = f"{agency} recorded {' and '.join(recorded)}"
                        cited += [claim, *theirs, *figures]
                found_against = [f"{', '.join(records.values())} in the {window} days before"] if records else []
                # A service seen every month or two may have held only one appointment in the window: "goes to the
                # dentist regularly" is as much contradicted by its last appointments before it all being missed.
                for agency in named:
                    if agency in records or is_education(agency):
                        continue
                    earlier = by_date.between(claim.date - dt.timedelta(days=_RUN_SPAN * window), claim.date)
                    run = _missed_run([e for e in earlier if e is not claim and e.agency == agency and same_child(claim, e)])
                    if len(run) >= enough:
                        found_against.append(f"{agency} recorded {plural(len(run), 'missed contact', 'missed contacts')} "
                                             f"({', '.join(when(e) for e in run)}): the last "
                                             f"{plural(len(run), 'appointment', 'appointments')} it recorded before, none kept since")
                        cited += [claim, *run]
                if found_against:
                    against(claim, words, ", ".join(found_against))
        if not told:
            return None
        summary = "; ".join(f'on {when(claim)} a parent told {claim.agency} "{_quoted(words)}"; {"; ".join(records)}'
                            for (claim, words), records in told.items())
        # an injury's explanation the place it names contradicts does not match the injury: high (as (2) is)
        return self.finding("high" if injury_explained else "medium", summary[0].upper() + summary[1:] + ".",
                            list(dict.fromkeys(cited)), "What a parent said and what the records show differ")


def _same_child_test(events) -> Callable[[CaseEvent, CaseEvent], bool]:
    """Whether two entries may concern the same child: always, unless a subject column names two or more children,
    then only when the entries share one (a sibling's record does not answer what was said of another child)."""
    children = children_named(events)
    concerned = ChildrenConcerned(children) if len(children) >= 2 else None
    return lambda first, second: concerned is None or not concerned(first).isdisjoint(concerned(second))


_ACCOUNTS = frozenset({"parent_account", "denial"})
# What an excuse is given for, and what the place it names may record of the same day.
_EXCUSED = MISSED | {"absence"}
# A hospital's or emergency department's file, and what in it says the child was brought there.
_HOSPITAL = re.compile(r"\b(?:ed|a&e|ae|emergency|hospital|infirmary|urgent\s+care|walk-in|minor\s+injur\w*)\b", re.IGNORECASE)
_AT_HOSPITAL = frozenset({"attended", "child_seen", "did_not_attend", "injury"})
# An appointment the family did not keep, as the service records it (not one it cancelled).
_NOT_BROUGHT_WORDS = {"did_not_attend": "did not attend", "was_not_brought": "was not brought", "cancelled_by_family": "cancelled by the family"}
_NOT_BROUGHT = frozenset(_NOT_BROUGHT_WORDS)
# Reasons for not being somewhere, which the vocabulary also reads as explanations: they explain an absence, not harm.
_EXCUSE = re.compile(r"\b(?:car\s+(?:broke|had\s+broken)\s+down|forgot|overslept|(?:was|were)\s+(?:ill|unwell|poorly|sick)"
                     r"|no\s+money\s+for)\b", re.IGNORECASE)
# The child not at home at night without being reported missing: a curfew check or breach, or found out in the small
# hours ("Curfew check. Reece not at home.", "Reece stopped in car with older males in Town Centre, 0210hrs").
_OUT_AT_NIGHT = re.compile(r"\bcurfew\b[^;]{0,80}?(?:\bnot\s+(?:present|at\s+home|home|in)\b|\bbreach\w*|\babsent\b)"
                           r"|\bbreach(?:ed|es)?\s+(?:of\s+)?(?:his\s+|her\s+|their\s+)?curfew\b"
                           r"|\b(?:stopped|found|located|seen|arrested|picked\s+up)\b[^.;]{0,60}?\b(?:0[0-4][0-5]\d\s?hrs|0?[0-4][:.][0-5]\d\s?(?:am|hrs)"
                           # (or late in the evening: "stopped and searched in Victoria Park at 23:40", against "home by 9")
                           r"|2[2-3][:.][0-5]\d|2[2-3][0-5]\d\s?hrs|1[01][:.][0-5]\d\s?pm|1[01]\s?pm"
                           # (a 24-hour time with its leading zero: "stopped in a car in Leeds at 01:20")
                           r"|0[0-4][:.][0-5]\d"
                           r"|[1-4]\s?am|midnight)\b", re.IGNORECASE)
# A statement that the relationship ended ("they have split up", "no longer together", "she is single now").
_CHANGED = re.compile(r"\b(?:split|separated|broken\s+up|broke\s+up|ended|over|finished|no\s+longer|any\s*more|now|since)\b", re.IGNORECASE)
_DENIES = re.compile(r"\bden(?:y|ies|ied|ying)\b", re.IGNORECASE)


# An attendance figure below this (per cent) is days missed, against "goes every day" or "never misses".
_FULL_ATTENDANCE = 90.0
# How far back, in claim windows, a named service's run of missed appointments is looked for (see _missed_run).
_RUN_SPAN = 3


def _missed_run(events: list[CaseEvent]) -> list[CaseEvent]:
    """The appointments missed at the end of one service's `events` (in date order) with none kept after them: the
    last ones it recorded, all missed. Letters and referrals in between neither break nor lengthen the run."""
    run: list[CaseEvent] = []
    for event in reversed(events):
        if not event.kinds.isdisjoint(MISSED):
            run.append(event)
        elif event.has("attended"):
            break
    return run[::-1]


# What a service's record shows against a claim that it was attended: no absence, some, or only absences.
_MISSED_WORDS = (("missed contact", "missed contacts"), ("missed contact or absence", "missed contacts or absences"),
                 ("absence", "absences"))


def _recorded(events: list[CaseEvent], what: str) -> str:
    """'CGL recorded use on 3 Mar 2024, Police recorded use on 9 Mar 2024': each agency's entries, in order."""
    return ", ".join(f"{agency} recorded {what} on {', '.join(when(e) for e in events if e.agency == agency)}"
                     for agency in dict.fromkeys(e.agency for e in events))


def _quoted(sentence: str, limit: int = 90) -> str:
    """A parent's words as recorded, shortened for a summary (the evidence holds the whole entry)."""
    sentence = sentence.strip().rstrip(".")
    return sentence if len(sentence) <= limit else sentence[:limit].rsplit(" ", 1)[0] + " …"


def _where(events: list[CaseEvent]) -> str:
    return "; ".join(f"{e.agency} {when(e)}" for e in events)


# One account after another in an entry, the second marked as differing: "Chloe later said ...", "However, mum said
# ...", "Tia told a different story", "Dad disputed this". A parent's words name the parent before the verb.
_SENTENCES = re.compile(r"[^.;!?]+")
# The child: a parent would not take them ("mum refused to take her", "wouldn't bring her"); the parent: the child would
# not go ("Ellie-Mae didn't want to come", "she refused to go").
_NOT_TAKEN = re.compile(r"\b(?:mum|mummy|mam|mother|dad|daddy|father|parents?)\b[^.;]{0,40}?\b(?:wouldn't|would\s+not|won't|will\s+not"
                        r"|refused\s+to|refuses\s+to|didn't|did\s+not|doesn't|does\s+not)\s+(?:bring|take|let)\s+(?:her|him|me|them)\b",
                        re.IGNORECASE)
_WOULD_NOT_GO = re.compile(r"\b(?:didn't|did\s+not|doesn't|does\s+not|won't|wouldn't|would\s+not)\s+want\s+to\s+(?:go|come|attend)\b"
                           r"|\brefused\s+to\s+(?:go|come|attend)\b|\b(?:won't|wouldn't|would\s+not)\s+(?:go|come|attend)\b", re.IGNORECASE)
_SPEAKS = re.compile(r"\b(?:said|says|stated|told|tells|reported|explained|claimed|admitted|disclosed|insist(?:s|ed)|maintain(?:s|ed)"
                     r"|disputed|denied)\b",
                     re.IGNORECASE)
_PARENT_WORD = re.compile(r"\b(?:mum|mummy|mam|mammy|mother|dad|daddy|father|parents?|carers?|step-?(?:dad|mum|father|mother)|stepdad"
                          r"|partner|boyfriend)\b", re.IGNORECASE)
_DIFFERS = re.compile(r"^\W*(?:however|but|whereas|in contrast|contrary to this)\b|\b(?:later|subsequently|afterwards|then|actually"
                      r"|instead|privately|alone)\s+(?:\w+\s+)?(?:said|told|stated|disclosed|admitted|explained)\b"
                      r"|\b(?:different|another|a different) (?:story|account|version|explanation)\b"
                      r"|\b(?:disputed|contradicted) (?:this|that|it|her|his|their)\b"
                      # a parent holding to their own account after the child's: "Mum maintains she pulled the kettle"
                      r"|\b(?:maintains|maintained|insists|insisted|still says|still said)\s+(?:that\s+)?(?:she|he|they|it|this|(?-i:[A-Z]))"
                      r"|\b(?:this|that) (?:was|is|wasn't|isn't) (?:not )?(?:true|what happened|right)\b", re.IGNORECASE)

# Speakers who are neither a parent nor the child: a worker's explanation after mum's account is no child's account.
_OTHER_SPEAKER = re.compile(r"\b(?:sw|social worker|worker|hv|health visitor|i|we|officers?|police|pc|dc|teachers?|staff|dsl|gp|dr"
                            r"|doctor|nurse|midwife|school|nursery|nan|nana|nanny|grandma|grandmother|grandad|grandfather|aunt|auntie"
                            r"|uncle|neighbours?|professionals?|manager|chair|consultant|clinician|friend|sibling|brother|sister)\b",
                            re.IGNORECASE)


def spoken_sentences(text: str) -> list[tuple[str, str]]:
    """(sentence, speaker: "parent", "other" or "child") for each sentence of `text` with a verb of saying, in order.
    The child's sentence names no parent, worker or relative as its speaker."""
    spoken = []
    for sentence in (m.group(0).strip() for m in _SENTENCES.finditer(text)):
        verb = _SPEAKS.search(sentence)
        if verb:
            before = sentence[:verb.start()]
            speaker = "parent" if _PARENT_WORD.search(before) else "other" if _OTHER_SPEAKER.search(before) else "child"
            spoken.append((sentence, speaker))
    return spoken


def contrasted_accounts(text: str) -> tuple[str, str] | None:
    """The two sentences of an entry that set a parent's account against the child's, the later one marked as
    differing from the earlier ("Dad said she had a migraine. Chloe later said ..."); None if there are none."""
    spoken = spoken_sentences(text)
    for (first, first_by), (second, second_by) in zip(spoken, spoken[1:]):
        if {first_by, second_by} == {"parent", "child"} and _DIFFERS.search(second):
            return first, second
    return None


# The person a household statement is about: the name just before its verb ("Dean has moved out", "denied that
# Craig lives at the house"), not every name in the entry (the child it was said in front of, a worker).
# (not "Mum left the ward before the discharge meeting", "left a message")
_LEFT_WORD = (r"left(?!\s+(?:the\s+|a\s+)?(?:ward|hospital|room|meeting|building|premises|surgery|clinic|school|nursery|office"
              r"|appointment|message|voicemail|note|card|early)\b)")
# (not the speaker: "Mo says he doesn't live here" is said of him, not of her)
_NOT_AT_HOME = re.compile(r"\b([A-Z][a-z]+)\b(?:\s+(?!(?:said|says|states|stated|reports|reported|insists|insisted|claims|claimed)\b)[a-z]+){0,2}?"
                          r"\s+(?:has\s+|had\s+)?(?:moved out|no longer|lives|is living|was living|"
                          + _LEFT_WORD +
                          r"|stays|is staying|was staying|resides|does not|doesn't|did not|didn't|is not|isn't|has not been|hasn't been"
                          r"|never comes|never came|never visits|never stays|never been"
                          r"|will not be coming back|won't be coming back|is not coming back|isn't coming back"
                          r"|moved back to his|moved back in with his"
                          r"|is (?:still )?in (?:prison|custody|jail))\b"
                          # "has no contact with Kyle", "denies contact with Jade", "has not seen Connor since": the person after
                          # ("no contact with baby's father Kyle": the name after the role)
                          r"|\b(?:no|denies|denied|deny)\s+(?:further\s+|any\s+)?contact\s+with\s+(?:(?:the\s+)?(?:baby's|babys|her|the\s+child's"
                          r"|the\s+children's|[A-Z][a-z]+'s)\s+(?:father|dad)\s+)?([A-Z][a-z]+)\b"
                          # "Says relationship with Kyle is over and he has moved to Bristol"
                          r"|\brelationship\s+with\s+([A-Z][a-z]+)\s+(?:is|was|has\s+been|had\s+been)\s+(?:now\s+)?(?:over|ended|finished)\b"
                          r"|\b(?:has\s+not|hasn't|had\s+not|not)\s+seen\s+([A-Z][a-z]+)(?:\s+[A-Z][a-z]+)?\s+since\b"
                          # "she has not seen Marcus and feels safe" (not "has not seen Skye's report")
                          r"|\b(?:has\s+not|hasn't|had\s+not|hadn't)\s+seen\s+([A-Z][a-z]+)\b(?!'s)(?=\s*(?:[.;,]|and\b|or\b|$|for\b|at\s+all\b))"
                          # "Gary is her brother and doesn't live with them": who he is said to be, then that he does not live there
                          r"|\b([A-Z][a-z]+)\s+is\s+(?:her|his|their|my|a|an|the|just\s+a)\s+(?:\w+\s+)?(?:brother|cousin|friend|uncle|lodger"
                          r"|neighbour|mate|ex)\b[^.;]{0,20}?\b(?:and|but|who)\s+(?:he\s+)?(?:does\s+not|doesn't|is\s+not|isn't|never)\s+"
                          r"(?:live|lives|stay|stays|living|staying)\b"
                          # "she has split from Dylan"
                          r"|\b(?:split|broken|broke)\s+(?:up\s+)?(?:from|with)\s+([A-Z][a-z]+)\b")


_HE = re.compile(r"\b(?:he|him|his|he's)\b", re.IGNORECASE)
_LEFT = re.compile(r"\b(?:moved out|has left|had left|left the (?:family )?home|no longer|since|coming back|moved back to|split|broken up|broke up"
                   r"|(?:is|was|has been) (?:now )?(?:over|ended|finished)"
                   # "has not seen Marcus" speaks of lately, as "since" does: a record long before is no contradiction
                   r"|(?:has not|hasn't|had not|hadn't) seen"
                   r"|now (?:lives|living|stays|staying))\b", re.IGNORECASE)


# A man named by his role rather than his name ("Mum said dad has moved out"; "Kai said daddy sleeps over"):
# each role's words, and how a finding names him.
_ROLE_OF = (dict.fromkeys(("dad", "daddy", "father", "fob"), "dad")  # (FOB: a health record's father of the baby)
            | dict.fromkeys(("partner", "boyfriend", "stepdad", "step-dad", "stepfather"), "mum's partner")
            # a mother who does not live with the child (a kinship placement): "Jade has not been to the house"
            | dict.fromkeys(("mum", "mummy", "mam", "mother"), "mum"))
_ROLES = {role: "|".join(re.escape(w) for w, r in _ROLE_OF.items() if r == role) for role in dict.fromkeys(_ROLE_OF.values())}
# (the words between say nothing: in "Mum said dad has moved out" it is dad who moved out)
_ROLE_LEFT = re.compile(rf"\b({'|'.join(_ROLES.values())})\b(?:\s+(?!(?:said|says|told|tells|reported|reports|stated|states|explained|"
                        rf"insists|insisted|claims|claimed)\b)[a-z]+){{0,2}}?\s+(?:has\s+|had\s+)?(?:moved out|{_LEFT_WORD}"
                        r"|no longer|does not live|doesn't live|is not living|isn't living|not living|does not stay|doesn't stay"
                        # "Mum (Kayleigh) says dad is not around", "not on the scene"
                        r"|is not around|isn't around|not on the scene|is not involved|isn't involved|is no longer involved"
                        r"|(?:lives|is living|stays|is staying) (?:at|with) his|moved back (?:to|in with) his)\b",
                        re.IGNORECASE)
_ROLE_WORD = re.compile(rf"\b(?:{'|'.join(_ROLES.values())})\b", re.IGNORECASE)


def _said_not_at_home(text: str) -> set[str]:
    """Whom a parent's household statement says is not at home: names, and roles ("dad"); for "he", the man the
    sentence named before it ("FOB (Connor) not present - Mo says he doesn't live here": Connor, and dad)."""
    found = ({name for pair in _NOT_AT_HOME.findall(text) for name in pair if name and name not in _NOT_NAMES}
             | {_ROLE_OF[word.lower()] for word in _ROLE_LEFT.findall(text)})
    for match in _HE_NOT_AT_HOME.finditer(text):
        before = text[:match.start()]
        # (not the speaker, the name just before the verb of saying)
        named = [m for m in re.finditer(r"\b[A-Z][a-z]+\b", before) if m.group(0) not in _NOT_NAMES
                 and m.group(0).lower() not in _ROLE_OF and not before[m.end():].strip() == ""]
        roles = [_ROLE_OF[w.lower()] for w in _ROLE_WORD.findall(before) if _ROLE_OF[w.lower()] != "mum"]
        # a man no one names: still a statement, checked for a man at the home (see _household)
        found |= ({named[-1].group(0)} if named else set()) | set(roles[-1:]) or {_UNNAMED_MAN}
    return found


_UNNAMED_MAN = "\x00he"  # whom "says he doesn't live here" is about when the entry names no man (matches no text)


# "Says he doesn't live here": said of the man the sentence has named (see _said_not_at_home).
_HE_NOT_AT_HOME = re.compile(r"\b(?:says|said|states|stated|reports|reported|insists|insisted|claims|claimed)\s+(?:that\s+)?he\s+"
                             r"(?:has\s+|had\s+)?(?:moved out|left|no longer|does not live|doesn't live|is not living|isn't living"
                             r"|does not stay|doesn't stay|lives (?:at|with) his)\b", re.IGNORECASE)


# An explanation that speaks of an injury already recorded: "Mum says the bruise was from nursery", "that mark".
_BACK_REFERENCE = re.compile(r"\b(?:the|that|this|same)\s+(?:bruise|bruising|bruises|mark|marks|injury|injuries|burn|cut|graze|"
                             r"scratch|swelling)\b|\b(?:bruise|bruising|mark|injury|burn|graze)\s+(?:was|were|had\s+been)\s+"
                             r"(?:from|caused|done|because)\b"
                             # an injury healing is one already there: "Bruise to forehead healing"
                             r"|\b(?:bruise|bruising|mark|injury|burn|cut|graze|scratch|swelling)\b(?:\s+(?:to|on)\s+(?:his|her|the\s+)?"
                             r"\s*[\w-]+)?\s+(?:is\s+|was\s+|now\s+)?(?:healing|fading|resolving|healed|yellowing|still\s+visible)\b",
                             re.IGNORECASE)


def _retold(event: CaseEvent) -> bool:
    """Whether an entry explains an injury it refers back to (see _BACK_REFERENCE)."""
    return bool(_BACK_REFERENCE.search(event.text)) and bool(explanations_in(event.text))


_ROLE_WORD_FOR = {"Father": "dad", "Stepfather": "mum's partner", "Partner": "mum's partner", "Mother": "mum"}
# The labels a user gives people in [names], read as those roles ("Dad", "Mum's partner", "Mother (Chantelle)").
_LABELLED = re.compile(r"^\W*(?:(?P<mum>mother|mum|mam|mom)|(?P<dad>father|dad|daddy)|(?P<partner>(?:mum'?s\s+|mother'?s\s+)?"
                       r"(?:partner|boyfriend|step-?father|step-?dad)))\b", re.IGNORECASE)


# A statement of the time since an event: "since the first arrest", "since his release", "since the incident".
_SINCE_EVENT = re.compile(r"\bsince\s+(?:the\s+|his\s+|her\s+|their\s+)?(?P<which>first\s+|last\s+)?"
                          r"(?P<what>arrest|incident|assault|release|court|hearing|conference|injunction|bail|fight|argument|split|separation)",
                          re.IGNORECASE)


def _since_when(said: str, claim: CaseEvent, events) -> dt.date | None:
    """The day a household statement's "since ..." starts from: the first of the month after a month named, or the
    day after the record before it of the event named (the first such, for "since the first arrest"; else the
    latest); or None."""
    if (start := since_month_start(said, claim.date)) is not None:
        return start
    match = _SINCE_EVENT.search(said)
    if not match:
        return None
    named = re.compile(rf"\b{match.group('what')}", re.IGNORECASE)
    before = [e for e in events if e.date < claim.date and named.search(e.text)]
    if not before:
        return None
    # (the day after it: he was there when he was arrested)
    return (before[0] if (match.group("which") or "").strip().lower() == "first" else before[-1]).date + dt.timedelta(days=1)


def _roles_named(events, configured: dict[str, str] | None = None) -> dict[str, str]:
    """First names the case's entries give a father's or a mother's partner's role ("Father (Shane Doyle)", "dad
    Shane", "mum's boyfriend Kyle"), and the role word this module matches them by ("dad", "mum's partner"). A role
    `configured` in [names] ("Ricky": "Father") stands over what the entries say."""
    found = {name.split()[0]: _ROLE_WORD_FOR[role] for name, role in named_by_role(e.text for e in events).items()
             if role in _ROLE_WORD_FOR}
    for name, label in (configured or {}).items():
        if match := _LABELLED.match(label):
            found[name] = {"mum": "mum", "dad": "dad", "partner": "mum's partner"}[match.lastgroup]
    return found


def _partners_named(events, configured: dict[str, str] | None = None) -> set[str]:
    """First names the case's entries (or [names]) give a parent's partner ("Partner Jason Reid", "mum's boyfriend Kyle")."""
    return {name for name, role in _roles_named(events, configured).items() if role == "mum's partner"}


# The words between a person and where they were, none of which takes it back ("partner has not been at the address",
# "Mother denied that partner lives at the address").
_NOT_NEGATED = r"(?:(?!\b(?:not|never|no\s+longer|den(?:y|ies|ied|ying))\b|n't\b)[^.;])"


def _present(text: str, who: set[str]) -> int | None:
    """Where `text` records one of `who` (names, or roles) at the home, or with the child: "Kyle answered the door",
    "dad was present", "Kyle's car outside", "getting into a car driven by Tyler"; not "Jason not present", nor
    "Mother denied that partner lives at the address". None when it records none of them there."""
    return next((m.start() for n in sorted(who)
                 for m in re.finditer(rf"\b(?:{_words_for(n)})\b{_NOT_NEGATED}{{0,40}}\b(?<!not )(?<!never )(?<!longer ){_PRESENT}"
                                      rf"|(?<!not ){_WITH}\s+(?:{_words_for(n)})\b", text, re.IGNORECASE)
                 if not _DENIED_BEFORE.search(text, max(0, m.start() - 30), m.start())), None)


# A denial just before, in the same sentence, takes back what follows ("denied that partner lives there").
_DENIED_BEFORE = re.compile(r"\bden(?:y|ies|ied|ying)\b(?:\s+that)?[^.;]*$", re.IGNORECASE)


def _sentence_naming(text: str, who: str) -> str:
    """The sentence of `text` that says `who` is not at home ("On arrival Kyle answered. Gemma said Kyle does not
    live there": the second), or the whole text."""
    return next((sentence for sentence in re.split(r"(?<=[.!?;])\s+", text) if who in _said_not_at_home(sentence)), text)


def _names(text: str) -> set[str]:
    """Capitalised words that are not everyday chronology words (likely people's names), and roles named."""
    return ({w for w in re.findall(r"\b[A-Z][a-z]+\b", as_written(text)) if w not in _NOT_NAMES}
            | {_ROLE_OF[w.lower()] for w in _ROLE_WORD.findall(text)})


def _words_for(who: str) -> str:
    """The pattern finding a person in a text: a role's words, or the name."""
    return _ROLES.get(who, re.escape(who))
