"""Score the classifier against a labelled corpus: precision and recall per kind."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from chronocli.events.classify import Classifier
from chronocli.events.kinds import FORMAL_MEETINGS, HOSTILITY, STABLE_KINDS

# Kinds that follow from others by definition; labels list the specific one only.
IMPLIED = {
    "child_seen_alone": ("child_seen",), "child_not_seen_alone": ("child_seen",),
    **{k: ("hostility",) for k in HOSTILITY if k in STABLE_KINDS},
}
_ATTR = re.compile(r"^\s*\w+=\w+(?:\s+\w+=\w+)*\s*$")


@dataclass(frozen=True)
class Labelled:
    line: int
    agency: str
    text: str
    kinds: frozenset[str]
    attrs: dict[str, str]


@dataclass(frozen=True)
class Score:
    kind: str
    support: int
    predicted: int
    true_positive: int

    @property
    def precision(self) -> float:
        return self.true_positive / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positive / self.support if self.support else 1.0


def corpus_child_names(path: Path) -> tuple[str, ...]:
    """The '# children:' line: first names the tool would learn from a subject column."""
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.startswith("# children:"):
            return tuple(n.strip() for n in raw.split(":", 1)[1].split(",") if n.strip())
    return ()


def read_corpus(path: Path) -> list[Labelled]:
    items = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        parts = [p.strip() for p in raw.split(" | ")]
        agency, kinds, rest = parts[0], parts[1], [p.strip(" |") for p in parts[2:]]
        attrs = {}
        text_parts = []
        for part in rest:
            if _ATTR.match(part):
                attrs.update(pair.split("=") for pair in part.split())
            elif part:
                text_parts.append(part)
        labels = {k.strip() for k in kinds.split(",") if k.strip()}
        unknown = labels - set(STABLE_KINDS)
        if unknown:
            raise ValueError(f"{path}:{number}: unknown kinds {sorted(unknown)}")
        for kind in list(labels):
            labels.update(IMPLIED.get(kind, ()))
        items.append(Labelled(number, agency, " | ".join(text_parts), frozenset(labels), attrs))
    return items


def predicted_kinds(classifier: Classifier, text: str) -> frozenset[str]:
    kinds = set(classifier.classify(text).kinds)
    if kinds & FORMAL_MEETINGS:
        kinds.add("formal_meeting")
    return frozenset(kinds & set(STABLE_KINDS))


def score(corpus: list[Labelled], classifier: Classifier) -> tuple[list[Score], list[tuple[Labelled, frozenset[str]]]]:
    """Per-kind scores, and the entries the classifier got wrong (for reading, not for tuning one by one)."""
    support = dict.fromkeys(STABLE_KINDS, 0)
    predicted = dict.fromkeys(STABLE_KINDS, 0)
    hits = dict.fromkeys(STABLE_KINDS, 0)
    wrong = []
    for item in corpus:
        got = predicted_kinds(classifier, item.text)
        for kind in item.kinds:
            support[kind] += 1
        for kind in got:
            predicted[kind] += 1
        for kind in got & item.kinds:
            hits[kind] += 1
        if got != item.kinds:
            wrong.append((item, got))
    return [Score(k, support[k], predicted[k], hits[k]) for k in STABLE_KINDS], wrong
