"""Pseudonymise names for sharing, and reverse it with the key: people become stable labels like [Mother]."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pandas as pd

from chronocli.errors import InputError
from chronocli.output.safety import atomic_write

# Labels are written in square brackets so they stand out and can be turned back into names exactly.
LABEL_FORMAT = "[{}]"


class Pseudonymiser:
    """Replaces listed names, case-insensitively and on word boundaries, longest first ("Kerry Harlow" before "Kerry")."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names = {n.strip(): label.strip() for n, label in names.items() if n.strip() and label.strip()}
        ordered = sorted(self.names, key=len, reverse=True)
        self._lookup = {n.lower(): LABEL_FORMAT.format(self.names[n]) for n in ordered}
        self._regex = (re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in ordered) + r")(?!\w)", re.IGNORECASE)
                       if ordered else None)

    def __call__(self, value: object) -> object:
        if not isinstance(value, str) or self._regex is None:
            return value
        return self._regex.sub(lambda m: self._lookup[m.group(0).lower()], value)

    def frame(self, events: pd.DataFrame) -> pd.DataFrame:
        out = events.copy()
        for column in out.columns:
            textual = out[column].dtype == object or pd.api.types.is_string_dtype(out[column])
            if column in ("kinds", "date", "agency") or not textual:
                continue
            replaced = {v: self(v) for v in out[column].dropna().unique() if isinstance(v, str)}
            out[column] = out[column].map(lambda v, replaced=replaced: replaced.get(v, v) if isinstance(v, str) else v)
        return out

    def dataclass(self, item):
        """A copy of a dataclass (or NamedTuple) with every string field pseudonymised, recursively."""
        if isinstance(item, str):
            return self(item)
        if isinstance(item, tuple) and hasattr(item, "_replace"):
            return item._replace(**{k: self.dataclass(v) for k, v in item._asdict().items() if k not in ("agency", "kinds")})
        if dataclasses.is_dataclass(item) and not isinstance(item, type):
            changes = {f.name: self.dataclass(getattr(item, f.name)) for f in dataclasses.fields(item)
                       if f.name not in ("agency", "agencies", "lanes", "kinds")}
            return dataclasses.replace(item, **changes)
        if isinstance(item, tuple):
            return tuple(self.dataclass(v) for v in item)
        if isinstance(item, Mapping):  # dicts, and the lazily built events of a scanned case
            return {self.dataclass(k): self.dataclass(v) for k, v in item.items()}
        if isinstance(item, Sequence) and not isinstance(item, (bytes, bytearray)):
            return [self.dataclass(v) for v in item]
        return item


