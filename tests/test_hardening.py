"""Hostile and clumsy input: no crash, no hang, no lie, no lost edit (each test a reproduction).

Every test here failed before its fix: a traceback, a hang, a silently accepted circle, a
terminal driven by a value, a special file replaced, a CRLF file turned LF.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sourcecrit import compare_ledger, load_ledger
from sourcecrit.cli import main
from sourcecrit.ledger.edit import EditError, flag_claim
from sourcecrit.ledger.yamlread import read_yaml_bytes
from tests.conftest import write_files

REPO = Path(__file__).resolve().parent.parent
POSIX = pytest.mark.skipif(os.name != "posix", reason="FIFOs, devices and flock are POSIX")


@pytest.fixture
def demo(tmp_path) -> Path:
    """A copy of the demo ledger (without its texts, which live beside the repository)."""
    target = tmp_path / "L"
    for folder in ("sources", "claims", "declarations", "gazetteer", "resolutions"):
        shutil.copytree(REPO / folder, target / folder)
    return target


def check(capsys, root: Path, *flags: str) -> tuple[int, str]:
    status = main([*flags, "check", str(root)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out


def sourcecrit(*args: str, timeout: float = 60, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sourcecrit", *args], capture_output=True, timeout=timeout,
                          env={**os.environ, **env})


# --------------------------------------------------------------------------- files and YAML

def test_a_text_path_too_long_for_the_system_is_a_warning(capsys, demo):
    path = demo / "sources" / "kemal-proposal-1920-04-26.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("text: ../shared/seeds/004_4cf4162ee9980ef9.txt", "text: " + "a" * 5000), encoding="utf-8")
    for flags in (("--no-cache",), (), ()):
        status, out = check(capsys, demo, *flags)
        assert status == 0
        assert "kemal-proposal-1920-04-26.yaml:13: warning: source 'kemal-proposal-1920-04-26': its text" in out


def test_a_recursive_alias_is_a_problem_not_a_crash():
    found = read_yaml_bytes(b"claims:\n  - &r {id: rec, note: [*r]}\n", "r.yaml")
    assert found.root is None
    assert [(p.line, "refers" in p.message or "inside" in p.message) for p in found.problems] == [(2, True)]


def test_an_alias_bomb_is_refused_at_once():
    levels = [b'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    levels += [f"a{n}: &a{n} [{','.join([f'*a{n - 1}'] * 9)}]".encode() for n in range(1, 10)]
    started = time.perf_counter()
    found = read_yaml_bytes(b"\n".join(levels) + b"\n", "bomb.yaml")
    assert time.perf_counter() - started < 1
    assert found.root is None and "alias" in found.problems[0].message


def test_a_few_aliases_still_read():
    found = read_yaml_bytes(b"claims:\n  - &a {id: a, quote: q}\n  - id: b\n    note: *a\n", "ok.yaml")
    assert found.problems == []
    assert found.root.values["claims"][1].values["note"] == {"id": "a", "quote": "q"}


@pytest.mark.parametrize("depth", [70, 900, 990])
def test_values_nested_too_deep_are_a_problem(depth):
    found = read_yaml_bytes(b"claims:\n  - id: a\n    value: " + b"[" * depth + b"]" * depth + b"\n", "deep.yaml")
    assert found.root is None and found.problems[0].line == 3


def test_a_nul_byte_is_reported_at_its_line():
    found = read_yaml_bytes(b"claims:\n  - id: a\n    quote: x\x00y\n", "nul.yaml")
    assert [(p.line, "U+0000" in p.message) for p in found.problems] == [(3, True)]


@POSIX
def test_a_fifo_and_a_device_among_the_claims_are_passed_over(capsys, demo):
    os.mkfifo(demo / "claims" / "fifo.yaml")
    os.symlink("/dev/zero", demo / "claims" / "zero.yaml")
    done = sourcecrit("check", str(demo), timeout=60, SOURCECRIT_CACHE_DIR=str(demo.parent / "cache"))
    out = done.stdout.decode()
    assert "claims/fifo.yaml:0: warning: a FIFO" in out
    assert "claims/zero.yaml:0: warning: a device" in out
    assert done.returncode == 0 and b"Traceback" not in done.stderr


@POSIX
def test_a_linked_folder_outside_is_read_and_one_inside_is_said(capsys, demo, tmp_path):
    outside = tmp_path / "more-claims"
    write_files(outside, {"extra.yaml": """
        claims:
          - id: linked-claim
            source: akalin-2017
            subject: treaty-of-moscow
            property: signed-on
            qualifier: actual
            value: 16 March 1921
            locator: page 1
            quote: "16 March 1921"
        """})
    os.symlink(outside, demo / "claims" / "linked")
    os.symlink(demo, demo / "claims" / "loop")
    status, out = check(capsys, demo, "--no-cache")
    assert "claims/loop:0: warning: a link to" in out
    assert "duplicate" not in out  # the ledger was not read twice through the loop
    assert "linked-claim" in load_ledger(demo, use_cache=False).claims


def test_a_cites_chain_and_circle_of_thousands_are_walked(tmp_path, capsys):
    count = 3000
    sources = "\n".join(f"  - {{id: s{n}, type: book, title: T{n}, issued: 1950, kind: derivative, cites: [s{(n + 1) % count}]}}"
                        for n in range(count))
    write_files(tmp_path / "L", {"sources/chain.yaml": "sources:\n" + sources + "\n", "claims/none.yaml": "claims: []\n"})
    status, out = check(capsys, tmp_path / "L", "--no-cache")
    assert status == 1 and "sources cite each other in a circle: s0 → s1 → s2" in out


def test_a_source_contained_in_itself_or_a_circle_is_an_error(tmp_path, capsys):
    write_files(tmp_path / "L", {"sources/s.yaml": """
        sources:
          - {id: page, type: webpage, title: A page, issued: 2001, contained_in: page}
          - {id: book-a, type: book, title: A, issued: 2001, contained_in: book-b}
          - {id: book-b, type: book, title: B, issued: 2001, contained_in: book-a}
        """, "claims/none.yaml": "claims: []\n"})
    status, out = check(capsys, tmp_path / "L", "--no-cache")
    assert "source 'page' is contained in itself" in out
    assert "source 'book-a' is contained in a circle: book-a → book-b → book-a" in out
    assert status == 1


def test_a_claim_attributed_to_its_own_source_is_said(small_ledger, capsys):
    path = small_ledger / "claims" / "book-b.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    locator: page 7", "    locator: page 7\n    attributed_to: book-b", 1), encoding="utf-8")
    status, out = check(capsys, small_ledger, "--no-cache")
    assert "is attributed to its own source 'book-b'" in out


# --------------------------------------------------------------------------- the terminal

def test_control_characters_in_values_and_file_names_are_not_printed(tmp_path, capsys, small_ledger):
    path = small_ledger / "claims" / "book-b.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('quote: "', 'quote: "\\e]0;owned\\a ', 1), encoding="utf-8")
    odd = small_ledger / "claims" / "two\nlines\x1b[31m.yaml"
    odd.write_text("claims:\n  - id: [broken\n", encoding="utf-8")
    for args in (("check",), ("conflicts", "--all"), ("report", "--status", "all")):
        main([*args[:1], str(small_ledger), *args[1:]])
        out, err = capsys.readouterr()
        assert "\x1b" not in out + err and "\x07" not in out + err
    main(["check", str(small_ledger)])
    out, _ = capsys.readouterr()
    assert "two\\nlines\\x1b[31m.yaml:" in out  # one line, the name written out
    assert "holds a control character" in out


def test_output_to_a_full_disk_is_a_message_and_status_2():
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "sourcecrit", "conflicts", str(REPO)], stdout=full,
                              stderr=subprocess.PIPE, timeout=60)
    assert done.returncode == 2
    assert b"cannot write the output" in done.stderr and b"Traceback" not in done.stderr


# --------------------------------------------------------------------------- writing files

@POSIX
def test_report_output_to_a_device_a_fifo_or_a_link_writes_through(tmp_path):
    device = tmp_path / "null"
    os.symlink(os.devnull, device)
    assert main(["report", str(REPO), "-o", str(device)]) == 0
    assert Path(os.devnull).is_char_device()
    target, link = tmp_path / "target.md", tmp_path / "link.md"
    target.write_text("old", encoding="utf-8")
    os.symlink(target, link)
    assert main(["report", str(REPO), "-o", str(link)]) == 0
    assert link.is_symlink() and target.read_text(encoding="utf-8").startswith("# Conflict report")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    # the reader writes what it reads to a file, not to a pipe read only afterwards: a report larger
    # than the pipes' buffers, written in parts, would wait for it for ever
    with open(tmp_path / "read.md", "wb") as read:
        reader = subprocess.Popen(["cat", str(fifo)], stdout=read)
        assert main(["report", str(REPO), "-o", str(fifo)]) == 0
        assert reader.wait(timeout=30) == 0
    assert (tmp_path / "read.md").read_bytes().startswith(b"# Conflict report")
    assert fifo.is_fifo()


def test_a_read_only_report_file_is_refused(tmp_path, capsys):
    target = tmp_path / "report.md"
    target.write_text("kept", encoding="utf-8")
    target.chmod(0o444)
    assert main(["report", str(REPO), "-o", str(target)]) == 2
    assert "read-only" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "kept"


def crlf_ledger(small_ledger: Path, bom: bool) -> Path:
    path = small_ledger / "claims" / "book-b.yaml"
    data = path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


@pytest.mark.parametrize("bom", [False, True])
def test_an_edit_keeps_crlf_line_ends_and_a_bom(small_ledger, bom):
    path = crlf_ledger(small_ledger, bom)
    flag_claim(load_ledger(small_ledger, use_cache=False), "b-moscow", "check the date")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") == bom
    assert data.count(b"\n") == data.count(b"\r\n")
    assert load_ledger(small_ledger, use_cache=False).claims["b-moscow"].flagged == "check the date"


@POSIX
def test_an_edit_of_a_linked_file_writes_its_target(small_ledger, tmp_path):
    path = small_ledger / "claims" / "book-b.yaml"
    target = tmp_path / "kept-elsewhere.yaml"
    shutil.move(path, target)
    os.symlink(target, path)
    flag_claim(load_ledger(small_ledger, use_cache=False), "b-moscow", "check")
    assert path.is_symlink() and "flagged: check" in target.read_text(encoding="utf-8")


def test_an_edit_of_a_read_only_file_is_refused(small_ledger):
    path = small_ledger / "claims" / "book-b.yaml"
    before = path.read_bytes()
    path.chmod(0o444)
    with pytest.raises(PermissionError):
        flag_claim(load_ledger(small_ledger, use_cache=False), "b-moscow", "check")
    assert path.read_bytes() == before


def test_an_edit_of_a_file_that_is_not_utf8_names_the_file_and_line(small_ledger):
    ledger = load_ledger(small_ledger, use_cache=False)
    path = small_ledger / "claims" / "book-b.yaml"
    path.write_bytes(path.read_bytes().replace(b"page 7", b"page \xe9"))  # Latin-1 é, after the load
    ledger.fingerprints[str(path)] = __import__("sourcecrit.ledger.records", fromlist=["x"]).fingerprint_of(path.read_bytes())
    with pytest.raises(EditError, match=r"book-b\.yaml:\d+: the file is not UTF-8"):
        flag_claim(ledger, "b-moscow", "check")


TWO_WRITERS = """
import os, sys, time
real_replace = os.replace
def slow_replace(*args, **kwargs):  # widen the moment between the last look and the rename
    time.sleep(0.3)
    return real_replace(*args, **kwargs)
