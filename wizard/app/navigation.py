"""Moving through a review: where to resume, what comes next, where a step begins.

Pure functions of the review and the core's flow, shared by the TUI and the prompts so both walk
the same questions in the same order (a test compares them).
"""

from __future__ import annotations

from wizard.core.kb.knowledge import Question
from wizard.core.review.flow import is_answered, questions_in_order
from wizard.core.review.model import Review


def next_waiting(review: Review, after: str | None, *, wrap: bool = True) -> str | None:
    """The next question after ``after`` that still needs the operator (unanswered or stale).

    With ``wrap`` the search continues from the start, so nothing left open is skipped.
    """
    order = questions_in_order(review)
    ids = [q.id for q in order]
    start = ids.index(after) + 1 if after in ids else 0
    candidates = order[start:] + (order[:start] if wrap else [])
    return next((q.id for q in candidates if not is_answered(review, q)), None)


def step_entry(review: Review, step_id: str) -> str | None:
    """Where choosing a step lands: its first question that needs the operator, else its first."""
    in_step = questions_in_order(review, step_id)
    first = in_step[0] if in_step else None
    chosen = next((q for q in in_step if not is_answered(review, q)), first)
    return chosen.id if chosen else None


def neighbour(review: Review, current: str | None, offset: int) -> str | None:
    """The literal next (+1) or previous (-1) question; None past the end is the summary."""
    ids = [q.id for q in questions_in_order(review)]
    if not ids:
        return None
    if current not in ids:
        return ids[-1] if offset < 0 else ids[0]
    index = ids.index(current) + offset
    if index < 0:
        return ids[0]
    return ids[index] if index < len(ids) else None


def next_in_walk(review: Review, after: Question, revisiting: bool) -> tuple[Question | None, bool]:
    """The prompt walk's next question: in order while revisiting, else the next one waiting.

    Returns the question and whether the walk is still revisiting answered ones.
    """
    order = questions_in_order(review)
    ids = [question.id for question in order]
    rest = order[ids.index(after.id) + 1 :] if after.id in ids else order
    if revisiting and rest:
        return rest[0], is_answered(review, rest[0])
    waiting = next((question for question in rest if not is_answered(review, question)), None)
    return waiting, False


def previous_in_history(review: Review, history: list[str]) -> Question | None:
    """The most recent question of ``history`` that still applies (popping as it goes)."""
    applicable = {question.id: question for question in questions_in_order(review)}
    while history:
        candidate = applicable.get(history.pop())
        if candidate is not None:
            return candidate
    return None
