"""What changed since the operator's last session, shown on re-open until dismissed."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from wizard.core.safety.terminal import one_line


class ChangesBanner(VerticalScroll):
    """Scrolls when long, so a busy week cannot push the questions off an 80x24 screen."""

    lines: reactive[tuple[str, ...]] = reactive((), always_update=True)

    def compose(self) -> ComposeResult:
        yield Static(id="changes-text")

    def on_mount(self) -> None:
        self.border_title = "Since your last session"
        self.border_subtitle = "Esc hides this"
        self.watch_lines(self.lines)

    def watch_lines(self, lines: tuple[str, ...]) -> None:
        self.display = bool(lines)
        if self.is_mounted and self.children:
            text = Content("\n").join(Content(f"• {one_line(line)}") for line in lines)
            self.query_one("#changes-text", Static).update(text)
