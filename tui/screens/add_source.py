"""The "+" dialog: any URL; a feed is followed, a web page offers the feeds it announces."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker

from tui.errors import VnNewsError
from tui.follow import Found, probe, typed_url
from tui.models import Source
from tui.sanitize import clean_line
from tui.widgets.nav_list import NavList

if TYPE_CHECKING:
    from tui.app import VnNewsApp


class AddSourceScreen(ModalScreen[Source | None]):
    """Dismissed with the source to follow, or None."""

    HELP_GROUP = "Add a feed"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="add.cancel", tooltip="Close without adding"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.choices: list[str | Source] = []
        """Per option of the list: a feed's URL to check, or the page itself to follow."""

    @property
    def vn(self) -> VnNewsApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Vertical(id="add-source", classes="dialog"):
            yield Static(Text(self.vn.texts.add_prompt))
            yield Input(placeholder="https://…", id="url")
            yield Static(id="add-status", markup=False)
            yield NavList(id="found")

    def on_mount(self) -> None:
        self.query_one("#add-source").border_title = Text(self.vn.texts.add_title)
        self.query_one("#found").display = False
        self.query_one(Input).focus()

    @on(Input.Submitted, "#url")
    def url_submitted(self, event: Input.Submitted) -> None:
        url = typed_url(event.value)
        if url is None:
            message = self.vn.texts.not_a_url.format(text=clean_line(event.value))
            self.notify(message, severity="error", markup=False)
        else:
            self.check(url)

    @on(OptionList.OptionSelected, "#found")
    def found_selected(self, event: OptionList.OptionSelected) -> None:
        choice = self.choices[event.option_index]
        if isinstance(choice, Source):
            self.dismiss(choice)
        else:
            self.check(choice)  # a feed the page announces: is it one, and what is its name?

    @work(group="probe", exclusive=True, exit_on_error=False)
    async def check(self, url: str) -> None:
        texts = self.vn.texts
        status = self.query_one("#add-status", Static)
        status.update(Text(texts.checking.format(url=url)))
        try:
            found = await probe(self.vn.service.client, url)
        except VnNewsError as error:
            status.update("")
            message = texts.cannot_follow.format(error=clean_line(str(error)))
            self.notify(message, severity="error", markup=False)
            return
        if found.source is not None and (found.source.kind == "feed" or not found.feeds):
            if found.source.kind == "page":
                self.notify(texts.following_page, markup=False)
            self.dismiss(found.source)
        else:
            self.offer(url, found)

    def offer(self, url: str, found: Found) -> None:
        """List the feeds a page announces, and the page itself if it links to articles."""
        texts = self.vn.texts
        name = found.source.title if found.source is not None and found.source.title else url
        self.query_one("#add-status", Static).update(
            Text(texts.pick_found.format(name=name, count=len(found.feeds)))
        )
        self.choices = [link.url for link in found.feeds]
        options = [
            Option(Text.assemble((link.title, "bold"), "\n", link.url)) for link in found.feeds
        ]
        if found.source is not None:
            self.choices.append(found.source)
            options.append(Option(Text(texts.follow_page, style="italic")))
        choices = self.query_one("#found", NavList)
        choices.set_options(options)
        choices.display = True
        choices.highlighted = 0
        choices.focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.vn.report_worker(event.worker)
