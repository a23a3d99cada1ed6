"""Problems found while reading: data, not exceptions, so every one can be collected and shown."""

from __future__ import annotations

from dataclasses import asdict, dataclass

# An "error" means a row could not be placed in time (it is still kept as an event);
# "warning" means something was read but a person should check it;
# "skipped" records a row or sheet that is not an event (a title, a footer, a Key sheet).
LEVELS = ("error", "warning", "skipped")


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""
    value: str = ""
    hint: str = ""
    level: str = "error"

    def to_dict(self) -> dict:
        return asdict(self)
