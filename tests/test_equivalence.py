"""The equivalence guard (issue 14): the caches, the forked helpers and the spawned helper
only save time; they never change an answer.

``sourcecrit conflicts LEDGER --json --all`` and ``sourcecrit export LEDGER`` must print the
same bytes (and exit with the same status) whichever way the answer was made:

* plain: ``--no-cache`` with ``SOURCECRIT_NO_FORK=1``, the reference; on the generated
  ledger its parse is still shared with a spawned helper (neither option turns that off),
  so it is itself compared with the same run made in a second thread, where no helper
  process of any kind is started;
* cold: an empty ``SOURCECRIT_CACHE_DIR`` (the run writes the caches);
* warm: the same cache folder again, nothing changed;
* edited: one claim's date changed in one claim file, the warm cache of before the edit;
  compared with a plain run of the edited ledger, which must differ from the original;
* edited-again: once more, with the caches that the edited run wrote;

each of cold to edited-again both with forking allowed and with ``SOURCECRIT_NO_FORK=1``
(a spawned helper instead of a forked one for a large parse, cache writes before exit),
on two ledgers: the demo ledger (the repository's root) and a generated one of 10^4
claims, large enough for the parse and the comparison to be shared with a second process.

Only public entry points are used: the command line (``sourcecrit.cli.main`` in a process
of its own, as between two real runs), ``sourcecrit.load_ledger`` and
``sourcecrit.compare_ledger``, and the two environment variables; so the guard holds
whatever the caches and helpers are made of and wherever they live.

Each command runs in a forked copy of this process, which has imported sourcecrit but
never loaded a ledger (a fresh start without the imports, a third of a second a run), or,
if this process has other threads (forking would not be safe), in a new interpreter.

A cold run may leave detached children writing its caches after it exits. Each run gets
the write end of a pipe that every process it forks inherits; the run counts as over when
the pipe's read end sees end of file (every such process has exited), and then when the
cache folder has stopped changing. A warm run that finds the caches complete writes
nothing: that is checked too, so that "warm" is not a cold run in disguise.

The runs form independent chains (one copy of the ledger and one cache folder each), run
two commands at a time, one per core: the whole file costs about 50 s of CPU time (all
processes counted), shared between the two cores.
"""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import enum
import hashlib
import importlib.util
import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import threading
import time
import traceback
import types
from collections import deque
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest

import sourcecrit

REPO = Path(__file__).resolve().parent.parent
IMPORTED_FROM = Path(sourcecrit.__file__).resolve().parent.parent  # the processes started run this same code
LEDGER_FOLDERS = ("sources", "claims", "declarations", "gazetteer", "resolutions")
COMMANDS = {"conflicts": ("conflicts", "ledger", "--json", "--all"), "export": ("export", "ledger")}
MODES = ("fork", "no-fork")
STEPS = ("cold", "warm", "edited", "edited-again")
NEW_DATE = "1 January 1850"  # decades from any date of either ledger: an agreed fact becomes disputed

GENERATED_CLAIMS = 10_000
TWO_PROCESS_BYTES = 2_200_000  # the parse is shared from 2 MB of YAML to parse: a margin above it
TWO_PROCESS_FACTS = 2_000  # the comparison is shared from 2,000 facts

WORKERS = 2  # commands at a time: one per core
RUN_TIMEOUT = 300  # seconds: one command
QUIET = 0.15  # seconds the cache folder must stay unchanged to count as written


# ---------------------------------------------------------------- running the command line


@dataclasses.dataclass(frozen=True)
class Command:
    """A command-line run to make: ``sourcecrit COMMAND ledger`` in ``place`` (the ledger is
    ``place/ledger``, so that every copy prints the same paths), with ``cache`` as the cache
    folder or, without one, ``--no-cache``."""

    place: Path
    command: str
    label: str
    cache: Path | None
    fork: bool
    in_thread: bool = False  # main() in a second thread: no helper process of any kind is started


@dataclasses.dataclass(frozen=True)
class Quiet:
    """A wait until the cache folder has stopped changing (for a writer that is no child of the run)."""

    cache: Path


@dataclasses.dataclass
class Run:
    """One command-line run: where its standard output went, its exit status, its error output."""

    label: str
    stdout: Path
    status: int
    stderr: str
    seconds: float


