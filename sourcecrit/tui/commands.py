"""Every command of the TUI declared once: its key, key bar label, palette entry and help
text all come from one :class:`Command`, so they cannot drift apart (Braindrop's way).

A screen lists the commands that apply on it in ``COMMAND_LIST``; its ``BINDINGS`` are
made from them, the command palette offers them, and the help screen lists them.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding

from sourcecrit.compare import STATUS_ORDER, STATUS_SYMBOL


@dataclass(frozen=True)
class Command:
    """One thing the user can do: key, key bar label, help text and the action it runs."""

    id: str
    key: str
    label: str
    help: str
    action: str
    show: bool = True
    key_display: str | None = None
    priority: bool = False
    in_palette: bool = True  # False for a key's second meaning, which the palette cannot run

    @property
    def keys_shown(self) -> str:
        return self.key_display or ", ".join(_display(k) for k in self.key.split(","))

    def binding(self) -> Binding:
        return Binding(self.key, self.action, self.label, show=self.show, key_display=self.key_display,
                       priority=self.priority, tooltip=self.help, id=self.id)


def bindings(*commands: Command) -> list[Binding]:
    return [command.binding() for command in commands]


def _display(key: str) -> str:
    return {"question_mark": "?", "exclamation_mark": "!", "slash": "/", "escape": "Esc", "enter": "Enter"}.get(key, key)


# The whole app -------------------------------------------------------------
HELP = Command("help", "f1,question_mark", "Help", "Show the keys of this screen and what they do", "app.help", key_display="?")
RELOAD = Command("reload", "r", "Reload", "Read the ledger again from disk and compare it anew (it also reloads by "
                 "itself when a file changes)", "app.reload", show=False)
PROBLEMS = Command("problems", "exclamation_mark", "Problems", "List the ledger's problems (file:line: message)",
                   "app.problems", key_display="!")
THEME = Command("theme", "ctrl+t", "Light/dark", "Switch between the dark and the light theme", "app.toggle_theme", show=False)
EXPORT = Command("export", "ctrl+e", "Export report", "Write a conflict report of the facts shown to a file you name; "
                 "its extension chooses the format (the form lists them); a name without a folder goes in the "
                 "folder sourcecrit was started in (the form shows the whole path)", "app.export_report", show=False)
QUIT = Command("quit", "q", "Quit", "Leave sourcecrit", "app.quit", show=False)
APP_COMMANDS = (HELP, RELOAD, PROBLEMS, THEME, EXPORT, QUIT)

# Moving about --------------------------------------------------------------
BACK = Command("back", "escape", "Back", "Go back to the previous screen", "app.back")

# The overview --------------------------------------------------------------
SEARCH = Command("search", "slash", "Search", "Search subjects, facts, values, sources and names (variants too)",
                 "search", key_display="/", priority=True)
OPEN_FACT = Command("open-fact", "enter", "Open", "Open the highlighted fact: its claims side by side", "open_fact",
                    key_display="⏎")
TIMELINE = Command("timeline", "t", "Timeline", "Draw the fact's claims on one axis (dates, or quantities in one unit)",
                   "timeline")
RESOLVE = Command("resolve", "a", "Resolve", "Record a resolution of the fact: the accepted value and why", "resolve")
FILTER_SOURCE = Command("filter-source", "S", "By source", "Show only facts with a claim of one source", "pick_source")
FILTER_PROPERTY = Command("filter-property", "P", "By property", "Show only facts of one property", "pick_property",
                          show=False)
FILTER_ENTITY = Command("filter-entity", "E", "By name", "Show only facts whose claims name one person, place or organisation",
                        "pick_entity", show=False)
CLEAR = Command("clear-filters", "0", "All facts", "Clear every filter and the search", "clear_filters", show=False)
STATUS_KEYS = tuple(
    Command(f"status-{status}", key, f"{symbol} {status}", f"Show only {status} facts (press again to show all)",
            f"toggle_status('{status}')", show=False)
    for key, symbol, status in ((str(n), STATUS_SYMBOL[s], s.value) for n, s in enumerate(STATUS_ORDER, 1))
)
# A priority binding, like SEARCH: run when the key arrives, so that keys typed after it in one
# burst reach the list; skipped (the key goes on to OPEN_FACT) when the search is not focused.
# The key bar shows the active binding of a key, a priority one first: hence OPEN_FACT's label and key.
LEAVE_SEARCH = Command("leave-search", "enter", "Open", "In the search: go to the facts it found (Enter again opens "
                       "the highlighted one)", "leave_search", key_display="⏎", priority=True,
                       in_palette=False)
OPEN_ITS_SUBJECT = Command("open-its-subject", "o", "Subject", "Open the highlighted fact's subject: all its facts "
                           "together, its dates on one axis, its witnesses", "open_subject")
OVERVIEW_COMMANDS: tuple[Command, ...] = (SEARCH, OPEN_FACT, LEAVE_SEARCH, TIMELINE, RESOLVE, FILTER_SOURCE, FILTER_PROPERTY,
                                          FILTER_ENTITY, OPEN_ITS_SUBJECT, CLEAR, *STATUS_KEYS)

# A fact --------------------------------------------------------------------
OPEN_CLAIM = Command("open-claim", "enter", "Claim", "Open the highlighted claim: citation, quote and passage",
                     "open_claim", key_display="⏎")
OPEN_SOURCE = Command("open-source", "s", "Source", "Open the source of the highlighted claim", "open_source")
FLAG = Command("flag", "f", "Flag", "Flag the claim for review, with a reason", "flag")
UNFLAG = Command("unflag", "u", "Unflag", "Clear the claim's review flag", "unflag", show=False)
# A screen of several tables and sections (a fact, a subject): the page keys move the screen, the
# arrows the focused table. Priority bindings: a focused table would otherwise page only itself.
PAGE_KEYS = (
    Command("page-down", "pagedown", "Page down", "Scroll the screen a page down (the arrows move in the table)",
            "page(1)", show=False, priority=True, in_palette=False, key_display="PgDn"),
    Command("page-up", "pageup", "Page up", "Scroll the screen a page up", "page(-1)", show=False, priority=True,
            in_palette=False, key_display="PgUp"),
    Command("to-end", "end", "End", "Scroll to the end of the screen (the pairs of claims)", "to_end(1)", show=False,
            priority=True, in_palette=False, key_display="End"),
    Command("to-top", "home", "Top", "Scroll to the top of the screen", "to_end(-1)", show=False, priority=True,
            in_palette=False, key_display="Home"),
)
OPEN_SUBJECT = Command("open-subject", "o", "Subject", "Open the fact's subject: all its facts together, its dates "
                       "on one axis, its witnesses", "open_subject")
REOPEN = Command("reopen", "R", "Reopen", "Reopen the fact's resolution, saying why: the fact is open again, the "
                 "decision kept in the resolution's history (shown at the foot of the fact)", "reopen", show=False)
# The ACH matrix of a fact (issue 19): its key and screen, in one block.
ACH = Command("ach", "h", "Hypotheses", "Weigh the competing versions against every claim (Analysis of Competing "
              "Hypotheses): which has the least evidence against it", "ach")
ACH_COMMANDS: tuple[Command, ...] = (BACK, OPEN_CLAIM)
FACT_COMMANDS: tuple[Command, ...] = (BACK, OPEN_CLAIM, OPEN_SOURCE, TIMELINE, ACH, RESOLVE, FLAG, UNFLAG, OPEN_SUBJECT,
                                      REOPEN, *PAGE_KEYS)

# A subject -----------------------------------------------------------------
OPEN_SUBJECT_ROW = Command("open-subject-row", "enter", "Open", "Open the highlighted fact, or the highlighted "
                           "witness's source", "open_row", key_display="⏎")
SUBJECT_COMMANDS: tuple[Command, ...] = (BACK, OPEN_SUBJECT_ROW, *PAGE_KEYS)

# A claim -------------------------------------------------------------------
OPEN_ITS_FACT = Command("open-its-fact", "o", "Fact", "Open the fact this claim speaks to", "open_its_fact")
CLAIM_COMMANDS: tuple[Command, ...] = (BACK, OPEN_SOURCE, OPEN_ITS_FACT, FLAG, UNFLAG)

# A source ------------------------------------------------------------------
OPEN_ROW = Command("open-row", "enter", "Open", "Open the highlighted claim or source", "open_row", key_display="⏎")
FILTER_BY_THIS = Command("facts-of-source", "S", "Its facts", "Show the overview narrowed to this source's facts",
                         "facts_of_source")
OPEN_TEXT = Command("open-text", "x", "Text", "Read the source's text, its recorded quotes and suggested claims marked",
                    "open_text")
SOURCE_COMMANDS: tuple[Command, ...] = (BACK, OPEN_ROW, FILTER_BY_THIS, OPEN_TEXT)

# A source's text -------------------------------------------------------------
NEXT_QUOTE = Command("next-quote", "n", "Next quote", "Go to the next recorded quote", "next_quote(1)")
PREVIOUS_QUOTE = Command("previous-quote", "N", "Previous", "Go to the previous recorded quote", "next_quote(-1)",
                         show=False)
OPEN_QUOTE_CLAIM = Command("open-quote-claim", "enter", "Claim", "Open the claim whose quote is on this line",
                           "open_quote_claim", key_display="⏎")
CAPTURE = Command("capture", "c", "New claim", "Record a claim from this line: the suggestion on it, or the line as the "
                  "quote, in a form to complete", "capture")
NEXT_SUGGESTION = Command("next-suggestion", "g", "Next suggestion", "Go to the next suggested claim (skipping the one "
                          "on this line): c records it, d marks it not a claim", "next_suggestion")
NOT_A_CLAIM = Command("not-a-claim", "d", "Not a claim", "Mark the suggestions on this line as not claims: they are not "
                      "offered again", "not_a_claim")
FIND_IN_TEXT = Command("find-in-text", "slash", "Find", "Find words in the text (line breaks, hyphenation and quote marks "
                       "do not matter); Enter again finds the next", "find_in_text", key_display="/")
TEXT_COMMANDS: tuple[Command, ...] = (BACK, FIND_IN_TEXT, NEXT_QUOTE, PREVIOUS_QUOTE, OPEN_QUOTE_CLAIM, CAPTURE, NEXT_SUGGESTION, NOT_A_CLAIM)

# Timeline, problems, help ----------------------------------------------------
VIEW_COMMANDS = (BACK,)


# The review queue, the text's selection and the everyday conveniences (issues 17 and 19) ----
# Kept in one block, added to the screens' lists here, so that other work on the lists above merges.
REVIEW = Command("review-queue", "v", "Review", "The review queue: disputes, resolutions disputed again, flagged "
                 "claims and citations verify finds wrong, as one list to work through", "app.review_queue")
OPEN_ITEM = Command("open-item", "enter", "Open", "Open the highlighted fact or claim", "open_item", key_display="⏎")
COPY_CITATION = Command("copy-citation", "y", "Copy citation", "Copy the claim's citation (source and locator) to "
                        "the clipboard", "copy_citation", show=False)
COPY_QUOTE = Command("copy-quote", "Y", "Copy quote", "Copy the claim's quote to the clipboard", "copy_quote", show=False)
EDIT_CLAIM = Command("edit-claim", "e", "Edit", "Open the claim's file in $EDITOR at its line (in the review queue, "
                     "a disputed fact's resolution); the ledger is read again when you come back", "edit_claim", show=False)
CONVENIENCES = (COPY_CITATION, COPY_QUOTE, EDIT_CLAIM)
REVIEW_COMMANDS = (BACK, OPEN_ITEM, RESOLVE, FLAG, UNFLAG, *CONVENIENCES)
SUGGESTIONS = Command("suggestions", "G", "Suggestions", "The queue of the source's suggested claims: accept one into "
                      "the claim form, mark it not a claim, or go on to the next", "suggestions")
ACCEPT_SUGGESTION = Command("accept-suggestion", "enter,c", "Accept", "Record the highlighted suggestion: the claim "
                            "form, prefilled", "accept", key_display="⏎/c")
SKIP_SUGGESTION = Command("skip-suggestion", "g", "Next", "Leave the suggestion for now and go to the next", "skip")
DISMISS_SUGGESTION = Command("dismiss-suggestion", "d", "Not a claim", "Mark the suggestion not a claim: it is not "
                             "offered again", "dismiss_suggestion")
SUGGESTION_COMMANDS = (BACK, ACCEPT_SUGGESTION, SKIP_SUGGESTION, DISMISS_SUGGESTION)
EXTEND_DOWN = Command("select-line-down", "shift+down", "Select", "Extend the selection by a row down (a line, or a "
                      "row of a wrapped one; the first press selects the cursor's row); c records a claim from it; "
                      "the mouse selects by dragging",
                      "select_lines(1)", key_display="⇧↓")
EXTEND_UP = Command("select-line-up", "shift+up", "Select up", "Extend the selection by a row up", "select_lines(-1)",
                    show=False, key_display="⇧↑")
EXTEND_SENTENCE = Command("select-sentence", "s", "Sentence", "Extend the selection by a sentence (the first press "
                          "selects the sentence the cursor's row begins in)", "select_sentence(1)")
EXTEND_SENTENCE_BACK = Command("select-sentence-back", "S", "Sentence back", "Extend the selection by a sentence "
                               "backwards", "select_sentence(-1)", show=False)
NEXT_LINE = Command("next-line", "ctrl+down", "Next line", "Move the cursor to the next line of the text; ↑ ↓ move by "
                    "the row on screen (a line wider than the screen is wrapped, its number on its first row, and "
                    "walked row by row), PgUp/PgDn by a screen", "line(1)", show=False, key_display="ctrl+↓")
PREVIOUS_LINE = Command("previous-line", "ctrl+up", "Previous line", "Move the cursor to the start of its line, or "
                        "of the line before", "line(-1)", show=False, key_display="ctrl+↑")
CLEAR_SELECTION = Command("clear-selection", "escape", "Back", "Clear the selection; with nothing selected, go back "
                          "to the previous screen", "clear_selection")

OVERVIEW_COMMANDS = (*OVERVIEW_COMMANDS, REVIEW)
FACT_COMMANDS = (*FACT_COMMANDS, *CONVENIENCES)
CLAIM_COMMANDS = (*CLAIM_COMMANDS, *CONVENIENCES)
SOURCE_COMMANDS = (*SOURCE_COMMANDS, SUGGESTIONS, *CONVENIENCES)
TEXT_COMMANDS = (CLEAR_SELECTION, *(command for command in TEXT_COMMANDS if command is not BACK), EXTEND_DOWN, EXTEND_UP,
                 EXTEND_SENTENCE, EXTEND_SENTENCE_BACK, SUGGESTIONS, NEXT_LINE, PREVIOUS_LINE)



def command_ids() -> set[str]:
    """The id of every command: what a keymap in the settings file may give keys to."""
    return {value.id for value in globals().values() if isinstance(value, Command)} | {k.id for k in STATUS_KEYS}


def command_list(screen: object) -> tuple[Command, ...]:
    """The commands that apply on ``screen`` (its own first), then the app's."""
    return tuple(getattr(screen, "COMMAND_LIST", ())) + APP_COMMANDS
