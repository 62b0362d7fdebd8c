"""The current question: prompt, help, doc, the answer widget for its type, note and evidence.

It validates nothing itself and saves nothing: Enter posts AnswerSubmitted and the screen
answers back through ``error`` (shown inline) or a new ``state``.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Input, Static

from wizard.core.knowledge import Question
from wizard.core.model import Answer
from wizard.tui.messages import AnswerSubmitted
from wizard.tui.session import split_links
from wizard.tui.view_state import QuestionState
from wizard.tui.widgets.answer_choice import ChoiceAnswer
from wizard.tui.widgets.answer_events import AnswerReady
from wizard.tui.widgets.answer_multi import MultiAnswer
from wizard.tui.widgets.answer_text import TextAnswer, shown_value

AnswerWidget = ChoiceAnswer | MultiAnswer | TextAnswer
HINTS = {
    "choice": "↑↓ pick · Enter saves",
    "bool": "↑↓ pick · Enter saves",
    "multi": "↑↓ move · Space toggles · Enter saves",
}
WIDGET_FOR_TYPE: dict[str, type[AnswerWidget]] = {
    "choice": ChoiceAnswer,
    "bool": ChoiceAnswer,
    "multi": MultiAnswer,
}


def saved_line(saved: Answer | None, stale: str | None) -> Content:
    if saved is None:
        return Content.styled("Not answered yet.", "$text-muted")
    when = saved.at.strftime("%Y-%m-%d %H:%M UTC")
    source = "probe" if saved.is_probe else saved.by
    text = Content.assemble(
        "Saved: ",
        Content.styled(shown_value(saved.value) or "(none)", "bold"),
        Content.styled(f"  {source}, {when}, {saved.provenance}", "$text-muted"),
    )
    if stale is None:
        return text
    warning = Content.styled(f"! Needs attention: {stale}; confirm or change it.", "$text-warning")
    return Content.assemble(text, "\n", warning)


class QuestionView(VerticalScroll):
    state: reactive[QuestionState | None] = reactive(None, always_update=True)
    error: reactive[str] = reactive("")
    summary: reactive[Content] = reactive(Content(""), always_update=True)

    def compose(self) -> ComposeResult:
        with Vertical(id="asking"):
            yield Static(id="step-line", classes="muted")
            yield Static(id="prompt")
            yield Static(id="saved")
            with Vertical(id="answer-slot"):
                yield ChoiceAnswer(classes="answer-widget")
                yield MultiAnswer(classes="answer-widget")
                yield TextAnswer(classes="answer-widget", validate_on=["changed", "submitted"])
            yield Static(id="error")
            yield Input(placeholder="Note (optional)", id="note", compact=True)
            yield Input(
                placeholder="Evidence links (optional, comma-separated)",
                id="evidence",
                compact=True,
            )
            yield Static(id="hint", classes="muted")
            yield Static(id="help")
            yield Static(id="doc", classes="muted")
        yield Static(id="done")

    def on_mount(self) -> None:
        self.border_title = "Question"

    @property
    def question(self) -> Question | None:
        return self.state.question if self.state else None

    def answer_input(self) -> AnswerWidget | None:
        """The answer widget in use for the current question (the others are hidden)."""
        if self.question is None:
            return None
        kind = WIDGET_FOR_TYPE.get(self.question.type, TextAnswer)
        return self.query_one(kind)

    def watch_state(self, old: QuestionState | None, state: QuestionState | None) -> None:
        if state is None:
            return
        with self.app.batch_update():
            self._show(old, state)

    def _show(self, old: QuestionState | None, state: QuestionState) -> None:
        asking = state.question is not None
        self.query_one("#asking").display = asking
        self.query_one("#done").display = not asking
        if state.question is None:
            self.border_title = "Summary"
            return
        question = state.question
        self.border_title = f"Step {state.step_number} · {state.step_title}"
        self.query_one("#step-line", Static).update(
            f"Question {state.position} of {state.step_total} · {question.id}"
            + ("" if question.required else " · optional")
        )
        self.query_one("#prompt", Static).update(Content.styled(state.prompt, "bold"))
        self.query_one("#saved", Static).update(saved_line(state.saved, state.stale))
        self.query_one("#help", Static).update(question.help)
        self.query_one("#doc", Static).update(f"Read: {question.doc}")
        self.query_one("#hint", Static).update(
            HINTS.get(question.type, "Enter saves") + " · Tab: note, evidence"
        )
        if old is not None and old.question == question:
            return  # keep what is being typed; only the labels above changed
        self.error = ""
        widget = self.answer_input()
        assert widget is not None
        for candidate in self.query(".answer-widget"):
            candidate.display = candidate is widget
        widget.load(question, state.host, state.prefill)
        saved = state.saved
        self.query_one("#note", Input).value = (saved.note or "") if saved else ""
        self.query_one("#evidence", Input).value = ", ".join(saved.evidence) if saved else ""
        widget.focus()

    def watch_error(self, error: str) -> None:
        label = self.query_one("#error", Static)
        label.update(Content.styled(error, "$text-error") if error else "")
        label.display = bool(error)

    def watch_summary(self, summary: Content) -> None:
        self.query_one("#done", Static).update(summary)

    def on_input_changed(self, event: Input.Changed) -> None:
        if isinstance(event.input, TextAnswer):
            result = event.validation_result
            failures = result.failure_descriptions if result is not None else []
            self.error = failures[0] if failures and event.value.strip() else ""

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    def on_answer_ready(self, event: AnswerReady) -> None:
        event.stop()
        self.submit()

    def submit(self) -> None:
        widget = self.answer_input()
        if widget is None or self.question is None:
            return
        self.post_message(
            AnswerSubmitted(
                self.question.id,
                widget.raw_value(),
                self.query_one("#note", Input).value,
                split_links(self.query_one("#evidence", Input).value),
            )
        )
