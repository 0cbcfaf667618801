"""Capture: a claim recorded from a passage of a source's text, through the claim form, appended
to the source's claims file (made when missing) by the round-trip appender in a thread worker;
a file changed on disk is not written, and the form comes back as typed after a reload."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sourcecrit.suggest_claims import Candidate, candidate_records
from sourcecrit.tui.messages import post_edit
from sourcecrit.tui.screens.capture import ClaimDraft, ClaimForm
from sourcecrit.values import ValueProblem, value_type

if TYPE_CHECKING:
    from sourcecrit.tui.app import SourcecritApp


def suggested_draft(source_id: str, candidate: Candidate) -> ClaimDraft:
    """The claim form prefilled from a suggestion: its value, locator, sentence, guessed subject and property."""
    record = candidate_records([candidate])[0]
    value = record["value"]
    return ClaimDraft(source_id, record["id"], record["subject"], record["property"],
                      ", ".join(value) if isinstance(value, list) else str(value), record["locator"], record["quote"],
                      record.get("note", ""), candidate.attributed_to or "", "; ".join(candidate.hedges), candidate.kind)


def selection_draft(source_id: str, quote: str, locator: str, line: int, within: list[Candidate]) -> ClaimDraft:
    """The claim form for a selected passage: the passage as the quote, and the value, subject and
    property of the first suggestion found in it, if any."""
    draft = ClaimDraft(source_id, f"{source_id}-{line}", "?", "?", "", locator, quote)
    if within:
        suggested = suggested_draft(source_id, within[0])
        draft.id, draft.subject, draft.property, draft.value = suggested.id, suggested.subject, suggested.property, suggested.value
        draft.attributed_to, draft.hedges, draft.kind = suggested.attributed_to, suggested.hedges, suggested.kind
    return draft


def capture_claim(app: "SourcecritApp", draft: ClaimDraft) -> None:
    """Offer the claim form for ``draft``, then append the claim to its source's claims file."""
    def save(done: ClaimDraft | None) -> None:
        if done is not None:
            app.run_worker(lambda: _write_claim(app, done), thread=True, exclusive=True, exit_on_error=False, group="edit")

    from sourcecrit.tui.screens.pick import choices_for

    choices = {kind: choices_for(app.state, kind) for kind in ("subject", "property")} if app.state else {}
    app.push_screen(ClaimForm(draft, lambda typed: reading(app, typed), choices), save)


def reading(app: "SourcecritApp", draft: ClaimDraft) -> str:
    """What the draft's value reads as, by its property's type (else the type suggested), or why it does not."""
    from sourcecrit.ledger.readings import parse_bounded, reading_contexts, source_convention

    state = app.state
    prop = state.ledger.properties.get(draft.property) if state else None
    kind = prop.type if prop else draft.kind
    if state is None or not kind:
        return "? choose a declared property to read the value"
    context = reading_contexts(state.ledger)[source_convention(state.ledger, draft.source)]  # its source's date order
    try:
        return value_type(kind).describe(parse_bounded(kind, draft.value, context))
    except ValueProblem as problem:
        return f"? {problem}"


def claims_file(app: "SourcecritApp", source: str) -> Path:
    """Where a source's new claim goes (sourcecrit.ledger.append.claims_file)."""
    from sourcecrit.ledger.append import claims_file as ledger_claims_file

    assert app.state is not None  # a claim is captured from a loaded ledger
    return ledger_claims_file(app.state.ledger, source)


def subjects_file(app: "SourcecritApp") -> Path:
    """Where a new subject is declared: the file of the ledger's first subjects, else declarations/subjects.yaml."""
    assert app.state is not None
    ledger = app.state.ledger
    files = [s.origin.file for s in ledger.subjects.values()]
    return Path(files[0]) if files else ledger.root / "declarations" / "subjects.yaml"


def _write_claim(app: "SourcecritApp", draft: ClaimDraft) -> None:
    from sourcecrit.ledger.append import append_records

    assert app.state is not None
    ledger = app.state.ledger

    def write() -> Path:
        if draft.subject not in ledger.subjects:  # a new subject, declared beside the others
            append_records(ledger, subjects_file(app), "subjects", [{"id": draft.subject, "label": draft.subject}])
        return append_records(ledger, claims_file(app, draft.source), "claims", [draft.record()])

    post_edit(app.post_message, draft, write, f"Claim {draft.id} recorded")
