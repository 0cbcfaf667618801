"""The mypy gate of CI (.ci/mypy_baseline.py) fails on a new error and on a fixed one, not on a moved line.

mypy itself is not run here (the README's test command does not install it); its output is given.
"""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / ".ci" / "mypy_baseline.py"
_spec = importlib.util.spec_from_file_location("mypy_baseline", SCRIPT)
assert _spec and _spec.loader
gate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gate)

TODAY = """\
sourcecrit/cli.py:129: error: Incompatible types in assignment (expression has type "Path | None", variable has type "Path")  [assignment]
sourcecrit/cli.py:129: note: a note is not an error
sourcecrit/names.py:65: error: Name "x" already defined on line 12  [no-redef]
sourcecrit/names.py:70: error: Name "x" already defined on line 12  [no-redef]
"""


def baseline_of(output: str) -> Counter[str]:
    return Counter(key for key, _ in gate.errors_in(output))


def test_the_baseline_has_no_line_numbers():
    assert sorted(baseline_of(TODAY)) == [
        'sourcecrit/cli.py: Incompatible types in assignment (expression has type "Path | None", '
        'variable has type "Path")  [assignment]',
        'sourcecrit/names.py: Name "x" already defined on line N  [no-redef]',
    ]


def test_errors_moved_to_other_lines_pass():
    moved = TODAY.replace(":129:", ":140:").replace("line 12", "line 20").replace(":65:", ":1:")
    assert gate.compare(baseline_of(TODAY), gate.errors_in(moved)) == ([], Counter())


def test_a_new_module_with_a_type_error_fails():
    new = 'sourcecrit/query.py:3: error: Incompatible return value type (got "str", expected "int")  [return-value]'
    assert gate.compare(baseline_of(TODAY), gate.errors_in(TODAY + new + "\n")) == ([new], Counter())


def test_one_more_error_of_a_tolerated_kind_fails():
    again = 'sourcecrit/names.py:90: error: Name "x" already defined on line 80  [no-redef]'
    assert gate.compare(baseline_of(TODAY), gate.errors_in(TODAY + again + "\n"))[0] == [again]


def test_a_fixed_error_asks_for_the_baseline_to_shrink():
    fixed = "\n".join(line for line in TODAY.splitlines() if ":70:" not in line)
    new, gone = gate.compare(baseline_of(TODAY), gate.errors_in(fixed))
    assert new == [] and gone == Counter({'sourcecrit/names.py: Name "x" already defined on line N  [no-redef]': 1})


def test_the_committed_baseline_reads_back():
    baseline = gate.read_baseline(gate.BASELINE.read_text(encoding="utf-8"))
    assert baseline and all(key.startswith("sourcecrit/") and key.endswith("]") for key in baseline)
