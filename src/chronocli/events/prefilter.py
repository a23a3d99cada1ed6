"""Literal words a regular expression cannot match without: a cheap test that lets most rules be skipped.

The classifier runs some sixty rules over every distinct text. Most rules cannot match most texts, and
a substring test (`"wnb" in text`) costs a fraction of a regex search. For each pattern we derive a set of
literals of which at least one must occur in any match (as RE2's prefilter does); a rule whose literals are
all absent is skipped. When no such set can be derived the rule always runs, so results never change.
"""

from __future__ import annotations

import re._constants as c
import re._parser as parser

MIN_LENGTH = 2  # shorter literals ("a") would pass almost every text


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
