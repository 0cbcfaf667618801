"""Edits from the TUI: record a resolution, flag or unflag a claim, export a report.

Every write goes through the core (sourcecrit.ledger.edit, sourcecrit.report.build) in a
thread worker; a file changed on disk since it was read is never overwritten: the user
is told, nothing typed is lost, and a reload is offered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual import work

from sourcecrit.compare import Finding, Version
from sourcecrit.models import Stance
from sourcecrit.tui.messages import EditRefused, LedgerEdited, ReportExported, post_edit
from sourcecrit.tui.capture import capture_claim
from sourcecrit.tui.reopening import reopen
from sourcecrit.tui.screens.reopen import ReopeningDraft
from sourcecrit.tui.screens.capture import ClaimDraft
from sourcecrit.tui.screens.forms import FlagForm, MessageScreen, PathForm, ResolutionDraft, ResolutionForm
from sourcecrit.tui.screens.base import as_written, fact_title
from sourcecrit.values import Relation, value_type
if TYPE_CHECKING:
    from sourcecrit.tui.app import SourcecritApp


@dataclass(frozen=True)
class FlagRetry:
    """A flag (or, with no reason, an unflag) that was refused, to offer again after a reload."""

    claim_id: str
    reason: str | None


class EditingMixin:
    """The app's edits. Expects ``state``, ``today`` and the App's worker and screen methods."""

    decided_by: str = ""
    retry_after_reload: object = None

    # resolutions ---------------------------------------------------------------
    def record_resolution(self, finding: Finding | None, version: Version | None = None,
                          draft: ResolutionDraft | None = None) -> None:
        """Open the resolution form for ``finding``, prefilled from ``version`` (else the best one)."""
        state = self.state
        if state is None or finding is None:
            return
        if draft is None:
            draft = self._draft(finding, version)

        def save(result: ResolutionDraft | None) -> None:
            if result is not None:
                self.decided_by = result.decided_by
                self._write_resolution(result)

        self.push_screen(ResolutionForm(draft, fact_title(state, finding)), save)

    def _draft(self, finding: Finding, version: Version | None) -> ResolutionDraft:
        pointed = version
        version = version or _best_version(finding)
        accepted, rests_on, set_aside = "", [], []
        if version is not None:
            accepted = self._written_value(version.claims[0])
            rests_on = list(version.claims)
            chosen = set(version.claims)
            set_aside = sorted({(p.b if p.a in chosen else p.a) for p in finding.pairs
                                if p.relation is Relation.CONTRADICT and (p.a in chosen) != (p.b in chosen)})
        draft = ResolutionDraft(finding.subject, finding.property, finding.qualifier, accepted, "",
                                self.decided_by, self.today().isoformat(), rests_on, set_aside)
        recorded = finding.resolution
        if recorded is not None:  # a standing decision: replacing it asks why, kept in its history
            draft.replacing = (_as_field(recorded.accepted), " ".join(recorded.rationale.split()))  # as the form reads it
        if recorded is not None and pointed is None:  # revise the recorded decision
            draft.accepted, draft.rationale = _as_field(recorded.accepted), recorded.rationale
            draft.rests_on = list(recorded.rests_on)
            draft.set_aside = [r.claim for r in recorded.rejected]
            if recorded.rejected:
                draft.reject_reason = recorded.rejected[0].reason
        return draft

    def _written_value(self, claim_id: str) -> str:
        ledger = self.state.ledger
        claim = ledger.claims[claim_id]
        if isinstance(claim.value, (str, list)):
            return _as_field(claim.value)  # as the historian wrote it; a list as "a; b", which reads back
        value = ledger.values.get(claim_id)
        prop = ledger.properties.get(claim.property)
        return value_type(prop.type).written(value) if (prop and value is not None) else _as_field(claim.value)

    @work(thread=True, exclusive=True, exit_on_error=False, group="edit")
    def _write_resolution(self, draft: ResolutionDraft) -> None:
        from sourcecrit.ledger.edit import record_resolution

        ledger = self.state.ledger
        post_edit(self.post_message, draft,
                  lambda: record_resolution(
                      ledger, subject=draft.subject, property=draft.property, qualifier=draft.qualifier,
                      accepted=draft.accepted, rationale=draft.rationale, decided_by=draft.decided_by or None,
                      decided_on=draft.decided_on or None, rests_on=tuple(draft.rests_on), rejected=tuple(draft.rejected),
                      why_changed=draft.why_changed or None),
                  f"Resolution of {draft.subject} / {draft.property} recorded")

    # flags -------------------------------------------------------------------------
    def flag_claim(self, claim_id: str, reason: str | None = None) -> None:
        """Ask why ``claim_id`` needs review (prefilled with ``reason`` or its current flag), then flag it."""
        state = self.state
        if state is None or claim_id not in state.ledger.claims:
            return
        current = reason if reason is not None else (state.ledger.claims[claim_id].flagged or "")

        def save(reason: str | None) -> None:
            if reason:
                self._write_flag(claim_id, reason)

        self.push_screen(FlagForm(claim_id, current), save)

    def unflag_claim(self, claim_id: str) -> None:
        state = self.state
        if state is None or claim_id not in state.ledger.claims:
            return
        if not state.ledger.claims[claim_id].flagged:
            self.notify(f"{claim_id} is not flagged.", severity="information")
            return
        self._write_flag(claim_id, None)

    @work(thread=True, exclusive=True, exit_on_error=False, group="edit")
    def _write_flag(self, claim_id: str, reason: str | None) -> None:
        from sourcecrit.ledger import edit

        ledger = self.state.ledger
        what = f"{claim_id} flagged for review" if reason else f"Flag of {claim_id} cleared"
        post_edit(self.post_message, FlagRetry(claim_id, reason),
                  lambda: edit.unflag_claim(ledger, claim_id) if reason is None else edit.flag_claim(ledger, claim_id, reason),
                  what)

    def on_ledger_edited(self, message: LedgerEdited) -> None:
        self.notify(f"{message.what}: written to {message.path}", title="Saved")
        self.reload()

    def on_edit_refused(self, message: EditRefused) -> None:
        if not message.changed_on_disk:
            self._edit_impossible(message)
            return
        text = (f"{message.reason}\n\nThe file on disk is as the other writer left it, and what you typed "
                "is kept: after the reload it is offered again, to save once more.")

        def answered(answer: str | None) -> None:
            if answer == "reload":
                self.retry_after_reload = message.retry
                self.reload()

        self.push_screen(MessageScreen("Not saved: the file changed on disk", text,
                                       (("reload", "Reload"), ("close", "Close"))), answered)

    def _edit_impossible(self, message: EditRefused) -> None:
        text = f"{message.reason}\n\nNothing was written, and what you typed is kept: edit it and save again."

        def answered(answer: str | None) -> None:
            if answer == "again":
                self.retry_after_reload = message.retry
                self.retry_edit()

        self.push_screen(MessageScreen("Not saved", text, (("again", "Edit again"), ("close", "Close"))), answered)

    def retry_edit(self) -> None:
        """After a reload the user asked for, offer the refused edit again, as typed."""
        draft, self.retry_after_reload = self.retry_after_reload, None
        if isinstance(draft, FlagRetry):
            if draft.reason is None:
                self.unflag_claim(draft.claim_id)
            else:
                self.flag_claim(draft.claim_id, draft.reason)
        elif isinstance(draft, ClaimDraft):
            capture_claim(cast("SourcecritApp", self), draft)
        elif isinstance(draft, ResolutionDraft):
            finding = self.state.by_key.get((draft.subject, draft.property, draft.qualifier))
            if finding is not None:
                self.record_resolution(finding, draft=draft)
        elif isinstance(draft, ReopeningDraft):
            app = cast("SourcecritApp", self)
            reopened = app.state.by_key.get((draft.subject, draft.property, draft.qualifier)) if app.state else None
            if reopened is not None:
                reopen(app, reopened, draft)

    # reports -------------------------------------------------------------------------
    def action_export_report(self) -> None:
        if self.state is None:
            return

        def chosen(path: str | None) -> None:
            if path:
                self._confirm_export(Path(path).expanduser())

        from sourcecrit.report.formats import suffixes_text  # the report modules load on the first export

        self.push_screen(PathForm(f"Write a conflict report of the facts shown to ({suffixes_text()})",
                                  str(Path.cwd() / "sourcecrit-report.md")), chosen)

    def _confirm_export(self, path: Path) -> None:
        if not path.exists():
            self._export(path)
            return

        def answered(answer: str | None) -> None:
            if answer == "overwrite":
                self._export(path)

        self.push_screen(MessageScreen("The file exists", f"{path} exists. Overwrite it?",
                                       (("overwrite", "Overwrite"), ("close", "Cancel"))), answered)

    @work(thread=True, exclusive=True, exit_on_error=False, group="export")
    def _export(self, path: Path) -> None:
        from sourcecrit.ledger.write import write_output
        from sourcecrit.report.build import ReportOptions, render_report
        from sourcecrit.report.formats import format_for

        options = ReportOptions(format=format_for(path).name, filters=self.shown_filters())
        parts, _ = render_report(self.state.ledger, options, self.state.findings)  # written as they come
        try:
            write_output(path, parts)
        except OSError as error:
            self.call_from_thread(self.notify, f"{path}: cannot write it ({error.strerror}); choose another file",
                                  title="Report not written", severity="error")
            return
        self.post_message(ReportExported(path))

    def on_report_exported(self, message: ReportExported) -> None:
        self.notify(f"Report written to {message.path}", title="Exported")


def _best_version(finding: Finding) -> Version | None:
    asserting = [v for v in finding.versions if v.stance is Stance.ASSERTS] or finding.versions
    return max(asserting, key=lambda v: (v.witness_count, len(v.claims)), default=None)


def today() -> date:
    return date.today()


def _as_field(value) -> str:
    return as_written(value, "; ")
