"""Starting the TUI: which ledger `sourcecrit` opens, and a broken ledger opening anyway."""

from __future__ import annotations

from pathlib import Path

import pytest

from sourcecrit import cli
from sourcecrit.demo import demo_ledger
from sourcecrit.tui import app as tui_app
from sourcecrit.tui.screens.overview import OverviewScreen
from sourcecrit.tui.screens.problems import ProblemsScreen
from sourcecrit.tui.widgets.fact_list import FactList
from tests.tui.conftest import SIZE, loaded, small_app, text_of


@pytest.fixture
def opened(monkeypatch) -> list[Path]:
    """The ledgers `sourcecrit` would open the TUI on (the TUI itself is not started)."""
    paths: list[Path] = []
    monkeypatch.setattr(tui_app, "run_app", lambda path, use_cache=True, demo_reason=None: paths.append(Path(path)))
    return paths


@pytest.fixture
def demo_reasons(monkeypatch) -> list:
    """Why `sourcecrit` opened the demo ledger, as it would tell the TUI."""
    reasons: list = []
    monkeypatch.setattr(tui_app, "run_app", lambda path, use_cache=True, demo_reason=None: reasons.append(demo_reason))
    return reasons


async def test_sourcecrit_in_a_folder_without_a_ledger_opens_the_demo(tmp_path, monkeypatch, opened):
    monkeypatch.chdir(tmp_path)
    assert cli.main([]) == 0
    assert opened == [demo_ledger()]
    app = small_app(opened[0])
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        assert isinstance(app.screen, OverviewScreen)
        subjects = {finding.subject for finding in app.state.findings.findings}
        assert "treaty-of-moscow" in subjects  # the bundled demo: Soviet–Turkish relations, 1919–1922
        assert len(app.screen.query_one(FactList).shown) == len(app.state.findings.findings) > 100


async def test_the_demo_opened_unasked_says_so_in_its_title_and_status_line(tmp_path, monkeypatch, demo_reasons):
    monkeypatch.chdir(tmp_path)
    assert cli.main([]) == 0
    assert demo_reasons[0] and "holds no ledger" in demo_reasons[0]
    app = small_app(demo_ledger(), demo_reason=demo_reasons[0])
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        assert app.sub_title.startswith("demo ledger (") and "holds no ledger" in app.sub_title
        assert "the demo ledger" in text_of(app.screen.query_one("#status-line"))


async def test_the_search_hint_comes_from_the_ledgers_own_gazetteer(small_ledger):
    app = small_app(small_ledger)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        hint = app.screen.query_one("#search").placeholder
    pairs = [(v, e.label) for e in app.state.ledger.entities.values() for v in e.variants]
    assert any(f"({variant} finds {label})" in hint for variant, label in pairs), hint
    for path in (small_ledger / "gazetteer").iterdir():
        path.unlink()
    (small_ledger / "claims" / "book-c.yaml").unlink(missing_ok=True)
    app = small_app(small_ledger)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        assert "finds" not in app.screen.query_one("#search").placeholder  # no gazetteer, no example


def test_sourcecrit_in_a_ledger_folder_opens_that_ledger(small_ledger, monkeypatch, opened):
    monkeypatch.chdir(small_ledger)
    assert cli.main([]) == 0
    assert opened == [Path(".")]


async def test_a_broken_ledger_opens_with_its_problems_by_file_and_line(small_ledger: Path):
    (small_ledger / "claims" / "broken.yaml").write_text(
        "source: book-a\nclaims:\n  - id: broken-one\n    subject: treaty-of-moscow\n    property: signed-on\n"
        "    qualifier: actual\n    value: the thirty-second of Brumaire\n", encoding="utf-8")
    (small_ledger / "claims" / "unreadable.yaml").write_text(
        "source: book-a\nclaims:\n  - id: half\n    value: [unclosed\n", encoding="utf-8")
    app = small_app(small_ledger)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        assert len(app.state.index.rows) == 4  # the valid rest is there and usable
        assert "problems (press !)" in text_of(app.screen.query_one("#status-line"))
        panel = text_of(app.screen.query_one("#problems-panel"))  # the errors show at once, by file and line
        assert "broken.yaml:7: " in panel and "unreadable.yaml:" in panel
        await pilot.press("exclamation_mark")
        assert isinstance(app.screen, ProblemsScreen)
        table = app.screen.query_one("#problems")
        where = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert any(cell.endswith("broken.yaml:7") for cell in where), where  # the line of the bad value
        assert any("unreadable.yaml:" in cell for cell in where), where
        assert "error" in text_of(app.screen.query_one("#problems-head"))
        await pilot.press("escape", "down", "enter")
        assert app.screen.query_one("#claims").row_count  # a fact still opens
