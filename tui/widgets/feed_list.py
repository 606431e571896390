"""The left pane: "All", "Starred", "Unread", then the sources by publication, with counts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.widgets.option_list import Option

from tui.widgets.nav_list import NavList


@dataclass(frozen=True, slots=True)
class FeedRow:
    """One line of the feed list, as the screen describes it."""

    key: str
    """The option id: "all", "starred", "unread", or the source URL; a heading's starts "group:"."""
    label: str
    count: int = 0
    """The number on the right: unread articles (starred ones in "Starred")."""
    mark: str = ""
    """The status mark: "…" loading, "⟳ 2 h" stale, "✗" failed."""
    mark_style: str = ""
    heading: bool = False
    indent: bool = False

    def render(self) -> RenderableType:
        if self.heading:
            return Text(self.label, style="bold")
        grid = Table.grid(expand=True, padding=(0, 1), pad_edge=False)
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        grid.add_column(justify="right", no_wrap=True)
        side = Text()
        if self.mark:
            side.append(self.mark, style=self.mark_style)
        if self.count:
            side.append(f" {self.count}" if self.mark else str(self.count), style="bold")
        grid.add_row(Text(("  " if self.indent else "") + self.label), side)
        return grid


class FeedList(NavList):
    """Shows :class:`FeedRow` s; updating rows in place keeps the highlight where it is."""

    HELP_GROUP = "Feeds pane"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[FeedRow] = []

    @property
    def current_key(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None else None

    def show(self, rows: Sequence[FeedRow]) -> None:
        """Show ``rows``; when the same feeds are listed, only the rows that changed are redrawn."""
        keys = [row.key for row in rows]
        shown, self._rows = self._rows, list(rows)
        if keys == [row.key for row in shown]:
            for index, (row, old) in enumerate(zip(rows, shown, strict=True)):
                if row != old:
                    self.replace_option_prompt_at_index(index, row.render())
            return
        keep = self.current_key
        self.set_options(Option(row.render(), id=row.key, disabled=row.heading) for row in rows)
        self.highlight_key(keep if keep in keys else keys[0] if keys else None)

    def highlight_key(self, key: str | None) -> None:
        """Highlight the row ``key`` (or nothing)."""
        self.highlighted = self.get_option_index(key) if key is not None else None
