"""Reopening a resolution from the TUI: the form, then the round-trip edit in a thread worker
(sourcecrit.ledger.edit.reopen_resolution); the fact is open again, its decision kept in the
resolution's history."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sourcecrit.compare import Finding
from sourcecrit.tui.messages import post_edit
from sourcecrit.tui.screens.base import as_written, fact_title
from sourcecrit.tui.screens.reopen import ReopenForm, ReopeningDraft

if TYPE_CHECKING:
    from sourcecrit.tui.app import SourcecritApp


def reopen(app: "SourcecritApp", finding: Finding, draft: ReopeningDraft | None = None) -> None:
    """Ask why ``finding``'s resolution is reopened, then write it; say so if none stands."""
    state = app.state
    resolution = finding.resolution
    if state is None or resolution is None:
        app.notify("This fact has no standing resolution to reopen.", severity="warning")
        return
    draft = draft or ReopeningDraft(finding.subject, finding.property, finding.qualifier, by=app.decided_by,
                                    on=app.today().isoformat())
    decision = f"{as_written(resolution.accepted)}: {resolution.rationale}"

    def save(done: ReopeningDraft | None) -> None:
        if done is not None:
            app.decided_by = done.by
            app.run_worker(lambda: _write(app, done), thread=True, exclusive=True, exit_on_error=False, group="edit")

    app.push_screen(ReopenForm(draft, fact_title(state, finding), decision), save)


def _write(app: "SourcecritApp", draft: ReopeningDraft) -> None:
    from sourcecrit.ledger.edit import reopen_resolution

    assert app.state is not None
    ledger = app.state.ledger
    post_edit(app.post_message, draft,
              lambda: reopen_resolution(ledger, subject=draft.subject, property=draft.property, qualifier=draft.qualifier,
                                        why=draft.why, by=draft.by or None, on=draft.on or None),
              f"Resolution of {draft.subject} / {draft.property} reopened")
