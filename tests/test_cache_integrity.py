"""A damaged or planted cache file never changes an answer and never runs code.

Each cache file (parse cache, validated snapshot, findings memo, the TUI's glance) is
sealed with a digest of its content: a flipped bit anywhere is a miss. What is pickled in
them is read by an unpickler that builds only sourcecrit's records.
"""

from __future__ import annotations

import os
import pickle
import random
import subprocess
import sys
from pathlib import Path

import pytest

from sourcecrit import compare_ledger, load_ledger
from sourcecrit.speed import findings_memo, sealed
from sourcecrit.speed.background import wait_for_all_writes
from sourcecrit.speed.cache_files import store, use_sealed
from tests.test_cache import everything, findings_json

REPO = Path(__file__).resolve().parent.parent


def cache_folder() -> Path:
    return Path(os.environ["SOURCECRIT_CACHE_DIR"])


def answers(root: Path, use_cache: bool) -> tuple:
    findings_memo._LIVE.clear()  # as a new process: only the disk is used
    ledger = load_ledger(root, use_cache=use_cache)
    result = everything(ledger), findings_json(ledger)
    wait_for_all_writes()
    return result


def fill_caches(root: Path) -> dict[Path, bytes]:
    compare_ledger(load_ledger(root))
    wait_for_all_writes()
    files = {path: path.read_bytes() for path in sorted(cache_folder().iterdir())}
    assert len(files) >= 3  # the parse cache, the snapshot and the memo
    return files


def flipped(data: bytes, where: int, bits: int) -> bytes:
    changed = bytearray(data)
    changed[where] ^= bits
    return bytes(changed)


@pytest.mark.parametrize("bits", [0x01, 0x80, 0xFF])
def test_a_flipped_bit_in_any_cache_file_changes_no_answer(small_ledger, bits):
    expected = answers(small_ledger, use_cache=False)
    kept = fill_caches(small_ledger)
    places = random.Random(bits)
    for path, data in kept.items():
        for where in {0, len(data) // 2, len(data) - 1, *places.sample(range(len(data)), 6)}:
            for other, original in kept.items():
                other.write_bytes(original)  # every other cache as written
            path.write_bytes(flipped(data, where, bits))
            assert answers(small_ledger, use_cache=True) == expected, f"{path.name} byte {where}"


def test_a_cut_short_cache_file_changes_no_answer(small_ledger):
    expected = answers(small_ledger, use_cache=False)
    for path, data in fill_caches(small_ledger).items():
        path.write_bytes(data[: len(data) // 3])
    assert answers(small_ledger, use_cache=True) == expected


class Planted:
    """A pickle that would run a command when unpickled."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_a_planted_pickle_with_a_good_seal_runs_nothing(small_ledger, tmp_path):
    # Whoever can write the cache folder can also seal what they write: the seal guards
    # against damage, the unpickler against code.
    expected = answers(small_ledger, use_cache=False)
    marker = tmp_path / "ran"
    kept = fill_caches(small_ledger)
    evil = pickle.dumps({"planted": Planted(marker)}, protocol=5)
    for path, data in kept.items():
        content = sealed.unseal(data)
        assert content is not None
        head = bytes(content[:40]) if path.name.endswith(("findings.pickle", "glance.pickle")) else b""
        path.write_bytes(b"".join(sealed_parts(head + evil)))
    assert answers(small_ledger, use_cache=True) == expected
    assert not marker.exists()


def sealed_parts(content: bytes) -> list:
    digest = sealed.content_digest()
    digest.update(content)
    return [sealed.seal_of(digest), content]


def test_the_unpickler_refuses_functions_and_foreign_classes():
    for planted in (os.system, subprocess.Popen, eval, Path):
        with pytest.raises(pickle.UnpicklingError):
            sealed.loads(pickle.dumps(planted))


def test_the_findings_json_is_the_same_through_a_damaged_cache_on_the_command_line(tmp_path):
    """End to end, as `sourcecrit conflicts --json --all` runs: damage every cache file."""
    ledger = tmp_path / "demo"
    for folder in ("sources", "claims", "declarations", "gazetteer", "resolutions"):
        (ledger / folder).mkdir(parents=True)
        for file in (REPO / folder).glob("*.yaml"):
            (ledger / folder / file.name).write_bytes(file.read_bytes())
    env = {**os.environ, "SOURCECRIT_CACHE_DIR": str(tmp_path / "cache"), "SOURCECRIT_NO_FORK": "1"}

    def run(*extra: str) -> bytes:
        done = subprocess.run([sys.executable, "-m", "sourcecrit", *extra, "conflicts", str(ledger), "--json", "--all"],
                              env=env, capture_output=True, check=True)
        return done.stdout

    plain = run("--no-cache")
    assert run() == plain  # fills the caches
    for path in sorted((tmp_path / "cache").iterdir()):
        data = path.read_bytes()
        path.write_bytes(flipped(data, len(data) // 2, 0x10))
    assert run() == plain


def test_every_record_a_cache_holds_is_one_the_unpickler_may_build(tmp_path, monkeypatch):
    """A class the unpickler refuses only costs speed at a warm start, or fails when a finding
    unpacks its pairs: every class the caches hold must be allowed (the demo and a generated
    ledger hold every value type, rates, resolutions and people as witnesses)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("generate", REPO / "benchmarks" / "generate.py")
    generating = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generating)
    refused: list[str] = []
    real = sealed._Unpickler.find_class

    def noting(self, module, name):
        try:
            return real(self, module, name)
        except pickle.UnpicklingError:
            refused.append(f"{module}.{name}")
            raise

    monkeypatch.setattr(sealed._Unpickler, "find_class", noting)
    generated = tmp_path / "generated"
    generating.generate(generated, claims=1500, seed=3)
    for root in (copy_demo_to(tmp_path / "demo"), generated):
        for _ in range(2):  # the second time from the caches
            findings_memo._LIVE.clear()
            findings = compare_ledger(load_ledger(root))
            wait_for_all_writes()
            for finding in findings.findings:
                assert finding.pairs is not None and finding.versions is not None
    assert refused == []


def copy_demo_to(target: Path) -> Path:
    for folder in ("sources", "claims", "declarations", "gazetteer", "resolutions"):
        (target / folder).mkdir(parents=True)
        for file in (REPO / folder).glob("*.yaml"):
            (target / folder / file.name).write_bytes(file.read_bytes())
    return target


def test_a_large_cache_read_while_its_seal_is_checked_is_whole_or_nothing(tmp_path):
    # From 1 MB on, the seal is checked in a second thread while the content is read.
    location = tmp_path / "large.pickle"
    records = {f"claim-{n}": f"{n:08d} " * 5 for n in range(60_000)}  # about 3.5 MB pickled
    store(location, lambda handle: handle.write(pickle.dumps(records, protocol=5)))
    assert location.stat().st_size > 2 << 20
    assert use_sealed(location, sealed.loads) == records
    damaged = bytearray(location.read_bytes())
    damaged[len(damaged) // 2] ^= 0x01  # inside a string: still unpickles, to something else
    location.write_bytes(bytes(damaged))
    assert use_sealed(location, sealed.loads) is None
    assert use_sealed(tmp_path / "missing.pickle", sealed.loads) is None


def test_a_cache_its_reader_cannot_read_is_a_miss(tmp_path):
    location = tmp_path / "odd.pickle"
    store(location, lambda handle: handle.write(b"not a pickle at all"))
    assert use_sealed(location, sealed.loads) is None
