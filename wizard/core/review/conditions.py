"""When a question applies, and when an earlier answer has gone stale.

A question applies when its ``when`` tables match today's answers. An answer is stale when
something it depended on (a condition key or a ``depends`` entry) has changed since it was given,
or when it holds a value the question cannot take: a choice this host does not offer, or no
choice at all (a hand-edited file). Stale answers are kept in the file but do not count until the
operator confirms or changes them; the explanation names what is really wrong.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

from wizard.core.kb.knowledge import AnswerValue, Question, load_knowledge
from wizard.core.kb.registry import host_label
from wizard.core.records import Record, record

if TYPE_CHECKING:
    from wizard.core.review.model import Answer, Review


# While one evaluation runs, the review does not change, so each question's live value can be
# computed once instead of once per rule that asks; outside `frozen_review` nothing is cached.
_LIVE_VALUES: ContextVar[dict[tuple[int, str], AnswerValue | None] | None] = ContextVar(
    "live_values", default=None
)


# Likewise each stored answer's staleness: listing the stale answers and working out the live
# values both need it, and an answered review used to judge most answers twice.
_STALENESS: ContextVar[dict[tuple[int, str], Staleness | None] | None] = ContextVar(
    "staleness", default=None
)


@contextmanager
def frozen_review() -> Iterator[None]:
    """Cache live answer values for the duration of a read-only pass over one review."""
    token = _LIVE_VALUES.set({})
    stale_token = _STALENESS.set({})
    try:
        yield
    finally:
        _STALENESS.reset(stale_token)
        _LIVE_VALUES.reset(token)


@record(frozen=True, kw_only=False)
class Staleness(Record):
    question_id: str
    # Condition keys whose value today differs from the one the answer was given with.
    changed: tuple[str, ...] = ()
    # Answered values this review's host does not offer (another host's choices).
    not_offered: tuple[str, ...] = ()
    # Answered values that are no choice of the question for any host.
    unknown: tuple[str, ...] = ()
    host: str = ""
    choices: tuple[str, ...] = ()

    def explain(self) -> str:
        parts = []
        if self.changed:
            parts.append(
                f"{self.question_id} was answered before {', '.join(self.changed)} changed"
            )
        if self.not_offered and "host" not in self.changed:
            held = ", ".join(repr(value) for value in self.not_offered)
            parts.append(
                f"{self.question_id} holds {held}, which {host_label(self.host)} does not offer"
            )
        if self.unknown:
            held = ", ".join(repr(value) for value in self.unknown)
            parts.append(
                f"{self.question_id} holds {held}, which is not one of its choices "
                f"({', '.join(self.choices)})"
            )
        return "; ".join(parts)

    @property
    def only_unknown_values(self) -> bool:
        """Nothing changed: the answer is simply not one of the choices (a hand-edited value)."""
        return bool(self.unknown) and not self.changed and not self.not_offered


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


def _held_values(question: Question, value: AnswerValue) -> list[str]:
    if question.type == "choice" and isinstance(value, str) and value:
        return [value]
    if question.type == "multi" and isinstance(value, list):
        return [str(element) for element in value]
    return []


def staleness(review: Review, question: Question, answer: Answer) -> Staleness | None:
    changed = [
        key for key in question.condition_keys() if answer.basis.get(key) != key_value(review, key)
    ]
    not_offered: list[str] = []
    unknown: list[str] = []
    for held in _held_values(question, answer.value):
        choice = question.choice(held)
        if choice is None:
            unknown.append(held)
        elif not choice.offered_for(review.host):
            not_offered.append(held)
    if not changed and not not_offered and not unknown:
        return None
    return Staleness(
        question.id,
        tuple(dict.fromkeys(changed)),
        tuple(not_offered),
        tuple(unknown),
        host=review.host,
        choices=tuple(choice.value for choice in question.choices_for(review.host)),
    )


def _stored_staleness(review: Review, question: Question, answer: Answer) -> Staleness | None:
    """``staleness`` of the answer stored for ``question``, once per frozen pass."""
    memo = _STALENESS.get()
    if memo is None:
        return staleness(review, question, answer)
    key = (id(review), question.id)
    if key not in memo:
        memo[key] = staleness(review, question, answer)
    return memo[key]


def current_value(review: Review, question_id: str) -> AnswerValue | None:
    if question_id not in review.answers:
        return None  # unanswered has no live value: no memo or knowledge-base look-up needed
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
    if not applies(review, question) or _stored_staleness(review, question, answer) is not None:
        return None
    return answer.value


def value_for_probe(review: Review, question_id: str) -> AnswerValue | None:
    """The value the probe passes on: the live one, or a hand-edited value no choice allows.

    An unknown operation, policy or backend must reach the real library, whose own error then
    becomes a failed check, instead of being dropped so that the preflight quietly passes.
    """
    live = current_value(review, question_id)
    if live is not None:
        return live
    question = load_knowledge().question(question_id)
    answer = review.answers.get(question_id)
    if question is None or answer is None or not applies(review, question):
        return None
    stale = _stored_staleness(review, question, answer)
    return answer.value if stale is not None and stale.only_unknown_values else None


def stale_answers(review: Review) -> list[Staleness]:
    found: list[Staleness] = []
    if not review.answers:  # a new review: nothing to be stale, no need to walk the questions
        return found
    kb = load_knowledge()
    for question in kb.questions:
        answer = review.answers.get(question.id)
        if answer is None or not applies(review, question):
            continue
        stale = _stored_staleness(review, question, answer)
        if stale is not None:
            found.append(stale)
    return found
