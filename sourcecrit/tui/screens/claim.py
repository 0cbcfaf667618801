"""A claim: its full citation, locator and quote, and the passage of the held text around it."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.widgets import Header, Static

from sourcecrit.citation import full_citation
from sourcecrit.compare import CREDIBILITY_LABEL
from sourcecrit.passage import find_passage, source_text_path
from sourcecrit.tui import commands as c
from sourcecrit.tui.screens.base import LedgerScreen, as_written, fact_title, status_markup, where_written
from sourcecrit.values import value_type
from sourcecrit.tui.widgets.key_bar import KeyBar


class ClaimScreen(LedgerScreen):
    """What one source says about one fact, and where it says it."""

    PLACE = "A claim"
    COMMAND_LIST = c.CLAIM_COMMANDS
    BINDINGS = c.bindings(*c.CLAIM_COMMANDS)
    AUTO_FOCUS = "#claim-body"

    def __init__(self, claim_id: str) -> None:
        super().__init__()
        self.claim_id = claim_id

    def compose(self) -> ComposeResult:
        yield Header(icon="§")
        with VerticalScroll(id="claim-body"):
            yield Static(id="claim-head", classes="head")
            yield Static(id="claim-citation", classes="panel")
            yield Static(id="claim-quote", classes="panel")
            yield Static(id="claim-passage", classes="panel")
        yield KeyBar()

    def on_mount(self) -> None:
        if self.state is not None:
            self.show_state(self.state)

    def show_state(self, state) -> None:
        ledger = state.ledger
        claim = ledger.claims.get(self.claim_id)
        head = self.query_one("#claim-head", Static)
        if claim is None:
            head.update(f"The claim {escape(self.claim_id)} is no longer in the ledger.")
            return
        self.sub_title = f"claim {claim.id}"
        head.update(self._head_markup(state, claim))
        source = ledger.sources.get(claim.source)
        citation = self.query_one("#claim-citation", Static)
        citation.border_title = "Source"
        citation.update(escape(full_citation(source)) if source else f"{escape(claim.source)} (not in the ledger)")
        quote = self.query_one("#claim-quote", Static)
        quote.border_title = f"Quote · {claim.locator or 'no locator'}"
        quote.update(f"[i]“{escape(claim.quote)}”[/i]" if claim.quote else "[$text-muted]No quote recorded.[/]")
        self._show_passage(state, claim, source)

    def _head_markup(self, state, claim) -> str:
        ledger, findings = state.ledger, state.findings
        finding = state.finding_of_claim.get(claim.id)
        value = ledger.values.get(claim.id)
        prop = ledger.properties.get(claim.property)
        read = value_type(prop.type).describe(value) if (prop and value is not None) else "(could not be read)"
        grade = findings.credibility.get(claim.id)
        lines = [f"[b]{escape(claim.id)}[/b]  " + (f"{status_markup(finding.status)}  {escape(fact_title(state, finding))}"
                                                   if finding else f"{escape(claim.subject)} / {escape(claim.property)}"),
                 f"as written: [b]{escape(as_written(claim.value))}[/b]    read as: {escape(read)}",
                 f"stance: {claim.stance.value}    hedges: {escape(', '.join(claim.hedges) or '—')}    "
                 f"credibility: {grade} {CREDIBILITY_LABEL[grade]}" if grade else
                 f"stance: {claim.stance.value}    hedges: {escape(', '.join(claim.hedges) or '—')}",
                 f"source: {escape(ledger.source_label(claim.source))}    witness: "
                 f"{escape(ledger.source_label(findings.witness.get(claim.id, claim.source)))}"]
        if claim.attributed_to:
            lines.append(f"attributed to: {escape(ledger.source_label(claim.attributed_to))}")
        if claim.recorded_by:
            lines.append(f"recorded by: {escape(claim.recorded_by)}")
        if claim.note:
            lines.append(f"note: {escape(claim.note)}")
        if claim.flagged:
            lines.append(f"[bold $text-warning]⚑ flagged for review: {escape(claim.flagged)}[/]")
        lines.append(f"[$text-muted]{escape(where_written(state, claim.origin))}[/]")
        return "\n".join(lines)

    def _show_passage(self, state, claim, source) -> None:
        panel = self.query_one("#claim-passage", Static)
        holder = _text_holder(state.ledger, source)
        path = source_text_path(state.ledger.root, holder.text if holder else None)
        panel.display = holder is not None  # a text not held is no fault: no panel to say so
        if path is None:
            panel.border_title = "Passage"
            if holder is not None:
                missing = escape(str(state.ledger.root / holder.text))
                panel.update(f"[$text-muted]The source's text should be at {missing}, which is not there: put "
                             "it there, or point the source's [b]text:[/b] at it (a path relative to the ledger "
                             "folder).[/]")
            return
        source = holder
        try:
            whole = path.read_text(encoding="utf-8", errors="replace")
        except OSError as error:
            panel.border_title = f"Passage · {source.text}"
            panel.update(f"[$text-muted]The source's text cannot be read ({escape(error.strerror or str(error))}).[/]")
            return
        passage = find_passage(whole, claim.quote, claim.locator)
        if passage is None:
            panel.border_title = f"Passage · {source.text}"
            panel.update("[$text-muted]The quote was not found in the held text, and the locator gives no line.[/]")
            return
        last_line = passage.first_line + passage.text.count("\n")
        found = "quote found" if passage.how == "quote" else "quote not found; lines from the locator"
        panel.border_title = f"Passage · {source.text} · lines {passage.first_line}–{last_line} · {found}"
        text = Text(passage.text)
        text.stylize("bold reverse", passage.start, passage.end)
        panel.update(text)

    def highlighted_claim(self) -> str | None:
        return self.claim_id

    def action_open_source(self) -> None:
        if self.state and self.claim_id in self.state.ledger.claims:
            self.app.open_source(self.state.ledger.claims[self.claim_id].source)

    def action_open_its_fact(self) -> None:
        finding = self.state.finding_of_claim.get(self.claim_id) if self.state else None
        if finding is not None:
            self.app.open_fact(finding)

    def action_flag(self) -> None:
        self.app.flag_claim(self.claim_id)

    def action_unflag(self) -> None:
        self.app.unflag_claim(self.claim_id)


def _text_holder(ledger, source):
    """The source whose text holds the claim's words: the source, or the page that prints it."""
    if source is None:
        return None
    if source.text:
        return source
    container = ledger.sources.get(source.contained_in) if source.contained_in else None
    return container if container is not None and container.text else None
