"""The sourcecrit TUI: one app factory, a loader worker, navigation between screens."""

from __future__ import annotations

import gc
import threading
import time
from datetime import date
from pathlib import Path
from typing import Callable

from textual import events, work
from textual.app import App
from textual.screen import Screen
from textual.worker import Worker, WorkerState, get_current_worker

from sourcecrit.compare import Finding
from sourcecrit.query import Filters
from sourcecrit.tui import commands as c
from sourcecrit.tui.config import Settings, settings_path
from sourcecrit.tui.conveniences import apply_settings
from sourcecrit.tui.editing import EditingMixin, today as real_today
from sourcecrit.tui.glance import Glance, keep_glance, read_glance
from sourcecrit.tui.messages import LedgerFilesChanged, LedgerLoaded, LoadProgressed, SearchTextBuilt
from sourcecrit.tui.palette import SourcecritCommands
from sourcecrit.tui.screens.base import LedgerScreen
from sourcecrit.tui.screens.forms import MessageScreen
from sourcecrit.tui.screens.overview import OverviewScreen
from sourcecrit.tui.state import LedgerState, build_state, ledger_signature, yaml_count


FULL_PASS_EVERY = 100  # middle collections between two full ones, once the ledger is frozen


class SourcecritApp(EditingMixin, App):
    """Browse a ledger's facts, claims and sources; record resolutions and flags."""

    CSS_PATH = "app.tcss"
    TITLE = "sourcecrit"
    COMMANDS = App.COMMANDS | {SourcecritCommands}
    BINDINGS = c.bindings(*c.APP_COMMANDS)

    def __init__(self, path: Path, use_cache: bool = True, *, watch_interval: float | None = 2.0,
                 today: Callable[[], date] = real_today, timings: bool = True, demo_reason: str | None = None) -> None:
        super().__init__()
        self.root = Path(path)
        self.demo_reason = demo_reason  # why the demo ledger was opened, when it was not asked for
        self.ledger_title = f"demo ledger ({demo_reason})" if demo_reason else None
        self.use_cache = use_cache
        self.watch_interval = watch_interval
        self.today = today
        self.timings = timings
        self.state: LedgerState | None = None
        self.glance: Glance | None = None  # the overview as the last run left it, until the ledger is loaded
        self.opening: tuple | None = None  # the fact chosen from the glance, opened once loaded
        self.loading_ledger = False
        self.loads = 0  # ledgers loaded so far: tests wait on it
        self.last_key = 0.0  # when the last key came (time.monotonic): background work steps aside
        self._drawn = threading.Event()  # the loaded ledger is on screen
        self.settings = Settings(settings_path())  # read when mounted (conveniences.apply_settings)

    def get_default_screen(self) -> OverviewScreen:
        return OverviewScreen()

    def on_mount(self) -> None:
        apply_settings(self)
        self.sub_title = self.ledger_title or self.root.resolve().name
        if self.use_cache:
            self.glance = read_glance(self.root, ledger_signature(self.root))
            if self.glance is not None and self.overview is not None and self.overview.is_composed:
                self.overview.show_glance(self.glance)  # else the overview shows it when mounted
        if self.glance is not None:
            # the loader holds the interpreter for long stretches: let the glance be drawn first
            self.loading_ledger = True
            self.call_after_refresh(self.reload)
        else:
            self.reload()
        if self.watch_interval:
            self.set_interval(self.watch_interval, self._check_files)

    # loading ---------------------------------------------------------------------
    def reload(self) -> None:
        self.loading_ledger = True
        self._load()

    def action_reload(self) -> None:
        self.reload()

    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def _load(self) -> None:
        from sourcecrit import load_ledger

        started = time.perf_counter()
        signature = ledger_signature(self.root)
        self.post_message(LoadProgressed(f"Loading {yaml_count(signature):,} files…"))
        ledger = load_ledger(self.root, use_cache=self.use_cache)
        self.post_message(LoadProgressed(f"Comparing {len(ledger.claims):,} claims…"))
        state = build_state(ledger, signature)
        self._drawn.clear()
        self.post_message(LedgerLoaded(state, time.perf_counter() - started))
        # The search text is built once the facts are on screen (only searching waits for
        # it), so that building it does not hold the first drawing up.
        self._drawn.wait(timeout=2)
        state.index.build_search(lambda: time.sleep(0))  # a moment for the interface now and then
        if not get_current_worker().is_cancelled:
            self.post_message(SearchTextBuilt(state))
        if self.use_cache and not get_current_worker().is_cancelled:
            keep_glance(state, self._let_the_interface_run)  # for the next start
        # The ledger, its findings and search text live until the next load: keep them out of
        # the collector's full passes, which would otherwise stop a keystroke for a quarter of
        # a second now and then at 10^5 claims (they are freed by reference counting as ever).
        # With them frozen, CPython would run a full pass every tenth middle one (it compares
        # new survivors with the unfrozen old ones, now few): make that every hundredth.
        gc.freeze()
        gc.set_threshold(*gc.get_threshold()[:2], FULL_PASS_EVERY)

    def _let_the_interface_run(self) -> None:
        """Called every few milliseconds by the glance's writing, which only the next start
        needs: while keys are coming it steps aside, since sharing the interpreter in 5 ms
        turns would double the time each key takes."""
        while time.monotonic() - self.last_key < 0.5:
            time.sleep(0.05)
        time.sleep(0)

    async def on_event(self, event) -> None:
        if isinstance(event, events.Key):
            self.last_key = time.monotonic()
        await super().on_event(event)

    def on_load_progressed(self, message: LoadProgressed) -> None:
        overview = self.overview
        if overview is not None:
            overview.show_progress(message.text)

    def on_ledger_loaded(self, message: LedgerLoaded) -> None:
        first = self.state is None
        self.state, self.loading_ledger, self.glance = message.state, False, None
        self.loads += 1
        for screen in self.screen_stack:
            if isinstance(screen, LedgerScreen):
                screen.show_state(message.state)
        if not first:
            self.notify(f"Reloaded in {message.seconds:.1f} s." if self.timings else "Reloaded.", timeout=2)
        if self.retry_after_reload is not None:
            self.retry_edit()
        chosen, self.opening = self.opening, None
        if chosen is not None and chosen in message.state.by_key and len(self.screen_stack) == 1:
            self.open_fact(message.state.by_key[chosen])
        self.call_after_refresh(self._drawn.set)

    def on_search_text_built(self, message: SearchTextBuilt) -> None:
        if message.state is self.state and self.overview is not None:
            self.overview.search_ready()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is not WorkerState.ERROR:
            return
        error = event.worker.error
        if event.worker.group == "load":
            self.loading_ledger = False
            if self.overview is not None and self.state is None:
                self.overview.show_progress(f"Loading failed: {type(error).__name__}: {error} (press r to try again)")
        self.push_screen(MessageScreen(f"Something failed ({event.worker.name})",
                                       f"{type(error).__name__}: {error}"))

    def _check_files(self) -> None:
        if self.state is not None and not self.loading_ledger:
            self._look_for_changes(self.state.signature)

    @work(thread=True, exclusive=True, exit_on_error=False, group="watch")
    def _look_for_changes(self, known) -> None:
        now = ledger_signature(self.root)
        if now != known:
            self.post_message(LedgerFilesChanged(now))

    def on_ledger_files_changed(self, message: LedgerFilesChanged) -> None:
        if not self.loading_ledger and self.state is not None and message.signature != self.state.signature:
            self.notify("Ledger files changed on disk: reloading.", timeout=2)
            self.reload()

    # navigation ----------------------------------------------------------------------
    @property
    def overview(self) -> OverviewScreen | None:
        screen = self.screen_stack[0] if self.screen_stack else None
        return screen if isinstance(screen, OverviewScreen) else None

    def open_fact(self, finding: Finding) -> None:
        from sourcecrit.tui.screens.fact import FactScreen

        if self.state is None:  # chosen from the glance: open it once the ledger is loaded
            self.opening = finding.key
            self.notify("Loading the ledger: the fact opens in a moment.", timeout=2)
            return
        self._push_kept("fact", lambda: FactScreen(finding), lambda kept: kept.show_fact(finding))

    def open_claim(self, claim_id: str) -> None:
        from sourcecrit.tui.screens.claim import ClaimScreen

        self.push_screen(ClaimScreen(claim_id))

    def open_source(self, source_id: str) -> None:
        from sourcecrit.tui.screens.source import SourceScreen

        self._push_kept("source", lambda: SourceScreen(source_id), lambda kept: kept.show_source(source_id))

    def _push_kept(self, name: str, make: Callable[[], Screen], show: Callable[[Screen], None]) -> None:
        """Push the screen kept (installed) as ``name``, showing something else, or a new one.

        Composing a screen with its tables, header and key bar anew costs more than the 50 ms a
        key may take; a kept one is only filled again. A second screen of the kind is made
        while the kept one is in the stack (a fact opened from a fact, through a claim).
        """
        kept = self.get_screen(name) if self.is_screen_installed(name) else None
        if kept is not None and kept not in self.screen_stack:
            show(kept)
            kept.refresh(layout=True)  # laid out on its first frame, not drawn first as it was
            self.push_screen(kept)
            return
        screen = make()
        if kept is None:
            self.install_screen(screen, name=name)
        self.push_screen(screen)

    def open_timeline(self, finding: Finding) -> None:
        from sourcecrit.tui.screens.timeline import TimelineScreen

        prop = self.state.ledger.properties.get(finding.property) if self.state else None
        if prop is None or prop.type not in ("date", "quantity"):
            self.notify("Only date and quantity facts have a timeline.", severity="warning")
            return
        self.push_screen(TimelineScreen(finding))

    def open_subject(self, subject_id: str) -> None:
        """The subject's screen: every fact of it, its dates on one axis, its witnesses."""
        from sourcecrit.tui.screens.subject import SubjectScreen

        if self.state is None:
            self.notify("Loading the ledger: try again in a moment.", timeout=2)
            return
        below = self.screen_stack[-2] if len(self.screen_stack) > 1 else None
        if isinstance(below, SubjectScreen) and below.subject_id == subject_id:
            self.pop_screen()  # back to it, rather than a second screen of the same subject
            return
        self.push_screen(SubjectScreen(subject_id))

    def show_overview(self, **narrowed: str) -> None:
        """Back to the overview, narrowed to one value of each kind given (source=..., subject=...)."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        overview = self.overview
        if overview is not None:
            filters = overview.filters
            for kind, value in narrowed.items():
                filters = filters.only(kind, value)
            overview.set_filters(filters)

    def shown_filters(self) -> Filters:
        """The overview's filters, whole: an exported report holds the facts it shows."""
        overview = self.overview
        return overview.filters if overview is not None else Filters()

    def action_back(self) -> None:
        if len(self.screen_stack) > 1:
            self.pop_screen()

    def action_help(self) -> None:
        from sourcecrit.tui.screens.help import HelpScreen

        screen = self.screen
        if isinstance(screen, LedgerScreen):
            self.push_screen(HelpScreen(screen.PLACE, tuple(screen.COMMAND_LIST)))

    def action_problems(self) -> None:
        from sourcecrit.tui.screens.problems import ProblemsScreen

        if self.state is not None and not isinstance(self.screen, ProblemsScreen):
            self.push_screen(ProblemsScreen())

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    # the review queue (issue 19) ---------------------------------------------------------
    def action_review_queue(self) -> None:
        from sourcecrit.tui.screens.review import ReviewScreen

        if self.state is None:
            self.notify("Loading the ledger: the review queue opens once it is loaded.", timeout=2)
        elif not isinstance(self.screen, ReviewScreen):
            self.push_screen(ReviewScreen())

    def open_suggestions(self, source_id: str) -> None:
        from sourcecrit.tui.screens.suggestions import SuggestionsScreen
        from sourcecrit.verify import held_text

        if self.state is None or held_text(self.state.ledger, source_id) is None:
            self.notify("This source holds no text to suggest claims from.", severity="warning")
            return
        self.push_screen(SuggestionsScreen(source_id))


def make_app(path, use_cache: bool = True, **options) -> SourcecritApp:
    """The app on the ledger at ``path``: what ``sourcecrit tui`` runs and the tests drive."""
    return SourcecritApp(Path(path), use_cache, **options)


def run_app(path, use_cache: bool = True, demo_reason: str | None = None) -> None:
    make_app(path, use_cache, demo_reason=demo_reason).run()
