"""The `chrono` command: parse options, call the library, render, and turn errors into exit codes."""

from __future__ import annotations

import datetime as dt
import gc
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from chronocli import __version__
from chronocli.config import Config, load_config
from chronocli.errors import ChronoError, ConfigError, InputError
from chronocli.merge import Filters, parse_period
from chronocli.pipeline import Chronology, build_chronology, family_named_by_role, make_classifier

app = typer.Typer(
    name="chrono", add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
    help="Merge agencies' child-protection chronologies and find indicators of resistance, citing the evidence. "
         "Add --debug anywhere to see a full traceback.",
)
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

Inputs = Annotated[list[Path], typer.Argument(help="Chronology files (.csv, .xlsx, .xlsm) or folders of them.", show_default=False)]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="Settings file (default: ./chrono.toml).")]
SheetOpt = Annotated[str | None, typer.Option("--sheet", help="Read only this sheet of each workbook.")]
MapOpt = Annotated[list[str] | None, typer.Option("--map", help='Header to canonical field, e.g. --map "Event Date=date". Repeatable.')]
AgencyOpt = Annotated[list[str] | None, typer.Option(
    "--agency", help="FILE=NAME names a file's agency; a plain NAME keeps only that agency's events. Repeatable.")]
MonthFirstOpt = Annotated[bool, typer.Option("--month-first", help="Read numeric dates month-first (US style).")]
OutOpt = Annotated[Path | None, typer.Option("-o", "--output", help="Output file; its suffix chooses the format.")]
ForceOpt = Annotated[bool, typer.Option("--force", help="Replace an existing output file.")]
PseudoOpt = Annotated[Path | None, typer.Option(
    "--pseudonymise",
    help="Key file (CSV name,label): replace these people's names with labels in every output; created or extended as needed.")]


def _version(value: bool) -> None:
    if value:
        out.print(f"chrono {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")] = False,
) -> None:
    """chrono: integrated chronologies analysed for indicators of resistance."""


def _settings(config_path: Path | None, maps: list[str] | None, agencies: list[str] | None,
              month_first: bool = False, dob: str | None = None) -> tuple[Config, tuple[str, ...]]:
    """Config from file with command-line overrides; returns it and the agency filter names."""
    config = load_config(config_path)
    for item in maps or []:
        source, sep, field = item.partition("=")
        if not sep or not source.strip() or not field.strip():
            raise ConfigError(f"--map {item!r} must look like \"Header=field\".", "For example --map \"Date of Visit=date\".")
        from chronocli.read.headers import CANONICAL

        if field.strip() not in CANONICAL:
            raise ConfigError(f"--map {item!r}: '{field.strip()}' is not a canonical field.", f"Fields: {', '.join(CANONICAL)}.")
        config.columns[source.strip()] = field.strip()
    wanted: list[str] = []
    for item in agencies or []:
        name, sep, agency = item.partition("=")
        if sep:
            config.agencies[Path(name.strip()).name] = agency.strip()
        else:
            wanted.append(item.strip())
    if month_first:
        config.dayfirst = False
    if dob:
        try:
            dt.date.fromisoformat(dob)
        except ValueError as exc:
            raise ConfigError(f"--dob {dob!r} is not a date.", "Write it as YYYY-MM-DD, e.g. 2019-06-14.") from exc
        config.dob = dob
    return config, tuple(wanted)


def _date_option(value: str | None, name: str) -> dt.date | None:
    if not value:
        return None
    from chronocli.read.dates import parse_date

    parsed = parse_date(value)
    if parsed.date is None:
        raise ChronoError(f"{name} {value!r} is not a date ({parsed.error}).", "Write it as 01/03/2024 or 2024-03-01.")
    return parsed.date


FromOpt = Annotated[str | None, typer.Option("--from", help="Only events on or after this date.")]
ToOpt = Annotated[str | None, typer.Option("--to", help="Only events on or before this date.")]
LastOpt = Annotated[str | None, typer.Option("--last", help="Only the last period: 2y, 18m, 6w, 90d.")]
DobOpt = Annotated[str | None, typer.Option("--dob", help="Child's date of birth (YYYY-MM-DD): adds age at each event.")]


def _filters(date_from: str | None, date_to: str | None, last: str | None, agencies: tuple[str, ...] = (),
             kinds: tuple[str, ...] = (), significant: bool = False, case: str | None = None) -> Filters:
    start = _date_option(date_from, "--from")
    if last:
        start = max(filter(None, [start, parse_period(last)]))
    return Filters(start, _date_option(date_to, "--to"), agencies, kinds, significant, case)


