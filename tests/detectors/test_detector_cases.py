"""Every detector against its case file of small chronologies that must, and must not, fire."""

from __future__ import annotations

import datetime as dt
import inspect
import re
import tomllib
from pathlib import Path

import pytest

from chronocli.detectors.base import SEVERITY_RANK, CaseContext, CaseEvent
from chronocli.detectors.registry import DETECTORS, find_detector
from chronocli.events.classify import Classifier

CASES = Path(__file__).parent / "cases"
CLASSIFIER = Classifier(child_names=("jayden", "liam", "ruby"))


def build_events(lines: list[str], adults: tuple[str, ...] = ()) -> list[CaseEvent]:
    """Events from "date | agency | text" lines, read by the cases' classifier (with `adults`, the adult first names a
    case's files would name: a case's optional `adults` key)."""
    classifier = Classifier(child_names=CLASSIFIER.child_names, adult_names=adults) if adults else CLASSIFIER
    events = []
    for i, line in enumerate(lines, start=1):
        parts = [p.strip() for p in line.split(" | ")]
        date, agency, text = parts[0], parts[1], parts[2]
        extra = dict(part.split("=", 1) for part in parts[3:])  # optional group=..., subject=..., by=..., precision=...
        result = classifier.classify(text)
        events.append(CaseEvent(f"E{i:03d}", dt.date.fromisoformat(date) if date else None, agency, text,
                                frozenset(result.kinds), extra.get("precision", "day"), result.area, result.task_area, result.account_by,
                                result.value, "case.csv", "", i + 1, "", extra.get("group", f"G{i}"),
                                extra.get("subject", ""), extra.get("by", ""), result.seen_by, result.task_outcomes,
                                result.value_area))
    return events


def load_cases():
    for path in sorted(CASES.glob("*.toml")):
        for case in tomllib.loads(path.read_text(encoding="utf-8"))["case"]:
            yield pytest.param(path.stem, case, id=f"{path.stem}: {case['name']}")


@pytest.mark.parametrize(("pattern", "case"), list(load_cases()))
def test_case(pattern, case):
    detector = find_detector(pattern)
    events = build_events(case["events"], tuple(case.get("adults", ())))
    findings = detector.detect(events, detector.Options(), CaseContext(on_plan=case.get("on_plan", False), roles=case.get("roles", {})))
    assert bool(findings) == case["fires"], [f.summary for f in findings]
    if not findings:
        return
    assert all(f.pattern == pattern and f.code == detector.code for f in findings)
    ids = {e.event_id for e in events}
    for finding in findings:
        assert finding.evidence and set(finding.evidence) <= ids, "a finding cites the events it rests on"
        assert finding.first_date <= finding.last_date
    if "severity" in case:
        assert max((f.severity for f in findings), key=SEVERITY_RANK.get) == case["severity"], [f.summary for f in findings]
    if "contains" in case:
        assert any(case["contains"] in f.summary for f in findings), [f.summary for f in findings]
    if "lacks" in case:
        assert not any(case["lacks"] in f.summary for f in findings), [f.summary for f in findings]


@pytest.mark.parametrize("detector", DETECTORS, ids=lambda d: d.pattern)
def test_every_detector_is_documented_and_has_both_kinds_of_case(detector):
    doc = inspect.getdoc(type(detector))
    for section in ("What it finds:", "Why it matters:", "Severity:", "Flagged example:", "Not flagged:"):
        assert section in doc, f"{detector.pattern} docstring lacks {section}"
    assert re.search(r"\d{3} (§|Part|case)", doc), "the docstring cites the guidance"
    assert re.fullmatch(r"RI\d\d", detector.code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", detector.name)
    assert detector.pattern == detector.name.replace("-", "_")
    assert detector.questions, "supervision questions for the report"
    cases = tomllib.loads((CASES / f"{detector.pattern}.toml").read_text(encoding="utf-8"))["case"]
    assert sum(c["fires"] for c in cases) >= 3 and sum(not c["fires"] for c in cases) >= 3
    for field in detector.Options.__dataclass_fields__.values():
        assert field.metadata.get("help"), f"{detector.pattern}.{field.name} has help text"


def test_missing_data_is_a_note_not_a_finding():
    context = CaseContext()
    events = build_events(["2024-01-05 | Police | Domestic incident reported"])
    for detector in DETECTORS:
        assert detector.detect(events, detector.Options(), context) == []
    assert any("child" in note for note in context.notes)
    assert any("measured" in note for note in context.notes)


def test_neutral_wording():
    """Summaries describe the record; they never label the family."""
    banned = re.compile(r"\b(resistant|liar|lying|manipulative|non-compliant|disguised compliance by|guilty|abuser)\b", re.I)
    for path in CASES.glob("*.toml"):
        for case in tomllib.loads(path.read_text(encoding="utf-8"))["case"]:
            detector = find_detector(path.stem)
            for finding in detector.detect(build_events(case["events"], tuple(case.get("adults", ()))), detector.Options(), CaseContext()):
                assert not banned.search(finding.summary), finding.summary


def test_a_strength_is_progress_that_held_read_as_the_detector_reads_it():
    from chronocli.detectors.strengths import find_strengths

    held = build_events(["2024-01-10 | School | Attendance 61%", "2024-02-10 | School | Attendance 80%",
                         "2024-03-10 | School | Attendance 93%"])
    assert [s.title for s in find_strengths(held)] == ["School attendance improved and held"]
    # Said to improve in words, then lower percentages: improvement_then_decline reports it, so no strength may
    # call it held.
    lost = build_events(["2024-01-10 | School | Attendance 61%", "2024-02-10 | School | Attendance much improved",
                         "2024-02-12 | School | Attendance 80%", "2024-02-20 | Social Work | RCPC. Attendance improved",
                         "2024-03-10 | School | Attendance 60%"])
    assert find_strengths(lost) == []
