"""The command palette's own entries: the commands of the screen the user is on and the
app's (from their one declaration), and jumps to any subject, source or claim."""

from __future__ import annotations

from functools import partial
from itertools import islice

from textual.command import DiscoveryHit, Hit, Hits, Provider

from sourcecrit.tui.commands import command_list

MAX_JUMPS = 40


class SourcecritCommands(Provider):
    """Commands and jumps."""

    def _commands(self):
        screen = self.screen
        for command in command_list(screen):
            if not command.action or not command.in_palette:
                continue
            target = screen if not command.action.startswith("app.") else self.app
            action = command.action.removeprefix("app.")
            yield f"{command.label} ({command.keys_shown})", command.help, partial(target.run_action, action)

    def _jumps(self):
        app = self.app
        state = getattr(app, "state", None)
        if state is None:
            return
        ledger = state.ledger
        for sid, subject in ledger.subjects.items():
            yield f"Go to subject: {subject.label}", f"{sid}: its facts, dates and witnesses", partial(app.open_subject, sid)
        for sid in ledger.sources:
            yield f"Go to source: {ledger.source_label(sid)} ({sid})", "its fields, record and claims", partial(app.open_source, sid)

    def _claims(self, query: str):
        state = getattr(self.app, "state", None)
        if state is None or len(query) < 2:
            return
        wanted = query.strip().lower()
        found = (cid for cid in state.ledger.claims if wanted in cid.lower())
        for cid in islice(found, MAX_JUMPS):
            yield f"Go to claim: {cid}", "its citation, quote and passage", partial(self.app.open_claim, cid)

    async def discover(self) -> Hits:
        for text, help_text, run in self._commands():
            yield DiscoveryHit(text, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, help_text, run in [*self._commands(), *self._jumps(), *self._claims(query)]:
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), run, text=text, help=help_text)
