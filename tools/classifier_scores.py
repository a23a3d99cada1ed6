"""Print the classifier's precision and recall per kind over the labelled corpus in tests/corpus/."""

from __future__ import annotations

import sys
from pathlib import Path

from chronocli.events.classify import Classifier
from chronocli.events.evaluate import corpus_child_names, read_corpus, score

CORPORA = Path(__file__).resolve().parent.parent / "tests" / "corpus"


def main() -> None:
    """`python tools/classifier_scores.py [heldout] [-v]`: the development corpus, or the held-out one."""
    path = CORPORA / ("heldout.txt" if "heldout" in sys.argv else "events.txt")
    corpus = read_corpus(path)
    scores, wrong = score(corpus, Classifier(child_names=corpus_child_names(path)))
    agencies = sorted({item.agency for item in corpus})
    print(f"{len(corpus)} labelled entries from {len(agencies)} agency voices ({', '.join(agencies)})")
    print(f"{'kind':28} {'support':>7} {'precision':>9} {'recall':>7}")
    for s in sorted(scores, key=lambda s: -s.support):
        if s.support or s.predicted:
            print(f"{s.kind:28} {s.support:7d} {s.precision:9.2f} {s.recall:7.2f}")
    if "-v" in sys.argv:
        for item, got in wrong:
            print(f"\nline {item.line}: {item.text}\n  expected {sorted(item.kinds)}\n  got      {sorted(got)}")
    hits, predicted, support = (sum(getattr(s, f) for s in scores) for f in ("true_positive", "predicted", "support"))
    print(f"\nall kinds together: precision {hits / predicted:.3f}, recall {hits / support:.3f}")
    print(f"{len(corpus) - len(wrong)} of {len(corpus)} entries classified exactly right")


if __name__ == "__main__":
    main()
