"""What a parent is recorded saying about drinking and appointments, and entries that record use."""

import pytest

from chronocli.detectors.claims import (
    attending_claimed,
    cancelled_by_them_claimed,
    elsewhere_claimed,
    involved_claimed,
    keeping_claimed,
    medication_not_given,
    names_agency,
    names_service,
    no_appointment_at,
    no_injury_claimed,
    no_partner_claimed,
    not_attending_recorded,
    not_involved_recorded,
    not_using_claimed,
    partner_recorded,
    use_recorded,
)


@pytest.mark.parametrize(("text", "days"), [
    ("Mum said she does not drink at all since Isla was born.", 28),
    ("Kelly attended. Says she has not had a drink for 2 weeks.", 14),
    ("Dad stated he has been sober for six months.", 84),  # longer than three windows: three windows
    ("Tom says he has been clean for 6 weeks.", 42),  # fam151: a period said reaches past the window
    ("Tom says he is engaging with CGL and all tests are clear.", 28),
    ("Mum said she has not had a drink this week.", 7),
    ("Home smelt of alcohol. Mum denied drinking.", 7),
    ("Mum said she has stopped drinking completely.", 0),
    ("Mum said the home was not clean.", None),
    ("Dad said he is using the gym.", None),
    ("Not drinking is a plan task.", None),  # nobody is recorded saying it
    ("Mum said she is not using the car seat.", None),  # 'using' says what it is about
    ("Mum said she has stopped using the bottle.", None),
    ("Dad said he has not used since Christmas.", 28),
    ("Mum said baby is not drinking her milk.", None),  # feeding
    ("Mum said she has not been drinking enough water.", None),
])
def test_what_a_parent_says_of_not_drinking_and_for_how_long(text, days):
    assert not_using_claimed(text, 28)[0] == days


@pytest.mark.parametrize(("text", "recorded"), [
    ("Reports drinking 2 bottles of wine a day.", True),
    ("Breathalyser 0.45. Kelly admitted drinking last night.", True),
    ("Hair strand test came back positive for cocaine.", True),
    ("Mum appeared under the influence at the door.", True),
    ("Breathalyser 0.00.", False),
    ("No smell of alcohol.", False),
    ("Hair strand test negative.", False),
    ("Dad was not drunk.", False),
    ("Mum tested positive for COVID last week.", False),  # an infection, not a substance
    ("Positive test result for iron deficiency.", False),
    ("Positive parenting observed; baby drinking 5oz every 3 hours.", False),
    ("Urine sample was positive.", True),
    ("Mum arrived intoxicated for contact; contact terminated.", True),
    ("Mum arrived on time, not intoxicated.", False),
    ("Mum reports baby drinking 4oz every 3 hours.", False),  # feeding
    ("Dad admitted drinking heavily at the weekend.", True),
    ("Home very poor - no food. Mum intoxicated.", True),  # a note's shorthand, no verb
    ("Mum not intoxicated today.", False),
    ("Dad drowsy, pinned pupils.", True),  # fam151: what opiates do to the eyes
])
def test_use_recorded_and_its_negations(text, recorded):
    assert use_recorded(text) is recorded


def test_keeping_appointments_never_missed_needs_one_contradiction_every_week_two():
    assert keeping_claimed("CIN. Mum said she has not missed any CGL appointments.")[0] == 1
    assert keeping_claimed("Mum said Kai goes to school every day.")[0] == 2
    assert keeping_claimed("Mum reported CGL going well.")[0] == 0
    assert keeping_claimed("Home tidy. Mum said she has been to CGL every week.")[0] == 2
    assert keeping_claimed("Ava seen. Dad said all her appointments are up to date.")[0] == 1  # fam134
    # the words naming what is kept run to the end of the claim's clause: the physio in a clause after it is
    # someone else's view (fam148); the dentist in one before it is what "goes" goes to
    assert keeping_claimed("Mum (Stacey) says Noah has been to every appointment and the physio is happy with him.")[2] == (
        "Mum (Stacey) says Noah has been to every appointment")
    assert keeping_claimed("Phoned mum - says she has booked the dentist and Ruby goes every six months.")[2].strip() == (
        "says she has booked the dentist and Ruby goes every six months.")


