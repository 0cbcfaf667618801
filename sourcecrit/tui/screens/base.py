"""What every sourcecrit screen shares: its commands, the state it shows, refreshing on reload."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual import events
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Static

from sourcecrit.compare import STATUS_SYMBOL, Finding, Status
from sourcecrit.report.table import fact_label
from sourcecrit.tui import conveniences
from sourcecrit.tui.widgets.key_bar import KeyBar
from sourcecrit.values import Relation

if TYPE_CHECKING:
    from sourcecrit.tui.app import SourcecritApp
    from sourcecrit.tui.state import LedgerState

RELATION_SYMBOL = {Relation.AGREE: "=", Relation.CONSISTENT: "≈", Relation.CONTRADICT: "✗", Relation.INCOMPARABLE: "?"}
RELATION_CLASS = {Relation.AGREE: "agree", Relation.CONSISTENT: "consistent", Relation.CONTRADICT: "contradict",
                  Relation.INCOMPARABLE: "incomparable"}
STATUS_STYLE = {Status.DISPUTED: "bold $text-error", Status.RESOLVED: "$text-success", Status.CONSISTENT: "$text-warning",
                Status.AGREED: "$text-primary", Status.SINGLE_SOURCE: "$text-muted", Status.INCOMPARABLE: "$text-accent"}
RELATION_STYLE = {Relation.AGREE: "$text-primary", Relation.CONSISTENT: "$text-warning",
                  Relation.CONTRADICT: "bold $text-error", Relation.INCOMPARABLE: "$text-muted"}


COMPACT_KEYS = 120


class LedgerScreen(Screen):
    """A screen that shows part of the loaded ledger and refreshes when it reloads."""

    COMMAND_LIST: tuple = ()
    PLACE = "sourcecrit"  # what the help screen calls this screen

    @property
    def state(self) -> "LedgerState | None":
        return getattr(self.app, "state", None)

    def show_state(self, state: "LedgerState") -> None:
        """Show ``state`` (called on load and on every reload)."""

    def show_from_the_top(self, body: str, focus: str) -> None:
        """Refill a kept screen for its next record: every table's cursor on its first row,
        the ``body`` scrolled home, the ``focus`` table focused."""
        from textual.containers import VerticalScroll

        from sourcecrit.tui.widgets.fitted_table import FittedTable

        for table in self.query(FittedTable):
            table.move_cursor(row=0)
        self.query_one(f"#{body}", VerticalScroll).scroll_home(animate=False)
        if self.state is not None:
            self.show_state(self.state)
        self.set_focus(self.query_one(f"#{focus}", FittedTable))

    # the conveniences of a claim: copy its citation or quote, open it in $EDITOR
    def highlighted_claim(self) -> str | None:
        """The claim the conveniences act on: the one shown or highlighted (none here)."""
        return None

    def action_copy_citation(self) -> None:
        conveniences.copy_citation(cast("SourcecritApp", self.app), self.highlighted_claim())

    def action_copy_quote(self) -> None:
        conveniences.copy_quote(cast("SourcecritApp", self.app), self.highlighted_claim())

    def action_edit_claim(self) -> None:
        conveniences.edit_claim(cast("SourcecritApp", self.app), self.highlighted_claim())

    BODY = ""  # the id of the screen's scrolling body, which the page keys (commands.PAGE_KEYS) move

    def action_page(self, direction: int) -> None:
        from textual.containers import VerticalScroll

        body = self.query_one(f"#{self.BODY}", VerticalScroll)
        body.scroll_to(y=body.scroll_y + direction * max(body.scrollable_content_region.height - 2, 1), animate=False)

    def action_to_end(self, direction: int) -> None:
        from textual.containers import VerticalScroll

        body = self.query_one(f"#{self.BODY}", VerticalScroll)
        (body.scroll_end if direction > 0 else body.scroll_home)(animate=False)

    def fact_head(self, state: "LedgerState", key: tuple, head: Static, place: str) -> Finding | None:
        """The fact ``key`` as ``state`` has it, its title and status shown in ``head`` and the
        screen titled "``place`` · the fact"; None, said in ``head``, when the fact is gone."""
        finding = state.by_key.get(key)
        if finding is None:
            head.update("This fact is no longer in the ledger.")
            return None
        title = fact_title(state, finding)
        self.sub_title = f"{place} · {title}"
        head.update(f"[b]{escape(title)}[/b]\n{status_markup(finding.status)}  {escape(finding.status_reason)}")
        return finding

    def on_resize(self, event: events.Resize) -> None:
        for bar in self.query(KeyBar):  # in 80 columns every key of the bar fits only compact
            bar.compact = event.size.width < COMPACT_KEYS


def where_written(state: "LedgerState", origin) -> str:
    """A record's file and line, relative to the ledger folder."""
    try:
        file = str(Path(origin.file).relative_to(state.ledger.root))
    except ValueError:
        file = origin.file
    return f"{file}:{origin.line}"


def as_written(value, separator: str = ", ") -> str:
    """A claim's value as the historian wrote it: a list as "a, b", roles as "host: a; envoy: b".

    An input field that the value is read back from joins a list with "; " (a name may hold a comma).
    """
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return separator.join(value)
    return "; ".join(f"{role}: {as_written(names, separator)}" for role, names in value.items())


def status_markup(status: Status) -> str:
    """A status as symbol and word, coloured: the colour never carries the meaning alone."""
    return f"[{STATUS_STYLE[status]}]{STATUS_SYMBOL[status]} {status.value}[/]"


def fact_title(state: "LedgerState", finding: Finding) -> str:
    subject = state.ledger.subjects.get(finding.subject)
    return f"{subject.label if subject else finding.subject} — {fact_label(state.ledger, finding)}"
