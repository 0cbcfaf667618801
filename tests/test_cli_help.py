"""Every command and every option of the command line has help text, and its help prints.

The parser is walked, not listed, so a command or option added later is checked too.
An option hidden with ``help=argparse.SUPPRESS`` is allowed: it is hidden on purpose.
"""

from __future__ import annotations

import argparse

import pytest

from sourcecrit.cli import _parser


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """(path, parser, help) for each command under ``parser``, nested commands included;
    an alias is not a command of its own."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help for choice in action._choices_actions}
            seen: set[int] = set()
            for name, sub in action.choices.items():
                if id(sub) in seen:
                    continue
                seen.add(id(sub))
                names = [n for n, p in action.choices.items() if p is sub]
                yield (*path, name), sub, next((helps[n] for n in names if helps.get(n)), None)
                yield from _commands(sub, (*path, name))


PROGRAM = _parser()
COMMANDS = {"sourcecrit": (PROGRAM, PROGRAM.description)} | {
    " ".join(path): (parser, help_text) for path, parser, help_text in _commands(PROGRAM)
}


def _option_name(action: argparse.Action) -> str:
    return "/".join(action.option_strings) or action.metavar or action.dest


def test_the_walk_finds_the_commands():
    assert {"tui", "check", "export", "conflicts", "report"} <= set(COMMANDS)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_the_command_has_help(command):
    parser, help_text = COMMANDS[command]
    assert help_text and help_text.strip(), f"`{command}` has no help text: give add_parser(..., help=...)"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_each_option_of_the_command_has_help(command):
    parser, _ = COMMANDS[command]
    missing = [
        _option_name(action) for action in parser._actions
        if not isinstance(action, argparse._SubParsersAction)  # its commands are checked one by one
        and action.help != argparse.SUPPRESS and not (action.help or "").strip()
    ]
    assert not missing, f"`{command}`: no help text for {', '.join(missing)}"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_the_command_help_prints(command):
    """argparse fills help texts in with %-formatting: a stray % fails only when --help is asked for."""
    parser, _ = COMMANDS[command]
    assert parser.format_help()
