"""The closing view of a walk: the verdict, and what still stands between the review and ready."""

from __future__ import annotations

from textual.content import Content

from wizard.core.evaluation.evaluate import Evaluation
from wizard.tui.widgets.checklist_pane import verdict_content


def summary_content(evaluation: Evaluation) -> Content:
    """The closing view: the verdict, and what still stands between the review and ready."""
    still_open = evaluation.open_questions
    if still_open:
        first = Content.styled(
            f"{len(still_open)} question(s) still need an answer, first {still_open[0]}.",
            "bold",
        )
    else:
        first = Content.styled("Every applicable question has a live answer.", "bold")
    lines = [first, Content.assemble("Checklist: ", verdict_content(evaluation))]
    waiting = [item for item in evaluation.items if item.status not in ("pass", "waived")]
    if waiting:
        lines.append(Content("Still to settle (ctrl+t, then Enter on an item, shows why):"))
        lines += [Content(f"  {item.status:<6} {item.title}") for item in waiting]
    lines.append(
        Content.styled(
            "ctrl+n goes to the first question that needs you · ctrl+r re-runs the probes · "
            "ctrl+o signs off",
            "$foreground-muted",
        )
    )
    return Content("\n").join(lines)