def _pseudonymiser(key: Path | None, config: Config, chronology: Chronology):
    """The name replacer for --pseudonymise, or None. The key file is written or extended first."""
    if key is None:
        return None
    from chronocli.events.people import CHILD
    from chronocli.privacy import Pseudonymiser, build_key, written_only_capitalised

    subjects = chronology.events["subject"].dropna().unique().tolist() if "subject" in chronology.events else []
    adults = {name: role for sheet in chronology.sheets for name, role in sheet.adults.items()}  # parents a title names
    named = family_named_by_role(chronology.events)  # "Mother Gemma Dunn", "Baby Ava" in one family's entries
    named = {name: named[name] for name in written_only_capitalised(named, chronology.events["text"].unique())}
    adults |= {name: role for name, role in named.items() if role != CHILD and name not in adults}
    subjects += [name for name, role in named.items() if role == CHILD]
    names = build_key(key, config.names, subjects, adults)
    err.print(f"Names replaced by labels using {key} ({len(names)} names). Keep the key file safe: it reverses this.",
              markup=False)
    hide = Pseudonymiser(names)
    _warn_of_names_left(hide, chronology, key)
    return hide


def _warn_of_names_left(hide, chronology: Chronology, key: Path) -> None:
    """Say which words that look like names the key does not cover: only listed names are replaced, and a
    practitioner about to share an output should not find 'Shannon' in it afterwards."""
    from chronocli.privacy import names_left_in

    left = names_left_in(chronology.events, hide)
    if left:
        listed = ", ".join(f"{word} ({n})" for word, n in left)
        err.print(f"Warning: words that look like names are still in the output, not in the key: {listed}. Check them "
                  f"before sharing; to replace one, add a line such as '{left[0][0]},Adult 1' to {key} and run again.",
                  markup=False)


def _read(inputs: list[Path], config: Config, filters: Filters | None, sheet: str | None, stage=None,
          jobs: int = 1) -> Chronology:
    """Read all inputs; if any whole file failed, list every problem and stop."""
    chronology = build_chronology(inputs, config, filters=filters, sheet=sheet, stage=stage, jobs=jobs)
    # The chronology lives until the command ends: the cycle collector need not rescan its millions of objects
    # each time later work (analysis, output) allocates enough to trigger a full collection.
    gc.freeze()
    fatal = [p for p in chronology.problems if p.level == "error" and p.row is None]
    if fatal:
        from chronocli.output.console import problems_table

        err.print(problems_table(chronology.problems, "Problems reading the inputs"))
        first = fatal[0]
        raise InputError(f"{len(fatal)} input(s) could not be read; first: {first.message}", first.hint)
    return chronology


@app.command()
def check(inputs: Inputs, config_path: ConfigOpt = None, sheet: SheetOpt = None, maps: MapOpt = None,
          agencies: AgencyOpt = None, month_first: MonthFirstOpt = False) -> None:
    """Read and validate only: list every problem (file, sheet, row, column, value) and a summary per file."""
    from chronocli.output.console import problems_table, summary_table

    config, _ = _settings(config_path, maps, agencies, month_first)
    chronology = build_chronology(inputs, config, sheet=sheet)
    if chronology.sheets:
        out.print(summary_table(chronology))
    if chronology.problems:
        out.print(problems_table(chronology.problems))
    errors = [p for p in chronology.problems if p.level == "error"]
    if errors:
        err.print(f"[bold red]{len(errors)} problem(s) stop rows or files from being placed in time.[/] "
                  "Fix them in the source files, or use the hints above.")
        raise typer.Exit(2)
    out.print(f"[green]All {chronology.rows_read} rows can be placed in time.[/]")


@app.command()
def template(
    output: OutOpt = None,
    fmt: Annotated[str | None, typer.Option("--format", help="csv or xlsx (default: from -o's suffix, else xlsx).")] = None,
    force: ForceOpt = False,
) -> None:
    """Write a blank single-agency chronology in the canonical columns."""
    from chronocli.template import write_template

    target = output or Path(f"chronology_template.{fmt or 'xlsx'}")
    write_template(target, fmt, force=force)
    err.print(f"Wrote {target}", markup=False)


