"""The command line: errors a user can act on, with no traceback."""

from __future__ import annotations

from sourcecrit.cli import main


def test_a_report_into_a_missing_folder_says_what_to_do(small_ledger, tmp_path, capsys):
    target = tmp_path / "no-such-folder" / "report.md"
    assert main(["report", str(small_ledger), "--format", "md", "-o", str(target)]) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"sourcecrit: cannot write {target}: No such file or directory;")
    assert "create the folder" in error and "Traceback" not in error


def test_a_report_file_is_written_whole(small_ledger, tmp_path, capsys):
    target = tmp_path / "out" / "report.md"
    target.parent.mkdir()
    main(["report", str(small_ledger), "--format", "md", "-o", str(target)])
    main(["report", str(small_ledger), "--format", "md"])
    assert target.read_text(encoding="utf-8") == capsys.readouterr().out
    assert [p.name for p in target.parent.iterdir()] == ["report.md"]


def test_the_gate_does_not_pass_a_ledger_with_errors(small_ledger, capsys):
    assert main(["report", str(small_ledger), "--fail-on", "5"]) == 0
    (small_ledger / "claims" / "broken.yaml").write_text("claims:\n  - id: x\n    value: [oops\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["report", str(small_ledger), "--fail-on", "5"]) == 1
    error = capsys.readouterr().err
    assert "the ledger has 1 error, so the gate cannot pass; run sourcecrit check" in error
