"""Benchmark: reading one long case note (an assessment pasted into a single cell) of growing length.

Run:  python bench/long_note.py [--words 1000,10000,100000]
Prints, per length, the seconds `Classifier.read` takes over one note made of the corpus's invented entries, and
the milliseconds per 1,000 characters: the cost should grow no faster than the note.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import corpus_entries  # noqa: E402


def main() -> None:
    from chronocli.events.classify import Classifier

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", default="1000,10000,100000", help="Comma-separated note lengths, in words.")
    args = parser.parse_args()
    entries = corpus_entries()
    classifier = Classifier()
    print(f"{'words':>8} {'characters':>11} {'seconds':>8} {'ms per 1,000 chars':>19}")
    for size in (int(w) for w in args.words.split(",")):
        words: list[str] = []
        at = 0
        while len(words) < size:
            words += entries[at % len(entries)].split()
            at += 1
        note = " ".join(words[:size])
        start = time.perf_counter()
        classifier.read(note)
        seconds = time.perf_counter() - start
        print(f"{size:>8,} {len(note):>11,} {seconds:>8.2f} {seconds / len(note) * 1e6:>19.2f}", flush=True)


if __name__ == "__main__":
    main()