def read_key(path: Path) -> dict[str, str]:
    """A two-column CSV of name,label rows; a header row is optional."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: the key file is not UTF-8 text.", "Save it as CSV UTF-8.") from exc
    names: dict[str, str] = {}
    for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        if len(cells) < 2 or not cells[0] or not cells[1]:
            raise InputError(f"{path} row {number}: expected 'name,label', got {row!r}.", "Write one name and its label per row.")
        if number == 1 and [c.lower() for c in cells[:2]] == ["name", "label"]:
            continue
        names[cells[0]] = cells[1]
    return names


def write_key(path: Path, names: dict[str, str]) -> None:
    def write(handle) -> None:
        writer = csv.writer(handle)
        writer.writerow(["name", "label"])
        for name, label in names.items():
            writer.writerow([name, label])
    atomic_write(path, write)


def _free_label(base: str, used: set[str]) -> str:
    """'Mother', or 'Mother 2', 'Mother 3' ... when that label is taken (two mothers' names in the titles)."""
    return next(label for k in range(1, 1000) if (label := base if k == 1 else f"{base} {k}") not in used)


def build_key(path: Path, configured: dict[str, str], subjects: Iterable[str],
              adults: dict[str, str] | None = None) -> dict[str, str]:
    """The key file's names, then config's, then any parent or carer a title names (labelled by role: Mother,
    Father 2 ...), then any new subject (labelled Child A, B...); saved back to the file."""
    names = read_key(path) if path.exists() else {}
    changed = not path.exists()
    for name, label in configured.items():
        if name not in names:
            names[name], changed = label, True
    used = set(names.values())
    for adult, role in (adults or {}).items():
        if adult.lower() in {n.lower() for n in names}:
            continue
        label = _free_label(role, used)
        used.add(label)
        names[adult] = label
        first = adult.split()[0]
        if first.lower() not in {n.lower() for n in names}:
            names[first] = label  # "Leanne said" as well as "Leanne Brennan"
        changed = True
    letters = (chr(c) for c in range(ord("A"), ord("Z") + 1))
    for subject in subjects:
        subject = str(subject).strip()
        if not subject or subject.lower() in {n.lower() for n in names}:
            continue
        label = next(f"Child {x}" for x in letters if f"Child {x}" not in used)
        used.add(label)
        names[subject] = label
        parts = subject.split()
        known = {n.lower() for n in names}
        if len(parts) > 1 and parts[0].lower() not in known:
            names[parts[0]] = label
        if len(parts) > 1 and parts[-1].lower() not in known:
            names[parts[-1]] = "Family"  # a surname names the whole family
        changed = True
    if changed:
        write_key(path, names)
    return names


def written_only_capitalised(names: Iterable[str], texts: Iterable[str]) -> list[str]:
    """Those of `names` no text writes in lower case: names learnt from the entries go into the key only so, as the
    key replaces a name wherever it appears, whatever its case ("Mum Tired" must not turn every "tired" into a label)."""
    text = "\n".join(str(t) for t in texts)
    return [name for name in names
            if not any(re.search(rf"(?<![\w\-']){re.escape(word.lower())}(?![\w\-'])", text) for word in name.split())]


# A capitalised word (not a label, not all capitals): a candidate name.
_CAPITALISED = re.compile(r"(?<![\w\[])[A-Z][a-z]{2,}(?:['\-][A-Z][a-z]+)?(?![\w\]])")
# The same, where no sentence starts it: not after a full stop, colon, bullet, dash, bracket or quote and up to two
# spaces (a word capitalised there is a proper noun). Each look-behind has a fixed width, as Python requires.
_STARTS = r"[.!?:;\n|\u2022\-(\"']"
# The capital first, so the regex engine can skip ahead to capitals rather than try the look-behinds everywhere.
_MID_SENTENCE = re.compile(rf"[A-Z](?<![\w\[].)(?<!{_STARTS}.)(?<!{_STARTS} .)(?<!{_STARTS}  .)[a-z]{{2,}}(?:['\-][A-Z][a-z]+)?(?![\w\]])")
# Capitalised words a chronology uses that are not people: months, days, titles of relatives and services, and words
# that open a sentence ("Not seen." is no one called Not).
NOT_NAMES = frozenset("""
    january february march april may june july august september october november december monday tuesday wednesday
    thursday friday saturday sunday mum mummy mam mammy dad daddy mother father nan nana nanny grandma grandad grandmother
    grandfather gran granny grandpa grandparents auntie aunty aunt uncle baby christmas easter english british council court police school nursery hospital
    social care services service team health visitor worker officer doctor nurse midwife teacher head manager
    paediatrician consultant programme freedom facebook instagram snapchat tiktok whatsapp childline conference
    protection plan review meeting referral strategy group core child children primary academy surgery practice
    centre clinic ward department emergency unit assessment section order neighbour neighbours officers staff
    workers professionals agency agencies family parents carers early help triple
    she they her his him their them not also never still only just yet last first next later pupil patient client
    victim suspect friend friends
    """.split())


# Columns whose words are shown in outputs about the family (who recorded an entry is staff, not the family).
_FREE_TEXT = ("text", "action", "significance", "impact_on_child", "kind", "subject")


def names_left_in(events: pd.DataFrame, hide: Pseudonymiser) -> list[tuple[str, int]]:
    """names_left over what the pseudonymised outputs of `events` will show: their free text and extra fields."""
    columns = [c for c in events.columns if c in _FREE_TEXT or c.startswith("extra:")]
    values = {v for c in columns for v in events[c].dropna().unique() if isinstance(v, str) and v}
    return names_left(hide(v) for v in values)


def names_left(values: Iterable[str], *, limit: int = 10) -> list[tuple[str, int]]:
    """Words in pseudonymised text that look like people's names: capitalised in the middle of a sentence
    somewhere, never written in lower case, not a month, day or service; each with how often it appears
    (sentence starts included). The commonest first, at most `limit`.

    A warning, not a replacement: guessing names into the key would garble ordinary words.
    """
    # All the text joined (a caseload's distinct entries), so that the regex engine does the looping.
    text = "\n" + "\n".join(values)
    candidates = {w for w in set(_MID_SENTENCE.findall(text)) if w.lower() not in NOT_NAMES}
    if not candidates:
        return []
    if len(candidates) <= 50:  # a few: look for each in lower case rather than list every lower-case word
        names = {w for w in candidates if not re.search(rf"(?<![\w\-']){re.escape(w.lower())}(?![\w\-'])", text)}
    else:
        lower_words = set(re.findall(r"\b[a-z][a-z'\-]+\b", text))
        names = {w for w in candidates if w.lower() not in lower_words}
    if names:  # "Kelly Frain attended": a first name that only ever starts a sentence, but goes before a surname
        pairs = set(re.findall(r"\b([A-Z][a-z]{2,}) ([A-Z][a-z]{2,}(?:['\-][A-Z][a-z]+)?)(?![\w\]])", text))
        firsts = {first for first, second in pairs if second in names and first not in names and first.lower() not in NOT_NAMES}
        names |= {w for w in firsts if not re.search(rf"(?<![\w\-']){re.escape(w.lower())}(?![\w\-'])", text)}
    counts = Counter(w for w in _CAPITALISED.findall(text) if w in names)
    left = list(counts.items())
    return sorted(left, key=lambda item: (-item[1], item[0]))[:limit]


def reidentify_text(text: str, names: dict[str, str]) -> str:
    """Put names back: each [label] becomes the first name listed for it in the key."""
    reverse: dict[str, str] = {}
    for name, label in names.items():
        reverse.setdefault(LABEL_FORMAT.format(label).lower(), name)
    if not reverse:
        return text
    regex = re.compile("|".join(re.escape(k) for k in sorted(reverse, key=len, reverse=True)), re.IGNORECASE)
    return regex.sub(lambda m: reverse[m.group(0).lower()], text)


def reidentify_file(source: Path, names: dict[str, str], target: Path, *, force: bool) -> None:
    """Reverse pseudonymisation in a CSV, JSON, HTML, text or XLSX output."""
    suffix = source.suffix.lower()
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        workbook = load_workbook(source)
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str):
                        cell.value = reidentify_text(cell.value, names)
        atomic_write(target, workbook.save, binary=True, force=force)
        return
    if suffix not in (".csv", ".json", ".html", ".htm", ".txt", ".md"):
        raise InputError(f"{source}: cannot reidentify a '{source.suffix}' file.", "Use a .csv, .json, .html, .txt or .xlsx output.")
    text = source.read_text(encoding="utf-8-sig")
    if suffix == ".json":
        import json

        escaped = {json.dumps(n, ensure_ascii=False)[1:-1]: label for n, label in names.items()}
        result = reidentify_text(text, escaped)
    elif suffix in (".html", ".htm"):
        from html import escape

        result = reidentify_text(text, {escape(n): label for n, label in names.items()})
    else:
        result = reidentify_text(text, names)
    bom = "\ufeff" if suffix == ".csv" else ""
    atomic_write(target, lambda f: f.write(bom + result), force=force)
