"""Reports and the CSL-JSON export are written as they are made, one fact (or source) at a time,
with the bytes they had when each was built whole.

The guard is a ledger from benchmarks/generate.py (300 claims, seed 7: disputed, resolved and
agreed facts, ACH matrices, charts, attributions) and the SHA-256 of every report of it as the
code before streaming wrote them (commit 5d3ec55), kept in tests/data/golden/generated.sha256;
``SOURCECRIT_UPDATE_GOLDEN=1`` rewrites them after a deliberate change to a report or to the
generator, as it does the golden files.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sourcecrit import load_ledger
from sourcecrit.cli import main
from sourcecrit.compare import compare_ledger
from sourcecrit.importing.csl_json import item_of_source
from sourcecrit.report import views
from sourcecrit.report.build import ReportOptions, parse_statuses, render_report
from sourcecrit.report.findings_json import findings_document
from sourcecrit.query import Filters

REPO = Path(__file__).resolve().parent.parent.parent
DIGESTS = REPO / "tests" / "data" / "golden" / "generated.sha256"
RUNS = {
    "all": ["--status", "all", "--per-source"],
    "none": ["--search", "no such words anywhere", "--per-source"],  # an empty selection
}
CASES = [(command, fmt, run) for run in RUNS for command, fmt in
         (("report", "md"), ("report", "html"), ("report", "csv"), ("report", "json"))] + [("export", "csl-json", "all")]


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    # the folder's name is in the report's title, so it is the same wherever the test runs
    target = tmp_path_factory.mktemp("streaming") / "stream-small"
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "generate.py"), str(target), "--claims", "300",
                    "--seed", "7"], check=True, stdout=subprocess.DEVNULL)
    return target


def _recorded() -> dict[str, str]:
    lines = DIGESTS.read_text(encoding="utf-8").splitlines() if DIGESTS.exists() else []
    return {name: digest for digest, name in (line.split(maxsplit=1) for line in lines if line.strip())}


def _record(name: str, digest: str) -> None:
    recorded = {**_recorded(), name: digest}
    DIGESTS.write_text("".join(f"{d} {n}\n" for n, d in sorted(recorded.items())), encoding="utf-8")


@pytest.mark.parametrize(("command", "fmt", "run"), CASES, ids=[f"{f}-{r}" for _, f, r in CASES])
def test_streamed_output_has_the_bytes_of_the_whole_one(generated, tmp_path, capsys, command, fmt, run):
    args = [command, str(generated), "--format", fmt, *(RUNS[run] if command == "report" else [])]
    assert main(["--no-cache", *args]) == 0
    printed = capsys.readouterr().out.encode("utf-8")
    assert main(["--no-cache", *args, "-o", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out").read_bytes() == printed  # the file and standard output alike
    name, digest = f"{fmt} {run}", hashlib.sha256(printed).hexdigest()
    if os.environ.get("SOURCECRIT_UPDATE_GOLDEN") == "1":
        _record(name, digest)
    assert digest == _recorded().get(name), f"{name} differs from the bytes recorded; SOURCECRIT_UPDATE_GOLDEN=1 rewrites"


def test_the_streamed_json_report_is_the_findings_document(generated):
    ledger = load_ledger(generated, use_cache=False)
    findings = compare_ledger(ledger)
    options = ReportOptions(format="json", filters=Filters(statuses=parse_statuses(["all"])), timestamp=True)
    parts, _ = render_report(ledger, options, findings)
    text = "".join(parts)
    document = {**findings_document(ledger, findings), "generated": json.loads(text)["generated"]}
    assert text == json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def test_the_streamed_csl_json_is_the_whole_lists_bytes(generated, capsys):
    assert main(["--no-cache", "export", str(generated), "--format", "csl-json"]) == 0
    items = [item_of_source(s) for s in load_ledger(generated, use_cache=False).sources.values()]
    assert capsys.readouterr().out == json.dumps(items, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("fmt", ["md", "html", "csv"])
def test_a_facts_view_is_built_only_when_it_is_written(generated, monkeypatch, fmt):
    """A report holds one fact's view at a time: when the first fact is written, no other has been built."""
    built: list[str] = []
    real = views.fact_view

    def counted(ledger, findings, finding, anchor, *args):
        built.append(anchor)
        return real(ledger, findings, finding, anchor, *args)

    monkeypatch.setattr(views, "fact_view", counted)
    ledger = load_ledger(generated, use_cache=False)
    options = ReportOptions(format=fmt, filters=Filters(statuses=parse_statuses(["all"])))
    findings = compare_ledger(ledger)
    parts, _ = render_report(ledger, options, findings)
    part = next(part for part in parts if built)  # the first part written once a view was built
    assert len(built) == 1, f"{len(built)} fact views built before the first fact was written"
    assert fmt == "csv" or f'id="{built[0]}"' in part  # that part is the fact's own
    rest = list(parts)
    assert len(built) == len(findings.findings) and len(rest) >= len(built) - 1  # the rest, one after another
