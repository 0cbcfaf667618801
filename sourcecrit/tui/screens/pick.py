"""A modal to pick one source, property or name to narrow the overview to."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.markup import escape
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from sourcecrit.names import fold, skeleton

MAX_SHOWN = 300


def choices_for(state, kind: str) -> list[tuple[str, str]]:
    """(id, label) of every source, property or entity of the ledger, by label."""
    ledger = state.ledger
    if kind == "source":
        found = [(sid, f"{ledger.source_label(sid)} ({sid})") for sid in ledger.sources]
    elif kind == "property":
        found = [(pid, f"{p.label} ({pid})") for pid, p in ledger.properties.items()]
    elif kind == "subject":
        found = [(sid, f"{s.label} ({sid})") for sid, s in ledger.subjects.items()]
    else:
        found = [(eid, f"{e.label} ({eid})") for eid, e in ledger.entities.items()]
    return sorted(found, key=lambda pair: fold(pair[1]))


def other_names(state, kind: str) -> dict[str, list[str]]:
    """The names besides its label that a choice is found by: a person's or place's variants
    in the gazetteer (Budenny finds Semyon Budyonny), as the overview's search finds them."""
    if kind != "entity":
        return {}
    return {eid: list(entity.variants) for eid, entity in state.ledger.entities.items() if entity.variants}


class PickScreen(ModalScreen[str | None]):
    """Type to narrow, arrows to move, Enter to choose, Escape to cancel."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel"), Binding("down", "focus_list", show=False)]

    def __init__(self, title: str, choices: list[tuple[str, str]], also: dict[str, list[str]] | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices
        also = also or {}
        self.searchable = [(fold(" ".join([label, *also.get(cid, ())])), skeleton(" ".join([label, *also.get(cid, ())])))
                           for cid, label in choices]

    def compose(self) -> ComposeResult:
        with Vertical(id="pick", classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(placeholder="type to narrow", id="pick-query", compact=True)
            yield OptionList(id="pick-options")
            yield Static("", id="pick-none")

    def on_mount(self) -> None:
        self._fill("")

    @on(Input.Changed, "#pick-query")
    def _narrow(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#pick-query")
    def _take_first(self) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            self.dismiss(options.get_option_at_index(options.highlighted or 0).id)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_focus_list(self) -> None:
        self.query_one(OptionList).focus()

    def _fill(self, query: str) -> None:
        wanted, wanted_skeleton = fold(query), skeleton(query)
        options = self.query_one(OptionList)
        options.clear_options()
        shown = [Option(Content(label), id=cid) for (cid, label), (folded, skel) in zip(self.choices, self.searchable)
                 if wanted in folded or wanted_skeleton in skel][:MAX_SHOWN]
        options.add_options(shown)
        if shown:
            options.highlighted = 0
        none = self.query_one("#pick-none", Static)
        none.display = not shown
        none.update(f"[$text-muted]Nothing matches “{escape(query)}”: try fewer letters, or another spelling.[/]"
                    if self.choices else "[$text-muted]The ledger has none to choose from.[/]")
