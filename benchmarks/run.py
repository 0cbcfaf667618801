"""Measure every stage of sourcecrit on a large ledger and compare it with the parse limit.

    python benchmarks/run.py --claims 100000          # generate into a temporary folder
    python benchmarks/run.py --ledger PATH            # measure an existing ledger

Each stage runs in a fresh Python process, so that its peak memory (maxrss) is its own
and no stage warms another's in-process state; only the load cache on disk (in a private
folder, SOURCECRIT_CACHE_DIR) carries over, as it does between two real runs. The table
gives each stage's seconds, its ratio to the parse limit (reading the same records from
one JSON file with orjson) and the peak memory of its process. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

STAGES = [
    # name, what the row means
    ("json", "parse limit: the same records from one JSON file (orjson)"),
    ("cold", "load + validate, no cache (writes the cache)"),
    ("warm", "load + validate, cache present, nothing changed"),
    ("compare_cold", "comparison of all facts, no findings memo yet (ledger loaded)"),
    ("compare", "comparison of all facts, memo present, nothing changed (ledger loaded)"),
    ("check", "`sourcecrit check` (warm): load, validate, compare, print problems"),
    ("export", "export JSON (ledger already loaded)"),
    ("report", "Markdown report of disputes (ledger already loaded)"),
    ("tui_first", "TUI: start to the overview showing the facts (warm start, headless)"),
    ("tui_keys", "TUI: key to first frame (down, status, search letter, Enter, source, Esc), slowest median"),
    ("edit_load", "one claim file edited: load again"),
    ("edit_compare", "one claim file edited: compare again (same process)"),
    ("one_fact_3", "one fact of 10^3 claims over 20 values: plain comparison (a ledger of its own)"),
    ("one_fact_4", "one fact of 10^4 claims over 20 values: plain comparison (a ledger of its own)"),
    ("one_fact_5", "one fact of 10^5 claims over 20 values: plain comparison (a ledger of its own)"),
]
ONE_FACT_MEMORY = 3 * 1024 ** 3  # a comparison that needs more fails (MemoryError) instead of starving the machine
ONE_FACT_SECONDS = 600


# ------------------------------------------------------------------ helpers for children


def _load(ledger: Path):
    from sourcecrit import load_ledger

    return load_ledger(ledger, use_cache=True)


def _edited_file(ledger: Path) -> Path:
    return sorted((ledger / "claims").glob("*.yaml"))[len(list((ledger / "claims").glob("*.yaml"))) // 2]


def _edit(ledger: Path) -> None:
    """Change one claim's quote in one claim file (the benchmark restores it afterwards)."""
    path = _edited_file(ledger)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('quote: "', 'quote: "(edited) ', 1), encoding="utf-8")


# ------------------------------------------------------------------ stages (in a child)


def stage_json(ledger: Path, work: Path) -> dict:
    import orjson

    started = time.perf_counter()
    records = orjson.loads((work / "records.json").read_bytes())
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "note": f"{len(records):,} records"}


def stage_cold(ledger: Path, work: Path) -> dict:
    shutil.rmtree(os.environ["SOURCECRIT_CACHE_DIR"], ignore_errors=True)
    started = time.perf_counter()
    loaded = _load(ledger)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "note": f"{len(loaded.claims):,} claims, {len(loaded.files):,} files, {len(loaded.problems)} problems"}


def stage_warm(ledger: Path, work: Path) -> dict:
    started = time.perf_counter()
    loaded = _load(ledger)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "note": f"{len(loaded.values):,} values read"}


def stage_check(ledger: Path, work: Path) -> dict:
    from sourcecrit.cli import main

    out = io.StringIO()
    started = time.perf_counter()
    with contextlib.redirect_stdout(out):
        code = main(["check", str(ledger)])
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "note": f"exit {code}: {out.getvalue().strip().splitlines()[-1][:60]}"}


def stage_compare_cold(ledger: Path, work: Path) -> dict:
    for memo in Path(os.environ["SOURCECRIT_CACHE_DIR"]).glob("*.findings.pickle"):
        memo.unlink()
    return stage_compare(ledger, work)


