"""Benchmark: plain pandas.read_csv of a generated caseload against `chrono scan` over the same files.

Run:  python bench/scan.py --events 100000,1000000 [--xlsx] [--distinct-share 0.3] [--texts varied|phrases]
Prints, per size: read_csv seconds, chrono scan seconds, their ratio, chrono's peak memory, the classifier's
rate over distinct texts, the seconds each step takes (reading, classifying, merging, detecting; measured in
this process), and the detector pass time for one case of a few hundred events. With --xlsx the
same caseload is also written as one workbook per agency and timed against pandas.read_excel (calamine).
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import AGENCIES, as_xlsx, generate  # noqa: E402

SEPARATORS = {name: delim for name, delim, *_ in AGENCIES}


def plain_read(paths: list[Path]) -> float:
    start = time.perf_counter()
    for path in paths:
        pd.read_csv(path, sep=SEPARATORS[path.name])
    return time.perf_counter() - start


def plain_read_excel(paths: list[Path]) -> float:
    start = time.perf_counter()
    for path in paths:
        pd.read_excel(path, engine="calamine")
    return time.perf_counter() - start


def chrono_scan(folder: Path, jobs: int) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of `chrono scan` as a separate process, from three runs.

    The first two are timed undisturbed, and the quicker counts (as for the plain read: the machine's other
    work only ever adds time). In the third, memory is sampled every 50 ms from /proc as the sum, over the
    process and its forked workers, of their proportional set sizes (shared pages counted once); where /proc
    is missing, the largest single process's resident size is reported instead.
    """
    out = folder.parent / f"{folder.name}-scan.csv"
    command = [sys.executable, "-m", "chronocli", "scan", str(folder), "-o", str(out), "--quiet", "--force",
               "--jobs", str(jobs), "--top", "1"]
    seconds = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        seconds = min(seconds, time.perf_counter() - start)
        if done.returncode:
            raise SystemExit(f"chrono scan failed:\n{done.stderr}")
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak_kb = 0
    while process.poll() is None:
        peak_kb = max(peak_kb, _tree_pss_kb(process.pid))
        time.sleep(0.05)
    if not peak_kb:
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, peak_kb / 1024


def _tree_pss_kb(pid: int) -> int:
    total = 0
    for member in _process_tree(pid):
        try:
            with open(f"/proc/{member}/smaps_rollup") as handle:
                total += sum(int(line.split()[1]) for line in handle if line.startswith("Pss:"))
        except OSError:
            continue  # the process ended between listing and reading
    return total


def _process_tree(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            children = [int(c) for c in handle.read().split()]
    except OSError:
        return [pid]
    return [pid] + [member for child in children for member in _process_tree(child)]


def classifier_rate(paths: list[Path], limit: int = 50_000) -> tuple[int, float]:
    from chronocli.events.classify import Classifier

    texts: list[str] = []
    for path in paths:
        texts += pd.read_csv(path, sep=SEPARATORS[path.name]).iloc[:, 2].astype(str).unique().tolist()
    texts = list(dict.fromkeys(texts))[:limit]
    classifier = Classifier()
    start = time.perf_counter()
    for text in texts:
        classifier.classify(text)
    return len(texts), len(texts) / (time.perf_counter() - start)


def stage_times(folder: Path, jobs: int) -> dict[str, float]:
    """Seconds per step of one scan run in this process, marked by the pipeline's own stage callback."""
    from chronocli.config import Config
    from chronocli.pipeline import build_chronology
    from chronocli.scan import scan

    marks: list[tuple[str, float]] = []

    def stage(name: str) -> None:
        marks.append((name, time.perf_counter()))

    chronology = build_chronology(sorted(folder.glob("*.csv")), Config(), stage=stage, jobs=jobs)
    stage("detecting")
    scan(chronology, Config(), jobs=jobs)
    stage("")
    return {name: end - start for (name, start), (_, end) in zip(marks, marks[1:])}


def detector_pass(events_per_case: int = 300) -> float:
    """Milliseconds for every detector over one case of `events_per_case` events (median of 20)."""
    from generate import CONCERNING, ROUTINE

    from chronocli.analysis import analyse_case, detector_options
    from chronocli.config import Config
    from chronocli.detectors.base import CaseEvent
    from chronocli.events.classify import Classifier

    classifier = Classifier()
    pool = CONCERNING + ROUTINE
    events = []
    for i in range(events_per_case):
        text = pool[i % len(pool)]
        result = classifier.classify(text)
        events.append(CaseEvent(f"E{i}", dt.date(2022, 1, 1) + dt.timedelta(days=i * 2), ["SW", "HV", "GP", "School"][i % 4],
                                text, frozenset(result.kinds), "day", result.area, result.task_area, result.account_by))
    options = detector_options(Config())
    times = []
    for _ in range(20):
        start = time.perf_counter()
        analyse_case("C1", events, options)
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", default="100000,1000000", help="Comma-separated sizes (events).")
    parser.add_argument("--per-case", type=int, default=100, help="Events per case (cases = events / this).")
    parser.add_argument("--jobs", type=int, default=2, help="--jobs passed to chrono scan.")
    parser.add_argument("--xlsx", action="store_true", help="Also time the caseload as XLSX workbooks.")
    parser.add_argument("--distinct-share", type=float, default=0.3,
                        help="Share of entries with free text of their own (the rest repeat stock phrases). The "
                             "classifier reads each distinct text once, so this drives its cost; 1.0 is a caseload "
                             "where no two entries are worded alike.")
    parser.add_argument("--texts", choices=("varied", "phrases"), default="varied",
                        help="What an entry of its own says: entries of the corpus's invented families, as varied as "
                             "real notes (the default), or stock phrases and a reference number (the benchmark before "
                             "December 2026, kept to compare with its figures).")
    args = parser.parse_args()
    print(f"detector pass, one case of 300 events: {detector_pass():.1f} ms")
    print(f"{'events':>10} {'cases':>7} {'read_csv s':>10} {'scan s':>8} {'ratio':>6} {'peak MB':>8} {'distinct/s':>10}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.events.split(",")):
            folder = Path(tmp) / f"caseload-{size}"
            paths = generate(folder, size, max(1, size // args.per_case), distinct_share=args.distinct_share,
                             texts=args.texts)
            read = min(plain_read(paths) for _ in range(2))
            scan, peak = chrono_scan(folder, args.jobs)
            distinct, rate = classifier_rate(paths)
            print(f"{size:>10,} {size // args.per_case:>7,} {read:>10.2f} {scan:>8.2f} {scan / read:>6.1f} {peak:>8.0f} "
                  f"{rate:>10,.0f}", flush=True)
            steps = stage_times(folder, args.jobs)
            print(f"{'':>10} in-process: " + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in steps.items()),
                  flush=True)
            if args.xlsx:
                books = as_xlsx(paths, Path(tmp) / f"caseload-{size}-xlsx")
                read = min(plain_read_excel(books) for _ in range(2))
                scan, peak = chrono_scan(books[0].parent, args.jobs)
                print(f"{'  as XLSX':>10} {'':>7} {read:>10.2f} {scan:>8.2f} {scan / read:>6.1f} {peak:>8.0f} "
                      f"{'(read_excel)':>10}", flush=True)


if __name__ == "__main__":
    main()
