"""Waiving an item: a reason, an owner and an expiry date, all required, checked by the core."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from wizard.core.errors import BadInputError
from wizard.core.safety.terminal import one_line

DEFAULT_TERM = timedelta(days=30)
WaiverSubmit = Callable[[str, str, date], None]


class WaiverScreen(ModalScreen[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, item_title: str, owner: str, today: date, submit: WaiverSubmit) -> None:
        super().__init__()
        self.item_title = item_title
        self.owner = owner
        self.today = today
        self.submit = submit

    def compose(self) -> ComposeResult:
        with Vertical(id="waiver-form"):
            yield Static(Content.styled(one_line(f"Waive: {self.item_title}"), "bold"))
            yield Static(
                "Accept this item as it is, until a date. Enter saves, Esc cancels.",
                classes="muted",
            )
            yield Input(
                placeholder="why it is acceptable for now", id="waiver-reason", classes="field"
            )
            yield Input(
                self.owner, placeholder="who answers for it", id="waiver-owner", classes="field"
            )
            expires = (self.today + DEFAULT_TERM).isoformat()
            yield Input(expires, placeholder="YYYY-MM-DD", id="waiver-expires", classes="field")
            yield Static(id="waiver-error")

    def on_mount(self) -> None:
        self.query_one("#waiver-form").border_title = "Waiver"
        for widget_id, title in (
            ("#waiver-reason", "Reason"),
            ("#waiver-owner", "Owner"),
            ("#waiver-expires", "Expires"),
        ):
            self.query_one(widget_id).border_title = title
        self.query_one("#waiver-reason", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        reason = self.query_one("#waiver-reason", Input).value
        owner = self.query_one("#waiver-owner", Input).value
        expires_text = self.query_one("#waiver-expires", Input).value.strip()
        error = self.query_one("#waiver-error", Static)
        try:
            expires = date.fromisoformat(expires_text)
        except ValueError:
            error.update(
                Content.styled(
                    f"Expires: {expires_text!r} is not a date; write it as YYYY-MM-DD.",
                    "$text-error",
                )
            )
            return
        try:
            self.submit(reason, owner, expires)
        except BadInputError as problem:
            error.update(Content.styled(problem.message, "$text-error"))
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
