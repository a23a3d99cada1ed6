"""Which of the classifier's patterns could match a text: a cheap test so that only those are searched.

The classifier has some thousand patterns; a typical entry is matched by two or three. Searching every
pattern with Python's `re` would cost most of a caseload scan, so a prefilter first finds the few that can
match, and only those are searched (in vocabulary order, with the classifier's masking) by `re`.

The test is one Aho-Corasick pass (C) over literals of which at least one must occur in any match of a pattern
(as RE2's own prefilter derives them), and, for a pattern that needs two things ("mum" and "said"), a check that
a literal of the second was found too; a pattern with no such literal is always searched. It lets through every
pattern that can match, so skipping the rest never changes a result.

(An RE2 set of all the patterns, one DFA, served before it. It was quick on a benchmark whose entries were a few
dozen phrases over and over, but entries as varied as practitioners write them kept leading its DFA into new
states to build: 4 ms an entry (0.5 ms with four times the memory) against this test's 0.1 ms, and a 20,000-word
note took most of a minute.)
"""

from __future__ import annotations

import re._constants as c
import re._parser as parser
from collections.abc import Mapping

import ahocorasick

MIN_LENGTH = 2  # shorter literals ("a") would pass almost every text


class Prefilter:
    """Candidate patterns for a text, as the sorted codes given for them (codes order the search)."""

    def __init__(self, patterns: Mapping[int, str]) -> None:
        unfiltered: list[int] = []
        needed_by: dict[str, set[int]] = {}
        # A pattern passes on its best requirement (one literal of a set found); most have another too ("mum said"
        # needs "mum" and "said"): checked against the literals found, it keeps two thirds of the candidates from
        # the regex search (a set lookup costs far less than a search).
        self._also: dict[int, frozenset[str]] = {}
        for code, pattern in sorted(patterns.items()):
            required = required_sets(pattern)
            if required is None:
                unfiltered.append(code)
                continue
            for literal in required[0]:
                needed_by.setdefault(literal, set()).add(code)
            if len(required) > 1:
                self._also[code] = max(required[1:], key=lambda s: min(map(len, s)))
        self._always = tuple(unfiltered)
        self._automaton = ahocorasick.Automaton()
        for literal in {literal for need in self._also.values() for literal in need} - needed_by.keys():
            needed_by[literal] = set()  # found for the second requirement, though no pattern passes on it alone
        for literal, codes in needed_by.items():
            self._automaton.add_word(literal, (literal, tuple(codes)))
        if needed_by:
            self._automaton.make_automaton()

    def candidates(self, text: str) -> list[int]:
        """Codes of the patterns that could match `text` (lower case), ascending."""
        possible = set(self._always)
        found: set[str] = set()
        if len(self._automaton):
            for _, (literal, codes) in self._automaton.iter(text):
                found.add(literal)
                if codes:
                    possible.update(codes)
        also = self._also.get
        return sorted(code for code in possible if (need := also(code)) is None or not need.isdisjoint(found))


def required_sets(pattern: str) -> tuple[frozenset[str], ...] | None:
    """Sets of lower-case literals, one of each set contained in every match: the best first (the set whose
    shortest literal is longest); None if none can be derived."""
    try:
        parsed = parser.parse(pattern, re.IGNORECASE)
    except re.error:
        return None
    found = [frozenset(s) for s in _requirements(list(parsed)) if min(map(len, s)) >= MIN_LENGTH]
    if not found:
        return None
    best = max(found, key=lambda s: min(map(len, s)))
    return (best, *dict.fromkeys(s for s in found if s != best))


def _requirements(items: list) -> list[set[str]]:
    """What a sequence requires: for each part that must match (a run of literals, a group, an alternation whose
    every branch requires something, a repeat of at least one), a set of literals one of which it contains."""
    found: list[set[str]] = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            found.append({"".join(run).lower()})
            run.clear()

    for op, arg in items:
        if op is c.LITERAL:
            run.append(chr(arg))
            continue
        close_run()
        if op is c.SUBPATTERN:
            inner = _sequence(list(arg[-1]))
            if inner:
                found.append(inner)
        elif op is c.BRANCH:
            branches = [_sequence(list(alt)) for alt in arg[1]]
            if all(branches):
                found.append(set().union(*branches))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            low, _high, body = arg
            if low >= 1:
                inner = _sequence(list(body))
                if inner:
                    found.append(inner)
    close_run()
    return found


def _sequence(items: list) -> set[str] | None:
    """Best requirement of a sequence: the set whose shortest literal is longest."""
    found = _requirements(items)
    return max(found, key=lambda s: min(map(len, s))) if found else None


import re  # noqa: E402  (after the private modules, which re itself loads)
