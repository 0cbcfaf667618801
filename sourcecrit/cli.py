"""The command line: parses arguments, calls the core, prints. No Textual unless the TUI runs."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Iterable, Sequence

from sourcecrit import __version__, compare_ledger, load_ledger  # through the speed wing, with its caches
from sourcecrit.compare import Status
from sourcecrit.demo import demo_ledger
from sourcecrit.ledger import is_ledger
from sourcecrit.ledger.write import write_output
from sourcecrit.report.build import ReportError, ReportOptions, gate_message, render_report
from sourcecrit.report.findings_json import findings_document
from sourcecrit.report.formats import DEFAULT_FORMAT, EXPORTS, FORMATS, export_for, format_for, switches_given, titles_text
from sourcecrit.report.table import findings_table

EXIT_OK, EXIT_PROBLEMS, EXIT_FATAL = 0, 1, 2


class UserError(Exception):
    """A mistake in how sourcecrit was called: printed plainly, exit status 2."""


def _ledger_path(given: str | None) -> Path:
    path = Path(given or ".")
    if not path.exists():
        raise UserError(f"{path}: no such folder; give the path of a ledger folder (one with sources/ and claims/)")
    if not is_ledger(path):
        raise UserError(f"{path}: not a ledger: it has no sources/ and claims/ folders")
    return path


def _load(args):
    return load_ledger(_ledger_path(args.ledger), use_cache=not args.no_cache)


def _write(text: str | Iterable[str], output: str | None) -> None:
    if not output:
        sys.stdout.writelines([text] if isinstance(text, str) else text)
        return
    try:
        write_output(Path(output), text)
    except OSError as error:
        folder = Path(output).parent
        hint = f"create the folder {folder} first" if not folder.is_dir() else "choose a file you may write"
        raise UserError(f"cannot write {output}: {error.strerror}; {hint}") from None


def cmd_check(args) -> int:
    """Validate a ledger and print every problem as file:line: message."""
    ledger = _load(args)
    problems = list(ledger.problems)
    if not ledger.errors:
        problems += compare_ledger(ledger).problems
    for problem in sorted(problems):
        print(problem)
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    print(f"{len(ledger.files)} files, {len(ledger.sources)} sources, {len(ledger.claims)} claims: "
          f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}")
    return EXIT_PROBLEMS if errors else EXIT_OK


def cmd_export(args) -> int:
    """Write the whole ledger in one of the export formats (JSON by default)."""
    export = EXPORTS[args.format or (export_for(args.output).name if args.output else "json")]
    try:
        keywords = switches_given(export, lambda switch: getattr(args, switch.dest))
    except ValueError as refused:
        raise UserError(str(refused)) from None
    ledger = _load(args)
    _write(export.render(ledger, lambda: compare_ledger(ledger), **keywords), args.output)
    return EXIT_PROBLEMS if ledger.errors else EXIT_OK


def cmd_conflicts(args) -> int:
    """Print the disputed facts, most contested first (all facts with --all)."""
    ledger = _load(args)
    findings = compare_ledger(ledger)
    chosen = findings.findings if args.all else findings.by_status(Status.DISPUTED)
    if args.json:
        print(json.dumps(findings_document(ledger, findings, chosen), ensure_ascii=False, indent=2))
    else:
        print(findings_table(ledger, chosen))
    for problem in ledger.errors:
        print(problem, file=sys.stderr)
    return EXIT_OK


def cmd_report(args) -> int:
    """Write a conflict report; with --fail-on, exit 1 when unresolved disputes remain."""
    if args.format is None and args.output:  # -o report.html: the file's suffix says the format
        args.format = format_for(args.output).name
    try:
        options = ReportOptions.from_args(args)
        ledger = _load(args)
        text, findings = render_report(ledger, options, compare_ledger(ledger))
    except ReportError as error:
        raise UserError(str(error)) from None
    _write(text, args.output)
    if not args.fail_on:
        return EXIT_OK
    message = gate_message(findings, args.fail_on)
    if ledger.errors:  # claims in a file that could not be read may hide disputes: the gate cannot pass
        count = len(ledger.errors)
        message = (f"sourcecrit: the ledger has {count} error{'s' * (count != 1)}, so the gate cannot pass; "
                   f"run sourcecrit check and fix {'them' if count != 1 else 'it'}" + (f"\n{message}" if message else ""))
    if message:
        print(message, file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


def cmd_import_sources(args) -> int:
    """Import sources from CSL-JSON, BibTeX/BibLaTeX or RIS: new ones appended, known ones updated."""
    from sourcecrit.importing import ImportFailed
    from sourcecrit.importing.read import read_source_file
    from sourcecrit.importing.sources import apply_import, import_diff, plan_import
    from sourcecrit.ledger.write import EditError

    ledger = _load(args)
    try:
        plan = plan_import(ledger, read_source_file(Path(args.file)), args.into)
        if args.dry_run:
            sys.stdout.write(import_diff(ledger, plan))
        else:
            apply_import(ledger, plan)
    except (ImportFailed, EditError) as error:
        raise UserError(str(error)) from None
    for line in plan.summary():
        print(line, file=sys.stderr if args.dry_run else sys.stdout)
    return EXIT_OK


def cmd_import_claims(args) -> int:
    """Import claims from a spreadsheet (CSV, TSV or .xlsx): every row checked, nothing written unless all are good."""
    from sourcecrit.importing import ImportFailed
    from sourcecrit.importing.claims_csv import declarations_file, plan_claims
    from sourcecrit.ledger.append import claims_file
    from sourcecrit.ledger import append_records
    from sourcecrit.ledger.write import EditError

    ledger = _load(args)
    try:
        plan = plan_claims(ledger, Path(args.file), create_missing=args.create_missing, sheet=args.sheet)
    except ImportFailed as error:
        raise UserError(str(error)) from None
    for problem in plan.problems:
        print(problem, file=sys.stderr)
    bad = plan.bad_rows
    if bad and (not args.skip_bad or 1 in bad):
        print(f"sourcecrit: {len(plan.problems)} problem{'s' * (len(plan.problems) != 1)} in "
              f"{len(bad)} row{'s' * (len(bad) != 1)}; nothing was written (fix them, or --skip-bad to write the good rows)",
              file=sys.stderr)
        return EXIT_PROBLEMS
    used = {r["subject"] for _, r in plan.claims}, {r["property"] for _, r in plan.claims}
    by_file: dict[Path, list] = {}
    for _, record in plan.claims:
        by_file.setdefault(claims_file(ledger, record["source"]), []).append(record)
    try:
        for kind, records, wanted in (("subjects", plan.subjects, used[0]), ("properties", plan.properties, used[1])):
            records = [r for r in records if r["id"] in wanted]
            if records:
                path = append_records(ledger, declarations_file(ledger, kind), kind, records)
                what = kind if len(records) != 1 else {"subjects": "subject", "properties": "property"}[kind]
                print(f"declared {len(records)} {what} in {path}: {', '.join(r['id'] for r in records)}")
        for path, records in by_file.items():
            append_records(ledger, path, "claims", records)
            print(f"added {len(records)} claim{'s' * (len(records) != 1)} to {path}")
    except EditError as error:
        raise UserError(str(error)) from None
    skipped = f", {len(bad)} bad row{'s' * (len(bad) != 1)} skipped ({', '.join(map(str, bad))})" if bad else ""
    print(f"{len(plan.claims)} claim{'s' * (len(plan.claims) != 1)} imported{skipped}")
    return EXIT_OK


def cmd_init(args) -> int:
    """Make a ledger folder with every sub-folder and a commented example of each kind of record."""
    from sourcecrit.ledger.starter import make_ledger

    folder = Path(args.folder or ".")
    if folder.exists() and not folder.is_dir():
        raise UserError(f"{folder}: a file, not a folder; name a folder to make the ledger in")
    try:
        written, kept = make_ledger(folder)
    except OSError as error:
        raise UserError(f"cannot make a ledger in {folder}: {error.strerror}") from None
    for path in written:
        print(f"wrote {path}")
    for path in kept:
        print(f"kept {path} (there already)")
    print(f"a ledger in {folder}: run sourcecrit check {folder}, then replace the examples with your sources and claims")
    return EXIT_OK


def cmd_verify(args) -> int:
    """Find every claim's quote in its source's text; exit 1 when any quote is not found."""
    from sourcecrit.verify import EditError, fix_locators, verification_document, verification_lines, verify_ledger

    ledger = _load(args)
    results = verify_ledger(ledger)
    if args.fix:
        try:
            changed = fix_locators(ledger, results)
        except EditError as error:
            raise UserError(f"{error}; nothing was changed, run sourcecrit verify again") from None
        for path, claim_id, drift in changed:
            print(f"{path}: {claim_id}: locator {drift.written!r} -> {drift.found!r}", file=sys.stderr)
    if args.json:
        print(json.dumps(verification_document(results), ensure_ascii=False, indent=2))
    else:
        print("\n".join(verification_lines(results, all_claims=args.all)))
    return EXIT_PROBLEMS if any(r.status == "orphan" for r in results) else EXIT_OK


def cmd_suggest(args) -> int:
    """List what in a source's text could be a claim: dates, sums, names, by sentence."""
    from sourcecrit.suggest_claims import SuggestError, suggest_claims
    from sourcecrit.suggest_output import suggestions_json, suggestions_table, suggestions_yaml

    lines = None
    if args.lines:
        first, _, last = args.lines.partition("-")
        if not (first.isdigit() and (last or first).isdigit()):
            raise UserError(f"--lines {args.lines}: give a line or a range of lines, as 120-180")
        lines = (int(first), int(last or first))
    ledger = _load(args)
    try:
        candidates = suggest_claims(ledger, args.source, lines)
    except SuggestError as error:
        raise UserError(str(error)) from None
    if not args.all:
        candidates = [c for c in candidates if not c.recorded]
    shown = {"json": suggestions_json, "yaml": suggestions_yaml}.get("json" if args.json else args.format, suggestions_table)
    sys.stdout.write(shown(candidates))
    return EXIT_OK


