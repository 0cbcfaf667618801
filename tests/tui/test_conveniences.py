"""Everyday conveniences: the clipboard, $EDITOR at the claim's line, the settings file
(theme kept, keymap by command id, default ledger) and the version in the help."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from sourcecrit.tui.config import keep_setting, read_settings, settings_path
from sourcecrit.tui.conveniences import editor_command
from sourcecrit.tui.screens.claim import ClaimScreen
from tests.tui.conftest import SIZE, loaded, small_app


async def _claim_screen(pilot, app, claim_id: str = "a-moscow") -> None:
    await loaded(pilot, app)
    app.open_claim(claim_id)
    await pilot.pause()
    assert isinstance(app.screen, ClaimScreen)


def _notified(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_y_copies_the_citation_and_Y_the_quote_and_says_what_was_copied():
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await _claim_screen(pilot, app)
        await pilot.press("y")
        assert app.clipboard == "Ann Alpha, A history, 1990, page 12."
        assert any(m.startswith("Copied the citation of a-moscow: Ann Alpha, A history") for m in _notified(app))
        await pilot.press("Y")
        assert app.clipboard == "signed on 16 March 1921"
        assert "Copied the quote of a-moscow: signed on 16 March 1921" in _notified(app)


async def test_the_highlighted_claim_of_a_fact_is_copied():
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        app.open_fact(app.state.by_key[("treaty-of-moscow", "signed-on", "actual")])
        await pilot.pause()
        claim_id = app.screen.highlighted_claim()
        await pilot.press("Y")
        assert app.clipboard == app.state.ledger.claims[claim_id].quote


def test_the_editor_is_given_the_line_as_it_expects():
    path = Path("/ledger/claims/book-a.yaml")
    assert editor_command("vim", path, 12) == ["vim", "+12", "/ledger/claims/book-a.yaml"]
    assert editor_command("emacs -nw", path, 12) == ["emacs", "-nw", "+12", "/ledger/claims/book-a.yaml"]
    assert editor_command("/usr/bin/nano", path, 3) == ["/usr/bin/nano", "+3", "/ledger/claims/book-a.yaml"]
    assert editor_command("code --wait", path, 7) == ["code", "--wait", "--goto", "/ledger/claims/book-a.yaml:7"]
    assert editor_command("hx", path, 7) == ["hx", "/ledger/claims/book-a.yaml:7"]


def _editor_script(folder: Path, body: str) -> Path:
    """An editor that records how it was called, then does ``body`` (shell) to the file ($2)."""
    script = folder / "editor.sh"
    script.write_text(f'#!/bin/sh\necho "$@" > "{folder}/called"\n{body}\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


async def test_e_opens_the_claim_at_its_line_and_the_ledger_is_read_again(small_ledger: Path, tmp_path, monkeypatch):
    editor = _editor_script(tmp_path, 'sed -i "s/locator: page 12/locator: page 13/" "$2"')
    monkeypatch.setenv("EDITOR", str(editor))
    monkeypatch.delenv("VISUAL", raising=False)
    app = small_app(small_ledger)
    async with app.run_test(size=SIZE) as pilot:
        await _claim_screen(pilot, app)
        claim = app.state.ledger.claims["a-moscow"]
        await pilot.press("e")
        for _ in range(300):
            if app.loads >= 2 and not app.loading_ledger:
                break
            await pilot.pause(0.01)
        assert (tmp_path / "called").read_text().split() == [f"+{claim.origin.line}", str(claim.origin.file)]
        assert app.state.ledger.claims["a-moscow"].locator == "page 13"  # read again on return


async def test_e_in_the_review_queue_opens_a_disputed_fact_at_its_resolution(small_ledger: Path, tmp_path, monkeypatch):
    from tests.tui.test_review import needing_review, queue_of

    needing_review(small_ledger)
    monkeypatch.setenv("EDITOR", str(_editor_script(tmp_path, "")))
    monkeypatch.delenv("VISUAL", raising=False)
    app = small_app(small_ledger)
    async with app.run_test(size=SIZE) as pilot:
        screen = await queue_of(pilot, app)
        assert screen.current().kind == "disputed again"
        resolution = app.state.by_key[screen.current().fact].resolution
        await pilot.press("e")
        for _ in range(300):
            if (tmp_path / "called").exists():
                break
            await pilot.pause(0.01)
        assert (tmp_path / "called").read_text().split() == [f"+{resolution.origin.line}", str(resolution.origin.file)]
        await pilot.press("down")  # an open dispute: no resolution to edit
        await pilot.press("e")
        assert any(m.startswith("This fact has no resolution to edit") for m in _notified(app))


async def test_a_source_copies_its_highlighted_claim():
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        app.open_source("book-b")
        await pilot.pause()
        await pilot.press("Y")
        first = app.state.claims_by_source["book-b"][0]
        assert app.clipboard == app.state.ledger.claims[first].quote


async def test_with_no_editor_set_it_says_how_to_set_one(monkeypatch):
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await _claim_screen(pilot, app)
        await pilot.press("e")
        assert any("Set $EDITOR" in m for m in _notified(app))


async def test_an_editor_that_is_not_there_is_named_and_the_app_goes_on(monkeypatch):
    monkeypatch.setenv("EDITOR", "no-such-editor-here --wait")
    monkeypatch.delenv("VISUAL", raising=False)
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await _claim_screen(pilot, app)
        await pilot.press("e")
        assert "no-such-editor-here: no such program; check $EDITOR" in _notified(app)
        assert app.loads == 1  # nothing to read again


async def test_the_theme_chosen_is_kept_for_the_next_run():
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text('# my settings\n\n[keys]\nreview-queue = "R"\n', encoding="utf-8")
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.theme == "textual-light"
    assert path.read_text(encoding="utf-8") == '# my settings\n\ntheme = "textual-light"\n[keys]\nreview-queue = "R"\n'
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        assert app.theme == "textual-light"
        await pilot.press("ctrl+t")
        await pilot.pause()
    assert 'theme = "textual-dark"\n' in path.read_text(encoding="utf-8")


async def test_a_keymap_gives_a_command_other_keys_by_its_id():
    from sourcecrit.tui.screens.review import ReviewScreen

    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text('[keys]\nreview-queue = "R"\nno-such-command = "z"\n', encoding="utf-8")
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        assert any(m.startswith(f"{path}:3: no command 'no-such-command'") for m in _notified(app))
        await pilot.press("v")
        assert not isinstance(app.screen, ReviewScreen)
        await pilot.press("question_mark")  # the help shows the key given, beside the id
        table = app.screen._table(app.screen.commands)
        assert dict(zip(table.columns[2]._cells, table.columns[0]._cells))["review-queue"] == "R"
        await pilot.press("escape")
        await pilot.press("R")
        assert isinstance(app.screen, ReviewScreen)


def test_a_broken_settings_file_is_named_by_file_and_line(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('theme = "textual-light"\nledger = [1, 2]\nspeed = "fast"\n\n[keys]\nhelp = 3\n', encoding="utf-8")
    settings = read_settings(path)
    assert settings.problems == [
        f"{path}:3: unknown setting 'speed' (known: theme, ledger, keys)",
        f"{path}:2: ledger should be a folder in quotes, like \"~/research/ledger\"",
        f"{path}:6: the keys of 'help' should be in quotes, like \"ctrl+r\" or \"r,R\""]
    assert settings.theme == "textual-light"
    path.write_text('theme = "textual-light\n', encoding="utf-8")
    problems = read_settings(path).problems
    assert len(problems) == 1 and problems[0].startswith(f"{path}:1: ") and "left unused" in problems[0]


def test_keeping_a_setting_changes_its_line_only(tmp_path):
    path = tmp_path / "sourcecrit" / "config.toml"
    keep_setting(path, "theme", "nord")
    assert path.read_text(encoding="utf-8") == 'theme = "nord"\n'
    path.write_text('ledger = "~/moscow"  # the thesis\ntheme = "nord"\n\n[keys]\ntheme = "T"\n', encoding="utf-8")
    keep_setting(path, "theme", 'say "gruvbox"')
    assert path.read_text(encoding="utf-8") == ('ledger = "~/moscow"  # the thesis\ntheme = "say \\"gruvbox\\""\n\n'
                                                '[keys]\ntheme = "T"\n')
    assert read_settings(path).theme == 'say "gruvbox"'


def test_bare_sourcecrit_opens_the_default_ledger_of_the_settings(tmp_path, monkeypatch):
    from sourcecrit import cli
    from tests.conftest import SMALL

    opened = {}
    monkeypatch.setattr("sourcecrit.tui.app.run_app", lambda path, **options: opened.setdefault("path", path))
    monkeypatch.chdir(tmp_path)
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(f'ledger = "{SMALL}"\n', encoding="utf-8")
    assert cli.main([]) == 0 and Path(opened["path"]) == SMALL
    path.write_text(f'\nledger = "{tmp_path}"\n', encoding="utf-8")
    assert cli.main([]) == 2


def test_the_settings_folder_follows_xdg_config_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert settings_path() == tmp_path / "sourcecrit" / "config.toml"
    monkeypatch.delenv("XDG_CONFIG_HOME")
    if os.name == "posix" and not os.uname().sysname == "Darwin":
        assert settings_path() == Path.home() / ".config" / "sourcecrit" / "config.toml"


async def test_the_help_shows_the_version_and_where_the_settings_are():
    from sourcecrit import __version__
    from sourcecrit.tui.screens.help import HelpScreen
    from tests.tui.conftest import text_of

    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        about = text_of(app.screen.query_one("#about"))
        assert f"sourcecrit {__version__}" in about and str(settings_path()) in about
