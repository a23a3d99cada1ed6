"""Explanations of how an injury happened: found with who gave them, and compared."""

from __future__ import annotations

import pytest

from chronocli.detectors.explanations import Explanation, differ, explanations_in


def test_each_explanation_in_an_entry_is_found_with_its_speaker():
    assert explanations_in("Bruise on cheek. Logan said he banged it on the door. Mum said he fell at the park.") == [
        Explanation("Logan", "he banged it on the door"), Explanation("Mum", "he fell at the park")]
    assert explanations_in("Fracture L wrist. Dad states fell from trampoline.") == [Explanation("Dad", "fell from trampoline")]
    # a baby said to have rolled into the cot bars (fam137)
    assert explanations_in("Bruise to left cheek and ear. Mum says she rolled into the cot bars.") == [
        Explanation("Mum", "she rolled into the cot bars")]


def test_an_explanation_whose_speaker_is_left_unsaid_is_found():
    # Police and triage notes drop the subject: "had a cut lip; said she walked into a door".
    assert explanations_in("DA incident. Chantelle had a cut lip; said she walked into a door.") == [
        Explanation("", "she walked into a door")]
    assert explanations_in("Attended triage. Said she fell down the stairs. Bruising to arm.") == [
        Explanation("", "she fell down the stairs")]


def test_the_history_taken_from_whoever_brought_the_child_is_their_explanation():
    # an emergency department's triage note: who brought the child, then how it happened, with no "said"
    assert explanations_in("Jayden-Lee (14 months) brought by dad (Marcus Reid). Fell off the sofa onto laminate floor.") == [
        Explanation("Dad", "Fell off the sofa onto laminate floor")]
    assert explanations_in("Brought by ambulance. Fell down the stairs.") == []  # no one's account
    assert explanations_in("Brought by Police. Fell down the stairs.") == []
    # a verb of saying wins: the speaker is then the one named
    assert explanations_in("Brought by mum. Dad said he fell off the bed.") == [Explanation("Dad", "he fell off the bed")]


def test_a_scald_s_explanation_is_found_however_the_words_run():
    # after a dash, with the child named (hyphenated) before how, and a parent holding to her account
    assert explanations_in("Dad spoke to DSL - said Zara fell off her bike.") == [Explanation("", "Zara fell off her bike")]
    assert explanations_in("Mum states injury happened 3 days ago when Ellie-May pulled the kettle.") == [
        Explanation("Mum", "injury happened 3 days ago when Ellie-May pulled the kettle")]
    assert explanations_in("Mum maintains Ruby pulled the kettle herself.") == [Explanation("Mum", "Ruby pulled the kettle herself")]
    assert differ("she said mummy's boyfriend was making tea and it spilled on her arm", "Ruby pulled the kettle herself")
    assert not differ("injury happened 3 days ago when Ruby pulled the kettle", "Ruby pulled the kettle herself")


def test_what_is_said_of_something_other_than_how_it_happened_is_no_explanation():
    assert explanations_in("Mum said she forgot the appointment. Dad said he was at work.") == []


@pytest.mark.parametrize(("first", "second", "different"), [
    ("he fell at the park", "he fell off the sofa", True),
    ("he banged it on the door", "fell at the park", True),
    ("he fell off his bike", "Jayden fell from his bike on Sunday", False),  # a name and a day say nothing of how
    ("fell over", "fell over at school", False),
    ("walked into the door", "walked into a door", False),
    ("fell off his scooter", "fell off his scooter on the way home from school", False),  # more detail, no other
    ("fell down the stairs", "tripped on the stairs", False),  # one mechanism in other words
    ("fell off his scooter", "fell off his bike", True),
    ("he banged it on the cot", "he fell against the cot", False),  # striking the cot, in other words (fam182)
    ("he hit his head on the table", "he banged his head on the table", False),
    ("dad hit him", "he fell", True),  # someone hitting him is no fall
    ("she walked into the door frame", "she fell off the bed", True),
])
def test_explanations_differ_when_one_says_what_the_other_does_not_add_to(first, second, different):
    assert differ(first, second) is different
