"""The integrated chronology as plain rows: the one shape every writer (CSV, XLSX, JSON, HTML) shares."""

from __future__ import annotations

import math

import pandas as pd

from chronocli.read.dates import format_date

# Columns of the exported chronology, in order, with their headings.
EXPORT_COLUMNS = (
    ("event_id", "Event"), ("group", "Group"), ("case_id", "Case"), ("date_shown", "Date"), ("time", "Time"),
    ("age", "Age"), ("agency", "Agency"), ("subject", "Subject"), ("text", "What happened"), ("action", "Action / outcome"),
    ("recorded_by", "Recorded by"), ("kinds_shown", "Kinds"), ("file", "Source file"), ("sheet", "Sheet"), ("row", "Row"),
)
# Columns exported only when some input filled them, so that no cell an agency wrote is left out of the
# spreadsheet; with the extra fields (headers not mapped to a field), after the fixed columns and before the
# source, so the fixed columns keep their places whatever the inputs hold.
_OPTIONAL_COLUMNS = (("type", "Type"), ("significance", "Significance"), ("impact_on_child", "Impact on child"))


def export_columns(rows: list[dict]) -> list[tuple[str, str]]:
    """EXPORT_COLUMNS, with the optional fields and the extra fields that any of `rows` fills."""
    columns = list(EXPORT_COLUMNS)
    optional = [(key, heading) for key, heading in _OPTIONAL_COLUMNS if any(r.get(key) for r in rows)]
    extras = [(f"extra:{name}", name) for name in dict.fromkeys(name for r in rows for name in r["extra"])]
    at = [k for k, _ in columns].index("file")
    columns[at:at] = optional + extras
    return columns


def file_name(path: str) -> str:
    """The last part of a path, whichever separator the system that wrote it used."""
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def _clean(value: object) -> object:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT:
        return None
    return value


def event_dicts(events: pd.DataFrame) -> list[dict]:
    """One dict per event in the JSON contract's shape (DESIGN.md §5)."""
    extras = [c for c in events.columns if c.startswith("extra:")]
    out = []
    for rec in events.to_dict("records"):
        date = rec.get("date")
        has_date = date is not None and not pd.isna(date)
        item = {
            "event_id": rec["event_id"],
            "case_id": rec.get("case_id") or None,
            "date": date.date().isoformat() if has_date else None,
            "date_precision": rec.get("date_precision") or None,
            "approximate": bool(rec.get("approximate")),
            "date_shown": format_date(date.date() if has_date else None, rec.get("date_precision", ""), bool(rec.get("approximate"))),
            "time": rec.get("time") or None,
            "agency": rec.get("agency", ""),
            "subject": rec.get("subject") or None,
            "recorded_by": rec.get("recorded_by") or None,
            "type": rec.get("kind") or None,  # the agency's own type or category column, as written
            "text": rec.get("text", ""),
            "action": rec.get("action") or None,
            "significance": rec.get("significance") or None,
            "impact_on_child": rec.get("impact_on_child") or None,
            "kinds": list(rec.get("kinds") or ()),
            "area": rec.get("area") or None,
            "task_area": rec.get("task_area") or None,
            "account_by": rec.get("account_by") or None,
            "value": _clean(rec.get("value")),
            "group": rec.get("group"),
            "age": rec.get("age") or None,
            "sources": [{"file": rec["file"], "sheet": rec.get("sheet") or None, "row": int(rec["row"]),
                         "sha256": rec.get("sha256")}],
            "extra": {c[6:]: rec[c] for c in extras if _clean(rec.get(c)) not in (None, "")},
        }
        out.append(item)
    return out


def export_rows(events: pd.DataFrame) -> list[dict]:
    """Flat rows for tables: the JSON dicts plus shown forms of date and kinds."""
    rows = []
    group_sizes = events["group"].value_counts() if "group" in events else {}
    for item in event_dicts(events):
        source = item["sources"][0]
        rows.append({**item, **{f"extra:{name}": value for name, value in item["extra"].items()},
                     "kinds_shown": ", ".join(k for k in item["kinds"] if k != "contact"),
                     "file": source["file"], "sheet": source["sheet"] or "", "row": source["row"],
                     "linked": bool(group_sizes.get(item["group"], 1) > 1)})
    return rows
