"""Which of the classifier's patterns could match a text: a cheap test so that only those are searched.

The classifier has some five hundred patterns; a typical entry is matched by two or three. Searching every
pattern with Python's `re` would cost most of a caseload scan, so a prefilter first finds the few that can
match, and only those are searched (in vocabulary order, with the classifier's masking) by `re`.

- ASCII text (nearly every entry): one pass of an RE2 set (C++, a DFA over all patterns at once) built from
  each pattern translated to RE2's syntax as a *superset*: look-arounds dropped, Python's `\\s` spelled out.
  Whatever `re` can match, the translation matches too, so skipping what the set rejects never changes a result.
  Most translations are also *exact* (nothing had to be dropped): a pattern the set lets through then
  certainly matches, which `sure` reports, so a caller that needs only whether it matches need not search.
- Other text, where RE2's ASCII classes and Python's Unicode ones differ: an Aho-Corasick pass over literals
  of which at least one must occur in any match (as RE2's own prefilter derives them).
A pattern neither test can cover is always searched.
"""

from __future__ import annotations

import re._constants as c
import re._parser as parser
from collections.abc import Mapping

import ahocorasick
import re2

MIN_LENGTH = 2  # shorter literals ("a") would pass almost every text
# Memory for the set's DFA, built lazily as texts are matched (RE2 empties it and carries on when it fills). A set
# too large to work within it fails to compile, and the literal test then serves every text. The built-in
# vocabulary compiles and matches alike within 4 MB.
RE2_MEMORY = 64 << 20


class Prefilter:
    """Candidate patterns for a text, as the sorted codes given for them (codes order the search); and, for most
    text, which of them certainly match (see `sure`)."""

    def __init__(self, patterns: Mapping[int, str]) -> None:
        options = re2.Options()
        options.max_mem = RE2_MEMORY
        options.log_errors = False  # RE2 would otherwise write to stderr, past our own error reporting
        self._set = re2.Set.SearchSet(options)
        self._set_codes: list[int] = []
        exact: set[int] = set()
        unfiltered_ascii, unfiltered_other = [], []
        needed_by: dict[str, set[int]] = {}
        for code, pattern in sorted(patterns.items()):
            translated = re2_translation(pattern)
            if translated is not None and _added(self._set, translated[0]):
                self._set_codes.append(code)  # the set numbers what it accepts 0, 1, 2, ...: this list maps back
                if translated[1]:
                    exact.add(code)
            else:
                unfiltered_ascii.append(code)
            literals = required_literals(pattern)
            if literals is None:
                unfiltered_other.append(code)
            for literal in literals or ():
                needed_by.setdefault(literal, set()).add(code)
        if self._set_codes:
            try:
                self._set.Compile()
            except re2.error:  # too big for RE2_MEMORY: the literal test serves every text (slower, same results)
                self._set_codes = []
        self._exact = frozenset(exact) if self._set_codes else frozenset()
        self._always_ascii = tuple(unfiltered_ascii)
        self._always_other = tuple(unfiltered_other)
        self._automaton = ahocorasick.Automaton()
        for literal, codes in needed_by.items():
            self._automaton.add_word(literal, tuple(codes))
        if needed_by:
            self._automaton.make_automaton()

    def candidates(self, text: str) -> list[int]:
        """Codes of the patterns that could match `text`, ascending."""
        return self.sure(text)[0]

    def sure(self, text: str) -> tuple[list[int], frozenset[int]]:
        """candidates(text), and codes that, if among them, certainly match: those whose translation for the set
        is exact, when the set read the text (ASCII text); none otherwise."""
        if self._set_codes and text.isascii():
            found = self._set.Match(text) or ()  # None when nothing matches
            picked = [*map(self._set_codes.__getitem__, found), *self._always_ascii]
            picked.sort()
            return picked, self._exact
        possible = set(self._always_other)
        if len(self._automaton):
            for _, codes in self._automaton.iter(text):
                possible.update(codes)
        return sorted(possible), frozenset()


def _added(patterns: re2.Set, pattern: str) -> bool:
    try:
        patterns.Add(pattern)
    except re2.error:
        return False
    return True


# RE2's \s is [\t\n\f\r ]; Python's, on ASCII text, also takes \v and \x1c-\x1f (str.isspace). Its \S is then
# every other ASCII character (the set only ever reads ASCII text).
_PYTHON_SPACE = r"\t\n\x0b\f\r \x1c-\x1f"
_PYTHON_NOT_SPACE = r"\x00-\x08\x0e-\x1b\x21-\x7f"
_CLASS = {c.CATEGORY_DIGIT: r"\d", c.CATEGORY_NOT_DIGIT: r"\D", c.CATEGORY_WORD: r"\w", c.CATEGORY_NOT_WORD: r"\W",
          c.CATEGORY_SPACE: _PYTHON_SPACE, c.CATEGORY_NOT_SPACE: _PYTHON_NOT_SPACE}  # on ASCII, the rest agree
