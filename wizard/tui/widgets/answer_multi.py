"""Answering a multi-choice question: Space toggles, Enter submits the selection."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets.selection_list import Selection

from wizard.core.kb.knowledge import AnswerValue, Question
from wizard.tui.widgets.answer_events import AnswerReady
from wizard.tui.widgets.option_lists import SturdySelectionList


class MultiAnswer(SturdySelectionList):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit_answer", "Save answer", show=False)
    ]

    question: Question | None = None

    def load(self, question: Question, host: str, prefill: AnswerValue | None) -> None:
        self.question = question
        chosen = set(prefill) if isinstance(prefill, list) else set()
        self.clear_options()
        self.add_options(
            Selection(choice.label, choice.value, choice.value in chosen)
            for choice in question.choices_for(host)
        )
        self.highlighted = 0

    def raw_value(self) -> object:
        return list(self.selected)

    def action_submit_answer(self) -> None:
        self.post_message(AnswerReady())
