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

from wizard.app.inputs import split_links
from wizard.core.kb.knowledge import Question
from wizard.core.review.model import Answer
from wizard.core.review.values import format_value
from wizard.core.safety.terminal import one_line
from wizard.tui.focusing import focus_now
from wizard.tui.messages import AnswerSubmitted
from wizard.tui.view_state import OutlineRow, QuestionState
from wizard.tui.widgets.answer_choice import ChoiceAnswer
from wizard.tui.widgets.answer_events import AnswerReady
from wizard.tui.widgets.answer_multi import MultiAnswer
from wizard.tui.widgets.answer_text import TextAnswer
from wizard.tui.widgets.guide_link import guide_link
from wizard.tui.widgets.question_evidence import EvidencePanel

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


def outline_content(rows: tuple[OutlineRow, ...]) -> Content:
    """The step's questions in order: done, this one, still to come (a glyph for each)."""
    lines = [Content.styled("In this step", "bold $foreground-muted")]
    for row in rows:
        mark = "▸" if row.current else ("✓" if row.answered else "·")
        style = "bold" if row.current else ("" if row.answered else "$foreground-muted")
        lines.append(Content.assemble(f"{mark} ", Content.styled(one_line(row.prompt), style)))
    return Content("\n").join(lines)


def saved_line(saved: Answer | None, stale: str | None) -> Content:
    if saved is None:
        return Content.styled("Not answered yet.", "$foreground-muted")
    when = saved.at.strftime("%Y-%m-%d %H:%M UTC")
    source = "probe" if saved.is_probe else saved.by
    text = Content.assemble(
        "Saved: ",
        Content.styled(one_line(format_value(saved.value)) or "(none)", "bold"),
        Content.styled(one_line(f"  {source}, {when}, {saved.provenance}"), "$foreground-muted"),
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
        # Few widgets on purpose: every widget costs start-up time (see docs/performance.md).
        with Vertical(id="asking"):
            yield Static(id="head")
            yield EvidencePanel(id="evidence-panel")
            # Answer widgets are mounted on first use, one per kind, then reused.
            yield Vertical(id="answer-slot")
            yield Static(id="error")
            yield Input(placeholder="Note (optional)", id="note", compact=True)
            yield Input(
                placeholder="Evidence links (optional, comma-separated)",
                id="evidence",
                compact=True,
            )
            yield Static(id="foot")
            yield Static(id="outline")
        yield Static(id="done")

    def on_mount(self) -> None:
        self.border_title = "Question"

    @property
    def question(self) -> Question | None:
        return self.state.question if self.state else None

    _answering: AnswerWidget | None = None

    def answer_input(self) -> AnswerWidget | None:
        """The answer widget in use for the current question (the others are hidden)."""
        return self._answering if self.question is not None else None

    def _widget_for(self, question: Question) -> AnswerWidget:
        kind = WIDGET_FOR_TYPE.get(question.type, TextAnswer)
        found = self.query(kind)
        if found:
            return found.first()
        widget: AnswerWidget
        if kind is TextAnswer:
            widget = TextAnswer(classes="answer-widget", validate_on=["changed", "submitted"])
        else:
            widget = kind(classes="answer-widget")
        self.query_one("#answer-slot").mount(widget)
        return widget

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
        where = f"Question {state.position} of {state.step_total} · {question.id}"
        where += "" if question.required else " · optional"
        self.query_one("#head", Static).update(
            Content("\n").join(
                [
                    Content.styled(where, "$foreground-muted"),
                    Content(""),
                    Content.styled(state.prompt, "bold"),
                    saved_line(state.saved, state.stale),
                ]
            )
        )
        self.query_one(EvidencePanel).evidence = state.evidence
        hint = HINTS.get(question.type, "Enter saves") + " · Tab: note, evidence"
        self.query_one("#foot", Static).update(
            Content("\n").join(
                [
                    Content.styled(hint, "$foreground-muted"),
                    Content(""),
                    Content(state.help),
                    guide_link("Read: ", state.doc),
                ]
            )
        )
        self.query_one("#outline", Static).update(outline_content(state.outline))
        if old is not None and old.question == question and self._answering is not None:
            return  # keep what is being typed; only the labels above changed
        self.error = ""
        widget = self._answering = self._widget_for(question)
        for candidate in self.query(".answer-widget"):
            candidate.display = candidate is widget
        widget.display = True
        widget.load(question, state.host, state.prefill)
        saved = state.saved
        self.query_one("#note", Input).value = (saved.note or "") if saved else ""
        self.query_one("#evidence", Input).value = ", ".join(saved.evidence) if saved else ""
        focus_now(widget)

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