def stage_compare(ledger: Path, work: Path) -> dict:
    from sourcecrit import compare_ledger

    loaded = _load(ledger)
    started = time.perf_counter()
    findings = compare_ledger(loaded)
    seconds = time.perf_counter() - started
    counts = findings.counts()
    return {"seconds": seconds, "note": f"{len(findings.findings):,} facts, {counts.get('disputed', 0):,} disputed"}


def stage_export(ledger: Path, work: Path) -> dict:
    from sourcecrit.export import export_json_chunks

    loaded = _load(ledger)
    started = time.perf_counter()
    size = sum(len(part) for part in export_json_chunks(loaded))  # as `sourcecrit export` streams it
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "note": f"{size / 1e6:.0f} MB of JSON"}


def stage_report(ledger: Path, work: Path) -> dict:
    try:
        from sourcecrit.report.build import ReportOptions, render_report
    except ImportError:
        return {"seconds": None, "note": "sourcecrit.report.build not there"}
    from sourcecrit import compare_ledger

    loaded = _load(ledger)
    started = time.perf_counter()
    parts, _ = render_report(loaded, ReportOptions(format="md"), compare_ledger(loaded))
    size = sum(len(part) for part in ([parts] if isinstance(parts, str) else parts))  # a report now comes in parts
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "note": f"{size / 1e6:.1f} MB of Markdown (includes the comparison)"}


async def _tui(ledger: Path, keys: bool) -> dict:
    from sourcecrit.tui.app import make_app
    from sourcecrit.tui.widgets.fact_list import FactList

    # The first row drawn (the compositor asks the list for its lines) is the first screen;
    # polling for it from the test loop would be late while the loader thread runs.
    drawn: dict[str, float] = {}
    render_line = FactList.render_line

    def noting_render_line(self, y: int):
        if y == 1 and self.shown and "first" not in drawn:
            drawn["first"] = time.perf_counter()
            drawn["glance"] = self.app.state is None
        return render_line(self, y)

    FactList.render_line = noting_render_line
    started = time.perf_counter()
    app = make_app(ledger, use_cache=True)
    result: dict = {}
    async with app.run_test(size=(160, 48)) as pilot:
        loaded = None
        while app.state is None or "first" not in drawn:
            await pilot.pause(0.005)
            if app.state is not None and loaded is None:
                loaded = time.perf_counter() - started
        loaded = loaded or time.perf_counter() - started
        first, glanced = drawn["first"] - started, drawn["glance"]
        FactList.render_line = render_line
        how = "the rows the last run left (tui.glance)" if glanced else "the loaded ledger"
        result = {"seconds": first, "note": f"until the overview shows the facts: {how}; "
                                            f"the ledger loaded and compared at {loaded:.2f} s"}
        if keys:
            result = await _tui_keys(app, pilot)
    return result


async def _tui_until_glance_kept(ledger: Path) -> dict:
    """A TUI start that stays until it has kept its glance for the next start (as a real run would)."""
    from sourcecrit.tui.app import make_app

    app = make_app(ledger, use_cache=True)
    async with app.run_test(size=(160, 48)) as pilot:
        kept = await _glance_kept(app, pilot)
    return {"seconds": None, "note": "glance kept" if kept else "no glance kept within 30 minutes"}


async def _glance_kept(app, pilot, seconds: float = 1800) -> bool:
    """Wait until the TUI has loaded its ledger and kept the glance for the next start (from
    no cache at 10^6 that takes minutes); whether it did within ``seconds``."""
    from sourcecrit.tui.glance import read_glance
    from sourcecrit.tui.state import ledger_signature

    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        if app.state is not None and read_glance(app.root, ledger_signature(app.root)) is not None:
            return True
        await pilot.pause(0.05)
    return False