def environment(cache: Path, fork: bool) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("SOURCECRIT_NO_FORK", None)
    if not fork:
        env["SOURCECRIT_NO_FORK"] = "1"
    env["SOURCECRIT_CACHE_DIR"] = str(cache)
    paths = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    env["PYTHONPATH"] = os.pathsep.join([str(IMPORTED_FROM), *paths])
    return env


class Running:
    """A command started: in a forked copy of this process that calls ``sourcecrit.cli.main``
    when this process has a single thread, else ``python -m sourcecrit``.

    Either holds the write end of a pipe, and so does every process it forks: the read end
    (``fd``) sees end of file when the command and all it left behind have exited."""

    def __init__(self, run: Command):
        self.run = run
        argv = [*(["--no-cache"] if run.cache is None else []), *COMMANDS[run.command]]
        env = environment(run.cache if run.cache is not None else run.place / "unused-cache", run.fork)
        self.stdout = run.place / f"{run.label}.{run.command}.out"
        self.stderr = run.place / f"{run.label}.{run.command}.err"
        self.fd, writing = os.pipe()
        self.started = time.perf_counter()
        self.process: subprocess.Popen | None = None
        try:
            if hasattr(os, "fork") and threading.active_count() == 1:
                self.pid = _forked_main(run.place, argv, env, self.stdout, self.stderr, run.in_thread)
            else:
                start = ["-c", IN_THREAD] if run.in_thread else ["-m", "sourcecrit"]
                with open(self.stdout, "wb") as out, open(self.stderr, "wb") as err:
                    self.process = subprocess.Popen([sys.executable, *start, *argv], cwd=run.place, env=env,
                                                    stdout=out, stderr=err, pass_fds=(writing,))
                self.pid = self.process.pid
        except BaseException:
            os.close(self.fd)
            raise
        finally:
            os.close(writing)

    def finish(self) -> Run:
        """The run, once ``fd`` has seen end of file."""
        os.close(self.fd)
        if self.process is not None:
            status = self.process.wait()
        else:
            status = os.waitstatus_to_exitcode(os.waitpid(self.pid, 0)[1])
        return Run(f"{self.run.label} {self.run.command}", self.stdout, status,
                   self.stderr.read_text(encoding="utf-8", errors="replace"), time.perf_counter() - self.started)

    def stop(self) -> None:
        """Kill the command (not what it left behind: that ends on its own) and collect it."""
        os.close(self.fd)
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            self.process.wait() if self.process is not None else os.waitpid(self.pid, 0)


IN_THREAD = """
import sys, threading
from sourcecrit.cli import main
status = []
worker = threading.Thread(target=lambda: status.append(main(sys.argv[1:])))
worker.start()
worker.join()
sys.exit(status[0] if status else 70)
"""


