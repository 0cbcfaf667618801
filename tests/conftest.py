"""Shared fixtures: small ledgers written to temporary folders."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SMALL = DATA / "small"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """Every test gets its own load cache folder, so no test sees another's cache, and its own
    settings folder, so no test reads or writes the user's."""
    monkeypatch.setenv("SOURCECRIT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("settings")))  # nor the user's TUI settings


@pytest.fixture
def small_ledger(tmp_path) -> Path:
    """A copy of the small fixture ledger that a test may change."""
    target = tmp_path / "ledger"
    shutil.copytree(SMALL, target)
    return target


def date_book_b_in_march(root: Path) -> None:
    """Edit the small ledger's book-b to give the Treaty of Moscow 16 March 1921, not 16 May:
    one claim file changed on disk, one fact touched."""
    path = root / "claims" / "book-b.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("16 May 1921", "16 March 1921"), encoding="utf-8")


def write_files(root: Path, files: dict[str, str]) -> Path:
    """Write ``files`` (relative path -> YAML text, dedented) under ``root``."""
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


@pytest.fixture
def computed(monkeypatch) -> list[tuple]:
    """The facts whose findings are computed anew (the comparison's memo gives the others)."""
    from sourcecrit.compare import findings as findings_module

    keys: list[tuple] = []
    real = findings_module._finding

    def counting(ledger, key, *args):
        keys.append(key)
        return real(ledger, key, *args)

    monkeypatch.setattr(findings_module, "_finding", counting)
    return keys
