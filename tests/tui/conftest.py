"""Helpers for driving the TUI with Pilot over the small fixture ledger."""

from __future__ import annotations

import asyncio
import inspect
from datetime import date

import pytest

from sourcecrit.tui.app import SourcecritApp, make_app
from tests.conftest import SMALL

SIZE = (100, 30)


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    """Run ``async def`` tests in a fresh event loop (no asyncio plugin needed)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    arguments = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
    asyncio.run(pyfuncitem.obj(**arguments))
    return True
TODAY = date(2026, 11, 23)


def small_app(path=None, **options) -> SourcecritApp:
    """The app on ``path`` with no file watching, a fixed date and no timings (deterministic)."""
    path = path or SMALL
    options.setdefault("watch_interval", None)
    options.setdefault("use_cache", False)
    return make_app(path, today=lambda: TODAY, timings=False, **options)


async def loaded(pilot, app: SourcecritApp, loads: int = 1) -> None:
    """Wait until the app has loaded the ledger ``loads`` times and can search it."""
    for _ in range(500):
        if app.loads >= loads and not app.loading_ledger and app.state.index.search is not None:
            break
        await pilot.pause(0.01)
    assert app.loads >= loads, "the ledger did not load"
    await pilot.pause()


def text_of(widget) -> str:
    """The plain text a Static shows."""
    from textual.content import Content

    content = widget.content
    if isinstance(content, Content):
        return content.plain
    return getattr(content, "plain", str(content))


async def until_message(pilot, app) -> None:
    """Wait (up to 2 s) for a message screen: a write done in a worker thread answers with one."""
    from sourcecrit.tui.screens.forms import MessageScreen

    for _ in range(100):
        if isinstance(app.screen, MessageScreen):
            return
        await pilot.pause(0.02)
