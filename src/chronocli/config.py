"""Settings: built-in defaults < chrono.toml (or [tool.chrono] in pyproject.toml) < command-line options."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from chronocli.errors import ConfigError

NATIONS = ("england-and-wales", "scotland", "northern-ireland")


@dataclass
class Limits:
    """Ceilings that keep a hostile or broken file from exhausting the machine."""

    max_uncompressed_mb: int = 1024
    max_rows: int = 2_000_000
    max_cols: int = 500


@dataclass
class Config:
    """Everything a run can be told; detectors' thresholds live in `detectors` as raw tables."""

    dayfirst: bool = True
    nation: str = "england-and-wales"
    dob: str = ""
    on_plan: bool = False
    columns: dict[str, str] = field(default_factory=dict)  # source header -> canonical field
    agencies: dict[str, str] = field(default_factory=dict)  # file name -> agency name
    vocabulary: dict[str, list[str]] = field(default_factory=dict)  # kind -> extra phrases
    names: dict[str, str] = field(default_factory=dict)  # name -> label, for pseudonymising
    detectors: dict[str, dict[str, Any]] = field(default_factory=dict)
    limits: Limits = field(default_factory=Limits)
    source: str = "built-in defaults"


_SIMPLE = {"dayfirst": bool, "nation": str, "dob": str, "on_plan": bool}
_TABLES = ("columns", "agencies", "vocabulary", "names", "detectors", "limits")


def find_config(start: Path | None = None) -> Path | None:
    """chrono.toml in the working folder, else a pyproject.toml with a [tool.chrono] table."""
    here = start or Path.cwd()
    if (here / "chrono.toml").is_file():
        return here / "chrono.toml"
    pyproject = here / "pyproject.toml"
    if pyproject.is_file():
        try:
            if "chrono" in tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}):
                return pyproject
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            return None
    return None


def load_config(path: Path | None = None) -> Config:
    """Read and validate a config file; unknown keys and wrong types name the key."""
    path = path or find_config()
    if path is None:
        return Config()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"config file {path} does not exist.", "Check the --config path.") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}).", "Fix the syntax; see README 'Configuration'.") from exc
    if path.name == "pyproject.toml":
        raw = raw.get("tool", {}).get("chrono", {})
    return config_from_dict(raw, str(path))


def config_from_dict(raw: dict[str, Any], source: str = "settings") -> Config:
    """A Config from a parsed table. Every problem is collected and reported together, detectors' thresholds
    included, so a file is put right in one go and before any input is read."""
    config = Config(source=source)
    problems: list[tuple[str, str]] = []
    for key, value in raw.items():
        if key in _SIMPLE:
            if not isinstance(value, _SIMPLE[key]):
                problems.append((f"'{key}' must be {_SIMPLE[key].__name__}, not {value!r}.", ""))
            else:
                setattr(config, key, value)
        elif key in _TABLES:
            if not isinstance(value, dict):
                problems.append((f"[{key}] must be a table.", ""))
            elif key == "limits":
                config.limits = _limits(value, problems)
            elif key == "vocabulary":
                config.vocabulary = _vocabulary(value, problems)
            elif key == "detectors":
                config.detectors = _detectors(value, problems)
            else:
                problems += [(f"[{key}] '{k}' must map to a string.", "") for k, v in value.items() if not isinstance(v, str)]
                setattr(config, key, {k: v for k, v in value.items() if isinstance(v, str)})
        else:
            problems.append((f"unknown setting '{key}'.", f"Known settings: {', '.join([*_SIMPLE, *_TABLES])}."))
    if config.nation not in NATIONS:
        problems.append((f"nation must be one of {', '.join(NATIONS)}, not {config.nation!r}.", ""))
    if problems:
        hint = " ".join(dict.fromkeys(h for _, h in problems if h))
        if len(problems) == 1:
            raise ConfigError(f"{source}: {problems[0][0]}", hint)
        raise ConfigError(f"{source} has {len(problems)} problems:\n" + "\n".join(f"  - {m}" for m, _ in problems), hint)
    return config


def _limits(value: dict[str, Any], problems: list[tuple[str, str]]) -> Limits:
    limits = Limits()
    names = {f.name for f in fields(Limits)}
    for key, number in value.items():
        if key not in names:
            problems.append((f"unknown setting 'limits.{key}'.", f"Known: {', '.join(sorted(names))}."))
        elif not isinstance(number, int) or isinstance(number, bool) or number <= 0:
            problems.append((f"'limits.{key}' must be a positive whole number, not {number!r}.", ""))
        else:
            setattr(limits, key, number)
    return limits


def _vocabulary(value: dict[str, Any], problems: list[tuple[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for kind, phrases in value.items():
        if isinstance(phrases, str):
            phrases = [phrases]
        if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
            problems.append((f"'vocabulary.{kind}' must be a list of phrases.", ""))
            continue
        out[kind] = phrases
    return out


def _detectors(value: dict[str, Any], problems: list[tuple[str, str]]) -> dict[str, dict[str, Any]]:
    from chronocli.detectors.registry import BY_PATTERN  # here: the detectors need nothing from config

    tables: dict[str, dict[str, Any]] = {}
    for name, table in value.items():
        if not isinstance(table, dict):
            problems.append((f"[detectors.{name}] must be a table of thresholds.", ""))
        elif name not in BY_PATTERN:
            problems.append((f"[detectors.{name}] is not a detector.", f"Detectors: {', '.join(BY_PATTERN)}."))
        else:
            problems += BY_PATTERN[name].option_problems(table)
            tables[name] = dict(table)
    return tables
