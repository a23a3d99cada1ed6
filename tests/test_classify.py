"""The event classifier: the labelled corpus, every negation trap, structured columns, user vocabulary."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chronocli.config import Config
from chronocli.events.classify import Classifier
from chronocli.events.evaluate import corpus_child_names, read_corpus, score
from chronocli.events.kinds import AREAS, MEASURED_AREAS, area_of, areas_in
from chronocli.pipeline import make_classifier

CORPUS = Path(__file__).parent / "corpus" / "events.txt"


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    return Classifier(child_names=corpus_child_names(CORPUS))


def kinds(classifier: Classifier, text: str, kind_column: str = "", action: str = "") -> set[str]:
    return set(classifier.classify(text, kind_column, action).kinds)


def test_corpus_is_big_and_varied():
    corpus = read_corpus(CORPUS)
    assert len(corpus) >= 400
    assert {"SW", "HV", "GP", "SCH", "POL", "HOS"} <= {item.agency for item in corpus}


def test_precision_and_recall_per_kind(classifier):
    scores, _ = score(read_corpus(CORPUS), classifier)
    weak = [(s.kind, s.support, round(s.precision, 2), round(s.recall, 2))
            for s in scores if s.support >= 10 and (s.precision < 0.9 or s.recall < 0.9)]
    assert not weak, f"kinds below 0.9 precision or recall: {weak}"


def test_no_more_corpus_entries_are_misread_than_the_known_few(classifier):
    # Every entry added for a misreading found guards it from then on: the few still misread are listed here
    # (by their start), so any other entry read differently from its label fails.
    _, wrong = score(read_corpus(CORPUS), classifier)
    known = ("Spoke to Mia alone at nursery",)
    assert [(item.line, item.text) for item, _ in wrong if not item.text.startswith(known)] == []


def test_corpus_attributes(classifier):
    wrong = []
    for item in read_corpus(CORPUS):
        result = classifier.classify(item.text)
        if "account" in item.attrs and result.account_by != item.attrs["account"]:
            wrong.append((item.line, "account", item.attrs["account"], result.account_by))
        if "area" in item.attrs and result.area != item.attrs["area"]:
            wrong.append((item.line, "area", item.attrs["area"], result.area))
    assert len(wrong) <= 3, wrong


# --- negation traps: each its own test -------------------------------------------------------

@pytest.mark.parametrize("text", ["Child was not spoken to alone due to age.", "Child could not be seen alone as she was asleep.",
                                  "Child seen but not alone."])
def test_a_child_seen_but_not_alone_is_recorded_so(classifier, text):
    assert {"child_seen", "child_not_seen_alone"} <= kinds(classifier, text)


def test_not_seen_alone_is_not_seen_alone(classifier):
    got = kinds(classifier, "Child not seen alone")
    assert "child_not_seen_alone" in got and "child_seen_alone" not in got
    assert "child_seen_alone" in kinds(classifier, "Child seen alone")


def test_no_concerns_about_home_conditions_is_not_a_concern(classifier):
    got = kinds(classifier, "No concerns about home conditions")
    assert not got & {"decline", "improvement"}
    assert "decline" in kinds(classifier, "Concerns about home conditions: dirty and cluttered")


def test_did_not_attend_is_not_attended(classifier):
    got = kinds(classifier, "Did not attend the appointment")
    assert "did_not_attend" in got and "attended" not in got
    assert "attended" in kinds(classifier, "Attended the appointment")


def test_denies_is_not_disclosed(classifier):
    denied = kinds(classifier, "Mum denies any assault")
    assert "denial" in denied and "disclosure" not in denied
    assert "disclosure" in kinds(classifier, "Child disclosed that dad hit her")


def test_cancelled_by_hv_is_the_agency(classifier):
    got = kinds(classifier, "Appt cancelled by HV")
    assert "cancelled_by_agency" in got and "cancelled_by_family" not in got
    assert "cancelled_by_family" in kinds(classifier, "Appt cancelled by mum")


def test_no_bruising_is_not_an_injury(classifier):
    assert "injury" not in kinds(classifier, "Child seen, no bruising or marks noted")
    assert "injury" in kinds(classifier, "Child seen, bruising noted to left arm")
    # fam210: marks the school saw, though no 'on' follows the word at once
    assert "injury" in kinds(classifier, "Marks seen on back of legs. DSL referred to MASH.")
    assert "injury" not in kinds(classifier, "No marks seen on his arms.")


def test_agency_attending_a_meeting_is_not_the_family_attending(classifier):
    assert "attended" not in kinds(classifier, "Nursery attended ICPC")
    assert "attended" in kinds(classifier, "Mum attended ICPC")


def test_meeting_only_planned_is_not_a_meeting(classifier):
    assert "formal_meeting" not in kinds(classifier, "Next RCPC in 6 months")
    assert "formal_meeting" in kinds(classifier, "RCPC held")


# --- structured columns, vocabulary, explanation -------------------------------------------------

def test_outcome_column_wins_over_text(classifier):
    got = kinds(classifier, "Asthma review", action="DNA")
    assert "did_not_attend" in got and "attended" not in got
    # The text says attended; the structured column says the family cancelled.
    got = kinds(classifier, "Attended review", "Cancelled by family")
    assert "cancelled_by_family" in got and "attended" not in got
    # a visit kept on the doorstep is entry refused, as "doorstep conversation only" is
    got = kinds(classifier, "Statutory visit. Mum said she was on her way out. Children seen briefly at the door.", action="Doorstep only")
    assert "refused_entry" in got and "attended" not in got
    # a visit declined in the outcome column was not kept (fam152); "Refused" there leaves the text to say what was
    # refused (fam52: "Mum refused entry")
    got = kinds(classifier, "Mum declined, said she doesn't need a health visitor.", "New birth visit", action="Declined")
    assert "cancelled_by_family" in got and "attended" not in got and "parent_account" in got
    got = kinds(classifier, "Mum refused entry: 'I'm not talking to him'.", "Home visit", action="Refused")
    assert "refused_entry" in got and "cancelled_by_family" not in got
    # the outcome's one word, with text that says only what was said (fam194): the visit turned away, not kept
    got = kinds(classifier, "Kirsty said she would not engage with social care.", "Home visit", action="Refused")
    assert {"refused_entry", "missed_contact"} <= got and "attended" not in got


def test_a_type_column_naming_a_call_is_not_an_outcome_and_a_call_not_answered_is_no_missed_visit(classifier):
    # fam107: an IDVA's sheet, "Phone" beside "No answer x3.": a failed attempt to reach the family (as the text's
    # own "phoned, no answer" is read), not a visit missed; "Telephone call" no longer hides the text's outcome
    for kind_column in ("Phone", "Telephone call"):
        got = kinds(classifier, "No answer x3.", kind_column)
        assert "non_engagement" in got and not got & {"no_access", "missed_contact", "attended"}, kind_column
    assert {"no_access", "missed_contact"} <= kinds(classifier, "No answer x3.", "Home visit")
    assert "attended" in kinds(classifier, "Mum seen, all well", "Telephone call")


def test_kind_column_may_name_kinds_directly(classifier):
    assert {"was_not_brought", "hostility"} <= kinds(classifier, "Clinic", "was_not_brought; hostility")


def test_action_column_plans_are_not_events(classifier):
    assert "formal_meeting" not in kinds(classifier, "Home visit, all well", action="Core group set for next week")


@pytest.mark.parametrize("action, kind", [
    ("Assessment completed - NFA. Case closed", "case_closed"),
    ("Case closed - signposted to Early Help", "case_closed"),
    ("Not made subject to a CP plan; CIN plan agreed", "no_cp_plan"),
    ("ICPC - made subject to a CP plan, category neglect", "cp_plan"),
    ("Stepped down to CIN", "child_in_need"),
    ("Not seen", "child_not_seen"),  # a health visitor's outcome column: whether the child was seen
    ("Seen", "child_seen"),
    ("Seen alone", "child_seen_alone"),
])
def test_action_column_decisions_about_the_case_are_read(classifier, action, kind):
    # A closure or a conference's decision written in the outcome column starts or ends the periods detectors
    # measure (start-again cycles, plan visits), as it would in the text.
    assert kind in kinds(classifier, "Home visit. Mum cooperative, home adequate.", action=action)


@pytest.mark.parametrize("text, kind", [
    ("Child had no marks or bruises.", "injury"),
    ("Child was not injured.", "injury"),
    ("There was no evidence of a new partner.", "new_partner"),
    ("Mum denied having a new partner.", "new_partner"),  # still a denial, and a parent's account
    ("No relapse reported.", "relapse"),
    ("Mum has not relapsed.", "relapse"),
    ("Did not meet threshold for referral to CSC.", "referral"),
    ("Family were not refused entry.", "refused_entry"),
    ("SW was not refused access.", "refused_entry"),
    ("Not seen by GP since 2023.", "child_seen"),
    ("There is no court hearing.", "formal_meeting"),
    ("Entry forced under S17 PACE.", "child_in_need"),  # the police power of entry, not Children Act s17
    ("Mum has not moved house.", "moved_address"),
    ("Maisie has not changed school.", "changed_school"),
    ("Mum decided not to home educate.", "home_education"),
    ("Mum is considering home education.", "home_education"),  # not a removal from school (isolation_or_moves)
    ("Dad was not aggressive or threatening.", "hostility"),
    ("Dad did not threaten anyone.", "threat"),
    ("Mum did not complain.", "complaint"),
    ("Child was not spoken to alone due to age.", "child_seen_alone"),
    ("Child could not be seen alone as she was asleep.", "child_seen_alone"),
    ("Phoned mum - home visit arranged for next week.", "home_visit"),
    ("Mum has not moved in with Jason.", "moved_address"),
    ("Children were checked on by phone.", "child_seen"),
    ("Mum maintained good home conditions throughout.", "parent_account"),  # kept them so; said nothing
    ("Dad did not square up to anyone.", "threat"),
    ("Call from Siobhan Kerr 23:50 stating partner Ciaran threatening her.", "hostility"),  # domestic abuse (fam181)
    ("Leanne says she has not seen Craig since prison and he does not know where she lives.", "threat"),  # (fam185)
    ("Mum has not blocked SW's number.", "non_engagement"),
    ("Next home visit 12/06.", "home_visit"),
    ("Return home interview completed. Kai declined to say where he had been.", "non_engagement"),  # the child's silence
    ("Kai not attending. Gran says they may need to change school.", "changed_school"),  # only talked of
    ("Mum thinking about moving house.", "moved_address"),
    ("Kai now lives in fear of the older boys.", "moved_address"),
    ("Next Child's Plan meeting on 3rd May.", "review"),
    ("Article 66 investigation initiated. Joint protocol discussion with PSNI not required.", "strategy_meeting"),
    # a parent seen alone is not the child; a birth spoken of afterwards is no birth; a pregnancy test measures nothing
    ("Home visit. Mum seen alone to discuss the incident.", "child_seen_alone"),
    ("Spoke to dad on his own.", "child_seen"),
    ("Mum has been low since Ruby was born.", "birth"),
    ("Pregnancy test negative.", "improvement"),
    ("Curtains closed. No answer.", "case_closed"),
    # a miss on an earlier date talked over now: that day's own entry is the miss
    ("Sarah says she has not missed any appointments. Discussed DNA on 14/01.", "did_not_attend"),
    ("Asked mum about the missed appointment on 3rd March.", "did_not_attend"),
    ("Letter offering visit sent, no response needed.", "non_engagement"),
])
def test_what_an_entry_says_did_not_happen_is_not_read_as_happening(classifier, text, kind):
    assert kind not in kinds(classifier, text)


def test_a_medical_only_arranged_is_not_the_child_seen(classifier):
    assert "child_seen" not in kinds(classifier, "Strategy discussion held", action="Child protection medical arranged")
    assert "child_seen" in kinds(classifier, "Child protection medical completed at the hospital")


@pytest.mark.parametrize("text, kind", [
    ("Partner arrested for assault on mum; released under investigation", "domestic_abuse"),
    ("Neighbour reported shouting at the address", "domestic_abuse"),
    ("Call from neighbour at 02:15 reporting screaming from 7 Heron Way.", "domestic_abuse"),  # (fam171)
    ("Call from Siobhan Kerr 23:50 stating partner Ciaran threatening her.", "domestic_abuse"),  # (fam181)
    ("Home visit - mum declined to discuss the incident.", "non_engagement"),
    ("Chloe refused to give new address.", "non_engagement"),  # (fam190)
    ("Mum refused to speak to SW, said she will only speak to the manager.", "non_engagement"),  # (fam202)
    ("Mum came in, very angry, demanding to know who had made the referral.", "verbal_aggression"),  # (fam201)
    ("Kirsty said she would not engage with social care and to go through her solicitor.", "non_engagement"),  # (fam194)
    ("Chloe says baby's father Jack is not involved.", "household_change"),
    ("Mum says Ethan is fine now, says he bruises easily.", "explanation"),  # (fam173)
    ("Says relationship with Kyle is over and he has moved to Bristol.", "household_change"),  # he moved, not she
    ("Mum allowed Dean back into the home despite the safety plan", "household_change"),
    ("Mum did not respond to 3 texts offering a visit", "non_engagement"),
    ("Phone call to mum to rebook, no answer, voicemail left", "non_engagement"),  # not a contact missed
    ("School unable to contact mum by phone - numbers not working", "non_engagement"),
    ("Kerry did not answer calls x3.", "non_engagement"),  # (fam170)
    ("Rent arrears. Tenant not responding. Notice seeking possession served.", "non_engagement"),  # (fam180)
    ("Amber reported missing, located at address of known adult male, 19.", "missing_from_home"),
    ("Mum's boyfriend now living at the address", "household_change"),
    ("Child Protection Conference held", "icpc"),  # neither initial nor review named: the plan starts here
    ("Child protection conference review: plan continues", "rcpc"),
    ("Skye placed on the child protection register", "cp_plan"),  # Wales and Scotland keep a register
    ("Mum withdrew consent for Early Help", "non_engagement"),  # drift: a closure that follows it
    ("Family declined Early Help offer", "non_engagement"),
    ("Child Protection Register: names placed under physical abuse", "cp_plan"),
    ("CPO granted", "court"),
    ("Mum has blocked SW's number.", "non_engagement"),
    ("Immunisations overdue - 3 reminders sent, no response.", "non_engagement"),
    ("EHE officer letter offering visit. No response.", "non_engagement"),  # fam213
    ("Home visit. Discussed routines with mum.", "home_visit"),  # a visit made, whoever was seen
    ("Unannounced. Kitchen tidier than last week.", "home_visit"),
    ("Dad at parents evening - polite and engaged.", "attended"),  # a meeting the parent came to
    ("Written report received. Parents decline meeting with Kai present.", "child_access_refused"),  # home education
    ("Annual review visit offered. No response to two letters.", "non_engagement"),
    ("CIN review. Plan continues, same actions.", "task_agreed"),  # fam214: the plan's tasks agreed again
    ("Dad came in and said Kai fell in the park.", "explanation"),
    # a worker writing in the first person
    ("I was not allowed in. Mum said Kai was asleep and I could not see him.", "child_not_seen"),
    ("Ryan answered the door and told us to leave, he said he would 'deal with' me if I came back.", "threat"),
    ("Case reallocated. Joint visits only due to risk.", "staff_safety"),
    ("Risk assessment completed for staff.", "staff_safety"),
    # Scotland: return home interviews after a missing episode, declined for the child or by him; the Child's Plan meeting
    ("Return home interview offered to Kai. Mum declined on his behalf.", "non_engagement"),
    ("Kai refused return home interview.", "non_engagement"),
    ("Child's Plan meeting held. Same actions agreed again.", "review"),
    ("Looked After Review held at school.", "review"),
    # a pre-birth record: the pregnancy, then the birth (child_not_seen measures sightings from it)
    ("Referral received from midwifery - unborn baby.", "pregnancy"),
    ("Baby Ruby born 38+2 weeks, 2.7kg.", "birth"),
    ("Mum gave birth to a boy at 02:10.", "birth"),
    # another authority's social care: the decision to close, and its word that it knows of nothing before
    ("Assessment completed. Mum engaging well. Closed with signposting to early help.", "case_closed"),
    ("Single assessment started. Family new to Bradford - no previous involvement known.", "history_unknown"),
    ("Not previously known to CSC.", "history_unknown"),
    # Northern Ireland: an Article 66 investigation is the enquiry; a joint protocol discussion with PSNI the strategy meeting
    ("Article 66 investigation initiated.", "s47"),
    ("Joint protocol discussion held with PSNI.", "strategy_meeting"),
])
def test_more_specific_kinds_beside_the_stable_ones(classifier, text, kind):
    # Kinds the corpus cannot label (it holds the stable names only), read by detectors all the same.
    assert kind in kinds(classifier, text)


def test_user_vocabulary_changes_classification(tmp_path, monkeypatch):
    assert "did_not_attend" not in kinds(Classifier(), "Not in clinic today")
    config = tmp_path / "chrono.toml"
    config.write_text('[vocabulary]\ndid_not_attend = ["not in clinic"]\n')
    from chronocli.config import load_config

    user = make_classifier(load_config(config))
    assert "did_not_attend" in kinds(user, "Not in clinic today")


def test_user_vocabulary_wrong_type_is_an_error(tmp_path):
    from chronocli.config import load_config
    from chronocli.errors import ConfigError

    config = tmp_path / "chrono.toml"
    config.write_text("[vocabulary]\ndid_not_attend = 3\n")
    with pytest.raises(ConfigError, match="vocabulary.did_not_attend"):
        load_config(config)


def test_child_names_from_subject_make_child_accounts():
    plain = Classifier()
    named = make_classifier(Config(names={"Jayden Harlow": "Child A"}))
    assert "child_account" not in plain.classify("Jayden said he was hungry").kinds
    assert "child_account" in named.classify("Jayden said he was hungry").kinds


def test_an_adult_named_then_left_unsaid_is_the_parent_speaking_not_the_child():
    named = Classifier(child_names=("tiana",), adult_names=("chantelle",))
    result = named.classify("Home visit, Chantelle seen alone. She says Dean does not live with her.")
    assert "parent_account" in result.kinds and result.account_by == "parent"
    assert not {"child_account", "child_seen_alone", "child_seen"} & set(result.kinds)
    assert "parent_account" in named.classify("Home visit, Chantelle seen. Says she has not used cannabis for a month.").kinds
    # what a longer sentence about the parent says is still read; the next sentence's action is no one's account
    smelt = named.classify("Mum smelt strongly of alcohol. Says she has not been drinking.")
    assert {"parent_account", "decline"} <= set(smelt.kinds) and smelt.account_by == "mother"
    threat = named.classify("Dad rang and said he knows where SW Morgan lives. Reported to police.")
    assert {"parent_account", "threat"} <= set(threat.kinds)
    assert "child_account" in named.classify("Mum seen with Kai. He said he was hungry.").kinds  # the pronoun is Kai's


def test_a_parent_known_by_name_cancels_and_a_service_reports_her_not_attending():
    # fam125: a Scottish mother named by her first name; the alcohol and drug partnership's report at a core group
    named = Classifier(child_names=("callum",), adult_names=("kirsty",))
    assert "cancelled_by_family" in named.classify("Kirsty cancelled by text - said she had a hospital appointment.").kinds
    core_group = named.classify("Core group. Nursery report Callum attended 4 of 20 sessions. ADP report Kirsty has not attended since referral.")
    assert "task_not_completed" in core_group.kinds and "did_not_attend" not in core_group.kinds


def test_a_hyphenated_first_name_is_one_child_and_a_parent_followed_up_in_the_action_column_is_heard():
    named = Classifier(child_names=("ellie-may",))
    result = named.classify("Ellie-May said there was no dinner last night because mummy was asleep on the sofa all day.",
                            "", "Referral to MASH. Mum contacted - she said Ellie-May had pasta and is making it up.")
    assert {"child_account", "disclosure", "parent_account", "denial", "referral"} <= set(result.kinds)
    assert "parent_account" not in named.classify("Ellie-May said she was hungry", "", "Advised mum about breakfast club").kinds


@pytest.mark.parametrize("text, kinds, area", [
    # a school log's notes of how the pupil came in: the pupil seen, and her presentation better or worse
    ("Ellie-May arrived late, hungry, same uniform as last 4 days. Smelt of urine.", {"child_seen", "decline"}, "child_presentation"),
    ("Head lice again, untreated. Letter home.", {"child_seen", "decline"}, "child_presentation"),
    ("Clean uniform, hair washed, had breakfast. Much better presented.", {"child_seen", "improvement"}, "child_presentation"),
    ("Presentation good today, clean and fed.", {"child_seen", "improvement"}, "child_presentation"),
    ("Hungry, took food from other children's lunchboxes. Unkempt.", {"child_seen", "decline"}, "child_presentation"),
    ("Unwashed, same clothes all week. Dental pain - tooth visibly decayed.", {"child_seen", "decline"}, "child_presentation"),
    # not the child's presentation: the home, a parent's, a baby's feeds, a child not hungry
    ("Home unkempt, kitchen dirty.", {"decline"}, "home_conditions"),
    ("Mum's presentation improved, less anxious.", {"improvement"}, "mental_health"),
    ("Baby hungry, feeding 3 hourly.", set(), ""),
    ("Noah said he was hungry before lunch.", set(), ""),  # a child ready for lunch, not a sign of going without
    ("Mum appeared unkempt and low.", set(), ""),  # the parent's own presentation
    ("Ellie-May not hungry today.", set(), ""),
])
def test_the_child_s_presentation_is_a_measured_area(text, kinds, area):
    result = Classifier(child_names=("ellie-may", "noah")).classify(text)
    assert set(result.kinds) & {"child_seen", "improvement", "decline", "attended"} == kinds
    assert result.area == area


def test_an_attendance_figure_beside_a_child_saying_he_is_hungry_stays_an_attendance_figure():
    result = Classifier(child_names=("noah",)).classify("Attendance 81% this term. Noah often late and says he is hungry.")
    assert (result.area, result.value, "decline" in result.kinds) == ("school_attendance", 81.0, False)


def test_each_distinct_text_is_classified_once(classifier):
    fresh = Classifier()
    for _ in range(50):
        fresh.classify("DNA appointment")
    info = fresh.classify.cache_info()
    assert info.misses == 1 and info.hits == 49


def test_explain_event_shows_words(run):
    result = run("explain-event", "Refused entry, shouted at SW on doorstep")
    assert result.code == 0
    assert "refused_entry" in result.out and "Refused entry" in result.out
    assert "verbal_aggression" in result.out and "shouted at SW" in result.out


def test_explain_event_reads_names_it_is_given_and_says_which_it_does_not_know(run):
    entry = "Home visit. Poppy seen in cot. Tyler at nan's."
    unknown = run("explain-event", entry)
    assert "child_seen" not in unknown.out and "add --child Poppy" in unknown.out
    known = run("explain-event", entry, "--child", "Poppy", "--child", "Tyler")
    assert "Of Poppy: child_seen" in known.out and "Of Tyler: child_not_seen" in known.out
    assert "Not known" not in known.out
    tasks = run("explain-event", "Mum completed parenting course. Hair strand test outstanding.")
    assert "Task completed: parenting" in tasks.out and "Task not completed: substance_use" in tasks.out


def test_merge_outputs_show_kinds(run, tmp_path):
    from tests.conftest import write_csv

    path = write_csv(tmp_path / "gp.csv", "Date,Event\n01/03/2024,WNB to dental\n")
    target = tmp_path / "out.csv"
    assert run("merge", path, "-o", target).code == 0
    assert "was_not_brought" in target.read_text(encoding="utf-8-sig")


def test_held_out_entries_are_read_well():
    """Entries written after the vocabulary was tuned: a guard against over-fitting the development corpus.
    Do not tune the vocabulary on these; add new cases to events.txt instead."""
    path = Path(__file__).parent / "corpus" / "heldout.txt"
    scores, _ = score(read_corpus(path), Classifier(child_names=corpus_child_names(path)))
    hits = sum(s.true_positive for s in scores)
    assert hits / sum(s.predicted for s in scores) >= 0.9
    assert hits / sum(s.support for s in scores) >= 0.85


def _area_of_reference(text: str) -> str:
    """area_of by its plain definition: every place each word of each area is found at the start of a word, less
    those inside a longer word found, looked through area by area, word by word."""
    lowered = text.lower()
    spans = set()
    for word in _AREA_VOCABULARY:
        at = lowered.find(word)
        while at >= 0:
            if at == 0 or not lowered[at - 1].isalpha():
                spans.add((at, at + len(word), word))
            at = lowered.find(word, at + 1)
    kept = [s for s in spans if not any(o[0] <= s[0] and s[1] <= o[1] and o[1] - o[0] > s[1] - s[0] for o in spans)]
    for candidates in (MEASURED_AREAS, tuple(AREAS)):
        best, best_at = "", len(lowered) + 1
        for area in candidates:
            for word in AREAS[area]:
                for at in sorted(start for start, _, found in kept if found == word):
                    if at < best_at:
                        best, best_at = area, at
        if best:
            return best
    return ""


_AREA_VOCABULARY = sorted({w for words in AREAS.values() for w in words})


def test_the_area_closest_to_the_words_that_say_better_or_worse():
    # "Nursery report improved presentation": the presentation improved, not the nursery (fam140)
    text = "Nursery report improved presentation"
    assert area_of(text) == "school_attendance"  # the first named
    assert area_of(text, (15, 23)) == "child_presentation"  # the one closest to "improved"
    assert area_of("Home conditions improved since nursery started", (16, 24)) == "home_conditions"


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_AREA_VOCABULARY), st.sampled_from(_AREA_VOCABULARY).map(str.upper),
                          st.text(alphabet="abcdeghilmnorstu .,İ", max_size=8)), max_size=8))
def test_area_of_finds_what_looking_for_each_word_in_turn_finds(parts):
    text = " ".join(parts)
    assert area_of(text) == _area_of_reference(text)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_AREA_VOCABULARY), st.text(alphabet="abcdeghilmnorstu .,", max_size=8)), max_size=8))
def test_areas_in_names_only_areas_whose_words_are_there_and_always_the_one_area_of_names(parts):
    text = " ".join(parts)
    areas = areas_in(text)
    assert len(areas) == len(set(areas))
    assert all(any(word in text.lower() for word in AREAS[area]) for area in areas)
    assert area_of(text) in (*areas, "") and bool(area_of(text)) == bool(areas)


def test_areas_in_counts_a_word_inside_a_longer_one_as_the_longer():
    assert areas_in("Mum agreed to keep the home clean and to attend the Freedom Programme") == [
        "home_conditions", "domestic_abuse"]  # not parenting's "programme"
    assert areas_in("Parenting programme and GP appointments") == ["parenting", "health_appointments"]


@pytest.mark.parametrize("text, area", [
    ("Seen in clinic, weight gain noted", "weight_growth"),  # measured areas win over an earlier health word
    ("School says attendance 82%", "school_attendance"),
    ("Parenting course started", "parenting"),
    ("Nothing of note", ""),
    ("Intelligence submitted - CSE concern", ""),  # not the "bmi" in "submitted"
    ("Background checks completed; minutes circulated", ""),  # nor "kg" in "background", "late" in "circulated"
    ("Weighed 6.2kg", "weight_growth"),  # a unit after a figure is a word of its own
    ("Home conditions poor", "home_conditions"),  # and a word may run on
])
def test_area_of_examples(text, area):
    assert area_of(text) == area == _area_of_reference(text)


def test_no_vocabulary_pattern_ends_where_a_word_boundary_can_never_follow():
    # Every pattern must be followed by a non-letter (see _compile). One ending in a space ("(?:that |she )") or in
    # the stem of a word ("bruis") can then never match where it was meant to: such rules went unnoticed before.
    from chronocli.events.classify import _load_vocabulary

    dead = []
    for rule in _load_vocabulary():
        for pattern in rule["patterns"]:
            end = pattern.rstrip(")?*")
            if end.endswith(" ") or re.search(r"(?:^|[|(: ])(?:bruis|injur|disclos|intimidat|deteriorat|threaten)$", end):
                dead.append(pattern)
    assert dead == []


def test_no_vocabulary_pattern_starts_where_a_word_cannot_begin():
    # Every match must start a word (see _search): a pattern opening with punctuation ("[.;]\\s+not seen") can match
    # only after a space or at the start, never after "Home visit." as meant; such a rule was dead for sessions.
    from chronocli.events.classify import _load_vocabulary

    dead = [pattern for rule in _load_vocabulary() for pattern in rule["patterns"]
            if re.match(r"(?:\(\?:)*(?:\[[^a-z0-9\\]|\\[.,;:sW]|[ .,;:-])", pattern)]
    assert dead == []
    assert "child_not_seen" in Classifier().classify("Home visit. Not seen.").kinds


def test_no_vocabulary_pattern_is_hidden_in_a_comment():
    # A comment written after a pattern on a line that goes on with more patterns turns them into comment: the
    # domestic-abuse rule once lost 'neighbours reported shouting' so, without a word.
    from importlib import resources

    text = resources.files("chronocli").joinpath("data/vocabulary.toml").read_text(encoding="utf-8")
    hidden = []
    for number, line in enumerate(text.splitlines(), start=1):
        outside, quoted = [], False
        for char in line:
            quoted = not quoted if char == "'" else quoted
            outside.append("#" if char == "#" and not quoted else ("'" if char == "'" else " "))
        marks = "".join(outside)
        comment = marks.find("#")
        if comment > 0 and "'" in marks[:comment] and re.search(r"'\s*,", line[comment:]):  # a pattern, a comment, more
            hidden.append(number)
    assert hidden == []


def test_an_entry_seeing_one_child_and_not_another_says_which():
    def said(entry):
        return {name: set(kinds) for name, kinds in entry.seen_by}

    classifier = Classifier(child_names=("jayden", "ruby", "liam", "amy"))
    entry = classifier.read("Home visit. Ruby seen in cot, nappy soiled. Jayden at nan's.")
    assert "child_not_seen" in entry.kinds and "child_seen" not in entry.kinds  # the entry as a whole
    assert entry.seen_by == (("ruby", ("child_seen",)), ("jayden", ("child_not_seen",)))
    # A clause naming no child is about the child named last; "children" is about every child.
    entry = classifier.read("Liam seen, spoken to alone in his room. Amy not seen - asleep upstairs.")
    assert said(entry) == {"liam": {"child_seen_alone", "child_seen"}, "amy": {"child_not_seen"}}
    entry = classifier.read("Children seen in the lounge. Jayden seen alone in his room, Ruby not seen alone.")
    assert said(entry) == {"jayden": {"child_seen_alone", "child_seen"}, "ruby": {"child_not_seen_alone", "child_seen"}}
    # read() shares readings between entries whose rules match alike: never one entry's children with another.
    assert classifier.read("Home visit. Amy seen in cot, nappy soiled. Liam at nan's.").seen_by == (
        ("amy", ("child_seen",)), ("liam", ("child_not_seen",)))
    assert classifier.read("Home visit. Baby seen in cot, nappy soiled. Jayden at nan's.").seen_by == ()
    # A refusal to let a worker see one child says that child was not seen (a kind the refusal implies).
    assert said(classifier.read("Ruby seen at nursery this morning. Afternoon visit: mum refused to let SW see Jayden.")) == {
        "ruby": {"child_seen"}, "jayden": {"child_not_seen"}}
    # Sightings that agree need no split.
    assert classifier.read("Ruby and Jayden seen; Jayden seen alone.").seen_by == ()


def test_an_entry_recording_one_task_done_and_another_not_says_which_area_is_which():
    entry = Classifier().read("Core group. Mum completed parenting course - certificate. Hair strand test outstanding.")
    assert set(entry.task_outcomes) == {("task_completed", "parenting"), ("task_not_completed", "substance_use")}
    # With one outcome, the entry's task_area says it.
    assert Classifier().read("Hair strand test outstanding.").task_outcomes == ()


@pytest.mark.parametrize(("text", "score"), [
    ("Home visit. | GCP score: 4", 4.0),  # a measurement column joined to the entry
    ("GCP2 completed - overall score 3.", 3.0),
    ("Graded Care Profile 2 completed - overall level 4 (neglect).", 4.0),
    ("GCP 2 to be completed.", None),  # the tool's version, not a score
    ("GCP score improved.", None),
])
def test_a_graded_care_profile_score_is_read_as_its_own_series(text, score):
    entry = Classifier().read(text)
    assert entry.value == score and (entry.area == "graded_care") == (score is not None)


@pytest.mark.parametrize(("text", "centile"), [
    ("Poppy weighed 6.2kg - 25th centile.", 25.0),
    ("Weight 6.8kg - below the 0.4th centile.", 0.4),
    ("Weight between 9th-25th centile.", 9.0),  # the first named
    ("Outpatient review: Attended - weight dropped from 25th to 9th centile.", 9.0),  # the centile it fell to
    ("Birth weight 3.2kg (50th centile). Now 9th centile.", 9.0),  # a birth weight's centile is history
    ("Birth weight 3.2kg (50th centile).", None),
    ("Attendance 85% this term; top 25 in the class.", 85.0),  # a percentage is not a centile
    ("Reading age below the 10th percentile.", None),  # a school's percentile is not growth
])
def test_a_weight_or_growth_centile_is_read_as_a_number(text, centile):
    entry = Classifier().read(text)
    assert entry.value == centile
    assert (entry.area == "weight_growth") == ("entile" in text and centile is not None)


def test_every_rule_of_a_kind_implies_the_same_kinds():
    # The classifier looks implied kinds up by kind, so two rules of one kind that implied different kinds would
    # silently share the last one's.
    import tomllib
    from importlib.resources import files

    rules = tomllib.loads(files("chronocli.data").joinpath("vocabulary.toml").read_text(encoding="utf-8"))["rule"]
    implied: dict[str, set[tuple[str, ...]]] = {}
    for rule in rules:
        implied.setdefault(rule["kind"], set()).add(tuple(rule.get("implies", ())))
    assert {kind: found for kind, found in implied.items() if len(found) > 1} == {}


def test_a_speaker_named_by_name_is_not_the_role_the_entry_mentions_later():
    classifier = Classifier(adult_names=("chantelle",))
    reading = classifier.classify("Late booking. Chantelle said she did not know she was pregnant. Partner Liam Price.")
    assert "parent_account" in reading.kinds and reading.account_by == "parent"
    assert classifier.classify("Mum said the partner had left.").account_by == "mother"


def test_mam_is_mum():
    # Wales, the North East and Ireland write "mam" and "mammy"; the words quoted are the record's own
    classifier = Classifier(child_names=("ffion",))
    reading = classifier.classify("Flying Start review: Attended - mam says she is single and lives alone with the children")
    assert "parent_account" in reading.kinds and reading.account_by == "mother"
    assert any(m.words == "mam says" for m in reading.matches)
    disclosed = classifier.classify("Ffion came to school upset. Bruise on her upper arm. Said mam's boyfriend pushed her.")
    assert {"child_seen", "child_account", "disclosure", "injury"} <= set(disclosed.kinds)
    assert "parent_account" not in classifier.classify("Madam Tussauds trip with school.").kinds


def test_a_role_said_of_someone_is_not_who_spoke():
    # fam96: the police log names the mother only by first name; "a good dad" is Connor, not the speaker
    reading = Classifier().classify("Shannon withdrew her statement. Says Connor is a good dad and she wants him home.")
    assert "parent_account" in reading.kinds and reading.account_by == "parent"
    assert Classifier().classify("Dad says he is a good father.").account_by == "father"


def test_no_vocabulary_pattern_has_a_doubled_backslash():
    # TOML's single-quoted strings take a backslash as it is: '\\b' would look for a backslash and a 'b' in the
    # text, and the rule would silently never match.
    from importlib.resources import files

    text = files("chronocli.data").joinpath("vocabulary.toml").read_text(encoding="utf-8")
    assert [line for line in text.splitlines() if "\\\\" in line and not line.lstrip().startswith("#")] == []


def test_a_percentage_is_a_value_only_as_an_attendance_figure(classifier):
    assert classifier.classify("Attendance 78% this half term.").value == 78.0
    oxygen = classifier.classify("Brought by ambulance. SpO2 91%. Mum arrived smelling of alcohol.")
    assert oxygen.area == "substance_use" and oxygen.value is None  # not a substance-use reading of 91
    assert classifier.classify("Weight down 10% from birth weight.").value is None


def test_a_parent_saying_a_task_is_done_is_her_account_not_the_task_done(classifier):
    said = kinds(classifier, "No response to letter. Phoned mum - says she has booked the dentist and Ruby goes every six months.")
    assert "parent_account" in said and "task_completed" not in said
    assert "task_completed" not in kinds(classifier, "Dad reports he has completed the parenting course.")
    assert "task_completed" in kinds(classifier, "Mum has booked the dentist.")  # the worker's own record of it


def test_a_parent_told_something_is_not_the_parent_telling(classifier):
    told = kinds(classifier, "Examined with mum present. Mum told this is dental neglect and we will share with GP.")
    assert "parent_account" not in told
    assert "parent_account" in kinds(classifier, "Mum told me she had been to the dentist.")


def test_how_a_scald_is_said_to_have_happened_is_an_explanation(classifier):
    assert {"parent_account", "explanation", "injury"} <= kinds(
        classifier, "Ruby brought by mum with scald to left forearm. Mum states injury happened 3 days ago when Ruby pulled the kettle.")


def test_he_said_after_an_adult_the_entries_name_is_that_adult_not_the_child():
    named = Classifier(child_names=("ruby",), adult_names=("dean",))
    result = named.classify("Dean answered the door. He said mum was out shopping. Ruby seen in the living room with Dean present.")
    assert "parent_account" in result.kinds and "child_account" not in result.kinds


def test_a_masking_rule_keeps_the_words_its_pattern_keeps():
    # The pronoun after "asked dad" is dad's, and the bruise named between is still an injury.
    result = Classifier(child_names=("alfie",)).classify("Asked dad about the bruise on Alfie's arm and he said Alfie fell.")
    assert {"parent_account", "injury"} <= set(result.kinds) and "child_account" not in result.kinds
    # with the child named as the one spoken to between, the pronoun is the child's
    assert "child_account" in Classifier(child_names=("alfie",)).classify("Spoke to mum and then Alfie alone and he said he was hungry.").kinds


@pytest.mark.parametrize("text, seen", [
    ("MFH Tyler Mills (15). Mum reported him missing at 23:00. Located next day in Crewe train station.", True),
    ("Tyler stopped in Stoke with 2 phones and cannabis. Released - no further action.", True),
    ("Tyler missing overnight - not yet located. Enquiries ongoing.", False),
    ("Misper report - Tyler missing since 18:00, yet to be located.", False),
])
def test_a_child_the_police_locate_or_stop_is_seen(classifier, text, seen):
    assert ("child_seen" in kinds(classifier, text)) is seen
    assert "parent_account" not in kinds(classifier, text)  # reporting him missing is no account of anything


@pytest.mark.parametrize("text, present, absent", [
    ('Father sent 14 emails overnight; one said "I know where your office is and I\'ll be waiting".', {"threat"}, set()),
    ("Joint visit with police due to threats. Father calm while officers present.", set(), {"threat", "hostility"}),
    ("Malicious communications report - video of social worker posted online.", {"online_abuse"}, set()),
    ("Second complaint from dad about the SW. Complaint not upheld.", {"complaint"}, set()),
    ("Complaint about delays in the OT equipment upheld by the service.", set(), {"complaint", "hostility"}),
    ("Home visit. Large dog loose in the garden. Visit conducted on the doorstep. Children not seen.", {"refused_entry", "dogs"}, {"attended"}),
    ("Freya reviewed. Growth on track.", {"child_seen"}, set()),
    ("Ruby reviewed at panel. No further action.", set(), {"child_seen"}),
    # fam111: names called to her face are verbal aggression, the same names posted online online abuse
    ("Dad stood in the doorway and would not let SW past. Called her a child snatcher.", {"refused_entry", "verbal_aggression"},
     {"online_abuse"}),
    ("Craig Dunn posted her photo and name on a local Facebook group calling her a kidnapper.", {"online_abuse"}, {"verbal_aggression"}),
])
def test_hostility_and_sightings_as_agencies_write_them(text, present, absent):
    got = set(Classifier(child_names=("freya", "ruby")).classify(text).kinds)
    assert present <= got and not absent & got


@pytest.mark.parametrize("text, on_plan", [
    ("CP plan (neglect - parental mental health). Lily (5) and Finn (2). Visit - both children seen.", True),
    ("Visit. Ruby remains subject to a child protection plan under neglect.", True),
    ("Older sibling subject of CP plan in previous authority (2018).", False),
    ("Ruby is not subject to a CP plan.", False),
])
def test_a_plan_already_in_place_is_read_as_one(classifier, text, on_plan):
    assert ("cp_plan" in classifier.classify(text).kinds) is on_plan