def cmd_tui(args) -> int:
    """Open the TUI on a ledger (the current folder's, else the bundled demo)."""
    demo_reason = None
    if args.ledger:
        path = _ledger_path(args.ledger)
    elif is_ledger("."):
        path = Path(".")
    elif (configured := _configured_ledger()) is not None:
        path = configured
    else:
        path = demo_ledger()
        if path is None:
            raise UserError("this folder holds no ledger and the demo ledger is not installed; give a ledger folder")
        demo_reason = f"{Path.cwd().name or Path.cwd()} holds no ledger; give one as `sourcecrit tui LEDGER`"
    from sourcecrit.tui.app import run_app  # here, not above: Textual is loaded only when the TUI runs

    run_app(path, use_cache=not args.no_cache, demo_reason=demo_reason)
    return EXIT_OK


def _configured_ledger() -> Path | None:
    """The default ledger the TUI's settings file names, if any; refused when it is not a ledger."""
    from sourcecrit.tui.config import configured_ledger  # no Textual: only the settings file is read

    found = configured_ledger()
    if found is None:
        return None
    path, where = found
    if not is_ledger(path):
        raise UserError(f"{where}: the default ledger {path} is not a ledger folder (it needs sources/ and claims/); "
                        "correct the setting or give a ledger: sourcecrit tui LEDGER")
    return path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sourcecrit",
        description="Source criticism for historians: where documents agree, where they contradict, and why.",
    )
    parser.add_argument("--no-cache", action="store_true", help="read every file again, ignoring the load cache")
    parser.add_argument("--version", action="version", version=f"sourcecrit {__version__}",
                        help="print sourcecrit's version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name, handler, help_text, ledger_help="the ledger folder (default: the current folder)"):
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("ledger", nargs="?", metavar="LEDGER", help=ledger_help)
        sub.add_argument("--no-cache", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        sub.set_defaults(handler=handler)
        return sub

    command("tui", cmd_tui, "open the TUI on a ledger",
            "the ledger folder (default: the current folder, or the bundled demo ledger when it holds none)")
    command("check", cmd_check, "validate a ledger and list every problem with its file and line")
    export = command("export", cmd_export, "write the whole ledger for another tool (JSON, CSL-JSON, Web Annotations, "
                                           "QuickStatements, TEI)")
    export.add_argument("--format", choices=list(EXPORTS), help="output format (default: the one the -o file's suffix names "
                        "alone, as .xml for tei, else json). " +
                        "; ".join(f"{f.name}: {f.description}" for f in EXPORTS.values()))
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    for shape in EXPORTS.values():
        for switch in shape.switches:
            export.add_argument(switch.flag, dest=switch.dest, action="store_true", help=f"{shape.name} only: {switch.help}")
    conflicts = command("conflicts", cmd_conflicts, "list disputed facts, most contested first")
    conflicts.add_argument("--all", action="store_true", help="include every status, not only disputed facts")
    conflicts.add_argument("--json", action="store_true", help="print the complete findings as JSON")
    verify = command("verify", cmd_verify, "find every claim's quote in its source's text and check its locator")
    verify.add_argument("--json", action="store_true", help="print every claim's finding, with W3C selectors, as JSON")
    verify.add_argument("--all", action="store_true", help="list every claim, not only those not exact where their locator says")
    verify.add_argument("--fix", action="store_true", help="rewrite drifted locators in the ledger, nothing else, and say what changed")
    suggest = commands.add_parser("suggest", help="list what in a source's text could be a claim",
                                  description="list what in a source's text could be a claim: every date, sum with a unit "
                                              "and gazetteer name, by sentence, with a guess of subject and property")
    suggest.add_argument("source", metavar="SOURCE", help="the id of a source that holds a text")
    suggest.add_argument("ledger", nargs="?", metavar="LEDGER", help="the ledger folder (default: the current folder)")
    suggest.add_argument("--lines", metavar="N-M", help="only the sentences that begin on these lines")
    suggest.add_argument("--format", choices=["table", "yaml"], default="table",
                         help="table (default), or yaml: claim records ready to paste")
    suggest.add_argument("--json", action="store_true", help="every candidate as JSON")
    suggest.add_argument("--all", action="store_true", help="also the sentences a claim of the source already quotes")
    suggest.add_argument("--no-cache", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    suggest.set_defaults(handler=cmd_suggest)
    report = command("report", cmd_report, f"write a conflict report ({titles_text()})")
    _report_options(report)
    _import_commands(commands)
    text = "make a ledger folder: sources/, claims/, declarations/, gazetteer/, resolutions/, each with a commented example"
    init = commands.add_parser("init", help=text, description=text)
    init.add_argument("folder", nargs="?", metavar="DIR", help="the folder to make it in (default: the current folder)")
    init.set_defaults(handler=cmd_init)
    return parser


def _import_commands(commands) -> None:
    text = "bring sources or claims into a ledger from the formats of reference managers and spreadsheets"
    kinds = commands.add_parser("import", help=text, description=text).add_subparsers(dest="kind", metavar="KIND",
                                                                                         required=True)
    text = ("import sources from CSL-JSON (.json, Zotero), BibTeX or BibLaTeX (.bib) or RIS (.ris): a source the "
            "ledger has (same citekey, DOI, ISBN, or title, first author and year) is updated, the others added")
    sources = kinds.add_parser("sources", help=text, description=text)
    sources.add_argument("file", metavar="FILE", help="the file to import")
    sources.add_argument("--ledger", metavar="LEDGER", help="the ledger folder (default: the current folder)")
    sources.add_argument("--into", metavar="FILE", help=f"the file new sources go to (default: {Path('sources', 'imported.yaml')})")
    sources.add_argument("--dry-run", action="store_true", help="write nothing; print the changes as a diff")
    sources.add_argument("--no-cache", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    sources.set_defaults(handler=cmd_import_sources)
    text = ("import claims from a spreadsheet (.csv, .tsv or an .xlsx workbook): one row a claim, columns named like "
            "the claim's fields (source, subject, property, qualifier, value, locator, quote, attributed_to, stance, hedges, note)")
    claims = kinds.add_parser("claims", help=text, description=text)
    claims.add_argument("file", metavar="FILE", help="the CSV, TSV or .xlsx file, its first row naming the columns")
    claims.add_argument("--sheet", metavar="NAME", help="the sheet of an .xlsx workbook to read (default: the first)")
    claims.add_argument("--ledger", metavar="LEDGER", help="the ledger folder (default: the current folder)")
    claims.add_argument("--create-missing", action="store_true",
                        help="declare the subjects and properties the ledger lacks (a property's type from a "
                             "property_type column, else text) instead of refusing them")
    claims.add_argument("--skip-bad", action="store_true", help="write the good rows and list the bad ones")
    claims.add_argument("--no-cache", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    claims.set_defaults(handler=cmd_import_claims)


def _report_options(report: argparse.ArgumentParser) -> None:
    formats = "; ".join(f"{f.name}: {f.description}" for f in FORMATS.values())
    report.add_argument("--format", choices=list(FORMATS),
                        help=f"report format (default: by the -o file's suffix, else {DEFAULT_FORMAT}). {formats}")
    report.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    report.add_argument("--status", action="append", metavar="STATUS",
                        help="include facts of this status (repeatable; default: disputed)")
    report.add_argument("--subject", action="append", metavar="ID", help="only this subject (repeatable)")
    report.add_argument("--source", action="append", metavar="ID",
                        help="only facts with a claim from this source or attributed to it (repeatable)")
    report.add_argument("--property", action="append", metavar="ID", help="only this property (repeatable)")
    report.add_argument("--name", action="append", metavar="ENTITY",
                        help="only facts whose claims name this person, place or body, by its gazetteer id (repeatable)")
    report.add_argument("--search", metavar="TEXT",
                        help="only facts holding every word of TEXT, as the TUI's search finds them (name variants, typos)")
    report.add_argument("--per-source", action="store_true", help="add the per-source table")
    report.add_argument("--timestamp", action="store_true", help="print when the report was made (off: reports diff cleanly)")
    report.add_argument("--fail-on", metavar="disputed|N",
                        help="exit 1 when unresolved disputes remain (or more than N of them)")


def main(argv: Sequence[str] | None = None) -> int:
    """Run sourcecrit; returns the exit status."""
    _write_utf8()
    args = _parser().parse_args(argv)
    if args.command is None:
        args.handler, args.ledger = cmd_tui, None
    try:
        status = args.handler(args)
        sys.stdout.flush()  # a full disk or a closed pipe is met here, not after main returns
        return status
    except UserError as error:
        print(f"sourcecrit: {error}", file=sys.stderr)
        return EXIT_FATAL
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except OSError as error:  # the standard output cannot take what is written (a full disk)
        _quiet_stdout()
        print(f"sourcecrit: cannot write the output: {error.strerror or error}", file=sys.stderr)
        return EXIT_FATAL


def _write_utf8() -> None:
    """Write UTF-8 to a console or pipe that expects another encoding (Windows' cp1252), rather
    than fail on the first ı, ş or box-drawing character of a table."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
        if encoding not in ("utf-8", "utf8") and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")


def _quiet_stdout() -> None:
    """Point the standard output at the null device, so that Python's own flush at exit finds nothing to write."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())
