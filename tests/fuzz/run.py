"""Fuzz sourcecrit for minutes: damaged copies of the demo ledger and hostile value strings.

    python tests/fuzz/run.py --minutes 10          # from the repository, with sourcecrit installed
    python tests/fuzz/run.py --minutes 60 --seed 7

Each round copies the demo ledger, damages it a few times (flipped bits, cut files, lines
dropped or doubled, YAML splices, NUL bytes, aliases, tags, hostile strings), and checks
after each damage that loading and comparing it raise nothing, finish within a budget,
and give the same findings with and without the cache; then it reads hostile strings as
every value type. A failure prints the seed and the damage and keeps the ledger; the same
seed reproduces it. It runs in a private cache folder and changes nothing else.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from tests.fuzz.damage import copy_demo, damage, hostile_string  # noqa: E402
from tests.test_fuzz import BUDGET, answers  # noqa: E402


def one_round(seed: int, work: Path) -> str | None:
    """None when the round held; else what failed."""
    rng = random.Random(seed)
    root = copy_demo(work / f"round-{seed}")
    answers(root, use_cache=True)
    for _ in range(rng.randint(1, 6)):
        how = damage(root, rng)
        started = time.perf_counter()
        try:
            if answers(root, use_cache=True) != answers(root, use_cache=False):
                return f"seed {seed}: cached and plain answers differ after {how} ({root})"
        except Exception:  # noqa: BLE001 - a fuzzer reports every failure
            return f"seed {seed}: {how} ({root})\n{traceback.format_exc()}"
        if time.perf_counter() - started > 10 * BUDGET:
            return f"seed {seed}: {how} took {time.perf_counter() - started:.1f} s ({root})"
    shutil.rmtree(root)
    return None


def values(seed: int) -> str | None:
    from sourcecrit import load_ledger
    from sourcecrit.ledger.readings import parse_bounded, reading_contexts
    from sourcecrit.values import TYPE_MODULES, ValueProblem

    rng = random.Random(seed)
    context = reading_contexts(load_ledger(Path(__file__).resolve().parent.parent.parent, use_cache=False))[None]
    for _ in range(500):
        written = hostile_string(rng)
        for type_name in TYPE_MODULES:
            started = time.perf_counter()
            try:
                parse_bounded(type_name, written, context)
            except ValueProblem:
                pass
            except Exception:  # noqa: BLE001
                return f"seed {seed}: {type_name} {written[:80]!r}\n{traceback.format_exc()}"
            if time.perf_counter() - started > BUDGET:
                return f"seed {seed}: {type_name} took {time.perf_counter() - started:.1f} s on {written[:80]!r} ({len(written)} chars)"
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description="Fuzz sourcecrit with damaged ledgers and hostile values.")
    parser.add_argument("--minutes", type=float, default=5, help="how long to run (default 5)")
    parser.add_argument("--seed", type=int, default=1000, help="the first round's seed (default 1000)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sourcecrit-fuzz-"))
    os.environ["SOURCECRIT_CACHE_DIR"] = str(work / "cache")
    deadline, seed, failures = time.monotonic() + args.minutes * 60, args.seed, 0
    while time.monotonic() < deadline:
        for failure in (one_round(seed, work), values(seed)):
            if failure:
                failures += 1
                print(failure, flush=True)
        seed += 1
    print(f"{seed - args.seed} rounds, {failures} failures; damaged ledgers kept in {work}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