@app.command()
def merge(
    inputs: Inputs,
    output: OutOpt = None,
    date_from: FromOpt = None, date_to: ToOpt = None, last: LastOpt = None,
    kinds: Annotated[list[str] | None, typer.Option("--kind", help="Only events of this kind (e.g. did_not_attend). Repeatable.")] = None,
    significant: Annotated[bool, typer.Option("--significant", help="Drop routine entries that record nothing a detector could use.")] = False,
    dob: DobOpt = None,
    config_path: ConfigOpt = None, sheet: SheetOpt = None, maps: MapOpt = None, agencies: AgencyOpt = None,
    month_first: MonthFirstOpt = False, force: ForceOpt = False, pseudonymise: PseudoOpt = None,
) -> None:
    """Merge every agency's chronology into one integrated chronology, every line traceable to its source row."""
    from chronocli.output.console import chronology_table

    config, wanted = _settings(config_path, maps, agencies, month_first, dob)
    filters = _filters(date_from, date_to, last, wanted, tuple(kinds or ()), significant)
    if output is not None:
        from chronocli.output.safety import check_output

        check_output(output, inputs, force)
    chronology = _read(inputs, config, filters, sheet)
    if (hide := _pseudonymiser(pseudonymise, config, chronology)) is not None:
        chronology = Chronology(hide.frame(chronology.events), hide.dataclass(chronology.problems),
                                hide.dataclass(chronology.sheets), chronology.rows_read)
    if output is None:
        out.print(chronology_table(chronology))
        _warn_problems(chronology)
        return
    from chronocli.output.chronology import write_chronology

    write_chronology(chronology, output, force=force or not output.exists())
    unplaced = sum(1 for p in chronology.problems if p.level == "error")
    err.print(f"Wrote {len(chronology.events)} events to {output}" + (f"; {unplaced} undated, listed as problems" if unplaced else ""),
              markup=False)
    warnings = [p for p in chronology.problems if p.level == "warning"]  # few, and easy to miss inside a file
    if warnings:
        from chronocli.output.console import problems_table

        err.print(problems_table(warnings, "Warnings (also listed with the output's problems)"))


@app.command()
def report(
    inputs: Inputs,
    fmt: Annotated[str | None, typer.Option(
        "--format", help="rich (terminal), text, json or html. Default: from -o's suffix, else rich on a terminal, else text.")] = None,
    output: OutOpt = None,
    case: Annotated[str | None, typer.Option("--case", help="Report on this case id only (inputs with a case column).")] = None,
    date_from: FromOpt = None, date_to: ToOpt = None, last: LastOpt = None,
    min_severity: Annotated[str, typer.Option("--min-severity", help="Leave out findings below this: low, medium or high.")] = "low",
    width: Annotated[int, typer.Option("--width", min=60, max=400, help="Line width of --format text.")] = 100,
    dob: DobOpt = None,
    config_path: ConfigOpt = None, sheet: SheetOpt = None, maps: MapOpt = None, agencies: AgencyOpt = None,
    month_first: MonthFirstOpt = False, force: ForceOpt = False, pseudonymise: PseudoOpt = None,
) -> None:
    """Merge the inputs, run the pattern detectors and print the risk-indicator report with its evidence."""
    from chronocli.analysis import analyse
    from chronocli.report.model import build_report

    if min_severity not in ("low", "medium", "high"):
        raise ChronoError(f"--min-severity {min_severity!r} is not a severity.", "Use low, medium or high.")
    chosen = _report_format(fmt, output)
    config, wanted = _settings(config_path, maps, agencies, month_first, dob)
    if output is not None:
        from chronocli.output.safety import check_output

        check_output(output, inputs, force)
    chronology = _read(inputs, config, _filters(date_from, date_to, last, wanted, case=case), sheet)
    if case is not None and chronology.events.empty:
        raise ChronoError(f"no events for case {case!r}.", "Check the case id; `chrono scan` lists the cases.")
    analyses, sources = analyse(chronology.events, config), chronology.sheets
    if (hide := _pseudonymiser(pseudonymise, config, chronology)) is not None:
        analyses, sources = hide.dataclass(analyses), hide.dataclass(sources)
    built = build_report(analyses, sources, min_severity=min_severity, max_columns=min(60, width - 24),
                         timelines=chosen != "json")
    _emit_report(built, chosen, output, width, force)
    _warn_problems(chronology)


def _warn_problems(chronology: Chronology) -> None:
    """Rows that could not be placed in time (or other warnings) are shown on stderr, so no output hides them."""
    notable = [p for p in chronology.problems if p.level != "skipped"]
    if notable:
        from chronocli.output.console import problems_table

        err.print(problems_table(notable, "Problems reading the inputs (the rows are kept)"))


