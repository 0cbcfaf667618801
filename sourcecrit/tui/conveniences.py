"""Everyday conveniences: copy a claim's citation or quote to the clipboard, open the claim in
$EDITOR at its line (the ledger read again on return), and the settings kept between runs
(theme, keymap) applied to the app."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import SuspendNotSupported

from sourcecrit.citation import full_citation
from sourcecrit.tui import commands as c
from sourcecrit.tui.config import keep_setting, line_of, read_settings

if TYPE_CHECKING:
    from sourcecrit.models import Claim
    from sourcecrit.tui.app import SourcecritApp

SHOWN = 90  # characters of what was copied, said in the notification
# Editors that take "FILE:LINE" rather than the "+LINE FILE" of vi, nano, emacs and most others.
COLON_EDITORS = {"subl", "sublime_text", "hx", "helix", "zed", "mate"}
GOTO_EDITORS = {"code", "code-insiders", "codium", "cursor"}  # "--goto FILE:LINE"


def claim_citation(app: "SourcecritApp", claim: "Claim") -> str:
    """The claim's source as a full reference, with the claim's locator: what a footnote cites."""
    assert app.state is not None
    source = app.state.ledger.sources.get(claim.source)
    reference = full_citation(source).rstrip(".") if source is not None else claim.source
    return f"{reference}, {claim.locator}." if claim.locator else f"{reference}."


def editor_command(editor: str, path: Path, line: int) -> list[str]:
    """The command that opens ``path`` at ``line`` in ``editor`` (as $EDITOR gives it, with its options)."""
    words = shlex.split(editor)
    name = Path(words[0]).name.removesuffix(".exe") if words else ""
    if name in GOTO_EDITORS:
        return [*words, "--goto", f"{path}:{line}"]
    if name in COLON_EDITORS:
        return [*words, f"{path}:{line}"]
    return [*words, f"+{line}", str(path)]


# the clipboard ---------------------------------------------------------------------

def _claim(app: "SourcecritApp", claim_id: str | None) -> "Claim | None":
    claim = app.state.ledger.claims.get(claim_id or "") if app.state is not None else None
    if claim is None:
        app.notify("Highlight a claim first.", timeout=2)
    return claim


def copy_citation(app: "SourcecritApp", claim_id: str | None) -> None:
    """Copy the claim's full reference and locator, and say what was copied."""
    claim = _claim(app, claim_id)
    if claim is not None:
        _copy(app, claim_citation(app, claim), f"the citation of {claim.id}")


def copy_quote(app: "SourcecritApp", claim_id: str | None) -> None:
    """Copy the claim's quote, and say what was copied."""
    claim = _claim(app, claim_id)
    if claim is None:
        return
    if not claim.quote:
        app.notify(f"{claim.id} has no quote to copy.", timeout=2)
        return
    _copy(app, claim.quote, f"the quote of {claim.id}")


def _copy(app: "SourcecritApp", text: str, what: str) -> None:
    app.copy_to_clipboard(text)
    shown = text if len(text) <= SHOWN else text[:SHOWN - 1] + "…"
    app.notify(f"Copied {what}: {shown}", title="Copied", timeout=4)


# the editor --------------------------------------------------------------------------

def edit_claim(app: "SourcecritApp", claim_id: str | None) -> None:
    """Open the claim's file in $EDITOR at the claim's line."""
    claim = _claim(app, claim_id)
    if claim is not None:
        edit_at(app, Path(claim.origin.file), claim.origin.line)


def edit_at(app: "SourcecritApp", path: Path, line: int) -> None:
    """Open ``path`` at ``line`` in $VISUAL or $EDITOR, the terminal handed over; read the ledger again after."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        app.notify("Set $EDITOR to the editor to open ledger files in (for instance: export EDITOR=nano).",
                   title="No editor", severity="warning")
        return
    command = editor_command(editor, path, line)
    if shutil.which(command[0]) is None:  # said before the terminal is handed over, not to a blank screen
        app.notify(f"{command[0]}: no such program; check $EDITOR", title="Editor not run", severity="error")
        return
    try:
        if app.is_headless:  # no terminal to hand over (a test): the editor runs without one
            finished = _run(command)
        else:
            with app.suspend():  # the app comes back only if nothing is raised inside: _run raises nothing
                finished = _run(command)
    except SuspendNotSupported:
        app.notify("This terminal cannot be handed over to an editor here.", severity="warning")
        return
    if isinstance(finished, OSError):
        app.notify(f"{command[0]}: cannot run it ({finished.strerror}); check $EDITOR", title="Editor not run",
                   severity="error")
        return
    if finished.returncode:
        app.notify(f"{command[0]} ended with status {finished.returncode}.", severity="warning", timeout=3)
    app.reload()


def _run(command: list[str]) -> subprocess.CompletedProcess | OSError:
    """Run the editor; what the system says when it cannot (Textual's suspend does not survive an exception)."""
    try:
        return subprocess.run(command, check=False)
    except OSError as error:
        return error


# settings ------------------------------------------------------------------------------

def apply_settings(app: "SourcecritApp") -> None:
    """Take the settings file's theme and keymap, say what in it is wrong (file:line), and keep
    the theme chosen from now on."""
    settings = app.settings = read_settings()
    problems = list(settings.problems)
    if settings.theme is not None:
        if settings.theme in app.available_themes:
            app.theme = settings.theme
        else:
            problems.append(f"{settings.path}:{line_of(settings.text, 'theme')}: no theme '{settings.theme}' "
                            f"(known: {', '.join(sorted(app.available_themes))})")
    known = c.command_ids()
    keymap = {}
    for command_id, keys in settings.keys.items():
        if command_id in known:
            keymap[command_id] = keys
        else:
            problems.append(f"{settings.path}:{line_of(settings.text, command_id, 'keys')}: no command "
                            f"'{command_id}' to give keys to (the help, ?, shows each command's id beside its key)")
    if keymap:
        app.set_keymap(keymap)
    for problem in problems:
        app.notify(problem, title="Settings", severity="warning", timeout=8)
    app.theme_changed_signal.subscribe(app, partial(_keep_theme, app))


def _keep_theme(app: "SourcecritApp", theme) -> None:
    """Keep the theme just chosen in the settings file, for the next run."""
    if theme.name == app.settings.theme:
        return
    try:
        keep_setting(app.settings.path, "theme", theme.name)
    except OSError as error:
        app.notify(f"{app.settings.path}: cannot keep the theme there ({error.strerror})", severity="warning")
        return
    app.settings.theme = theme.name
