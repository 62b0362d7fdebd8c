"""The main screen: steps on the left, the current question in the middle, the checklist right.

This screen is the only place that records, saves and re-evaluates: widgets post messages up,
the screen calls the session (and so the core) and pushes new states down.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Header

from wizard.app.navigation import neighbour, next_waiting, step_entry
from wizard.app.probing import ProbeRequest
from wizard.app.session import ReviewSession
from wizard.core.errors import BadInputError, ReviewFileError
from wizard.core.evaluation.evaluate import Evaluation
from wizard.core.evidence.snapshot import target_python
from wizard.core.history.reopen import changes_since_last_session
from wizard.core.review.flow import questions_in_order, resume_point
from wizard.core.safety.terminal import one_line
from wizard.tui.focusing import focus_now
from wizard.tui.messages import (
    AnswerSubmitted,
    ItemChosen,
    ProbeFinished,
    ProbeProgress,
    StepChosen,
)
from wizard.tui.screens.review_palette import PaletteEntry, review_palette
from wizard.tui.view_state import navigator_state, question_state
from wizard.tui.widgets.changes_banner import ChangesBanner
from wizard.tui.widgets.checklist_pane import ChecklistPane, ItemList
from wizard.tui.widgets.probe_status import ProbeState, ProbeStatus
from wizard.tui.widgets.question_view import QuestionView
from wizard.tui.widgets.review_summary import summary_content
from wizard.tui.widgets.steady_footer import SteadyFooter
from wizard.tui.widgets.step_navigator import StepNavigator

if TYPE_CHECKING:
    from wizard.core.review.observations import ProbeSnapshot
    from wizard.tui.probe_job import ProbeJob


class ReviewScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "next_question", "Next", tooltip="Next question (skip)"),
        # Not ctrl+b or ctrl+a: those are tmux's and screen's prefixes and never reach us there.
        Binding("ctrl+y", "previous_question", "Back", tooltip="Previous question"),
        Binding("ctrl+r", "run_probes", "Probe", tooltip="Re-run probe, preflight and scan"),
        Binding(
            "ctrl+t", "focus_checklist", "Items", show=False, tooltip="Go to the checklist items"
        ),
        Binding("ctrl+g", "focus_steps", "Steps", show=False, tooltip="Go to the step navigator"),
        Binding("ctrl+l", "reload", "Reload", show=False, tooltip="Read the file again from disk"),
        Binding("ctrl+o", "sign_off", "Sign", tooltip="Approve or reject the review as it is"),
        Binding("ctrl+f", "export", "Export", show=False, tooltip="Write an export (any format)"),
        Binding("escape", "hide_banner", "Hide banner", show=False),
    ]
    # Textual declares this without ClassVar, so it cannot be annotated as one here.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (96, "-medium"), (130, "-wide"), (170, "-xwide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-short"), (40, "-tall")]  # noqa: RUF012

    def __init__(self, session: ReviewSession, *, run_probes_on_start: bool) -> None:
        super().__init__()
        self.session = session
        self.run_probes_on_start = run_probes_on_start
        self.current: str | None = None
        self.evaluation: Evaluation | None = None
        self.probe_running = False
        self.probes_finished = 0
        self._first_probe = True
        self._resumed_before = False
        self._job: ProbeJob | None = None
        self._closing = False  # set on unmount; a probe thread that starts later cancels itself

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="panes"):
            yield StepNavigator(id="steps")
            yield QuestionView(id="question")
            yield ChecklistPane(id="checklist")
        yield ProbeStatus(id="probe-status")
        yield SteadyFooter()

    def on_mount(self) -> None:
        review = self.session.review
        self.title = one_line(review.title)
        self.sub_title = f"{self.session.path.name} · {review.host} · {review.engine}"
        start = resume_point(review)
        self.current = start.id if start else None
        if self.session.reopened:
            self.show_changes(
                changes_since_last_session(review, self.session.operator, self.session.today)
            )
        if review.probe is not None:
            self.query_one(ProbeStatus).state = self._probe_state(review.probe)
        self.refresh_view()
        if self.run_probes_on_start:
            # After the first frame, so opening never waits for a subprocess.
            self.call_after_refresh(self.action_run_probes)

    # ------------------------------------------------------------------ pushing state down

    def show_changes(self, lines: list[str]) -> None:
        """The re-open banner, mounted only when there is something to say."""
        found = self.query(ChangesBanner)
        if found:
            found.first().lines = tuple(lines)
        elif lines:
            banner = ChangesBanner(id="changes")
            banner.lines = tuple(lines)
            self.mount(banner, before="#panes")
        self.refresh_bindings()

    def refresh_view(self) -> None:
        review = self.session.review
        ids = {q.id for q in questions_in_order(review)}
        if self.current is not None and self.current not in ids:
            self.current = next_waiting(review, None)
        self.evaluation = self.session.evaluate()
        with self.app.batch_update():
            checklist = self.query_one(ChecklistPane)
            checklist.evaluation = self.evaluation
            checklist.border_subtitle = self.session.signoff_line()
            self.query_one(StepNavigator).state = navigator_state(review, self.current)
            view = self.query_one(QuestionView)
            view.summary = summary_content(self.evaluation)
            view.state = state = question_state(review, self.current)
            checklist.watching = state.question.items if state.question is not None else ()

    def go_to(self, question_id: str | None) -> None:
        self.current = question_id
        self.refresh_view()

    # ------------------------------------------------------------------ messages from below

    def on_answer_submitted(self, message: AnswerSubmitted) -> None:
        view = self.query_one(QuestionView)
        try:
            self.session.answer(
                message.question_id, message.raw, note=message.note, evidence=message.evidence
            )
        except ReviewFileError as refused:
            view.error = (
                f"{refused.message} Your typed answer is still here: press ctrl+l to reload "
                "the file, then Enter to save it again."
            )
            return
        except BadInputError as rejected:
            view.error = rejected.message
            return
        self.go_to(next_waiting(self.session.review, message.question_id))

    def on_step_chosen(self, message: StepChosen) -> None:
        self.go_to(step_entry(self.session.review, message.step_id))
        self._focus_answer()

    def on_item_chosen(self, message: ItemChosen) -> None:
        from wizard.tui.screens.item_detail import ItemDetailScreen

        def jump(question_id: str | None) -> None:
            if question_id is not None:
                self.go_to(question_id)
                self._focus_answer()

        self.app.push_screen(ItemDetailScreen(self.session, message.item_id), jump)

    def on_screen_resume(self) -> None:
        # Back from the item view or a waiver: the review may have changed there. The first
        # resume comes straight after on_mount, which has just drawn everything.
        if self._resumed_before:
            self.refresh_view()
        self._resumed_before = True

    # ------------------------------------------------------------------ probes in a worker

    def action_run_probes(self) -> None:
        if self.probe_running:
            self.notify("The probe is already running.", severity="warning")
            return
        self.probe_running = True
        self.query_one(ProbeStatus).state = ProbeState("running", 1, "starting")
        self._probe(ProbeRequest.of(self.session))

    @work(thread=True, group="probe", name="probe", exit_on_error=False)
    def _probe(self, request: ProbeRequest) -> None:
        from wizard.core.evidence.snapshot import failed_snapshot
        from wizard.tui.probe_job import ProbeJob

        def progress(stage: int, label: str) -> None:
            self.post_message(ProbeProgress(stage, label))

        job = self._job = ProbeJob(request)
        if self._closing:  # the screen went away before this thread ran: on_unmount saw no job
            job.cancel()
        try:
            snapshot = job.run(progress)
        except Exception as error:  # a crash must surface as a failed probe, not a traceback
            snapshot = failed_snapshot(f"the probe crashed: {type(error).__name__}: {error}")
        if snapshot is not None:  # None: cancelled because the app is closing
            self.post_message(ProbeFinished(snapshot))

    def on_unmount(self) -> None:
        # Quitting never waits for a slow target interpreter: kill the helper and its children.
        self._closing = True
        if self._job is not None:
            self._job.cancel()

    def on_probe_progress(self, message: ProbeProgress) -> None:
        self.query_one(ProbeStatus).state = ProbeState("running", message.stage, message.label)

    def on_probe_finished(self, message: ProbeFinished) -> None:
        self.probe_running = False
        self.probes_finished += 1
        session = self.session
        if self._first_probe and session.reopened:
            self.show_changes(
                changes_since_last_session(
                    session.review, session.operator, session.today, new_probe=message.snapshot
                )
            )
        self._first_probe = False
        try:
            session.apply_probe(message.snapshot)
        except BadInputError as problem:
            self.notify(problem.message, severity="error", timeout=10)
        self.query_one(ProbeStatus).state = self._probe_state(message.snapshot)
        self.refresh_view()

    def _probe_state(self, snapshot: ProbeSnapshot) -> ProbeState:
        no_target = target_python(self.session.review, self.session.python) is None
        return ProbeState("done", snapshot=snapshot, no_target=no_target)

    # ------------------------------------------------------------------ actions

    def action_next_question(self) -> None:
        review = self.session.review
        if self.current is None:  # from the summary, back to whatever still needs the operator
            self.go_to(next_waiting(review, None) or neighbour(review, None, +1))
        else:
            self.go_to(neighbour(review, self.current, +1))
        self._focus_answer()

    def action_previous_question(self) -> None:
        self.go_to(neighbour(self.session.review, self.current, -1))
        self._focus_answer()

    def action_focus_checklist(self) -> None:
        self.query_one(ItemList).focus()

    def action_focus_steps(self) -> None:
        self.query_one(StepNavigator).focus()

    def action_reload(self) -> None:
        try:
            self.session.reload()
        except ReviewFileError as problem:
            self.notify(problem.message, severity="error", timeout=10)
            return
        self.refresh_view()
        self.notify(f"Reloaded {self.session.path.name} from disk.")

    def action_sign_off(self) -> None:
        # Imported on demand: the sign-off module is not needed to show the review.
        from wizard.tui.screens.signoff import SignOffScreen

        self.app.push_screen(SignOffScreen(self.session))

    def action_export(self) -> None:
        from wizard.tui.screens.export import ExportScreen

        self.app.push_screen(ExportScreen(self.session))

    def action_hide_banner(self) -> None:
        for banner in self.query(ChangesBanner):
            banner.display = False
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "hide_banner":
            return any(banner.display for banner in self.query(ChangesBanner))
        return True

    def _focus_answer(self) -> None:
        widget = self.query_one(QuestionView).answer_input()
        if widget is not None:
            focus_now(widget)

    def palette_commands(self) -> Iterator[PaletteEntry]:
        """What the command palette offers on this screen (the app turns them into commands)."""
        return review_palette(self)