def _report_format(fmt: str | None, output: Path | None) -> str:
    if fmt is None:
        suffix = output.suffix.lower() if output else ""
        fmt = {".json": "json", ".html": "html", ".htm": "html", ".txt": "text", ".md": "text"}.get(suffix)
        if fmt is None:
            fmt = "text" if output is not None or not out.is_terminal else "rich"
    if fmt not in ("rich", "text", "json", "html"):
        raise ChronoError(f"--format {fmt!r} is not a report format.", "Use rich, text, json or html.")
    return fmt


def _emit_report(built, fmt: str, output: Path | None, width: int, force: bool) -> None:
    import json

    from chronocli.output.safety import atomic_write
    from chronocli.report.console import render_report, render_text
    from chronocli.report.html import render_html
    from chronocli.report.model import report_json

    if fmt == "rich" and output is None:
        render_report(built, out)
        return
    if fmt == "json":
        content = json.dumps(report_json(built), ensure_ascii=False, indent=1) + "\n"
    elif fmt == "html":
        content = render_html(built)
    else:
        content = render_text(built, width)
    if output is None:
        sys.stdout.write(content)
        return
    atomic_write(output, lambda f: f.write(content), force=force or not output.exists())
    err.print(f"Wrote {output}", markup=False)


@app.command()
def scan(
    inputs: Inputs,
    output: OutOpt = None,
    jobs: Annotated[int, typer.Option("--jobs", min=0, max=64, help="Processes for classifying text and analysing cases (0: one per core, up to 4).")] = 0,
    case_column: Annotated[str | None, typer.Option("--case-column", help="The header that holds the case id, if not recognised.")] = None,
    reports: Annotated[Path | None, typer.Option("--reports", help="Folder for one HTML report per flagged case.")] = None,
    min_severity: Annotated[str, typer.Option("--min-severity", help="Leave out findings below this: low, medium or high.")] = "low",
    pattern: Annotated[list[str] | None, typer.Option("--pattern", help="Only these patterns (e.g. missed_appointments). Repeatable.")] = None,
    top: Annotated[int, typer.Option("--top", min=1, help="Cases shown on the terminal (the -o file has every case).")] = 30,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress bar.")] = False,
    date_from: FromOpt = None, date_to: ToOpt = None, last: LastOpt = None,
    config_path: ConfigOpt = None, sheet: SheetOpt = None, maps: MapOpt = None, agencies: AgencyOpt = None,
    month_first: MonthFirstOpt = False, force: ForceOpt = False, pseudonymise: PseudoOpt = None,
) -> None:
    """Triage a whole caseload: analyse every case (grouped by case id) and rank those whose records show indicators."""
    from chronocli.cases import NO_CASE, case_keys
    from chronocli.detectors.registry import BY_PATTERN
    from chronocli.output.scan import check_reports_folder, write_case_reports, write_scan
    from chronocli.output.scan_console import progress_bar, scan_table
    from chronocli.parallel import default_jobs
    from chronocli.read.spellings import JOINED_CASES, NOT_JOINED_CASES
    from chronocli.scan import flagged, pseudonymised
    from chronocli.scan import scan as run_scan

    if min_severity not in ("low", "medium", "high"):
        raise ChronoError(f"--min-severity {min_severity!r} is not a severity.", "Use low, medium or high.")
    unknown = [p for p in pattern or [] if p not in BY_PATTERN]
    if unknown:
        raise ChronoError(f"--pattern {unknown[0]!r} is not a pattern.", f"Patterns: {', '.join(BY_PATTERN)}.")
    config, wanted = _settings(config_path, maps, agencies, month_first)
    if case_column:
        config.columns[case_column] = "case_id"
    if output is not None:
        from chronocli.output.safety import check_output

        check_output(output, inputs, force)
    if reports is not None:
        check_reports_folder(reports)
    jobs = jobs or default_jobs()
    with progress_bar(err, enabled=not quiet and err.is_terminal) as progress:
        chronology = _read(inputs, config, _filters(date_from, date_to, last, wanted), sheet, stage=progress.stage, jobs=jobs)
        if progress.shown:  # counting the cases is a pass over the whole table: only for a bar someone sees
            case_ids = case_keys(chronology.events)
            progress.stage("detecting", total=case_ids[case_ids != NO_CASE].nunique())
        result = run_scan(chronology, config, jobs=jobs, patterns=tuple(pattern or ()),
                          min_severity=min_severity, advance=progress.advance)
    gc.freeze()  # as the chronology (see _read): every case's analysis is kept until the command ends
    sources = chronology.sheets
    if (hide := _pseudonymiser(pseudonymise, config, chronology)) is not None:
        result, sources = pseudonymised(result, hide, chronology.events), hide.dataclass(sources)
    if not result.cases:
        raise ChronoError("no case ids found, so there is nothing to triage.",
                          "Scan needs a case column (Case, Case Ref, Child ID, ...); name it with --case-column.")
    out.print(scan_table(result, top))
    if result.unassigned:
        err.print(f"[yellow]{result.unassigned} event(s) have no case id;[/] they are listed as problems and not analysed.")
        whole_files = [p for p in result.problems if p.column == "case_id" and p.row is None]
        if whole_files:  # a file with no case column: the fix is one option, so say it here
            from chronocli.output.console import problems_table
            err.print(problems_table(whole_files, "Files with no case id on any row"))
    joined = [p for p in result.problems if p.column == "case_id" and JOINED_CASES in p.message]
    if joined:  # cases were joined: the analyst must know, however the table looks
        shown = "; ".join(p.message.removeprefix("case ids ") for p in joined[:3])
        err.print(f"{len(joined)} case id(s) written with different spacing or letter case were read as one case: {shown}"
                  f"{' ...' if len(joined) > 3 else ''} (all listed under 'problems' in a JSON output, or by chrono check).",
                  markup=False)
    apart = [p for p in result.problems if p.column == "case_id" and NOT_JOINED_CASES in p.message]
    if apart:  # one child's records may be split between two cases
        shown = "; ".join(p.message.removeprefix("case ids ").split(f" {NOT_JOINED_CASES}")[0] for p in apart[:3])
        err.print(f"{len(apart)} set(s) of case ids differ only in punctuation and were kept as separate cases: {shown}"
                  f"{' ...' if len(apart) > 3 else ''}. If they are one child's, write them alike in the sources.",
                  markup=False)
    if output is not None:
        write_scan(result, output, force=force or not output.exists())
        err.print(f"Wrote {len(result.cases)} cases to {output}", markup=False)
    if reports is not None:
        written = write_case_reports(flagged(result.cases), reports, sources, force=force)
        err.print(f"Wrote {len(written)} case reports to {reports}", markup=False)


