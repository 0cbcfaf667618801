"""sourcecrit's settings file, in the platform's folder for settings: the theme kept between runs,
keys given to commands by their id, and a ledger opened when none is named.

Read with ``tomllib``; written one line at a time (the theme), the rest of the file kept as the
historian wrote it. No Textual here: the CLI reads the default ledger without loading the TUI.

    # ~/.config/sourcecrit/config.toml
    theme = "textual-light"
    ledger = "~/research/moscow-1921"

    [keys]
    review-queue = "R"
    copy-citation = "ctrl+y"
"""

from __future__ import annotations

import os
import re
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

NAME = "config.toml"
KNOWN = ("theme", "ledger", "keys")


@dataclass
class Settings:
    """What the settings file says, and what in it cannot be used (``file:line: message``)."""

    path: Path
    text: str = ""
    theme: str | None = None
    ledger: Path | None = None
    keys: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def settings_folder() -> Path:
    """sourcecrit's folder of settings: $XDG_CONFIG_HOME/sourcecrit when that is set, else the
    platform's (~/.config, ~/Library/Application Support, %APPDATA%)."""
    chosen = os.environ.get("XDG_CONFIG_HOME")
    if chosen:
        return Path(chosen) / "sourcecrit"
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming") / "sourcecrit"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "sourcecrit"
    return Path.home() / ".config" / "sourcecrit"


def settings_path() -> Path:
    return settings_folder() / NAME


def read_settings(path: Path | None = None) -> Settings:
    """The settings at ``path`` (the platform's file when not given); none when there is no file."""
    path = path or settings_path()
    settings = Settings(path)
    try:
        settings.text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return settings
    except (OSError, UnicodeDecodeError) as error:
        settings.problems.append(f"{path}:1: cannot read it ({getattr(error, 'strerror', None) or error})")
        return settings
    try:
        found = tomllib.loads(settings.text)
    except tomllib.TOMLDecodeError as error:
        where = re.search(r"at line (\d+)", str(error))
        said = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        settings.problems.append(f"{path}:{where.group(1) if where else 1}: {said}; the file is left unused")
        return settings
    _take(settings, found)
    return settings


def _take(settings: Settings, found: dict) -> None:
    def wrong(key: str, message: str, table: str | None = None) -> None:
        settings.problems.append(f"{settings.path}:{line_of(settings.text, key, table)}: {message}")

    for key in found:
        if key not in KNOWN:
            wrong(key, f"unknown setting '{key}' (known: {', '.join(KNOWN)})")
    theme, ledger, keys = found.get("theme"), found.get("ledger"), found.get("keys", {})
    if theme is not None and not isinstance(theme, str):
        wrong("theme", "theme should be a theme's name in quotes, like \"textual-light\"")
    else:
        settings.theme = theme
    if ledger is not None and not isinstance(ledger, str):
        wrong("ledger", "ledger should be a folder in quotes, like \"~/research/ledger\"")
    elif ledger:
        settings.ledger = settings.path.parent / Path(ledger).expanduser()  # a relative one: beside the file
    if not isinstance(keys, dict):
        wrong("keys", "keys should be a table: [keys] on a line, then command-id = \"key\" lines")
        return
    for command_id, key in keys.items():
        if isinstance(key, str) and key.strip():
            settings.keys[command_id] = key.strip()
        else:
            wrong(command_id, f"the keys of '{command_id}' should be in quotes, like \"ctrl+r\" or \"r,R\"", "keys")


def line_of(text: str, key: str, table: str | None = None) -> int:
    """The line on which ``key`` is set, at the top of the file or in ``[table]`` (1 when not found)."""
    current = None
    pattern = re.compile(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=")
    for number, line in enumerate(text.splitlines(), 1):
        header = re.match(r"\s*\[\s*([^\]]+?)\s*\]", line)
        if header:
            current = header.group(1)
        elif current == table and pattern.match(line):
            return number
    return 1


def keep_setting(path: Path, key: str, value: str) -> None:
    """Set a top-level ``key`` to the string ``value``: its line replaced where it stands, else a
    line added before the first table; every other line kept. Written to a temporary file renamed
    over the old one, so a crash leaves the old file or the new one."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    except FileNotFoundError:
        lines = []
    setting = f"{key} = {_toml_string(value)}\n"
    pattern = re.compile(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=")
    first_table = next((n for n, line in enumerate(lines) if re.match(r"\s*\[", line)), len(lines))
    where = next((n for n in range(first_table) if pattern.match(lines[n])), None)
    if where is not None:
        lines[where] = setting
    else:
        if first_table and not lines[first_table - 1].endswith("\n"):
            lines[first_table - 1] += "\n"
        lines.insert(first_table, setting)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text("".join(lines), encoding="utf-8")
    os.replace(temporary, path)


def _toml_string(value: str) -> str:
    """``value`` as a TOML basic string."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in escaped) + '"'


def configured_ledger() -> tuple[Path, str] | None:
    """The ledger the settings file names, and where it names it (``file:line``), if it names one."""
    settings = read_settings()
    if settings.ledger is None:
        return None
    return settings.ledger, f"{settings.path}:{line_of(settings.text, 'ledger')}"
