"""Cache writes after the answer: in a child when the process has one thread, here otherwise."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from sourcecrit.speed.background import wait_for_writes, write_after_answer

# These tests watch work done in a forked child: none is made on a system without fork, or
# where SOURCECRIT_NO_FORK=1 keeps all work in one process (a CI job runs the suite so).
pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or bool(os.environ.get("SOURCECRIT_NO_FORK")),
                                reason="no fork here")


def writer_pid(path: Path):
    return lambda: path.write_text(str(os.getpid()))


def test_a_single_threaded_process_writes_in_a_child(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCECRIT_NO_FORK", raising=False)
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    target = tmp_path / "pid"
    write_after_answer("test cache", [writer_pid(target)])
    wait_for_writes("test cache")
    assert int(target.read_text()) != os.getpid()


def test_with_other_threads_running_it_writes_at_once_here(tmp_path, monkeypatch):
    import gc

    monkeypatch.setattr(threading, "active_count", lambda: 2)
    target = tmp_path / "pid"
    write_after_answer("test cache", [writer_pid(target)])
    assert int(target.read_text()) == os.getpid()  # no wait_for_writes needed: already written
    assert gc.isenabled()  # the TUI writes this way and runs on: its collector stays on


def test_work_shared_with_a_child_that_fails_here_leaves_no_child_behind(monkeypatch):
    from sourcecrit.speed.second_process import shared_with_child

    monkeypatch.setattr(threading, "active_count", lambda: 1)
    parent = os.getpid()

    def work(part):
        if os.getpid() == parent:
            raise ValueError("a bug in this half")
        return [n for n in part for _ in range(10_000)][: len(part)]  # the child answers

    forked: list[int] = []
    fork = os.fork

    def noting_fork() -> int:
        pid = fork()
        if pid:
            forked.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", noting_fork)
    with pytest.raises(ValueError):
        shared_with_child(list(range(10)), work)
    assert len(forked) == 1
    with pytest.raises(ChildProcessError):
        os.waitpid(forked[0], os.WNOHANG)  # stopped and collected, not left running or a zombie


def test_a_failing_write_in_the_child_leaves_this_process_alone(tmp_path, monkeypatch):
    monkeypatch.setattr(threading, "active_count", lambda: 1)

    def broken() -> None:
        raise OSError("disk full")

    target = tmp_path / "after"
    write_after_answer("test cache", [broken, writer_pid(target)])
    wait_for_writes("test cache")
    assert not target.exists()  # the child stopped at the failure; this process goes on


def test_output_is_neither_doubled_nor_held_open_by_the_child(tmp_path):
    # The child must not print the parent's buffered output again, nor keep a pipe open
    # that the caller reads to its end (it sleeps a while; the caller would wait for it).
    script = (
        "import sys, time\n"
        "from sourcecrit.speed.background import write_after_answer\n"
        "sys.stdout.write('before ')\n"
        "write_after_answer('x', [lambda: time.sleep(5)])\n"
        "print('after')\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=4)
    assert result.stdout == "before after\n"
    assert result.returncode == 0


def test_work_shared_with_a_child_gives_the_answers_in_order_and_splits_the_work(monkeypatch):
    from sourcecrit.speed.second_process import shared_with_child

    monkeypatch.setattr(threading, "active_count", lambda: 1)
    answers = shared_with_child(list(range(101)), lambda part: [(n * n, os.getpid()) for n in part])
    assert [square for square, _ in answers] == [n * n for n in range(101)]
    assert len({pid for _, pid in answers}) == 2  # half of them were worked out in a child


def test_work_shared_with_a_child_does_the_childs_half_when_the_child_fails(monkeypatch):
    from sourcecrit.speed.second_process import shared_with_child

    monkeypatch.setattr(threading, "active_count", lambda: 1)
    parent = os.getpid()

    def work(part):
        if os.getpid() != parent:
            os._exit(3)  # the child dies without answering
        return [n + 1 for n in part]

    assert shared_with_child(list(range(10)), work) == list(range(1, 11))


def test_values_read_in_two_processes_are_those_read_in_one(small_ledger, monkeypatch):
    from sourcecrit import load_ledger, speed
    from tests.test_cache import everything

    monkeypatch.setenv("SOURCECRIT_NO_FORK", "1")
    alone = everything(load_ledger(small_ledger, use_cache=False))
    monkeypatch.delenv("SOURCECRIT_NO_FORK")
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    shared_out = speed.Thresholds(many_forms=1)  # the small ledger's forms, shared with a child
    assert everything(speed.load_ledger(small_ledger, use_cache=False, thresholds=shared_out)) == alone


def test_the_parse_helper_is_forked_only_when_forking_is_safe(monkeypatch):
    from sourcecrit.speed.parallel_parse import _helper, _Spawned
    from sourcecrit.speed.second_process import ChildWorker

    files = [(b"claims: []\n", "a.yaml")]
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.delenv("SOURCECRIT_NO_FORK", raising=False)
    with _helper(files, [[0]], None) as helper:
        assert isinstance(helper, ChildWorker)
        assert [chunk for chunk, _ in helper.rest()] == [[0]]
    monkeypatch.setenv("SOURCECRIT_NO_FORK", "1")
    with _helper(files, [[0]], None) as helper:
        assert isinstance(helper, _Spawned)
        assert [chunk for chunk, _ in helper.rest()] == [[0]]


def test_a_child_worker_hands_on_each_chunk_once_in_order():
    from sourcecrit.speed.second_process import ChildWorker

    chunks = [[1, 2], [3], [4, 5, 6]]
    handed = []
    with ChildWorker(chunks, lambda chunk: (os.getpid(), [n * n for n in chunk])) as child:
        handed += child.ready()  # whatever is answered already, maybe nothing
        handed += child.rest()
    assert [chunk for chunk, _ in handed] == chunks
    assert [answer for _, (_, answer) in handed] == [[1, 4], [9], [16, 25, 36]]
    assert {pid for _, (pid, _) in handed} != {os.getpid()}


def test_a_child_worker_that_fails_midway_leaves_the_rest_to_the_caller():
    from sourcecrit.speed.second_process import ChildWorker

    def make(chunk):
        if chunk == "second":
            raise ValueError("cannot")
        return chunk.upper()

    handed = []
    with pytest.raises(OSError):
        with ChildWorker(["first", "second", "third"], make) as child:
            handed += child.rest()
    assert handed == []  # rest() gives all or raises; the caller redoes what it did not get
    with ChildWorker(["first", "second", "third"], make) as child:
        deadline = time.monotonic() + 30
        while not handed and time.monotonic() < deadline:
            handed += child.ready()
        with pytest.raises(OSError):
            child.rest()
    assert handed == [("first", "FIRST")]