async def _key_to_painted(app, key: str, character: str | None, done) -> tuple[float, float]:
    """Seconds from a key's arrival to (1) the first frame sent to the terminal once ``done()``
    holds, the one the user sees, and (2) the screen settled: no layout or repaint pending.

    Textual lays a screen out twice when a widget's size changes; the second pass of a kept
    screen changes no cell (checked frame by frame against the settled screen), but it
    comes a timer tick or two later, so both times are given.
    """
    from textual import events

    display, first = app._display, []

    def noting(screen, update):
        result = display(screen, update)
        if not first and done():
            first.append(time.perf_counter())
        return result

    app._display = noting
    painted = asyncio.Event()
    started = time.perf_counter()
    try:
        app.post_message(events.Key(key, character))
        while not done():
            await asyncio.sleep(0.0005)
        app.screen.call_after_refresh(painted.set)
        await painted.wait()
        settled = time.perf_counter()
        while not first:  # a key that changes nothing on screen has no frame of its own
            await asyncio.sleep(0.0005)
            if time.perf_counter() - settled > 0.5:
                first.append(settled)
    finally:
        del app._display
    return first[0] - started, settled - started


async def _tui_keys(app, pilot) -> dict:
    """Key to first frame and to settled for the keys of issue 7, each several times, once the
    search text is built and no work is left in the background."""
    from sourcecrit.tui.screens.fact import FactScreen
    from sourcecrit.tui.screens.source import SourceScreen
    from sourcecrit.tui.widgets.fact_list import FactList

    while app.state.index.search is None:
        await pilot.pause(0.01)
    await _glance_kept(app, pilot)  # no work left in the background
    await pilot.pause(0.2)
    overview = app.screen
    facts = overview.query_one(FactList)
    names = ("down", "status", "letter", "enter", "source", "esc")
    timings: dict[str, list[tuple[float, float]]] = {name: [] for name in names}
    for _ in range(10):
        before = facts.cursor
        timings["down"].append(await _key_to_painted(app, "down", None, lambda: facts.cursor != before))
    for _ in range(6):  # "1" shows the disputed facts only, then all again
        before = overview.filters.statuses
        timings["status"].append(await _key_to_painted(app, "1", "1", lambda: overview.filters.statuses != before))
    await pilot.press("slash")
    for letter in "treaty":
        before = overview.filters.query
        timings["letter"].append(await _key_to_painted(app, letter, letter, lambda: overview.filters.query != before))
    await pilot.press("enter")  # leaves the search for the list
    for _ in range(6):
        timings["enter"].append(await _key_to_painted(
            app, "enter", "\r", lambda: isinstance(app.screen, FactScreen) and app.screen.is_mounted))
        await pilot.pause(0.05)
        timings["source"].append(await _key_to_painted(
            app, "s", "s", lambda: isinstance(app.screen, SourceScreen) and app.screen.is_mounted))
        await pilot.pause(0.05)
        await pilot.press("escape")
        await pilot.pause(0.05)
        timings["esc"].append(await _key_to_painted(app, "escape", None, lambda: app.screen is overview))
        await pilot.press("down")
    first = {name: statistics.median(t[0] for t in v) for name, v in timings.items()}
    settled = {name: statistics.median(t[1] for t in v) for name, v in timings.items()}
    note = ", ".join(f"{name} {first[name] * 1000:.0f} ms / {settled[name] * 1000:.0f} ms "
                     f"(worst {max(t[1] for t in timings[name]) * 1000:.0f})" for name in names)
    return {"seconds": max(first.values()),
            "note": f"key to first frame / to settled, medians: {note}; Enter, source and Esc each 6 times, "
                    f"the first of each making its screen; the row's seconds is the slowest first-frame median"}


def stage_tui_prepare(ledger: Path, work: Path) -> dict:
    return asyncio.run(_tui_until_glance_kept(ledger))


def stage_tui_first(ledger: Path, work: Path) -> dict:
    try:
        import sourcecrit.tui.app  # noqa: F401
    except ImportError as error:
        return {"seconds": None, "note": f"no TUI: {error}"}
    return asyncio.run(_tui(ledger, keys=False))


def stage_tui_keys(ledger: Path, work: Path) -> dict:
    try:
        import sourcecrit.tui.app  # noqa: F401
    except ImportError as error:
        return {"seconds": None, "note": f"no TUI: {error}"}
    return asyncio.run(_tui(ledger, keys=True))


def stage_edit_load(ledger: Path, work: Path) -> dict:
    _edit(ledger)
    started = time.perf_counter()
    _load(ledger)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "note": f"edited {_edited_file(ledger).name}"}


