"""The overview: every fact with its status, filtered by status, source, property, name and search."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, cast

from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.markup import escape
from textual.widgets import Header, Input, Static

from sourcecrit.compare import STATUS_ORDER, STATUS_SYMBOL, Finding, Status
from sourcecrit.names import fold
from sourcecrit.query import Filters, subject_label
from sourcecrit.report.table import versions_text
from sourcecrit.tui import commands as c
from sourcecrit.tui.glance import GlancedFact
from sourcecrit.tui.screens.base import LedgerScreen, fact_title, status_markup
from sourcecrit.tui.widgets.fact_list import FactList
from sourcecrit.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from sourcecrit.tui.app import SourcecritApp

PROBLEMS_SHOWN = 3
STATUS_KEY = {status: str(n) for n, status in enumerate(STATUS_ORDER, 1)}


class OverviewScreen(LedgerScreen):
    """All facts at a glance."""

    PLACE = "Overview: all facts"
    COMMAND_LIST = c.OVERVIEW_COMMANDS
    BINDINGS = c.bindings(*c.OVERVIEW_COMMANDS)
    AUTO_FOCUS = "FactList"

    def __init__(self) -> None:
        super().__init__()
        self.filters = Filters()
        self.filter_ms = 0.0
        self.progress = "Starting…"
        self.is_composed = False  # its widgets are there to fill
        self._counted: tuple[Filters, dict[str, int]] | None = None  # the filter bar's counts, and of which filters

    def compose(self) -> ComposeResult:
        yield Header(icon="§")
        with Horizontal(id="search-bar"):
            yield Static("/", id="search-key")
            yield Input(placeholder=SEARCH_HINT, id="search", compact=True)
        yield Static(id="filter-bar")
        yield FactList(id="facts")
        yield Static(id="preview")
        yield Static(id="problems-panel")
        yield Static(id="status-line")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(FactList).loading = self.state is None
        self._show_filter_bar()
        self._show_status_line()
        self.is_composed = True
        if self.state is not None:
            self.show_state(self.state)
        elif self.glance is not None:
            self.show_glance(self.glance)

    # state -------------------------------------------------------------------
    def show_state(self, state) -> None:
        self._counted = None
        facts = self.query_one(FactList)
        if facts.loading:  # a loading widget cannot take focus: give it now
            facts.loading = False
            if not isinstance(self.focused, Input):
                facts.focus()
        self.sub_title = getattr(self.app, "ledger_title", None) or str(state.ledger.root.resolve().name)
        self.query_one("#search", Input).placeholder = search_hint(state.ledger)
        self._apply_filters(keep=facts.current)
        self._show_problems(state)

    def show_glance(self, glance) -> None:
        """Show the overview as the last run left it while the ledger loads (see tui.glance)."""
        facts = self.query_one(FactList)
        facts.loading = False
        facts.focus()
        self.sub_title = glance.name
        self._apply_filters()
        self._show_problems(glance)

    @property
    def glance(self):
        return getattr(self.app, "glance", None) if self.state is None else None

    def show_progress(self, text: str) -> None:
        self.progress = text
        waiting = self.state is None and self.glance is None
        self.query_one(FactList).loading = waiting and not text.startswith("Loading failed")
        self._show_status_line()

    # filtering ---------------------------------------------------------------
    def set_filters(self, filters: Filters) -> None:
        """Show the facts ``filters`` select (made from the current ones: ``self.filters.only(...)``)."""
        self.filters = filters
        self._apply_filters(keep=self.query_one(FactList).current)

    def _apply_filters(self, keep: Finding | None = None) -> None:
        state, showing = self.state, self.state or self.glance
        facts = self.query_one(FactList)
        if showing is None:
            return
        index = showing.index
        started = time.perf_counter()
        shown = index.select(self.filters)
        self.filter_ms = (time.perf_counter() - started) * 1000
        if shown is None and state is None:  # shown again when the ledger is loaded
            facts.empty_text = "Loading the ledger… the matches appear in a moment."
            shown = []
        elif shown is None:  # the search text is still being built: search_ready() comes back
            facts.empty_text = "Preparing the search over every fact… the matches appear in a moment."
            shown = []
        else:
            facts.empty_text = ("No facts match. Press 0 to clear the filters." if self.filters.narrowed
                                else "This ledger has no facts yet: add claims under claims/.")
        if state is not None and not self.filters.statuses and shown:  # the counts at no second selection
            self._counted = (self.filters, {s.value: n for s, n in state.index.counts(shown).items()})
        facts.show(index, shown, keep=keep)
        self._show_filter_bar()
        self._show_status_line()

    def search_ready(self) -> None:
        """The search text is built: apply a search typed while it was being built."""
        if self.filters.need_search:
            self._apply_filters(keep=self.query_one(FactList).current)
        else:
            self._show_status_line()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.set_filters(self.filters.containing(event.value))

    # Enter in the search normally arrives as LEAVE_SEARCH (a priority binding); this covers
    # a submission by other means. set_focus moves focus at once, not after queued keys.
    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self.set_focus(self.query_one(FactList))

    def key_down(self) -> None:
        if self.focused is self.query_one("#search"):
            self.set_focus(self.query_one(FactList))

    def key_escape(self) -> None:
        search = self.query_one("#search", Input)
        if self.focused is search:
            self.set_focus(self.query_one(FactList))
        elif self.filters.narrowed:
            self.action_clear_filters()

    def action_search(self) -> None:
        # "/" is a priority binding: the app runs it before it hands the next key on, so
        # letters typed in the same burst (a paste, tmux send-keys) reach the search box.
        search = self.query_one("#search", Input)
        if self.focused is search:
            raise SkipAction()  # a "/" typed in the search is part of the query
        self.set_focus(search)

    def action_leave_search(self) -> None:
        if self.focused is not self.query_one("#search", Input):
            raise SkipAction()
        self.set_focus(self.query_one(FactList))

    def action_toggle_status(self, status: str) -> None:
        """Show only the facts of ``status``; when only they are shown already, every status again."""
        chosen = Status(status)
        statuses = () if self.filters.statuses == (chosen,) else (chosen,)
        self.set_filters(self.filters.only("status", *statuses))

    def action_clear_filters(self) -> None:
        self.filters = Filters()
        self.query_one("#search", Input).value = ""
        self._apply_filters(keep=self.query_one(FactList).current)

    def action_clear_filter(self, name: str) -> None:
        self.set_filters(self.filters.without(name))

    def _loaded(self) -> bool:
        """Whether the ledger is loaded; says to wait when only the glance is shown."""
        if self.state is None and self.glance is not None:
            self.notify("Loading the ledger: try again in a moment.", timeout=2)
        return self.state is not None

    def _pick(self, kind: str) -> None:
        from sourcecrit.tui.screens.pick import PickScreen, choices_for, other_names

        state = self.state
        if not self._loaded():
            return

        def chosen(value: str | None) -> None:
            if value is not None:
                self.set_filters(self.filters.only(kind, value))

        named = {"entity": "person, place or organisation"}.get(kind, kind)
        self.app.push_screen(PickScreen(f"Show only facts of one {named}", choices_for(state, kind),
                                        other_names(state, kind)), chosen)

    def action_pick_source(self) -> None:
        self._pick("source")

    def action_pick_property(self) -> None:
        self._pick("property")

    def action_pick_entity(self) -> None:
        self._pick("entity")

    # the highlighted fact ------------------------------------------------------
    @on(FactList.Highlighted)
    def _highlighted(self, event: FactList.Highlighted) -> None:
        self._show_preview(event.finding)

    @on(FactList.Chosen)
    def _chosen(self, event: FactList.Chosen) -> None:
        self.app.open_fact(event.finding)

    def action_open_fact(self) -> None:
        finding = self.query_one(FactList).current
        if finding is not None:
            self.app.open_fact(finding)

    def action_open_subject(self) -> None:
        finding = self.query_one(FactList).current
        if finding is not None and self._loaded():
            cast("SourcecritApp", self.app).open_subject(finding.subject)

    def action_timeline(self) -> None:
        finding = self.query_one(FactList).current
        if finding is not None and self._loaded():
            self.app.open_timeline(finding)

    def action_resolve(self) -> None:
        finding = self.query_one(FactList).current
        if finding is not None and self._loaded():
            self.app.record_resolution(finding)

    # drawing -----------------------------------------------------------------
    def _show_preview(self, finding: Finding | GlancedFact | None) -> None:
        preview = self.query_one("#preview", Static)
        state = self.state
        if finding is None or (state is None and self.glance is None):
            preview.update("")
            return
        if isinstance(finding, GlancedFact):  # drawn from the glance, before the ledger is loaded
            title, listed = finding.title, finding.versions
        elif state is not None:
            title, listed = fact_title(state, finding), versions_text(finding)
        else:
            preview.update("")
            return
        lines = [f"{status_markup(finding.status)}  [b]{escape(title)}[/b]",
                 f"[$text-muted]{escape(finding.status_reason)}[/]"]
        versions = str(listed).splitlines()
        room = max((preview.content_size.height or 4) - len(lines), 1)
        if len(versions) > room:  # say what is left out (one line each, cut with an ellipsis by the CSS)
            versions = versions[:room - 1] + [f"… {len(versions) - room + 1} more values: Enter opens the fact"]
        lines += [f"  {escape(line)}" for line in versions]
        preview.update("\n".join(lines))

    def _status_counts(self) -> dict[str, int]:
        """Facts per status among those the other filters (source, property, name, search) let
        through: what pressing a status key would show. Counted again only when they change."""
        shown = self.state or self.glance
        if shown is None:
            return {}
        others = self.filters.without("status")
        if self.state is None or not others.narrowed:
            return shown.counts
        if self._counted is None or self._counted[0] != others:
            positions = self.state.index.select(others)
            if positions is None:  # the search text is being built: counted when it is
                return shown.counts
            counted = self.state.index.counts(positions)
            self._counted = (others, {status.value: n for status, n in counted.items()})
        return self._counted[1]

    def _show_filter_bar(self) -> None:
        counts = self._status_counts()
        chosen = self.filters.statuses
        forms = [_status_labels(counts, short) for short in range(4)]
        room = max(self.size.width - 2, 20)
        labels, gap = next(((labels, gap) for labels, gap in forms if len(gap.join(labels)) <= room), forms[-1])
        parts = [f"[@click=screen.toggle_status('{status.value}')]"
                 + (f"[reverse b]{escape(label)}[/]" if status in chosen else escape(label)) + "[/]"
                 for status, label in zip(STATUS_ORDER, labels)]
        parts += self._other_filters()
        self.query_one("#filter-bar", Static).update(gap.join(parts))

    def on_resize(self) -> None:
        self._show_filter_bar()

    def _other_filters(self) -> list[str]:
        state, filters = self.state, self.filters
        if state is None:
            return []
        ledger = state.ledger
        named = {
            "source": [ledger.source_label(s) for s in filters.sources],
            "property": [ledger.properties[p].label if p in ledger.properties else p for p in filters.properties],
            "entity": [ledger.gazetteer.label(e) for e in filters.entities],
            "subject": [subject_label(ledger, s) for s in filters.subjects],
        }
        return [f"[reverse]{kind}:\u00a0{escape(' or '.join(labels))}[/]\u00a0[@click=screen.clear_filter('{kind}')]✕[/]"
                for kind, labels in named.items() if labels]

    def _show_problems(self, shown) -> None:
        """The ledger's errors, first few by file and line, so a broken ledger says so at once
        (``shown`` is the loaded ledger's state, or the glance of the last run)."""
        panel = self.query_one("#problems-panel", Static)
        panel.display = bool(shown.error_count)
        lines = [f"[$text-error]✗ {escape(str(p))}[/]" for p in shown.errors[:PROBLEMS_SHOWN]]
        rest = shown.problem_count - len(lines)
        if rest:
            lines.append(f"[$text-muted]… {rest} more problem{'s' * (rest != 1)}: press ! to see them all[/]")
        count = shown.error_count
        panel.border_title = f"{count} error{'s' * (count != 1)} in the ledger files; the rest is usable"
        panel.update("\n".join(lines))

    def _show_status_line(self) -> None:
        state, shown = self.state, self.state or self.glance
        line = self.query_one("#status-line", Static)
        if shown is None:
            line.update(escape(self.progress))
            return
        facts = self.query_one(FactList)
        counts = (f"{len(facts.shown):,} of {len(shown.index.rows):,} facts · "
                  f"{shown.claim_count:,} claims · {shown.source_count:,} sources")
        if state is None:
            line.update(f"{counts} · as the last run left them · [b]{escape(self.progress)}[/b]")
            return
        problems = state.problem_count
        problem_text = (f"[$text-error]{problems:,} problem{'s' * (problems != 1)} (press !)[/]" if problems
                        else "no problems")
        timing = f" · filtered in {self.filter_ms:.1f} ms" if getattr(self.app, "timings", True) else ""
        preparing = " · preparing the search…" if state.index.search is None else ""
        why_demo = getattr(self.app, "demo_reason", None)
        demo = f" · [b]the demo ledger[/b]: {escape(why_demo)}" if why_demo else ""
        line.update(f"{counts} · {problem_text}{timing}{preparing}{demo}")


SEARCH_HINT = "search subjects, facts, values, sources, names"


def search_hint(ledger) -> str:
    """The search's hint, with an example of a spelling the ledger's gazetteer knows, if it has one."""
    for entity in ledger.entities.values():
        for variant in entity.variants:
            if fold(variant) not in fold(entity.label) and " " not in variant.strip() and len(variant) <= 20:
                return f"{SEARCH_HINT} ({variant} finds {entity.label})"
    return SEARCH_HINT


SHORT_STATUS = {Status.SINGLE_SOURCE: "single", Status.INCOMPARABLE: "incomp."}


def _status_labels(counts: dict[str, int], short: int) -> tuple[list[str], str]:
    """Each status's key, symbol, word and count, shorter for each step of ``short`` (0-3),
    and the gap between them: the filter bar takes the longest form that fits its line."""
    labels = []
    for status in STATUS_ORDER:
        key, symbol, count = STATUS_KEY[status], STATUS_SYMBOL[status], f"{counts.get(status.value, 0):,}"
        word = SHORT_STATUS.get(status, status.value) if short >= 2 else status.value
        labels.append((f"{key} {symbol} {word} {count}", f"{key}{symbol} {word} {count}",
                       f"{key}{symbol}{word} {count}", f"{key}{symbol}{count}")[short])
    return labels, "  " if short == 0 else " "
