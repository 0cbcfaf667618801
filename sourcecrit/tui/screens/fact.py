"""A fact: every claim side by side, each pair's relation, the competing values, and a
source × source matrix."""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence, cast

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.markup import escape
from textual.widgets import DataTable, Header, Static

from sourcecrit.compare import CREDIBILITY_LABEL, Finding, Pair, Version
from sourcecrit.tui import commands as c
from sourcecrit.tui.screens.base import (RELATION_STYLE, RELATION_SYMBOL, LedgerScreen, as_written, fact_title,
                                         status_markup, where_written)
from sourcecrit.models import Resolution, Stance
from sourcecrit.tui.widgets.fitted_table import Column, FittedTable
from sourcecrit.values import Relation, value_type
from sourcecrit.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from sourcecrit.tui.app import SourcecritApp

SEVERITY = [Relation.CONTRADICT, Relation.INCOMPARABLE, Relation.CONSISTENT, Relation.AGREE]
CLAIM_COLUMNS = (Column("witness", 12), Column("as written", 12), Column("read as", 12), Column("stance", 7),
                 Column("credibility", 11), Column("claim", 10, optional=True))
VERSION_COLUMNS = (Column("value", 16), Column("claims", 6), Column("independent witnesses", 14),
                   Column("also repeating them", 12))


