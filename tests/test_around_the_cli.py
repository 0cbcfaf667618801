"""Around the commands: --version, init, output on a console that is not UTF-8, and dates in
citations as a reader expects them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sourcecrit import __version__, load_ledger
from sourcecrit.citation import full_citation, reader_date
from sourcecrit.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_version(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0 and capsys.readouterr().out == f"sourcecrit {__version__}\n"


def test_init_makes_a_ledger_that_check_passes_and_keeps_what_is_there(tmp_path, capsys):
    folder = tmp_path / "my-ledger"
    assert main(["init", str(folder)]) == 0
    assert sorted(p.name for p in folder.iterdir()) == ["claims", "declarations", "gazetteer", "resolutions", "sources"]
    assert main(["--no-cache", "check", str(folder)]) == 0
    assert capsys.readouterr().out.endswith("5 files, 1 sources, 1 claims: 0 errors, 0 warnings\n")
    mine = folder / "sources" / "sources.yaml"
    mine.write_text("sources: []\n", encoding="utf-8")
    assert main(["init", str(folder)]) == 0
    assert f"kept {mine} (there already)" in capsys.readouterr().out
    assert mine.read_text(encoding="utf-8") == "sources: []\n"


def test_a_cp1252_console_gets_utf8_not_a_crash(tmp_path):
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "SOURCECRIT_CACHE_DIR": str(tmp_path),
           "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "sourcecrit.cli", "conflicts", str(ROOT)], env=env,
                          capture_output=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    out = done.stdout.decode("utf-8")
    assert "│" in out and "✗ disputed" in out and "Atatürk" in out


@pytest.mark.parametrize(("written", "shown"), [
    ("1962-12-20", "20 December 1962"), ("2007-05", "May 2007"), ("2017", "2017"),
    ("20 November 1917 OS", "20 November 1917 OS"), ("2007-13", "2007-13"),
])
def test_citations_give_dates_as_a_reader_expects(written, shown):
    assert reader_date(written) == shown


def test_the_demos_citations_read_naturally():
    ledger = load_ledger(ROOT, use_cache=False)
    assert full_citation(ledger.sources["ersoy-mcmeekin-2007"]).endswith("Ankara, Bilkent University, May 2007.")
    assert "20 December 1962" in full_citation(ledger.sources["tengirsenk-ilk-temasimiz"])


def test_no_helper_process_runs_the_command_line_again():
    # A frozen executable (PyInstaller and the like) re-runs its main in every process that
    # multiprocessing spawns unless main calls freeze_support(). sourcecrit's helpers are
    # fork()ed children, which go on from the fork and never start main again, and nothing
    # on the command line's side starts a process by the executable: so it needs none.
    script = ("import sys, pkgutil, importlib, sourcecrit\n"
              "for m in pkgutil.walk_packages(sourcecrit.__path__, 'sourcecrit.'):\n"
              "    if not m.name.startswith(('sourcecrit.tui', 'sourcecrit.__main__')):\n"
              "        importlib.import_module(m.name)\n"
              "print(sorted(n for n in ('multiprocessing', 'subprocess', 'concurrent.futures.process') if n in sys.modules))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120)
    assert done.stdout.strip() == "[]", done.stdout + done.stderr
