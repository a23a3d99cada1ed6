"""The registry of detectors, built from explicit imports so a newcomer can read the whole list here."""

from __future__ import annotations

from chronocli.detectors.base import Detector
from chronocli.detectors.child_not_seen import ChildNotSeen
from chronocli.detectors.conflicting_accounts import ConflictingAccounts
from chronocli.detectors.drift import Drift
from chronocli.detectors.hostility_to_staff import HostilityToStaff
from chronocli.detectors.improvement_then_decline import ImprovementThenDecline
from chronocli.detectors.isolation_or_moves import IsolationOrMoves
from chronocli.detectors.missed_appointments import MissedAppointments
from chronocli.detectors.selective_cooperation import SelectiveCooperation

DETECTORS: tuple[Detector, ...] = (
    MissedAppointments(), SelectiveCooperation(), ImprovementThenDecline(), ConflictingAccounts(),
    ChildNotSeen(), HostilityToStaff(), IsolationOrMoves(), Drift(),
)
BY_PATTERN = {d.pattern: d for d in DETECTORS}


def find_detector(key: str) -> Detector | None:
    """By pattern name, kebab-case name or code, case-insensitively."""
    wanted = key.strip().lower()
    for detector in DETECTORS:
        if wanted in (detector.pattern, detector.name, detector.code.lower()):
            return detector
    return None
