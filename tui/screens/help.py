"""The keys of the screen underneath, grouped by where they act, and where the config file is."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

if TYPE_CHECKING:
    from tui.app import VnNewsApp


def group_name(node: DOMNode) -> str:
    return str(getattr(node, "HELP_GROUP", type(node).__name__))


class HelpScreen(ModalScreen[None]):
    """A dialog over ``target``: every active binding, with its keys after any remapping."""

    HELP_GROUP = "Help"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,question_mark,q", "close", "Close", id="help.close", tooltip="Close this help"
        ),
    ]

    def __init__(self, target: Screen[object]) -> None:
        super().__init__()
        self.target = target

    @property
    def vn(self) -> VnNewsApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            with VerticalScroll():
                yield Static(self.key_table(), markup=False)
            yield Static(
                Text(self.vn.texts.config_file.format(path=self.vn.config.path)), id="config-path"
            )

    def on_mount(self) -> None:
        self.query_one("#help").border_title = Text(self.vn.texts.help_title)

    def key_table(self) -> Table:
        """Keys, what they do, and the id to remap them by in the config."""
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column(ratio=1)
        table.add_column(style="dim", no_wrap=True)
        for group, rows in self.grouped(self.target.active_bindings.values()).items():
            table.add_row(Text(group, style="bold underline"))
            for keys, binding in rows:
                table.add_row(
                    Text(" / ".join(keys)),
                    Text(binding.tooltip or binding.description),
                    Text(binding.id or ""),
                )
            table.add_row()
        return table

    def grouped(
        self, bindings: Iterable[ActiveBinding]
    ) -> dict[str, list[tuple[list[str], Binding]]]:
        """Bindings by group; the keys of one binding (escape / backspace) on one row."""
        groups: dict[str, dict[object, tuple[list[str], Binding]]] = {}
        for active in sorted(bindings, key=lambda active: self.order(active.node)):
            binding = active.binding
            if not binding.description:
                continue
            rows = groups.setdefault(group_name(active.node), {})
            same = binding.id or (binding.action, binding.description)
            keys, _ = rows.setdefault(same, ([], binding))
            display = self.app.get_key_display(binding)
            if display not in keys:
                keys.append(display)
        return {group: list(rows.values()) for group, rows in groups.items()}

    def order(self, node: DOMNode) -> int:
        """This screen's own keys first, then the focused widget's, the app's last."""
        return 0 if node is self.target else 2 if node is self.app else 1

    def action_close(self) -> None:
        self.dismiss()