_AT = {c.AT_BEGINNING: "^", c.AT_BEGINNING_STRING: r"\A", c.AT_END: r"(?:\n?\z)", c.AT_END_STRING: r"\z",
       c.AT_BOUNDARY: r"\b", c.AT_NON_BOUNDARY: r"\B"}
RE2_MAX_REPEAT = 1000


class _Untranslatable(Exception):
    pass


def re2_superset(pattern: str) -> str | None:
    """`pattern` in RE2's syntax, matching (on ASCII text) wherever Python's `re` would, and perhaps elsewhere.

    None when that cannot be guaranteed (back-references, inline flags): such a pattern is always searched.
    """
    translated = re2_translation(pattern)
    return translated[0] if translated else None


def re2_translation(pattern: str) -> tuple[str, bool] | None:
    """`pattern` in RE2's syntax as in re2_superset, and whether it is exact: then, on ASCII text, it finds a
    match exactly when Python's `re` does (not necessarily the same match).

    Exact unless something had to be dropped or widened: a look-around (except a one-character look-behind
    at the very start or look-ahead at the very end, which become the character or the edge of the text),
    an atomic group, a possessive repeat, a repeat bound beyond RE2's limit.
    """
    translation = _Translation()
    try:
        items = list(parser.parse(pattern))
        front = back = ""
        if items and (edge := translation.edge(*items[0], behind=True)) is not None:
            front, items = edge, items[1:]
        if items and (edge := translation.edge(*items[-1], behind=False)) is not None:
            back, items = edge, items[:-1]
        return front + translation.items(items) + back, translation.exact
    except (_Untranslatable, re.error, RecursionError):
        return None


def _char(code: int) -> str:
    return chr(code) if chr(code).isalnum() and code < 128 else f"\\x{{{code:x}}}"


class _Translation:
    """One pattern's parse tree in RE2's syntax; `exact` turns False when something is dropped or widened."""

    def __init__(self) -> None:
        self.exact = True

    def edge(self, op, arg, *, behind: bool) -> str | None:
        """A negative look-behind (look-ahead) of one character at the pattern's start (end), as RE2 can say it:
        that character not there, or the text's edge. For finding whether there is a match, the same thing."""
        if op is not c.ASSERT_NOT or (arg[0] < 0) != behind or len(arg[1]) != 1:
            return None
        (kind, value), = list(arg[1])
        if kind is c.LITERAL:
            other = f"[^{_char(value)}]"
        elif kind is c.IN and not (value and value[0][0] is c.NEGATE):
            other = "[^" + self._in(value)[1:]
        else:
            return None
        return rf"(?:\A|{other})" if behind else rf"(?:{other}|\z)"

    def items(self, items: list) -> str:
        return "".join(self.item(op, arg) for op, arg in items)

    def item(self, op, arg) -> str:  # noqa: PLR0911 - one branch per kind of regex node
        if op is c.LITERAL:
            return _char(arg)
        if op is c.NOT_LITERAL:
            return f"[^{_char(arg)}]"
        if op is c.ANY:
            return "."  # neither engine's dot matches a newline
        if op is c.IN:
            return self._in(arg)
        if op is c.BRANCH:
            return "(?:" + "|".join(self.items(list(alt)) for alt in arg[1]) + ")"
        if op is c.SUBPATTERN:
            _group, add_flags, del_flags, body = arg
            if add_flags or del_flags:
                raise _Untranslatable
            return f"(?:{self.items(list(body))})"
        if op is c.ATOMIC_GROUP:
            self.exact = False  # atomic only narrows what matches
            return f"(?:{self.items(list(arg))})"
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            low, high, body = arg  # laziness only changes which match; possessiveness narrows it
            if low > RE2_MAX_REPEAT:
                raise _Untranslatable
            if op is c.POSSESSIVE_REPEAT or (high is not c.MAXREPEAT and high > RE2_MAX_REPEAT):
                self.exact = False
            upper = "" if high is c.MAXREPEAT or high > RE2_MAX_REPEAT else str(high)
            return f"(?:{self.items(list(body))}){{{low},{upper}}}"
        if op in (c.ASSERT, c.ASSERT_NOT):
            self.exact = False
            return ""  # dropping a look-around only widens what matches
        if op is c.AT and arg in _AT:
            return _AT[arg]
        raise _Untranslatable  # back-references and anything newer

    def _in(self, items: list) -> str:
        negated = bool(items) and items[0][0] is c.NEGATE
        parts = []
        for op, arg in items[1:] if negated else items:
            if op is c.LITERAL:
                parts.append(_char(arg))
            elif op is c.RANGE:
                parts.append(f"{_char(arg[0])}-{_char(arg[1])}")
            elif op is c.CATEGORY and arg in _CLASS:
                parts.append(_CLASS[arg])
            else:
                raise _Untranslatable
        return f"[{'^' if negated else ''}{''.join(parts)}]"


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
