"""The classifier's prefilter: every pattern that can match a text is let through, so results never change.

The reference is the classifier with no prefilter at all (every pattern searched on every text). Texts are
built from the corpus and the vocabulary's own words, with the characters where RE2 and Python's `re`
disagree (\\v, \\x1c, no-break spaces, accented letters, newlines) mixed in.
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
from chronocli.events.prefilter import Prefilter, re2_superset, re2_translation

CORPUS = Path(__file__).parent / "corpus" / "events.txt"
ENTRIES = [item.text for item in read_corpus(CORPUS)]
WORDS = sorted({w for text in ENTRIES for w in re.findall(r"[a-z']+", text.lower())})
AWKWARD = ["\x0b", "\x1c", "\xa0", "\n", "é", "Zoë", "’", "-", ".", ";", "%", "3", "_"]


class _SearchesEverything:
    def __init__(self, codes) -> None:
        self.codes = sorted(codes)

    def candidates(self, text: str) -> list[int]:
        return self.codes

    def sure(self, text: str) -> tuple[list[int], frozenset[int]]:
        return self.codes, frozenset()  # sure of nothing: every pattern is searched


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


@pytest.mark.parametrize(("pattern", "matches", "misses"), [
    (r"(?<!not )seen in clinic", ["not seen in clinic", "seen in clinic"], ["seen at home"]),  # look-behind dropped
    (r"moved out(?! of (?:the )?area)", ["moved out of the area"], ["moved in"]),  # look-ahead dropped
    (r"no\s+reply", ["no\x0breply", "no\x1creply", "no \t reply"], ["noreply"]),  # Python's \s, not RE2's
    (r"[^\s,]x", ["ax"], [" x", ",x", "\x1cx"]),
    (r"mum$", ["mum\n", "mum"], ["mum and"]),  # $ also before a final newline, as in Python
    (r"a{2,3}?b", ["aab"], ["ab"]),
    (r"r\.s\.", ["r.s."], ["rxsx"]),
])
def test_translation_matches_where_python_does(pattern, matches, misses):
    import re2

    translated = re2_superset(pattern)
    assert translated is not None
    for text in matches:
        assert re2.search(translated, text), text
    for text in misses:
        assert not re2.search(translated, text), text


def test_untranslatable_patterns_are_always_searched():
    assert re2_superset(r"(\w+) \1") is None  # a back-reference: RE2 has none
    prefilter = Prefilter({1: r"(\w+) \1", 2: "wnb"})
    assert prefilter.candidates("nothing here") == [1]
    assert prefilter.candidates("wnb to dental") == [1, 2]


def test_non_ascii_text_uses_the_literal_test():
    prefilter = Prefilter({1: r"no\s+reply", 2: "wnb"})
    assert prefilter.candidates("no\xa0reply") == [1]  # RE2's ASCII \s would have missed the no-break space
    assert prefilter.candidates("zoë wnb") == [2]


def test_a_set_too_big_for_re2s_memory_falls_back_to_the_literal_test(monkeypatch, classifiers):
    from chronocli.events import prefilter

    monkeypatch.setattr(prefilter, "RE2_MEMORY", 1 << 14)  # far too little for ~500 patterns: Compile fails
    literal_only = _classifier()
    assert literal_only._prefilter._set_codes == []
    _, reference = classifiers
    assert [literal_only._classify(t) for t in ENTRIES] == [reference._classify(t) for t in ENTRIES]


@settings(max_examples=400, deadline=None)
@given(texts)
def test_patterns_the_prefilter_is_sure_of_do_match(classifiers, text):
    fast, _ = classifiers
    working = text.lower()
    candidates, sure = fast._prefilter.sure(working)
    if not working.isascii():
        assert not sure  # the literal test is never sure
    for code in set(candidates) & sure:
        assert _search(fast._pattern[code], working) is not None, code


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


@pytest.mark.parametrize(("pattern", "exact"), [
    (r"(?<![a-z0-9])(?:no reply)(?![a-z0-9])", True),  # one-character look-arounds at the ends become characters
    (r"(?<![a-z0-9])(?:(?<!not )seen in clinic)(?![a-z0-9])", False),  # a longer look-behind is dropped
    (r"seen(?! alone) today", False),  # a look-ahead inside is dropped
    (r"(?>ab|a)c", False),  # atomic: narrower than its translation
    (r"no\s+reply|[^\S,]x|\Sy", True),  # Python's \s and \S spelled out for ASCII text
    (r"a{2,3}?b", True),  # laziness changes which match, not whether
])
def test_translation_says_when_it_is_exact(pattern, exact):
    import re2

    translated, is_exact = re2_translation(pattern)
    assert is_exact is exact
    if exact:  # exact: RE2 finds a match in these texts exactly when Python does
        python = re.compile(pattern)
        for text in ["no reply", "xno reply", "no replyx", "not seen in clinic", "seen in clinic", "ab c", "abc",
                     "ac", " x", ",x", "\x0bx", "ay", " y", "\x1cy", "aab", "ab", "no\x1creply", ""]:
            assert bool(re2.search(translated, text)) == bool(python.search(text)), (pattern, text)
