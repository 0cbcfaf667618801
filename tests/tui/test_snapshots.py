"""SVG snapshots of the main screens over the small fixture ledger, at 100×30.

Update after a deliberate change with: pytest tests/tui/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

from tests.tui.conftest import SIZE, loaded, small_app


def _after(*keys: str):
    async def run_before(pilot) -> None:
        await loaded(pilot, pilot.app)
        if keys:
            await pilot.press(*keys)
        await pilot.pause()

    return run_before


def test_overview(snap_compare):
    assert snap_compare(small_app(), terminal_size=SIZE, run_before=_after())


def test_fact(snap_compare):
    assert snap_compare(small_app(), terminal_size=SIZE, run_before=_after("down", "enter"))


def test_claim(snap_compare):
    assert snap_compare(small_app(), terminal_size=SIZE, run_before=_after("down", "enter", "down", "enter"))


def test_timeline(snap_compare):
    assert snap_compare(small_app(), terminal_size=SIZE, run_before=_after("down", "down", "t"))


def test_overview_light_disputed_only(snap_compare):
    assert snap_compare(small_app(), terminal_size=SIZE, run_before=_after("ctrl+t", "1"))


def test_review_queue(snap_compare, small_ledger):
    from tests.tui.test_review import needing_review

    needing_review(small_ledger)

    async def run_before(pilot) -> None:
        await loaded(pilot, pilot.app)
        await pilot.press("v")
        for _ in range(300):  # the citations are verified in a worker
            if pilot.app.screen.verified_for is pilot.app.state:
                break
            await pilot.pause(0.01)
        await pilot.pause()

    assert snap_compare(small_app(small_ledger), terminal_size=SIZE, run_before=run_before)


def test_text_with_a_selection(snap_compare, small_ledger):
    from tests.tui.test_text_screen import _with_text

    _with_text(small_ledger)

    async def run_before(pilot) -> None:
        await loaded(pilot, pilot.app)
        pilot.app.open_source("book-b")
        await pilot.pause()
        await pilot.press("x")
        for _ in range(300):  # the marks are found in a worker
            if pilot.app.screen.marked:
                break
            await pilot.pause(0.01)
        await pilot.press("down", "down", "down", "s")
        await pilot.pause()

    assert snap_compare(small_app(small_ledger), terminal_size=SIZE, run_before=run_before)


def test_subject(snap_compare, small_ledger):
    from tests.conftest import write_files
    from tests.tui.test_subject_screen import TREATY

    write_files(small_ledger, TREATY)
    app = small_app(small_ledger)
    assert snap_compare(app, terminal_size=(100, 40),
                        run_before=_after("slash", *"moscow actual", "enter", "o"))
