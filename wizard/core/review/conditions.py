"""When a question applies, and when an earlier answer has gone stale.

A question applies when its ``when`` tables match today's answers. An answer is stale when
something it depended on (a condition key, a ``depends`` entry, or the host offering its choice)
has changed since it was given. Stale answers are kept in the file but do not count until the
operator confirms them again.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wizard.core.kb.knowledge import AnswerValue, Question, load_knowledge

if TYPE_CHECKING:
    from wizard.core.review.model import Answer, Review


# While one evaluation runs, the review does not change, so each question's live value can be
# computed once instead of once per rule that asks; outside `frozen_review` nothing is cached.
_LIVE_VALUES: ContextVar[dict[tuple[int, str], AnswerValue | None] | None] = ContextVar(
    "live_values", default=None
)


@contextmanager
def frozen_review() -> Iterator[None]:
    """Cache live answer values for the duration of a read-only pass over one review."""
    token = _LIVE_VALUES.set({})
    try:
        yield
    finally:
        _LIVE_VALUES.reset(token)


@dataclass(frozen=True)
class Staleness:
    question_id: str
    changed: tuple[str, ...]

    def explain(self) -> str:
        return f"{self.question_id} was answered before {', '.join(self.changed)} changed"


def key_value(review: Review, key: str) -> AnswerValue | None:
    """The value a condition key has now: host, engine or a (live) answer."""
    if key == "host":
        return review.host
    if key == "engine":
        return review.engine
    return current_value(review, key)


def _table_matches(review: Review, table: dict[str, list[object]]) -> bool:
    for key, accepted in table.items():
        value = key_value(review, key)
        if value is None:
            return False
        if isinstance(value, list):
            if not any(element in accepted for element in value):
                return False
        elif value not in accepted:
            return False
    return True


def applies(review: Review, question: Question) -> bool:
    if not question.when:
        return True
    return any(_table_matches(review, table) for table in question.when)


def basis_for(review: Review, question: Question) -> dict[str, AnswerValue]:
    """What an answer to ``question`` assumes right now; stored alongside the answer."""
    basis: dict[str, AnswerValue] = {}
    for key in question.condition_keys():
        value = key_value(review, key)
        if value is not None:
            basis[key] = value
    return basis


def staleness(review: Review, question: Question, answer: Answer) -> Staleness | None:
    changed = [
        key for key in question.condition_keys() if answer.basis.get(key) != key_value(review, key)
    ]
    if question.type == "choice" and isinstance(answer.value, str) and answer.value:
        choice = question.choice(answer.value)
        if choice is not None and not choice.offered_for(review.host):
            changed.append("host")
    if question.type == "multi" and isinstance(answer.value, list):
        offered = {choice.value for choice in question.choices_for(review.host)}
        if any(value not in offered for value in answer.value):
            changed.append("host")
    if not changed:
        return None
    return Staleness(question.id, tuple(dict.fromkeys(changed)))


def current_value(review: Review, question_id: str) -> AnswerValue | None:
    memo = _LIVE_VALUES.get()
    if memo is None:
        return _compute_current_value(review, question_id)
    key = (id(review), question_id)
    if key not in memo:
        memo[key] = _compute_current_value(review, question_id)
    return memo[key]


def _compute_current_value(review: Review, question_id: str) -> AnswerValue | None:
    question = load_knowledge().question(question_id)
    answer = review.answers.get(question_id)
    if question is None or answer is None:
        return None
    if not applies(review, question) or staleness(review, question, answer) is not None:
        return None
    return answer.value


def stale_answers(review: Review) -> list[Staleness]:
    found: list[Staleness] = []
    kb = load_knowledge()
    for question in kb.questions:
        answer = review.answers.get(question.id)
        if answer is None or not applies(review, question):
            continue
        stale = staleness(review, question, answer)
        if stale is not None:
            found.append(stale)
    return found
