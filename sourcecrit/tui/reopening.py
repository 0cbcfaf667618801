"""Reopening a resolution from the TUI: the form, then the round-trip edit in a thread worker
(sourcecrit.ledger.edit.reopen_resolution); the fact is open again, its decision kept in the
resolution's history."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sourcecrit.compare import Finding
from sourcecrit.tui.messages import EditRefused, LedgerEdited
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
    from sourcecrit.ledger.write import EditError, LedgerChanged

    assert app.state is not None
    try:
        path = reopen_resolution(app.state.ledger, subject=draft.subject, property=draft.property,
                                 qualifier=draft.qualifier, why=draft.why, by=draft.by or None, on=draft.on or None)
    except LedgerChanged as changed:
        app.post_message(EditRefused(str(changed), retry=draft))
        return
    except (EditError, OSError) as error:
        app.post_message(EditRefused(str(error), retry=draft, changed_on_disk=False))
        return
    app.post_message(LedgerEdited(Path(path), f"Resolution of {draft.subject} / {draft.property} reopened"))
