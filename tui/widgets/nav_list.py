"""The reader's keys of every list (j/k, g/G, space), and NavList: an OptionList with them."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import OptionList

HORIZONTAL_SCROLLING = frozenset({"scroll_left", "scroll_right", "page_left", "page_right"})
"""Actions that only matter when rows are wider than the widget (they never are here)."""

READER_KEYS: list[BindingType] = [
    Binding("j", "cursor_down", "Down", show=False, id="list.down", tooltip="Next row"),
    Binding("k", "cursor_up", "Up", show=False, id="list.up", tooltip="Previous row"),
    Binding("g", "first", "Top", show=False, id="list.top", tooltip="First row"),
    Binding("G", "last", "Bottom", show=False, id="list.bottom", tooltip="Last row"),
    Binding("space", "page_down", "Page down", show=False, id="list.page", tooltip="Next page"),
]
"""The keys of every list, by id so that a keymap in the config can change them."""


class NavList(OptionList):
    """The base of the short lists in vnnews: one Rich row per option, never one widget per row."""

    BINDINGS: ClassVar[list[BindingType]] = READER_KEYS

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Let left/right through to the screen (to switch panes) unless rows are too wide."""
        if action in HORIZONTAL_SCROLLING:
            return self.allow_horizontal_scroll
        return True
