"""Run mypy and fail only on errors that are not in the baseline of errors tolerated today.

The baseline (.ci/mypy_baseline.txt) lists each tolerated error once per occurrence as
``path: message  [code]``, without its line number, so that it survives edits above it.
It may only shrink: this script never adds to it, and fails when an entry no longer occurs,
so that a fixed error cannot come back unnoticed. ``--shrink`` removes those entries.

    python .ci/mypy_baseline.py            # what CI runs; exit 1 on a new or a fixed error
    python .ci/mypy_baseline.py --shrink   # after fixing errors: drop them from the baseline

A module that moves keeps its errors under its old path here: rename the path in the
baseline in the same commit as the move (that is not growth).
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = Path(__file__).resolve().parent / "mypy_baseline.txt"
HEADER = """\
# mypy errors tolerated in CI, one line per occurrence: path: message  [code].
# Written by .ci/mypy_baseline.py, which fails on any error not listed here.
# This list may only shrink: fix an error, then run `python .ci/mypy_baseline.py --shrink`.
"""
_ERROR = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+): error: (?P<message>.*)$")
_LINE_NUMBER = re.compile(r"\bline \d+\b")


def run_mypy() -> tuple[int, str]:
    """mypy's exit status and its output, one error a line, configured by pyproject.toml."""
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-pretty", "--no-error-summary", "--no-color-output",
         "--show-error-codes", "--hide-error-context"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    return done.returncode, done.stdout + done.stderr


def errors_in(output: str) -> list[tuple[str, str]]:
    """Each error as (its baseline key, the line mypy printed); notes are left out."""
    found = []
    for line in output.splitlines():
        match = _ERROR.match(line)
        if match:
            path = match["path"].replace("\\", "/")
            message = _LINE_NUMBER.sub("line N", match["message"].rstrip())
            found.append((f"{path}: {message}", line))
    return found


def read_baseline(text: str) -> Counter[str]:
    return Counter(line for line in text.splitlines() if line.strip() and not line.startswith("#"))


def compare(baseline: Counter[str], errors: list[tuple[str, str]]) -> tuple[list[str], Counter[str]]:
    """The printed lines of the errors beyond the baseline, and the baseline entries that no longer occur."""
    allowed = Counter(baseline)
    new = []
    for key, line in errors:
        if allowed[key] > 0:
            allowed[key] -= 1
        else:
            new.append(line)
    return new, +allowed


def write_baseline(entries: Counter[str]) -> None:
    BASELINE.write_text(HEADER + "".join(f"{key}\n" for key in sorted(entries.elements())), encoding="utf-8")


def main(argv: list[str]) -> int:
    status, output = run_mypy()
    errors = errors_in(output)
    if status not in (0, 1) or (status == 1 and not errors):  # mypy itself failed: a crash or a bad configuration
        print(output, file=sys.stderr)
        print(f"mypy_baseline: mypy exited with status {status}", file=sys.stderr)
        return 2
    baseline = read_baseline(BASELINE.read_text(encoding="utf-8")) if BASELINE.exists() else Counter()
    new, gone = compare(baseline, errors)
    if "--shrink" in argv and gone:
        baseline -= gone
        write_baseline(baseline)
        print(f"mypy_baseline: removed {sum(gone.values())} fixed errors from {BASELINE.relative_to(ROOT)}")
        gone = Counter()
    for line in new:
        print(line)
    if new:
        print(f"mypy_baseline: {len(new)} new error{'s' * (len(new) != 1)} (above) not in "
              f"{BASELINE.relative_to(ROOT)}; fix them: the baseline may only shrink")
    if gone:
        print(f"mypy_baseline: {sum(gone.values())} baseline entries no longer occur, so the baseline can shrink; "
              "run `python .ci/mypy_baseline.py --shrink` and commit it:")
        for key in sorted(gone.elements()):
            print(f"  {key}")
    if new or gone:
        return 1
    print(f"mypy_baseline: no new errors ({sum(baseline.values())} tolerated in the baseline)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
