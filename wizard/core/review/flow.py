"""The order in which a review is walked: one definition shared by the TUI and the prompts.

Both front ends ask ``questions_in_order(review)``; neither keeps its own list, so they cannot
drift apart (a test compares them).
"""

from __future__ import annotations

from wizard.core.kb.knowledge import Question, Step, load_knowledge
from wizard.core.records import Record, record
from wizard.core.review.conditions import applies, current_value, staleness
from wizard.core.review.model import Review


@record(frozen=True, kw_only=False)
class StepProgress(Record):
    step: Step
    answered: int
    total: int


def steps() -> tuple[Step, ...]:
    return load_knowledge().steps


def questions_in_order(review: Review, step_id: str | None = None) -> list[Question]:
    """Applicable questions, step by step, in knowledge-base order (conditions re-run each call)."""
    kb = load_knowledge()
    chosen = [step.id for step in kb.steps if step_id is None or step.id == step_id]
    return [
        question
        for sid in chosen
        for question in kb.questions_for_step(sid)
        if applies(review, question)
    ]


def is_answered(review: Review, question: Question) -> bool:
    """Answered, applicable and not stale."""
    return current_value(review, question.id) is not None


def needs_attention(review: Review, question: Question) -> bool:
    answer = review.answers.get(question.id)
    return answer is not None and staleness(review, question, answer) is not None


def waiting(review: Review) -> list[Question]:
    """Applicable questions without a live answer (unanswered or stale), in the walk's order."""
    return [
        question for question in questions_in_order(review) if not is_answered(review, question)
    ]


def resume_point(review: Review) -> Question | None:
    """Where the operator left off: the first applicable question without a live answer."""
    return next((q for q in questions_in_order(review) if not is_answered(review, q)), None)


def progress(review: Review) -> list[StepProgress]:
    result = []
    for step in steps():
        questions = questions_in_order(review, step.id)
        answered = sum(1 for q in questions if is_answered(review, q))
        result.append(StepProgress(step, answered, len(questions)))
    return result