def test_a_service_is_named_by_the_distinctive_words_of_its_agency():
    assert names_agency("has not missed any CGL appointments", "CGL Substance Misuse")
    assert names_agency("goes to school every day", "School")
    assert not names_agency("goes to school every day", "GP Records")
    assert not names_agency("goes to the leisure centre", "Early Help Team")  # nothing distinctive to match
    assert names_agency("said all health appointments kept", "Outpatients")  # any health service's
    assert not names_agency("said all health appointments kept", "School")
    # what a parent calls a service its file names otherwise (fam135)
    assert names_agency("Tyler goes to the dentist regularly", "Dental")
    assert names_agency("goes to speech therapy every week", "SALT")
    assert not names_agency("goes to the dentist regularly", "GP")


def test_no_partner_said_and_a_partner_recorded():
    assert no_partner_claimed("Home visit. Gemma said she is single and there is no partner.")
    assert no_partner_claimed("Mum denied having a new partner.")
    assert not no_partner_claimed("Mum said her partner Kyle is helpful.")
    # a relationship said to be over (fam220, fam205)
    assert no_partner_claimed("Home visit. Mum said she has ended things with Dale. Men's trainers in hallway.") == (
        "Mum said she has ended things with Dale.")
    assert no_partner_claimed("Kelly said she does not want support, relationship is over.")
    assert not no_partner_claimed("Mum said the course has ended.")
    # alone with the children is alone; alone with anyone else is not (fam124); a friend is no partner (fam121)
    assert no_partner_claimed("Officers attended. Mum said she was alone with the children.")
    assert not no_partner_claimed("Mum said she was alone with Craig when it happened.")
    assert no_partner_claimed("Mum said Tomasz is a friend who babysits sometimes.")
    # the speaker's clause is quoted, not the entry's heading before it
    assert no_partner_claimed("Flying Start HV - review for Guto (2): Attended - mam says she is single") == "mam says she is single"
    assert partner_recorded("New partner Kyle left before police arrived.")
    assert partner_recorded("Her boyfriend answered the door.")
    assert not partner_recorded("Mum said there is no new partner.")
    assert partner_recorded("DA incident at the address. Partner Jason Reid present, arrested.")  # named with the role
    assert partner_recorded("Jason Reid (partner) answered the door.")
    assert not partner_recorded("Partner Agency meeting held.")  # an agency, not a man
    # a neighbour's report of the home (fam139)
    from chronocli.detectors.claims import man_recorded
    assert man_recorded("Neighbour at 5 Ash Grove reports male and female shouting at 2am, a child crying.")
    assert man_recorded("Second complaint - banging and a man shouting 'I'll kill you'.")
    assert not man_recorded("No man heard shouting; neighbour reports music only.")


def test_a_child_s_medication_said_to_be_given_and_records_of_it_not_given():
    from chronocli.detectors.claims import medication_not_given, taking_claimed

    assert taking_claimed("Seen in clinic. Mum says he has his preventer every day.") == "Mum says he has his preventer every day."
    assert taking_claimed("Spoke to mum. Says Zac's seizures are fine and he is taking his meds.")
    assert not taking_claimed("Advised to use preventer every day.")  # advice, not anyone's word
    for text, words in [("Mum said he had run out of inhaler 3 days ago.", "run out of inhaler"),
                        ("Still no inhaler in school. Second letter home.", "no inhaler in school"),
                        ("Levels of medication low on blood test.", "Levels of medication low"),
                        ("Repeat prescription not collected.", "Repeat prescription not collected"),
                        ("Tina very low, said she stopped her tablets two weeks ago.", "stopped her tablets")]:  # (fam200)
        assert medication_not_given(text) == words
    assert not medication_not_given("Good adherence; no missed doses.")
    assert not medication_not_given("Inhaler in school, in date.")


def test_living_on_her_own_is_a_claim_of_no_partner_and_going_out_on_her_own_is_not():
    from chronocli.detectors.claims import no_partner_claimed

    assert no_partner_claimed("Mum and Mia seen. Mum says she is on her own.") == "Mum says she is on her own."
    assert not no_partner_claimed("Mum said she went to the shop on her own.")


def test_a_man_at_the_home_is_recorded_by_what_a_worker_sees_and_hears_not_by_a_denial():
    from chronocli.detectors.claims import man_recorded

    for text in ("Home visit - no answer. Man seen at upstairs window.", "No access. Heard male voice inside.",
                 "Man's jacket and boots in hallway.", "Keeley present with male who gave name as 'Tom'."):
        assert man_recorded(text), text
    for text in ("No man seen at the home.", "Visit with male student HV.", "Mum said no men visit."):
        assert not man_recorded(text), text


