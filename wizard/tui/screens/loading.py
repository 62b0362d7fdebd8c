"""The first frame: the review's layout with placeholders, drawn before the core is imported.

Only Textual is imported here. The app shows this screen at once, takes keys (ctrl+q quits,
F1 lists the keys) while a worker loads the review; the real screen is then pushed over this
one. See the ``## TUI`` section of docs/performance.md for why.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Static

from wizard.tui.widgets.steady_footer import SteadyFooter

LOADING_STATUS = "Loading the review and the knowledge base… (ctrl+q quits)"

# Keys that answer or move within a question. Typed before the review is on screen they are
# kept and replayed to it; control and function keys keep their meaning here (quit, keys).
TYPED_AHEAD_KEYS = frozenset(
    {"enter", "tab", "shift+tab", "up", "down", "left", "right", "space", "backspace"}
)


class LoadingScreen(Screen[None]):
    """Placeholders in the places the real panes take, each saying what is on its way."""

    def __init__(self, review_path: Path, on_uncovered: Callable[[], object]) -> None:
        super().__init__()
        self.review_path = review_path
        # Called when a modal (keys, palette) opened during loading closes again, so a review
        # that finished loading meanwhile is shown then.
        self.uncovered_callback = on_uncovered
        self.typed_ahead: list[events.Key] = []

    def compose(self) -> ComposeResult:
        name = self.review_path.name
        # A plain line in the header's colours: Textual's Header (icon, title, clock space and
        # their watchers) alone costs about a quarter of this screen's start-up.
        yield Static(f"{self.app.title} — {name}", id="loading-header")
        with Horizontal(id="loading-panes"):
            if self.review_path.exists():
                yield _pane("Steps", "Loading the steps…", "loading-steps")
                yield _pane(
                    "Question", f"Opening {name}: reading and checking it…", "loading-question"
                )
                yield _pane("Checklist", "Evaluating the checklist items…", "loading-checklist")
            else:
                yield _pane(
                    "New review",
                    f"{name} does not exist yet: preparing the setup form…",
                    "loading-question",
                )
        yield Static(LOADING_STATUS, id="loading-status")
        yield SteadyFooter()

    def on_key(self, event: events.Key) -> None:
        if event.is_printable or event.key in TYPED_AHEAD_KEYS:
            self.typed_ahead.append(events.Key(event.key, event.character))

    def take_typed_ahead(self) -> list[events.Key]:
        """The keys typed while loading, in order, handed over once."""
        keys, self.typed_ahead = self.typed_ahead, []
        return keys

    def on_screen_resume(self) -> None:
        self.uncovered_callback()


def _pane(title: str, text: str, widget_id: str) -> Static:
    pane = Static(text, id=widget_id, classes="placeholder")
    pane.border_title = title
    return pane
