"""The ACH matrix of a fact (Heuer's Analysis of Competing Hypotheses): its competing
versions against every claim, the most diagnostic claims first, the version with the least
evidence against it marked. The matrix is sourcecrit.compare.ach's, as the reports show it."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.markup import escape
from textual.widgets import DataTable, Header, Static

from sourcecrit.citation import WitnessNames
from sourcecrit.compare import Finding
from sourcecrit.compare.ach import Mark, Matrix, ach_matrix, ledger_voices
from sourcecrit.tui import commands as c
from sourcecrit.tui.screens.base import LedgerScreen
from sourcecrit.tui.widgets.fitted_table import Column, FittedTable
from sourcecrit.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from sourcecrit.tui.app import SourcecritApp

MARK_STYLE = {Mark.CONSISTENT: "bold green", Mark.INCONSISTENT: "bold red", Mark.NOT_APPLICABLE: "dim"}


class AchScreen(LedgerScreen):
    """Which version has the least evidence against it, counted in independent witnesses."""

    PLACE = "Competing hypotheses (ACH)"
    COMMAND_LIST = c.ACH_COMMANDS
    BINDINGS: ClassVar[list[BindingType]] = [*c.bindings(*c.ACH_COMMANDS)]
    AUTO_FOCUS = "#ach-matrix"

    def __init__(self, finding: Finding) -> None:
        super().__init__()
        self.key = finding.key
        self.matrix: Matrix | None = None

    def compose(self) -> ComposeResult:
        yield Header(icon="§")
        yield Static(id="ach-head", classes="head")
        with VerticalScroll(id="ach-body"):
            yield Static("Hypotheses: the competing versions", classes="section")
            yield Static(id="ach-hypotheses")
            yield Static("Evidence: every claim, the most diagnostic first", classes="section")
            yield FittedTable((), id="ach-matrix", zebra_stripes=True, enter="Claim")
            yield Static(id="ach-reason")
        yield KeyBar()

    def on_mount(self) -> None:
        if self.state is not None:
            self.show_state(self.state)

    def show_state(self, state) -> None:
        finding = self.fact_head(state, self.key, self.query_one("#ach-head", Static), "ACH")
        if finding is None:
            return
        names = WitnessNames(state.ledger.sources)
        self.matrix = ach_matrix(finding, state.findings.witness, ledger_voices(state.ledger, state.findings), names.name)
        if self.matrix is None:
            self.query_one("#ach-hypotheses", Static).update(
                "No two versions of this fact contradict each other: there are no competing hypotheses to weigh.")
            return
        self._show(self.matrix, names)

    def _show(self, matrix: Matrix, names: WitnessNames) -> None:
        lines = []
        for n, hypothesis in enumerate(matrix.hypotheses, 1):
            against = len(hypothesis.inconsistent)
            mark = "  [b $success]✓ least inconsistent[/]" if hypothesis.least_inconsistent else ""
            lines.append(f"[b]H{n}[/b] {escape(hypothesis.label)}: {against} independent "
                         f"witness{'es' * (against != 1)} against it{mark}")
        self.query_one("#ach-hypotheses", Static).update(Content.from_markup("\n".join(lines)))
        table = self.query_one("#ach-matrix", FittedTable)
        table.layout_columns = (Column("claim", 10), Column("witness", 12),
                                *(Column(f"H{n}", 3) for n in range(1, len(matrix.hypotheses) + 1)),
                                Column("tells apart", 5))
        rows: list[tuple[str, list[str | Text]]] = []
        for evidence in matrix.evidence:
            witness = names.name(evidence.witness) + (f" (counts with {evidence.counts_with})" if evidence.counts_with else "")
            marks = [Text(mark.letter, style=MARK_STYLE[mark], justify="center") for mark in evidence.marks]
            rows.append((evidence.claim, [evidence.claim, witness, *marks, Text(str(evidence.diagnosticity), justify="right")]))
        table.fill(rows)
        self.query_one("#ach-reason", Static).update(Content.from_markup(
            "[$text-muted]C consistent · I inconsistent · – not applicable; “tells apart”: the pairs of hypotheses "
            "a claim is consistent with one of and inconsistent with the other.[/]\n"
            f"[b]Least inconsistent:[/b] {escape(matrix.reason)}"))

    def action_open_claim(self) -> None:
        table = self.query_one("#ach-matrix", FittedTable)
        if table.row_count:
            self._open(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    @on(DataTable.RowSelected, "#ach-matrix")
    def _claim_chosen(self, event: DataTable.RowSelected) -> None:
        self._open(event.row_key.value)

    def _open(self, claim_id: str | None) -> None:
        if claim_id:
            cast("SourcecritApp", self.app).open_claim(claim_id)
