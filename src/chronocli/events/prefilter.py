"""Which of the classifier's patterns could match a text: a cheap test so that only those are searched.

The classifier has some five hundred patterns; a typical entry is matched by two or three. Searching every
pattern with Python's `re` would cost most of a caseload scan, so a prefilter first finds the few that can
match, and only those are searched (in vocabulary order, with the classifier's masking) by `re`.

The test is one Aho-Corasick pass (C) over literals of which at least one must occur in any match of a pattern
(as RE2's own prefilter derives them); a pattern with no such literal is always searched. It lets through every
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
        for code, pattern in sorted(patterns.items()):
            literals = required_literals(pattern)
            if literals is None:
                unfiltered.append(code)
            for literal in literals or ():
                needed_by.setdefault(literal, set()).add(code)
        self._always = tuple(unfiltered)
        self._automaton = ahocorasick.Automaton()
        for literal, codes in needed_by.items():
            self._automaton.add_word(literal, tuple(codes))
        if needed_by:
            self._automaton.make_automaton()

    def candidates(self, text: str) -> list[int]:
        """Codes of the patterns that could match `text` (lower case), ascending."""
        possible = set(self._always)
        if len(self._automaton):
            for _, codes in self._automaton.iter(text):
                possible.update(codes)
        return sorted(possible)


def required_literals(pattern: str) -> frozenset[str] | None:
    """Lower-case literals, one of which every match contains; None if they cannot be derived."""
    try:
        parsed = parser.parse(pattern, re.IGNORECASE)
    except re.error:
        return None
    found = _sequence(list(parsed))
    if found is None or min(map(len, found)) < MIN_LENGTH:
        return None
    return frozenset(found)


def _sequence(items: list) -> set[str] | None:
    """Best requirement of a sequence: the candidate set whose shortest literal is longest."""
    candidates: list[set[str]] = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            candidates.append({"".join(run).lower()})
            run.clear()

    for op, arg in items:
        if op is c.LITERAL:
            run.append(chr(arg))
            continue
        close_run()
        if op is c.SUBPATTERN:
            inner = _sequence(list(arg[-1]))
            if inner:
                candidates.append(inner)
        elif op is c.BRANCH:
            branches = [_sequence(list(alt)) for alt in arg[1]]
            if all(branches):
                candidates.append(set().union(*branches))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            low, _high, body = arg
            if low >= 1:
                inner = _sequence(list(body))
                if inner:
                    candidates.append(inner)
    close_run()
    if not candidates:
        return None
    return max(candidates, key=lambda s: min(map(len, s)))


import re  # noqa: E402  (after the private modules, which re itself loads)
