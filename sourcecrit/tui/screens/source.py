"""A source: bibliographic and source-criticism fields, what it cites and what cites it,
its claims, and how often other witnesses contradict it."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.widgets import DataTable, Header, Static

from sourcecrit.citation import full_citation
from sourcecrit.compare import STATUS_SYMBOL
from sourcecrit.passage import source_text_path
from sourcecrit.report.table import fact_label
from sourcecrit.tui import commands as c
from sourcecrit.tui.screens.base import LedgerScreen, as_written, where_written
from sourcecrit.tui.widgets.fitted_table import Column, FittedTable
from sourcecrit.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from sourcecrit.tui.app import SourcecritApp

CLAIM_COLUMNS = (Column("status", 10), Column("subject", 14), Column("fact", 8), Column("as written", 12),
                 Column("locator", 7), Column("claim", 10, optional=True))
RELATED_COLUMNS = (Column("relation", 8), Column("source", 20))
CRITICISM_FIELDS = ("type", "kind", "perspective", "written", "issued", "reliability", "contained_in", "language",
                    "archive", "archive_location", "URL", "DOI", "note")


class SourceScreen(LedgerScreen):
    """One source and its record."""

    PLACE = "A source"
    COMMAND_LIST = c.SOURCE_COMMANDS
    BINDINGS = c.bindings(*c.SOURCE_COMMANDS)
    AUTO_FOCUS = "#source-claims"

    def __init__(self, source_id: str) -> None:
        super().__init__()
        self.source_id = source_id

    def compose(self) -> ComposeResult:
        yield Header(icon="§")
        with VerticalScroll(id="source-body"):
            yield Static(id="source-head", classes="head")
            yield Static(id="source-fields", classes="panel")
            yield Static(id="source-record", classes="panel")
            yield Static("Claims", classes="section")
            yield FittedTable(CLAIM_COLUMNS, id="source-claims", zebra_stripes=True, enter="Claim")
            yield Static("Cites and cited by", classes="section")
            yield FittedTable(RELATED_COLUMNS, id="source-related", enter="Open")
        yield KeyBar()

    def on_mount(self) -> None:
        if self.state is not None:
            self.show_state(self.state)

    def show_source(self, source_id: str) -> None:
        """Show another source on this (kept) screen, from the top, with its first claim highlighted."""
        self.source_id = source_id
        self.show_from_the_top("source-body", "source-claims")

    def show_state(self, state) -> None:
        ledger = state.ledger
        source = ledger.sources.get(self.source_id)
        head = self.query_one("#source-head", Static)
        if source is None:
            head.update(f"The source {escape(self.source_id)} is not in the ledger.")
            for panel in self.query(".panel").results(Static):  # a kept screen may show another source
                panel.update("")
            for table in self.query(FittedTable):
                table.fill([])
            return
        self.sub_title = ledger.source_label(source.id)
        head.update(f"[b]{escape(ledger.source_label(source.id))}[/b]  [$text-muted]({escape(source.id)})[/]\n"
                    f"{escape(full_citation(source))}")
        self._show_fields(state, source)
        self._show_record(state, source)
        self._show_claims(state)
        self._show_related(state, source)

    def _show_fields(self, state, source) -> None:
        panel = self.query_one("#source-fields", Static)
        panel.border_title = "Source criticism"
        lines = []
        for name in CRITICISM_FIELDS:
            value = getattr(source, name, None)
            if value is None or value == "":
                continue
            shown = value.value if hasattr(value, "value") else value
            lines.append(f"[b]{name.replace('_', ' ')}[/b]: {escape(str(shown))}")
        authorship = state.findings.authors.get(source.id)
        if authorship is not None:  # whose work it is, for counting witnesses, and how that was found
            names = ", ".join(state.ledger.gazetteer.label(e) for e in authorship.entities)
            lines.append(f"[b]authors[/b]: {escape(names)} [$text-muted]({escape(authorship.how)})[/]")
        held = source_text_path(state.ledger.root, source.text)
        lines.append(f"[b]text[/b]: {escape(source.text)}" + ("" if held else " [$text-warning](file not found)[/]")
                     if source.text else "[b]text[/b]: not held")
        lines.append(f"[$text-muted]{escape(where_written(state, source.origin))}[/]")
        panel.update("\n".join(lines))

    def _show_record(self, state, source) -> None:
        panel = self.query_one("#source-record", Static)
        panel.border_title = "Record"
        record = state.findings.sources.get(source.id)
        if record is None:
            panel.update("No comparisons.")
            return
        by = ", ".join(state.ledger.source_label(s) for s in record.contradicted_by) or "nobody"
        panel.update(f"{record.claims} claim{'s' * (record.claims != 1)} in compared facts · "
                     f"[b]contradicted in {record.contradicted}[/b] (by {escape(by)}) · "
                     f"agrees with a resolution in {record.agree_with_resolution} · rejected in {record.rejected}"
                     + (f" · reliability {record.reliability}" if record.reliability else ""))

    def _show_claims(self, state) -> None:
        ledger = state.ledger
        rows = []
        for claim in (ledger.claims[claim_id] for claim_id in state.claims_by_source.get(self.source_id, ())):
            finding = state.finding_of_claim.get(claim.id)
            subject = ledger.subjects.get(claim.subject)
            status = f"{STATUS_SYMBOL[finding.status]} {finding.status.value}" if finding else "—"
            rows.append((f"claim:{claim.id}", [
                status, subject.label if subject else claim.subject,
                fact_label(ledger, finding) if finding else claim.property, as_written(claim.value),
                claim.locator or "—", ("⚑ " if claim.flagged else "") + claim.id]))
        self.query_one("#source-claims", FittedTable).fill(rows)

    def _show_related(self, state, source) -> None:
        ledger = state.ledger
        related = [("cites", s) for s in source.cites]
        related += [("cited by", s) for s in state.cited_by.get(source.id, ())]
        if source.contained_in:
            related.append(("printed in", source.contained_in))
        related += [("prints", s) for s in state.prints.get(source.id, ())]
        self.query_one("#source-related", FittedTable).fill([
            (f"source:{other}", [relation, ledger.source_label(other) + f" ({other})"
                                 + ("" if other in ledger.sources else " (not in the ledger)")])
            for relation, other in related])

    @on(DataTable.RowSelected)
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        self._open(event.row_key.value)

    def _open(self, key: str | None) -> None:
        if not key:
            return
        kind, _, ident = key.partition(":")
        if kind == "claim":
            self.app.open_claim(ident)
        elif self.state and ident in self.state.ledger.sources:
            self.app.open_source(ident)

    def action_open_row(self) -> None:
        table = self.focused if isinstance(self.focused, DataTable) else self.query_one("#source-claims", FittedTable)
        if table.row_count:
            self._open(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def action_open_text(self) -> None:
        from sourcecrit.tui.screens.text import TextScreen

        source = self.state.ledger.sources.get(self.source_id) if self.state else None
        if source is None or not (source.text or source.contained_in):
            self.notify("This source holds no text.", severity="warning")
            return
        self.app.push_screen(TextScreen(self.source_id))

    def highlighted_claim(self) -> str | None:
        table = self.query_one("#source-claims", FittedTable)
        if not table.row_count:
            return None
        kind, _, ident = (table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or "").partition(":")
        return ident if kind == "claim" else None

    def action_suggestions(self) -> None:
        cast("SourcecritApp", self.app).open_suggestions(self.source_id)

    def action_facts_of_source(self) -> None:
        self.app.show_overview(source=self.source_id)
