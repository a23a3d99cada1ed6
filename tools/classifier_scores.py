"""Print the classifier's precision and recall per kind over the labelled corpus in tests/corpus/."""

from __future__ import annotations

import sys
from pathlib import Path

from chronocli.events.classify import Classifier
from chronocli.events.evaluate import corpus_child_names, read_corpus, score

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "events.txt"


def main() -> None:
    corpus = read_corpus(CORPUS)
    scores, wrong = score(corpus, Classifier(child_names=corpus_child_names(CORPUS)))
    agencies = sorted({item.agency for item in corpus})
    print(f"{len(corpus)} labelled entries from {len(agencies)} agency voices ({', '.join(agencies)})")
    print(f"{'kind':28} {'support':>7} {'precision':>9} {'recall':>7}")
    for s in sorted(scores, key=lambda s: -s.support):
        if s.support or s.predicted:
            print(f"{s.kind:28} {s.support:7d} {s.precision:9.2f} {s.recall:7.2f}")
    if "-v" in sys.argv:
        for item, got in wrong:
            print(f"\nline {item.line}: {item.text}\n  expected {sorted(item.kinds)}\n  got      {sorted(got)}")
    print(f"\n{len(corpus) - len(wrong)} of {len(corpus)} entries classified exactly right")


if __name__ == "__main__":
    main()