os.replace = slow_replace
from sourcecrit import load_ledger
from sourcecrit.ledger.edit import flag_claim
from sourcecrit.ledger.write import LedgerChanged
ledger = load_ledger(sys.argv[1], use_cache=False)
while time.time() < float(sys.argv[3]):
    pass
try:
    flag_claim(ledger, sys.argv[2], "second look")
    print("written")
except LedgerChanged:
    print("refused")
"""


@POSIX
def test_two_writers_at_once_never_lose_an_edit(small_ledger):
    ledger = load_ledger(small_ledger, use_cache=False)
    claims = [c.id for c in ledger.claims.values() if c.origin.file.endswith("book-a.yaml")][:2]
    assert len(claims) == 2
    path = small_ledger / "claims" / "book-a.yaml"
    original = path.read_bytes()
    for _ in range(4):
        path.write_bytes(original)
        start = f"{time.time() + 1.0:.3f}"
        runs = [subprocess.Popen([sys.executable, "-c", TWO_WRITERS, str(small_ledger), claim, start],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE) for claim in claims]
        said = [run.communicate(timeout=60)[0].decode().strip() for run in runs]
        flagged = load_ledger(small_ledger, use_cache=False).claims
        for claim, answer in zip(claims, said):
            assert answer in ("written", "refused")
            assert (flagged[claim].flagged == "second look") == (answer == "written")
        assert "written" in said


def test_the_demo_compares_after_all_of_this(demo):
    assert compare_ledger(load_ledger(demo, use_cache=False)).findings
