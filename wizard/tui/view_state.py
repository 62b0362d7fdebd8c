"""Plain view states built from the review with the core's flow functions, for the widgets."""

from __future__ import annotations

from dataclasses import dataclass

from wizard.core.evaluation.bearing import QuestionEvidence, question_evidence
from wizard.core.kb.knowledge import AnswerValue, Question, load_knowledge
from wizard.core.review.conditions import staleness
from wizard.core.review.flow import needs_attention, progress, questions_in_order
from wizard.core.review.model import Answer, Review
from wizard.tui.widgets.step_navigator import NavigatorState, StepRow


@dataclass(frozen=True)
class OutlineRow:
    """One question of the current step, for the outline a tall terminal shows under it."""

    question_id: str
    prompt: str
    answered: bool
    current: bool


@dataclass(frozen=True)
class QuestionState:
    """What the question view shows; ``question`` None means every question is done."""

    question: Question | None
    prompt: str
    step_title: str
    step_number: int
    position: int
    step_total: int
    saved: Answer | None
    stale: str | None
    host: str
    prefill: AnswerValue | None
    evidence: QuestionEvidence | None = None
    help: str = ""  # written for the review's host and engine
    doc: str = ""
    outline: tuple[OutlineRow, ...] = ()


def navigator_state(review: Review, current: str | None) -> NavigatorState:
    current_step = None
    if current is not None:
        question = load_knowledge().question(current)
        current_step = question.step if question else None
    rows = []
    for number, entry in enumerate(progress(review), start=1):
        attention = any(
            needs_attention(review, question)
            for question in questions_in_order(review, entry.step.id)
        )
        rows.append(
            StepRow(entry.step.id, number, entry.step.title, entry.answered, entry.total, attention)
        )
    return NavigatorState(tuple(rows), current_step)


def question_state(review: Review, current: str | None) -> QuestionState:
    kb = load_knowledge()
    question = kb.question(current) if current else None
    if question is None:
        return QuestionState(None, "", "", 0, 0, 0, None, None, review.host, None)
    step_ids = [step.id for step in kb.steps]
    in_step = questions_in_order(review, question.step)
    ids = [q.id for q in in_step]
    saved = review.answers.get(question.id)
    stale = staleness(review, question, saved) if saved is not None else None
    found = question_evidence(review, question.id)
    # Evidence first: the answer the probe and scan imply is the default, then the kb's.
    implied = found.implied if found.implied is not None else question.default
    prefill = saved.value if saved is not None else implied
    return QuestionState(
        question=question,
        prompt=question.render_prompt(review.host, review.engine),
        step_title=kb.step(question.step).title,
        step_number=step_ids.index(question.step) + 1,
        position=ids.index(question.id) + 1 if question.id in ids else 0,
        step_total=len(in_step),
        saved=saved,
        stale=stale.explain() if stale is not None else None,
        host=review.host,
        prefill=prefill,
        evidence=found,
        help=question.render_help(review.host, review.engine),
        doc=question.render_doc(review.host, review.engine),
        outline=tuple(
            OutlineRow(
                q.id,
                q.render_prompt(review.host, review.engine),
                q.id in review.answers,
                q.id == question.id,
            )
            for q in in_step
        ),
    )
