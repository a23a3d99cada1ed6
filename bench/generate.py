"""Generate an invented caseload: N cases x M events across five agency CSV files whose headers and date styles differ."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
from pathlib import Path

ACTIONS = ["", "Letter sent", "Follow up next week", "Information shared", "No further action", "Discussed with manager"]
# (file name, delimiter, case header, date header, text header, extra header, date format)
AGENCIES = [
    ("social_work.csv", ",", "Case Ref", "Date", "Event", "Worker", "%d/%m/%Y"),
    ("health_visiting.csv", ";", "Client ID", "Date of Contact", "Details", "Outcome", "%Y-%m-%d"),
    ("gp.csv", ",", "CaseID", "Date of Event", "Event", "Outcome", "%-d/%-m/%y"),
    ("school.csv", ",", "Pupil/Case", "Date", "Event/Incident", "Action", "%d %b %Y"),
    ("police.csv", "\t", "Child ID", "Incident Date", "Summary", "Officer", "%Y-%m-%d %H:%M"),
]
ROUTINE = [
    "Home visit completed, child seen and appeared well", "Attended appointment with mum", "Child seen in clinic, weighed",
    "Telephone contact with mum, advice given", "Child in school today, happy and engaged", "Seen at home, development on track",
    "Immunisations given, attended with mum", "Review completed, no concerns about home conditions",
]
CONCERNING = [
    "Home visit - no reply, card left", "DNA appointment", "WNB to dental", "Mum refused entry to the worker",
    "Home conditions poor, rubbish in the kitchen", "Home conditions much improved, clean and tidy",
    "Core group meeting held. Mum agreed to attend parenting course", "Child seen alone, said dad shouts and hit him",
    "Mum denied any assault", "Dad shouted at the worker and threatened her", "Absent from school, no reason given",
    "Family moved to a new address", "Parenting course not completed", "Mum cancelled the home visit",
]


EXTRA = [
    "Mum engaged well.", "Dad present.", "Grandmother also present.", "Discussed sleep routine.", "Advice given on diet.",
    "Worker to follow up next week.", "Letter sent.", "Information shared with school.", "Nursery informed.",
    "Child appeared tired.", "Home was cold.", "Mum tearful at times.", "Partner not present.", "Discussed benefits.",
    "Housing issues raised.", "Mum asked about nursery funding.", "Baby feeding well.", "Teeth brushing discussed.",
]


# Entries as varied as practitioners write them: the invented families' entries the classifier's corpus holds.
CORPUS = [Path(__file__).resolve().parent.parent / "tests" / "corpus" / name for name in ("events.txt", "heldout.txt")]


def corpus_entries() -> list[str]:
    """The text of every corpus entry."""
    from chronocli.events.evaluate import read_corpus

    return [item.text for path in CORPUS for item in read_corpus(path) if item.text.strip()]


def generate(folder: Path, events: int, cases: int, distinct_share: float = 0.3, seed: int = 7,
             texts: str = "varied") -> list[Path]:
    """With texts="phrases", an entry of its own is a stock phrase, two stock sentences and a reference number:
    distinct, but in a language of a few dozen phrases. With texts="varied", it is one or two entries of the
    corpus's invented families, as varied in wording as real notes (what the classifier's prefilter must cope
    with: the two give very different pictures of its cost)."""
    rng = random.Random(seed)
    varied = corpus_entries() if texts == "varied" else []
    folder.mkdir(parents=True, exist_ok=True)
    handles, files = {}, []
    paths = []
    for name, delim, case_h, date_h, text_h, extra_h, _ in AGENCIES:
        path = folder / name
        paths.append(path)
        handle = path.open("w", encoding="utf-8", newline="")
        files.append(handle)
        handles[name] = csv.writer(handle, delimiter=delim, lineterminator="\n")  # quotes what needs quoting
        handles[name].writerow([case_h, date_h, text_h, extra_h])
    start = dt.date(2021, 1, 1)
    per_case = max(1, events // cases)
    concern_cases = set(rng.sample(range(cases), k=cases // 5))
    written = 0
    for case in range(cases):
        case_id = f"C{case:06d}"
        n = per_case if case < cases - 1 else events - written
        pool = CONCERNING if case in concern_cases else ROUTINE
        day0 = start + dt.timedelta(days=rng.randrange(0, 900))
        for i in range(n):
            name, delim, _, _, _, extra, fmt = AGENCIES[rng.randrange(len(AGENCIES))]
            when = dt.datetime.combine(day0 + dt.timedelta(days=i * 3 + rng.randrange(3)), dt.time(rng.randrange(8, 18), 0))
            text = rng.choice(pool if rng.random() < 0.7 else ROUTINE)
            if rng.random() < distinct_share:
                if varied:  # one or two entries of the corpus, as written
                    text = " ".join(rng.choice(varied) for _ in range(rng.choice((1, 1, 2))))
                else:  # free text is mostly unique: extra sentences and a reference make this entry distinct
                    text = f"{text}. {rng.choice(EXTRA)} {rng.choice(EXTRA)} Ref {rng.randrange(10**7)}"
            date = when.strftime(fmt)
            fourth = rng.choice(ACTIONS) if extra in ("Outcome", "Action") else f"W{rng.randrange(500)}"
            handles[name].writerow([case_id, date, text, fourth])
        written += n
    for handle in files:
        handle.close()
    return paths


def as_xlsx(paths: list[Path], folder: Path) -> list[Path]:
    """The same caseload as one workbook per agency (what many systems export), written with openpyxl."""
    from openpyxl import Workbook

    folder.mkdir(parents=True, exist_ok=True)
    delimiters = {name: delim for name, delim, *_ in AGENCIES}
    out = []
    for path in paths:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("Chronology")
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle, delimiter=delimiters[path.name]):
                sheet.append(row)
        target = folder / f"{path.stem}.xlsx"
        workbook.save(target)
        out.append(target)
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--cases", type=int, default=1_000)
    parser.add_argument("--texts", choices=("varied", "phrases"), default="varied")
    args = parser.parse_args()
    generate(args.folder, args.events, args.cases, texts=args.texts)
