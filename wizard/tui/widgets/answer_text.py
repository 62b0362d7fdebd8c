"""Answering text, path, version and number questions, validated by the core as you type."""

from __future__ import annotations

from textual.validation import ValidationResult, Validator
from textual.widgets import Input

from wizard.core.errors import AnswerRejected
from wizard.core.kb.knowledge import AnswerValue, Question
from wizard.core.review.answers import parse_answer
from wizard.core.review.values import format_value

PLACEHOLDERS = {
    "version": "a version such as 3.2.0",
    "number": "a number",
    "path": "a path, relative to the project",
    "text": "your answer",
}


class CoreValidation(Validator):
    """The same ``parse_answer`` every front end uses, so the inline message is the real one."""

    def __init__(self, question: Question, host: str) -> None:
        super().__init__()
        self.question = question
        self.host = host

    def validate(self, value: str) -> ValidationResult:
        try:
            parse_answer(self.question, value, self.host)
        except AnswerRejected as rejected:
            return self.failure(rejected.message)
        return self.success()


class TextAnswer(Input):
    question: Question | None = None

    def load(self, question: Question, host: str, prefill: AnswerValue | None) -> None:
        self.question = question
        placeholder = PLACEHOLDERS.get(question.type, "your answer")
        if not question.required:
            placeholder += " (may stay empty)"
        self.placeholder = placeholder
        self.validators = [CoreValidation(question, host)]
        self.value = format_value(prefill)
        self.cursor_position = len(self.value)

    def raw_value(self) -> object:
        return self.value
