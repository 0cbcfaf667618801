"""Cache writes after the answer: in a child when the process has one thread, here otherwise."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from sourcecrit.ledger.later import settle, write_later

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")


def writer_pid(path: Path):
    return lambda: path.write_text(str(os.getpid()))


def test_a_single_threaded_process_writes_in_a_child(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCECRIT_WRITE_NOW", raising=False)
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    target = tmp_path / "pid"
    write_later("test cache", [writer_pid(target)])
    settle("test cache")
    assert int(target.read_text()) != os.getpid()


def test_with_other_threads_running_it_writes_at_once_here(tmp_path, monkeypatch):
    monkeypatch.setattr(threading, "active_count", lambda: 2)
    target = tmp_path / "pid"
    write_later("test cache", [writer_pid(target)])
    assert int(target.read_text()) == os.getpid()  # no settle needed: already written


def test_a_failing_write_in_the_child_leaves_this_process_alone(tmp_path, monkeypatch):
    monkeypatch.setattr(threading, "active_count", lambda: 1)

    def broken() -> None:
        raise OSError("disk full")

    target = tmp_path / "after"
    write_later("test cache", [broken, writer_pid(target)])
    settle("test cache")
    assert not target.exists()  # the child stopped at the failure; this process goes on


def test_output_is_neither_doubled_nor_held_open_by_the_child(tmp_path):
    # The child must not print the parent's buffered output again, nor keep a pipe open
    # that the caller reads to its end (it sleeps a while; the caller would wait for it).
    script = (
        "import sys, time\n"
        "from sourcecrit.ledger.later import write_later\n"
        "sys.stdout.write('before ')\n"
        "write_later('x', [lambda: time.sleep(5)])\n"
        "print('after')\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=4)
    assert result.stdout == "before after\n"
    assert result.returncode == 0
