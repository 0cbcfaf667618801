"""A subject: all its facts together, each with its status, every date claimed of it on one
axis, and the people who witness it."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import events, on
from textual.binding import BindingType
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.widgets import DataTable, Header, Static

from sourcecrit.compare import STATUS_SYMBOL, Finding
from sourcecrit.query import fact_label
from sourcecrit.tui import commands as c
from sourcecrit.tui.index import fact_row
from sourcecrit.tui.screens.base import LedgerScreen, status_markup
from sourcecrit.tui.screens.timeline import TimelineChart
from sourcecrit.tui.subject import SubjectWitness, dates_chart, facts_of_subject, witnesses_of
from sourcecrit.tui.timeline import PALETTE
from sourcecrit.tui.widgets.fact_list import NARROW
from sourcecrit.tui.widgets.fitted_table import Column, FittedTable
from sourcecrit.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from sourcecrit.tui.app import SourcecritApp

FACT_COLUMNS = (Column("#", 2), Column("status", 1), Column("fact", 12), Column("values (→ accepted)", 16),
                Column("clm", 3), Column("wit", 3))
WITNESS_COLUMNS = (Column("witness", 14), Column("through", 14), Column("says", 20))


class SubjectScreen(LedgerScreen):
    """Every fact of one subject, its dates on a shared axis, and its witnesses."""

    PLACE = "A subject: all its facts together"
    COMMAND_LIST = c.SUBJECT_COMMANDS
    BINDINGS: ClassVar[list[BindingType]] = [*c.bindings(*c.SUBJECT_COMMANDS)]
    AUTO_FOCUS = "#subject-facts"
    BODY = "subject-body"

    def __init__(self, subject_id: str) -> None:
        super().__init__()
        self.subject_id = subject_id
        self.facts: list[Finding] = []
        self.witnesses: list[SubjectWitness] = []
        self.narrow = False

    def compose(self) -> ComposeResult:
        yield Header(icon="§")
        yield Static(id="subject-head", classes="head")
        with VerticalScroll(id="subject-body"):
            yield Static("Facts", classes="section")
            yield FittedTable(FACT_COLUMNS, id="subject-facts", zebra_stripes=True, enter="Fact")
            yield Static("Its dates on one axis (each bar numbered by its fact)", classes="section",
                         id="subject-dates-title")
            yield TimelineChart(id="subject-dates")
            yield Static(id="subject-dates-legend")
            yield Static("Witnesses: who speaks to it, through which works, and what they say", classes="section")
            yield FittedTable(WITNESS_COLUMNS, id="subject-witnesses", enter="Source")
        yield KeyBar()

    def on_mount(self) -> None:
        if self.state is not None:
            self.show_state(self.state)

    def show_state(self, state) -> None:
        ledger = state.ledger
        subject = ledger.subjects.get(self.subject_id)
        label = subject.label if subject else self.subject_id
        self.sub_title = f"subject · {label}"
        self.facts = facts_of_subject(state, self.subject_id)
        self.witnesses = witnesses_of(state, self.facts)
        self._show_head(state, label)
        self._show_facts(state)
        self._show_dates(state)
        self.query_one("#subject-witnesses", FittedTable).fill([
            (str(n), [w.who, "\n".join(w.works), "\n".join(w.says)]) for n, w in enumerate(self.witnesses)])

    def _show_head(self, state, label: str) -> None:
        subject = state.ledger.subjects.get(self.subject_id)
        counted: dict = {}
        for finding in self.facts:
            counted[finding.status] = counted.get(finding.status, 0) + 1
        statuses = "  ".join(f"{status_markup(status)} {n}" for status, n in counted.items())
        lines = [f"[b]{escape(label)}[/b]  [$text-muted]{escape(self.subject_id)}"
                 + (f" · {escape(subject.kind)}" if subject and subject.kind else "") + "[/]"]
        if subject is None:
            lines.append("[$text-warning]This subject is not declared; its claims are shown all the same.[/]")
        elif subject.note:
            lines.append(escape(subject.note))
        lines.append(f"{len(self.facts)} fact{'s' * (len(self.facts) != 1)}: {statuses}" if self.facts
                     else "[$text-muted]No claim speaks to this subject yet.[/]")
        self.query_one("#subject-head", Static).update("\n".join(lines))

    def _show_facts(self, state) -> None:
        self.narrow = self.size.width < NARROW  # the status by its symbol alone, as on the overview
        rows = []
        for n, finding in enumerate(self.facts, 1):
            row = fact_row(state.ledger, finding)
            status = STATUS_SYMBOL[finding.status] + ("" if self.narrow else f" {finding.status.value}")
            rows.append((str(n - 1), [str(n), status, row.fact, row.values, str(row.claims), str(row.witnesses)]))
        self.query_one("#subject-facts", FittedTable).fill(rows)

    def on_resize(self, event: events.Resize) -> None:
        super().on_resize(event)
        if self.state is not None and (event.size.width < NARROW) != self.narrow:
            self._show_facts(self.state)

    def _show_dates(self, state) -> None:
        chart = dates_chart(state, self.facts)
        for part in ("#subject-dates-title", "#subject-dates", "#subject-dates-legend"):
            self.query_one(part).display = chart is not None
        self.query_one(TimelineChart).show([chart] if chart is not None else [])
        if chart is None:
            return
        drawn = sorted({bar.version for bar in chart.bars})
        legend = [f"{n + 1} [{PALETTE[n % len(PALETTE)]}]██[/] {escape(fact_label(state.ledger, self.facts[n]))}: "
                  f"{status_markup(self.facts[n].status)}" for n in drawn]
        legend.append("[$text-muted]█ as written  ▓ approximate (widened)  ▒ denied or doubted  ◀ ▶ open bound[/]")
        legend += [f"[$text-muted]{escape(note)}[/]" for note in chart.notes]
        self.query_one("#subject-dates-legend", Static).update("\n".join(legend))

    # actions -----------------------------------------------------------------
    @property
    def workbench(self) -> "SourcecritApp":
        return cast("SourcecritApp", self.app)

    def _row(self, table_id: str) -> int | None:
        table = self.query_one(f"#{table_id}", FittedTable)
        if not table.row_count:
            return None
        return int(str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value))

    @on(DataTable.RowSelected, "#subject-facts")
    def _fact_chosen(self, event: DataTable.RowSelected) -> None:
        self.workbench.open_fact(self.facts[int(str(event.row_key.value))])

    @on(DataTable.RowSelected, "#subject-witnesses")
    def _witness_chosen(self, event: DataTable.RowSelected) -> None:
        self.workbench.open_source(self.witnesses[int(str(event.row_key.value))].first_source)

    def action_open_row(self) -> None:
        if self.focused is self.query_one("#subject-witnesses"):
            n = self._row("subject-witnesses")
            if n is not None:
                self.workbench.open_source(self.witnesses[n].first_source)
            return
        n = self._row("subject-facts")
        if n is not None:
            self.workbench.open_fact(self.facts[n])
