"""The load cache stays honest: what a load returns never depends on whether a cache was used.

Two caches live outside the ledger (under SOURCECRIT_CACHE_DIR, private to each test by
conftest): the parsed records of each file, and the snapshot of the whole validated
ledger. An edited, deleted or added file, a source text that appears, a corrupt cache:
each must give exactly what a load without any cache gives.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from sourcecrit import compare_ledger, load_ledger
from sourcecrit import speed
from sourcecrit.ledger import load as load_module
from sourcecrit.speed import load as quick_load
from sourcecrit.speed import parallel_parse
from sourcecrit.speed import read_ahead as read_ahead_module
from sourcecrit.speed.background import wait_for_all_writes as settle_all
from sourcecrit.speed.snapshot import snapshot_location
from sourcecrit.report.findings_json import findings_document

from tests.conftest import date_book_b_in_march, write_files


ALWAYS_IN_TWO = speed.Thresholds(parallel_bytes=0)  # the small ledger's files parsed in two processes


def everything(ledger) -> dict:
    """All a load gives, in comparable form: records with their origins, values, problems."""
    def records(table):
        return [(m.model_dump(mode="json", by_alias=True), m.origin.file, m.origin.line, m.origin.field_lines,
                 sorted(m.model_fields_set)) for m in table]

    return {
        "sources": records(ledger.sources.values()),
        "claims": records(ledger.claims.values()),
        "subjects": records(ledger.subjects.values()),
        "properties": records(ledger.properties.values()),
        "units": records(ledger.units.values()),
        "entities": records(ledger.entities.values()),
        "resolutions": records(ledger.resolutions),
        "values": {cid: repr(value) for cid, value in ledger.values.items()},
        "accepted": {repr(key): repr(value) for key, value in ledger.accepted.items()},
        "problems": [(str(p), p.severity) for p in ledger.problems],
        "files": list(ledger.files),
        "fingerprints": dict(ledger.fingerprints),
    }


def findings_json(ledger, compare=compare_ledger) -> str:
    findings = compare(ledger)
    document = findings_document(ledger, findings)
    problems = [str(p) for p in findings.problems]
    return json.dumps([document, problems], ensure_ascii=False, sort_keys=True, default=str)


def assert_same_as_uncached(root: Path):
    """Load twice through the cache (filling, then using it) and once without: all equal."""
    fresh = load_ledger(root, use_cache=False)
    expected, expected_findings = everything(fresh), findings_json(fresh)
    for _ in range(2):
        cached = load_ledger(root, use_cache=True)
        assert everything(cached) == expected
        assert findings_json(cached) == expected_findings
    return cached


def cache_files() -> list[Path]:
    settle_all()  # the caches are written by a child process
    folder = Path(os.environ["SOURCECRIT_CACHE_DIR"])
    return sorted(folder.iterdir()) if folder.is_dir() else []


def snapshot_file(root: Path) -> Path:
    settle_all()
    return snapshot_location(root)


def test_cached_and_uncached_loads_are_identical(small_ledger):
    ledger = assert_same_as_uncached(small_ledger)
    assert ledger.claims and ledger.values
    assert len(cache_files()) >= 2  # the per-file records and the validated snapshot


def test_the_cache_lives_outside_the_ledger(small_ledger):
    before = sorted(p.relative_to(small_ledger) for p in small_ledger.rglob("*"))
    load_ledger(small_ledger)
    load_ledger(small_ledger)
    assert sorted(p.relative_to(small_ledger) for p in small_ledger.rglob("*")) == before


def test_a_warm_load_with_nothing_changed_builds_nothing(small_ledger, monkeypatch):
    first = load_ledger(small_ledger)

    def fail(*args, **kwargs):
        raise AssertionError("the validated snapshot should have been used")

    monkeypatch.setattr(quick_load, "load_plainly", fail)
    monkeypatch.setattr(load_module, "validate_ledger", fail)
    assert everything(load_ledger(small_ledger)) == everything(first)


def test_an_edited_file_is_seen(small_ledger):
    load_ledger(small_ledger)
    date_book_b_in_march(small_ledger)
    ledger = assert_same_as_uncached(small_ledger)
    assert ledger.claims["b-moscow"].value == "16 March 1921"


def test_an_edit_that_keeps_the_size_is_seen(small_ledger):
    load_ledger(small_ledger)
    path = small_ledger / "claims" / "book-b.yaml"
    text = path.read_text(encoding="utf-8")
    edited = text.replace("page 7", "page 8")
    assert len(edited) == len(text)
    stat = path.stat()
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same mtime: only the bytes differ
    ledger = assert_same_as_uncached(small_ledger)
    assert ledger.claims["b-moscow"].locator == "page 8"


def test_a_deleted_file_is_seen(small_ledger):
    load_ledger(small_ledger)
    (small_ledger / "claims" / "article-c.yaml").unlink()
    ledger = assert_same_as_uncached(small_ledger)
    assert "c-moscow" not in ledger.claims
    assert not any("article-c.yaml" in name for name in ledger.files)


def test_an_added_file_is_seen(small_ledger):
    load_ledger(small_ledger)
    write_files(small_ledger, {"claims/memoir.yaml": """
        source: memoir
        claims:
          - id: m-moscow
            subject: treaty-of-moscow
            property: signed-on
            qualifier: actual
            value: 16 March 1921
            locator: page 1
            quote: "16 March 1921"
        """})
    ledger = assert_same_as_uncached(small_ledger)
    assert ledger.claims["m-moscow"].source == "memoir"


def test_a_declaration_change_reaches_the_values_of_unchanged_files(small_ledger):
    load_ledger(small_ledger)
    path = small_ledger / "gazetteer" / "people.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("[Budyenny, Budennii, Budenny]", "[Budennii, Budenny]"),
                    encoding="utf-8")
    ledger = assert_same_as_uncached(small_ledger)
    # "Budyenny" is no longer a variant: it is read through the transliteration key now, with a note
    assert ledger.values["a-havza"].ids() == {"mustafa-kemal", "budyonny"}
    assert any("'Budyenny' is read as" in p.message and p.severity == "info" for p in ledger.problems)


def test_problems_are_the_same_with_and_without_the_cache(small_ledger):
    write_files(small_ledger, {
        "claims/broken.yaml": """
            source: nobody
            claims:
              - id: x-1
                subject: treaty-of-moscow
                property: signed-on
                value: 16 Marhc 1921
                value: 17 March 1921
                quote: ""
              - id: a-moscow
                subject: no-such-subject
                property: signed-on
                value: 16 March 1921
            """,
        "claims/syntax.yaml": "claims:\n  - id: s1\n    value: [16 March\n",
    })
    ledger = assert_same_as_uncached(small_ledger)
    messages = [str(p) for p in ledger.problems]
    assert any("appears twice" in m for m in messages)
    assert any("YAML syntax" in m for m in messages)
    assert any("duplicate claim id 'a-moscow'" in m for m in messages)


def test_a_source_text_that_appears_is_seen(small_ledger):
    path = small_ledger / "sources" / "sources.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    kind: original\n", "    kind: original\n    text: texts/memoir.txt\n", 1),
                    encoding="utf-8")
    ledger = assert_same_as_uncached(small_ledger)
    assert any("texts/memoir.txt" in p.message for p in ledger.problems)
    (small_ledger / "texts").mkdir()
    (small_ledger / "texts" / "memoir.txt").write_text("The memoir.", encoding="utf-8")
    ledger = assert_same_as_uncached(small_ledger)
    assert not any("texts/memoir.txt" in p.message for p in ledger.problems)


@pytest.mark.parametrize("damage", [b"", b"not a cache at all", b"\x00" * 64, None])
def test_a_corrupt_cache_is_rebuilt(small_ledger, damage):
    expected = everything(load_ledger(small_ledger, use_cache=False))
    load_ledger(small_ledger)
    for path in cache_files():
        if damage is None:  # truncated in the middle, as by a crash while writing
            path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
        else:
            path.write_bytes(damage)
    assert everything(load_ledger(small_ledger)) == expected
    assert everything(load_ledger(small_ledger)) == expected
    assert snapshot_file(small_ledger).stat().st_size > 1000  # written again, whole


def test_a_snapshot_of_another_ledger_state_is_not_used(small_ledger):
    load_ledger(small_ledger)
    saved = snapshot_file(small_ledger).read_bytes()
    date_book_b_in_march(small_ledger)
    snapshot_file(small_ledger).write_bytes(saved)  # the old state's snapshot, put back
    ledger = load_ledger(small_ledger)
    assert ledger.claims["b-moscow"].value == "16 March 1921"


def test_the_path_as_given_names_the_files(small_ledger, monkeypatch):
    load_ledger(small_ledger)  # absolute path
    monkeypatch.chdir(small_ledger.parent)
    ledger = load_ledger(Path(small_ledger.name))
    assert all(name.startswith(small_ledger.name + os.sep) for name in ledger.files)
    assert everything(ledger) == everything(load_ledger(Path(small_ledger.name), use_cache=False))


def test_comparing_again_after_an_edit_recomputes_only_the_touched_fact(small_ledger, request):
    compare_ledger(load_ledger(small_ledger))
    computed = request.getfixturevalue("computed")  # counting starts after the first comparison
    compare_ledger(load_ledger(small_ledger))
    assert computed == []  # nothing changed: every finding is remembered
    date_book_b_in_march(small_ledger)
    remembered = findings_json(load_ledger(small_ledger))
    assert computed == [("treaty-of-moscow", "signed-on", "actual")]
    assert remembered == findings_json(load_ledger(small_ledger, use_cache=False))


def test_after_an_edit_only_the_changed_file_is_built_again(small_ledger, monkeypatch):
    load_ledger(small_ledger)
    built: list[tuple] = []
    real = quick_load.build_file

    def counting(found, fingerprint):
        built.append(fingerprint)
        return real(found, fingerprint)

    monkeypatch.setattr(quick_load, "build_file", counting)
    date_book_b_in_march(small_ledger)
    ledger = load_ledger(small_ledger)
    assert built == [ledger.fingerprints[str(small_ledger / "claims" / "book-b.yaml")]]  # the others came from the snapshot
    assert everything(ledger) == everything(load_ledger(small_ledger, use_cache=False))
    assert findings_json(ledger) == findings_json(load_ledger(small_ledger, use_cache=False))


def test_files_parsed_in_a_helper_process_read_as_in_this_one(small_ledger, monkeypatch):
    from sourcecrit.ledger.load import ledger_files

    files = [(path.read_bytes(), str(path)) for path in ledger_files(small_ledger)]
    files.append((b"claims:\n  - id: s1\n    value: [16 March\n", "broken.yaml"))
    here = parallel_parse.parse_files(files, speed.DEFAULT)
    shared = parallel_parse.parse_files(files, ALWAYS_IN_TWO)
    assert [(r, [str(p) for p in problems]) for r, problems in shared] == [(r, [str(p) for p in problems]) for r, problems in here]


def test_a_new_sourcecrit_parses_the_files_again(small_ledger, monkeypatch):
    # The per-file records depend on the parser: another version must not reuse them.
    from sourcecrit.speed import parse_cache, snapshot

    load_ledger(small_ledger)
    settle_all()
    parsed: list[str] = []
    real = parallel_parse.records_of_bytes
    monkeypatch.setattr(parallel_parse, "records_of_bytes", lambda data, display: parsed.append(display) or real(data, display))
    monkeypatch.setattr(parse_cache, "code_stamp", lambda: "another sourcecrit")
    monkeypatch.setattr(snapshot, "code_stamp", lambda: "another sourcecrit")
    assert everything(load_ledger(small_ledger)) == everything(load_ledger(small_ledger, use_cache=False))
    assert len(parsed) >= len(ledger_files_of(small_ledger))


def ledger_files_of(root: Path) -> list[Path]:
    from sourcecrit.ledger.load import ledger_files

    return ledger_files(root)


def failing_parse(files):
    raise OSError("the helper could not parse")


@pytest.mark.parametrize("helper_fails", [False, True])
def test_each_parsed_file_is_handed_on_once_in_order(small_ledger, monkeypatch, helper_fails):
    # This process builds the models of its own files while the helper parses the others.
    from sourcecrit.ledger.load import ledger_files

    files = [(path.read_bytes(), str(path)) for path in ledger_files(small_ledger)]
    here = parallel_parse.parse_files(files, speed.DEFAULT)
    if helper_fails:
        monkeypatch.setattr(parallel_parse, "_parse_packed", failing_parse)
    handed: list[int] = []
    shared = parallel_parse.parse_files(files, ALWAYS_IN_TWO,
                                        lambda index, found, packed=None: handed.append(index) or (index, found))
    assert sorted(handed) == list(range(len(files)))
    assert [index for index, _ in shared] == list(range(len(files)))
    assert [(r, [str(p) for p in problems]) for _, (r, problems) in shared] == [(r, [str(p) for p in problems]) for r, problems in here]


def test_after_an_edit_only_new_written_values_are_read(small_ledger, monkeypatch):
    from sourcecrit.ledger import readings as readings_module

    load_ledger(small_ledger)
    read: list = []
    real = readings_module.value_type

    class Counting:
        def __init__(self, kind):
            self.kind = kind

        def parse(self, written, context):
            read.append(written)
            return self.kind.parse(written, context)

    monkeypatch.setattr(readings_module, "value_type", lambda name: Counting(real(name)))
    path = small_ledger / "claims" / "book-b.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("16 May 1921", "17 March 1921"), encoding="utf-8")
    load_ledger(small_ledger)
    assert read == ["17 March 1921"]  # every other form was read before, and is remembered


def test_a_load_in_a_worker_thread_parses_here_and_reads_the_same(small_ledger, monkeypatch):
    """The TUI loads in a worker thread: no helper process is started from there."""
    import threading

    expected = everything(load_ledger(small_ledger, use_cache=False))
    started = []
    monkeypatch.setattr(parallel_parse, "_helper", lambda *args: started.append(1) or pytest.fail("no process"))
    loaded = []
    worker = threading.Thread(
        target=lambda: loaded.append(speed.load_ledger(small_ledger, use_cache=False, thresholds=ALWAYS_IN_TWO)))
    worker.start()
    worker.join()
    assert started == [] and everything(loaded[0]) == expected


@pytest.mark.parametrize("entity_in_a_claim_file", [False, True])
def test_values_read_while_the_files_are_parsed_are_those_read_after(small_ledger, monkeypatch, entity_in_a_claim_file):
    # A cold load in two processes reads the claims' values as their files are parsed, with
    # what the files outside claims/ declare. An entity declared in a claim file changes the
    # gazetteer: what was read ahead is then dropped, and the values are read afterwards.
    import threading

    if entity_in_a_claim_file:
        write_files(small_ledger, {"claims/aaa-letter.yaml": """
            entities:
              - id: kazim-karabekir
                label: Kazım Karabekir
                kind: person
            claims:
              - id: l-havza
                source: book-a
                subject: havza-meeting
                property: participants
                value: [Kazim Karabekir, Budennii]
                locator: page 1
                quote: "Kazim Karabekir and Budennii"
            """})
    monkeypatch.setenv("SOURCECRIT_NO_FORK", "1")
    alone = everything(load_ledger(small_ledger, use_cache=False))
    monkeypatch.delenv("SOURCECRIT_NO_FORK")
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    taken: list[dict] = []
    real_take = read_ahead_module.ReadAhead.take
    monkeypatch.setattr(read_ahead_module.ReadAhead, "take", lambda self, made: taken.append(made) or real_take(self, made))
    assert everything(speed.load_ledger(small_ledger, use_cache=False, thresholds=ALWAYS_IN_TWO)) == alone
    assert any(taken)  # the helper read values and sent them
    assert not [p for p in alone["problems"] if "gazetteer" in p[0]]


@pytest.mark.parametrize("root, path", [
    (".", "claims/a.yaml"), ("ledger", "ledger/claims/a.yaml"), ("/srv/ledger", "/srv/ledger/claims/a.yaml"),
    ("ledger/", "ledger/claims/a.yaml"), ("old/../ledger", "old/../ledger/claims/a.yaml"), (".", "/srv/claims/a.yaml"),
    ("ledger", "ledger-2/claims/a.yaml"), (".", "../other/a.yaml"), ("/", "/srv/a.yaml"),
])
def test_a_files_name_relative_to_the_ledger_is_what_relpath_gives(root, path, tmp_path, monkeypatch):
    from sourcecrit.ledger.load import relative_name

    monkeypatch.chdir(tmp_path)
    assert relative_name(Path(root), Path(path)) == os.path.relpath(Path(path), Path(root))
