"""The keys of the screen on one line at its foot: each shown binding's key and label.

Textual's ``Footer`` makes a widget per key and makes them all again whenever the focus
moves or a screen comes back; opening a fact paid about 40 ms for it, and going back as
much. This bar is one widget that draws one line: a change of bindings only redraws it.
A click on a key presses it, and the pointer over a key shows what it does.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import RenderResult
from textual.reactive import reactive
from textual.widget import Widget


@dataclass(frozen=True)
class KeyLabel:
    """One key as the bar shows it: what to press, what it is called, whether it works now."""

    key: str
    display: str
    label: str
    help: str
    enabled: bool = True


class KeyBar(Widget):
    """The bindings of the screen, one line, the command palette's key at the right."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--label", "key-bar--rule"}
    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; background: $footer-background; color: $footer-foreground; }
    KeyBar > .key-bar--key { color: $footer-key-foreground; background: $footer-key-background; text-style: bold; }
    KeyBar > .key-bar--label { color: $footer-description-foreground; background: $footer-description-background; }
    KeyBar > .key-bar--rule { color: $foreground 20%; }
    """

    compact = reactive(False)
    """Less space around each key (for narrow terminals)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.keys: tuple[KeyLabel, ...] = ()
        self.palette: KeyLabel | None = None
        self._spans: list[tuple[int, int, KeyLabel]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen) -> None:
        keys, palette = shown_keys(screen)
        if (keys, palette) != (self.keys, self.palette):
            self.keys, self.palette = keys, palette
            self.refresh()

    def render(self) -> RenderResult:
        key_style = self.get_component_rich_style("key-bar--key")
        label_style = self.get_component_rich_style("key-bar--label")
        line, spans = Text(no_wrap=True, overflow="crop"), []
        for key in self.keys:
            start = line.cell_len
            line.append_text(_key_text(key, self.compact, key_style, label_style))
            spans.append((start, line.cell_len, key))
            line.append(" " if self.compact else "")
        if self.palette is not None:
            tail = Text("▏", self.get_component_rich_style("key-bar--rule"))
            tail.append_text(_key_text(self.palette, False, key_style, label_style))
            start = max(line.cell_len + 1, self.size.width - tail.cell_len)
            line.append(" " * (start - line.cell_len))
            line.append_text(tail)
            spans.append((start, line.cell_len, self.palette))
        self._spans = spans
        return line

    def key_at(self, x: int) -> KeyLabel | None:
        """The key drawn at column ``x``, if any."""
        return next((key for start, end, key in self._spans if start <= x < end), None)

    def on_click(self, event: events.Click) -> None:
        key = self.key_at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        key = self.key_at(event.x)
        self.tooltip = key.help if key is not None else None


def shown_keys(screen) -> tuple[tuple[KeyLabel, ...], KeyLabel | None]:
    """The keys a screen shows (one per action, in binding order) and the palette's key."""
    app, keys, actions = screen.app, [], set()
    palette = None
    for pressed, (_, binding, enabled, tooltip) in screen.active_bindings.items():
        label = KeyLabel(pressed, app.get_key_display(binding), binding.description,
                         tooltip or binding.tooltip or binding.description, enabled)
        if pressed == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
            palette = label
        elif binding.show and binding.action not in actions:
            actions.add(binding.action)
            keys.append(label)
    return tuple(keys), palette


def _key_text(key: KeyLabel, compact: bool, key_style: Style, label_style: Style) -> Text:
    """A key as Textual's footer draws it: " key label " (compact: "key label")."""
    if compact:
        text = Text.assemble((key.display, key_style), (f" {key.label}", label_style))
    else:
        text = Text.assemble((f" {key.display} ", key_style), (f"{key.label} ", label_style))
    if not key.enabled:
        text.stylize(Style(dim=True))
    return text
