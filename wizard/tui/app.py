"""The Textual app and its factory, shared by the ``tui`` command, the tests and the benchmark."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from textual import events
from textual.app import App, CSSPathType, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input

from wizard.tui.screens.keys import WIDGET_KEYS, KeysScreen, binding_lines
from wizard.tui.screens.review import ReviewScreen
from wizard.tui.screens.setup import SetupChoice, SetupScreen
from wizard.tui.session import ReviewSession

STYLES = Path(__file__).parent / "styles"


class ReadinessApp(App[int]):
    CSS_PATH: ClassVar[CSSPathType | None] = [
        STYLES / name for name in ("app.tcss", "review.tcss", "screens.tcss")
    ]
    TITLE = "truthound-readiness"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "keys", "Keys", tooltip="Show every key"),
        Binding("ctrl+q", "quit", "Quit", priority=True, tooltip="Quit (answers are saved)"),
    ]

    def __init__(
        self,
        review_path: Path,
        *,
        session: ReviewSession | None,
        operator: str,
        today: date,
        python: str | None = None,
        project: Path | None = None,
        overrides: Mapping[str, str] | None = None,
        run_probes_on_start: bool = True,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__()
        self.review_path = review_path
        self.session = session
        self.operator = operator
        self.today = today
        self.python = python
        self.project = project
        self.overrides = dict(overrides or {})
        self.run_probes_on_start = run_probes_on_start
        self.cursor_blink = cursor_blink

    def get_default_screen(self) -> Screen[Any]:
        # An existing review is the first screen itself: no blank screen is drawn before it.
        if self.session is not None:
            return ReviewScreen(self.session, run_probes_on_start=self.run_probes_on_start)
        return super().get_default_screen()

    def on_mount(self) -> None:
        if self.session is not None:
            return
        # Pushed over the blank default screen, so it can be swapped for the review later.
        self.push_screen(
            SetupScreen(
                self.review_path,
                self.create_session,
                python=self.python,
                project=str(self.project) if self.project else None,
            )
        )

    def create_session(self, choice: SetupChoice) -> ReviewSession:
        session = ReviewSession.create(
            self.review_path,
            title=choice.title,
            host=choice.host,
            engine=choice.engine,
            target_python=choice.python,
            target_project=choice.project,
            operator=self.operator,
            today=self.today,
            overrides=self.overrides,
        )
        session.python, session.project = self.python, self.project
        return session

    def on_setup_screen_created(self, message: SetupScreen.Created) -> None:
        self.session = message.session
        self.switch_screen(
            ReviewScreen(message.session, run_probes_on_start=self.run_probes_on_start)
        )

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if not self.cursor_blink and isinstance(event.widget, Input):
            event.widget.cursor_blink = False

    def action_keys(self) -> None:
        sections = [
            ("Review", binding_lines(ReviewScreen.BINDINGS)),
            ("Everywhere", binding_lines(ReadinessApp.BINDINGS) + list(WIDGET_KEYS)),
        ]
        from wizard.tui.screens.item_detail import ItemDetailScreen
        from wizard.tui.screens.waiver import WaiverScreen

        sections += [
            ("Item view", binding_lines(ItemDetailScreen.BINDINGS)),
            ("Waiver", binding_lines(WaiverScreen.BINDINGS)),
            ("New review", binding_lines(SetupScreen.BINDINGS)),
        ]
        self.push_screen(KeysScreen(sections))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        commands = getattr(screen, "palette_commands", None)
        if commands is not None:
            for title, help_text, callback in commands():
                yield SystemCommand(title, help_text, callback)
        yield SystemCommand("Keys", "Every key of every screen", self.action_keys)
        yield from super().get_system_commands(screen)


def _default_operator() -> str:
    from wizard.cli.common import operator_name

    return operator_name(None)


def make_app(
    review_path: Path,
    *,
    python: str | None = None,
    project: Path | None = None,
    operator: str | None = None,
    overrides: Mapping[str, str] | None = None,
    run_probes_on_start: bool = True,
    today: date | None = None,
    cursor_blink: bool = True,
) -> ReadinessApp:
    """Open ``review_path`` (or prepare the setup of a new file) and build the app.

    A broken file or an invalid ``overrides`` answer raises before any screen exists, so the
    command line can print one clear error instead of a half-drawn terminal.
    """
    who = operator or _default_operator()
    day = today or date.today()
    session = None
    if review_path.exists():
        session = ReviewSession.open(
            review_path,
            operator=who,
            today=day,
            python=python,
            project=project,
            overrides=overrides,
        )
    return ReadinessApp(
        review_path,
        session=session,
        operator=who,
        today=day,
        python=python,
        project=project,
        overrides=overrides,
        run_probes_on_start=run_probes_on_start,
        cursor_blink=cursor_blink,
    )
