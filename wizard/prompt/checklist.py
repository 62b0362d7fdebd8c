"""Plain-text summaries for the prompt mode, rendered only from the core's evaluation and flow."""

from __future__ import annotations

from wizard.core.evaluation.evaluate import STATUS_LABELS as MARKS
from wizard.core.evaluation.evaluate import STATUS_ORDER, Evaluation
from wizard.core.review.flow import needs_attention, waiting
from wizard.core.review.model import Review


def checklist_lines(evaluation: Evaluation) -> list[str]:
    """One line per item (status and title), then one line with the verdict and the counts."""
    lines = [f"  {MARKS[item.status]:<6} {item.title}" for item in evaluation.items]
    counts = evaluation.counts()
    tally = ", ".join(f"{counts[status]} {status}" for status in STATUS_ORDER if counts[status])
    verdict = "READY" if evaluation.ready else "NOT READY"
    lines.append(f"  {verdict} ({tally})")
    return lines


def waiting_lines(review: Review) -> list[str]:
    """One line per waiting question: id, step, prompt, and why it is waiting when not obvious."""
    lines = []
    for question in waiting(review):
        marks = []
        if needs_attention(review, question):
            marks.append("stale: confirm or change it")
        if not question.required:
            marks.append('optional: answer "" to leave it empty')
        suffix = f"  [{'; '.join(marks)}]" if marks else ""
        prompt = question.render_prompt(review.host, review.engine)
        lines.append(f"  {question.id} ({question.step}): {prompt}{suffix}")
    return lines
