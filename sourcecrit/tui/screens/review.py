"""The review queue: what waits for an editor, one row each, worked through from the top:
resolve, flag, unflag, open; the ledger is compared again after each edit and the row goes."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.markup import escape
from textual.widgets import DataTable, Header, Static

from sourcecrit.tui import commands as c
from sourcecrit.tui.review import KINDS, ReviewItem, citation_items, fact_items, flagged_items
from sourcecrit.tui.screens.base import LedgerScreen, fact_title, where_written
from sourcecrit.tui.widgets.fitted_table import Column, FittedTable
from sourcecrit.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from sourcecrit.tui.app import SourcecritApp
    from sourcecrit.tui.state import LedgerState

COLUMNS = (Column("to review", 9), Column("fact or claim", 18), Column("why", 20), Column("where", 12, optional=True))
WHY_SHOWN = 80
KIND_STYLE = {"disputed again": "bold red", "disputed": "red", "flagged": "yellow", "orphan": "magenta",
              "ambiguous": "magenta", "drift": "cyan"}


class ReviewScreen(LedgerScreen):
    """Disputes, resolutions disputed again, flagged claims and wrong citations, as one list."""

    PLACE = "The review queue"
    COMMAND_LIST = c.REVIEW_COMMANDS
    BINDINGS: ClassVar[list[BindingType]] = [*c.bindings(*c.REVIEW_COMMANDS)]
    AUTO_FOCUS = "#review-items"

    def __init__(self) -> None:
        super().__init__()
        self.items: list[ReviewItem] = []
        self.verified_for: object = None  # the state whose citations are in the queue (verify runs once a load)
        self.citations: list[ReviewItem] = []

    def compose(self) -> ComposeResult:
        yield Header(icon="§")
        yield Static(id="review-head", classes="head")
        yield FittedTable(COLUMNS, id="review-items", zebra_stripes=True, enter="Open")
        yield Static(id="review-why", classes="panel")
        yield KeyBar()

    def on_mount(self) -> None:
        if self.state is not None:
            self.show_state(self.state)

    def show_state(self, state: "LedgerState") -> None:
        self.sub_title = "review queue"
        if self.verified_for is not state:
            self.citations = []
            self._verify(state)
        self._show(state, checking=self.verified_for is not state)

    @work(thread=True, exclusive=True, exit_on_error=False, group="review")
    def _verify(self, state: "LedgerState") -> None:
        from sourcecrit.verify import verify_ledger

        found = citation_items(verify_ledger(state.ledger))
        self.app.call_from_thread(self._verified, state, found)

    def _verified(self, state: "LedgerState", found: list[ReviewItem]) -> None:
        if state is not self.state or not self.is_attached:  # reloaded meanwhile: that load verifies again
            return
        self.verified_for, self.citations = state, found
        self._show(state, checking=False)

    def _show(self, state: "LedgerState", checking: bool) -> None:
        table = self.query_one("#review-items", FittedTable)
        current = self.current()
        at = table.cursor_row
        self.items = fact_items(state.findings) + flagged_items(state.ledger) + self.citations
        table.fill([(item.key, self._cells(state, item)) for item in self.items])
        keys = [item.key for item in self.items]
        if current is not None and current.key in keys:
            table.move_cursor(row=keys.index(current.key))
        elif self.items:  # the item worked on is gone: the one that took its place
            table.move_cursor(row=min(at, len(self.items) - 1))
        self.query_one("#review-head", Static).update(self._head(checking))
        self._show_why()

    @on(DataTable.RowHighlighted, "#review-items")
    def _show_why(self) -> None:
        item = self.current()
        panel = self.query_one("#review-why", Static)
        panel.display = item is not None
        if item is not None:
            panel.border_title = item.kind
            panel.update(escape(item.why))

    def _head(self, checking: bool) -> str:
        counted = {kind: sum(1 for item in self.items if item.kind == kind) for kind in KINDS}
        parts = [f"{n} {kind}" for kind, n in counted.items() if n]
        said = ", ".join(parts) if parts else "nothing to review"
        more = " · [$text-muted]verifying the citations…[/]" if checking else ""
        return f"[b]{len(self.items)} to review[/b]: {escape(said)}{more}"

    def _cells(self, state: "LedgerState", item: ReviewItem) -> list[str | Text]:
        ledger = state.ledger
        if item.claim is not None:
            claim = ledger.claims.get(item.claim)
            finding = state.finding_of_claim.get(item.claim)
            what = f"{item.claim} · {fact_title(state, finding)}" if finding else item.claim
            where = where_written(state, claim.origin) if claim else ""
        else:
            finding = state.by_key.get(item.fact) if item.fact else None
            what = fact_title(state, finding) if finding else "/".join(p or "" for p in item.fact or ())
            resolution = finding.resolution if finding else None
            where = where_written(state, resolution.origin) if resolution else f"{len(finding.claims) if finding else 0} claims"
        why = item.why if len(item.why) <= WHY_SHOWN else item.why[:WHY_SHOWN - 1] + "…"  # whole below the table
        return [Text(item.kind, style=KIND_STYLE[item.kind]), what, why, where]

    # the highlighted item ------------------------------------------------------------
    def current(self) -> ReviewItem | None:
        table = self.query_one("#review-items", FittedTable)
        if not table.row_count or not self.items:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((item for item in self.items if item.key == key), None)

    def _finding(self, item: ReviewItem | None):
        state = self.state
        if item is None or state is None:
            return None
        if item.fact is not None:
            return state.by_key.get(item.fact)
        return state.finding_of_claim.get(item.claim or "")

    @property
    def _app(self) -> "SourcecritApp":
        return cast("SourcecritApp", self.app)

    @on(DataTable.RowSelected, "#review-items")
    def _chosen(self) -> None:
        self.action_open_item()

    def action_open_item(self) -> None:
        item = self.current()
        if item is None:
            return
        if item.claim is not None:
            self._app.open_claim(item.claim)
        elif (finding := self._finding(item)) is not None:
            self._app.open_fact(finding)

    def action_resolve(self) -> None:
        finding = self._finding(self.current())
        if finding is None:
            self.notify("Nothing to resolve here.", timeout=2)
            return
        self._app.record_resolution(finding)

    def action_flag(self) -> None:
        self._with_claim(self._app.flag_claim, "flag", flagged_only=False)

    def action_unflag(self) -> None:
        self._with_claim(self._app.unflag_claim, "unflag", flagged_only=True)

    def highlighted_claim(self) -> str | None:
        """The highlighted item's claim, for the conveniences (a fact's item has none)."""
        item = self.current()
        return item.claim if item is not None else None

    def action_edit_claim(self) -> None:
        """Open the claim in $EDITOR; for a fact resolved before, its resolution."""
        from pathlib import Path

        from sourcecrit.tui.conveniences import edit_at

        item, finding = self.current(), self._finding(self.current())
        if item is not None and item.claim is None:
            if finding is None or finding.resolution is None:
                self.notify("This fact has no resolution to edit: a to record one, Enter to open its claims.", timeout=3)
                return
            edit_at(self._app, Path(finding.resolution.origin.file), finding.resolution.origin.line)
            return
        super().action_edit_claim()

    def _with_claim(self, do, verb: str, flagged_only: bool) -> None:
        """``do`` the claim of the item; for a fact, of the claim chosen among its claims."""
        item, state = self.current(), self.state
        if item is None or state is None:
            return
        if item.claim is not None:
            do(item.claim)
            return
        finding = self._finding(item)
        claims = [cid for cid in (finding.claims if finding else []) if not flagged_only or state.ledger.claims[cid].flagged]
        if not claims:
            self.notify("No claim of this fact is flagged." if flagged_only else "This fact has no claims.", timeout=2)
            return
        if len(claims) == 1:
            do(claims[0])
            return
        from sourcecrit.tui.screens.pick import PickScreen

        choices = [(cid, f"{cid} · {state.ledger.source_label(state.ledger.claims[cid].source)}") for cid in claims]

        def chosen(claim_id: str | None) -> None:
            if claim_id is not None:
                do(claim_id)

        self.app.push_screen(PickScreen(f"Which claim to {verb}?", choices), chosen)