def _forked_main(place: Path, argv: list[str], env: dict[str, str], stdout: Path, stderr: Path, in_thread: bool) -> int:
    """In a forked child: ``sourcecrit.cli.main(argv)`` in ``place`` with ``env``, its output into
    the files; in a second thread with ``in_thread``."""
    out = os.open(stdout, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    err = os.open(stderr, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        pid = os.fork()
    except OSError:
        os.close(out)
        os.close(err)
        raise
    if pid:
        os.close(out)
        os.close(err)
        return pid
    status = 70
    try:
        os.dup2(out, 1)
        os.dup2(err, 2)
        os.close(out)
        os.close(err)
        os.chdir(place)
        os.environ.clear()
        os.environ.update(env)
        sys.argv = ["sourcecrit", *argv]
        # As under ``python -m sourcecrit``: a helper started with spawn runs no test code.
        sys.modules["__main__"] = main_module = types.ModuleType("__main__")
        main_module.__spec__ = importlib.util.find_spec("sourcecrit.__main__")
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115 - not the test runner's capture
        sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115
        from sourcecrit.cli import main

        if in_thread:
            answers: list[int] = []
            worker = threading.Thread(target=lambda: answers.append(main(argv)))
            worker.start()
            worker.join()
            status = answers[0] if answers else 70
        else:
            status = main(argv)
    except SystemExit as stop:
        status = stop.code if isinstance(stop.code, int) else 1
    except BaseException:  # noqa: BLE001 - shown in the run's error output
        traceback.print_exc()
    finally:
        with contextlib.suppress(BaseException):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(status)


def warm_up(ledger: Path) -> None:
    """Import all that both commands use, here, once: each forked run then starts without
    importing it again. Done by running them on ``ledger`` without cache and fork, output dropped."""
    from sourcecrit.cli import main

    saved = os.environ.get("SOURCECRIT_NO_FORK")
    os.environ["SOURCECRIT_NO_FORK"] = "1"
    try:
        with open(os.devnull, "w", encoding="utf-8") as null, contextlib.redirect_stdout(null), \
                contextlib.redirect_stderr(null):
            for command in COMMANDS.values():
                main(["--no-cache", *command[:1], str(ledger), *command[2:]])
    finally:
        if saved is None:
            del os.environ["SOURCECRIT_NO_FORK"]
        else:
            os.environ["SOURCECRIT_NO_FORK"] = saved


def drive(chains: list[Generator[Command | Quiet, Run | None, Any]], workers: int = WORKERS) -> list[Any]:
    """Run the chains, ``workers`` commands at a time; each yields its next Command (and is
    sent its Run) or Quiet wait, and returns its result. The results, in the chains' order."""
    results: list[Any] = [None] * len(chains)
    ready = deque((n, None) for n in range(len(chains)))  # chains to resume, with what to send
    running: dict[int, tuple[int, Running]] = {}  # pipe fd -> (chain, its command)
    quiet: dict[int, tuple[Path, dict, float, float]] = {}  # chain -> (cache, listing, next look, give up)
    try:
        while True:
            while ready and len(running) < workers:
                n, sent = ready.popleft()
                try:
                    step = chains[n].send(sent)
                except StopIteration as stop:
                    results[n] = stop.value
                    continue
                if isinstance(step, Quiet):
                    now = time.monotonic()
                    quiet[n] = (step.cache, listing(step.cache), now + QUIET, now + RUN_TIMEOUT)
                else:
                    started = Running(step)
                    running[started.fd] = (n, started)
            if not running and not quiet:
                break  # every chain has returned
            now = time.monotonic()
            for n, (cache, seen, look, end) in list(quiet.items()):
                if now >= look:
                    again = listing(cache)
                    if again == seen:
                        del quiet[n]
                        ready.append((n, None))
                    elif now > end:
                        raise AssertionError(f"the cache folder {cache} kept changing for {RUN_TIMEOUT} s")
                    else:
                        quiet[n] = (cache, again, now + QUIET, end)
            if ready and len(running) < workers:
                continue
            wait = min((look for _, _, look, _ in quiet.values()), default=now + RUN_TIMEOUT) - now
            if not running:
                time.sleep(max(0.0, wait))
                continue
            done, _, _ = select.select(list(running), [], [], max(0.0, wait))
            if not done and not quiet:
                raise AssertionError(f"no command finished in {RUN_TIMEOUT} s: "
                                     + ", ".join(f"{r.run.label} {r.run.command}" for _, r in running.values()))
            for fd in done:
                if os.read(fd, 4096):
                    continue  # nobody writes: only the end of file counts
                n, finished = running.pop(fd)
                ready.appendleft((n, finished.finish()))
    finally:
        for _, left in running.values():
            left.stop()
    return results


def listing(cache: Path) -> dict[str, tuple[int, int]]:
    """Every file under the cache folder: its size and modification time."""
    found = {}
    for path in sorted(cache.rglob("*")) if cache.is_dir() else []:
        try:
            stat = path.stat()
        except FileNotFoundError:  # renamed away meanwhile: the next look sees the rest
            continue
        if path.is_file():
            found[str(path.relative_to(cache))] = (stat.st_size, stat.st_mtime_ns)
    return found


# ---------------------------------------------------------------- ledgers and the edit


def copy_ledger(source: Path, place: Path) -> Path:
    """``source``'s ledger folders copied to ``place/ledger``; a source's ``text`` given as
    ``../shared/...`` (the demo's) still finds its file."""
    target = place / "ledger"
    for folder in LEDGER_FOLDERS:
        if (source / folder).is_dir():
            shutil.copytree(source / folder, target / folder)
    shared = source.parent / "shared"
    if shared.is_dir() and not (place / "shared").exists():
        (place / "shared").symlink_to(shared.resolve(), target_is_directory=True)
    return target


@dataclasses.dataclass(frozen=True)
class Edit:
    """One claim's date value changed in its claim file."""

    file: str  # relative to the ledger folder
    line: int  # of the claim's first line
    claim: str
    fact: tuple[str, str, str | None]
    status: str  # the fact's status before the edit

    def apply(self, ledger: Path) -> None:
        path = ledger / self.file
        lines = path.read_text(encoding="utf-8").split("\n")
        start = lines[self.line - 1]
        assert re.match(rf"\s*- id: {re.escape(self.claim)}\s*$", start), f"{path}:{self.line} is not claim {self.claim}: {start!r}"
        item = len(start) - len(start.lstrip())
        for n in range(self.line, len(lines)):
            line = lines[n]
            if line.strip() and len(line) - len(line.lstrip()) <= item:
                break  # the next claim: this one has no value line
            found = re.match(r"(\s*)value:\s*\S", line)
            if found:
                lines[n] = f'{found.group(1)}value: "{NEW_DATE}"'
                path.write_text("\n".join(lines), encoding="utf-8")
                return
        raise AssertionError(f"claim {self.claim} in {path} has no value line")


def choose_edit(conflicts: dict, export: dict) -> Edit:
    """A claim that gives a plain Gregorian day, asserted without hedge, of an agreed fact."""
    claims = {claim["id"]: claim for claim in export["claims"]}
    for finding in conflicts["findings"]:
        if finding["status"] != "agreed":
            continue
        for claim in finding["claims"]:
            normalized = claim.get("normalized") or {}
            if (normalized.get("kind") == "date" and normalized.get("precision") == "day"
                    and normalized.get("calendar") == "gregorian" and not normalized.get("approximate")
                    and not normalized.get("uncertain") and claim["stance"] == "asserts" and not claim["hedges"]):
                origin = claims[claim["id"]]["origin"]
                return Edit(str(Path(origin["file"]).relative_to("ledger")), origin["line"], claim["id"],
                            (finding["subject"], finding["property"], finding["qualifier"]), finding["status"])
    raise AssertionError("no agreed fact with a plain Gregorian date to edit")


@pytest.fixture(scope="session")
def generated_ledger(tmp_path_factory) -> Path:
    """A ledger of 10^4 claims from benchmarks/generate.py (more, should that ever be too few
    bytes to share the parse with a second process)."""
    claims = GENERATED_CLAIMS
    while True:
        target = tmp_path_factory.mktemp("generated") / "ledger"
        subprocess.run([sys.executable, str(REPO / "benchmarks" / "generate.py"), str(target), "--claims", str(claims),
                        "--seed", "1"], check=True, stdout=subprocess.DEVNULL, env=environment(target.parent / "cache", False))
        size = yaml_bytes(target)
        if size >= TWO_PROCESS_BYTES:
            return target
        claims = int(claims * TWO_PROCESS_BYTES / size * 1.05)


def yaml_bytes(ledger: Path) -> int:
    return sum(path.stat().st_size for path in ledger.rglob("*.yaml"))


# ---------------------------------------------------------------- every run of one ledger


@dataclasses.dataclass
class Outcome:
    """Every run made on one ledger, and what the test needs to judge them."""

    name: str
    plain: dict[str, Run]  # command -> the plain run of the ledger
    single: dict[str, Run]  # command -> the plain run in a second thread: no helper process at all
    plain_edited: dict[str, Run]  # command -> the plain run of the edited ledger
    runs: dict[tuple[str, str, str], Run]  # (mode, step, command) -> run
    caches: dict[tuple[str, str], dict[str, dict]]  # (mode, command) -> step -> the cache folder's files after it
    edit: Edit
    facts: int


def chain(base: Path, source: Path, mode: str, command: str, edit: Edit):
    """Cold, warm, edited, edited again: one copy of the ledger, one cache folder. Returns
    the runs by step, and the cache folder's files after each step."""
    place = base / f"{mode}-{command}"
    ledger = copy_ledger(source, place)
    cache = place / "cache"
    runs: dict[str, Run] = {}
    caches: dict[str, dict] = {}
    for step in STEPS:
        if step == "edited":
            edit.apply(ledger)
        runs[step] = yield Command(place, command, step, cache, fork=mode == "fork")
        yield Quiet(cache)
        caches[step] = listing(cache)
    return runs, caches


def one(run: Command):
    """A chain of a single command."""
    return (yield run)


def outcome_of(name: str, source: Path, base: Path) -> Outcome:
    reference = base / "plain"
    ledger = copy_ledger(source, reference)
    warm_up(copy_ledger(REPO, base / "warm-up"))
    plain = dict(zip(COMMANDS, drive([one(Command(reference, command, "plain", None, fork=False)) for command in COMMANDS])))
    for run in plain.values():
        assert run.status in (0, 1), f"{run.label} failed ({run.status}):\n{run.stderr[-3000:]}"
    conflicts = json.loads(plain["conflicts"].stdout.read_bytes())
    edit = choose_edit(conflicts, json.loads(plain["export"].stdout.read_bytes()))
    edit.apply(ledger)
    alone = base / "single"
    copy_ledger(source, alone)
    # The longest chains first, single runs last: the two workers end about together.
    chained = [(mode, command) for command in COMMANDS for mode in reversed(MODES)]
    done = drive([chain(base, source, mode, command, edit) for mode, command in chained]
                 + [one(Command(reference, command, "plain-edited", None, fork=False)) for command in COMMANDS]
                 + [one(Command(alone, command, "single", None, fork=False, in_thread=True)) for command in COMMANDS])
    runs, caches = {}, {}
    for (mode, command), (made, seen) in zip(chained, done):
        caches[mode, command] = seen
        runs.update({(mode, step, command): run for step, run in made.items()})
    edited = dict(zip(COMMANDS, done[len(chained):len(chained) + len(COMMANDS)]))
    single = dict(zip(COMMANDS, done[len(chained) + len(COMMANDS):]))
    return Outcome(name, plain, single, edited, runs, caches, edit, conflicts["summary"]["facts"])


@pytest.fixture(scope="module")
def demo_outcome(tmp_path_factory) -> Outcome:
    return outcome_of("demo", REPO, tmp_path_factory.mktemp("equivalence-demo"))


@pytest.fixture(scope="module")
def generated_outcome(tmp_path_factory, generated_ledger) -> Outcome:
    return outcome_of("generated", generated_ledger, tmp_path_factory.mktemp("equivalence-generated"))


LEDGERS = ("demo", "generated")


@pytest.fixture(params=LEDGERS)
def outcome(request) -> Outcome:
    return request.getfixturevalue(f"{request.param}_outcome")


# ---------------------------------------------------------------- comparing


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def first_difference(expected: bytes, actual: bytes, expected_name: str, actual_name: str, around: int = 12) -> str:
    """A short unified diff from just before the first differing line (not megabytes)."""
    a, b = expected.splitlines(keepends=True), actual.splitlines(keepends=True)
    n = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    start = max(0, n - 3)

    def clip(lines: list[bytes]) -> list[str]:
        return [(line.decode("utf-8", "replace")[:200].rstrip("\n") + "\n") for line in lines[start:n + around]]

    diff = "".join(difflib.unified_diff(clip(a), clip(b), f"{expected_name} (from line {start + 1})",
                                        f"{actual_name} (from line {start + 1})"))
    return (f"{len(expected)} bytes, {len(a)} lines against {len(actual)} bytes, {len(b)} lines; "
            f"first difference at line {n + 1}:\n{diff}")


def assert_same_output(expected: Run, actual: Run) -> None:
    assert actual.status == expected.status, (
        f"{actual.label} exited {actual.status}, {expected.label} {expected.status}\n{actual.stderr[-3000:]}")
    if digest(expected.stdout) != digest(actual.stdout):
        pytest.fail(f"{actual.label} prints other bytes than {expected.label} ({actual.stdout} against "
                    f"{expected.stdout}): " + first_difference(expected.stdout.read_bytes(), actual.stdout.read_bytes(),
                                                               expected.label, actual.label), pytrace=False)


# ---------------------------------------------------------------- the tests


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("mode", MODES)
def test_the_output_is_the_plain_runs(outcome, mode, step, command):
    reference = outcome.plain_edited if step.startswith("edited") else outcome.plain
    assert_same_output(reference[command], outcome.runs[mode, step, command])


@pytest.mark.parametrize("command", COMMANDS)
def test_the_plain_run_is_the_single_process_run(outcome, command):
    """The reference itself: on the generated ledger a plain run still parses half the files
    in a spawned helper; in a second thread no helper is started, and the bytes are the same."""
    assert_same_output(outcome.plain[command], outcome.single[command])


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("mode", MODES)
def test_the_warm_run_found_the_caches_the_cold_run_wrote(outcome, mode, command):
    caches = outcome.caches[mode, command]
    assert caches["cold"], f"the cold {command} run ({mode}) wrote no cache into SOURCECRIT_CACHE_DIR"
    assert caches["warm"] == caches["cold"], (
        f"the warm {command} run ({mode}) wrote into the cache folder, so it was not warm:\n"
        f"after the cold run: {caches['cold']}\nafter the warm run: {caches['warm']}")


def test_the_edit_changes_a_finding(outcome):
    """The edit is seen: both outputs change, the edited fact becomes disputed, and the new
    date is valid (no more problems than before)."""
    for command in COMMANDS:
        assert digest(outcome.plain[command].stdout) != digest(outcome.plain_edited[command].stdout), command
    before = json.loads(outcome.plain["conflicts"].stdout.read_bytes())
    after = json.loads(outcome.plain_edited["conflicts"].stdout.read_bytes())
    status = {(f["subject"], f["property"], f["qualifier"]): f["status"] for f in after["findings"]}
    assert outcome.edit.status == "agreed" and status[outcome.edit.fact] == "disputed", outcome.edit
    problems = [json.loads(run.stdout.read_bytes())["problems"] for run in (outcome.plain["export"], outcome.plain_edited["export"])]
    assert len(problems[1]) == len(problems[0]), problems[1]
    assert after["summary"]["claims"] == before["summary"]["claims"]


def test_the_generated_ledger_is_shared_with_a_second_process(generated_ledger, generated_outcome):
    """Large enough for the parse (2 MB of YAML) and the comparison (2,000 facts) to be
    shared with a second process, so that those paths are the ones compared here."""
    assert yaml_bytes(generated_ledger) >= TWO_PROCESS_BYTES
    assert generated_outcome.facts >= TWO_PROCESS_FACTS, (
        f"{generated_outcome.facts} facts: raise GENERATED_CLAIMS for the comparison to be shared")


# ---------------------------------------------------------------- the Python API, in one process


_FIELDS: dict[type, tuple[str, ...]] = {}


def plain(value: Any) -> Any:
    """A comparison's result as plain data (JSON-ready), whatever classes it is made of."""
    kind = type(value)
    if value is None or kind in (str, int, float, bool):
        return value
    if kind in (list, tuple):
        return [plain(item) for item in value]
    if kind is dict:
        return {key if type(key) is str else repr(plain(key)): plain(item) for key, item in value.items()}
    if isinstance(value, enum.Enum):
        return plain(value.value)
    names = _FIELDS.get(kind)
    if names is None:
        names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(kind)) if dataclasses.is_dataclass(kind) else ()
    if names:
        return {name: plain(getattr(value, name)) for name in names}  # getattr: a field may be unpacked on demand
    if hasattr(value, "model_dump"):
        return plain(value.model_dump(mode="json"))
    if isinstance(value, (set, frozenset)):
        return sorted((plain(item) for item in value), key=repr)
    if isinstance(value, (str, int, float)):  # a subclass: compared as its value
        return value
    return repr(value)


def findings_of(path: Path, use_cache: bool) -> dict:
    ledger = sourcecrit.load_ledger(path, use_cache=use_cache)
    findings = sourcecrit.compare_ledger(ledger)
    return {"findings": plain(findings), "problems": [str(p) for p in ledger.problems]}


def as_json(document: dict) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=1).encode()


@pytest.mark.parametrize("which", LEDGERS)
def test_the_api_gives_the_same_findings_with_and_without_the_cache(which, request, tmp_path, monkeypatch):
    """``use_cache=False``, then ``use_cache=True`` twice in this process (cold, then warm:
    the comparison's memo kept in the process, the snapshot on disk), then the same after
    the edit (what the TUI does): all the findings, grades, counts and problems are the same."""
    outcome: Outcome = request.getfixturevalue(f"{which}_outcome")
    source = REPO if which == "demo" else request.getfixturevalue("generated_ledger")
    monkeypatch.setenv("SOURCECRIT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("SOURCECRIT_NO_FORK", raising=False)
    ledger = copy_ledger(source, tmp_path)
    for state in ("", " after the edit"):
        if state:
            outcome.edit.apply(ledger)
        expected = findings_of(ledger, use_cache=False)
        for attempt in ("first", "second"):
            got = findings_of(ledger, use_cache=True)
            if got != expected:
                pytest.fail(f"{which}: use_cache=True ({attempt}{state}) gives other findings than use_cache=False: "
                            + first_difference(as_json(expected), as_json(got), "use_cache=False", "use_cache=True"),
                            pytrace=False)
