"""A yes/no question over the screen that asks it: y or Enter says yes, n or Escape says no."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tui.screens.labels import UiText


class ConfirmScreen(ModalScreen[bool]):
    """Dismissed with True (yes) or False (no)."""

    HELP_GROUP = "Question"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes", tooltip="Yes, do it"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no", tooltip="No, leave it"),
    ]

    def __init__(self, question: str, texts: UiText) -> None:
        super().__init__()
        self.question = question
        self.texts = texts

    def compose(self) -> ComposeResult:
        texts = self.texts
        with Vertical(id="confirm", classes="dialog"):
            # Feed names come from the network: plain text, never markup.
            yield Static(Text(self.question), id="question")
            with Horizontal(id="answers"):
                yield Button(texts.yes, variant="primary", compact=True, id="yes")
                yield Button(texts.no, compact=True, id="no")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