def test_a_child_said_to_be_home_every_night_or_never_missing():
    from chronocli.detectors.claims import home_at_night_claimed

    assert home_at_night_claimed("Visit. Mum said Kai is home every night. Kai quiet.") == "Mum said Kai is home every night."
    assert home_at_night_claimed("Dad insists she has never gone missing.")
    assert home_at_night_claimed("Mum says she always knows where he is.")
    assert not home_at_night_claimed("Safety plan: Kai to be home by 9pm every night.")  # a plan, not anyone's word
    assert not home_at_night_claimed("Mum said Kai went missing again on Saturday.")
    assert not home_at_night_claimed("Mum says he has not gone missing again since the safety plan.")  # after an episode
    assert not home_at_night_claimed("Mum said he has never gone missing before this month.")  # until the episodes recorded
    # a stretch just past, and the time since a month named (fam149); speech after a comma ("Mum rang, said")
    assert home_at_night_claimed("Keira absent. Mum rang, said Keira was at home all weekend and is tired.") == (
        "Mum rang, said Keira was at home all weekend and is tired.")
    assert home_at_night_claimed("Dawn says Keira has not been missing since January.")
    assert not home_at_night_claimed("Mum said Keira was at home when officers called.")
    # a curfew kept, and staying in (fam160)
    assert home_at_night_claimed("Mum says Reece is in every night by 9 and never breaks his curfew.")
    assert home_at_night_claimed("Home visit. Mum says Reece is doing well and staying in.")
    assert not home_at_night_claimed("Mum says Reece is staying in hospital overnight.")


def test_the_period_a_statement_speaks_of():
    import datetime as dt

    from chronocli.detectors.claims import nights_said, since_month_start

    assert since_month_start("Tom says he has not used since February", dt.date(2025, 4, 12)) == dt.date(2025, 3, 1)
    assert since_month_start("not been missing since December", dt.date(2025, 2, 10)) == dt.date(2025, 1, 1)  # last year's
    assert since_month_start("has not used since Feb", dt.date(2025, 2, 10)) is None  # this month: nothing after it yet
    assert since_month_start("has not used since the arrest", dt.date(2025, 2, 10)) is None
    assert nights_said("was at home all weekend") == 3
    assert nights_said("is home every night") is None
    # the days after a holiday (fam188), this year's or last
    assert since_month_start("not had a drink since Christmas", dt.date(2025, 1, 15)) == dt.date(2024, 12, 26)
    assert since_month_start("not used since New Year", dt.date(2025, 3, 1)) == dt.date(2025, 1, 2)


def test_when_what_a_record_says_began_by_the_period_it_states():
    import datetime as dt

    from chronocli.detectors.claims import recorded_since

    on = dt.date(2025, 3, 25)
    assert recorded_since("Prescription not collected for 6 weeks.", on) == dt.date(2025, 2, 11)
    assert recorded_since("Said she stopped her tablets two weeks ago.", on) == dt.date(2025, 3, 11)
    assert recorded_since("Prescription not collected.", on) is None


def test_treatment_at_home_said_to_be_done_and_records_of_it_not_done():
    from chronocli.detectors.claims import medication_not_given, taking_claimed

    assert taking_claimed("Visit. Mum (Siobhan) says she does his physio exercises every day. Oisin quiet.") == (
        "Mum (Siobhan) says she does his physio exercises every day.")  # the speaker's name in brackets
    assert taking_claimed("Splints still not being worn. Mum says Oisin wears them every night.") == (
        "Mum says Oisin wears them every night.")  # 'them': the splints the entry names
    assert taking_claimed("Mum reports full compliance with splints.")
    assert not taking_claimed("Mum said she does the washing every day.")
    assert not taking_claimed("Physio advised to do exercises every day.")  # advice, not anyone's word
    for text, words in [("Splints found in cupboard still in packaging.", "Splints found in cupboard still in packaging"),
                        ("Contractures worsening. Splints still not being worn.", "Splints still not being worn"),
                        ("Oisin unable to demonstrate any of the stretches.", "unable to demonstrate any"),
                        ("Not wearing her glasses in class again.", "Not wearing her glasses")]:
        assert medication_not_given(text) == words
    assert not medication_not_given("Splints worn every night, skin intact.")
    assert medication_not_given("Says she is taking her medication. Blister packs untouched in kitchen.") == "Blister packs untouched"