class FactScreen(LedgerScreen):
    """One fact (subject × property × qualifier) and everything the comparison says of it."""

    PLACE = "A fact: its claims side by side"
    COMMAND_LIST = c.FACT_COMMANDS
    BINDINGS = c.bindings(*c.FACT_COMMANDS)
    AUTO_FOCUS = "#claims"
    BODY = "fact-body"

    def __init__(self, finding: Finding) -> None:
        super().__init__()
        self.key = finding.key
        self.finding = finding

    def compose(self) -> ComposeResult:
        yield Header(icon="§")
        yield Static(id="fact-head", classes="head")
        with VerticalScroll(id="fact-body"):
            yield Static("Claims", classes="section")
            yield FittedTable(CLAIM_COLUMNS, id="claims", zebra_stripes=True, enter="Claim")
            yield Static("Competing values", classes="section")
            yield FittedTable(VERSION_COLUMNS, id="versions", enter="Resolve")
            yield Static("Source × source: each claim under its witness", classes="section")
            yield Static(id="matrix")
            yield Static("Pairs of claims", classes="section")
            yield Static(id="pairs")
            yield Static("The resolution and the decisions it replaced", classes="section", id="history-title")
            yield Static(id="history")
        yield KeyBar()

    def on_mount(self) -> None:
        if self.state is not None:
            self.show_state(self.state)

    def show_fact(self, finding: Finding) -> None:
        """Show another fact on this (kept) screen, from the top, with the first claim highlighted."""
        self.key = finding.key
        self.finding = finding
        self.show_from_the_top("fact-body", "claims")

    def show_state(self, state) -> None:
        finding = state.by_key.get(self.key)
        if finding is None:
            self.query_one("#fact-head", Static).update("This fact is no longer in the ledger.")
            for table in self.query(FittedTable):  # a kept screen may show another fact
                table.fill([])
            for section in ("#matrix", "#pairs", "#history"):
                self.query_one(section, Static).update("")
            return
        self.finding = finding
        self.sub_title = fact_title(state, finding)
        self._show_head(state, finding)
        self._show_claims(state, finding)
        self._show_versions(state, finding)
        self.query_one("#pairs", Static).update(self._pairs_content(finding))
        self.query_one("#matrix", Static).update(self._matrix_content(state, finding))
        self._show_history(state, finding)

    # drawing -----------------------------------------------------------------
    def _show_head(self, state, finding: Finding) -> None:
        lines = [f"[b]{escape(fact_title(state, finding))}[/b]",
                 f"{status_markup(finding.status)}  {escape(finding.status_reason)}"]
        lines += [f"[$text-warning]{escape(s)}[/]" for s in finding.self_contradictions if s not in finding.status_reason]
        if finding.resolution is not None:
            r = finding.resolution
            lines.append(f"[$text-success]accepted: {escape(finding.accepted_label or str(r.accepted))}[/]"
                         f"  by {escape(r.decided_by or '?')} on {escape(r.decided_on or '?')}")
        recorded = resolution_of(state, finding)
        if recorded is not None and recorded.reopened is not None:
            lines.append(f"[$text-warning]resolution reopened: {escape(_by_on(recorded.reopened.by, recorded.reopened.on))}"
                         f": {escape(recorded.reopened.why)}[/]")
        if recorded is not None and recorded.history:
            n = len(recorded.history)
            lines.append(f"[$text-muted]{n} earlier decision{'s' * (n != 1)} on record: End shows them[/]")
        self.query_one("#fact-head", Static).update("\n".join(lines))

    def _show_history(self, state, finding: Finding) -> None:
        """The fact's resolution as recorded (standing or reopened) and each decision it replaced, newest first."""
        recorded = resolution_of(state, finding)
        self.query_one("#history-title").display = recorded is not None
        history = self.query_one("#history", Static)
        history.display = recorded is not None
        if recorded is None:
            return
        lines = []
        if recorded.reopened is not None:
            lines.append(f"[$text-warning]reopened {escape(_by_on(recorded.reopened.by, recorded.reopened.on))}: "
                         f"{escape(recorded.reopened.why)}[/] (the fact is open again)")
        else:
            lines.append(f"[$text-success]stands[/]: {escape(as_written(recorded.accepted))}, "
                         f"{escape(_by_on(recorded.decided_by, recorded.decided_on, 'decided'))}: "
                         f"{escape(recorded.rationale)}")
        for past in reversed(recorded.history):
            ended = "reopened" if past.reopened else "replaced"
            lines.append(f"[$text-muted]was[/]: {escape(as_written(past.accepted))}, "
                         f"{escape(_by_on(past.decided_by, past.decided_on, 'decided'))}: {escape(past.rationale)}\n"
                         f"    [$text-muted]{ended} {escape(_by_on(past.replaced_by, past.replaced_on))}: "
                         f"{escape(past.why)}[/]")
        if not recorded.history:
            lines.append("[$text-muted]No earlier decision: R reopens this one, saying why.[/]")
        lines.append(f"[$text-muted]{escape(where_written(state, recorded.origin))}[/]")
        history.update("\n".join(lines))

    def _show_claims(self, state, finding: Finding) -> None:
        ledger, findings = state.ledger, state.findings
        kind = value_type(ledger.properties[finding.property].type) if finding.property in ledger.properties else None
        rows = []
        for claim_id in finding.claims:
            claim = ledger.claims.get(claim_id)
            if claim is None:
                continue
            value = ledger.values.get(claim_id)
            read = kind.describe(value) if (kind and value is not None) else "(unreadable)"
            grade = findings.credibility.get(claim_id)
            witness = findings.witness.get(claim_id, claim.source)
            who = ledger.source_label(claim.source)
            if witness != claim.source:
                who = f"{ledger.source_label(witness)} (in {who})"
            stance = claim.stance.value + (f", hedged: {', '.join(claim.hedges)}" if claim.hedges else "")
            rows.append((claim_id, [("⚑ " if claim.flagged else "") + who, as_written(claim.value), read, stance,
                                    f"{grade} {CREDIBILITY_LABEL[grade]}" if grade else "—", claim_id]))
        self.query_one("#claims", FittedTable).fill(rows)

    def _show_versions(self, state, finding: Finding) -> None:
        label = state.ledger.source_label
        self.query_one("#versions", FittedTable).fill([
            (str(n), [version.label, str(len(version.claims)),
                      f"{version.witness_count}: " + ", ".join(label(w) for w in version.independent),
                      ", ".join(f"{label(a)} → {label(b)}" for a, b in version.drawn_from.items()) or "—"])
            for n, version in enumerate(finding.versions)])

    # The pairs and the matrix run to many lines on a large fact: they are put together as
    # Content, not written as markup that Textual would parse again (7 times slower).
    @staticmethod
    def _pairs_content(finding: Finding) -> Content:
        if not finding.pairs:
            return Content.styled("Only one claim: nothing to compare.", "$text-muted")
        parts: list[tuple[str, str] | str] = []
        for p in finding.pairs:
            relation = (f"{RELATION_SYMBOL[p.relation]} {p.relation.value}", RELATION_STYLE[p.relation])
            parts += ["\n" if parts else "", f"{p.a} ", relation, f" {p.b}: {p.reason}"]
        return Content.assemble(*parts)

    @staticmethod
    def _matrix_content(state, finding: Finding) -> Content:
        """The worst relation between the claims of each two witnesses (a source speaking for
        itself, or the one it reports), with how each reached the ledger."""
        ledger, witness_of = state.ledger, state.findings.witness
        claims = [ledger.claims[cid] for cid in finding.claims if cid in ledger.claims]
        witness = {c.id: witness_of.get(c.id, c.source) for c in claims}
        witnesses = list(dict.fromkeys(witness.values()))
        if len(witnesses) < 2:
            return Content.styled("One witness only.", "$text-muted")
        through: dict[str, set[str]] = {w: set() for w in witnesses}
        for claim in claims:
            if witness[claim.id] != claim.source:
                through[witness[claim.id]].add(claim.source)
        width = len(str(len(witnesses))) + 1
        parts: list[tuple[str, str] | str] = [
            " " * (width + 2) + "".join(f"{n:>{width + 1}}" for n in range(1, len(witnesses) + 1)) + "\n"]
        alone = False  # a witness with no pair of its own claims: its diagonal cell is "·"
        for n, row in enumerate(witnesses, 1):
            parts.append(f"{n:>{width}}  ")
            for column in witnesses:
                relation = _worst(finding.pairs, witness, row, column)
                parts.append(" " * width)
                parts.append("·" if row == column and relation is None else _cell(relation))
                alone = alone or (row == column and relation is None)
            via = f" (in {', '.join(sorted(ledger.source_label(s) for s in through[row]))})" if through[row] else ""
            parts.append(f"   {ledger.source_label(row) + via}\n")
        parts.append((matrix_legend(alone), "$text-muted"))
        return Content.assemble(*parts)

    # actions -----------------------------------------------------------------
    def highlighted_claim(self) -> str | None:
        return self._claim_id()

    def _claim_id(self) -> str | None:
        table = self.query_one("#claims", FittedTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def _version(self) -> Version | None:
        """The version the user points at: the highlighted one, else the highlighted claim's
        (None for a denial: the form then offers the best-attested value)."""
        table = self.query_one("#versions", FittedTable)
        if self.finding is None or not table.row_count:
            return None
        if self.focused is table:
            return self.finding.versions[int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)]
        claim_id = self._claim_id()
        version = next((v for v in self.finding.versions if claim_id in v.claims), None)
        return version if version is not None and version.stance is Stance.ASSERTS else None

    @on(DataTable.RowSelected, "#claims")
    def _claim_chosen(self, event: DataTable.RowSelected) -> None:
        self.app.open_claim(event.row_key.value)

    @on(DataTable.RowSelected, "#versions")
    def _version_chosen(self) -> None:
        self.action_resolve()

    def action_open_claim(self) -> None:
        claim_id = self._claim_id()
        if claim_id:
            self.app.open_claim(claim_id)

    def action_open_source(self) -> None:
        claim_id = self._claim_id()
        if claim_id and self.state and claim_id in self.state.ledger.claims:
            self.app.open_source(self.state.ledger.claims[claim_id].source)

    def action_reopen(self) -> None:
        from sourcecrit.tui.reopening import reopen

        reopen(cast("SourcecritApp", self.app), self.finding)

    def action_open_subject(self) -> None:
        cast("SourcecritApp", self.app).open_subject(self.finding.subject)

    def action_timeline(self) -> None:
        self.app.open_timeline(self.finding)

    def action_ach(self) -> None:
        from sourcecrit.tui.screens.ach import AchScreen

        self.app.push_screen(AchScreen(self.finding))

    def action_resolve(self) -> None:
        self.app.record_resolution(self.finding, self._version())

    def action_flag(self) -> None:
        claim_id = self._claim_id()
        if claim_id:
            self.app.flag_claim(claim_id)

    def action_unflag(self) -> None:
        claim_id = self._claim_id()
        if claim_id:
            self.app.unflag_claim(claim_id)


