"""The Textual app and its factory, shared by the ``tui`` command, the tests and the benchmark.

Start-up comes in two parts (docs/performance.md, ``## TUI``). The first frame is the loading
screen, built from Textual alone, and it already takes keys. Once it is painted, a worker thread
imports the headless core and opens the review; the real screen then replaces the placeholders.
So this module (and what it imports at the top) must never load pydantic or ``wizard.core``;
tests/tui/test_startup.py checks that in a fresh interpreter.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from textual import events, work
from textual.app import App, CSSPathType, SystemCommand
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen

from wizard.tui.key_pacing import KeyPacer
from wizard.tui.screens.keys import WIDGET_KEYS, KeysScreen, binding_lines
from wizard.tui.screens.loading import LoadingScreen
from wizard.tui.screens.too_small import TooSmallScreen
from wizard.tui.sizes import too_small

if TYPE_CHECKING:
    from wizard.app.session import ReviewSession
    from wizard.core.errors import ReadinessError
    from wizard.tui.opening import OpenedReview
    from wizard.tui.screens.setup import SetupChoice, SetupScreen

STYLES = Path(__file__).parent / "styles"
LoadPhase = Literal["loading", "ready", "failed"]


class ReviewOpened(Message):
    """Posted by the loading worker: the review is open (or the file is new)."""

    def __init__(self, opened: OpenedReview) -> None:
        super().__init__()
        self.opened = opened


class OpenFailed(Message):
    """Posted by the loading worker: the file or a command-line answer was refused."""

    def __init__(self, error: ReadinessError) -> None:
        super().__init__()
        self.error = error


class ReadinessApp(App[int]):
    CSS_PATH: ClassVar[CSSPathType | None] = [
        STYLES / name for name in ("app.tcss", "review.tcss", "screens.tcss", "evidence.tcss")
    ]
    TITLE = "truthound-readiness"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "keys", "Keys", tooltip="Show every key"),
        Binding("ctrl+q", "quit", "Quit", priority=True, tooltip="Quit (answers are saved)"),
        # Every answer is saved the moment it is given, so an interrupt loses nothing; it ends
        # with 130 like every other command (it is not the copy key here, even in a text field).
        Binding(
            "ctrl+c", "interrupt", "Stop", show=False, priority=True, tooltip="Exit with code 130"
        ),
    ]

    def __init__(
        self,
        review_path: Path,
        *,
        operator: str | None,
        today: date,
        python: str | None = None,
        project: Path | None = None,
        overrides: Mapping[str, str] | None = None,
        run_probes_on_start: bool = True,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__()
        self.review_path = review_path
        # As given; None (or blank) is resolved by the loading worker (it may ask git).
        self.operator = operator
        self.today = today
        self.python = python
        self.project = project
        self.overrides = dict(overrides or {})
        self.run_probes_on_start = run_probes_on_start
        self.cursor_blink = cursor_blink
        self.session: ReviewSession | None = None
        self.phase: LoadPhase = "loading"
        # Why the review could not be opened; the app has exited with its exit code then.
        self.load_error: ReadinessError | None = None
        self._opened: OpenedReview | None = None
        self._keys = KeyPacer(self)

    # ------------------------------------------------------------------ start-up

    def get_default_screen(self) -> Screen[Any]:
        return LoadingScreen(self.review_path, self._show_opened)

    def on_mount(self) -> None:
        # After the first frame is painted, so the worker's imports never hold it back.
        self.call_after_refresh(self._start_opening)

    def _start_opening(self) -> None:
        self._open_review()

    @work(thread=True, group="open", name="open review")
    def _open_review(self) -> None:
        from wizard.core.errors import ReadinessError
        from wizard.tui.opening import open_for_app

        try:
            opened = open_for_app(
                self.review_path,
                operator=self.operator,
                today=self.today,
                python=self.python,
                project=self.project,
                overrides=self.overrides,
            )
        except ReadinessError as error:
            self.post_message(OpenFailed(error))
        else:
            self.post_message(ReviewOpened(opened))

    def on_review_opened(self, message: ReviewOpened) -> None:
        self.operator = message.opened.operator
        self.session = message.opened.session
        self._opened = message.opened
        self._show_opened()

    def on_open_failed(self, message: OpenFailed) -> None:
        self.phase = "failed"
        self.load_error = message.error
        self.exit(return_code=message.error.exit_code)

    def _show_opened(self) -> None:
        """Swap the loading screen for the review (or the setup form) once nothing covers it."""
        if self._opened is None or not isinstance(self.screen, LoadingScreen):
            return  # still loading, or a modal is open: its closing brings us back here
        opened, self._opened = self._opened, None
        self.run_worker(self._cover_loading_screen(self._first_screen(opened)), group="open")

    async def _cover_loading_screen(self, screen: Screen[Any]) -> None:
        # Pushed over the loading screen (the default screen cannot be switched away); the
        # setup form is later switched for the review, so nothing ever goes back to it.
        loading = self.screen
        await self.push_screen(screen)
        self.phase = "ready"
        # The new screen has set its focus while mounting, so the keys typed during loading
        # reach the question (or the form's first field) as if typed now.
        if isinstance(loading, LoadingScreen):
            self._keys.extend(loading.take_typed_ahead())

    async def on_event(self, event: events.Event) -> None:
        # Keys read in a burst are paced (key_pacing.py): an Enter that saves an answer moves
        # to the next question before the next key is forwarded.
        if isinstance(event, events.Key) and not event.is_forwarded and self._keys.hold(event):
            return
        await super().on_event(event)

    def _first_screen(self, opened: OpenedReview) -> Screen[Any]:
        from wizard.tui.screens.review import ReviewScreen
        from wizard.tui.screens.setup import SetupScreen

        if opened.session is not None:
            return ReviewScreen(opened.session, run_probes_on_start=self.run_probes_on_start)
        return SetupScreen(
            self.review_path,
            self.create_session,
            python=self.python,
            project=str(self.project) if self.project else None,
        )

    # ------------------------------------------------------------------ a new review

    def create_session(self, choice: SetupChoice) -> ReviewSession:
        from wizard.app.session import ReviewSession

        if self.operator is None:
            raise RuntimeError("the setup form is shown only after the operator is known")
        session = ReviewSession.create(
            self.review_path,
            title=choice.title,
            host=choice.host,
            engine=choice.engine,
            target_python=choice.python,
            target_project=choice.project,
            load_project=choice.load_project,
            operator=self.operator,
            today=self.today,
            overrides=self.overrides,
        )
        session.python, session.project = self.python, self.project
        return session

    def on_setup_screen_created(self, message: SetupScreen.Created) -> None:
        from wizard.tui.screens.review import ReviewScreen

        self.session = message.session
        self.switch_screen(
            ReviewScreen(message.session, run_probes_on_start=self.run_probes_on_start)
        )

    # ------------------------------------------------------------------ everywhere

    def action_interrupt(self) -> None:
        from wizard.core.errors import EXIT_INTERRUPTED

        self.exit(return_code=EXIT_INTERRUPTED)

    def on_resize(self, event: events.Resize) -> None:
        # Runs before the screens are resized (the app forwards the size to them a moment
        # later), so a window below the minimum shows the notice instead of squeezed panes.
        small = too_small(event.size.width, event.size.height)
        if small and not isinstance(self.screen, TooSmallScreen):
            self.push_screen(TooSmallScreen())
        elif not small and isinstance(self.screen, TooSmallScreen):
            self.pop_screen()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        from textual.widgets import Input

        if not self.cursor_blink and isinstance(event.widget, Input):
            event.widget.cursor_blink = False

    def action_keys(self) -> None:
        # Pressed while the review is loading, this waits for the same imports the worker does.
        from wizard.tui.screens.item_detail import ItemDetailScreen
        from wizard.tui.screens.review import ReviewScreen
        from wizard.tui.screens.setup import SetupScreen
        from wizard.tui.screens.signoff import SignOffScreen
        from wizard.tui.screens.waiver import WaiverScreen

        sections = [
            ("Review", binding_lines(ReviewScreen.BINDINGS)),
            ("Everywhere", binding_lines(ReadinessApp.BINDINGS) + list(WIDGET_KEYS)),
            ("Item view", binding_lines(ItemDetailScreen.BINDINGS)),
            ("Waiver", binding_lines(WaiverScreen.BINDINGS)),
            ("Sign-off", binding_lines(SignOffScreen.BINDINGS)),
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
    """The app for ``review_path``; nothing is read until it runs.

    Running, it opens the file in a worker after its first frame (a missing file leads to the
    setup form). A broken file or an invalid ``overrides`` answer ends the app at once with the
    error's exit code, keeps the error in ``app.load_error`` for the command line to print as
    one paragraph, and writes nothing.
    """
    return ReadinessApp(
        review_path,
        operator=operator,
        today=today or date.today(),
        python=python,
        project=project,
        overrides=overrides,
        run_probes_on_start=run_probes_on_start,
        cursor_blink=cursor_blink,
    )