def test_a_tube_fed_child_s_feeds_said_given_and_records_of_feed_left_unused():
    from chronocli.detectors.claims import medication_not_given, taking_claimed

    assert taking_claimed("S47 visit. Mum says he gets his feeds every day.") == "Mum says he gets his feeds every day."
    assert taking_claimed("Mum says she does all his feeds as prescribed.")
    assert not taking_claimed("Mum says she does the night feeds.")  # a baby fed, no claim that a treatment is given
    assert medication_not_given("Weight down 200g. Feed stock unopened from last delivery.") == "Feed stock unopened"


def test_what_a_parent_says_is_given_is_set_against_records_of_the_same_treatment():
    from chronocli.detectors.claims import same_treatment

    assert not same_treatment("Mum says he takes his inhaler every day.", "Not wearing her glasses")
    assert not same_treatment("Mum says he gets his feeds every day.", "inhaler prescription not collected")
    assert same_treatment("Mum says he takes his inhaler every day.", "Preventer inhaler not collected")
    # words naming no treatment may be about any
    assert same_treatment("Mum says he wears them every night.", "Splints still not being worn")
    assert same_treatment("Mum says she gives it as prescribed.", "poor adherence")


def test_where_a_parent_says_they_were_instead_is_found_with_the_place():
    assert elsewhere_claimed("No access. Mum said by phone she was at the GP.") == ("Mum said by phone she was at the GP.", "was at the GP")
    # the speaker left before a dash: "Mum cancelled - said ..." is the mother's reason
    assert elsewhere_claimed("Mum cancelled - said Tyler had a hospital appointment.") == (
        "Mum cancelled - said Tyler had a hospital appointment.", "had a hospital appointment")
    assert elsewhere_claimed("Mum said Tyler was in school.")[1] == "was in school"
    # a call made to say it (fam217: to CAMHS, the day the school recorded her absent)
    assert elsewhere_claimed("Leah DNA. Dad rang to say she was at school.") == ("Dad rang to say she was at school.", "was at school")
    assert elsewhere_claimed("School rang to say she was at school.")[1] == "was at school"  # (who rang: the entry's account says)
    assert elsewhere_claimed("Mum said she was at her sister's.") is None  # no service to ask
    assert elsewhere_claimed("Mum was at the GP.") is None  # nobody is recorded saying it
    # the place as a service: by its own name or what parents call it, not "hospital" for any health service
    assert names_service("was at the doctor's", "GP Records") and names_service("had a hospital appointment", "Hospital")
    assert not names_service("had a hospital appointment", "GP")


def test_a_record_that_the_place_an_excuse_named_had_no_appointment():
    checked = "Checked with dental practice - no appointment booked for Jake on 05/03."
    assert no_appointment_at(checked, "had a dentist appointment") == checked.index("no appointment")
    assert no_appointment_at(checked, "had a hospital appointment") is None  # another place
    assert no_appointment_at("Dental practice: Jake attended.", "had a dentist appointment") is None


def test_medication_lost_or_missing_from_the_home_is_not_given():
    assert medication_not_given("Mum says his own inhaler is lost.") == "inhaler is lost"
    assert medication_not_given("No inhaler found in the home.")
    assert not medication_not_given("Inhaler found in his bag.")


def test_a_parent_saying_the_service_cancelled_names_which_appointment():
    assert cancelled_by_them_claimed("Harvey seen. Mum says dietitian appointment was cancelled by the hospital.") == (
        "Mum says dietitian appointment was cancelled by the hospital.", "dietitian", 1)
    assert cancelled_by_them_claimed("Mum said the hospital cancelled his speech therapy appointment.")[1] == "therapy"
    # which appointment unsaid: nothing to look for
    assert cancelled_by_them_claimed("Mum says the appointment was cancelled by the hospital.") is None
    assert cancelled_by_them_claimed("Dietitian appointment cancelled by the hospital.") is None  # no one said it
    # a habit, said of no one appointment (fam148, fam151): two of that service's missed appointments contradict it
    assert cancelled_by_them_claimed("Mum says the clinic keeps cancelling on them.")[1:] == ("clinic", 2)
    assert cancelled_by_them_claimed("Tom says CGL keep cancelling his appointments.")[1:] == ("CGL", 2)
    assert cancelled_by_them_claimed("Mum says she keeps cancelling because of work.") is None  # the family's own


def test_a_parent_saying_the_child_has_had_no_accidents_or_hospital_visits():
    assert no_injury_claimed("Mum says Lily-Rose is thriving, no accidents or hospital visits since last contact.")
    assert no_injury_claimed("Dad said she has not been to A&E.")
    assert not no_injury_claimed("No accidents reported by nursery.")  # no parent is recorded saying it
    assert not no_injury_claimed("Mum said she had an accident at the park.")