def stage_edit_compare(ledger: Path, work: Path) -> dict:
    from sourcecrit import compare_ledger

    loaded = _load(ledger)
    compare_ledger(loaded)
    _edit(ledger)
    loaded = _load(ledger)
    started = time.perf_counter()
    compare_ledger(loaded)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "note": "compare after reloading the edited ledger"}


def one_fact_ledger(root: Path, claims: int, values: int = 20) -> Path:
    """A ledger of one fact: ``claims`` newspapers' claims (a thousand papers at most, each
    giving the rest in turn) over ``values`` distinct dates, every one quoted."""
    papers = min(claims, 1000)
    (root / "sources").mkdir(parents=True, exist_ok=True)
    (root / "claims").mkdir(parents=True, exist_ok=True)
    (root / "declarations").mkdir(parents=True, exist_ok=True)
    (root / "declarations" / "d.yaml").write_text(
        "subjects:\n  - {id: treaty, label: The treaty}\n"
        "properties:\n  - {id: signed-on, label: signed on, type: date}\n", encoding="utf-8")
    (root / "sources" / "papers.yaml").write_text("sources:\n" + "".join(
        f"  - {{id: paper-{n}, type: article-newspaper, title: Paper {n}, issued: 1921, kind: authored-narrative}}\n"
        for n in range(papers)), encoding="utf-8")
    lines = ["claims:\n"]
    for n in range(claims):
        day = n % values + 1
        lines.append(f"  - {{id: c{n}, source: paper-{n % papers}, subject: treaty, property: signed-on, "
                     f"value: {day} March 1921, locator: p. 1, quote: signed on {day} March}}\n")
    (root / "claims" / "claims.yaml").write_text("".join(lines), encoding="utf-8")
    return root


def _one_fact(work: Path, claims: int) -> dict:
    import gc

    from sourcecrit.compare import compare_ledger
    from sourcecrit.ledger import load_ledger

    resource.setrlimit(resource.RLIMIT_AS, (ONE_FACT_MEMORY, ONE_FACT_MEMORY))
    root = one_fact_ledger(work / f"one-fact-{claims}", claims)
    loaded = load_ledger(root)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    gc.disable()  # as the wing does (speed.collector): pairs and versions hold no cycles
    started = time.perf_counter()
    try:
        findings = compare_ledger(loaded)
    except MemoryError:
        return {"seconds": None, "note": f"MemoryError over {ONE_FACT_MEMORY / 1024 ** 3:.0f} GB (loaded at {before:.0f} MB)"}
    seconds = time.perf_counter() - started
    finding = findings.findings[0]
    return {"seconds": seconds, "note": f"{finding.status.value}, {len(finding.versions)} values; loaded at {before:.0f} MB"}


def stage_one_fact_3(ledger: Path, work: Path) -> dict:
    return _one_fact(work, 1_000)


def stage_one_fact_4(ledger: Path, work: Path) -> dict:
    return _one_fact(work, 10_000)


def stage_one_fact_5(ledger: Path, work: Path) -> dict:
    return _one_fact(work, 100_000)


def prepare_json(ledger: Path, work: Path) -> dict:
    """The parse limit's input: every raw record of the ledger as one JSON file."""
    import orjson

    from sourcecrit.ledger.load import ledger_files
    from sourcecrit.ledger.records import records_of_bytes

    rows = []
    for path in ledger_files(ledger):
        records, _ = records_of_bytes(path.read_bytes(), str(path))
        rows.extend([r.kind, r.data, r.origin.file, r.origin.line, r.origin.field_lines] for r in records)
    (work / "records.json").write_bytes(orjson.dumps(rows))
    return {"seconds": 0.0, "note": f"{len(rows)} records"}