@app.command()
def patterns(
    code: Annotated[str | None, typer.Argument(help="A detector's code, name or pattern (e.g. RI01, missed_appointments).")] = None,
    config_path: ConfigOpt = None,
) -> None:
    """List the pattern detectors with their codes, thresholds and guidance; or explain one."""
    import inspect

    from rich.table import Table
    from rich.text import Text

    from chronocli.analysis import detector_options
    from chronocli.detectors.registry import DETECTORS, find_detector

    options = detector_options(load_config(config_path))
    if code is None:
        table = Table(title="Pattern detectors", header_style="bold", expand=True)
        for column in ("Code", "Pattern", "Name", "Thresholds (current values)", "Guidance"):
            table.add_column(column, overflow="fold")
        for d in DETECTORS:
            values = ", ".join(f"{k}={v}" for k, v in vars(options[d.pattern]).items())
            table.add_row(d.code, d.pattern, d.name, values, d.guidance)
        out.print(table)
        out.print("See one with: chrono patterns CODE")
        return
    detector = find_detector(code)
    if detector is None:
        raise ChronoError(f"no detector called {code!r}.", f"Detectors: {', '.join(d.pattern for d in DETECTORS)}.")
    out.print(f"[bold]{detector.code} {detector.pattern}[/] ({detector.name}) - guidance: {detector.guidance}\n")
    # The docstring's paragraphs, each joined into one line so the terminal wraps it to its own width.
    paragraphs = inspect.getdoc(type(detector)).split("\n\n")
    out.print("\n\n".join(" ".join(paragraph.split()) for paragraph in paragraphs) + "\n", markup=False)
    table = Table(title=Text(f"Settings ([detectors.{detector.pattern}] in chrono.toml)"), header_style="bold")
    for column in ("Setting", "Default", "Current", "What it means"):
        table.add_column(column, overflow="fold")
    current = options[detector.pattern]
    for name, spec in detector.Options.__dataclass_fields__.items():
        table.add_row(name, str(spec.default), str(getattr(current, name)), spec.metadata.get("help", ""))
    out.print(table)
    out.print("[bold]Questions for supervision[/]")
    for question in detector.questions:
        out.print(f"  - {question}", markup=False)