def test_a_record_of_someone_at_the_home_is_not_one_taken_back_or_of_somewhere_of_his_own():
    from chronocli.detectors.conflicting_accounts import _present, _said_not_at_home

    assert _present("Kyle answered the door.", {"Kyle"}) == 0
    assert _present("Kyle lives with her and the children.", {"Kyle"}) == 0
    assert _present("Mother stated partner has not been at the address for weeks.", {"mum's partner"}) is None
    assert _present("Mother denied that partner lives at the address.", {"mum's partner", "mum"}) is None
    assert _present("Mum denied that Kyle was at the address.", {"Kyle"}) is None
    assert _present("Mum said dad now lives at his mum's.", {"dad"}) is None  # somewhere of his own
    assert _present("Dean is staying with a friend.", {"Dean"}) is None
    # "he", said of the man the entry named before it, not of the speaker (fam158); a man no one names still counts
    assert _said_not_at_home("FOB (Connor) not present - Mo says he doesn't live here.") == {"Connor", "dad"}
    assert _said_not_at_home("Kyle was arrested. Mum says he no longer lives here.") == {"Kyle"}
    assert _said_not_at_home("Gemma says he has moved out.") == {"\x00he"}
    assert _present("Partner Connor Hale present in consultation.", {"Connor"}) is None
    assert _present("MGM present, says Connor is there most nights.", {"Connor"}) is not None
        # "Mum left the ward" is no statement that she left home (bench caseload)
    assert _said_not_at_home("Mum left the ward with baby before the discharge planning meeting.") == set()
    assert _said_not_at_home("Dean left last week.") == {"Dean"}


@pytest.mark.parametrize(("text", "service"), [
    ("Meeting with mum re attendance. Mum says Ellis has anxiety and GP is involved.", "gp"),
    ("Dad said Ellis is under CAMHS for his behaviour.", "camhs"),
    ("Mum said he is being seen by the paediatrician.", "paediatrics"),
    ("Mum says the counsellor is seeing her every week.", "counselling"),
    ("Mum said the GP is not involved.", None),
    ("Mum said school are aware.", None),
    ("Mum said she is seeing her GP.", None),  # the speaker's own doctor
    ("Dad said he is under the doctor for his back.", None),
    ("GP is aware.", None),  # no one is recorded saying it
])
def test_a_parent_saying_a_service_is_involved_with_the_child(text, service):
    found = involved_claimed(text)
    assert (found[1] if found else None) == service


@pytest.mark.parametrize(("text", "service", "agency", "found"), [
    ("No consultation for Ellis since 2022. No record of anxiety.", "gp", "Health - GP", True),
    ("Ellis not seen at the practice since 2021.", "gp", "GP", True),
    ("SENCO checked: Ellis not known to CAMHS, no referral received.", "camhs", "School", True),
    ("No contact since 2023.", "gp", "School", False),  # neither the practice's file nor naming it
    ("Dad not seen since March.", "gp", "GP", False),  # a parent, not the child
    ("Ellis seen 02/09 re anxiety. No record of DNA.", "gp", "GP", False),
    ("No record of injuries at previous visits.", "gp", "GP", False),
    ("No record of Ellis at this practice.", "gp", "GP", True),
])
def test_a_service_recording_it_has_had_nothing_to_do_with_the_child(text, service, agency, found):
    assert (not_involved_recorded(text, service, agency) is not None) == found


@pytest.mark.parametrize(("text", "course"), [
    ("Home visit. Dad said things are much better and he has been going to anger management.", "anger management"),
    ("Mum said she is attending the parenting course.", "parenting course"),
    ("Mum said she is going to the shop.", None),
    ("Mum said she has not been going to the group.", None),
    ("Dad has been going to anger management.", None),  # no one is recorded saying it
])
def test_a_parent_saying_they_go_to_a_course(text, course):
    found = attending_claimed(text)
    assert (found[1] if found else None) == course


def test_a_course_recorded_not_attended_in_the_sentence_naming_it():
    record = "Craig has not attended anger management since 10/01/25. Removed from course."
    assert not_attending_recorded(record, "anger management") == record.index("has not attended")
    assert not_attending_recorded("Parenting course: mum did not attend session 3.", "the parenting course") is not None
    assert not_attending_recorded("Discussed the parenting course. Mum did not attend the core group.", "parenting course") is None
    assert not_attending_recorded("Dentist: Tyler DNA.", "anger management") is None
