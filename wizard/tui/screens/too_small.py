"""Shown instead of everything while the terminal is below the minimum size.

The app pushes it when the window shrinks below ``MIN_COLUMNS`` x ``MIN_LINES`` and pops it when
the window grows again, so the screens underneath are never asked to draw into a few cells.
Only Textual is imported: the loading screen may be under it.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from wizard.tui.sizes import MIN_COLUMNS, MIN_LINES, too_small


def too_small_text(columns: int, lines: int) -> str:
    return (
        f"The terminal is {columns}x{lines}; the review needs at least "
        f"{MIN_COLUMNS}x{MIN_LINES}. Enlarge the window to go on (nothing is lost; "
        "ctrl+q quits)."
    )


class TooSmallScreen(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Static(too_small_text(*self.app.size), id="too-small")

    def on_resize(self) -> None:
        self.query_one("#too-small", Static).update(too_small_text(*self.app.size))

    def on_screen_resume(self) -> None:
        # Uncovered by another screen that was pushed while the window was small: if the window
        # has grown meanwhile, this one is no longer needed either.
        if not too_small(*self.app.size):
            self.dismiss()