@app.command()
def reidentify(
    file: Annotated[Path, typer.Argument(help="An output written with --pseudonymise (.csv, .json, .html, .txt or .xlsx).")],
    key: Annotated[Path, typer.Option("--key", help="The key file used to pseudonymise it.")],
    output: OutOpt = None,
    force: ForceOpt = False,
) -> None:
    """Put the names back into a pseudonymised output, using its key file."""
    from chronocli.privacy import read_key, reidentify_file

    if not key.is_file():
        raise ChronoError(f"{key}: no such key file.", "Give the key file used with --pseudonymise.")
    if not file.is_file():
        raise ChronoError(f"{file}: no such file.", "Check the path.")
    target = output or file.with_name(f"{file.stem}.reidentified{file.suffix}")
    if target.resolve() == file.resolve():
        raise ChronoError(f"{target} is the input; refusing to overwrite it.", "Choose another output name.")
    reidentify_file(file, read_key(key), target, force=force or not target.exists())
    err.print(f"Wrote {target}", markup=False)


@app.command("explain-event")
def explain_event(
    text: Annotated[str, typer.Argument(help="A chronology entry, in quotes.")],
    outcome: Annotated[str, typer.Option("--outcome", help="What an Outcome/Action column said, if any.")] = "",
    child: Annotated[list[str] | None, typer.Option("--child", help="A child's first name, as a subject column would "
                                                     "give it (repeatable): 'Poppy seen' is read only for a known child.")] = None,
    config_path: ConfigOpt = None,
) -> None:
    """Show which kinds a text gets, and the words that gave each one."""
    import pandas as pd
    from rich.table import Table

    from chronocli.events.people import unknown_people
    from chronocli.output.console import plain

    config = load_config(config_path)
    classifier = make_classifier(config, pd.DataFrame({"subject": child}) if child else None)
    result = classifier.classify(text, "", outcome)
    table = Table(title="How chrono reads this entry", header_style="bold")
    table.add_column("Kind")
    table.add_column("Because of the words")
    table.add_column("Found in")
    for match in result.matches:
        table.add_row(plain(match.kind), plain(match.words), plain(match.source))
    out.print(table)
    out.print(plain(f"Kinds: {', '.join(result.kinds) or '(none)'}"))
    if result.area:
        out.print(plain(f"Area: {result.area}"))
    if result.account_by:
        out.print(plain(f"Account given by: {result.account_by}"))
    if result.value is not None:
        out.print(plain(f"Value: {result.value}"))
    for name, kinds in result.seen_by:
        out.print(plain(f"Of {name.capitalize()}: {', '.join(kinds) or '(nothing said)'}"))
    for kind, area in result.task_outcomes:
        out.print(plain(f"Task {kind.removeprefix('task_').replace('_', ' ')}: {area or '(no area named)'}"))
    unknown = list(dict.fromkeys(unknown_people(text, set(classifier.child_names) | set(classifier.adult_names))))
    if unknown:
        out.print(plain(f"Not known as a child or a parent: {', '.join(unknown)}. Whether a child was seen, or spoke, "
                        f"is read only for known names: add --child {unknown[0]} (or [names] in chrono.toml)."))


def main() -> None:
    """Entry point: errors become a short red message with a hint (exit 2); --debug shows the traceback."""
    argv = sys.argv[1:]
    debug = "--debug" in argv
    argv = [a for a in argv if a != "--debug"]
    try:
        # Typer handles usage errors itself (message, exit 2); our own errors arrive here.
        app(args=argv, prog_name="chrono")
    except ChronoError as exc:
        if debug:
            raise
        err.print(f"[bold red]Error:[/] {_escape(exc.message)}")
        if exc.hint:
            err.print(f"[dim]Hint:[/] {_escape(exc.hint)}")
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # the last guard: a bug must not show a traceback to a practitioner
        if debug:
            raise
        err.print(f"[bold red]Internal error:[/] {_escape(type(exc).__name__)}: {_escape(str(exc))}")
        err.print("[dim]Hint:[/] this is a fault in chrono, not in your files. Run again with --debug and report the output.")
        sys.exit(1)
    finally:
        gc.unfreeze()  # what the command froze (see _read) is the collector's again for whoever called main()


def _escape(text: str) -> str:
    from rich.markup import escape

    from chronocli.output.safety import terminal_safe

    return escape(terminal_safe(text))
