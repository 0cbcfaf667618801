"""Conflict reports: options, the selection of facts, the dispatch to a format, the gate.

``render_report(ledger, options)`` compares the ledger, selects the facts the options ask
for and hands one :class:`~sourcecrit.report.views.Report` to the renderer of the chosen
format (report.formats: Markdown, HTML, CSV or JSON). Nothing here depends on the clock
unless ``--timestamp`` is given: the same ledger gives the same bytes.

Which facts the options select is sourcecrit.query's answer, the one the TUI's overview
gives. The gate (``--fail-on``) counts the disputed facts among those every filter but
``--status`` matches, whatever ``--status`` shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from sourcecrit.compare import STATUS_ORDER, Finding, Findings, Status, compare_ledger
from sourcecrit.query import Facts, Filters, select_facts
from sourcecrit.report.formats import DEFAULT_FORMAT, FORMATS, ReportFormat
from sourcecrit.report.views import Report

if TYPE_CHECKING:
    from sourcecrit.ledger.loaded import Ledger

STATUS_NAMES = [status.value for status in STATUS_ORDER]


class ReportError(ValueError):
    """A report option that cannot be used (an unknown status, id, format or threshold)."""


# ---------------------------------------------------------------- options

@dataclass(frozen=True)
class ReportOptions:
    """What a report includes and how it is written."""

    format: str = DEFAULT_FORMAT
    filters: Filters = field(default_factory=lambda: Filters(statuses=(Status.DISPUTED,)))
    per_source: bool = False
    timestamp: bool = False
    fail_on: int | None = None

    @classmethod
    def from_args(cls, args: Any) -> "ReportOptions":
        """Options from parsed command-line arguments; ReportError for a bad value."""
        fail_on = getattr(args, "fail_on", None)
        filters = Filters(statuses=parse_statuses(args.status), subjects=args.subject or (),
                          properties=args.property or (), sources=args.source or (), entities=args.name or (),
                          query=args.search or "")
        return cls(format=args.format or DEFAULT_FORMAT, filters=filters, per_source=bool(args.per_source),
                   timestamp=bool(args.timestamp), fail_on=parse_fail_on(fail_on) if fail_on else None)


def parse_statuses(given: Iterable[str] | None) -> tuple[Status, ...]:
    """``--status`` values (default: disputed; ``all`` for every status), in the report's order."""
    names = [n.strip().lower() for n in (given or ["disputed"])]
    unknown = [n for n in names if n not in STATUS_NAMES and n != "all"]
    if unknown:
        raise ReportError(f"unknown status {unknown[0]!r} for --status; choose from {', '.join(STATUS_NAMES)} or all")
    return tuple(s for s in STATUS_ORDER if s.value in names or "all" in names)


def parse_fail_on(text: str | int) -> int:
    """``--fail-on disputed`` allows no unresolved dispute; ``--fail-on N`` allows N."""
    word = str(text).strip().lower()
    if word == "disputed":
        return 0
    if word.isdigit():
        return int(word)
    raise ReportError(f"--fail-on takes 'disputed' or a whole number of disputes to allow, not {str(text)!r}")


def check_ids(ledger: "Ledger", filters: Filters) -> None:
    """A filter naming an id the ledger does not hold is a mistake, not an empty report."""
    for flag, given, known in (("--subject", filters.subjects, ledger.subjects),
                               ("--source", filters.sources, ledger.sources),
                               ("--property", filters.properties, ledger.properties),
                               ("--name", filters.entities, ledger.entities)):
        missing = [i for i in given if i not in known]
        if missing:
            raise ReportError(f"{flag} {missing[0]}: the ledger has no such id" + _known_as(ledger, flag, missing[0]))


def _known_as(ledger: "Ledger", flag: str, given: str) -> str:
    """For a name the gazetteer spells otherwise ("Budenny"), the ids it may mean."""
    if flag != "--name":
        return ""
    close = ledger.gazetteer.suggest(given)
    return f" (did you mean {' or '.join(close)}?)" if close else ""


# ---------------------------------------------------------------- building, dispatch and gate

def build_report(ledger: "Ledger", options: ReportOptions, findings: Findings | None = None,
                 selected: list[Finding] | None = None) -> Report:
    """Compare (unless ``findings`` are given) and select (unless ``selected`` are) the facts of a report."""
    findings = findings if findings is not None else compare_ledger(ledger)
    selected = selected if selected is not None else select_facts(ledger, findings, options.filters)
    made_at = datetime.now(timezone.utc) if options.timestamp else None
    return Report(ledger, findings, selected, options.filters, options.per_source, _title(ledger), made_at)


def _title(ledger: "Ledger") -> str:
    name = Path(ledger.root).resolve().name
    return f"Conflict report: {name}" if name else "Conflict report"


def render_report(ledger: "Ledger", options: ReportOptions,
                  findings: Findings | None = None) -> tuple[Iterable[str], list[Finding]]:
    """The report's text in parts, made one fact at a time as they are written (write_output takes
    them), and the facts every filter but the status one matches (for the gate); the ledger is
    compared unless its ``findings`` are given. A bad option is refused here, before any part."""
    chosen = report_format(options.format)
    check_ids(ledger, options.filters)
    findings = findings if findings is not None else compare_ledger(ledger)
    facts = Facts(ledger, findings)  # its search text, if the filters need it, built once for both
    report = build_report(ledger, options, findings, facts.matching(options.filters))
    return chosen.render(report), facts.matching(options.filters.without("status"))


def report_format(name: str) -> ReportFormat:
    if name not in FORMATS:
        raise ReportError(f"unknown report format {name!r}; choose from {', '.join(FORMATS)}")
    return FORMATS[name]


def gate_message(findings: Findings | Iterable[Finding], fail_on: str | int | None) -> str | None:
    """None when the unresolved disputes do not exceed ``fail_on``; else a message naming them."""
    if fail_on is None or fail_on == "":
        return None
    allowed = parse_fail_on(fail_on)
    facts = findings.findings if isinstance(findings, Findings) else list(findings)
    disputed = [f for f in facts if f.status is Status.DISPUTED]
    if len(disputed) <= allowed:
        return None
    limit = "none are allowed" if allowed == 0 else f"at most {allowed} allowed"
    names = "\n".join(f"  {' / '.join(k for k in f.key if k)}: {f.status_reason}" for f in disputed)
    return f"sourcecrit: {len(disputed)} unresolved disputed fact{'s' * (len(disputed) != 1)} ({limit}):\n{names}"