def child(stage: str, ledger: Path, work: Path) -> None:
    from sourcecrit.speed.background import wait_for_all_writes

    handler = prepare_json if stage == "prepare" else globals()[f"stage_{stage}"]
    result = handler(ledger, work)
    result["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # Caches are written by a child process after the answer (sourcecrit.speed.background): wait
    # for it, so that the next stage finds them, and say how much longer it took.
    started = time.perf_counter()
    wait_for_all_writes()
    writing = time.perf_counter() - started
    if writing > 0.05:
        result["note"] = f"{result.get('note', '')}; its caches written {writing:.1f} s later by a child process"
    print("RESULT " + json.dumps(result))


# ------------------------------------------------------------------ the parent


def run_stage(stage: str, ledger: Path, work: Path, env: dict) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--stage", stage, "--ledger", str(ledger), "--work", str(work)]
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True,
                              timeout=ONE_FACT_SECONDS if stage.startswith("one_fact") else None)
    except subprocess.TimeoutExpired:
        return {"seconds": None, "maxrss_mb": None, "note": f"did not finish in {ONE_FACT_SECONDS} s"}
    for line in reversed(done.stdout.splitlines()):
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT "):])
    tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
    return {"seconds": None, "maxrss_mb": None, "note": f"failed: {tail[:70]}"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--claims", type=int, help="generate a ledger of about N claims into a temporary folder")
    where.add_argument("--ledger", type=Path, help="measure this ledger (it is edited and restored by the edit rows)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--stages", help="comma-separated stages to run (default: all)")
    parser.add_argument("--keep", action="store_true", help="keep the generated ledger and work folder")
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stage:
        child(args.stage, args.ledger, args.work)
        return 0

    work = Path(tempfile.mkdtemp(prefix="sourcecrit-bench-"))
    chosen = args.stages.split(",") if args.stages else [name for name, _ in STAGES]
    if all(name.startswith("one_fact") for name in chosen):
        return _one_fact_rows(chosen, work, args.keep)  # each makes a ledger of its own
    if args.ledger:
        ledger = args.ledger.resolve()
    else:
        sys.path.insert(0, str(HERE))
        from generate import generate  # benchmarks/generate.py

        ledger = work / "ledger"
        begun = time.perf_counter()
        counts = generate(ledger, args.claims or 100_000, args.seed)
        print(f"generated {counts['files']:,} files ({counts['bytes'] / 1e6:.0f} MB) in {time.perf_counter() - begun:.1f} s: {ledger}")
    env = dict(os.environ, SOURCECRIT_CACHE_DIR=str(work / "cache"), PYTHONHASHSEED="0")
    env.pop("SOURCECRIT_NO_CACHE", None)
    run_stage("prepare", ledger, work, env)
    edited = _edited_file(ledger)
    original = edited.read_bytes()
    results: dict[str, dict] = {}
    try:
        for name, _ in STAGES:
            if name not in chosen:
                continue
            if name.startswith("edit"):
                edited.write_bytes(original)
                run_stage("warm", ledger, work, env)  # the cache holds the unedited ledger again
            if name == "tui_first":
                run_stage("tui_prepare", ledger, work, env)  # a TUI ran before: a warm start
            results[name] = run_stage(name, ledger, work, env)
            print(f"  {name:<13} {_seconds(results[name].get('seconds')):>8}  {results[name].get('note', '')}", file=sys.stderr)
    finally:
        edited.write_bytes(original)
    print(table(results))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    else:
        print(f"kept {work}")
    return 0


def _one_fact_rows(chosen: list[str], work: Path, keep: bool) -> int:
    env = dict(os.environ, SOURCECRIT_CACHE_DIR=str(work / "cache"), PYTHONHASHSEED="0")
    results = {}
    for name, _ in STAGES:
        if name in chosen:
            results[name] = run_stage(name, work, work, env)
            print(f"  {name:<13} {_seconds(results[name].get('seconds')):>8}  {results[name].get('note', '')}", file=sys.stderr)
    print(table(results))
    if not keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _seconds(value) -> str:
    return "-" if value is None else f"{value:.3f}"


def table(results: dict[str, dict]) -> str:
    from tabulate import tabulate

    limit = (results.get("json") or {}).get("seconds")
    meaning = dict(STAGES)
    rows = []
    for name, result in results.items():
        seconds = result.get("seconds")
        ratio = f"{seconds / limit:.1f}×" if seconds is not None and limit else "-"
        memory = result.get("maxrss_mb")
        rows.append([name, _seconds(seconds), ratio, "-" if memory is None else f"{memory:.0f}", meaning[name], result.get("note", "")])
    return tabulate(rows, headers=["stage", "seconds", "× JSON", "peak MB", "what", "note"], tablefmt="github")


if __name__ == "__main__":
    raise SystemExit(main())