def resolution_of(state, finding: Finding) -> Resolution | None:
    """The fact's resolution as recorded, standing or reopened (a reopened one is no finding's)."""
    if finding.resolution is not None:
        return finding.resolution
    return next((r for r in state.ledger.resolutions if r.fact_key == finding.key), None)


def _by_on(by: str | None, on: str | None, what: str = "") -> str:
    """'decided by A. Editor on 2026-11-23', leaving out what is not known."""
    told = " ".join(part for part in (what, f"by {by}" if by else "", f"on {on}" if on else "") if part)
    return told or f"{what} (no one named)".strip()


def matrix_legend(alone: bool) -> str:
    """What the matrix's signs mean; the diagonal holds each witness's own claims against each other."""
    diagonal = "diagonal: each witness's claims against each other" + (" (· it gives one)" if alone else "")
    return f"= agree  ≈ consistent  ✗ contradict  ? incomparable  (blank: no pair); {diagonal}"


def _worst(pairs: Sequence[Pair], source_of: dict[str, str], a: str, b: str) -> Relation | None:
    found = {p.relation for p in pairs
             if {source_of.get(p.a), source_of.get(p.b)} == {a, b} or (a == b and source_of.get(p.a) == source_of.get(p.b) == a)}
    return next((r for r in SEVERITY if r in found), None)


def _cell(relation: Relation | None) -> tuple[str, str] | str:
    if relation is None:
        return " "
    return RELATION_SYMBOL[relation], RELATION_STYLE[relation]
