"""Every key, per screen, read from the screens' own bindings so the list cannot go stale."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

# Keys that belong to widgets rather than screens; they are the same everywhere.
WIDGET_KEYS: tuple[tuple[str, str], ...] = (
    ("enter", "save the answer (in any field of the question), open the highlighted item"),
    ("↑ ↓", "move between choices, steps or items"),
    ("space", "toggle a choice in a multi-choice question"),
    ("tab / shift+tab", "move between steps, answer, note, evidence and checklist"),
    ("ctrl+p", "command palette: every action, steps and items by name"),
)


def _key_label(key: str) -> str:
    return key.replace("ctrl+", "^").replace(",", " / ")


def binding_lines(bindings: list[BindingType]) -> list[tuple[str, str]]:
    lines = []
    for binding in bindings:
        if isinstance(binding, Binding):
            lines.append((_key_label(binding.key), binding.tooltip or binding.description))
    return lines


def keys_content(sections: list[tuple[str, list[tuple[str, str]]]]) -> Content:
    parts: list[Content] = []
    for title, lines in sections:
        parts.append(Content.styled(title, "bold $text-accent"))
        parts += [
            Content.assemble(Content.styled(f"  {key:<16}", "bold"), what) for key, what in lines
        ]
        parts.append(Content(""))
    return Content("\n").join(parts)


class KeysScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f1,q", "close", "Close")]

    def __init__(self, sections: list[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="keys-body"):
            yield Static(keys_content(self.sections))

    def on_mount(self) -> None:
        body = self.query_one("#keys-body")
        body.border_title = "Keys"
        body.border_subtitle = "Esc closes"
        body.focus()

    def action_close(self) -> None:
        self.dismiss(None)
