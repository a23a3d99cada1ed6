"""The classifier's prefilter: every pattern that can match a text is let through, so results never change.

The reference is the classifier with no prefilter at all (every pattern searched on every text). Texts are
built from the corpus and the vocabulary's own words, with awkward characters (\\v, \\x1c, no-break spaces,
accented letters, newlines) mixed in.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chronocli.events.classify import Classifier, _search
from chronocli.events.evaluate import corpus_child_names, read_corpus
from chronocli.events.prefilter import Prefilter

CORPUS = Path(__file__).parent / "corpus" / "events.txt"
ENTRIES = [item.text for item in read_corpus(CORPUS)]
WORDS = sorted({w for text in ENTRIES for w in re.findall(r"[a-z']+", text.lower())})
AWKWARD = ["\x0b", "\x1c", "\xa0", "\n", "é", "Zoë", "’", "-", ".", ";", "%", "3", "_"]


class _SearchesEverything:
    def __init__(self, codes) -> None:
        self.codes = sorted(codes)

    def candidates(self, text: str) -> list[int]:
        return self.codes


def _classifier() -> Classifier:
    return Classifier({"decline": ["not  tidy"], "threat": ["zzq"]}, child_names=corpus_child_names(CORPUS),
                      adult_names=("darren",))


@pytest.fixture(scope="module")
def classifiers() -> tuple[Classifier, Classifier]:
    fast = _classifier()
    reference = copy.copy(fast)
    reference._prefilter = _SearchesEverything(fast._pattern)
    return fast, reference


texts = st.one_of(
    st.sampled_from(ENTRIES),
    st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(AWKWARD)), max_size=25).flatmap(
        lambda words: st.lists(st.sampled_from([" ", " ", "  ", "\xa0", "\x0b", ""]), min_size=len(words),
                               max_size=len(words)).map(lambda gaps: "".join(w + g for w, g in zip(words, gaps)))),
    st.tuples(st.sampled_from(ENTRIES), st.sampled_from(AWKWARD), st.sampled_from(ENTRIES)).map("".join),
)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_every_pattern_that_matches_is_a_candidate(classifiers, text):
    fast, _ = classifiers
    working = text.lower()
    candidates = set(fast._prefilter.candidates(working))
    matching = {code for code, regex in fast._pattern.items() if _search(regex, working) is not None}
    assert matching <= candidates


@settings(max_examples=400, deadline=None)
@given(texts, st.sampled_from(["", "DNA", "Letter sent", "no access"]))
def test_classification_is_the_same_as_searching_every_pattern(classifiers, text, action):
    fast, reference = classifiers
    assert fast._classify(text, "", action) == reference._classify(text, "", action)


def test_corpus_reads_the_same_as_searching_every_pattern(classifiers):
    fast, reference = classifiers
    assert [fast._classify(t) for t in ENTRIES] == [reference._classify(t) for t in ENTRIES]


def test_prefilter_narrows_the_search():
    # The point of it: a typical entry is matched by a handful of the ~500 patterns, and only those run.
    classifier = Classifier()
    counts = [len(classifier._prefilter.candidates(t.lower())) for t in ENTRIES]
    assert sum(counts) / len(counts) < 0.05 * len(classifier._pattern)


def test_patterns_without_a_literal_are_always_searched_and_any_text_is_read():
    prefilter = Prefilter({1: r"(\w+) \1", 2: "wnb", 3: r"no\s+reply"})
    assert prefilter.candidates("nothing here") == [1]
    assert prefilter.candidates("wnb to dental") == [1, 2]
    assert prefilter.candidates("no\xa0reply") == [1, 3]  # a no-break space, as Python's \s reads it
    assert prefilter.candidates("zoë wnb") == [1, 2]


def test_a_pattern_that_needs_two_things_is_let_through_only_when_both_are_there():
    prefilter = Prefilter({1: r"(?:mum|mother) (?:said|says)", 2: "refused entry", 3: r"mum(?: and dad)? refused"})
    assert prefilter.candidates("mum went out") == []  # "mum" alone: neither "said" nor "refused" is there
    assert prefilter.candidates("the mother says mum refused entry") == [1, 2, 3]
    assert prefilter.candidates("dad said he refused") == []  # "said" and "refused" but no "mum" or "mother"


def test_a_long_note_reads_the_same_as_searching_every_pattern(classifiers):
    # A case note of tens of thousands of words pasted into one cell (the RE2 set this prefilter replaced took most
    # of a minute over one; bench/long_note.py times it): one literal pass, the same reading.
    fast, reference = classifiers
    note = " ".join(ENTRIES)
    assert fast.read(note) == reference._classify(note)._replace(matches=())


@pytest.fixture(scope="module")
def reader() -> Classifier:
    return _classifier()  # one for the whole module, so readings shared between entries are tested too


@settings(max_examples=600, deadline=None)
@given(texts, st.sampled_from(["", "DNA", "Letter sent", "no access", "Referral to CAMHS", "Attendance 85%"]),
       st.sampled_from(["", "DNA", "did_not_attend; hostility", "improvement", "Home visit"]))
def test_read_gives_what_classify_gives_without_the_words(classifiers, reader, text, action, kind):
    _, reference = classifiers
    assert reader.read(text, kind, action) == reference._classify(text, kind, action)._replace(matches=())


def test_read_reads_the_corpus_as_classify_does(classifiers, reader):
    _, reference = classifiers
    for text in ENTRIES * 2:  # the second time, shared readings are used
        assert reader.read(text) == reference._classify(text)._replace(matches=())
